import type { AgencyKind, Comparator, Frequency, Level, Task } from './schema.ts';

/**
 * The plan workbook's layout (XLSForm's idea applied to plans): sheet names, column headers, the
 * closed lists behind dropdowns, and the Vietnamese words for the schema's values. The writer
 * (generator/plan/writePlanWorkbook.ts) and the reader (core/plan/readPlanWorkbook.ts) both take it
 * from here, so that they cannot disagree.
 */

export const PLAN_SHEETS = {
  guide: 'Hướng dẫn',
  plan: 'Kế hoạch',
  groups: 'Nhóm nhiệm vụ',
  agencies: 'Đơn vị',
  sets: 'Nhóm đơn vị',
  headings: 'Đề mục',
  tasks: 'Nhiệm vụ',
  indicators: 'Chỉ tiêu',
  notes: 'Ghi chú và chênh lệch',
  reference: 'Tham khảo',
} as const;

/** Labels of the "Kế hoạch" sheet: one field a row, the label in column A, the value in column B. */
export const PLAN_FIELDS = {
  id: 'Mã kế hoạch',
  title: 'Tên kế hoạch',
  number: 'Số hiệu văn bản',
  date: 'Ngày ban hành',
  issuer: 'Cơ quan ban hành',
  province: 'Tỉnh, thành phố',
  place: 'Địa danh ghi ở dòng ngày tháng',
  standingAgency: 'Mã cơ quan thường trực',
  reportSymbol: 'Ký hiệu báo cáo',
  signerTitle: 'Chức danh người ký',
  signerName: 'Họ tên người ký',
  frequency: 'Kỳ báo cáo',
  alsoPeriods: 'Kỳ báo cáo thêm',
  dueDay: 'Hạn nộp (ngày trong tháng)',
  dueInLastMonth: 'Nộp trong tháng cuối kỳ',
  cutoffDay: 'Ngày chốt số liệu',
  reportingText: 'Chế độ báo cáo theo văn bản',
  recipients: 'Nơi nhận (mỗi dòng một nơi)',
  notes: 'Ghi chú',
} as const;
export type PlanField = keyof typeof PLAN_FIELDS;

export interface Column {
  header: string;
  width: number;
  /** Values of a dropdown (a closed list). */
  list?: readonly string[];
  /** Several values in one cell, separated by commas (codes) or semicolons (labels). */
  many?: boolean;
}

const YES_NO = ['Có', 'Không'] as const;

export const FREQUENCY_LABEL: Record<Frequency, string> = { monthly: 'Hằng tháng', quarterly: 'Hằng quý', 'half-yearly': '6 tháng', yearly: 'Hằng năm' };
export const LEVEL_LABEL: Record<Level, string> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' };
export const UNIT_LABEL = { percent: 'Tỷ lệ (%)', count: 'Số lượng', number: 'Số' } as const;
export const AGGREGATE_LABEL = { sum: 'Cộng các đơn vị', none: 'Không cộng' } as const;
export const TASK_KIND_LABEL: Record<Task['kind'], string> = { task: 'Nhiệm vụ', model: 'Mô hình điểm', breakthrough: 'Nhiệm vụ đột phá', 'linked-service': 'Dịch vụ liên thông' };
export const COMPARATORS: readonly Comparator[] = ['>=', '>', '=', '<=', '<'];

/** The agency's kind, and for a commune which kind of commune, as one word the officer picks. */
export const AGENCY_KIND_LABEL = {
  standing: 'Cơ quan thường trực',
  department: 'Sở, ban, ngành',
  central: 'Cơ quan Trung ương',
  'mass-org': 'Hội, đoàn thể',
  district: 'UBND cấp huyện',
  commune: 'UBND cấp xã',
  'commune:xa': 'UBND xã',
  'commune:phuong': 'UBND phường',
  'commune:thi-tran': 'UBND thị trấn',
  'commune:dac-khu': 'UBND đặc khu',
  enterprise: 'Doanh nghiệp',
  other: 'Khác',
} as const satisfies Record<AgencyKind | `commune:${string}`, string>;

export const AGENCY_COLUMNS = {
  code: { header: 'Mã đơn vị', width: 18 },
  name: { header: 'Tên đơn vị', width: 45 },
  short: { header: 'Tên ngắn', width: 20 },
  kind: { header: 'Loại', width: 22, list: Object.values(AGENCY_KIND_LABEL) },
  level: { header: 'Cấp', width: 8, list: Object.values(LEVEL_LABEL) },
  reports: { header: 'Báo cáo', width: 9, list: YES_NO },
  replaces: { header: 'Thay cho (mã cũ)', width: 18, many: true },
  note: { header: 'Ghi chú', width: 40 },
} as const satisfies Record<string, Column>;

