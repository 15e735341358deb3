import ExcelJS from 'exceljs';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { unzipSync } from 'fflate';
import { zipDeterministic } from '../output/deterministicZip.ts';
import { schemaValidSharedStrings } from '../output/sharedStrings.ts';
import { reportTitle } from './reportFrame.ts';
import { annexTables, columnsFor, type Cell, type TableDescription } from './reportTables.ts';

const FONT = 'Times New Roman';
const DATE_FORMAT = 'dd/mm/yyyy';

/** A cell's value for Excel, with its number format: dates as real dates, percentages as fractions. */
function excelValue(cell: Cell): { value: ExcelJS.CellValue; numFmt?: string; bold?: boolean } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.text, ...(cell.bold ? { bold: true } : {}) };
    case 'number':
      return { value: cell.value, numFmt: cell.digits ? '#,##0.0' : '#,##0', ...(cell.bold ? { bold: true } : {}) };
    case 'percent':
      return { value: cell.value / 100, numFmt: cell.digits === 0 ? '0%' : '0.0%' };
    case 'date': {
      // midnight UTC: exceljs turns a Date into a serial from its UTC time, so every time zone writes the same day
      const [y, m, d] = cell.iso.split('-').map(Number) as [number, number, number];
      return { value: new Date(Date.UTC(y, m - 1, d)), numFmt: DATE_FORMAT };
    }
    case 'empty':
      return { value: null };
  }
}

function addSheet(wb: ExcelJS.Workbook, table: TableDescription): void {
  const { columns, rows } = columnsFor(table, 'xlsx');
  const ws = wb.addWorksheet(table.sheet!, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.xlsxWidth }));
  const head = ws.getRow(1);
  head.font = { name: FONT, bold: true, size: 12 };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of rows) {
    const values = row.cells.map(excelValue);
    const r = ws.addRow(values.map((v) => v.value));
    r.font = { name: FONT, size: 12 };
    r.alignment = { wrapText: true, vertical: 'top' };
    values.forEach((v, i) => {
      if (!v.numFmt && !v.bold) return;
      const cell = r.getCell(i + 1);
      if (v.numFmt) cell.numFmt = v.numFmt;
      if (v.bold) cell.font = { name: FONT, size: 12, bold: true };
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/**
 * The consolidated tables as an XLSX annex, drawn from the same table descriptions as the DOCX;
 * titled like the report, created by the standing agency; deterministic bytes for the same report.
 */
export async function writeAnnexXlsx(report: ConsolidatedReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(`${report.reportDate}T00:00:00Z`);
  wb.title = reportTitle(report).full;
  wb.creator = report.standing.name;
  wb.lastModifiedBy = report.standing.name;
  wb.created = fixed;
  wb.modified = fixed;
  for (const table of annexTables(report)) addSheet(wb, table);
  const entries = schemaValidSharedStrings(unzipSync(new Uint8Array(await wb.xlsx.writeBuffer())));
  return zipDeterministic(Object.entries(entries));
}
