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

/** The Excel JavaScript API a mocked context exposes: Office 2016 (1.1), volume-licensed Office 2019 (1.7), or everything. */
export type ApiLevel = '1.1' | '1.7' | 'all';
export const API_LEVELS: ApiLevel[] = ['1.1', '1.7', 'all'];

/** `isSetSupported('ExcelApi', version)` for a level. */
export function supports(level: ApiLevel, version: string): boolean {
  if (level === 'all') return true;
  const [a, b] = version.split('.').map(Number);
  const [x, y] = level.split('.').map(Number);
  return a! < x! || (a === x && (b ?? 0) <= y!);
}

export interface MockHandle {
  context: Excel.RequestContext;
  syncs: () => number;
  /** Every range read by address, per sheet. */
  getRange: { sheet: string; address: string }[];
  /** RangeFont objects made for per-cell fonts. */
  cellFonts: () => number;
}

/**
 * A property bag readable only after load() and a sync, as in Office.js (the ranges the reader makes
 * on the fly; office-addin-mock holds the workbook and its sheets).
 */
function loadable<T extends object>(syncs: () => number, values: () => T, what: string): T & { load: (props?: string) => unknown } {
  let loadedAt: number | undefined;
  const target = {
    load(_props?: string) {
      loadedAt = syncs();
      return target;
    },
  };
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key in t) return Reflect.get(t, key, receiver);
      if (loadedAt === undefined || syncs() <= loadedAt) throw new Error(`${what}.${String(key)} read before load() and context.sync()`);
      return (values() as Record<string | symbol, unknown>)[key];
    },
  }) as T & { load: (props?: string) => unknown };
}

function parseBox(address: string): Box {
  const [a, b] = address.replace(/^.*!/, '').split(':');
  const p = parseCell(a!);
  const q = parseCell(b ?? a!);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}

/**
 * A context for readWorkbook over `data`, exposing only the members of the requirement sets of
 * `level`: a member from a newer set is absent, so calling it fails the test as it would fail in Excel.
 */
