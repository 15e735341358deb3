import ExcelJS from 'exceljs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Cell, CellValue, Sheet, WorkbookModel } from '../../core/workbook/model.ts';
import { dateObjectToSerial, dateValue, numberCellValue } from '../../core/workbook/dates.ts';
import { READ_LIMITS } from '../../core/workbook/limits.ts';
import { guardZip } from '../../xlsx/zipGuard.ts';

/**
 * The reference reader: the exceljs-based reader the CLI and the standalone page used before xlsx/.
 * Kept only as the reference of test/xlsx/differential.test.ts (exceljs builds a full workbook
 * object model; the new reader must give the same WorkbookModel, cell by cell).
 */

/** A sheet beyond READ_LIMITS: the message is for the clerk. */
export class ReadLimitError extends Error {}

type RawValue = ExcelJS.CellValue;

function richTextOf(v: { richText: { text: string; font?: Partial<ExcelJS.Font> }[] }): { text: string; font?: string } {
  return { text: v.richText.map((r) => r.text).join(''), font: v.richText.find((r) => r.font?.name)?.font?.name };
}

/** Turns an exceljs value (after formula results are taken) into the core's typed value. */
function toValue(raw: RawValue, numFmt: string | undefined): { value: CellValue; font?: string; formula?: boolean } {
  if (raw === null || raw === undefined) return { value: { t: 'empty' } };
  if (typeof raw === 'number') return { value: Number.isFinite(raw) ? numberCellValue(raw, numFmt) : { t: 'error', v: '#NUM!' } };
  if (typeof raw === 'string') return { value: raw === '' ? { t: 'empty' } : { t: 'text', v: raw } };
  if (typeof raw === 'boolean') return { value: { t: 'boolean', v: raw } };
  if (raw instanceof Date) {
    const serial = dateObjectToSerial(raw);
    return { value: Number.isFinite(serial) ? dateValue(serial) : { t: 'error', v: '#VALUE!' } };
  }
  if (typeof raw === 'object') {
    if ('richText' in raw && Array.isArray(raw.richText)) {
      const { text, font } = richTextOf(raw as { richText: { text: string; font?: Partial<ExcelJS.Font> }[] });
      return { value: text === '' ? { t: 'empty' } : { t: 'text', v: text }, font };
    }
    if ('error' in raw) return { value: { t: 'error', v: String(raw.error) } };
    if ('formula' in raw || 'sharedFormula' in raw) {
      const result = (raw as { result?: RawValue }).result;
      const inner = result === undefined ? { value: { t: 'empty' } as CellValue } : toValue(result, numFmt);
      return { ...inner, formula: true };
    }
    if ('text' in raw && typeof raw.text === 'string') return { value: { t: 'text', v: raw.text } }; // hyperlink
  }
  return { value: { t: 'text', v: String(raw) } };
}

function readSheet(ws: ExcelJS.Worksheet): Sheet {
  const cells: Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (c) => {
      if (c.type === ExcelJS.ValueType.Merge) return; // the core reads merged areas from their master
      const numFmt = c.numFmt || undefined;
      const { value, font, formula } = toValue(c.value, numFmt);
      if (value.t === 'empty') return;
      // maxRows/maxCols of exceljs count rows and cells; a lone cell far away passes them.
      if (Number(c.row) > READ_LIMITS.maxRows || Number(c.col) > READ_LIMITS.maxCols) {
        throw new ReadLimitError(
          `Trang "${ws.name}" có dữ liệu ở ô ${c.address}, ngoài vùng được phép (${READ_LIMITS.maxRows.toLocaleString('vi-VN')} dòng, ${READ_LIMITS.maxCols} cột). Hãy xóa nội dung ở ô đó rồi gửi lại.`,
        );
      }
      if (value.t === 'text' && value.v.length > READ_LIMITS.maxTextLength) {
        throw new ReadLimitError(
          `Ô ${ws.name}!${c.address} chứa ${value.v.length.toLocaleString('vi-VN')} ký tự, vượt giới hạn ${READ_LIMITS.maxTextLength.toLocaleString('vi-VN')} ký tự một ô của Excel. Hãy rút gọn nội dung ô đó rồi gửi lại.`,
        );
      }
      const cellFont = font ?? c.font?.name;
      cells.push({
        address: c.address,
        row: Number(c.row),
        col: Number(c.col),
        value,
        ...(numFmt ? { numFmt } : {}),
        ...(cellFont ? { font: cellFont } : {}),
        ...(formula ? { formula } : {}),
      });
    });
  });
  const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges).map((m) => m.range);
  const visibility = ws.state === 'veryHidden' ? 'veryHidden' : ws.state === 'hidden' ? 'hidden' : 'visible';
  return { name: ws.name, visibility, cells, merges };
}

/** Nodes of a worksheet the reader never needs; a whole-column validation would otherwise be expanded cell by cell. */
const LOAD_OPTIONS = {
  ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'hyperlinks', 'autoFilter', 'rowBreaks', 'tableParts'],
  maxRows: READ_LIMITS.maxRows,
  maxCols: READ_LIMITS.maxCols,
};

const NEEDED_PART = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml)$/;

/**
 * The parts of the package the reader parses: the workbook and its relationships, shared strings,
 * styles (number formats, fonts) and the worksheets. Themes, pictures, drawings, comments, tables,
 * document properties and worksheet relationships are never parsed.
 */
export function readerNeeds(name: string): boolean {
  return NEEDED_PART.test(name);
}