export const SET_COLUMNS = {
  code: { header: 'Mã nhóm', width: 24 },
  name: { header: 'Tên theo kế hoạch', width: 40 },
  members: { header: 'Thành viên (mã đơn vị hoặc mã nhóm)', width: 60, many: true },
  kinds: { header: 'Gồm mọi đơn vị loại', width: 24, many: true },
  note: { header: 'Ghi chú', width: 40 },
} as const satisfies Record<string, Column>;

export const GROUP_COLUMNS = {
  code: { header: 'Mã nhóm nhiệm vụ', width: 18 },
  name: { header: 'Tên nhóm nhiệm vụ', width: 60 },
  utility: { header: 'Nhóm tiện ích (1–5)', width: 14, list: ['1', '2', '3', '4', '5'] },
} as const satisfies Record<string, Column>;

export const HEADING_COLUMNS = {
  id: { header: 'Mã đề mục', width: 14 },
  title: { header: 'Tên đề mục', width: 70 },
  group: { header: 'Nhóm nhiệm vụ', width: 18 },
} as const satisfies Record<string, Column>;

export const TASK_COLUMNS = {
  id: { header: 'Mã nhiệm vụ', width: 12 },
  heading: { header: 'Đề mục', width: 10 },
  group: { header: 'Nhóm nhiệm vụ', width: 14 },
  kind: { header: 'Loại nhiệm vụ', width: 14, list: Object.values(TASK_KIND_LABEL) },
  title: { header: 'Nội dung nhiệm vụ', width: 60 },
  lead: { header: 'Chủ trì', width: 20, many: true },
  support: { header: 'Phối hợp', width: 24, many: true },
  executing: { header: 'Thực hiện', width: 20, many: true },
  deadline: { header: 'Thời hạn (theo văn bản)', width: 30 },
  deadlineMeaning: { header: 'Cách hiểu thời hạn', width: 24 },
  objective: { header: 'Mục tiêu', width: 30 },
  forces: { header: 'Lực lượng', width: 20 },
  platform: { header: 'Nền tảng', width: 20 },
  notes: { header: 'Ghi chú', width: 30 },
} as const satisfies Record<string, Column>;

export const INDICATOR_COLUMNS = {
  id: { header: 'Mã chỉ tiêu', width: 12 },
  name: { header: 'Tên chỉ tiêu', width: 50 },
  unit: { header: 'Đơn vị tính', width: 12, list: Object.values(UNIT_LABEL) },
  group: { header: 'Nhóm nhiệm vụ', width: 14 },
  numeratorLabel: { header: 'Tên tử số', width: 30 },
  denominatorLabel: { header: 'Tên mẫu số', width: 30 },
  from: { header: 'Báo cáo từ tháng', width: 11 },
  to: { header: 'Báo cáo đến tháng', width: 11 },
  agencies: { header: 'Đơn vị báo cáo', width: 24, many: true },
  aggregate: { header: 'Tổng hợp', width: 16, list: Object.values(AGGREGATE_LABEL) },
  source: { header: 'Nguồn trong văn bản', width: 24 },
  comparator: { header: 'Mục tiêu: so sánh', width: 10, list: COMPARATORS },
  value: { header: 'Mục tiêu: giá trị', width: 10 },
  targetFrom: { header: 'Mục tiêu từ tháng', width: 11 },
  targetTo: { header: 'Mục tiêu đến tháng', width: 11 },
  targetAgencies: { header: 'Mục tiêu cho đơn vị', width: 20, many: true },
  targetText: { header: 'Mục tiêu theo văn bản', width: 30 },
} as const satisfies Record<string, Column>;

export const NOTE_COLUMNS = {
  where: { header: 'Vị trí trong văn bản', width: 24 },
  body: { header: 'Thân văn bản ghi', width: 40 },
  appendix: { header: 'Phụ lục ghi', width: 40 },
  used: { header: 'Giá trị sử dụng', width: 30 },
  why: { header: 'Lý do', width: 40 },
} as const satisfies Record<string, Column>;

export const REFERENCE_COLUMNS = {
  id: { header: 'Mã', width: 10 },
  title: { header: 'Nội dung', width: 70 },
  lead: { header: 'Chủ trì', width: 24 },
  support: { header: 'Phối hợp', width: 24 },
  deadline: { header: 'Thời hạn', width: 20 },
} as const satisfies Record<string, Column>;

/** Separators in a cell holding several values: codes by commas, labels (which hold commas) by semicolons. */
export const LIST_SEPARATOR = { codes: ', ', labels: '; ' } as const;

export function invert<K extends string, V extends string>(map: Record<K, V>): Map<string, K> {
  return new Map(Object.entries(map).map(([k, v]) => [(v as string).normalize('NFC').toLowerCase(), k as K]));
}
