/// <reference types="office-js" />
import type { Cell, CellValue, Sheet, WorkbookModel } from '../../../core/workbook/model.ts';
import { numberCellValue } from '../../../core/workbook/dates.ts';
import { toA1 } from '../../../core/workbook/address.ts';
import { ALL_FEATURES, type ExcelFeatures } from './features.ts';
import { READ_LIMITS } from '../../../core/workbook/limits.ts';
import { outsideArea, tooManySheets } from '../../../xlsx/messages.ts';
import { sanitizeCellValue } from '../../../core/text/sanitize.ts';

/**
 * The add-in's reader: the open workbook → the core's WorkbookModel, the same model the generator's
 * reader produces. Everything is queued and fetched in three `context.sync()` calls whatever the
 * number of rows, on every Excel from 2016 on: (1) the sheet list, (2) each sheet's used range, (3)
 * every sheet's values, number formats, value types, fonts and merged areas together. (Only when
 * Excel refuses the merged areas is the third step repeated without them.)
 *
 * Only ExcelApi 1.1 is assumed (addin/src/office/features.ts). Newer Excel gives every cell's font in
 * one call (1.9) and the merged areas (1.13); older Excel gives fonts cell by cell, for workbooks of
 * ordinary size, and no merges at all: the result says what could not be read.
 */

/**
 * The read limits of every reader (core/workbook/limits.ts). Data beyond them refuses the workbook
 * with the CLI's own message (xlsx/messages.ts), naming a cell that holds it. Excel before 1.2
 * counts cells that are only formatted as used: there the pane cannot tell data from formatting
 * beyond the limits, so it checks the part within them and says so.
 */
export const OFFICE_READ_LIMITS = { maxRows: READ_LIMITS.maxRows, maxCols: READ_LIMITS.maxCols };

/**
 * Without Range.getCellProperties (ExcelApi 1.9) each cell's font is a request of its own: asked for
 * up to this many cells in all (an agency form has about a thousand), beyond it the legacy-encoding
 * check goes by the text alone.
 */
export const FONT_CELL_BUDGET = 5_000;

export interface ReadOptions {
  /** What this Excel can do; everything when absent. */
  features?: ExcelFeatures;
  maxRows?: number;
  maxCols?: number;
  fontCellBudget?: number;
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
  /** Excel did not say which cells are merged (before ExcelApi 1.13, or it refused): `merges` are empty. */
  mergesUnknown: boolean;
  /** Cell fonts were not read (old Excel and a large workbook): legacy text is recognised by its letters only. */
  fontsUnknown: boolean;
  /** The workbook is refused (data beyond the read limits): the reason for the clerk; the model is empty. */
  unreadable?: string;
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
  /** All fonts at once (ExcelApi 1.9)… */
  fonts?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  /** …or one RangeFont per cell, row by row (ExcelApi 1.1). */
  cellFonts?: Excel.RangeFont[][];
  merged?: Excel.RangeAreas;
}

interface Box {
  rowIndex: number;
  columnIndex: number;
  rows: number;
  cols: number;
}

/** The part of each used range to read, within the limits. */
function dataBoxes(used: Excel.Range[], sheets: Excel.Worksheet[], options: ReadOptions, truncated: Truncation[]): (Box | undefined)[] {
  const maxRows = options.maxRows ?? OFFICE_READ_LIMITS.maxRows;
  const maxCols = options.maxCols ?? OFFICE_READ_LIMITS.maxCols;
  return used.map((u, i) => {
    if (u.rowCount <= 0 || u.columnCount <= 0) return undefined;
    const rows = Math.min(u.rowCount, maxRows);
    const cols = Math.min(u.columnCount, maxCols);
    if (rows < u.rowCount || cols < u.columnCount) truncated.push({ sheet: sheets[i]!.name, rows: u.rowCount, cols: u.columnCount });
    return { rowIndex: u.rowIndex, columnIndex: u.columnIndex, rows, cols };
  });
}

function boxAddress(box: Box): string {
  return `${toA1(box.rowIndex + 1, box.columnIndex + 1)}:${toA1(box.rowIndex + box.rows, box.columnIndex + box.cols)}`;
}

type FontMode = 'all' | 'per-cell' | 'none';

