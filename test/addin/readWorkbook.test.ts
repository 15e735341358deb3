import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { OFFICE_READ_LIMITS, officeCellValue, readWorkbook, splitAreaAddresses } from '../../addin/src/office/readWorkbook.ts';
import { outsideArea, tooManySheets } from '../../xlsx/messages.ts';
import { bytesToModel } from '../../xlsx/bytesToModel.ts';
import { officeView } from './support/officeView.ts';
import { excelFeatures } from '../../addin/src/office/features.ts';
import { READ_LIMITS } from '../../core/workbook/limits.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import type { WorkbookModel } from '../../core/workbook/model.ts';
import { modelToGrid, PLAN_ID, sampleWorkbook, TASKS, withTaskRows, type SampleWorkbook } from './support/sampleWorkbook.ts';
import { API_LEVELS, readContext, supports, type ApiLevel } from './support/mockContext.ts';

const TODAY = '2023-01-20';
let sample: SampleWorkbook;

beforeAll(async () => {
  sample = await sampleWorkbook();
});

/** A model in a comparable form: cells in order, fonts only where the file names one. */
function comparable(model: WorkbookModel, fontsFrom: WorkbookModel): unknown {
  return model.sheets.map((sheet) => {
    const original = fontsFrom.sheets.find((s) => s.name === sheet.name)!;
    const hasFont = new Set(original.cells.filter((c) => c.font).map((c) => c.address));
    return {
      name: sheet.name,
      visibility: sheet.visibility,
      merges: [...sheet.merges].sort(),
      cells: [...sheet.cells]
        .sort((a, b) => a.row - b.row || a.col - b.col)
        .map((c) => ({ address: c.address, value: c.value, numFmt: c.numFmt, font: hasFont.has(c.address) ? c.font : undefined })),
    };
  });
}

const features = (level: ApiLevel) => excelFeatures((name, version) => name === 'ExcelApi' && supports(level, version ?? '1.1'));

describe.each(API_LEVELS)('readWorkbook (Office.js → the core model) with ExcelApi %s', (level) => {
  const all = level === 'all';

  it('reads the same cells and fonts as the CLI’s reader, so the validator finds the same issues', async () => {
    const mock = readContext(modelToGrid(sample.model), level);
    const read = await readWorkbook(mock.context, { features: features(level) });
    expect(read.truncated).toEqual([]);
    expect(read.fontsUnknown).toBe(false);
    // Merged areas only from ExcelApi 1.13 on; before, the result says so instead of guessing.
    expect(read.mergesUnknown).toBe(!all);
    const expected = all ? sample.model : { sheets: sample.model.sheets.map((s) => ({ ...s, merges: [] })) };
    expect(comparable(read.model, sample.model)).toEqual(comparable(expected, sample.model));
    const np = loadPlan(PLAN_ID);
    expect(validateWorkbook(np, read.model, { today: TODAY }).issues).toEqual(validateWorkbook(np, expected, { today: TODAY }).issues);
    // Dates arrive as serial numbers with a date format and become dates again.
    const info = read.model.sheets.find((s) => s.name === 'Thông tin')!;
    expect(info.cells.find((c) => c.address === 'B6')?.value).toEqual({ t: 'date', v: '2023-01-12', serial: 44938 });
    // The legacy font reaches the rules: all at once from ExcelApi 1.9, cell by cell before.
    expect(read.model.sheets.find((s) => s.name === TASKS)!.cells.find((c) => c.address === 'I5')?.font).toBe('.VnTime');
    expect(mock.cellFonts() > 0).toBe(!features(level).cellProperties);
  });

  it.each([10, 2000])('reads and validates a workbook whose task sheet has %i rows with 3 context.sync() calls', async (rows) => {
    const big = withTaskRows(sample.model, rows);
    const mock = readContext(modelToGrid(big), level);
    const read = await readWorkbook(mock.context, { features: features(level) });
    const result = validateWorkbook(loadPlan(PLAN_ID), read.model, { today: TODAY });
    expect(mock.syncs()).toBe(3);
    const tasks = read.model.sheets.find((s) => s.name === TASKS)!;
    expect(Math.max(...tasks.cells.map((c) => c.row))).toBe(3 + rows);
    expect(result.issues.length).toBeGreaterThan(0);
    // Fonts cell by cell only for a workbook of ordinary size; a big one says it went by the text.
    expect(read.fontsUnknown).toBe(!features(level).cellProperties && rows === 2000);
  });

  it('keeps sheet visibility (the hidden _da06 sheet names the plan)', async () => {
    const { model } = await readWorkbook(readContext(modelToGrid(sample.model), level).context, { features: features(level) });
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual(sample.model.sheets.map((s) => [s.name, s.visibility]));
  });
});

