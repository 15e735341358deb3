/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';
import type { CellFill, Grid, GridSheet } from './sampleWorkbook.ts';

/**
 * Mocked Excel RequestContexts built with office-addin-mock, passed straight into the add-in's Office
 * modules (as Microsoft's task-pane template tests do). office-addin-mock enforces load-then-sync for
 * the properties it holds; the methods that return ranges are plain functions over a small world of
 * cells, which records what the module did.
 */

const colNum = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
function parseCell(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address.replace(/\$/g, ''))!;
  return { row: Number(m[2]), col: colNum(m[1]!) };
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function usedBox(sheet: GridSheet): Box | undefined {
  let box: Box | undefined;
  for (const [address, cell] of Object.entries(sheet.cells)) {
    if (cell.t === 'Empty') continue;
    const { row, col } = parseCell(address);
    box = box
      ? { top: Math.min(box.top, row), left: Math.min(box.left, col), bottom: Math.max(box.bottom, row), right: Math.max(box.right, col) }
      : { top: row, left: col, bottom: row, right: col };
  }
  return box;
}

function grid<T>(sheet: GridSheet, box: Box, fn: (cell: GridSheet['cells'][string] | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    const row: T[] = [];
    for (let c = box.left; c <= box.right; c++) row.push(fn(sheet.cells[`${colLetters(c)}${r}`]));
    out.push(row);
  }
  return out;
}

/** A ClientResult whose value can be read only after the context has synced since it was made. */
function clientResult<T>(syncs: () => number, compute: () => T): { readonly value: T } {
  const madeAt = syncs();
  return {
    get value(): T {
      if (syncs() <= madeAt) throw new Error('ClientResult read before context.sync()');
      return compute();
    },
  };
}

export interface MockHandle {
  context: Excel.RequestContext;
  syncs: () => number;
  getRangeByIndexes: { sheet: string; row: number; col: number; rows: number; cols: number }[];
}

