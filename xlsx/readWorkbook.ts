import type { Cell, CellValue, Sheet, WorkbookModel } from '../core/workbook/model.ts';
import { SHEETS } from '../core/workbook/contract.ts';
import { READ_LIMITS } from '../core/workbook/limits.ts';
import { dateValue, numberCellValue } from '../core/workbook/dates.ts';
import { parseRange, toA1 } from '../core/workbook/address.ts';
import { sanitizeCellValue, sanitizeText } from '../core/text/sanitize.ts';
import { Token, XmlError, XmlScanner } from './xml.ts';
import { num, outsideArea, RESAVE, Rejected, tooManyCells, tooManyRows, tooManySheets } from './messages.ts';

/* Browser-safe (no Node APIs): the standalone validator page uses it too. */

/**
 * The SpreadsheetML reader: the parts the zip guard kept (name → XML text) straight into the core's
 * WorkbookModel, one pass over each part with the pull scanner of ./xml.ts, no workbook object model.
 *
 * It reads what the contract needs and nothing else: sheet names and states; the cells of the
 * sheets the validator reads (Thông tin, Nhiệm vụ, Chỉ tiêu, _da06), each with its value (shared
 * and inline strings with rich-text runs joined, numbers, dates and percentages through the style's
 * number format, booleans, formulas by their cached value, error values), number format, font (text
 * cells only: the legacy-encoding rule's hint) and formula flag; and merged ranges. Other sheets are
 * listed with `unread: true` and no cells; their cells and rows are still counted (by the guard).
 *
 * Values follow the exceljs reader it replaces (test/reference/readWorkbook.ts, checked cell by cell
 * in test/xlsx/differential.test.ts), except where exceljs was wrong: see that test's list.
 */

const CONTRACT_SHEETS = [SHEETS.info, SHEETS.tasks, SHEETS.indicators, SHEETS.meta].map((n) => n.normalize('NFC').toLowerCase());

