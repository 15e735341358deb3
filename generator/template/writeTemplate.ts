import ExcelJS from 'exceljs';
import { tasksForAgency, indicatorsForAgency, ROLE_LABEL, type NormalizedPlan } from '../../core/plan/normalize.ts';
import { deadlineText } from '../../core/plan/deadline.ts';
import { INDICATOR_COLUMNS, INFO_LABELS, SHEETS, STATUS_VALUES, TASK_COLUMNS, TEMPLATE_VERSION } from '../../core/workbook/contract.ts';
import { periodDueDate, periodLabel, type Period } from '../../core/period/period.ts';
import { formatShortDate } from '../../core/text/dates.ts';
import { targetText } from '../../core/report/targets.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { deterministicZip } from '../output/deterministicZip.ts';
import { fitRowHeights } from './rowHeight.ts';

const FONT = 'Times New Roman';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFE0' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const DATE_FORMAT = 'dd/mm/yyyy';
/** Sheet protection without a password: it guards against slips, not against the clerk. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

const UNIT_TEXT = { percent: 'Tỷ lệ (%)', count: 'Số lượng', number: 'Số' } as const;

/** exceljs supports range validations but does not declare them; one entry per range keeps files small. */
export function addValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

function styleHeader(row: ExcelJS.Row, count: number): void {
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cell.font = { name: FONT, size: 12, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
}

function styleBody(cell: ExcelJS.Cell, input: boolean): void {
  cell.font = { name: FONT, size: 12 };
  cell.border = THIN;
  cell.alignment = { vertical: 'top', wrapText: true };
  if (input) {
    cell.protection = { locked: false };
    cell.fill = INPUT_FILL;
  }
}

function printSetup(ws: ExcelJS.Worksheet, titleRows?: string): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}

