import { normalizePlan } from '../../core/plan/normalize.ts';
import { parseDeadlineText } from '../../core/plan/deadlineText.ts';
import { dueDate } from '../../core/plan/deadline.ts';
import { PLAN_ISSUES } from '../../core/plan/planIssues.ts';
import { AGENCY_COLUMNS, AGENCY_KIND_LABEL, PLAN_SHEETS, SET_COLUMNS, TASK_COLUMNS } from '../../core/plan/workbookLayout.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { formatShortDate } from '../../core/text/dates.ts';
import { OLD_CODE_FILE, SUCCESSOR, TWO_TIER_DIR, TWO_TIER_SUBMISSIONS, TWO_TIER_WORKBOOK } from './twoTier.ts';
import { TWO_TIER_COUNTS, TWO_TIER_PERIOD, twoTierPlan } from './twoTierPlan.ts';

/**
 * The trainer's guide chapter on the illustrative two-tier province: from the plan document to a
 * plan workbook, to the agencies' forms, to the report. Every example is read from the sample plan
 * itself, so the chapter and samples/ cannot disagree.
 */

const KIND_OF_DEADLINE: Record<string, string> = {
  'by-date': 'hạn là ngày',
  month: 'hạn là ngày cuối tháng',
  quarter: 'hạn là ngày cuối quý',
  'half-year': 'hạn là ngày cuối 6 tháng',
  year: 'hạn là ngày cuối năm',
  range: 'hạn là cuối giai đoạn',
  staged: 'nhiệm vụ thường xuyên của từng cấp, kể từ ngày ghi cho cấp đó',
  recurring: 'nhiệm vụ thường xuyên, báo cáo kết quả mỗi kỳ, không bao giờ quá hạn',
  'by-law': 'theo quy định, không có hạn riêng',
  'on-request': 'khi có yêu cầu, không có hạn riêng',
  'when-guided': 'khi có hướng dẫn, không có hạn riêng',
};

