import ExcelJS from 'exceljs';
import type { Plan } from '../../core/plan/schema.ts';
import { formatDeadline, parseDeadlineText, type DeadlineValue } from '../../core/plan/deadlineText.ts';
import {
  AGENCY_COLUMNS,
  AGENCY_KIND_LABEL,
  AGGREGATE_LABEL,
  FREQUENCY_LABEL,
  GROUP_COLUMNS,
  HEADING_COLUMNS,
  INDICATOR_COLUMNS,
  LEVEL_LABEL,
  LIST_SEPARATOR,
  NOTE_COLUMNS,
  PLAN_FIELDS,
  PLAN_SHEETS,
  REFERENCE_COLUMNS,
  SET_COLUMNS,
  TASK_COLUMNS,
  TASK_KIND_LABEL,
  UNIT_LABEL,
  type Column,
  type PlanField,
} from '../../core/plan/workbookLayout.ts';
import { PLAN_ISSUES } from '../../core/plan/planIssues.ts';
import { columnLetters } from '../../core/workbook/address.ts';
import { addValidation } from '../template/writeTemplate.ts';
import { fitRowHeights } from '../template/rowHeight.ts';
import { unzipSync } from 'fflate';
import { zipDeterministic } from '../output/deterministicZip.ts';
import { schemaValidSharedStrings } from '../output/sharedStrings.ts';

/**
 * Writes a plan as a plan workbook (core/plan/workbookLayout.ts): what `npm run plan -- export`
 * gives the officer to edit, and what core/plan/readPlanWorkbook.ts reads back to the same plan.
 */

const FONT = 'Times New Roman';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
/** Rows below the last one that still get the dropdowns, for rows the officer adds. */
const SPARE_ROWS = 300;
const LISTS_SHEET = 'Danh mục';

type Cell = string | number | Date | undefined;

const monthText = (m: string | undefined): string | undefined => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : undefined);
const codes = (list: readonly string[] | undefined): string | undefined => (list?.length ? list.join(LIST_SEPARATOR.codes) : undefined);
const dateCell = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Closed lists live on a hidden sheet: labels such as "Sở, ban, ngành" hold commas, which an inline list cannot. */
class Lists {
  private next = 1;
  private readonly ranges = new Map<readonly string[], string>();
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  range(values: readonly string[]): string {
    let r = this.ranges.get(values);
    if (!r) {
      const col = this.next++;
      values.forEach((v, i) => (this.ws.getCell(i + 1, col).value = v));
      r = `'${LISTS_SHEET}'!$${columnLetters(col)}$1:$${columnLetters(col)}$${values.length}`;
      this.ranges.set(values, r);
    }
    return r;
  }
}