function title(ws: ExcelJS.Worksheet, text: string, lastCol: string, row = 1, size = 14): void {
  ws.mergeCells(`A${row}:${lastCol}${row}`);
  const cell = ws.getCell(`A${row}`);
  cell.value = text;
  cell.font = { name: FONT, size, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function guideSheet(wb: ExcelJS.Workbook, np: NormalizedPlan, agencyName: string, period: Period, due: string): void {
  const ws = wb.addWorksheet(SHEETS.guide, { properties: { tabColor: { argb: 'FF2F5597' } } });
  ws.columns = [{ width: 4 }, { width: 110 }];
  title(ws, 'HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO ĐỀ ÁN 06', 'B');
  const lines: [string, string][] = [
    ['', `Đơn vị: ${agencyName} — Kỳ báo cáo: ${periodLabel(period)} — Hạn nộp: ${formatShortDate(due)}.`],
    ['', `Kế hoạch: ${np.plan.title}${np.plan.number ? ` (${np.plan.number})` : ''}.`],
    ['1.', `Trang "${SHEETS.info}": ghi ${INFO_LABELS.preparer}, ${INFO_LABELS.date} (ngày/tháng/năm) và ${INFO_LABELS.phone}. Không sửa tên đơn vị và kỳ báo cáo.`],
    ['2.', `Trang "${SHEETS.tasks}": với mỗi nhiệm vụ, chọn "${TASK_COLUMNS.status}" trong danh sách (${STATUS_VALUES.join(', ')}), ghi "${TASK_COLUMNS.progress}" từ 0 đến 100, "${TASK_COLUMNS.completedOn}" khi đã hoàn thành, và tóm tắt "${TASK_COLUMNS.result}".`],
    ['', `Nhiệm vụ đã quá thời hạn mà chưa hoàn thành: ghi rõ lý do ở cột "${TASK_COLUMNS.difficulties}". Nhiệm vụ thường xuyên: ghi kết quả mỗi kỳ.`],
    ['3.', `Trang "${SHEETS.indicators}": ghi "${INDICATOR_COLUMNS.numerator}" và, với chỉ tiêu tỷ lệ, "${INDICATOR_COLUMNS.denominator}" (số nguyên, không âm; tử số không lớn hơn mẫu số). Chỉ tiêu đếm để trống mẫu số.`],
    ['4.', 'Chỉ ghi vào các ô nền vàng. Không thêm, xóa hay đổi thứ tự dòng, cột và trang tính; không đổi tên trang tính.'],
    ['5.', 'Gõ tiếng Việt bằng bảng mã Unicode (phông Times New Roman); không dùng phông .VnTime hay VNI-Times.'],
    ['6.', 'Kiểm tra bằng add-in "Kiểm tra báo cáo" trong Excel (hoặc trang kiểm tra độc lập khi dùng LibreOffice, WPS), sửa hết lỗi rồi gửi tệp cho Công an tỉnh.'],
    ['', 'Các lỗi thường gặp:'],
  ];
  const common = ['status-missing', 'progress-not-100', 'completion-date-missing', 'result-missing', 'overdue-explanation-missing', 'numerator-exceeds-denominator', 'legacy-tcvn3'] as const;
  for (const code of common) lines.push(['–', `${CATALOGUE[code].title}: ${CATALOGUE[code].fix}`]);
  lines.forEach(([n, text], i) => {
    const row = ws.getRow(i + 3);
    row.getCell(1).value = n;
    row.getCell(2).value = text;
    row.eachCell((c) => {
      c.font = { name: FONT, size: 12, bold: text === 'Các lỗi thường gặp:' };
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  printSetup(ws);
  fitRowHeights(ws);
  void ws.protect('', PROTECTION);
}

function infoSheet(wb: ExcelJS.Workbook, agencyName: string, period: Period, due: string): void {
  const ws = wb.addWorksheet(SHEETS.info);
  ws.columns = [{ width: 22 }, { width: 60 }];
  title(ws, 'THÔNG TIN CHUNG', 'B');
  const rows: [string, ExcelJS.CellValue, boolean, string?][] = [
    [INFO_LABELS.agency, agencyName, false],
    [INFO_LABELS.period, periodLabel(period), false],
    [INFO_LABELS.preparer, null, true],
    [INFO_LABELS.date, null, true, DATE_FORMAT],
    [INFO_LABELS.phone, null, true, '@'],
    ['Hạn nộp', formatShortDate(due), false],
  ];
  rows.forEach(([label, value, input, numFmt], i) => {
    const row = ws.getRow(i + 3);
    const l = row.getCell(1);
    l.value = label;
    l.font = { name: FONT, size: 12, bold: true };
    l.border = THIN;
    const v = row.getCell(2);
    v.value = value;
    styleBody(v, input);
    if (numFmt) v.numFmt = numFmt;
  });
  ws.getCell('B6').dataValidation = {
    type: 'date',
    operator: 'greaterThan',
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: 'Ngày lập',
    error: 'Hãy ghi ngày dạng ngày/tháng/năm, ví dụ 12/01/2023.',
  };
  printSetup(ws);
  fitRowHeights(ws);
  void ws.protect('', PROTECTION);
}

const TASK_WIDTHS: Record<keyof typeof TASK_COLUMNS, number> = {
  no: 5, id: 12, title: 55, role: 11, deadline: 18, status: 17, progress: 10, completedOn: 13, result: 45, difficulties: 32, proposals: 32,
};
const TASK_INPUTS = new Set(['status', 'progress', 'completedOn', 'result', 'difficulties', 'proposals']);

function tasksSheet(wb: ExcelJS.Workbook, np: NormalizedPlan, agency: string, agencyName: string, period: Period): void {
  const keys = Object.keys(TASK_COLUMNS) as (keyof typeof TASK_COLUMNS)[];
  const ws = wb.addWorksheet(SHEETS.tasks, { views: [{ state: 'frozen', xSplit: 3, ySplit: 3, topLeftCell: 'D4', activeCell: 'F4' }] });
  ws.columns = keys.map((k) => ({ key: k, width: TASK_WIDTHS[k] }));
  const last = String.fromCharCode(64 + keys.length);
  title(ws, 'TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ', last);
  title(ws, `${agencyName} — ${periodLabel(period)}`, last, 2, 12);
  const header = ws.getRow(3);
  keys.forEach((k, i) => (header.getCell(i + 1).value = TASK_COLUMNS[k]));
  styleHeader(header, keys.length);
  const assigned = tasksForAgency(np, agency);
  assigned.forEach(({ task, role }, i) => {
    const row = ws.getRow(4 + i);
    const values: Record<keyof typeof TASK_COLUMNS, ExcelJS.CellValue> = {
      no: i + 1, id: task.id, title: task.title, role: ROLE_LABEL[role], deadline: deadlineText(task.deadline),
      status: null, progress: null, completedOn: null, result: null, difficulties: null, proposals: null,
    };
    keys.forEach((k, c) => {
      const cell = row.getCell(c + 1);
      cell.value = values[k];
      styleBody(cell, TASK_INPUTS.has(k));
    });
    row.getCell(keys.indexOf('completedOn') + 1).numFmt = DATE_FORMAT;
    row.getCell(keys.indexOf('progress') + 1).numFmt = '0.##';
  });
  const first = 4;
  const lastRow = 3 + assigned.length;
  if (assigned.length > 0) {
    const colOf = (k: keyof typeof TASK_COLUMNS) => String.fromCharCode(65 + keys.indexOf(k));
    // One validation per column, limited to the task rows.
    addValidation(ws, `${colOf('status')}${first}:${colOf('status')}${lastRow}`, {
      type: 'list', allowBlank: true, formulae: [`"${STATUS_VALUES.join(',')}"`],
      showErrorMessage: true, errorTitle: 'Trạng thái', error: `Chọn một trong: ${STATUS_VALUES.join(', ')}.`,
    });
    addValidation(ws, `${colOf('progress')}${first}:${colOf('progress')}${lastRow}`, {
      type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100],
      showErrorMessage: true, errorTitle: 'Tiến độ (%)', error: 'Ghi một số từ 0 đến 100.',
    });
    addValidation(ws, `${colOf('completedOn')}${first}:${colOf('completedOn')}${lastRow}`, {
      type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1))],
      showErrorMessage: true, errorTitle: 'Ngày hoàn thành', error: 'Ghi ngày dạng ngày/tháng/năm.',
    });
  }
  printSetup(ws, '3:3');
  fitRowHeights(ws);
  void ws.protect('', PROTECTION);
}

const INDICATOR_WIDTHS: Record<keyof typeof INDICATOR_COLUMNS, number> = {
  no: 5, id: 12, name: 50, unit: 12, target: 20, numeratorLabel: 28, numerator: 12, denominatorLabel: 28, denominator: 12, note: 30,
};

function indicatorsSheet(wb: ExcelJS.Workbook, np: NormalizedPlan, agency: string, agencyName: string, period: Period): void {
  const keys = Object.keys(INDICATOR_COLUMNS) as (keyof typeof INDICATOR_COLUMNS)[];
  const ws = wb.addWorksheet(SHEETS.indicators, { views: [{ state: 'frozen', xSplit: 3, ySplit: 3, topLeftCell: 'D4', activeCell: 'G4' }] });
  ws.columns = keys.map((k) => ({ key: k, width: INDICATOR_WIDTHS[k] }));
  const last = String.fromCharCode(64 + keys.length);
  const indicators = indicatorsForAgency(np, agency);
  title(ws, 'SỐ LIỆU CHỈ TIÊU', last);
  title(ws, indicators.length ? `${agencyName} — ${periodLabel(period)}` : `${agencyName} không có chỉ tiêu định lượng phải báo cáo trong kế hoạch này.`, last, 2, 12);
  const header = ws.getRow(3);
  keys.forEach((k, i) => (header.getCell(i + 1).value = INDICATOR_COLUMNS[k]));
  styleHeader(header, keys.length);
  indicators.forEach((ind, i) => {
    const row = ws.getRow(4 + i);
    const values: Record<keyof typeof INDICATOR_COLUMNS, ExcelJS.CellValue> = {
      no: i + 1, id: ind.id, name: ind.name, unit: UNIT_TEXT[ind.unit], target: targetText(ind.unit, ind.targets),
      numeratorLabel: ind.numeratorLabel, numerator: null, denominatorLabel: ind.denominatorLabel ?? '(không có)', denominator: null, note: null,
    };
    keys.forEach((k, c) => {
      const cell = row.getCell(c + 1);
      cell.value = values[k];
      styleBody(cell, k === 'numerator' || k === 'note' || (k === 'denominator' && ind.unit === 'percent'));
    });
  });
  if (indicators.length) {
    const lastRow = 3 + indicators.length;
    for (const k of ['numerator', 'denominator'] as const) {
      const c = String.fromCharCode(65 + keys.indexOf(k));
      addValidation(ws, `${c}4:${c}${lastRow}`, {
        type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
        showErrorMessage: true, errorTitle: INDICATOR_COLUMNS[k], error: 'Ghi một số không âm.',
      });
    }
  }
  printSetup(ws, '3:3');
  fitRowHeights(ws);
  void ws.protect('', PROTECTION);
}

function metaSheet(wb: ExcelJS.Workbook, np: NormalizedPlan, agency: string, period: Period): void {
  const ws = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });
  const rows: [string, string][] = [
    ['plan', np.plan.id],
    ['planHash', np.hash],
    ['agency', agency],
    ['period', period.id],
    ['templateVersion', TEMPLATE_VERSION],
  ];
  rows.forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    ws.getCell(i + 1, 2).value = v;
  });
  void ws.protect('', PROTECTION);
}

