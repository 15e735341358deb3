import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAnnexXlsx } from '../../generator/report/writeAnnex.ts';
import { describeTable, columnsFor } from '../../generator/report/reportTables.ts';
import { sampleReport } from '../fixtures/sampleReport.ts';

/** The XLSX annex: the report's tables as a clerk can sort and filter them. */

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await writeAnnexXlsx(sampleReport);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
});

const headers = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as unknown[]).slice(1).map(String);
const column = (ws: ExcelJS.Worksheet, header: string): ExcelJS.Cell[] => {
  const i = headers(ws).indexOf(header);
  expect(i).toBeGreaterThanOrEqual(0);
  const cells: ExcelJS.Cell[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) cells.push(row.getCell(i + 1));
  });
  return cells;
};

describe('the annex workbook', () => {
  it('names groups by their names, never by internal codes', () => {
    const groupNames = new Set(sampleReport.groups.map((g) => g.name));
    const groupCodes = new Set(sampleReport.groups.map((g) => g.code));
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    const named = column(tasks, 'Nhóm').map((c) => String(c.value));
    expect(named.length).toBe(sampleReport.tasks.length);
    for (const n of named) {
      expect(groupCodes.has(n)).toBe(false);
      expect(groupNames.has(n)).toBe(true);
    }
    const groups = wb.getWorksheet('Nhóm nhiệm vụ')!;
    expect(headers(groups)).not.toContain('Mã');
    for (const c of column(groups, 'Nhóm nhiệm vụ')) expect(groupCodes.has(String(c.value))).toBe(false);
  });

  it('writes dates as real Excel dates shown dd/mm/yyyy, the same day in every time zone', () => {
    const dates = column(wb.getWorksheet('Đơn vị')!, 'Ngày lập').filter((c) => c.value !== null);
    expect(dates.length).toBe(sampleReport.agencyRows.filter((a) => a.reportDate).length);
    for (const c of dates) {
      expect(c.value).toBeInstanceOf(Date);
      expect(c.numFmt).toBe('dd/mm/yyyy');
    }
    const first = sampleReport.agencyRows.find((a) => a.reportDate)!;
    expect((dates[0]!.value as Date).toISOString().slice(0, 10)).toBe(first.reportDate);
    // in the sheet XML: a serial number with a date style, not a string
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet4.xml']!);
    const serial = Math.round(Date.UTC(2023, 0, 12) / 86_400_000 + 25_569);
    expect(sheet).toContain(`<v>${serial}</v>`);
  });

  it('writes progress as a percentage and counts as numbers', () => {
    const progress = column(wb.getWorksheet('Nhiệm vụ')!, 'Tiến độ').filter((c) => c.value !== null);
    expect(progress.length).toBeGreaterThan(0);
    for (const c of progress) {
      expect(typeof c.value).toBe('number');
      expect(c.value as number).toBeLessThanOrEqual(1);
      expect(c.numFmt).toBe('0%');
    }
    for (const c of column(wb.getWorksheet('Nhóm nhiệm vụ')!, 'Tổng số')) expect(typeof c.value).toBe('number');
  });

  it('has the report title and the standing agency as its document properties', () => {
    expect(wb.title).toBe('Báo cáo kết quả triển khai thực hiện Đề án 06 tháng 01/2023');
    expect(wb.creator).toBe(sampleReport.standing.name);
    const core = strFromU8(unzipSync(bytes)['docProps/core.xml']!);
    expect(core).toContain(`<dc:title>Báo cáo kết quả triển khai thực hiện Đề án 06 tháng 01/2023</dc:title>`);
    expect(core).toContain(`<dc:creator>${sampleReport.standing.name}</dc:creator>`);
  });

  it('shows each table with the columns its one description gives the annex', () => {
    const tasks = describeTable('tasks', sampleReport)!;
    expect(headers(wb.getWorksheet(tasks.sheet!)!)).toEqual(columnsFor(tasks, 'xlsx').columns.map((c) => c.header));
    // the DOCX shares the description's common columns
    const docx = columnsFor(tasks, 'docx').columns.map((c) => c.header);
    for (const h of ['Mã', 'Nhiệm vụ', 'Thời hạn', 'Trạng thái', 'Tiến độ', 'Quá hạn']) {
      expect(docx).toContain(h);
      expect(headers(wb.getWorksheet(tasks.sheet!)!)).toContain(h);
    }
  });
});
