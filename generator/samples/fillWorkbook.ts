import ExcelJS from 'exceljs';
import { INDICATOR_COLUMNS, INFO_LABELS, SHEETS, TASK_COLUMNS } from '../../core/workbook/contract.ts';
import { deterministicZip } from '../output/deterministicZip.ts';
import { fitRowHeights } from '../template/rowHeight.ts';

/**
 * Fills a workbook made by the template writer, the way a clerk would: values by task or indicator
 * id and by column header, never by fixed address, so that tests and samples survive layout changes.
 */
export type TaskEntry = Partial<Record<'status' | 'progress' | 'completedOn' | 'result' | 'difficulties' | 'proposals', ExcelJS.CellValue>>;
export type IndicatorEntry = Partial<Record<'numerator' | 'denominator' | 'note', ExcelJS.CellValue>>;

export interface Filling {
  info?: Partial<Record<'preparer' | 'date' | 'phone' | 'period' | 'agency', ExcelJS.CellValue>>;
  tasks?: Record<string, TaskEntry>;
  indicators?: Record<string, IndicatorEntry>;
  /** Free edits after the structured ones: [sheet, A1 address, value]. */
  cells?: [string, string, ExcelJS.CellValue][];
  /** Font name per edited cell address ("Nhiệm vụ!I4" → ".VnTime"), for legacy-encoding cases. */
  fonts?: Record<string, string>;
}

export function isoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function headerColumns(ws: ExcelJS.Worksheet, anchor: string): { headerRow: number; col: Map<string, number> } {
  for (let r = 1; r <= 15; r++) {
    const row = ws.getRow(r);
    const col = new Map<string, number>();
    row.eachCell((cell, c) => {
      if (typeof cell.value === 'string') col.set(cell.value.normalize('NFC'), c);
    });
    if (col.has(anchor)) return { headerRow: r, col };
  }
  throw new Error(`Không tìm thấy dòng tiêu đề "${anchor}" trong ${ws.name}`);
}

function rowsById(ws: ExcelJS.Worksheet, headerRow: number, idCol: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, idCol).value;
    if (typeof v === 'string' && v) out.set(v, r);
  }
  return out;
}

/** Writes entries into a table sheet: rows found by id, cells by the header of each key. */
function fillRows<K extends string>(ws: ExcelJS.Worksheet | undefined, headers: Record<K | 'id', string>, entries: Record<string, Partial<Record<K, ExcelJS.CellValue>>> | undefined, what: string): void {
  if (!ws || !entries) return;
  const { headerRow, col } = headerColumns(ws, headers.id);
  const rows = rowsById(ws, headerRow, col.get(headers.id)!);
  for (const [id, entry] of Object.entries(entries)) {
    const r = rows.get(id);
    if (!r) throw new Error(`Biểu mẫu không có ${what} ${id}`);
    for (const [key, value] of Object.entries(entry) as [K, ExcelJS.CellValue][]) ws.getCell(r, col.get(headers[key])!).value = value;
  }
}

export async function fillWorkbook(template: Uint8Array, filling: Filling): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const info = wb.getWorksheet(SHEETS.info);
  if (info && filling.info) {
    const labels: Record<string, string> = { preparer: INFO_LABELS.preparer, date: INFO_LABELS.date, phone: INFO_LABELS.phone, period: INFO_LABELS.period, agency: INFO_LABELS.agency };
    info.eachRow((row) => {
      const label = row.getCell(1).value;
      for (const [key, value] of Object.entries(filling.info!)) {
        if (label === labels[key]) row.getCell(2).value = value as ExcelJS.CellValue;
      }
    });
  }
  fillRows(wb.getWorksheet(SHEETS.tasks), TASK_COLUMNS, filling.tasks, 'nhiệm vụ');
  fillRows(wb.getWorksheet(SHEETS.indicators), INDICATOR_COLUMNS, filling.indicators, 'chỉ tiêu');
  for (const [sheet, address, value] of filling.cells ?? []) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`Không có trang ${sheet}`);
    ws.getCell(address).value = value;
  }
  for (const [ref, font] of Object.entries(filling.fonts ?? {})) {
    const [sheet, address] = ref.split('!') as [string, string];
    const cell = wb.getWorksheet(sheet)!.getCell(address);
    // exceljs shares style objects between cells: give this cell its own before changing the font.
    cell.style = { ...cell.style, font: { ...cell.font, name: font } };
  }
  // What the clerk wrote may need more lines than the blank row had.
  for (const name of [SHEETS.tasks, SHEETS.indicators]) {
    const ws = wb.getWorksheet(name);
    if (ws) fitRowHeights(ws);
  }
  return deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer()));
}