export class TemplateError extends Error {}

/** Builds the agency's workbook for a period; deterministic bytes for the same inputs. */
export async function buildTemplate(np: NormalizedPlan, agencyCode: string, period: Period): Promise<Uint8Array> {
  const agency = np.agencies.get(agencyCode);
  if (!agency) throw new TemplateError(`Không có đơn vị mã "${agencyCode}" trong kế hoạch ${np.plan.id}.`);
  if (!agency.reports) throw new TemplateError(`${agency.name} không phải báo cáo theo kế hoạch ${np.plan.id}.`);
  const due = periodDueDate(period, np.plan.reporting);
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2000, 0, 1)); // document properties must not carry the run's time
  wb.creator = 'da06';
  wb.lastModifiedBy = 'da06';
  wb.created = fixed;
  wb.modified = fixed;
  wb.title = `Báo cáo Đề án 06 — ${agency.name} — ${periodLabel(period)}`;
  guideSheet(wb, np, agency.name, period, due);
  infoSheet(wb, agency.name, period, due);
  tasksSheet(wb, np, agency.code, agency.name, period);
  indicatorsSheet(wb, np, agency.code, agency.name, period);
  metaSheet(wb, np, agency.code, period);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  const buffer = await wb.xlsx.writeBuffer();
  return deterministicZip(new Uint8Array(buffer));
}