function styleTable(ws: ExcelJS.Worksheet, columns: Record<string, Column>, rows: number, lists: Lists): void {
  const entries = Object.values(columns);
  const header = ws.getRow(1);
  entries.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 12, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (let r = 2; r <= rows + 1; r++) {
    for (let c = 1; c <= entries.length; c++) {
      const cell = ws.getRow(r).getCell(c);
      cell.font = { name: FONT, size: 12 };
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  }
  entries.forEach((c, i) => {
    if (!c.list || c.many) return;
    const col = columnLetters(i + 1);
    addValidation(ws, `${col}2:${col}${rows + 1 + SPARE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [lists.range(c.list)],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `Chọn một giá trị trong danh sách: ${c.list.join('; ')}.`,
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  fitRowHeights(ws);
}

/** A table sheet: a header row, then one row of values a record; codes and months kept as text. */
function table<C extends Record<string, Column>>(wb: ExcelJS.Workbook, lists: Lists, name: string, columns: C, rows: Partial<Record<keyof C, Cell>>[]): void {
  const ws = wb.addWorksheet(name);
  const keys = Object.keys(columns) as (keyof C)[];
  ws.columns = keys.map((k) => ({ width: columns[k]!.width }));
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    keys.forEach((k, c) => {
      const v = values[k];
      if (v === undefined) return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      // Text stays text when edited: "07/2026" must not become a date, "1" not a number.
      if (typeof v === 'string') cell.numFmt = '@';
    });
  });
  styleTable(ws, columns, rows.length, lists);
}

function guideSheet(wb: ExcelJS.Workbook, plan: Plan): void {
  const ws = wb.addWorksheet(PLAN_SHEETS.guide, { properties: { tabColor: { argb: 'FF2F5597' } } });
  ws.columns = [{ width: 4 }, { width: 110 }];
  const lines: [string, string][] = [
    ['', `KẾ HOẠCH DƯỚI DẠNG BẢNG TÍNH — ${plan.title}`],
    ['', 'Tệp này chứa toàn bộ kế hoạch triển khai Đề án 06 để lập biểu mẫu báo cáo của từng đơn vị. Sửa trong Excel rồi kiểm tra bằng lệnh "npm run plan -- import TỆP.xlsx".'],
    ['1.', `Trang "${PLAN_SHEETS.plan}": số hiệu, ngày ban hành, cơ quan ban hành, tỉnh, kỳ báo cáo và hạn nộp, cơ quan thường trực, người ký. Ghi giá trị ở cột B, cạnh tên mục.`],
    ['2.', `Trang "${PLAN_SHEETS.agencies}": mỗi dòng một đơn vị: mã (chữ in hoa không dấu, ví dụ SO_KH_CN), tên, loại, cấp, có báo cáo hay không. Cơ quan mới thay cho cơ quan cũ (sáp nhập): ghi mã cũ ở cột "${AGENCY_COLUMNS.replaces.header}" và xóa dòng của cơ quan cũ.`],
    ['3.', `Trang "${PLAN_SHEETS.sets}": các nhóm như kế hoạch viết ("Các sở, ban, ngành"; "UBND các xã, phường, đặc khu"): ghi mã các thành viên cách nhau bởi dấu phẩy, hoặc chọn ở cột "${SET_COLUMNS.kinds.header}" để gồm mọi đơn vị của loại đó.`],
    ['4.', `Trang "${PLAN_SHEETS.groups}" và "${PLAN_SHEETS.headings}": các nhóm nhiệm vụ và các đề mục (III.3, III.6.a) của văn bản.`],
    ['5.', `Trang "${PLAN_SHEETS.tasks}": mỗi nhiệm vụ một dòng, giữ mã của văn bản (III.3.a). "${TASK_COLUMNS.lead.header}", "${TASK_COLUMNS.support.header}", "${TASK_COLUMNS.executing.header}": mã đơn vị hoặc mã nhóm, cách nhau bởi dấu phẩy.`],
    ['', `"${TASK_COLUMNS.deadline.header}": chép nguyên lời văn. "Trước 20/3/2026" là hạn 19/3/2026; "Trong tháng 3/2026" là hạn cuối tháng; "Thường xuyên" báo cáo mỗi kỳ; "Cấp tỉnh từ ngày 01/7/2026; cấp xã từ ngày 01/10/2026" là nhiệm vụ thường xuyên kể từ ngày đó của từng cấp. Lời văn khác (ví dụ "Theo lộ trình của Đề án") thì ghi cách hiểu ở cột "${TASK_COLUMNS.deadlineMeaning.header}".`],
    ['6.', `Trang "${PLAN_SHEETS.indicators}": mỗi chỉ tiêu một dòng; chỉ tiêu có nhiều mục tiêu (theo giai đoạn, theo đơn vị) thì mỗi mục tiêu thêm một dòng, để trống tên chỉ tiêu. Tháng ghi dạng 07/2026.`],
    ['7.', `Trang "${PLAN_SHEETS.notes}": những chỗ văn bản tự mâu thuẫn (thân văn bản và phụ lục khác nhau), giá trị đã dùng và lý do.`],
    ['8.', 'Không gộp ô, không đổi tên trang tính và tiêu đề cột. Các cột có danh sách thả xuống chỉ nhận giá trị trong danh sách.'],
    ['', 'Các lỗi thường gặp khi kiểm tra:'],
  ];
  for (const code of ['plan-agency-unknown', 'plan-duplicate', 'plan-deadline-unreadable', 'plan-set-self', 'plan-target-without-unit', 'plan-merged-cell'] as const) {
    lines.push(['–', `${PLAN_ISSUES[code].title}: ${PLAN_ISSUES[code].fix}`]);
  }
  lines.forEach(([n, t], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = n;
    row.getCell(2).value = t;
    row.eachCell((c) => {
      c.font = { name: FONT, size: i === 0 ? 14 : 12, bold: i === 0 || t.endsWith('kiểm tra:') };
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  fitRowHeights(ws);
}

function planSheet(wb: ExcelJS.Workbook, lists: Lists, plan: Plan): void {
  const ws = wb.addWorksheet(PLAN_SHEETS.plan);
  ws.columns = [{ width: 34 }, { width: 90 }];
  const values: Record<PlanField, Cell> = {
    id: plan.id,
    title: plan.title,
    number: plan.number,
    date: dateCell(plan.date),
    issuer: plan.issuer,
    province: plan.province,
    place: plan.place,
    standingAgency: plan.standing.agency,
    reportSymbol: plan.standing.reportSymbol,
    signerTitle: plan.standing.signerTitle,
    signerName: plan.standing.signerName,
    frequency: FREQUENCY_LABEL[plan.reporting.frequency],
    alsoPeriods: plan.reporting.alsoPeriods.length ? plan.reporting.alsoPeriods.map((f) => FREQUENCY_LABEL[f]).join(LIST_SEPARATOR.labels) : undefined,
    dueDay: plan.reporting.dueDay,
    dueInLastMonth: plan.reporting.dueInLastMonth ? 'Có' : 'Không',
    cutoffDay: plan.reporting.cutoffDay,
    reportingText: plan.reporting.text,
    recipients: plan.recipients.join('\n'),
    notes: plan.notes,
  };
  (Object.keys(PLAN_FIELDS) as PlanField[]).forEach((f, i) => {
    const row = ws.getRow(i + 1);
    const label = row.getCell(1);
    label.value = PLAN_FIELDS[f];
    label.font = { name: FONT, size: 12, bold: true };
    label.fill = HEADER_FILL;
    label.border = THIN;
    label.alignment = { vertical: 'top', wrapText: true };
    const cell = row.getCell(2);
    const v = values[f];
    if (v !== undefined) cell.value = v;
    cell.font = { name: FONT, size: 12 };
    cell.border = THIN;
    cell.alignment = { vertical: 'top', wrapText: true };
    if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    else if (typeof v === 'string') cell.numFmt = '@';
    const list = f === 'frequency' ? Object.values(FREQUENCY_LABEL) : f === 'dueInLastMonth' ? ['Có', 'Không'] : undefined;
    if (list) addValidation(ws, `B${i + 1}`, { type: 'list', allowBlank: true, formulae: [lists.range(list)], showErrorMessage: true, errorTitle: PLAN_FIELDS[f], error: `Chọn một trong: ${list.join('; ')}.` });
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 0, topLeftCell: 'B1', activeCell: 'B1' }];
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  fitRowHeights(ws);
}

/** The deadline's two cells: the plan's words, and a meaning only where the words alone read otherwise. */
function deadlineCells(plan: Plan, deadline: Plan['tasks'][number]['deadline']): { deadline?: string; deadlineMeaning?: string } {
  const { text, ...value } = deadline;
  const typed = value as DeadlineValue;
  if (text === undefined) return { deadlineMeaning: formatDeadline(typed) };
  const levels = [...new Set(plan.agencies.map((a) => a.level))];
  const read = parseDeadlineText(text, { year: Number(plan.date.slice(0, 4)), levels });
  const same = read.ok && JSON.stringify(read.deadline) === JSON.stringify(typed);
  return same ? { deadline: text } : { deadline: text, deadlineMeaning: formatDeadline(typed) };
}

/** The plan as a plan workbook (xlsx bytes, the same for the same plan). */
export async function buildPlanWorkbook(plan: Plan): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2000, 0, 1));
  wb.creator = 'da06';
  wb.lastModifiedBy = 'da06';
  wb.created = fixed;
  wb.modified = fixed;
  wb.title = plan.title;
  guideSheet(wb, plan);
  const listsSheet = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const lists = new Lists(listsSheet);
  planSheet(wb, lists, plan);
  const kindLabel = (a: Plan['agencies'][number]): string => (a.kind === 'commune' && a.commune ? AGENCY_KIND_LABEL[`commune:${a.commune}`] : AGENCY_KIND_LABEL[a.kind]);
  table(
    wb,
    lists,
    PLAN_SHEETS.agencies,
    AGENCY_COLUMNS,
    plan.agencies.map((a) => ({
      code: a.code,
      name: a.name,
      short: a.short,
      kind: kindLabel(a),
      level: LEVEL_LABEL[a.level],
      reports: a.reports ? 'Có' : 'Không',
      replaces: codes(a.replaces),
      note: a.note,
    })),
  );
  table(
    wb,
    lists,
    PLAN_SHEETS.sets,
    SET_COLUMNS,
    plan.agencySets.map((s) => ({
      code: s.code,
      name: s.name,
      members: codes(s.members),
      kinds: s.kinds?.length ? s.kinds.map((k) => AGENCY_KIND_LABEL[k]).join(LIST_SEPARATOR.labels) : undefined,
      note: s.note,
    })),
  );
  table(wb, lists, PLAN_SHEETS.groups, GROUP_COLUMNS, plan.groups.map((g) => ({ code: g.code, name: g.name, utility: g.utility })));
  table(wb, lists, PLAN_SHEETS.headings, HEADING_COLUMNS, plan.headings.map((h) => ({ id: h.id, title: h.title, group: h.group })));
  table(
    wb,
    lists,
    PLAN_SHEETS.tasks,
    TASK_COLUMNS,
    plan.tasks.map((t) => ({
      id: t.id,
      heading: t.heading,
      group: t.group,
      kind: TASK_KIND_LABEL[t.kind],
      title: t.title,
      lead: codes(t.lead),
      support: codes(t.support),
      executing: codes(t.executing),
      ...deadlineCells(plan, t.deadline),
      objective: t.objective,
      forces: t.forces,
      platform: t.platform,
      notes: t.notes,
    })),
  );
  table(
    wb,
    lists,
    PLAN_SHEETS.indicators,
    INDICATOR_COLUMNS,
    plan.indicators.flatMap((ind) => {
      const targetCells = (t: (typeof ind.targets)[number] | undefined) =>
        t ? { comparator: t.comparator, value: t.value, targetFrom: monthText(t.from), targetTo: monthText(t.to), targetAgencies: codes(t.agencies), targetText: t.text } : {};
      const [first, ...more] = ind.targets;
      return [
        {
          id: ind.id,
          name: ind.name,
          unit: UNIT_LABEL[ind.unit],
          group: ind.group,
          numeratorLabel: ind.numeratorLabel,
          denominatorLabel: ind.denominatorLabel,
          from: monthText(ind.from),
          to: monthText(ind.to),
          agencies: codes(ind.agencies),
          aggregate: AGGREGATE_LABEL[ind.aggregate],
          source: ind.source,
          ...targetCells(first),
        },
        // Each further target on a row of its own, under its indicator.
        ...more.map((t) => ({ id: ind.id, ...targetCells(t) })),
      ];
    }),
  );
  table(wb, lists, PLAN_SHEETS.notes, NOTE_COLUMNS, plan.discrepancies.map((d) => ({ ...d })));
  table(wb, lists, PLAN_SHEETS.reference, REFERENCE_COLUMNS, plan.reference.map((x) => ({ ...x })));
  fitRowHeights(listsSheet);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  // Recipients and notes hold line breaks: exceljs's xml:space on them is not schema-valid.
  return zipDeterministic(Object.entries(schemaValidSharedStrings(unzipSync(new Uint8Array(await wb.xlsx.writeBuffer())))));
}
