/**
 * The agency workbook contract (PRODUCT.md, "The agency workbook"): names that tests, trainers and
 * both readers rely on. Changing any of these is a breaking change: bump TEMPLATE_VERSION.
 */
export const TEMPLATE_VERSION = '1';

export const SHEETS = {
  guide: 'Hướng dẫn',
  info: 'Thông tin',
  tasks: 'Nhiệm vụ',
  indicators: 'Chỉ tiêu',
  /** Very hidden: plan id and hash, agency, period, template version. */
  meta: '_da06',
} as const;

export const INFO_LABELS = {
  agency: 'Đơn vị',
  period: 'Kỳ báo cáo',
  preparer: 'Người lập',
  date: 'Ngày lập',
  phone: 'Số điện thoại',
} as const;

export const TASK_COLUMNS = {
  no: 'STT',
  id: 'Mã nhiệm vụ',
  title: 'Nội dung nhiệm vụ',
  role: 'Vai trò',
  deadline: 'Thời hạn',
  status: 'Trạng thái',
  progress: 'Tiến độ (%)',
  completedOn: 'Ngày hoàn thành',
  result: 'Kết quả thực hiện',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Đề xuất, kiến nghị',
} as const;

/** Columns the validator needs; the others are for the reader's eyes. */
export const REQUIRED_TASK_COLUMNS = ['id', 'status', 'progress', 'completedOn', 'result', 'difficulties', 'proposals'] as const;

export const INDICATOR_COLUMNS = {
  no: 'STT',
  id: 'Mã chỉ tiêu',
  name: 'Tên chỉ tiêu',
  unit: 'Đơn vị tính',
  target: 'Chỉ tiêu kế hoạch',
  numeratorLabel: 'Nội dung tử số',
  numerator: 'Tử số',
  denominatorLabel: 'Nội dung mẫu số',
  denominator: 'Mẫu số',
  note: 'Ghi chú',
} as const;

export const REQUIRED_INDICATOR_COLUMNS = ['id', 'numerator', 'denominator'] as const;

export const STATUS = {
  done: 'Đã hoàn thành',
  inProgress: 'Đang thực hiện',
  notStarted: 'Chưa thực hiện',
} as const;

export type StatusKey = keyof typeof STATUS;
export const STATUS_VALUES: string[] = Object.values(STATUS);

export const META_KEYS = ['plan', 'planHash', 'agency', 'period', 'templateVersion'] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** How many rows below the header the validator looks at before giving up on finding a header. */
export const HEADER_SEARCH_ROWS = 15;