export function readContext(data: Grid, level: ApiLevel = 'all'): MockHandle {
  let count = 0;
  let fontObjects = 0;
  const syncs = () => count;
  const calls: MockHandle['getRange'] = [];
  const has = (version: string) => supports(level, version);
  const sheetData: Record<string, unknown> = {};
  const rangeOver = (sheet: GridSheet, box: Box) => {
    const range: Record<string, unknown> = loadable(
      syncs,
      () => ({
        values: grid(sheet, box, (c) => (c && c.t !== 'Empty' ? c.v : '')),
        numberFormat: grid(sheet, box, (c) => c?.f ?? 'General'),
        valueTypes: grid(sheet, box, (c) => c?.t ?? 'Empty'),
      }),
      'Range',
    );
    const withMethods: Record<string, unknown> = {
      load: (props?: string) => (range.load as (p?: string) => unknown)(props),
      getCell: (r: number, c: number) => {
        fontObjects++;
        const font = loadable(syncs, () => ({ name: sheet.cells[`${colLetters(box.left + c)}${box.top + r}`]?.font ?? 'Calibri' }), 'RangeFont');
        return { format: { font } };
      },
    };
    for (const key of ['values', 'numberFormat', 'valueTypes']) Object.defineProperty(withMethods, key, { get: () => range[key], enumerable: false });
    if (has('1.9')) withMethods.getCellProperties = () => clientResult(syncs, () => grid(sheet, box, (c) => ({ format: { font: { name: c?.font ?? 'Calibri' } } })));
    if (has('1.13')) {
      withMethods.getMergedAreasOrNullObject = () => {
        const inside = sheet.merges.map(parseBox).filter((m) => m.top >= box.top && m.bottom <= box.bottom && m.left >= box.left && m.right <= box.right);
        const address = inside.map((m) => `'${sheet.name}'!${colLetters(m.left)}${m.top}:${colLetters(m.right)}${m.bottom}`).join(',');
        const areas = loadable(syncs, () => ({ address }), 'RangeAreas');
        // isNullObject is known without a load in Office.js once synced.
        return new Proxy(areas, { get: (t, k, r) => (k === 'isNullObject' ? inside.length === 0 : Reflect.get(t, k, r)) });
      };
    }
    return withMethods;
  };
  data.sheets.forEach((sheet, i) => {
    const box = usedBox(sheet);
    // A blank sheet's used range is A1, as Excel gives it.
    const used = box ?? { top: 1, left: 1, bottom: 1, right: 1 };
    const usedRange = () =>
      loadable(syncs, () => ({ rowIndex: used.top - 1, columnIndex: used.left - 1, rowCount: used.bottom - used.top + 1, columnCount: used.right - used.left + 1 }), 'UsedRange');
    const ws: Record<string, unknown> = {
      name: sheet.name,
      visibility: sheet.visibility,
      getUsedRange: (valuesOnly?: boolean) => {
        if (valuesOnly !== undefined && !has('1.2')) throw new Error('getUsedRange(valuesOnly) needs ExcelApi 1.2');
        return usedRange();
      },
      getRange: (address: string) => {
        calls.push({ sheet: sheet.name, address });
        return rangeOver(sheet, parseBox(address));
      },
    };
    if (has('1.4')) ws.getUsedRangeOrNullObject = usedRange;
    if (has('1.7')) ws.getRangeByIndexes = (row: number, col: number, rows: number, cols: number) => rangeOver(sheet, { top: row + 1, left: col + 1, bottom: row + rows, right: col + cols });
    sheetData[`s${i}`] = ws;
  });
  const mock = new OfficeMockObject({ workbook: { worksheets: sheetData } }) as unknown as Record<string, any>;
  const worksheets = mock.workbook.worksheets;
  const items = data.sheets.map((_, i) => worksheets[`s${i}`]);
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
  return { context: mock as unknown as Excel.RequestContext, syncs, getRange: calls, cellFonts: () => fontObjects };
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
export function highlightContext(sheets: string[], fills: FillWorld, settings: Map<string, string>, protectedSheets: string[] = [], level: ApiLevel = 'all'): HighlightMock {
  const has = (version: string) => supports(level, version);
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
  // Before ExcelApi 1.9 a fill is its colour only, and a cell without fill reads as white.
  const fillProxy = (name: string, cells: string[]) => {
    let loadedAt: number | undefined;
    return {
      load(_props?: string) {
        loadedAt = count;
        return this;
      },
      get color(): string {
        if (loadedAt === undefined || count <= loadedAt) throw new Error('RangeFill.color read before load() and context.sync()');
        const f = fillOf(name, cells[0]!);
        return f.pattern === 'None' ? '#FFFFFF' : f.color;
      },
      set color(color: string) {
        for (const c of cells) write(name, c, { color: color.toUpperCase(), pattern: 'Solid' });
      },
      clear() {
        for (const c of cells) write(name, c, undefined);
      },
    };
  };
  sheets.forEach((name, i) => {
    const ws: Record<string, unknown> = {
      name,
      getRange: (cell: string) => ({
        format: { fill: fillProxy(name, [cell]) },
        ...(has('1.9')
          ? {
              getCellProperties: () => clientResult(syncs, () => [[{ format: { fill: fillOf(name, cell) } }]]),
              setCellProperties: (rows: { format?: { fill?: CellFill } }[][]) => write(name, cell, rows[0]?.[0]?.format?.fill),
            }
          : {}),
      }),
    };
    if (has('1.9')) {
      ws.getRanges = (addresses: string) => {
        getRanges.push({ sheet: name, addresses });
        return { format: { fill: fillProxy(name, addresses.split(',')) } };
      };
    }
    if (has('1.2')) {
      ws.protection = {
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
      };
    }
    sheetData[`s${i}`] = ws;
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: sheetData,
      ...(has('1.4') ? { settings: { item: { value: '' } } } : {}),
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
    if (p) Object.defineProperty(p, 'protected', { get: () => protection[name]!.protected, configurable: true });
  }
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    count++;
    await sync();
  };
  const handle = { context: mock as unknown as Excel.RequestContext, syncs, getRanges, settings, fills, protection };
  if (!has('1.4')) return handle;
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
  return handle;
}