/** Whether the validator reads this sheet (names compared as `findSheet` does). */
export function isContractSheet(name: string): boolean {
  return CONTRACT_SHEETS.includes(name.normalize('NFC').trim().toLowerCase());
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/** The parts every read needs; the guard inflates them first so that `readerKeeps` can pick the sheets. */
export function isIndexPart(name: string): boolean {
  return name === WORKBOOK || name === WORKBOOK_RELS;
}

/** Coarse: the parts the reader may parse (the index, shared strings, styles, worksheets). */
export function readerNeeds(name: string): boolean {
  return isIndexPart(name) || name === SHARED_STRINGS || name === STYLES || WORKSHEET.test(name);
}

interface SheetEntry {
  name: string;
  visibility: Sheet['visibility'];
  /** The worksheet part, from the workbook's relationships. */
  part: string | undefined;
}

export interface WorkbookIndex {
  sheets: SheetEntry[];
  date1904: boolean;
}

/** A part's XML that does not parse: the file is damaged. */
function broken(part: string, sheet?: string): Rejected {
  return new Rejected(`Thành phần "${part.slice(0, 80)}"${sheet ? ` (trang "${sheet}")` : ''} không phải XML hợp lệ: tệp bị hỏng. ${RESAVE}`);
}

function resolveTarget(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Sheet names, states and parts, and the date system, from workbook.xml and its relationships. */
export function readIndex(workbookXml: string, relsXml: string | undefined): WorkbookIndex {
  const targets = new Map<string, string>();
  if (relsXml !== undefined) {
    try {
      const x = new XmlScanner(relsXml);
      for (let t = x.next(); t !== Token.End; t = x.next()) {
        if (t === Token.Open && x.name === 'Relationship') {
          const id = x.attr('Id');
          const target = x.attr('Target');
          if (id !== undefined && target !== undefined && x.attr('TargetMode') !== 'External') targets.set(id, resolveTarget(target));
        }
      }
    } catch (e) {
      if (e instanceof XmlError) throw broken(WORKBOOK_RELS);
      throw e;
    }
  }
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  try {
    const x = new XmlScanner(workbookXml);
    for (let t = x.next(); t !== Token.End; t = x.next()) {
      if (t !== Token.Open) continue;
      if (x.name === 'sheet') {
        if (sheets.length >= READ_LIMITS.maxSheets) {
          throw tooManySheets(READ_LIMITS.maxSheets);
        }
        const state = x.attr('state');
        const rid = x.attr('r:id');
        sheets.push({
          name: sanitizeText(x.attr('name') ?? '').text,
          visibility: state === 'veryHidden' ? 'veryHidden' : state === 'hidden' ? 'hidden' : 'visible',
          part: rid === undefined ? undefined : targets.get(rid),
        });
      } else if (x.name === 'workbookPr') {
        const d = x.attr('date1904');
        date1904 = d === '1' || d === 'true';
      }
    }
  } catch (e) {
    if (e instanceof XmlError) throw broken(WORKBOOK);
    throw e;
  }
  return { sheets, date1904 };
}

/**
 * What the guard keeps for the reader, once it holds the index parts (inflated first): the shared
 * strings, the styles and the worksheets of the contract's sheets. Other worksheets stream through
 * the guard's scanner, counted and dropped.
 */
export function readerKeeps(name: string, kept: ReadonlyMap<string, string>, wanted: (sheet: string) => boolean = isContractSheet): boolean {
  if (isIndexPart(name) || name === SHARED_STRINGS || name === STYLES) return true;
  const index = indexFor(kept);
  return index !== undefined && index.sheets.some((s) => s.part === name && wanted(s.name));
}

/** The sheet name a part holds, for the guard's messages. */
export function sheetOfPart(name: string, kept: ReadonlyMap<string, string>): string | undefined {
  return indexFor(kept)?.sheets.find((s) => s.part === name)?.name;
}

const indexCache = new WeakMap<ReadonlyMap<string, string>, { workbook: string; index: WorkbookIndex | undefined }>();

/** The index of the parts kept so far (parsed once per map; undefined while workbook.xml is missing or broken). */
function indexFor(kept: ReadonlyMap<string, string>): WorkbookIndex | undefined {
  const workbook = kept.get(WORKBOOK);
  if (workbook === undefined) return undefined;
  const cached = indexCache.get(kept);
  if (cached && cached.workbook === workbook) return cached.index;
  let index: WorkbookIndex | undefined;
  try {
    index = readIndex(workbook, kept.get(WORKBOOK_RELS));
  } catch {
    index = undefined; // the reader reports it, with its message
  }
  indexCache.set(kept, { workbook, index });
  return index;
}

// — Shared strings —

interface SharedStrings {
  text: string[];
  /** Font of the first rich-text run that names one. */
  font: (string | undefined)[];
}

/** `_xHHHH_` escapes of OOXML strings (ECMA-376 ST_Xstring), upper-case hex as Excel writes them. */
function unescapeXstring(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A string item (`<si>` or `<is>`, just opened): plain `<t>` text or rich-text runs joined, the
 * first run's font; phonetic runs (`<rPh>`) are skipped.
 */
function readStringItem(x: XmlScanner): { text: string; font: string | undefined } {
  let text = '';
  let font: string | undefined;
  if (x.selfClosing) return { text, font };
  const depth = x.depth;
  for (let t = x.next(); t !== Token.End && x.depth >= depth; t = x.next()) {
    if (t !== Token.Open) continue;
    if (x.name === 't') {
      if (!x.selfClosing) text += unescapeXstring(x.text());
    } else if (x.name === 'rFont') {
      font ??= x.attr('val');
    } else if (x.name === 'rPh') {
      x.skip();
    }
  }
  return { text, font };
}

function readSharedStrings(xml: string): SharedStrings {
  const out: SharedStrings = { text: [], font: [] };
  const x = new XmlScanner(xml);
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Open && x.name === 'si') {
      if (out.text.length >= READ_LIMITS.maxCells) {
        throw new Rejected(`Bảng tính có quá nhiều chuỗi văn bản (hơn ${num(READ_LIMITS.maxCells)}). Hãy xóa các trang tính hoặc vùng dữ liệu thừa rồi gửi lại.`);
      }
      const item = readStringItem(x);
      out.text.push(item.text);
      out.font.push(item.font);
    }
  }
  return out;
}

// — Styles: number format and font of each cell format (cellXfs), as exceljs resolves them —

/** Built-in number formats that exceljs names (ECMA-376 §18.8.30); the others have no code. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/**
 * Whether a number with this format is delivered as a date: exceljs's rule (any of y m d h s b
 * outside quotes and brackets), kept so that the model is the one the exceljs reader gave; a
 * number it does not take for a date still becomes one by core/workbook/dates.ts's rule.
 */
function exceljsDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

export interface Style {
  numFmt: string | undefined;
  font: string | undefined;
  date: boolean;
}

const NO_STYLE: Style = { numFmt: undefined, font: undefined, date: false };

export function readStyles(xml: string): Style[] {
  const formats = new Map<number, string>();
  const fonts: (string | undefined)[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  const x = new XmlScanner(xml);
  let section = '';
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t === Token.Close) {
      if (x.depth === 1) section = '';
      continue;
    }
    if (x.depth === 2 && !x.selfClosing) section = x.name;
    if (x.name === 'numFmt' && section === 'numFmts') {
      const id = parseInt(x.attr('numFmtId') ?? '', 10);
      // exceljs drops a format code's backslash escapes ("0.0\%" → "0.0%").
      if (Number.isInteger(id)) formats.set(id, (x.attr('formatCode') ?? '').replace(/[\\](.)/g, '$1'));
    } else if (x.name === 'font' && section === 'fonts') {
      fonts.push(undefined);
    } else if (x.name === 'name' && section === 'fonts' && fonts.length > 0) {
      fonts[fonts.length - 1] = x.attr('val');
    } else if (x.name === 'xf' && section === 'cellXfs') {
      xfs.push({ numFmtId: parseInt(x.attr('numFmtId') ?? '', 10), fontId: parseInt(x.attr('fontId') ?? '', 10) });
    }
  }
  return xfs.map(({ numFmtId, fontId }) => {
    const numFmt = numFmtId ? formats.get(numFmtId) || BUILTIN_FORMATS[numFmtId] || undefined : undefined;
    return { numFmt, font: fontId >= 0 ? fonts[fontId] : undefined, date: exceljsDateFormat(numFmt) };
  });
}

