import { z } from 'zod';

/**
 * The one catalogue of issue codes. The README's list, the add-in's help and the trainers' answer
 * keys are all generated from it; codes are stable once published.
 */
export interface CatalogueEntry {
  severity: 'error' | 'warning';
  /** Short Vietnamese title. */
  title: string;
  /** What the issue means. */
  meaning: string;
  /** How the clerk fixes it. */
  fix: string;
}

export const CATALOGUE = {
  // — File and structure —
  'file-unreadable': {
    severity: 'error',
    title: 'Không đọc được tệp',
    meaning: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ, bị hỏng, bị đặt mật khẩu hoặc vượt giới hạn an toàn.',
    fix: 'Mở tệp bằng Excel, lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)" không đặt mật khẩu rồi gửi lại.',
  },
  'not-da06-workbook': {
    severity: 'error',
    title: 'Không phải biểu mẫu báo cáo Đề án 06',
    meaning: 'Tệp thiếu thông tin nhận dạng của biểu mẫu do Công an tỉnh phát hành.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị; không sao chép nội dung sang tệp khác.',
  },
  'plan-mismatch': {
    severity: 'error',
    title: 'Biểu mẫu của kế hoạch khác',
    meaning: 'Biểu mẫu được tạo cho một kế hoạch khác với kế hoạch đang tổng hợp.',
    fix: 'Xin biểu mẫu đúng kế hoạch và chuyển số liệu sang.',
  },
  'plan-version-changed': {
    severity: 'warning',
    title: 'Kế hoạch đã được cập nhật',
    meaning: 'Kế hoạch đã thay đổi kể từ khi biểu mẫu được tạo.',
    fix: 'Nếu danh sách nhiệm vụ không đổi thì có thể gửi; tốt nhất xin biểu mẫu mới.',
  },
  'template-outdated': {
    severity: 'error',
    title: 'Biểu mẫu đã cũ',
    meaning: 'Phiên bản biểu mẫu không còn được chấp nhận.',
    fix: 'Xin biểu mẫu mới và chuyển số liệu sang.',
  },
  'agency-unknown': {
    severity: 'error',
    title: 'Đơn vị không có trong kế hoạch',
    meaning: 'Mã đơn vị ghi trong biểu mẫu không có trong kế hoạch.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị.',
  },
  'agency-mismatch': {
    severity: 'error',
    title: 'Biểu mẫu của đơn vị khác',
    meaning: 'Biểu mẫu được tạo cho một đơn vị khác.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị mình.',
  },
  'sheet-missing': {
    severity: 'error',
    title: 'Thiếu trang tính',
    meaning: 'Biểu mẫu thiếu một trang tính bắt buộc (có thể đã bị xóa hoặc đổi tên).',
    fix: 'Không xóa hay đổi tên các trang tính; dùng lại biểu mẫu gốc.',
  },
  'header-missing': {
    severity: 'error',
    title: 'Thiếu cột',
    meaning: 'Dòng tiêu đề thiếu một cột bắt buộc (có thể đã bị xóa hoặc đổi tên).',
    fix: 'Không xóa hay đổi tên các cột; dùng lại biểu mẫu gốc.',
  },
  'task-row-missing': {
    severity: 'error',
    title: 'Thiếu dòng nhiệm vụ',
    meaning: 'Một nhiệm vụ được giao cho đơn vị không còn trong bảng (dòng đã bị xóa).',
    fix: 'Khôi phục dòng nhiệm vụ (dùng lại biểu mẫu gốc); không xóa dòng nhiệm vụ.',
  },
  'task-row-unexpected': {
    severity: 'error',
    title: 'Dòng nhiệm vụ không thuộc kế hoạch',
    meaning: 'Mã nhiệm vụ không có trong kế hoạch hoặc không được giao cho đơn vị, hoặc dòng được thêm vào.',
    fix: 'Xóa dòng thêm vào; nội dung khác ghi vào cột "Kết quả thực hiện" của nhiệm vụ liên quan.',
  },
  'task-row-duplicate': {
    severity: 'error',
    title: 'Nhiệm vụ bị lặp',
    meaning: 'Cùng một mã nhiệm vụ xuất hiện nhiều lần.',
    fix: 'Giữ một dòng cho mỗi nhiệm vụ, xóa dòng lặp.',
  },
  'indicator-row-missing': {
    severity: 'error',
    title: 'Thiếu dòng chỉ tiêu',
    meaning: 'Một chỉ tiêu đơn vị phải báo cáo không còn trong bảng.',
    fix: 'Khôi phục dòng chỉ tiêu (dùng lại biểu mẫu gốc).',
  },
  'indicator-row-unexpected': {
    severity: 'error',
    title: 'Dòng chỉ tiêu không thuộc kế hoạch',
    meaning: 'Mã chỉ tiêu không có trong kế hoạch, không giao cho đơn vị, hoặc bị lặp.',
    fix: 'Xóa dòng thêm vào hoặc dòng lặp.',
  },
  // — General information —
  'period-missing': {
    severity: 'error',
    title: 'Thiếu kỳ báo cáo',
    meaning: 'Ô "Kỳ báo cáo" để trống.',
    fix: 'Ghi kỳ báo cáo, ví dụ "Tháng 01/2023".',
  },
  'period-malformed': {
    severity: 'error',
    title: 'Kỳ báo cáo không hợp lệ',
    meaning: 'Không đọc được kỳ báo cáo.',
    fix: 'Ghi theo mẫu "Tháng 01/2023", "Quý I/2023", "6 tháng đầu năm 2023" hoặc "Năm 2023".',
  },
  'period-future': {
    severity: 'error',
    title: 'Kỳ báo cáo ở tương lai',
    meaning: 'Kỳ báo cáo chưa bắt đầu.',
    fix: 'Sửa lại kỳ báo cáo cho đúng.',
  },
  'period-mismatch': {
    severity: 'error',
    title: 'Kỳ báo cáo không khớp',
    meaning: 'Kỳ báo cáo ghi trong biểu mẫu khác với kỳ của biểu mẫu được cấp hoặc kỳ đang tổng hợp.',
    fix: 'Dùng biểu mẫu của đúng kỳ báo cáo.',
  },
  'agency-name-mismatch': {
    severity: 'warning',
    title: 'Tên đơn vị bị sửa',
    meaning: 'Tên đơn vị trong trang "Thông tin" khác với tên trong kế hoạch.',
    fix: 'Giữ nguyên tên đơn vị như biểu mẫu gốc.',
  },
  'preparer-missing': {
    severity: 'error',
    title: 'Thiếu người lập',
    meaning: 'Ô "Người lập" để trống.',
    fix: 'Ghi họ và tên cán bộ lập báo cáo.',
  },
  'report-date-missing': {
    severity: 'error',
    title: 'Thiếu ngày lập',
    meaning: 'Ô "Ngày lập" để trống.',
    fix: 'Ghi ngày lập báo cáo dạng ngày/tháng/năm, ví dụ 12/01/2023.',
  },
  'report-date-invalid': {
    severity: 'error',
    title: 'Ngày lập không hợp lệ',
    meaning: 'Ô "Ngày lập" không phải là một ngày.',
    fix: 'Ghi ngày dạng ngày/tháng/năm, ví dụ 12/01/2023.',
  },
  'report-date-out-of-period': {
    severity: 'warning',
    title: 'Ngày lập ngoài kỳ báo cáo',
    meaning: 'Ngày lập trước khi kỳ báo cáo bắt đầu hoặc sau ngày hôm nay.',
    fix: 'Kiểm tra lại ngày lập.',
  },
  // — Tasks —
  'status-missing': {
    severity: 'error',
    title: 'Thiếu trạng thái',
    meaning: 'Nhiệm vụ chưa chọn trạng thái.',
    fix: 'Chọn một trạng thái trong danh sách: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.',
  },
  'status-invalid': {
    severity: 'error',
    title: 'Trạng thái không hợp lệ',
    meaning: 'Trạng thái không thuộc danh sách cho phép.',
    fix: 'Chọn một trạng thái trong danh sách: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.',
  },
  'progress-missing': {
    severity: 'error',
    title: 'Thiếu tiến độ',
    meaning: 'Nhiệm vụ đang thực hiện nhưng chưa ghi tiến độ.',
    fix: 'Ghi tiến độ là một số từ 0 đến 100 (phần trăm).',
  },
  'progress-invalid': {
    severity: 'error',
    title: 'Tiến độ không hợp lệ',
    meaning: 'Tiến độ phải là một số từ 0 đến 100.',
    fix: 'Ghi một số từ 0 đến 100, ví dụ 80 hoặc 12,5.',
  },
  'progress-not-100': {
    severity: 'error',
    title: 'Đã hoàn thành nhưng tiến độ chưa 100%',
    meaning: 'Nhiệm vụ đã hoàn thành phải có tiến độ 100.',
    fix: 'Ghi tiến độ 100, hoặc đổi trạng thái thành "Đang thực hiện".',
  },
  'progress-not-zero': {
    severity: 'error',
    title: 'Chưa thực hiện nhưng có tiến độ',
    meaning: 'Nhiệm vụ chưa thực hiện phải có tiến độ 0.',
    fix: 'Ghi tiến độ 0, hoặc đổi trạng thái thành "Đang thực hiện".',
  },
  'completion-date-missing': {
    severity: 'error',
    title: 'Thiếu ngày hoàn thành',
    meaning: 'Nhiệm vụ đã hoàn thành phải có ngày hoàn thành.',
    fix: 'Ghi ngày hoàn thành dạng ngày/tháng/năm.',
  },
  'completion-date-invalid': {
    severity: 'error',
    title: 'Ngày hoàn thành không hợp lệ',
    meaning: 'Ô "Ngày hoàn thành" không phải là một ngày.',
    fix: 'Ghi ngày dạng ngày/tháng/năm, ví dụ 28/02/2023.',
  },
  'completion-date-after-report': {
    severity: 'error',
    title: 'Ngày hoàn thành sau ngày lập',
    meaning: 'Ngày hoàn thành không được sau ngày lập báo cáo.',
    fix: 'Sửa ngày hoàn thành, hoặc đổi trạng thái thành "Đang thực hiện" nếu chưa xong.',
  },
  'completion-date-before-plan': {
    severity: 'error',
    title: 'Ngày hoàn thành trước ngày ban hành kế hoạch',
    meaning: 'Ngày hoàn thành không được trước ngày kế hoạch bắt đầu.',
    fix: 'Kiểm tra lại năm của ngày hoàn thành.',
  },
  'completion-date-not-done': {
    severity: 'warning',
    title: 'Có ngày hoàn thành nhưng chưa hoàn thành',
    meaning: 'Nhiệm vụ chưa hoàn thành nhưng đã ghi ngày hoàn thành.',
    fix: 'Xóa ngày hoàn thành, hoặc đổi trạng thái thành "Đã hoàn thành".',
  },
  'result-missing': {
    severity: 'error',
    title: 'Thiếu kết quả thực hiện',
    meaning: 'Nhiệm vụ đang thực hiện hoặc đã hoàn thành phải nêu kết quả.',
    fix: 'Ghi tóm tắt kết quả thực hiện trong kỳ vào cột "Kết quả thực hiện".',
  },
  'recurring-result-missing': {
    severity: 'error',
    title: 'Nhiệm vụ thường xuyên thiếu kết quả',
    meaning: 'Nhiệm vụ thường xuyên phải báo cáo kết quả mỗi kỳ.',
    fix: 'Ghi kết quả thực hiện trong kỳ vào cột "Kết quả thực hiện".',
  },
  'overdue-explanation-missing': {
    severity: 'error',
    title: 'Quá hạn chưa nêu lý do',
    meaning: 'Nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành và chưa nêu khó khăn, vướng mắc.',
    fix: 'Ghi rõ khó khăn, vướng mắc và lý do chậm vào cột "Khó khăn, vướng mắc".',
  },
  // — Indicators —
  'indicator-missing': {
    severity: 'error',
    title: 'Thiếu số liệu chỉ tiêu',
    meaning: 'Chỉ tiêu phải báo cáo trong kỳ nhưng chưa có số liệu.',
    fix: 'Ghi số liệu vào cột "Tử số" (và "Mẫu số" với chỉ tiêu tỷ lệ).',
  },
  'indicator-not-number': {
    severity: 'error',
    title: 'Số liệu không phải là số',
    meaning: 'Ô số liệu chứa chữ hoặc ký tự không phải số.',
    fix: 'Chỉ ghi số, ví dụ 1.250 hoặc 1250.',
  },
  'indicator-negative': {
    severity: 'error',
    title: 'Số liệu âm',
    meaning: 'Số liệu chỉ tiêu không được âm.',
    fix: 'Ghi số từ 0 trở lên.',
  },
  'indicator-not-integer': {
    severity: 'error',
    title: 'Số đếm phải là số nguyên',
    meaning: 'Số lượng (hồ sơ, tài khoản, …) phải là số nguyên.',
    fix: 'Ghi số nguyên, không có phần thập phân.',
  },
  'numerator-exceeds-denominator': {
    severity: 'error',
    title: 'Tử số lớn hơn mẫu số',
    meaning: 'Với chỉ tiêu tỷ lệ, tử số không được lớn hơn mẫu số.',
    fix: 'Kiểm tra lại hai số: tử số là một phần của mẫu số.',
  },
  'denominator-not-applicable': {
    severity: 'warning',
    title: 'Chỉ tiêu đếm không có mẫu số',
    meaning: 'Chỉ tiêu là số đếm; ô "Mẫu số" phải để trống.',
    fix: 'Xóa số ở cột "Mẫu số".',
  },
  // — Text —
  'legacy-tcvn3': {
    severity: 'warning',
    title: 'Chữ gõ bằng bảng mã TCVN3 (ABC)',
    meaning: 'Văn bản được gõ bằng bảng mã cũ TCVN3 (phông .VnTime…), sẽ hiển thị sai trên máy khác.',
    fix: 'Dùng nút "Sửa bảng mã" trong add-in, hoặc gõ lại bằng Unicode (phông Times New Roman).',
  },
  'legacy-vni': {
    severity: 'warning',
    title: 'Chữ gõ bằng bảng mã VNI',
    meaning: 'Văn bản được gõ bằng bảng mã cũ VNI (phông VNI-Times…), sẽ hiển thị sai trên máy khác.',
    fix: 'Dùng nút "Sửa bảng mã" trong add-in, hoặc gõ lại bằng Unicode (phông Times New Roman).',
  },
  'formula-error': {
    severity: 'error',
    title: 'Ô có lỗi công thức',
    meaning: 'Ô hiển thị lỗi như #N/A, #VALUE!, #REF!.',
    fix: 'Sửa công thức hoặc ghi trực tiếp giá trị.',
  },
  'invalid-characters-removed': {
    severity: 'warning',
    title: 'Ký tự điều khiển không hợp lệ đã bị bỏ',
    meaning: 'Ô chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản (thường do sao chép từ phần mềm khác); các ký tự đó đã bị bỏ khi đọc.',
    fix: 'Kiểm tra lại nội dung ô; nên gõ lại hoặc dán dưới dạng văn bản thuần.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type IssueCode = keyof typeof CATALOGUE;
export const ISSUE_CODES = Object.keys(CATALOGUE) as IssueCode[];

export const IssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]),
  sheet: z.string(),
  /** A1 address; '' when the issue concerns the whole file. */
  cell: z.string(),
  message: z.string(),
  /** A replacement the add-in can apply with one click (legacy-encoded text). */
  fix: z.object({ replacement: z.string() }).optional(),
});

export type Issue = z.infer<typeof IssueSchema>;

export function makeIssue(code: IssueCode, sheet: string, cell: string, message: string, fix?: Issue['fix']): Issue {
  return { severity: CATALOGUE[code].severity, code, sheet, cell, message, ...(fix ? { fix } : {}) };
}

/** How a severity is named to the clerk (CLI, add-in, feedback, report). */
export const SEVERITY_LABEL = { error: 'Lỗi', warning: 'Cảnh báo' } as const;

export interface IssueCounts {
  errors: number;
  warnings: number;
}

/** The one place errors and warnings are counted. */
export function countIssues(issues: readonly Pick<Issue, 'severity'>[]): IssueCounts {
  let errors = 0;
  for (const i of issues) if (i.severity === 'error') errors++;
  return { errors, warnings: issues.length - errors };
}
