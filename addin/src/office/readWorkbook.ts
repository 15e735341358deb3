/// <reference types="office-js" />
import type { Cell, CellValue, Sheet, WorkbookModel } from '../../../core/workbook/model.ts';
import { numberCellValue } from '../../../core/workbook/dates.ts';
import { toA1 } from '../../../core/workbook/address.ts';

/**
 * The add-in's reader: the open workbook → the core's WorkbookModel, the same model the generator's
 * exceljs reader produces. Everything is queued and fetched in three `context.sync()` calls whatever
 * the number of rows: (1) the sheet list, (2) each sheet's used range size, (3) every sheet's values,
 * number formats, value types, font names and merged areas together. (Only when Excel refuses the
 * merged areas is the third step repeated without them.)
 */

/** The same bounds as the generator's reader (generator/reader/readWorkbook.ts READ_LIMITS). */
export const OFFICE_READ_LIMITS = { maxRows: 20_000, maxCols: 60 };

export interface ReadOptions {
  /** Load merged areas (Range.getMergedAreasOrNullObject needs ExcelApi 1.13). */
  mergedAreas: boolean;
  maxRows?: number;
  maxCols?: number;
}

/** A sheet larger than the limits: only its first rows and columns were read. */
export interface Truncation {
  sheet: string;
  rows: number;
  cols: number;
}

export interface OfficeReadResult {
  model: WorkbookModel;
  truncated: Truncation[];
}

const VISIBILITY: Record<string, Sheet['visibility']> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

/** One Office.js value (with its value type and number format) as the core's typed value. */
export function officeCellValue(raw: unknown, type: string | undefined, numFmt: string | undefined): CellValue {
  if (raw === null || raw === undefined || raw === '' || type === 'Empty') return { t: 'empty' };
  if (type === 'Error') return { t: 'error', v: String(raw) };
  if (typeof raw === 'number') return numberCellValue(raw, numFmt);
  if (typeof raw === 'boolean') return { t: 'boolean', v: raw };
  return { t: 'text', v: String(raw) };
}

/** "Sheet1!A1:B2,'A, b'!C3" → ["A1:B2", "C3"]: the addresses of a RangeAreas without sheet names. */
export function splitAreaAddresses(address: string): string[] {
  const out: string[] = [];
  const re = /(?:'(?:[^']|'')*'|[^!,']+)!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)/g;
  for (let m = re.exec(address); m; m = re.exec(address)) out.push(m[1]!.replace(/\$/g, ''));
  return out;
}

interface PendingSheet {
  name: string;
  visibility: Sheet['visibility'];
  rowIndex: number;
  columnIndex: number;
  range?: Excel.Range;
  fonts?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  merged?: Excel.RangeAreas;
}

function queueData(sheet: PendingSheet, ws: Excel.Worksheet, used: Excel.Range, options: ReadOptions, truncated: Truncation[]): void {
  const maxRows = options.maxRows ?? OFFICE_READ_LIMITS.maxRows;
  const maxCols = options.maxCols ?? OFFICE_READ_LIMITS.maxCols;
  const rows = Math.min(used.rowCount, maxRows);
  const cols = Math.min(used.columnCount, maxCols);
  if (rows < used.rowCount || cols < used.columnCount) truncated.push({ sheet: sheet.name, rows: used.rowCount, cols: used.columnCount });
  sheet.rowIndex = used.rowIndex;
  sheet.columnIndex = used.columnIndex;
  const range = ws.getRangeByIndexes(used.rowIndex, used.columnIndex, rows, cols);
  range.load('values,numberFormat,valueTypes');
  sheet.range = range;
  sheet.fonts = range.getCellProperties({ format: { font: { name: true } } });
  if (options.mergedAreas) {
    sheet.merged = range.getMergedAreasOrNullObject();
    sheet.merged.load('address');
  }
}

function buildSheet(sheet: PendingSheet): Sheet {
  const cells: Cell[] = [];
  const merges: string[] = [];
  const range = sheet.range;
  if (range) {
    const values = range.values;
    const formats = range.numberFormat;
    const types = range.valueTypes as string[][];
    const fonts = sheet.fonts?.value;
    values.forEach((rowValues, r) => {
      rowValues.forEach((raw, c) => {
        const numFmt = formats[r]?.[c] === undefined || formats[r]?.[c] === null ? undefined : String(formats[r]![c]);
        const value = officeCellValue(raw, types[r]?.[c], numFmt);
        if (value.t === 'empty') return;
        const row = sheet.rowIndex + r + 1;
        const col = sheet.columnIndex + c + 1;
        const font = fonts?.[r]?.[c]?.format?.font?.name;
        cells.push({
          address: toA1(row, col),
          row,
          col,
          value,
          ...(numFmt && numFmt !== 'General' ? { numFmt } : {}),
          ...(font ? { font } : {}),
        });
      });
    });
    if (sheet.merged && !sheet.merged.isNullObject) merges.push(...splitAreaAddresses(sheet.merged.address));
  }
  return { name: sheet.name, visibility: sheet.visibility, cells, merges };
}

/** Reads the whole workbook of `context` into the core's model with three `context.sync()` calls. */
export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<OfficeReadResult> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  await context.sync();

  const sheets = worksheets.items;
  const used = sheets.map((ws) => {
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    return range;
  });
  await context.sync();

  const queueAll = (mergedAreas: boolean): { pending: PendingSheet[]; truncated: Truncation[] } => {
    const truncated: Truncation[] = [];
    const pending: PendingSheet[] = sheets.map((ws, i) => {
      const sheet: PendingSheet = { name: ws.name, visibility: VISIBILITY[ws.visibility] ?? 'visible', rowIndex: 0, columnIndex: 0 };
      const usedRange = used[i]!;
      if (!usedRange.isNullObject && usedRange.rowCount > 0 && usedRange.columnCount > 0) {
        queueData(sheet, ws, usedRange, { ...options, mergedAreas }, truncated);
      }
      return sheet;
    });
    return { pending, truncated };
  };

  let batch = queueAll(options.mergedAreas);
  try {
    await context.sync();
  } catch (e) {
    // Excel refuses merged areas beyond 512 in a range; read again without them rather than fail.
    if (!options.mergedAreas) throw e;
    batch = queueAll(false);
    await context.sync();
  }
  const { pending, truncated } = batch;

  return { model: { sheets: pending.map(buildSheet) }, truncated };
}