// — Worksheets —

const DAY_MS = 86_400_000;

/** A date-formatted number as exceljs delivered it: a JS Date (ms rounded) read back as a serial. */
function exceljsDate(v: number, date1904: boolean): CellValue {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  if (!(Math.abs(ms) <= 8.64e15)) return { t: 'error', v: '#VALUE!' };
  return dateValue(ms / DAY_MS + 25569);
}

function numberValue(raw: string, style: Style, date1904: boolean): CellValue {
  const n = parseFloat(raw);
  if (style.date) return exceljsDate(n, date1904);
  return Number.isFinite(n) ? numberCellValue(n, style.numFmt) : { t: 'error', v: '#NUM!' };
}

/** Row and column of "B12" (upper-case letters, no $, as SpreadsheetML writes them); undefined when it is not a cell of Excel's grid. */
function cellRef(ref: string): { row: number; col: number } | undefined {
  let i = 0;
  let col = 0;
  for (let c = ref.charCodeAt(0); i < 3 && c >= 65 && c <= 90; c = ref.charCodeAt(++i)) col = col * 26 + c - 64;
  if (i === 0 || i === ref.length || ref.length - i > 7 || ref.charCodeAt(i) === 48) return undefined;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + c - 48;
  }
  return col <= 16_384 && row <= 1_048_576 ? { row, col } : undefined;
}

interface Budget {
  /** Cells counted so far in the whole file. */
  cells: number;
}

interface SheetContext {
  name: string;
  part: string;
  strings: SharedStrings | undefined;
  styles: Style[];
  date1904: boolean;
  budget: Budget;
}

function atCell(ctx: SheetContext, address: string, what: string): Rejected {
  return new Rejected(`Trang "${ctx.name}", ô ${address}: ${what}: tệp bị hỏng hoặc bị làm giả. ${RESAVE}`);
}