describe('read limits (core/workbook/limits.ts), as the CLI applies them', () => {
  it('refuses a workbook with data beyond the row limit with the CLI’s message, naming a cell that holds it', async () => {
    const mock = readContext(modelToGrid(withTaskRows(sample.model, 50)));
    const read = await readWorkbook(mock.context, { maxRows: 20 });
    expect(read.unreadable).toBe(outsideArea(TASKS, 'A53', { maxRows: 20, maxCols: OFFICE_READ_LIMITS.maxCols }).message);
    expect(read.unreadable).toMatch(/^Trang "Nhiệm vụ" có dữ liệu ở ô A53, ngoài vùng được phép \(20 dòng, 60 cột\)/);
    expect(read.model.sheets).toEqual([]);
    expect(mock.syncs()).toBe(3);
  });

  it('refuses data beyond the column limit the same way, at the cell that holds it', async () => {
    const grid = modelToGrid(sample.model);
    grid.sheets.find((s) => s.name === TASKS)!.cells['BK7'] = { v: 'ghi chú', t: 'String' };
    const read = await readWorkbook(readContext(grid).context);
    expect(read.unreadable).toBe(outsideArea(TASKS, 'BK7', OFFICE_READ_LIMITS).message);
  });

  it('refuses what the CLI refuses, with the same words', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sample.bytes as unknown as ArrayBuffer);
    wb.getWorksheet(TASKS)!.getCell('BK7').value = 'ghi chú';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromCli = await bytesToModel(bytes);
    const read = await readWorkbook(readContext(await officeView(bytes)).context);
    expect(read.unreadable).toBe(fromCli);
  });

  it('refuses a workbook with more sheets than any reader reads, with the CLI’s words, after one sync', async () => {
    const grid = modelToGrid(sample.model);
    for (let i = 0; i < READ_LIMITS.maxSheets; i++) grid.sheets.push({ name: `Sheet${i}`, visibility: 'Visible', protected: false, cells: {}, merges: [] });
    const mock = readContext(grid);
    const read = await readWorkbook(mock.context);
    expect(read.unreadable).toBe(tooManySheets(READ_LIMITS.maxSheets).message);
    expect(mock.syncs()).toBe(1);
  });

  it('uses the limits every reader uses', () => {
    expect(OFFICE_READ_LIMITS).toEqual({ maxRows: READ_LIMITS.maxRows, maxCols: READ_LIMITS.maxCols });
  });

  it('on Excel 2016, which counts formatted cells as used, checks the part within the limits and says so', async () => {
    const mock = readContext(modelToGrid(withTaskRows(sample.model, 50)), '1.1');
    const read = await readWorkbook(mock.context, { features: features('1.1'), maxRows: 20 });
    expect(read.unreadable).toBeUndefined();
    expect(read.truncated).toEqual([{ sheet: TASKS, rows: 53, cols: 11 }]);
    expect(mock.getRange.find((c) => c.sheet === TASKS)).toEqual({ sheet: TASKS, address: 'A1:K20' });
    expect(mock.syncs()).toBe(3);
  });
});