/** A context for readWorkbook: sheets, used ranges, values, formats, fonts and merged areas. */
export function readContext(data: Grid): MockHandle {
  let count = 0;
  const syncs = () => count;
  const calls: MockHandle['getRangeByIndexes'] = [];
  const sheetData: Record<string, unknown> = {};
  data.sheets.forEach((sheet, i) => {
    const box = usedBox(sheet);
    const dataBox = box ?? { top: 1, left: 1, bottom: 1, right: 1 };
    sheetData[`s${i}`] = {
      name: sheet.name,
      visibility: sheet.visibility,
      usedRange: box
        ? { rowIndex: box.top - 1, columnIndex: box.left - 1, rowCount: box.bottom - box.top + 1, columnCount: box.right - box.left + 1 }
        : { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 },
      dataRange: {
        values: grid(sheet, dataBox, (c) => (c && c.t !== 'Empty' ? c.v : '')),
        numberFormat: grid(sheet, dataBox, (c) => c?.f ?? 'General'),
        valueTypes: grid(sheet, dataBox, (c) => c?.t ?? 'Empty'),
        merged: { address: sheet.merges.map((m) => `'${sheet.name}'!${m}`).join(',') },
        getCellProperties: () => clientResult(syncs, () => grid(sheet, dataBox, (c) => ({ format: { font: { name: c?.font ?? 'Calibri' } } }))),
        getMergedAreasOrNullObject: function (this: { merged: { isNullObject?: boolean } }) {
          return this.merged;
        },
      },
      getUsedRangeOrNullObject: function (this: { usedRange: unknown }) {
        return this.usedRange;
      },
      getRangeByIndexes: function (this: { dataRange: unknown }, row: number, col: number, rows: number, cols: number) {
        calls.push({ sheet: sheet.name, row, col, rows, cols });
        return this.dataRange;
      },
    };
  });
  const mock = new OfficeMockObject({ workbook: { worksheets: sheetData } }) as unknown as Record<string, any>;
  const worksheets = mock.workbook.worksheets;
  const items = data.sheets.map((sheet, i) => {
    const ws = worksheets[`s${i}`];
    const box = usedBox(sheet);
    // isNullObject is never loaded explicitly in Office.js: plain properties here.
    ws.usedRange.isNullObject = !box;
    ws.dataRange.merged.isNullObject = sheet.merges.length === 0;
    return ws;
  });
  worksheets.items = items;
  worksheets.load = (props: string) => {
    for (const ws of items) ws.load(props.replace(/items\//g, ''));
    return worksheets;
  };
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    count++;
    await sync();
  };
  return { context: mock as unknown as Excel.RequestContext, syncs, getRangeByIndexes: calls };
}

/** The cells of a highlight test: fills per sheet and address (no entry: no fill). */
export type FillWorld = Record<string, Record<string, CellFill>>;

export interface HighlightMock {
  context: Excel.RequestContext;
  syncs: () => number;
  /** Every getRanges() address list, per sheet. */
  getRanges: { sheet: string; addresses: string }[];
  settings: Map<string, string>;
  fills: FillWorld;
  protection: Record<string, { protected: boolean; events: string[] }>;
}

/**
 * A context for the highlight module over `fills`, with `settings` as the workbook's settings and the
 * named sheets protected. Writes to a protected sheet throw, as in Excel.
 */
export function highlightContext(sheets: string[], fills: FillWorld, settings: Map<string, string>, protectedSheets: string[] = []): HighlightMock {
  let count = 0;
  const syncs = () => count;
  const getRanges: HighlightMock['getRanges'] = [];
  const protection: HighlightMock['protection'] = Object.fromEntries(sheets.map((s) => [s, { protected: protectedSheets.includes(s), events: [] as string[] }]));
  const fillOf = (sheet: string, cell: string) => fills[sheet]?.[cell] ?? { color: '#FFFFFF', pattern: 'None' };
  const write = (sheet: string, cell: string, fill: CellFill | undefined) => {
    if (protection[sheet]!.protected) throw new Error(`AccessDenied: ${sheet} is protected`);
    const cells = (fills[sheet] ??= {});
    if (fill) cells[cell] = fill;
    else delete cells[cell];
  };
  const sheetData: Record<string, unknown> = {};
  sheets.forEach((name, i) => {
    sheetData[`s${i}`] = {
      name,
      protection: {
        protected: protection[name]!.protected,
        options: { allowFormatCells: false, selectionMode: 'Normal' },
        unprotect: () => {
          protection[name]!.protected = false;
          protection[name]!.events.push('unprotect');
        },
        protect: () => {
          protection[name]!.protected = true;
          protection[name]!.events.push('protect');
        },
      },
      getRange: (cell: string) => ({
        getCellProperties: () => clientResult(syncs, () => [[{ format: { fill: fillOf(name, cell) } }]]),
        setCellProperties: (rows: { format?: { fill?: CellFill } }[][]) => write(name, cell, rows[0]?.[0]?.format?.fill),
      }),
      getRanges: (addresses: string) => {
        getRanges.push({ sheet: name, addresses });
        const cells = addresses.split(',');
        return {
          format: {
            fill: {
              set color(color: string) {
                for (const c of cells) write(name, c, { color: color.toUpperCase(), pattern: 'Solid' });
              },
              clear() {
                for (const c of cells) write(name, c, undefined);
              },
            },
          },
        };
      },
    };
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: sheetData,
      settings: { item: { value: '' } },
    },
  }) as unknown as Record<string, any>;
  const worksheets = mock.workbook.worksheets;
  const items = sheets.map((_, i) => worksheets[`s${i}`]);
  worksheets.items = items;
  worksheets.load = (props: string) => {
    for (const ws of items) ws.load(props.replace(/items\//g, ''));
    return worksheets;
  };
  worksheets.getItem = (name: string) => {
    const ws = items[sheets.indexOf(name)];
    if (!ws) throw new Error(`ItemNotFound: ${name}`);
    return ws;
  };
  // Protection state is read live (the module loads it, then acts on it after the sync).
  for (const [i, name] of sheets.entries()) {
    const p = items[i].protection;
    Object.defineProperty(p, 'protected', { get: () => protection[name]!.protected, configurable: true });
  }
  const settingsMock = mock.workbook.settings;
  const item = settingsMock.item;
  settingsMock.getItemOrNullObject = () => {
    // Office returns a fresh proxy each time; its value is what the settings hold at sync.
    item.setValue('value', settings.get('da06.highlight') ?? '');
    item.isNullObject = !settings.has('da06.highlight');
    return item;
  };
  settingsMock.getItem = (key: string) => ({
    delete: () => {
      if (!settings.has(key)) throw new Error(`ItemNotFound: ${key}`);
      settings.delete(key);
    },
  });
  settingsMock.add = (key: string, value: string) => settings.set(key, value);
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    count++;
    await sync();
  };
  return { context: mock as unknown as Excel.RequestContext, syncs, getRanges, settings, fills, protection };
}
