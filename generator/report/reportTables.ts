import type { ConsolidatedReport, TaskSummary } from '../../core/report/schema.ts';
import { AGENCY_STATUS_LABEL, TASK_STATUS_LABEL } from '../../core/report/labels.ts';
import { LEVEL_ORDER } from '../../core/report/levels.ts';
import { SEVERITY_LABEL } from '../../core/validation/catalogue.ts';

/**
 * One description of each table of the report: its columns (header, width, alignment, where it
 * appears) and its typed cells. The DOCX (nd30.dataTable) and the XLSX annex are both drawn from
 * it, so a column added, renamed or reordered here changes both.
 */

/** A typed cell: the DOCX prints it in Vietnamese notation, the annex writes the value with a number format. */
export type Cell =
  | { kind: 'text'; text: string; bold?: boolean; /** a second line in italics, in the DOCX only */ note?: string }
  | { kind: 'number'; value: number; digits?: number; bold?: boolean }
  /** `value` in percent (64.5 means 64,5 %). */
  | { kind: 'percent'; value: number; digits?: number }
  /** An ISO calendar date, YYYY-MM-DD. */
  | { kind: 'date'; iso: string }
  | { kind: 'empty' };

export interface Column {
  header: string;
  /** Relative width in the DOCX (what is left after each column's minimum is shared by weight). */
  weight: number;
  /** Width in the annex, in characters. */
  xlsxWidth: number;
  align?: 'left' | 'center' | 'right';
  /** Never wraps in the DOCX: numbers, codes, dates. */
  nowrap?: boolean;
  /** Only in one of the two outputs. */
  only?: 'docx' | 'xlsx';
}

export interface Row {
  /** The group a task belongs to: a title row in the DOCX (when the table asks for it). */
  group?: string;
  cells: Cell[];
}

export interface TableDescription {
  /** The name the template's `bang` helper uses; `undefined` for annex-only tables. */
  name: string;
  /** The annex sheet, when the table is in the annex. */
  sheet?: string;
  columns: Column[];
  rows: Row[];
  /** DOCX: a title row opens each group. */
  groupTitles?: boolean;
}

const text = (t: string | undefined, extra: { bold?: boolean; note?: string } = {}): Cell =>
  t === undefined || t === '' ? (extra.note ? { kind: 'text', text: '', note: extra.note } : { kind: 'empty' }) : { kind: 'text', text: t, ...extra };
const number = (n: number | undefined, extra: { digits?: number; bold?: boolean } = {}): Cell => (n === undefined ? { kind: 'empty' } : { kind: 'number', value: n, ...extra });
const date = (iso: string | undefined): Cell => (iso ? { kind: 'date', iso } : { kind: 'empty' });

const STT: Column = { header: 'STT', weight: 1, xlsxWidth: 6, align: 'center', nowrap: true };

function leadNames(task: TaskSummary): string {
  if (task.leads.length <= 4) return task.leads.map((l) => l.name).join('; ');
  return `${task.leads.length} đơn vị`;
}

function leadStatuses(task: TaskSummary): string {
  return task.leads
    .map((l) => `${l.name}: ${l.status === 'noReport' ? 'chưa báo cáo' : TASK_STATUS_LABEL[l.status].toLowerCase()}${l.carriedFrom ? ` (theo báo cáo kỳ trước)` : ''}`)
    .join('; ');
}

/** Under a task's status: how many of its agencies' statuses are carried from an earlier report. */
function carriedNote(task: TaskSummary): { note?: string } {
  return task.carried ? { note: `${task.carried} đơn vị theo báo cáo kỳ trước` } : {};
}

/** Tasks in the plan's group order; tasks of a group the plan does not list come last. */
function tasksByGroup(report: ConsolidatedReport): { group: string; task: TaskSummary }[] {
  const names = new Map(report.groups.map((g) => [g.code, g.name]));
  const order = [...report.groups.map((g) => g.code), ...new Set(report.tasks.map((t) => t.group).filter((c) => !names.has(c)))];
  return order.flatMap((code) => report.tasks.filter((t) => t.group === code).map((task) => ({ group: names.get(code) ?? code, task })));
}