describe('merged areas', () => {
  it('reads again without merged areas when Excel refuses them (more than 512 in a range), and says merges are unknown', async () => {
    const mock = readContext(modelToGrid(sample.model));
    const context = mock.context as unknown as { sync: () => Promise<void> };
    const sync = context.sync;
    context.sync = async () => {
      await sync();
      if (mock.syncs() === 3) throw new Error('GeneralException: too many merged areas');
    };
    const read = await readWorkbook(mock.context);
    expect(mock.syncs()).toBe(4);
    expect(read.mergesUnknown).toBe(true);
    expect(read.model.sheets.every((s) => s.merges.length === 0)).toBe(true);
    expect(read.model.sheets.find((s) => s.name === TASKS)!.cells.length).toBe(sample.model.sheets.find((s) => s.name === TASKS)!.cells.length);
  });
});

describe('clerk text made safe, as the file reader does (core/text/sanitize.ts)', () => {
  it('removes control and bidi characters, flags the cell, and the validator warns there like the CLI', async () => {
    const tasks = sample.model.sheets.find((s) => s.name === TASKS)!;
    const target = tasks.cells.find((c) => c.value.t === 'text' && c.row > 3)!;
    const onlyControls = { ...target, address: 'K40', row: 40, col: 11, value: { t: 'text' as const, v: '\u0001\u202e' } };
    const poisoned: WorkbookModel = {
      sheets: sample.model.sheets.map((s) =>
        s === tasks
          ? { ...s, cells: [...s.cells.map((c) => (c === target ? { ...c, value: { t: 'text' as const, v: `Tên \u202eslx.exe\u0001` } } : c)), onlyControls] }
          : s,
      ),
    };
    const read = await readWorkbook(readContext(modelToGrid(poisoned)).context, { features: features('all') });
    const readTasks = read.model.sheets.find((s) => s.name === TASKS)!;
    expect(readTasks.cells.find((c) => c.address === target.address)).toMatchObject({ value: { t: 'text', v: 'Tên slx.exe' }, sanitized: true });
    // A cell of control characters only stays, empty and flagged, so the warning has a place.
    expect(readTasks.cells.find((c) => c.address === 'K40')).toMatchObject({ value: { t: 'empty' }, sanitized: true });
    const issues = validateWorkbook(loadPlan(PLAN_ID), read.model, { today: TODAY }).issues.filter((i) => i.code === 'invalid-characters-removed');
    expect(issues.map((i) => i.cell).sort()).toEqual([target.address, 'K40'].sort());
  });
});

describe('Office values', () => {
  it('types values by Office’s value types and number formats', () => {
    expect(officeCellValue(44938, 'Double', 'dd/mm/yyyy')).toEqual({ t: 'date', v: '2023-01-12', serial: 44938 });
    expect(officeCellValue(80, 'Double', '0.##')).toEqual({ t: 'number', v: 80 });
    expect(officeCellValue('#N/A', 'Error', 'General')).toEqual({ t: 'error', v: '#N/A' });
    expect(officeCellValue('#N/A', 'String', 'General')).toEqual({ t: 'text', v: '#N/A' });
    expect(officeCellValue(true, 'Boolean', 'General')).toEqual({ t: 'boolean', v: true });
    expect(officeCellValue('', 'Empty', 'General')).toEqual({ t: 'empty' });
  });

  it('splits merged-area addresses, quoted sheet names included', () => {
    expect(splitAreaAddresses("'Nhiệm vụ'!A1:K1,'Nhiệm vụ'!A2:K2")).toEqual(['A1:K1', 'A2:K2']);
    expect(splitAreaAddresses("'A, b''c'!$C$3,Sheet1!D4:E5")).toEqual(['C3', 'D4:E5']);
    expect(splitAreaAddresses('')).toEqual([]);
  });
});