function queueData(sheet: PendingSheet, ws: Excel.Worksheet, box: Box, fonts: FontMode, merges: boolean): void {
  sheet.rowIndex = box.rowIndex;
  sheet.columnIndex = box.columnIndex;
  // getRange by address is ExcelApi 1.1 (getRangeByIndexes is 1.7).
  const range = ws.getRange(boxAddress(box));
  range.load('values,numberFormat,valueTypes');
  sheet.range = range;
  if (fonts === 'all') sheet.fonts = range.getCellProperties({ format: { font: { name: true } } });
  if (fonts === 'per-cell') {
    sheet.cellFonts = Array.from({ length: box.rows }, (_, r) =>
      Array.from({ length: box.cols }, (_, c) => {
        const font = range.getCell(r, c).format.font;
        font.load('name');
        return font;
      }),
    );
  }
  if (merges) {
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
        // The same clean-up as the file reader: no XML-illegal or bidi control reaches the core.
        const { value, changed: sanitized } = sanitizeCellValue(officeCellValue(raw, types[r]?.[c], numFmt));
        if (value.t === 'empty' && !sanitized) return;
        const row = sheet.rowIndex + r + 1;
        const col = sheet.columnIndex + c + 1;
        const font = fonts ? fonts[r]?.[c]?.format?.font?.name : sheet.cellFonts?.[r]?.[c]?.name;
        cells.push({
          address: toA1(row, col),
          row,
          col,
          value,
          ...(numFmt && numFmt !== 'General' ? { numFmt } : {}),
          ...(font ? { font } : {}),
          ...(sanitized ? { sanitized } : {}),
        });
      });
    });
    if (sheet.merged && !sheet.merged.isNullObject) merges.push(...splitAreaAddresses(sheet.merged.address));
  }
  return { name: sheet.name, visibility: sheet.visibility, cells, merges };
}

/**
 * The refusal of a sheet whose used range (values only) passes the limits, naming a cell with data
 * beyond them: the used range's last row (or, when only the columns pass, its last column) holds
 * some, found in one bounded read. The third sync.
 */
async function dataOutside(context: Excel.RequestContext, sheets: Excel.Worksheet[], used: Excel.Range[], name: string, options: ReadOptions): Promise<string> {
  const limits = { maxRows: options.maxRows ?? OFFICE_READ_LIMITS.maxRows, maxCols: options.maxCols ?? OFFICE_READ_LIMITS.maxCols };
  const i = sheets.findIndex((ws) => ws.name === name);
  const u = used[i]!;
  const lastRow = u.rowCount > limits.maxRows;
  const box: Box = lastRow
    ? { rowIndex: u.rowIndex + u.rowCount - 1, columnIndex: u.columnIndex, rows: 1, cols: u.columnCount }
    : { rowIndex: u.rowIndex, columnIndex: u.columnIndex + u.columnCount - 1, rows: u.rowCount, cols: 1 };
  const probe = sheets[i]!.getRange(boxAddress(box));
  probe.load('values');
  await context.sync();
  let cell = toA1(box.rowIndex + box.rows, box.columnIndex + box.cols);
  probe.values.some((row, r) =>
    row.some((v, c) => {
      const row1 = box.rowIndex + r + 1;
      const col1 = box.columnIndex + c + 1;
      if (v === '' || v === null || (row1 <= limits.maxRows && col1 <= limits.maxCols)) return false;
      cell = toA1(row1, col1);
      return true;
    }),
  );
  return outsideArea(name, cell, limits).message;
}

/** Reads the whole workbook of `context` into the core's model with three `context.sync()` calls. */
export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions = {}): Promise<OfficeReadResult> {
  const features = options.features ?? ALL_FEATURES;
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  await context.sync();

  const sheets = worksheets.items;
  if (sheets.length > READ_LIMITS.maxSheets) {
    return { model: { sheets: [] }, truncated: [], mergesUnknown: false, fontsUnknown: false, unreadable: tooManySheets(READ_LIMITS.maxSheets).message };
  }
  // On a blank sheet getUsedRange gives A1 (it does not throw); ExcelApi 1.1 counts formatted cells as used.
  const used = sheets.map((ws) => {
    const range = features.usedRangeValuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    return range;
  });
  await context.sync();

  const truncated: Truncation[] = [];
  const boxes = dataBoxes(used, sheets, options, truncated);
  if (truncated.length && features.usedRangeValuesOnly) {
    const unreadable = await dataOutside(context, sheets, used, truncated[0]!.sheet, options);
    return { model: { sheets: [] }, truncated: [], mergesUnknown: false, fontsUnknown: false, unreadable };
  }
  const cellCount = boxes.reduce((n, b) => n + (b ? b.rows * b.cols : 0), 0);
  const fonts: FontMode = features.cellProperties ? 'all' : cellCount <= (options.fontCellBudget ?? FONT_CELL_BUDGET) ? 'per-cell' : 'none';
  const queueAll = (merges: boolean): PendingSheet[] =>
    sheets.map((ws, i) => {
      const sheet: PendingSheet = { name: ws.name, visibility: VISIBILITY[ws.visibility] ?? 'visible', rowIndex: 0, columnIndex: 0 };
      const box = boxes[i];
      if (box) queueData(sheet, ws, box, fonts, merges);
      return sheet;
    });

  let merges = features.mergedAreas;
  let pending = queueAll(merges);
  try {
    await context.sync();
  } catch (e) {
    // Excel refuses merged areas beyond 512 in a range; read again without them rather than fail.
    if (!merges) throw e;
    merges = false;
    pending = queueAll(false);
    await context.sync();
  }

  return { model: { sheets: pending.map(buildSheet) }, truncated, mergesUnknown: !merges, fontsUnknown: fonts === 'none' };
}
