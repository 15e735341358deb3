import ExcelJS from 'exceljs';
import { loadPlan } from '../../../generator/plan/loadPlan.ts';
import { buildTemplate } from '../../../generator/template/writeTemplate.ts';
import { readWorkbook } from '../../../xlsx/bytesToModel.ts';
import { parsePeriodId } from '../../../core/period/period.ts';
import { legacyMappingTable } from '../../../core/text/legacyEncoding.ts';
import { isoToSerial } from '../../../core/workbook/dates.ts';
import type { Cell, WorkbookModel } from '../../../core/workbook/model.ts';
import { toA1 } from '../../../core/workbook/address.ts';

/**
 * A real agency workbook for the add-in tests: the generator's template for Sở TT&TT, January 2023,
 * with a few cells filled the way a clerk would, some of them wrong, one in TCVN3 and one with the
 * clerk's own green fill; read back with the generator's exceljs reader.
 */

export const PLAN_ID = 'quang-ngai-2022';
export const AGENCY = 'SO_TTTT';
export const PERIOD = '2023-01';
export const TASKS = 'Nhiệm vụ';
export const INFO = 'Thông tin';
/** The clerk's own fill on a cell that has an issue (G5: progress 150). */
export const CLERK_FILL = '#C6EFCE';

/** Unicode → TCVN3 bytes (as Latin-1 characters), from the core's table. */
export function toTcvn3(text: string): string {
  const inverse = new Map(legacyMappingTable('tcvn3'));
  return [...text.normalize('NFC')].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : (inverse.get(ch) ?? ch))).join('');
}
export const LEGACY_UNICODE = 'Đang phối hợp góp ý dự thảo văn bản';

export interface CellFill {
  color: string;
  pattern: string;
}

export interface SampleWorkbook {
  bytes: Uint8Array;
  model: WorkbookModel;
  /** Fills of every filled cell, per sheet and address (Office's "#RRGGBB"). */
  fills: Record<string, Record<string, CellFill>>;
  /** Sheets protected in the file. */
  protectedSheets: string[];
}

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

export async function sampleWorkbook(): Promise<SampleWorkbook> {
  const np = loadPlan(PLAN_ID);
  const template = await buildTemplate(np, AGENCY, parsePeriodId(PERIOD)!);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const info = wb.getWorksheet(INFO)!;
  info.getCell('B5').value = 'Nguyễn Văn An';
  info.getCell('B6').value = new Date(Date.UTC(2023, 0, 12));
  info.getCell('B7').value = '0255 3822 123';
  const tasks = wb.getWorksheet(TASKS)!;
  const set = (address: string, value: ExcelJS.CellValue) => (tasks.getCell(address).value = value);
  // III.1: done, correct.
  set('F4', 'Đã hoàn thành');
  set('G4', 100);
  set('H4', new Date(Date.UTC(2023, 0, 10)));
  set('I4', 'Đã tổ chức hội nghị quán triệt Đề án 06 cho toàn ngành.');
  // III.2.a: progress out of range, result typed in TCVN3 with a .VnTime font.
  set('F5', 'Đang thực hiện');
  set('G5', 150);
  set('I5', toTcvn3(LEGACY_UNICODE));
  // exceljs shares one style object between cells of the same style: give each changed cell its own.
  const restyle = (address: string, change: Partial<ExcelJS.Style>) => {
    const cell = tasks.getCell(address);
    cell.style = { ...structuredClone(cell.style), ...change };
  };
  restyle('I5', { font: { name: '.VnTime', size: 12 } });
  restyle('G5', { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${CLERK_FILL.slice(1)}` } } });
  // III.2.b: not started yet with progress.
  set('F6', 'Chưa thực hiện');
  set('G6', 30);
  // III.2.c: status missing on a cell whose fill the clerk removed.
  restyle('F7', { fill: { type: 'pattern', pattern: 'none' } });
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const model = await readWorkbook(bytes);

  const fills: SampleWorkbook['fills'] = {};
  const protectedSheets: string[] = [];
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(bytes as unknown as ArrayBuffer);
  wb2.eachSheet((ws) => {
    const sheetFills: Record<string, CellFill> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill;
        if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
          const color = argbToHex(fill.fgColor?.argb);
          if (color) sheetFills[cell.address] = { color, pattern: 'Solid' };
        }
      }),
    );
    fills[ws.name] = sheetFills;
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet) protectedSheets.push(ws.name);
  });
  return { bytes, model, fills, protectedSheets };
}

/** The fake host's and the mock's picture of a workbook: Office.js values, types and formats by cell. */
export interface GridCell {
  v: string | number | boolean;
  t: 'String' | 'Double' | 'Boolean' | 'Error' | 'Empty';
  f?: string;
  font?: string;
  fill?: CellFill;
}
export interface GridSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  cells: Record<string, GridCell>;
  merges: string[];
}
export interface Grid {
  sheets: GridSheet[];
  excelApi?: string;
  settings?: Record<string, unknown>;
}

const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

/** Turns the model (and fills) into what Office.js would report: dates as serial numbers, etc. */
export function modelToGrid(model: WorkbookModel, fills: SampleWorkbook['fills'] = {}, protectedSheets: string[] = []): Grid {
  return {
    sheets: model.sheets.map((sheet) => {
      const cells: Record<string, GridCell> = {};
      for (const [address, fill] of Object.entries(fills[sheet.name] ?? {})) cells[address] = { v: '', t: 'Empty', fill };
      for (const c of sheet.cells) {
        const v = c.value;
        const base =
          v.t === 'text'
            ? { v: v.v, t: 'String' as const }
            : v.t === 'number'
              ? { v: v.v, t: 'Double' as const }
              : v.t === 'date'
                ? { v: v.serial ?? isoToSerial(v.v), t: 'Double' as const }
                : v.t === 'boolean'
                  ? { v: v.v, t: 'Boolean' as const }
                  : v.t === 'error'
                    ? { v: v.v, t: 'Error' as const }
                    : { v: '', t: 'Empty' as const };
        cells[c.address] = { ...cells[c.address], ...base, ...(c.numFmt ? { f: c.numFmt } : {}), ...(c.font ? { font: c.font } : {}) };
      }
      return { name: sheet.name, visibility: VISIBILITY[sheet.visibility], protected: protectedSheets.includes(sheet.name), cells, merges: sheet.merges };
    }),
  };
}

/** The sample with its task sheet grown or cut to `rows` task rows (copies of the real ones). */
export function withTaskRows(model: WorkbookModel, rows: number): WorkbookModel {
  return {
    sheets: model.sheets.map((sheet) => {
      if (sheet.name !== TASKS) return sheet;
      const header = sheet.cells.filter((c) => c.row <= 3);
      const body = sheet.cells.filter((c) => c.row > 3);
      const bodyRows = [...new Set(body.map((c) => c.row))].sort((a, b) => a - b);
      const cells: Cell[] = [...header];
      for (let i = 0; i < rows; i++) {
        const from = bodyRows[i % bodyRows.length]!;
        for (const c of body.filter((x) => x.row === from)) cells.push({ ...c, row: 4 + i, address: toA1(4 + i, c.col) });
      }
      return { ...sheet, cells };
    }),
  };
}