/** One `<c>` element, just opened: its value as exceljs read it, then the model's cell (undefined when empty). */
function readCell(x: XmlScanner, ctx: SheetContext, row: number, col: number, s: string | undefined, type: string | undefined, shared: Set<string>): Cell | undefined {
  // No `s` means cell format 0, the workbook's default (exceljs ignored format 0: a font hint lost).
  const style = ctx.styles[s === undefined ? 0 : parseInt(s, 10)] ?? NO_STYLE;
  let v: string | undefined;
  let inline: { text: string; font: string | undefined } | undefined;
  let formula = false;
  const depth = x.depth;
  for (let t = x.next(); t !== Token.End && x.depth >= depth; t = x.next()) {
    if (t !== Token.Open) continue;
    if (x.name === 'v') {
      if (!x.selfClosing) v = (v ?? '') + x.text();
    } else if (x.name === 'f') {
      const kind = x.attr('t');
      const si = x.attr('si');
      if (kind === 'shared' && si !== undefined) {
        if (x.attr('ref') !== undefined) shared.add(si);
        else if (!shared.has(si)) throw atCell(ctx, toA1(row, col), `công thức dùng chung (si="${si.slice(0, 12)}") không có ô công thức gốc`);
      }
      const text = x.selfClosing ? '' : x.text();
      // exceljs: a formula is an <f> with text or a t attribute; an empty <f/> is not one.
      formula ||= text !== '' || kind !== undefined;
    } else if (x.name === 'is') {
      inline = readStringItem(x);
    }
  }
  let value: CellValue;
  let font: string | undefined;
  if (formula) {
    if (!v) value = { t: 'empty' };
    else if (type === 'str') value = { t: 'text', v };
    else if (type === 'b') value = { t: 'boolean', v: parseInt(v, 10) !== 0 };
    else if (type === 'e') value = { t: 'error', v };
    else value = numberValue(v, style, ctx.date1904);
  } else if (type === 'inlineStr') {
    value = inline && inline.text !== '' ? { t: 'text', v: inline.text } : { t: 'empty' };
    font = inline?.font;
  } else if (v === undefined || v === '') {
    value = { t: 'empty' };
  } else if (type === 's') {
    if (!/^\s*\d+\s*$/.test(v)) throw atCell(ctx, toA1(row, col), `chỉ số chuỗi dùng chung "${v.slice(0, 20)}" không phải số thập phân`);
    const i = Number(v);
    const count = ctx.strings?.text.length ?? 0;
    if (i >= count) throw atCell(ctx, toA1(row, col), `ô trỏ tới chuỗi dùng chung số ${num(i)} nhưng tệp chỉ có ${num(count)} chuỗi`);
    const text = ctx.strings!.text[i]!;
    value = text === '' ? { t: 'empty' } : { t: 'text', v: text };
    font = ctx.strings!.font[i];
  } else if (type === 'str') {
    value = { t: 'text', v };
  } else if (type === 'b') {
    value = { t: 'boolean', v: parseInt(v, 10) !== 0 };
  } else if (type === 'e') {
    value = { t: 'error', v };
  } else {
    value = numberValue(v, style, ctx.date1904);
  }
  if (value.t === 'empty') return undefined;
  const address = toA1(row, col);
  // A lone cell far away passes the row and column counts.
  if (row > READ_LIMITS.maxRows || col > READ_LIMITS.maxCols) {
    throw outsideArea(ctx.name, address, READ_LIMITS);
  }
  if (value.t === 'text') {
    if (value.v.length > READ_LIMITS.maxTextLength) {
      throw new Rejected(
        `Ô ${ctx.name}!${address} chứa ${num(value.v.length)} ký tự, vượt giới hạn ${num(READ_LIMITS.maxTextLength)} ký tự một ô của Excel. Hãy rút gọn nội dung ô đó rồi gửi lại.`,
      );
    }
    font ??= style.font;
  }
  const clean = sanitizeCellValue(value);
  value = clean.value;
  const sanitized = clean.changed;
  // Optional fields only when set (the model's shape, as the reference reader gives it).
  const cell: Cell = { address, row, col, value };
  if (style.numFmt) cell.numFmt = style.numFmt;
  if (font) cell.font = font;
  if (formula) cell.formula = true;
  if (sanitized) cell.sanitized = true;
  return cell;
}

const CELL_ATTRS = ['r', 's', 't'] as const;

/** The column a cell without r takes: `nextCol`, or the one after an empty cell whose r was not parsed. */
function columnAfter(pendingRef: string | undefined, nextCol: number): number {
  if (nextCol > 0) return nextCol;
  return (cellRef(pendingRef ?? '')?.col ?? 0) + 1;
}