export function twoTierChapter(): string[] {
  const plan = twoTierPlan();
  const np = normalizePlan(plan);
  const communes = plan.agencies.filter((a) => a.kind === 'commune');
  const provinceLevel = np.reportingAgencies.filter((a) => a.level === 'province');
  const successor = plan.agencies.find((a) => a.code === SUCCESSOR.code)!;
  const staged = plan.tasks.find((t) => t.deadline.kind === 'staged')!;
  const names = (codes: string[]) => codes.map((c) => plan.agencySets.find((s) => s.code === c)?.name ?? plan.agencies.find((a) => a.code === c)?.name ?? c).join('; ');
  const commune = communes[0]!;
  const levels = [...new Set(plan.agencies.map((a) => a.level))];
  const deadlineRows = plan.tasks.map((t) => {
    const read = parseDeadlineText(t.deadline.text ?? '', { year: 2026, levels });
    const meaning = read.ok ? '' : 'cần ghi cột "Cách hiểu thời hạn"';
    const due = dueDate(t.deadline, 'commune');
    const when = due ? (t.deadline.kind === 'by-date' ? ` ${formatShortDate(due)}` : ` (${formatShortDate(due)})`) : '';
    return `| ${t.deadline.text} | ${KIND_OF_DEADLINE[t.deadline.kind]}${when} | ${meaning} |`;
  });
  const uniqueDeadlines = [...new Set(deadlineRows)];
  return [
    '## Chương: từ văn bản kế hoạch đến báo cáo — tỉnh hai cấp (ví dụ minh họa)',
    '',
    `Thư mục \`samples/${TWO_TIER_DIR}/\` là một tỉnh **minh họa** sau sắp xếp năm 2025: không còn cấp huyện; ${provinceLevel.length} cơ quan cấp tỉnh (kể cả Công an tỉnh) và ${communes.length} đơn vị cấp xã (${TWO_TIER_COUNTS.xa} xã, ${TWO_TIER_COUNTS.phuong} phường, ${TWO_TIER_COUNTS['dac-khu']} đặc khu) cùng báo cáo trực tiếp về tỉnh. Tên đơn vị là ví dụ ("${commune.name}"), không phải danh sách của một tỉnh thật; trang "${PLAN_SHEETS.plan}" của bảng tính ghi rõ đây là dữ liệu minh họa.`,
    '',
    '| Tệp | Nội dung |',
    '|---|---|',
    `| \`${TWO_TIER_WORKBOOK.slice(TWO_TIER_DIR.length + 1)}\` | Kế hoạch dưới dạng bảng tính: cán bộ PC06 tự lập, tự sửa trong Excel. |`,
    `| \`bieu-mau-trong/\` | Biểu mẫu trống của ${np.reportingAgencies.length} đơn vị, tạo từ bảng tính kế hoạch. |`,
    `| \`${TWO_TIER_SUBMISSIONS.slice(TWO_TIER_DIR.length + 1)}/\` | Một kỳ báo cáo mẫu (tháng ${TWO_TIER_PERIOD.slice(5)}/${TWO_TIER_PERIOD.slice(0, 4)}); các xã, phường, đặc khu trong thư mục con \`cap-xa/\`. |`,
    '',
    '### Bước 1. Đọc văn bản: mỗi nhiệm vụ thành một dòng',
    '',
    'Văn bản kế hoạch thường viết như sau (trích theo lối văn bản gốc):',
    '',
    `> ${staged.id}. ${staged.title}. Cơ quan chủ trì: ${names(staged.lead)}; cơ quan thực hiện: ${names(staged.executing)}. Thời gian thực hiện: ${staged.deadline.text}.`,
    '',
    `Trên trang "${PLAN_SHEETS.tasks}" đoạn đó là một dòng:`,
    '',
    `| ${TASK_COLUMNS.id.header} | ${TASK_COLUMNS.group.header} | ${TASK_COLUMNS.lead.header} | ${TASK_COLUMNS.executing.header} | ${TASK_COLUMNS.deadline.header} |`,
    '|---|---|---|---|---|',
    `| ${staged.id} | ${staged.group} | ${staged.lead.join(', ')} | ${staged.executing.join(', ')} | ${staged.deadline.text} |`,
    '',
    'Giữ nguyên mã mục của văn bản; ghi đơn vị bằng mã (ở trang "Đơn vị") hoặc mã nhóm (ở trang "Nhóm đơn vị"); chép nguyên lời văn của thời hạn. Chương trình hiểu thời hạn như sau:',
    '',
    '| Thời hạn theo văn bản | Chương trình hiểu là | Ghi chú |',
    '|---|---|---|',
    ...uniqueDeadlines,
    '',
    `Lời văn không thuộc các dạng trên (ví dụ "Theo lộ trình của Đề án") vẫn giữ nguyên ở cột "${TASK_COLUMNS.deadline.header}", và ghi cách hiểu (ví dụ "Thường xuyên") ở cột "${TASK_COLUMNS.deadlineMeaning.header}".`,
    '',
    '### Bước 2. Đơn vị, nhóm đơn vị, cơ quan sau sáp nhập',
    '',
    `- Trang "${PLAN_SHEETS.agencies}": mỗi đơn vị một dòng. Xã chọn loại "${AGENCY_KIND_LABEL['commune:xa']}", phường "${AGENCY_KIND_LABEL['commune:phuong']}", đặc khu "${AGENCY_KIND_LABEL['commune:dac-khu']}", cấp "Xã". Không có dòng nào cấp "Huyện".`,
    `- Cơ quan sau sáp nhập ghi mã cơ quan cũ ở cột "${AGENCY_COLUMNS.replaces.header}": ${successor.name} (${successor.code}) thay cho ${SUCCESSOR.old.name} (${SUCCESSOR.old.code}). Dòng của cơ quan cũ thì xóa.`,
    `- Trang "${PLAN_SHEETS.sets}": nhóm "UBND các xã, phường, đặc khu" (mã UBND_CAP_XA) không cần liệt kê ${communes.length} mã: chọn "${AGENCY_KIND_LABEL.commune}" ở cột "${SET_COLUMNS.kinds.header}" là đủ, xã mới thêm vào trang "Đơn vị" tự thuộc nhóm.`,
    '',
    '### Bước 3. Kiểm tra bảng tính kế hoạch',
    '',
    '```',
    `npm run plan -- import samples/${TWO_TIER_WORKBOOK}`,
    '```',
    '',
    'Khi có lỗi, mỗi dòng báo trang, ô và cách sửa, ví dụ:',
    '',
    ...(['plan-agency-unknown', 'plan-deadline-unreadable', 'plan-district-stage', 'plan-duplicate'] as const).map((c) => `- ${PLAN_ISSUES[c].title}: ${PLAN_ISSUES[c].fix}`),
    '',
    '### Bước 4. Tạo biểu mẫu cho từng đơn vị',
    '',
    '```',
    `npm run template -- --plan samples/${TWO_TIER_WORKBOOK} --agency ${commune.code} --period ${TWO_TIER_PERIOD} --out ${commune.code}.xlsx`,
    '```',
    '',
    `Biểu mẫu của ${commune.name} có ${np.tasks.filter((t) => t.leadAgencies.includes(commune.code) || t.executingAgencies.includes(commune.code) || t.supportAgencies.includes(commune.code)).length} nhiệm vụ của xã; biểu mẫu trống của mọi đơn vị có sẵn trong \`bieu-mau-trong/\`.`,
    '',
    '### Bước 5. Lập báo cáo',
    '',
    '```',
    `npm run report -- --plan samples/${TWO_TIER_WORKBOOK} --in samples/${TWO_TIER_DIR}/submissions --period ${TWO_TIER_PERIOD}`,
    '```',
    '',
    `Báo cáo đếm riêng các xã, phường, đặc khu ("…/${communes.length} xã, phường, đặc khu đã hoàn thành") và không nhắc đến cấp huyện. Tệp \`${OLD_CODE_FILE.slice(TWO_TIER_SUBMISSIONS.length + 1)}\` là biểu mẫu làm trước khi sáp nhập (mã ${SUCCESSOR.old.code}): báo cáo tính cho ${successor.name} kèm cảnh báo "${CATALOGUE['agency-replaced'].title}": ${CATALOGUE['agency-replaced'].fix}`,
    '',
    '### Bài tập',
    '',
    `1. Thêm "Xã Minh họa ${String(TWO_TIER_COUNTS.xa + 1)}" vào trang "${PLAN_SHEETS.agencies}", kiểm tra lại, tạo biểu mẫu cho xã đó: các nhiệm vụ giao cho "UBND các xã, phường, đặc khu" có ngay trong biểu mẫu.`,
    `2. Đổi thời hạn của ${staged.id} thành "Cấp tỉnh từ ngày 01/4/2026; cấp huyện từ ngày 01/7/2026" rồi kiểm tra: chương trình báo lỗi "${PLAN_ISSUES['plan-district-stage'].title}" tại đúng ô đó.`,
    `3. Ghi "SO_TTTT" vào cột "${TASK_COLUMNS.lead.header}" của một nhiệm vụ: lỗi "${PLAN_ISSUES['plan-agency-unknown'].title}" — mã cũ chỉ ghi ở cột "${AGENCY_COLUMNS.replaces.header}".`,
    '',
  ];
}
