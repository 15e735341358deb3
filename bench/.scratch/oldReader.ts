import ExcelJS from 'exceljs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Cell, CellValue, Sheet, WorkbookModel } from '../../core/workbook/model.ts';
import { dateObjectToSerial, dateValue, numberCellValue } from '../../core/workbook/dates.ts';

/** Limits that keep a hostile or absurd sheet from eating memory (PRODUCT.md, Reliability). */
export const READ_LIMITS = { maxRows: 20_000, maxCols: 60, maxTextLength: 32_767 };

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

export async function readWorkbookOld(data: Uint8Array): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer, {
    ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'hyperlinks', 'autoFilter', 'rowBreaks', 'tableParts'],
    maxRows: READ_LIMITS.maxRows,
    maxCols: READ_LIMITS.maxCols,
  } as unknown as Parameters<typeof wb.xlsx.load>[1]);
  return { sheets: wb.worksheets.map(readSheet) };
}
