import { CATALOGUE, ISSUE_CODES, SEVERITY_LABEL } from '../../core/validation/catalogue.ts';
import { INDICATOR_COLUMNS, INFO_LABELS, SHEETS, STATUS_VALUES, TASK_COLUMNS } from '../../core/workbook/contract.ts';
import type { PlanSampleSpec } from './buildSamples.ts';
import { twoTierChapter } from './twoTierGuide.ts';

/** The trainer's guide (Vietnamese), written from the contract and the issue catalogue. */
export function trainerGuide(specs: PlanSampleSpec[]): string {
  const lines = [
    '# Hướng dẫn tập huấn: báo cáo Đề án 06 bằng biểu mẫu Excel',
    '',
    'Tài liệu dành cho giảng viên tập huấn cán bộ đầu mối của các sở, ban, ngành và UBND cấp huyện, cấp xã, và cho cán bộ tổng hợp của Công an tỉnh (PC06). Tài liệu và các tệp mẫu trong thư mục này do lệnh `npm run samples` tạo ra.',
    '',
    '## Bộ tệp mẫu của mỗi kế hoạch',
    '',
    '| Thư mục | Nội dung |',
    '|---|---|',
    '| `bieu-mau-trong/` | Biểu mẫu trống của từng đơn vị phải báo cáo (mỗi đơn vị một tệp, theo mã đơn vị). |',
    '| `filled/` | Ví dụ biểu mẫu đã điền đúng, không có lỗi. |',
    '| `submissions/<kỳ>/` | Một kỳ báo cáo mẫu: đa số đơn vị nộp đúng hạn, một số nộp muộn, một vài đơn vị chưa nộp, một tệp bị trả lại, một đơn vị nộp hai lần. |',
    '| `bai-tap/` | Bài tập có lỗi cài sẵn và `DAP-AN.md` liệt kê từng lỗi theo ô và mã lỗi. |',
    '',
    '| Kế hoạch | Kỳ báo cáo mẫu |',
    '|---|---|',
    ...specs.map((s) => `| \`${s.planId}\` | ${s.period}${s.withPrevious ? ' (kèm kỳ trước để so sánh)' : ''} |`),
    '',
    '## Cán bộ đầu mối điền, kiểm tra và gửi báo cáo',
    '',
    `1. Nhận biểu mẫu của đơn vị mình (tệp .xlsx). Mở bằng Excel (hoặc LibreOffice Calc, WPS). Đọc trang "${SHEETS.guide}".`,
    `2. Trang "${SHEETS.info}": ghi ${INFO_LABELS.preparer}, ${INFO_LABELS.date} (ngày/tháng/năm), ${INFO_LABELS.phone}. Không sửa ${INFO_LABELS.agency} và ${INFO_LABELS.period}.`,
    `3. Trang "${SHEETS.tasks}": mỗi dòng là một nhiệm vụ giao cho đơn vị. Chọn "${TASK_COLUMNS.status}" (${STATUS_VALUES.join(', ')}), ghi "${TASK_COLUMNS.progress}", "${TASK_COLUMNS.completedOn}" (khi đã hoàn thành), "${TASK_COLUMNS.result}"; nhiệm vụ quá hạn thì ghi lý do ở "${TASK_COLUMNS.difficulties}"; đề xuất ghi ở "${TASK_COLUMNS.proposals}".`,
    `4. Trang "${SHEETS.indicators}": ghi "${INDICATOR_COLUMNS.numerator}" và "${INDICATOR_COLUMNS.denominator}" của kỳ.`,
    '5. Kiểm tra: trong Excel bấm "Kiểm tra báo cáo" trên thanh công cụ (add-in Đề án 06); với LibreOffice/WPS mở trang kiểm tra độc lập và chọn tệp. Sửa hết các lỗi (màu đỏ); cảnh báo nên sửa.',
    '6. Gửi tệp cho Công an tỉnh trước hạn (trước ngày 15 hằng tháng với báo cáo tháng). Không đổi tên trang tính, không thêm hay xóa dòng nhiệm vụ.',
    '',
    '## Cán bộ tổng hợp của Công an tỉnh',
    '',
    '1. Lưu tất cả tệp nhận được trong kỳ vào một thư mục, ví dụ `bao-cao/2023-01/` (được phép có thư mục con; tệp khác .xlsx sẽ được bỏ qua và ghi chú).',
    '2. Chạy `npm run report -- --in bao-cao --period 2023-01`. Kết quả: báo cáo DOCX theo Nghị định 30/2020/NĐ-CP, phụ lục số liệu XLSX, dữ liệu JSON, và thư mục `phan-hoi-<kỳ>/` chứa nội dung phản hồi cho từng tệp bị trả lại (gửi lại cho đơn vị qua thư điện tử).',
    '3. Báo cáo quý, 6 tháng, năm: `--period 2023-Q1`, `2023-H1`, `2023` tổng hợp từ các thư mục tháng.',
    '4. Mở DOCX, ghi số văn bản, sửa câu chữ nếu cần, trình ký.',
    '',
    ...twoTierChapter(),
    '## Danh mục mã lỗi',
    '',
    '| Mã | Mức độ | Lỗi | Ý nghĩa | Cách sửa |',
    '|---|---|---|---|---|',
    ...ISSUE_CODES.map((c) => `| \`${c}\` | ${SEVERITY_LABEL[CATALOGUE[c].severity]} | ${CATALOGUE[c].title} | ${CATALOGUE[c].meaning} | ${CATALOGUE[c].fix} |`),
    '',
  ];
  return lines.join('\n');
}
