import { z } from 'zod';
import { shorten } from '../text/shorten.ts';
import { formatShortDate } from '../text/dates.ts';

/**
 * The one catalogue of issue codes. The README's list, the add-in's help and the trainers' answer
 * keys are all generated from it; codes are stable once published. It also owns the wording: an
 * issue's message is its entry's `say` (what is wrong, from parameters) followed by its `fix`.
 */
export interface CatalogueEntry {
  severity: 'error' | 'warning';
  /** Short Vietnamese title. */
  title: string;
  /** What the issue means. */
  meaning: string;
  /** How the clerk fixes it: an imperative sentence, appended to every message after "Hãy". */
  fix: string;
  /** What is wrong in this cell or file, from the issue's parameters. */
  say: (p: never) => string;
  /** The said text already tells how to fix it (the reader's reasons for an unreadable file). */
  ownFix?: true;
  /** A fix that names the place, for the message (the table keeps `fix`). */
  fixAt?: (p: never) => string;
}

/** Parameters of an entry without any. */
type Empty = Record<string, never>;

export const CATALOGUE = {
  // — File and structure —
  'file-unreadable': {
    severity: 'error',
    title: 'Không đọc được tệp',
    meaning: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ, bị hỏng, bị đặt mật khẩu hoặc vượt giới hạn an toàn.',
    fix: 'Mở tệp bằng Excel, lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)" không đặt mật khẩu rồi gửi lại.',
    say: (p: { file: string; reason: string }) => `${p.file}: ${p.reason}`,
    // The reader's reason already says how to fix this file (save as .xlsx, remove the password…).
    ownFix: true,
  },
  'not-da06-workbook': {
    severity: 'error',
    title: 'Không phải biểu mẫu báo cáo Đề án 06',
    meaning: 'Tệp thiếu thông tin nhận dạng của biểu mẫu do Công an tỉnh phát hành.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị; không sao chép nội dung sang tệp khác.',
    say: (_: Empty) => 'Tệp này không phải biểu mẫu báo cáo Đề án 06 (thiếu thông tin nhận dạng).',
  },
  'plan-mismatch': {
    severity: 'error',
    title: 'Biểu mẫu của kế hoạch khác',
    meaning: 'Biểu mẫu được tạo cho một kế hoạch khác với kế hoạch đang tổng hợp.',
    fix: 'Xin biểu mẫu đúng kế hoạch và chuyển số liệu sang.',
    say: (p: { named: string; expected?: string }) => p.expected ? `Biểu mẫu thuộc kế hoạch "${p.named}", không phải kế hoạch "${p.expected}" đang dùng.` : `Biểu mẫu thuộc kế hoạch "${p.named}", không có trong các kế hoạch đang dùng.`,
  },
  'plan-version-changed': {
    severity: 'warning',
    title: 'Kế hoạch đã được cập nhật',
    meaning: 'Kế hoạch đã thay đổi kể từ khi biểu mẫu được tạo.',
    fix: 'Xin biểu mẫu mới; nếu danh sách nhiệm vụ không đổi thì vẫn có thể gửi biểu mẫu này.',
    say: (_: Empty) => 'Kế hoạch đã được cập nhật sau khi biểu mẫu được tạo.',
  },
  'template-outdated': {
    severity: 'error',
    title: 'Biểu mẫu đã cũ',
    meaning: 'Phiên bản biểu mẫu không còn được chấp nhận.',
    fix: 'Xin biểu mẫu mới và chuyển số liệu sang.',
    say: (p: { version: string; current: string }) => `Biểu mẫu phiên bản "${p.version}" đã cũ (hiện dùng phiên bản ${p.current}).`,
  },
  'agency-unknown': {
    severity: 'error',
    title: 'Đơn vị không có trong kế hoạch',
    meaning: 'Mã đơn vị ghi trong biểu mẫu không có trong kế hoạch.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị.',
    say: (p: { code: string }) => `Mã đơn vị "${p.code}" không có trong kế hoạch.`,
  },
  'agency-replaced': {
    severity: 'warning',
    title: 'Biểu mẫu mang mã đơn vị cũ',
    meaning: 'Biểu mẫu được tạo cho một đơn vị đã được đơn vị khác thay thế (sáp nhập); số liệu được tính cho đơn vị thay thế.',
    fix: 'Dùng biểu mẫu mới của đơn vị thay thế từ kỳ báo cáo sau.',
    say: (p: { old: string; successor: string }) => `Biểu mẫu mang mã cũ "${p.old}"; đơn vị này đã được ${p.successor} thay thế nên báo cáo được tính cho ${p.successor}.`,
  },
  'agency-mismatch': {
    severity: 'error',
    title: 'Biểu mẫu của đơn vị khác',
    meaning: 'Biểu mẫu được tạo cho một đơn vị khác.',
    fix: 'Dùng đúng biểu mẫu đã được cấp cho đơn vị mình.',
    say: (p: { form: string; expected: string }) => `Biểu mẫu này của ${p.form}, không phải của ${p.expected}.`,
  },
  'sheet-missing': {
    severity: 'error',
    title: 'Thiếu trang tính',
    meaning: 'Biểu mẫu thiếu một trang tính bắt buộc (có thể đã bị xóa hoặc đổi tên).',
    fix: 'Không xóa hay đổi tên các trang tính; dùng lại biểu mẫu gốc.',
    say: (p: { sheet: string }) => `Không tìm thấy trang tính "${p.sheet}".`,
  },
  'header-missing': {
    severity: 'error',
    title: 'Thiếu cột',
    meaning: 'Dòng tiêu đề thiếu một cột bắt buộc (có thể đã bị xóa hoặc đổi tên).',
    fix: 'Không xóa hay đổi tên các cột và các dòng tiêu đề; dùng lại biểu mẫu gốc.',
    say: (p: { sheet: string; column?: string; headerRow?: number; label?: string }) => p.label ? `Trang "${p.sheet}" thiếu dòng "${p.label}".` : p.headerRow ? `Trang "${p.sheet}" thiếu cột "${p.column}" ở dòng tiêu đề ${p.headerRow}.` : `Trang "${p.sheet}" không có dòng tiêu đề với cột "${p.column}".`,
  },
  'task-row-missing': {
    severity: 'error',
    title: 'Thiếu dòng nhiệm vụ',
    meaning: 'Một nhiệm vụ được giao cho đơn vị không còn trong bảng (dòng đã bị xóa).',
    fix: 'Khôi phục dòng nhiệm vụ (dùng lại biểu mẫu gốc); không xóa dòng nhiệm vụ.',
    say: (p: { id: string; title: string; after?: string }) => `Thiếu dòng của nhiệm vụ ${p.id} (${shorten(p.title, 80)})${p.after ? `, phải ở ngay sau nhiệm vụ ${p.after}` : ''}.`,
  },
  'task-row-unexpected': {
    severity: 'error',
    title: 'Dòng nhiệm vụ không thuộc kế hoạch',
    meaning: 'Mã nhiệm vụ không có trong kế hoạch hoặc không được giao cho đơn vị, hoặc dòng được thêm vào.',
    fix: 'Xóa dòng thêm vào hoặc dòng có mã bị sửa; nội dung khác ghi vào cột "Kết quả thực hiện" của nhiệm vụ liên quan.',
    say: (p: { row: number; id?: string; otherAgency?: string }) => !p.id ? `Dòng ${p.row} có nội dung nhưng không có mã nhiệm vụ.` : p.otherAgency ? `Nhiệm vụ ${p.id} không được giao cho ${p.otherAgency}.` : `Mã nhiệm vụ "${shorten(p.id)}" không có trong kế hoạch.`,
  },
  'task-row-duplicate': {
    severity: 'error',
    title: 'Nhiệm vụ bị lặp',
    meaning: 'Cùng một mã nhiệm vụ xuất hiện nhiều lần.',
    fix: 'Giữ một dòng cho mỗi nhiệm vụ, xóa dòng lặp.',
    say: (p: { id: string; row: number }) => `Nhiệm vụ ${p.id} xuất hiện nhiều lần (dòng lặp: dòng ${p.row}).`,
  },
  'indicator-row-missing': {
    severity: 'error',
    title: 'Thiếu dòng chỉ tiêu',
    meaning: 'Một chỉ tiêu đơn vị phải báo cáo không còn trong bảng.',
    fix: 'Khôi phục dòng chỉ tiêu (dùng lại biểu mẫu gốc).',
    say: (p: { id: string; name: string }) => `Thiếu dòng của chỉ tiêu ${p.id} (${shorten(p.name, 80)}).`,
  },
  'indicator-row-unexpected': {
    severity: 'error',
    title: 'Dòng chỉ tiêu không thuộc kế hoạch',
    meaning: 'Mã chỉ tiêu không có trong kế hoạch, không giao cho đơn vị, hoặc bị lặp.',
    fix: 'Xóa dòng thêm vào, dòng lặp hoặc dòng có mã bị sửa.',
    say: (p: { row: number; id?: string; duplicate?: boolean; agency?: string }) => !p.id ? `Dòng ${p.row} có số liệu nhưng không có mã chỉ tiêu.` : p.duplicate ? `Chỉ tiêu ${p.id} xuất hiện nhiều lần (dòng lặp: dòng ${p.row}).` : `Chỉ tiêu "${shorten(p.id)}" không có trong kế hoạch hoặc không giao cho ${p.agency}.`,
  },
  // — General information —
  'period-missing': {
    severity: 'error',
    title: 'Thiếu kỳ báo cáo',
    meaning: 'Ô "Kỳ báo cáo" để trống.',
    fix: 'Ghi kỳ báo cáo, ví dụ "Tháng 01/2023".',
    say: (_: Empty) => 'Ô "Kỳ báo cáo" để trống.',
  },
  'period-malformed': {
    severity: 'error',
    title: 'Kỳ báo cáo không hợp lệ',
    meaning: 'Không đọc được kỳ báo cáo.',
    fix: 'Ghi theo mẫu "Tháng 01/2023", "Quý I/2023", "6 tháng đầu năm 2023" hoặc "Năm 2023".',
    say: (p: { shown: string }) => `Không đọc được kỳ báo cáo "${shorten(p.shown)}".`,
  },
  'period-future': {
    severity: 'error',
    title: 'Kỳ báo cáo ở tương lai',
    meaning: 'Kỳ báo cáo chưa bắt đầu.',
    fix: 'Sửa lại kỳ báo cáo cho đúng.',
    say: (p: { period: string }) => `Kỳ báo cáo ${p.period} chưa bắt đầu.`,
  },
  'period-mismatch': {
    severity: 'error',
    title: 'Kỳ báo cáo không khớp',
    meaning: 'Kỳ báo cáo ghi trong biểu mẫu khác với kỳ của biểu mẫu được cấp hoặc kỳ đang tổng hợp.',
    fix: 'Dùng biểu mẫu của đúng kỳ báo cáo.',
    say: (p: { period: string; shown?: string; wanted?: string }) => p.wanted ? `Báo cáo này của kỳ ${p.period}, không phải kỳ ${p.wanted} đang tổng hợp.` : `Kỳ báo cáo "${shorten(p.shown ?? '')}" khác với kỳ của biểu mẫu (${p.period}).`,
  },
  'agency-name-mismatch': {
    severity: 'error',
    title: 'Tên đơn vị không khớp với biểu mẫu',
    meaning: 'Tên đơn vị trong trang "Thông tin" khác với đơn vị được cấp biểu mẫu: không biết báo cáo là của đơn vị nào.',
    fix: 'Ghi lại đúng tên đơn vị được cấp biểu mẫu; nếu báo cáo là của đơn vị khác, xin biểu mẫu của đơn vị mình và chuyển số liệu sang.',
    say: (p: { shown: string; form: string; other?: string }) => p.other ? `Trang "Thông tin" ghi đơn vị "${shorten(p.shown)}" (là ${p.other}) nhưng biểu mẫu được cấp cho ${p.form}: không biết báo cáo này của đơn vị nào.` : `Tên đơn vị "${shorten(p.shown)}" khác với đơn vị được cấp biểu mẫu này (${p.form}): không biết báo cáo này của đơn vị nào.`,
  },
  'preparer-missing': {
    severity: 'error',
    title: 'Thiếu người lập',
    meaning: 'Ô "Người lập" để trống.',
    fix: 'Ghi họ và tên cán bộ lập báo cáo.',
    say: (_: Empty) => 'Ô "Người lập" để trống.',
  },
  'report-date-missing': {
    severity: 'error',
    title: 'Thiếu ngày lập',
    meaning: 'Ô "Ngày lập" để trống.',
    fix: 'Ghi ngày lập báo cáo dạng ngày/tháng/năm, ví dụ 12/01/2023.',
    say: (_: Empty) => 'Ô "Ngày lập" để trống.',
  },
  'report-date-invalid': {
    severity: 'error',
    title: 'Ngày lập không hợp lệ',
    meaning: 'Ô "Ngày lập" không phải là một ngày.',
    fix: 'Ghi ngày dạng ngày/tháng/năm, ví dụ 12/01/2023.',
    say: (p: { shown: string }) => `Ô "Ngày lập" có giá trị "${shorten(p.shown)}" không phải là ngày.`,
  },
  'report-date-out-of-period': {
    severity: 'warning',
    title: 'Ngày lập ngoài kỳ báo cáo',
    meaning: 'Ngày lập trước khi kỳ báo cáo bắt đầu hoặc sau ngày hôm nay.',
    fix: 'Kiểm tra lại ngày lập.',
    say: (p: { date: string; tooEarly: boolean }) => `Ngày lập ${formatShortDate(p.date)} ${p.tooEarly ? 'trước khi kỳ báo cáo bắt đầu' : 'sau ngày hôm nay'}.`,
  },
  // — Tasks —
  'status-missing': {
    severity: 'error',
    title: 'Thiếu trạng thái',
    meaning: 'Nhiệm vụ chưa chọn trạng thái.',
    fix: 'Chọn một trạng thái trong danh sách: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.',
    say: (p: { task: string }) => `Nhiệm vụ ${p.task}: chưa chọn trạng thái.`,
  },
  'status-invalid': {
    severity: 'error',
    title: 'Trạng thái không hợp lệ',
    meaning: 'Trạng thái không thuộc danh sách cho phép.',
    fix: 'Chọn một trạng thái trong danh sách: Đã hoàn thành, Đang thực hiện, Chưa thực hiện.',
    say: (p: { task: string; shown: string }) => `Nhiệm vụ ${p.task}: trạng thái "${shorten(p.shown)}" không hợp lệ.`,
  },
  'progress-missing': {
    severity: 'error',
    title: 'Thiếu tiến độ',
    meaning: 'Nhiệm vụ đang thực hiện nhưng chưa ghi tiến độ.',
    fix: 'Ghi tiến độ là một số từ 0 đến 100 (phần trăm).',
    say: (p: { task: string }) => `Nhiệm vụ ${p.task} đang thực hiện nhưng chưa ghi tiến độ.`,
  },
  'progress-invalid': {
    severity: 'error',
    title: 'Tiến độ không hợp lệ',
    meaning: 'Tiến độ phải là một số từ 0 đến 100.',
    fix: 'Ghi một số từ 0 đến 100, ví dụ 80 hoặc 12,5.',
    say: (p: { task: string; shown: string }) => `Nhiệm vụ ${p.task}: tiến độ "${shorten(p.shown)}" không hợp lệ.`,
  },
  'progress-not-100': {
    severity: 'error',
    title: 'Đã hoàn thành nhưng tiến độ chưa 100%',
    meaning: 'Nhiệm vụ đã hoàn thành phải có tiến độ 100.',
    fix: 'Ghi tiến độ 100, hoặc đổi trạng thái thành "Đang thực hiện".',
    say: (p: { task: string; shown?: string }) => p.shown ? `Nhiệm vụ ${p.task} đã hoàn thành nhưng tiến độ ghi ${p.shown}.` : `Nhiệm vụ ${p.task} đã hoàn thành nhưng chưa ghi tiến độ.`,
  },
  'progress-not-zero': {
    severity: 'error',
    title: 'Chưa thực hiện nhưng có tiến độ',
    meaning: 'Nhiệm vụ chưa thực hiện phải có tiến độ 0.',
    fix: 'Ghi tiến độ 0, hoặc đổi trạng thái thành "Đang thực hiện".',
    say: (p: { task: string; shown: string }) => `Nhiệm vụ ${p.task} chưa thực hiện nhưng tiến độ ghi ${p.shown}.`,
  },
  'completion-date-missing': {
    severity: 'error',
    title: 'Thiếu ngày hoàn thành',
    meaning: 'Nhiệm vụ đã hoàn thành phải có ngày hoàn thành.',
    fix: 'Ghi ngày hoàn thành dạng ngày/tháng/năm.',
    say: (p: { task: string }) => `Nhiệm vụ ${p.task} đã hoàn thành nhưng chưa ghi ngày hoàn thành.`,
  },
  'completion-date-invalid': {
    severity: 'error',
    title: 'Ngày hoàn thành không hợp lệ',
    meaning: 'Ô "Ngày hoàn thành" không phải là một ngày.',
    fix: 'Ghi ngày dạng ngày/tháng/năm, ví dụ 28/02/2023.',
    say: (p: { task: string; shown: string }) => `Nhiệm vụ ${p.task}: ngày hoàn thành "${shorten(p.shown)}" không phải là ngày.`,
  },
  'completion-date-after-report': {
    severity: 'error',
    title: 'Ngày hoàn thành sau ngày lập',
    meaning: 'Ngày hoàn thành không được sau ngày lập báo cáo.',
    fix: 'Sửa ngày hoàn thành, hoặc đổi trạng thái thành "Đang thực hiện" nếu chưa xong.',
    say: (p: { task: string; date: string; reportDate: string }) => `Nhiệm vụ ${p.task}: ngày hoàn thành ${formatShortDate(p.date)} sau ngày lập báo cáo ${formatShortDate(p.reportDate)}.`,
  },
  'completion-date-before-plan': {
    severity: 'error',
    title: 'Ngày hoàn thành trước ngày ban hành kế hoạch',
    meaning: 'Ngày hoàn thành không được trước ngày kế hoạch bắt đầu.',
    fix: 'Kiểm tra lại năm của ngày hoàn thành.',
    say: (p: { task: string; date: string; planDate: string }) => `Nhiệm vụ ${p.task}: ngày hoàn thành ${formatShortDate(p.date)} trước ngày kế hoạch ${formatShortDate(p.planDate)}.`,
  },
  'completion-date-not-done': {
    severity: 'warning',
    title: 'Có ngày hoàn thành nhưng chưa hoàn thành',
    meaning: 'Nhiệm vụ chưa hoàn thành nhưng đã ghi ngày hoàn thành.',
    fix: 'Xóa ngày hoàn thành, hoặc đổi trạng thái thành "Đã hoàn thành".',
    say: (p: { task: string }) => `Nhiệm vụ ${p.task} chưa hoàn thành nhưng có ngày hoàn thành.`,
  },
  'result-missing': {
    severity: 'error',
    title: 'Thiếu kết quả thực hiện',
    meaning: 'Nhiệm vụ đang thực hiện hoặc đã hoàn thành phải nêu kết quả.',
    fix: 'Ghi tóm tắt kết quả thực hiện trong kỳ vào cột "Kết quả thực hiện".',
    say: (p: { task: string; done: boolean }) => `Nhiệm vụ ${p.task} ${p.done ? 'đã hoàn thành' : 'đang thực hiện'} nhưng chưa nêu kết quả.`,
  },
  'recurring-result-missing': {
    severity: 'error',
    title: 'Nhiệm vụ thường xuyên thiếu kết quả',
    meaning: 'Nhiệm vụ thường xuyên phải báo cáo kết quả mỗi kỳ.',
    fix: 'Ghi kết quả thực hiện trong kỳ vào cột "Kết quả thực hiện".',
    say: (p: { task: string; role: string }) => `Nhiệm vụ ${p.task} là nhiệm vụ thường xuyên (${p.role}): phải báo cáo kết quả mỗi kỳ.`,
  },
  'overdue-explanation-missing': {
    severity: 'error',
    title: 'Quá hạn chưa nêu lý do',
    meaning: 'Nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành và chưa nêu khó khăn, vướng mắc.',
    fix: 'Ghi rõ khó khăn, vướng mắc và lý do chậm vào cột "Khó khăn, vướng mắc".',
    say: (p: { task: string; deadline: string }) => `Nhiệm vụ ${p.task} đã quá thời hạn (${p.deadline}) mà chưa hoàn thành.`,
  },
  // — Indicators —
  'indicator-missing': {
    severity: 'error',
    title: 'Thiếu số liệu chỉ tiêu',
    meaning: 'Chỉ tiêu phải báo cáo trong kỳ nhưng chưa có số liệu.',
    fix: 'Ghi số liệu vào cột "Tử số" (và "Mẫu số" với chỉ tiêu tỷ lệ).',
    say: (p: { id: string; part: string; label: string }) => `Chỉ tiêu ${p.id}: chưa có ${p.part} (${p.label}).`,
  },
  'indicator-not-number': {
    severity: 'error',
    title: 'Số liệu không phải là số',
    meaning: 'Ô số liệu chứa chữ hoặc ký tự không phải số.',
    fix: 'Chỉ ghi số, ví dụ 1.250 hoặc 1250.',
    say: (p: { id: string; part: string; shown: string }) => `Chỉ tiêu ${p.id}: ${p.part} "${shorten(p.shown)}" không phải là số.`,
  },
  'indicator-negative': {
    severity: 'error',
    title: 'Số liệu âm',
    meaning: 'Số liệu chỉ tiêu không được âm.',
    fix: 'Ghi số từ 0 trở lên.',
    say: (p: { id: string; part: string; shown: string }) => `Chỉ tiêu ${p.id}: ${p.part} không được âm (đang ghi ${p.shown}).`,
  },
  'indicator-not-integer': {
    severity: 'error',
    title: 'Số đếm phải là số nguyên',
    meaning: 'Số lượng (hồ sơ, tài khoản, …) phải là số nguyên.',
    fix: 'Ghi số nguyên, không có phần thập phân.',
    say: (p: { id: string; part: string; shown: string }) => `Chỉ tiêu ${p.id}: ${p.part} phải là số nguyên (đang ghi ${p.shown}).`,
  },
  'numerator-exceeds-denominator': {
    severity: 'error',
    title: 'Tử số lớn hơn mẫu số',
    meaning: 'Với chỉ tiêu tỷ lệ, tử số không được lớn hơn mẫu số.',
    fix: 'Kiểm tra lại hai số: tử số là một phần của mẫu số.',
    say: (p: { id: string; numerator: string; denominator: string }) => `Chỉ tiêu ${p.id}: tử số (${p.numerator}) lớn hơn mẫu số (${p.denominator}).`,
  },
  'denominator-not-applicable': {
    severity: 'warning',
    title: 'Chỉ tiêu đếm không có mẫu số',
    meaning: 'Chỉ tiêu là số đếm; ô "Mẫu số" phải để trống.',
    fix: 'Xóa số ở cột "Mẫu số".',
    say: (p: { id: string }) => `Chỉ tiêu ${p.id} là số đếm, không có mẫu số.`,
  },
  'indicator-percent-typed': {
    severity: 'warning',
    title: 'Tử số ghi dạng tỷ lệ phần trăm',
    meaning: 'Với chỉ tiêu tỷ lệ, cột "Tử số" ghi số lượng; tỷ lệ được tính từ tử số và mẫu số.',
    fix: 'Ghi số lượng vào cột "Tử số" và tổng số vào cột "Mẫu số"; không ghi tỷ lệ phần trăm.',
    say: (p: { id: string; shown: string }) => `Chỉ tiêu ${p.id}: tử số ghi "${shorten(p.shown)}" là một tỷ lệ phần trăm, không phải số lượng; số đang được đọc là ${p.shown.replace(/\s*%\s*$/, '')}.`,
  },
  // — Text —
  'legacy-tcvn3': {
    severity: 'warning',
    title: 'Chữ gõ bằng bảng mã TCVN3 (ABC)',
    meaning: 'Văn bản được gõ bằng bảng mã cũ TCVN3 (phông .VnTime…), sẽ hiển thị sai trên máy khác.',
    fix: 'Dùng nút "Sửa bảng mã" trong add-in, hoặc gõ lại bằng Unicode (phông Times New Roman).',
    say: (p: { cell: string; converted: string }) => `Ô ${p.cell} được gõ bằng bảng mã TCVN3 (ABC). Nội dung đúng là: "${p.converted}".`,
  },
  'legacy-vni': {
    severity: 'warning',
    title: 'Chữ gõ bằng bảng mã VNI',
    meaning: 'Văn bản được gõ bằng bảng mã cũ VNI (phông VNI-Times…), sẽ hiển thị sai trên máy khác.',
    fix: 'Dùng nút "Sửa bảng mã" trong add-in, hoặc gõ lại bằng Unicode (phông Times New Roman).',
    say: (p: { cell: string; converted: string }) => `Ô ${p.cell} được gõ bằng bảng mã VNI. Nội dung đúng là: "${p.converted}".`,
  },
  'formula-error': {
    severity: 'error',
    title: 'Ô có lỗi công thức',
    meaning: 'Ô hiển thị lỗi như #N/A, #VALUE!, #REF!.',
    fix: 'Sửa công thức hoặc ghi trực tiếp giá trị.',
    say: (p: { cell: string; shown: string }) => `Ô ${p.cell} hiển thị lỗi ${p.shown}.`,
  },
  'invalid-characters-removed': {
    severity: 'warning',
    title: 'Ký tự điều khiển không hợp lệ đã bị bỏ',
    meaning: 'Ô chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản (thường do sao chép từ phần mềm khác); các ký tự đó đã bị bỏ khi đọc.',
    fix: 'Kiểm tra lại nội dung ô; nên gõ lại hoặc dán dưới dạng văn bản thuần.',
    say: (p: { cell: string }) => `Ô ${p.cell}: ký tự điều khiển không hợp lệ đã bị bỏ.`,
  },
  'merged-input-cells': {
    severity: 'error',
    title: 'Ô nhập liệu bị gộp',
    meaning: 'Các ô nhập liệu bị gộp thành một: chỉ ô đầu giữ nội dung, các ô còn lại bị coi là để trống.',
    fix: 'Bỏ gộp ô (nút "Gộp và căn giữa") rồi ghi riêng từng ô.',
    say: (p: { range: string }) => `Các ô ${p.range} bị gộp thành một; chỉ ô đầu giữ nội dung.`,
    fixAt: (p: { range: string }) => `Bỏ gộp ô ${p.range} rồi ghi riêng từng ô.`,
  },
  'file-name-other-agency': {
    severity: 'error',
    title: 'Tên tệp là mã của đơn vị khác',
    meaning: 'Tên tệp là mã của một đơn vị, nhưng biểu mẫu bên trong được cấp cho đơn vị khác: không biết báo cáo là của đơn vị nào.',
    fix: 'Dùng đúng biểu mẫu của đơn vị gửi báo cáo và đặt tên tệp theo mã đơn vị đó.',
    say: (p: { fileName: string; named: string; form: string }) => `Tên tệp "${shorten(p.fileName)}" là mã của ${p.named}, nhưng biểu mẫu được cấp cho ${p.form}.`,
  },
  'agency-claimed-twice': {
    severity: 'warning',
    title: 'Hai tệp cùng nhận một đơn vị',
    meaning: 'Trong cùng kỳ, hai tệp cùng là biểu mẫu của một đơn vị nhưng ghi tên đơn vị khác nhau: có thể một đơn vị đã dùng biểu mẫu của đơn vị khác.',
    fix: 'Hỏi lại hai đơn vị đã gửi tệp; đơn vị dùng nhầm biểu mẫu xin biểu mẫu của mình và gửi lại.',
    say: (p: { form: string; shown: string; otherFile: string; otherShown: string }) =>
      `Tệp này và tệp "${p.otherFile}" cùng là biểu mẫu của ${p.form}, nhưng tệp này ghi "${shorten(p.shown)}", tệp kia ghi "${shorten(p.otherShown)}".`,
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

/** The parameters an issue code's message takes. */
export type IssueParams<C extends IssueCode> = Parameters<(typeof CATALOGUE)[C]['say']>[0];

/** "Dùng …" → "hãy dùng …". */
const hay = (fix: string): string => `Hãy ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`;

/** The issue's message: what is wrong, then how to fix it, both from the catalogue. */
export function issueMessage<C extends IssueCode>(code: C, params: IssueParams<C>): string {
  const entry: CatalogueEntry = CATALOGUE[code];
  const say = (entry.say as (p: IssueParams<C>) => string)(params);
  if (entry.ownFix) return say;
  const fix = entry.fixAt ? (entry.fixAt as (p: IssueParams<C>) => string)(params) : entry.fix;
  return `${say} ${hay(fix)}`;
}

export function makeIssue<C extends IssueCode>(code: C, sheet: string, cell: string, params: IssueParams<C>, fix?: Issue['fix']): Issue {
  return { severity: CATALOGUE[code].severity, code, sheet, cell, message: issueMessage(code, params), ...(fix ? { fix } : {}) };
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