function readSheet(xml: string, ctx: SheetContext, visibility: Sheet['visibility']): Sheet {
  const cells: Cell[] = [];
  const merges: string[] = [];
  const shared = new Set<string>();
  const x = new XmlScanner(xml);
  let rows = 0;
  let rowNumber = 0;
  let cellsInRow = 0;
  // The column of a cell without r: after the previous cell; nextCol 0 means "after pendingRef".
  let nextCol = 1;
  let pendingRef: string | undefined;
  const attrs: (string | undefined)[] = [undefined, undefined, undefined];
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if (t !== Token.Open) continue;
    switch (x.name) {
      case 'row': {
        if (++rows > READ_LIMITS.maxRows) {
          throw tooManyRows(`Trang "${ctx.name}"`, READ_LIMITS.maxRows);
        }
        const r = x.attr('r');
        const n = r === undefined ? rowNumber + 1 : Number(r);
        if (!Number.isInteger(n) || n < 1 || n > 1_048_576) throw atCell(ctx, `dòng ${r ?? ''}`.slice(0, 30), 'số dòng không hợp lệ');
        rowNumber = n;
        cellsInRow = 0;
        nextCol = 1;
        pendingRef = undefined;
        break;
      }
      case 'c': {
        if (++cellsInRow > READ_LIMITS.maxCols) {
          throw new Rejected(`Trang "${ctx.name}" có quá nhiều cột (hơn ${READ_LIMITS.maxCols} ô ở dòng ${num(rowNumber)}). Hãy xóa các cột thừa rồi gửi lại.`);
        }
        if (++ctx.budget.cells > READ_LIMITS.maxCells) throw tooManyCells(READ_LIMITS.maxCells);
        if (x.selfClosing) {
          // An empty cell (styled, no value): where it stands matters only if the next cell has no r.
          const r = x.attr('r');
          if (r === undefined) {
            nextCol = columnAfter(pendingRef, nextCol) + 1;
          } else {
            pendingRef = r;
            nextCol = 0;
          }
          break;
        }
        x.attrs(CELL_ATTRS, attrs);
        const r = attrs[0];
        let row = rowNumber;
        let col: number;
        if (r === undefined) {
          col = columnAfter(pendingRef, nextCol);
        } else {
          const at = cellRef(r);
          if (!at) throw atCell(ctx, r.slice(0, 20), 'địa chỉ ô không hợp lệ');
          ({ row, col } = at);
        }
        nextCol = col + 1;
        const cell = readCell(x, ctx, row, col, attrs[1], attrs[2], shared);
        if (cell) cells.push(cell);
        break;
      }
      case 'mergeCell': {
        const ref = (x.attr('ref') ?? '').trim();
        const box = /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(ref) ? parseRange(ref) : undefined;
        if (!box) throw atCell(ctx, ref.slice(0, 30), 'vùng gộp ô không hợp lệ');
        merges.push(`${toA1(box.top, box.left)}:${toA1(box.bottom, box.right)}`);
        break;
      }
      case 'sheetData':
      case 'mergeCells':
      case 'worksheet':
        break;
      default:
        // Columns, views, validations, formatting, extensions: nothing the contract reads.
        if (x.depth <= 2) x.skip();
    }
  }
  return { name: ctx.name, visibility, cells, merges };
}

/**
 * Reads the parts the guard kept into the model. `cellsCounted` are the cells the guard counted in
 * the parts it did not keep (the unread sheets), so that the whole file stays within the budget.
 * Throws `Rejected` (a message for the clerk) when the file cannot be read.
 */
export function readParts(parts: ReadonlyMap<string, string>, cellsCounted = 0, wanted: (sheet: string) => boolean = isContractSheet): WorkbookModel {
  const workbook = parts.get(WORKBOOK);
  if (workbook === undefined) throw new Rejected(`Tệp không phải bảng tính Excel (.xlsx): thiếu thành phần bắt buộc xl/workbook.xml. ${RESAVE}`);
  const index = readIndex(workbook, parts.get(WORKBOOK_RELS));
  const sst = parts.get(SHARED_STRINGS);
  const stylesXml = parts.get(STYLES);
  let strings: SharedStrings | undefined;
  let styles: Style[] = [];
  try {
    strings = sst === undefined ? undefined : readSharedStrings(sst);
  } catch (e) {
    if (e instanceof XmlError) throw broken(SHARED_STRINGS);
    throw e;
  }
  try {
    styles = stylesXml === undefined ? [] : readStyles(stylesXml);
  } catch (e) {
    if (e instanceof XmlError) throw broken(STYLES);
    throw e;
  }
  const budget: Budget = { cells: cellsCounted };
  if (budget.cells > READ_LIMITS.maxCells) throw tooManyCells(READ_LIMITS.maxCells);
  const sheets = index.sheets.map((entry): Sheet => {
    const xml = entry.part === undefined ? undefined : parts.get(entry.part);
    if (!wanted(entry.name) || xml === undefined) {
      // A contract sheet whose part is missing reads as empty, as exceljs gave it.
      return { name: entry.name, visibility: entry.visibility, cells: [], merges: [], ...(wanted(entry.name) ? {} : { unread: true }) };
    }
    try {
      return readSheet(xml, { name: entry.name, part: entry.part!, strings, styles, date1904: index.date1904, budget }, entry.visibility);
    } catch (e) {
      if (e instanceof XmlError) throw broken(entry.part!, entry.name);
      throw e;
    }
  });
  return { sheets };
}
