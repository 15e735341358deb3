import { beforeAll, describe, expect, it } from 'vitest';
import { officeCellValue, readWorkbook, splitAreaAddresses } from '../../addin/src/office/readWorkbook.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import type { WorkbookModel } from '../../core/workbook/model.ts';
import { modelToGrid, PLAN_ID, sampleWorkbook, TASKS, withTaskRows, type SampleWorkbook } from './support/sampleWorkbook.ts';
import { readContext } from './support/mockContext.ts';

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

describe('readWorkbook (Office.js → the core model)', () => {
  it('reads the same model as the generator’s exceljs reader, so the validator finds the same issues', async () => {
    const mock = readContext(modelToGrid(sample.model));
    const { model, truncated } = await readWorkbook(mock.context, { mergedAreas: true });
    expect(truncated).toEqual([]);
    expect(comparable(model, sample.model)).toEqual(comparable(sample.model, sample.model));
    const np = loadPlan(PLAN_ID);
    const fromOffice = validateWorkbook(np, model, { today: TODAY }).issues;
    const fromExcelJs = validateWorkbook(np, sample.model, { today: TODAY }).issues;
    expect(fromOffice).toEqual(fromExcelJs);
    // Dates arrive as serial numbers with a date format and become dates again.
    const info = model.sheets.find((s) => s.name === 'Thông tin')!;
    expect(info.cells.find((c) => c.address === 'B6')?.value).toEqual({ t: 'date', v: '2023-01-12', serial: 44938 });
    // The legacy font reaches the rules.
    expect(model.sheets.find((s) => s.name === TASKS)!.cells.find((c) => c.address === 'I5')?.font).toBe('.VnTime');
  });

  it.each([10, 2000])('reads and validates a workbook whose task sheet has %i rows with 3 context.sync() calls', async (rows) => {
    const big = withTaskRows(sample.model, rows);
    const mock = readContext(modelToGrid(big));
    const { model } = await readWorkbook(mock.context, { mergedAreas: true });
    const result = validateWorkbook(loadPlan(PLAN_ID), model, { today: TODAY });
    expect(mock.syncs()).toBe(3);
    const tasks = model.sheets.find((s) => s.name === TASKS)!;
    expect(Math.max(...tasks.cells.map((c) => c.row))).toBe(3 + rows);
    expect(result.issues.length).toBeGreaterThan(0);
  });

  it('reads at most the row limit of a huge sheet and says so', async () => {
    const mock = readContext(modelToGrid(withTaskRows(sample.model, 50)));
    const { model, truncated } = await readWorkbook(mock.context, { mergedAreas: false, maxRows: 20 });
    expect(truncated).toEqual([{ sheet: TASKS, rows: 53, cols: 11 }]);
    expect(mock.getRangeByIndexes.find((c) => c.sheet === TASKS)).toEqual({ sheet: TASKS, row: 0, col: 0, rows: 20, cols: 11 });
    expect(model.sheets.find((s) => s.name === TASKS)!.merges).toEqual([]);
    expect(mock.syncs()).toBe(3);
  });

  it('reads again without merged areas when Excel refuses them (more than 512 in a range)', async () => {
    const mock = readContext(modelToGrid(sample.model));
    const context = mock.context as unknown as { sync: () => Promise<void> };
    const sync = context.sync;
    context.sync = async () => {
      await sync();
      if (mock.syncs() === 3) throw new Error('GeneralException: too many merged areas');
    };
    const { model } = await readWorkbook(mock.context, { mergedAreas: true });
    expect(mock.syncs()).toBe(4);
    expect(model.sheets.every((s) => s.merges.length === 0)).toBe(true);
    expect(model.sheets.find((s) => s.name === TASKS)!.cells.length).toBe(sample.model.sheets.find((s) => s.name === TASKS)!.cells.length);
  });

  it('keeps sheet visibility (the hidden _da06 sheet names the plan)', async () => {
    const { model } = await readWorkbook(readContext(modelToGrid(sample.model)).context, { mergedAreas: false });
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual(sample.model.sheets.map((s) => [s.name, s.visibility]));
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
