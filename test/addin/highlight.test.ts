import { beforeAll, describe, expect, it } from 'vitest';
import { chunkAddresses, clearHighlights, HIGHLIGHT_COLORS, MAX_ADDRESS_LENGTH, paintHighlights, SETTING_KEY } from '../../addin/src/office/highlight.ts';
import type { Mark } from '../../addin/src/host.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { toA1 } from '../../core/workbook/address.ts';
import { CLERK_FILL, INFO, PLAN_ID, sampleWorkbook, TASKS, type SampleWorkbook } from './support/sampleWorkbook.ts';
import { highlightContext, supports, type FillWorld } from './support/mockContext.ts';
import { excelFeatures } from '../../addin/src/office/features.ts';

let sample: SampleWorkbook;
let marks: Mark[];

beforeAll(async () => {
  sample = await sampleWorkbook();
  const issues = validateWorkbook(loadPlan(PLAN_ID), sample.model, { today: '2023-01-20' }).issues;
  marks = issues.filter((i) => i.sheet && i.cell).map((i) => ({ sheet: i.sheet, cell: i.cell, severity: i.severity }));
});

const SHEETS = [INFO, TASKS];
const world = (): FillWorld => structuredClone({ [INFO]: sample.fills[INFO]!, [TASKS]: sample.fills[TASKS]! });

describe('chunkAddresses', () => {
  it('keeps every list under the length Excel accepts and never splits an address', () => {
    const addresses = Array.from({ length: 3000 }, (_, i) => toA1(4 + i, 6 + (i % 5)));
    const chunks = chunkAddresses(addresses);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(MAX_ADDRESS_LENGTH);
    expect(chunks.join(',').split(',')).toEqual(addresses);
  });

  it('makes one list of a short one and none of nothing', () => {
    expect(chunkAddresses(['A1', 'B3'])).toEqual(['A1,B3']);
    expect(chunkAddresses([])).toEqual([]);
    expect(chunkAddresses(['A1', 'B2', 'C3'], 5)).toEqual(['A1,B2', 'C3']);
  });
});

describe('highlights', () => {
  it('paints errors red and warnings yellow on protected sheets, remembering the clerk’s fills in the workbook', async () => {
    const settings = new Map<string, string>();
    const mock = highlightContext(SHEETS, world(), settings, SHEETS);
    const result = await paintHighlights(mock.context, marks, {});
    expect(mock.syncs()).toBe(3);
    expect(result.painted).toBe(marks.length);
    expect(mock.fills[TASKS]!['G5']).toEqual({ color: HIGHLIGHT_COLORS.error, pattern: 'Solid' });
    expect(mock.fills[TASKS]!['I5']).toEqual({ color: HIGHLIGHT_COLORS.warning, pattern: 'Solid' });
    expect(mock.fills[TASKS]!['F7']).toEqual({ color: HIGHLIGHT_COLORS.error, pattern: 'Solid' });
    // The protection is lifted for the paint and put back.
    expect(mock.protection[TASKS]).toEqual({ protected: true, events: ['unprotect', 'protect'] });
    const saved = JSON.parse(settings.get(SETTING_KEY)!);
    expect(saved.sheets[TASKS]['G5'].original).toMatchObject({ color: CLERK_FILL, pattern: 'Solid' });
    expect(saved.sheets[TASKS]['F7'].original).toMatchObject({ pattern: 'None' });
  });

  it('clears after the pane reloads (nothing in memory), restoring every original fill exactly', async () => {
    const settings = new Map<string, string>();
    const before = world();
    const mock = highlightContext(SHEETS, world(), settings, SHEETS);
    await paintHighlights(mock.context, marks, {});
    const again = highlightContext(SHEETS, mock.fills, settings, SHEETS);
    const result = await clearHighlights(again.context, {});
    expect(result).toEqual({ restored: marks.length, kept: 0 });
    expect(again.fills).toEqual(before);
    expect(settings.has(SETTING_KEY)).toBe(false);
    expect(again.protection[TASKS]!.protected).toBe(true);
    // The cell without a fill is cleared, not painted white.
    expect(again.fills[TASKS]!['F7']).toBeUndefined();
  });

  it('leaves a cell the clerk refilled after the highlight as the clerk left it', async () => {
    const settings = new Map<string, string>();
    const memory = {};
    const mock = highlightContext(SHEETS, world(), settings);
    await paintHighlights(mock.context, marks, memory);
    mock.fills[TASKS]!['G6'] = { color: '#00B0F0', pattern: 'Solid' };
    const result = await clearHighlights(highlightContext(SHEETS, mock.fills, settings).context, memory);
    expect(result.kept).toBe(1);
    expect(mock.fills[TASKS]!['G6']).toEqual({ color: '#00B0F0', pattern: 'Solid' });
    expect(mock.fills[TASKS]!['G5']).toEqual({ color: CLERK_FILL, pattern: 'Solid' });
  });

  it('painting again restores the cells whose issues are gone and keeps the first originals', async () => {
    const settings = new Map<string, string>();
    const before = world();
    const mock = highlightContext(SHEETS, world(), settings);
    await paintHighlights(mock.context, marks, {});
    const fewer = marks.filter((m) => m.cell !== 'G5');
    const second = await paintHighlights(highlightContext(SHEETS, mock.fills, settings).context, fewer, {});
    expect(second).toEqual({ painted: fewer.length, restored: 1 });
    expect(mock.fills[TASKS]!['G5']).toEqual(before[TASKS]!['G5']);
    await clearHighlights(highlightContext(SHEETS, mock.fills, settings).context, {});
    expect(mock.fills).toEqual(before);
  });

  it('paints thousands of cells through RangeAreas in chunks Excel accepts, in the same three syncs', async () => {
    const many: Mark[] = Array.from({ length: 2000 }, (_, i) => ({ sheet: TASKS, cell: toA1(4 + i, 6 + (i % 6)), severity: i % 7 ? 'error' : 'warning' }));
    const settings = new Map<string, string>();
    const before = world();
    const mock = highlightContext(SHEETS, world(), settings);
    await paintHighlights(mock.context, many, {});
    expect(mock.syncs()).toBe(3);
    expect(mock.getRanges.length).toBeGreaterThan(2);
    for (const call of mock.getRanges) expect(call.addresses.length).toBeLessThanOrEqual(MAX_ADDRESS_LENGTH);
    for (const m of many) expect(mock.fills[TASKS]![m.cell]!.color).toBe(HIGHLIGHT_COLORS[m.severity]);
    await clearHighlights(highlightContext(SHEETS, mock.fills, settings).context, {});
    expect(mock.fills).toEqual(before);
  });

  it('clearing with nothing painted changes nothing', async () => {
    const settings = new Map<string, string>();
    const before = world();
    const mock = highlightContext(SHEETS, world(), settings);
    expect(await clearHighlights(mock.context, {})).toEqual({ restored: 0, kept: 0 });
    expect(mock.fills).toEqual(before);
    expect(mock.getRanges).toEqual([]);
  });
});

