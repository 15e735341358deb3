/**
 * The one catalogue of mistakes in a plan, for the plan workbook (by sheet and cell) and the YAML
 * file (by line). Each mistake found names its code; the message is what is wrong in this place
 * followed by the entry's fix. The README's table of plan mistakes is tested against this list.
 */
export interface PlanIssueEntry {
  title: string;
  fix: string;
}

export const PLAN_ISSUES = {
  'plan-unreadable': { title: 'Không đọc được tệp kế hoạch', fix: 'Mở tệp bằng Excel, lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)" không đặt mật khẩu.' },
  'plan-sheet-missing': { title: 'Thiếu trang tính', fix: 'Không xóa hay đổi tên các trang tính; lấy lại trang từ tệp mẫu (npm run plan -- export).' },
  'plan-header-missing': { title: 'Thiếu cột', fix: 'Không xóa hay đổi tên các cột ở dòng tiêu đề; lấy lại dòng tiêu đề từ tệp mẫu.' },
  'plan-merged-cell': { title: 'Ô bị gộp', fix: 'Bỏ gộp ô (Merge & Center → Unmerge Cells) và ghi giá trị vào từng ô.' },
  'plan-field-missing': { title: 'Thiếu nội dung bắt buộc', fix: 'Ghi nội dung vào ô này.' },
  'plan-value-invalid': { title: 'Giá trị không hợp lệ', fix: 'Chọn giá trị trong danh sách thả xuống, hoặc ghi đúng dạng như các dòng mẫu.' },
  'plan-code-invalid': { title: 'Mã không hợp lệ', fix: 'Mã chỉ gồm chữ in hoa không dấu, chữ số, "_" và "-", ví dụ SO_KH_CN, XA_MINH_HOA_01.' },
  'plan-number-invalid': { title: 'Không phải là số', fix: 'Ghi một số, ví dụ 14 hoặc 70.' },
  'plan-date-invalid': { title: 'Ngày không hợp lệ', fix: 'Ghi ngày dạng ngày/tháng/năm, ví dụ 15/01/2026.' },
  'plan-month-invalid': { title: 'Tháng không hợp lệ', fix: 'Ghi tháng dạng tháng/năm, ví dụ 07/2026.' },
  'plan-deadline-unreadable': {
    title: 'Không hiểu thời hạn',
    fix: 'Ghi thời hạn theo một trong các dạng: "Trước ngày 20/3/2026", "Chậm nhất ngày 30/6/2026", "Trong tháng 3/2026", "Trong quý I/2026", "6 tháng đầu năm 2026", "Trong năm 2026", "Giai đoạn 2026–2030", "Cấp tỉnh từ ngày 01/7/2026; cấp xã từ ngày 01/10/2026", "Thường xuyên", "Theo quy định pháp luật", "Theo yêu cầu", "Khi có hướng dẫn"; hoặc giữ nguyên lời văn và ghi một dạng đó vào cột "Cách hiểu thời hạn".',
  },
  'plan-deadline-before-plan': { title: 'Thời hạn trước ngày ban hành kế hoạch', fix: 'Kiểm tra lại năm của thời hạn, hoặc ngày ban hành ở trang "Kế hoạch".' },
  'plan-district-stage': { title: 'Thời hạn theo cấp huyện ở tỉnh không có cấp huyện', fix: 'Tỉnh chỉ có cấp tỉnh và cấp xã: ghi thời hạn cho "cấp tỉnh" và "cấp xã".' },
  'plan-duplicate': { title: 'Mã bị trùng', fix: 'Mỗi mã chỉ ghi một lần: đổi mã của dòng này hoặc xóa dòng lặp.' },
  'plan-agency-unknown': { title: 'Mã đơn vị chưa khai báo', fix: 'Thêm đơn vị vào trang "Đơn vị" (hoặc nhóm vào trang "Nhóm đơn vị"), hoặc sửa mã cho đúng.' },
  'plan-set-self': { title: 'Nhóm đơn vị chứa chính nó', fix: 'Bỏ mã của chính nhóm (hoặc nhóm chứa lại nhóm này) khỏi cột thành viên.' },
  'plan-set-clash': { title: 'Mã nhóm trùng mã đơn vị', fix: 'Đặt cho nhóm một mã khác mã các đơn vị.' },
  'plan-group-unknown': { title: 'Nhóm nhiệm vụ chưa khai báo', fix: 'Thêm nhóm vào trang "Nhóm nhiệm vụ", hoặc sửa mã nhóm cho đúng.' },
  'plan-heading-unknown': { title: 'Đề mục chưa khai báo', fix: 'Thêm đề mục vào trang "Đề mục", hoặc sửa mã đề mục cho đúng.' },
  'plan-task-unassigned': { title: 'Nhiệm vụ chưa giao cho ai', fix: 'Ghi đơn vị ở cột "Chủ trì" hoặc cột "Thực hiện".' },
  'plan-target-without-unit': { title: 'Mục tiêu chưa có đơn vị tính', fix: 'Chọn đơn vị tính của chỉ tiêu: Tỷ lệ (%), Số lượng hoặc Số.' },
  'plan-percent-without-denominator': { title: 'Chỉ tiêu tỷ lệ thiếu mẫu số', fix: 'Ghi tên mẫu số ở cột "Tên mẫu số".' },
  'plan-standing-unknown': { title: 'Cơ quan thường trực chưa khai báo', fix: 'Ghi mã cơ quan thường trực đúng như ở trang "Đơn vị".' },
  'plan-replaced-invalid': { title: 'Mã cũ không hợp lệ', fix: 'Ở cột "Thay cho" chỉ ghi mã của cơ quan đã bị thay thế, không còn trong danh sách đơn vị; mỗi mã cũ chỉ một cơ quan thay thế.' },
} as const satisfies Record<string, PlanIssueEntry>;

export type PlanIssueCode = keyof typeof PLAN_ISSUES;
export const PLAN_ISSUE_CODES = Object.keys(PLAN_ISSUES) as PlanIssueCode[];

/** A mistake in a plan workbook, placed by sheet and cell. */
export interface PlanWorkbookIssue {
  code: PlanIssueCode;
  sheet: string;
  /** A1 address; empty for the whole sheet or file. */
  cell: string;
  message: string;
}

/** What is wrong here, then how to fix it. */
export function planIssueMessage(code: PlanIssueCode, what: string): string {
  return `${what}. ${PLAN_ISSUES[code].fix}`;
}

/** "KH.xlsx: trang "Nhiệm vụ", ô F12: …"; a file-wide mistake names the file only. */
export function formatPlanIssue(file: string, i: PlanWorkbookIssue): string {
  const place = [i.sheet ? `trang "${i.sheet}"` : '', i.cell ? `ô ${i.cell}` : ''].filter(Boolean).join(', ');
  return `${file}: ${place ? `${place}: ` : ''}${i.message}`;
}
