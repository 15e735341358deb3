import ExcelJS from 'exceljs';
import type { Grid, GridCell, GridSheet } from './sampleWorkbook.ts';

/**
 * What Excel would show the add-in of an .xlsx file, read with exceljs (not with the CLI's reader, so
 * that the two paths compared share no reading code): per cell its value as Office.js gives it (a
 * date is a serial number with its date format, a formula its cached result, a merged area's covered
 * cells empty), the value type, number format and font; per sheet its visibility and merged areas.
 */

const VISIBILITY: Record<string, GridSheet['visibility']> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function officeValue(value: unknown): Pick<GridCell, 'v' | 't'> {
  if (value === null || value === undefined || value === '') return { v: '', t: 'Empty' };
  if (typeof value === 'number') return { v: value, t: 'Double' };
  if (typeof value === 'boolean') return { v: value, t: 'Boolean' };
  if (value instanceof Date) return { v: (value.getTime() - EXCEL_EPOCH) / 86_400_000, t: 'Double' };
  if (typeof value === 'string') return { v: value, t: 'String' };
  const o = value as { richText?: { text: string }[]; error?: string; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string };
  if (o.richText) return { v: o.richText.map((r) => r.text).join(''), t: 'String' };
  if (o.error) return { v: o.error, t: 'Error' };
  if ('formula' in o || 'sharedFormula' in o) return officeValue(o.result);
  if (o.text !== undefined) return officeValue(typeof o.text === 'object' ? o.text : String(o.text));
  return { v: String(value), t: 'String' };
}

export async function officeView(bytes: Uint8Array): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: GridSheet[] = [];
  wb.eachSheet((ws) => {
    const cells: Record<string, GridCell> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged area's covered cell: exceljs echoes the top-left value, Excel reports it empty.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const base = officeValue(cell.value);
        if (base.t === 'Empty') return;
        cells[cell.address] = { ...base, ...(cell.numFmt ? { f: cell.numFmt } : {}), ...(cell.font?.name ? { font: cell.font.name } : {}) };
      }),
    );
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).slice();
    sheets.push({ name: ws.name, visibility: VISIBILITY[ws.state] ?? 'Visible', protected: false, cells, merges });
  });
  return { sheets };
}