describe('highlights on older Excel (no RangeAreas, no fill patterns before ExcelApi 1.9)', () => {
  const f17 = excelFeatures((name, v) => name === 'ExcelApi' && supports('1.7', v ?? '1.1'));
  const f11 = excelFeatures((name, v) => name === 'ExcelApi' && supports('1.1', v ?? '1.1'));

  it('Excel 2019 (1.7): paints cell by cell on protected sheets in three syncs, and clears after a reload', async () => {
    const settings = new Map<string, string>();
    const before = world();
    const mock = highlightContext(SHEETS, world(), settings, SHEETS, '1.7');
    const result = await paintHighlights(mock.context, marks, {}, f17);
    expect(mock.syncs()).toBe(3);
    expect(result.painted).toBe(marks.length);
    expect(mock.getRanges).toEqual([]);
    expect(mock.fills[TASKS]!['G5']).toEqual({ color: HIGHLIGHT_COLORS.error, pattern: 'Solid' });
    expect(mock.protection[TASKS]).toEqual({ protected: true, events: ['unprotect', 'protect'] });
    // The clerk's green fill is remembered by its colour, in the workbook.
    expect(JSON.parse(settings.get(SETTING_KEY)!).sheets[TASKS]['G5'].original).toEqual({ color: CLERK_FILL, pattern: 'Solid' });
    const again = highlightContext(SHEETS, mock.fills, settings, SHEETS, '1.7');
    expect(await clearHighlights(again.context, {}, f17)).toEqual({ restored: marks.length, kept: 0 });
    expect(again.fills).toEqual(before);
  });

  it('Excel 2016 (1.1): remembers the fills in the pane only and restores them, on sheets that are not protected', async () => {
    const settings = new Map<string, string>();
    const before = world();
    const memory = {};
    const mock = highlightContext(SHEETS, world(), settings, [], '1.1');
    await paintHighlights(mock.context, marks, memory, f11);
    expect(mock.syncs()).toBe(3);
    expect(settings.size).toBe(0);
    expect(mock.fills[TASKS]!['F7']).toEqual({ color: HIGHLIGHT_COLORS.error, pattern: 'Solid' });
    const again = highlightContext(SHEETS, mock.fills, settings, [], '1.1');
    expect(await clearHighlights(again.context, memory, f11)).toEqual({ restored: marks.length, kept: 0 });
    expect(again.fills).toEqual(before);
  });

  it('Excel 2016 (1.1) cannot lift a sheet’s protection: Excel refuses the paint (the pane does not offer it there)', async () => {
    const mock = highlightContext(SHEETS, world(), new Map(), SHEETS, '1.1');
    await expect(paintHighlights(mock.context, marks, {}, f11)).rejects.toThrow(/protected/);
  });
});