function tasks(report: ConsolidatedReport): TableDescription {
  return {
    name: 'tasks',
    sheet: 'Nhiệm vụ',
    groupTitles: true,
    columns: [
      { header: 'Mã', weight: 1, xlsxWidth: 10, align: 'center', nowrap: true },
      { header: 'Nhiệm vụ', weight: 36, xlsxWidth: 60 },
      { header: 'Nhóm', weight: 1, xlsxWidth: 40, only: 'xlsx' },
      { header: 'Cơ quan chủ trì', weight: 19, xlsxWidth: 30, only: 'docx' },
      { header: 'Thời hạn', weight: 11, xlsxWidth: 20, align: 'center' },
      { header: 'Trạng thái', weight: 11, xlsxWidth: 16, align: 'center' },
      { header: 'Tiến độ', weight: 1, xlsxWidth: 10, align: 'center', nowrap: true },
      { header: 'Quá hạn', weight: 1, xlsxWidth: 9, align: 'center', nowrap: true },
      { header: 'Cơ quan chủ trì / thực hiện', weight: 1, xlsxWidth: 40, only: 'xlsx' },
      { header: 'Tiến độ theo cấp', weight: 1, xlsxWidth: 30, only: 'xlsx' },
    ],
    rows: tasksByGroup(report).map(({ group, task }) => ({
      group,
      cells: [
        text(task.id),
        text(task.title, task.spread ? { note: task.spread.text } : {}),
        text(group),
        text(leadNames(task)),
        text(task.deadline),
        text(TASK_STATUS_LABEL[task.status], carriedNote(task)),
        task.progress === undefined ? { kind: 'empty' } : { kind: 'percent', value: task.progress, digits: 0 },
        text(task.overdue ? 'x' : ''),
        text(leadStatuses(task)),
        text(task.spread?.text),
      ],
    })),
  };
}

function overdue(report: ConsolidatedReport): TableDescription {
  return {
    name: 'overdue',
    columns: [
      STT,
      { header: 'Mã', weight: 1, xlsxWidth: 10, align: 'center', nowrap: true },
      { header: 'Nhiệm vụ', weight: 45, xlsxWidth: 60 },
      { header: 'Cơ quan chủ trì', weight: 25, xlsxWidth: 30 },
      { header: 'Thời hạn', weight: 15, xlsxWidth: 20, align: 'center' },
    ],
    rows: report.tasks
      .filter((t) => t.overdue)
      .map((t, i) => ({ cells: [number(i + 1), text(t.id), text(t.title), text(leadNames(t)), text(t.deadline)] })),
  };
}

function indicators(report: ConsolidatedReport): TableDescription {
  return {
    name: 'indicators',
    sheet: 'Chỉ tiêu',
    columns: [
      { header: 'Mã', weight: 1, xlsxWidth: 12, align: 'center', nowrap: true },
      { header: 'Chỉ tiêu', weight: 40, xlsxWidth: 55 },
      { header: 'Tử số', weight: 1, xlsxWidth: 12, align: 'right', nowrap: true },
      { header: 'Mẫu số', weight: 1, xlsxWidth: 12, align: 'right', nowrap: true },
      { header: 'Kết quả', weight: 1, xlsxWidth: 12, align: 'right', nowrap: true },
      { header: 'Chỉ tiêu KH', weight: 11, xlsxWidth: 18, align: 'center' },
      { header: 'Đánh giá', weight: 1, xlsxWidth: 12, align: 'center', nowrap: true },
      { header: 'Đơn vị đã báo cáo', weight: 1, xlsxWidth: 14, only: 'xlsx', align: 'center' },
    ],
    rows: report.indicators.map((ind) => ({
      cells: [
        text(ind.id),
        text(ind.name),
        number(ind.numerator, { digits: 1 }),
        number(ind.denominator, { digits: 1 }),
        ind.value === undefined ? { kind: 'empty' } : ind.unit === 'percent' ? { kind: 'percent', value: ind.value } : number(ind.value, { digits: 1 }),
        text(ind.target),
        text(ind.met === undefined ? '' : ind.met ? 'Đạt' : 'Chưa đạt', { bold: ind.met === false }),
        text(`${ind.reported}/${ind.expected}`),
      ],
    })),
  };
}

function agencyNotes(a: ConsolidatedReport['agencyRows'][number]): string {
  const notes: string[] = [];
  if (a.errors > 0) notes.push(`${a.errors} lỗi`);
  if (a.warnings > 0) notes.push(`${a.warnings} cảnh báo`);
  if (a.superseded.length > 0) notes.push(`thay ${a.superseded.length} tệp gửi trước`);
  return notes.join('; ');
}

/** Agencies level by level (province, district, commune), in plan order within a level. */
function agenciesByLevel(report: ConsolidatedReport): ConsolidatedReport['agencyRows'] {
  return LEVEL_ORDER.flatMap((level) => report.agencyRows.filter((a) => a.level === level)).concat(report.agencyRows.filter((a) => !LEVEL_ORDER.includes(a.level as never)));
}