type SaxSource = string[];
interface Xform {
  parseStream(source: SaxSource): Promise<unknown>;
}
/** exceljs's own loader, step by step (its XLSX class; stable across 4.x, present in the browser build too). */
interface ExcelJsInternals {
  parseRels(source: SaxSource): Promise<unknown>;
  parseWorkbook(source: SaxSource): Promise<Record<string, unknown>>;
  _processWorksheetEntry(source: SaxSource, model: Record<string, unknown>, sheetNo: string, options: unknown, path: string): Promise<void>;
  reconcile(model: Record<string, unknown>, options: unknown): void;
  prepareModel(model: Record<string, unknown>, options: unknown): void;
}

let xforms: { SharedStrings: new () => Xform; Styles: new () => Xform } | null | undefined;

/** exceljs does not export its shared-strings and styles parsers; its writer's model preparation makes one of each. */
function borrowXforms(x: ExcelJsInternals): typeof xforms {
  if (xforms !== undefined) return xforms;
  try {
    const probe = new ExcelJS.Workbook().model as unknown as Record<string, { constructor: new () => Xform }>;
    x.prepareModel(probe, {});
    xforms = { SharedStrings: probe.sharedStrings!.constructor, Styles: probe.styles!.constructor };
  } catch {
    xforms = null;
  }
  return xforms;
}

/**
 * Loads the parts into the workbook as `wb.xlsx.load` would, minus its unzipping (JSZip, again,
 * after the guard already inflated everything) and minus the parts we never read. Falls back to
 * `wb.xlsx.load` on a stored zip if exceljs ever changes its internals.
 */
async function loadParts(wb: ExcelJS.Workbook, parts: Map<string, string>): Promise<void> {
  const x = wb.xlsx as unknown as ExcelJsInternals;
  const borrowed = ['parseRels', 'parseWorkbook', '_processWorksheetEntry', 'reconcile', 'prepareModel'].every((m) => typeof (x as unknown as Record<string, unknown>)[m] === 'function')
    ? borrowXforms(x)
    : null;
  if (!borrowed) {
    const files = Object.fromEntries([...parts].map(([name, text]) => [name, new TextEncoder().encode(text)]));
    await wb.xlsx.load(zipSync(files, { level: 0 }) as unknown as ArrayBuffer, LOAD_OPTIONS as unknown as Parameters<typeof wb.xlsx.load>[1]);
    return;
  }
  const model: Record<string, unknown> = { worksheets: [], worksheetHash: {}, worksheetRels: [], themes: {}, media: [], mediaIndex: {}, drawings: {}, drawingRels: {}, comments: {}, tables: {}, vmlDrawings: {} };
  for (const [name, text] of parts) {
    // saxes takes the text in 16 KB slices, as exceljs feeds it.
    const source: SaxSource = [];
    for (let i = 0; i < text.length; i += 16 * 1024) source.push(text.slice(i, i + 16 * 1024));
    if (name === 'xl/workbook.xml') {
      const w = await x.parseWorkbook(source);
      Object.assign(model, { sheets: w.sheets, definedNames: w.definedNames, views: w.views, properties: w.properties, calcProperties: w.calcProperties });
    } else if (name === 'xl/_rels/workbook.xml.rels') {
      model.workbookRels = await x.parseRels(source);
    } else if (name === 'xl/sharedStrings.xml') {
      const xf = new borrowed.SharedStrings();
      await xf.parseStream(source);
      model.sharedStrings = xf;
    } else if (name === 'xl/styles.xml') {
      const xf = new borrowed.Styles();
      await xf.parseStream(source);
      model.styles = xf;
    } else {
      const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1];
      if (sheetNo) await x._processWorksheetEntry(source, model, sheetNo, LOAD_OPTIONS, name);
    }
  }
  x.reconcile(model, LOAD_OPTIONS);
  (wb as unknown as { model: unknown }).model = model;
}

/** Reads the parts the guard kept (name → XML text) into the workbook model. */
export async function readWorkbookParts(parts: Map<string, string>): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await loadParts(wb, parts);
  return { sheets: wb.worksheets.map(readSheet) };
}

/** Reads an .xlsx buffer into the workbook model (no guard: for files we made; uploads go through bytesToModel). */
export async function readWorkbook(data: Uint8Array): Promise<WorkbookModel> {
  const files = unzipSync(data, { filter: (f) => readerNeeds(f.name.replace(/^\//, '')) });
  return readWorkbookParts(new Map(Object.entries(files).map(([name, bytes]) => [name.replace(/^\//, ''), strFromU8(bytes)])));
}

/** Why exceljs gave up, in words a clerk understands. */
function readFailure(e: unknown): string {
  if (e instanceof ReadLimitError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  if (/Max row count|Max sheetData|row count/i.test(text)) return `Bảng tính có quá nhiều dòng (hơn ${READ_LIMITS.maxRows.toLocaleString('vi-VN')}). Hãy xóa các dòng thừa rồi gửi lại.`;
  if (/Max column count/i.test(text)) return `Bảng tính có quá nhiều cột (hơn ${READ_LIMITS.maxCols}). Hãy xóa các cột thừa rồi gửi lại.`;
  if (/entit/i.test(text)) return 'Tệp chứa khai báo XML không được phép. Hãy lưu lại bảng tính bằng Excel rồi gửi lại.';
  return 'Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở bằng Excel, lưu lại rồi gửi lại.';
}

/** The guard, then exceljs: the model or a reason (as the old generator/reader/bytesToModel.ts). */
export async function referenceBytesToModel(data: Uint8Array): Promise<WorkbookModel | string> {
  const guard = await guardZip(data, { keep: readerNeeds });
  if (!guard.ok) return guard.reason;
  try {
    return await readWorkbookParts(guard.parts);
  } catch (e) {
    return readFailure(e);
  }
}