function agencies(report: ConsolidatedReport): TableDescription {
  return {
    name: 'agencies',
    sheet: 'Đơn vị',
    columns: [
      STT,
      { header: 'Đơn vị', weight: 42, xlsxWidth: 50 },
      { header: 'Tình trạng', weight: 15, xlsxWidth: 14, align: 'center' },
      { header: 'Ngày lập', weight: 1, xlsxWidth: 12, align: 'center', nowrap: true },
      { header: 'Người lập', weight: 1, xlsxWidth: 22, only: 'xlsx' },
      { header: 'Tệp', weight: 1, xlsxWidth: 40, only: 'xlsx' },
      { header: 'Lỗi', weight: 1, xlsxWidth: 8, only: 'xlsx' },
      { header: 'Cảnh báo', weight: 1, xlsxWidth: 10, only: 'xlsx' },
      { header: 'Ghi chú', weight: 24, xlsxWidth: 30, only: 'docx' },
    ],
    // Departments apart from districts or communes: one title row per level.
    groupTitles: true,
    rows: agenciesByLevel(report).map((a, i) => ({
      group: a.levelLabel.charAt(0).toLocaleUpperCase('vi') + a.levelLabel.slice(1),
      cells: [
        number(i + 1),
        text(a.name),
        text(AGENCY_STATUS_LABEL[a.status], { bold: a.status !== 'on-time' }),
        date(a.reportDate),
        text(a.preparer),
        text(a.file),
        number(a.errors),
        number(a.warnings),
        text(agencyNotes(a)),
      ],
    })),
  };
}

function groups(report: ConsolidatedReport): TableDescription {
  const count = (header: string): Column => ({ header, weight: 1, xlsxWidth: 12, align: 'center', nowrap: true });
  const keys = ['total', 'done', 'inProgress', 'notStarted', 'noReport', 'overdue'] as const;
  const sum = Object.fromEntries(keys.map((k) => [k, report.groups.reduce((a, g) => a + g[k], 0)])) as Record<(typeof keys)[number], number>;
  return {
    name: 'groups',
    sheet: 'Nhóm nhiệm vụ',
    columns: [
      { header: 'Nhóm nhiệm vụ', weight: 37, xlsxWidth: 60 },
      count('Tổng số'),
      count('Đã hoàn thành'),
      count('Đang thực hiện'),
      count('Chưa thực hiện'),
      count('Chưa báo cáo'),
      count('Quá hạn'),
    ],
    rows: [
      ...report.groups.map((g) => ({ cells: [text(g.name), ...keys.map((k) => number(g[k]))] })),
      { cells: [text('Tổng cộng', { bold: true }), ...keys.map((k) => number(sum[k], { bold: true }))] },
    ],
  };
}

function rejected(report: ConsolidatedReport): TableDescription {
  return {
    name: 'rejected',
    sheet: 'Tệp bị trả lại',
    columns: [
      { header: 'Tệp', weight: 20, xlsxWidth: 40 },
      { header: 'Đơn vị', weight: 20, xlsxWidth: 30 },
      { header: 'Mức độ', weight: 1, xlsxWidth: 10, nowrap: true },
      { header: 'Mã lỗi', weight: 1, xlsxWidth: 26, nowrap: true },
      { header: 'Trang', weight: 10, xlsxWidth: 14 },
      { header: 'Ô', weight: 1, xlsxWidth: 8, nowrap: true },
      { header: 'Nội dung', weight: 40, xlsxWidth: 80 },
    ],
    rows: report.rejected.flatMap((r) =>
      r.issues.map((i) => ({ cells: [text(r.file), text(r.name), text(SEVERITY_LABEL[i.severity]), text(i.code), text(i.sheet), text(i.cell), text(i.message)] })),
    ),
  };
}

/** Every table, in the annex's sheet order. */
const TABLES = { tasks, groups, indicators, agencies, rejected, overdue } as const;

export type ReportTableName = keyof typeof TABLES;

export function describeTable(name: string, report: ConsolidatedReport): TableDescription | undefined {
  return Object.prototype.hasOwnProperty.call(TABLES, name) ? TABLES[name as ReportTableName](report) : undefined;
}

/** The annex's sheets, in order. */
export function annexTables(report: ConsolidatedReport): TableDescription[] {
  return Object.values(TABLES)
    .map((build) => build(report))
    .filter((t) => t.sheet !== undefined);
}

/** The columns (and each row's cells) that one output shows. */
export function columnsFor(table: TableDescription, output: 'docx' | 'xlsx'): { columns: Column[]; rows: Row[] } {
  const keep = table.columns.map((c) => c.only === undefined || c.only === output);
  return {
    columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
}
