/// <reference types="office-js" />
import { loadProtection, withoutProtection, type SheetGuard } from './protection.ts';
import { ALL_FEATURES, type ExcelFeatures } from './features.ts';
import type { ClearResult, Mark, PaintResult } from '../host.ts';

export type { ClearResult, Mark, PaintResult } from '../host.ts';

/**
 * Paints the cells that have issues and clears them again with the clerk's own fills restored.
 *
 * Before painting, each cell's fill is read and remembered: in the pane (a `HighlightMemory` the
 * caller keeps) and in the workbook's own settings (`workbook.settings`, saved with the file), so that
 * clearing works after the pane reloads. Cells are painted and cleared in bulk through RangeAreas
 * (`worksheet.getRanges("A1,B3,...")`), with address lists cut into pieces Excel accepts.
 *
 * Older Excel (features.ts): before ExcelApi 1.9 fills are read and painted cell by cell, and only
 * their colour is known (no patterns or tints); before 1.4 the fills are remembered in the pane only;
 * before 1.2 a protected sheet cannot be painted at all (the pane does not offer it).
 */

/** Excel's own "light red fill" and "yellow fill" of conditional formatting: familiar to clerks. */
export const HIGHLIGHT_COLORS = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
export const SETTING_KEY = 'da06.highlight';
/** Excel rejects long address lists in getRanges; stay well below its limit. */
export const MAX_ADDRESS_LENGTH = 2000;

export interface SavedFill {
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number;
  patternTintAndShade?: number;
}

export interface PaintedCell {
  /** The fill the clerk had before. */
  original: SavedFill;
  /** The colour we painted. */
  paint: string;
}

export interface HighlightState {
  version: 1;
  sheets: Record<string, Record<string, PaintedCell>>;
}

/** The pane's copy of the state, used when the workbook's settings cannot be read. */
export interface HighlightMemory {
  state?: HighlightState;
}

const FILL_PROPERTIES = { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } as const;

/** Joins addresses with commas into lists no longer than `max` characters each. */
export function chunkAddresses(addresses: readonly string[], max: number = MAX_ADDRESS_LENGTH): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) chunks.push(current);
  return chunks;
}

function sameColor(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
}

function isNoFill(fill: SavedFill): boolean {
  return !fill.pattern || fill.pattern === 'None';
}

function isPlainSolid(fill: SavedFill): boolean {
  return fill.pattern === 'Solid' && !fill.tintAndShade && !!fill.color;
}

function parseState(value: unknown): HighlightState | undefined {
  const parsed: unknown = typeof value === 'string' ? safeJson(value) : value;
  if (!parsed || typeof parsed !== 'object') return undefined;
  const state = parsed as Partial<HighlightState>;
  return state.version === 1 && state.sheets && typeof state.sheets === 'object' ? (state as HighlightState) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function cellCount(state: HighlightState): number {
  return Object.values(state.sheets).reduce((n, cells) => n + Object.keys(cells).length, 0);
}

interface Loaded {
  state: HighlightState;
  /** Names of the workbook's sheets now. */
  sheetNames: Set<string>;
  settingExists: boolean;
}

/** Reads the saved state (workbook settings first, the pane's memory otherwise) and the sheet names. One sync. */
async function loadState(context: Excel.RequestContext, memory: HighlightMemory, features: ExcelFeatures): Promise<Loaded> {
  const item = features.settings ? context.workbook.settings.getItemOrNullObject(SETTING_KEY) : undefined;
  item?.load('value');
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const saved = !item || item.isNullObject ? undefined : parseState(item.value);
  return {
    state: saved ?? memory.state ?? { version: 1, sheets: {} },
    sheetNames: new Set(worksheets.items.map((ws) => ws.name)),
    settingExists: !!item && !item.isNullObject,
  };
}

function saveState(context: Excel.RequestContext, memory: HighlightMemory, loaded: Loaded, state: HighlightState, features: ExcelFeatures): void {
  const empty = cellCount(state) === 0;
  memory.state = empty ? undefined : state;
  if (!features.settings) return;
  if (!empty) context.workbook.settings.add(SETTING_KEY, JSON.stringify(state));
  else if (loaded.settingExists) context.workbook.settings.getItem(SETTING_KEY).delete();
}

interface SheetWork {
  name: string;
  sheet: Excel.Worksheet;
  guard: SheetGuard;
  /** Current fills of cells we may touch: every property (ExcelApi 1.9)… */
  fills: Map<string, OfficeExtension.ClientResult<Excel.CellProperties[][]>>;
  /** …or the colour only (ExcelApi 1.1). */
  colors: Map<string, Excel.RangeFill>;
}

function queueSheetWork(context: Excel.RequestContext, name: string, cells: Iterable<string>, features: ExcelFeatures): SheetWork {
  const sheet = context.workbook.worksheets.getItem(name);
  const guard = loadProtection(sheet, features);
  const fills = new Map<string, OfficeExtension.ClientResult<Excel.CellProperties[][]>>();
  const colors = new Map<string, Excel.RangeFill>();
  for (const cell of cells) {
    if (features.cellProperties) fills.set(cell, sheet.getRange(cell).getCellProperties({ format: { fill: FILL_PROPERTIES } }));
    else colors.set(cell, sheet.getRange(cell).format.fill.load('color'));
  }
  return { name, sheet, guard, fills, colors };
}

/** ExcelApi 1.1 reports a cell without fill as white: a white fill is put back as no fill, which looks the same. */
function colorOnlyFill(color: string | null | undefined): SavedFill {
  return !color || color.toUpperCase() === '#FFFFFF' ? { pattern: 'None' } : { color, pattern: 'Solid' };
}

function currentFill(work: SheetWork, cell: string): SavedFill {
  const colorOnly = work.colors.get(cell);
  if (colorOnly) return colorOnlyFill(colorOnly.color);
  const fill = work.fills.get(cell)?.value[0]?.[0]?.format?.fill ?? {};
  const out: SavedFill = {};
  if (fill.color !== undefined && fill.color !== null) out.color = fill.color;
  if (fill.pattern !== undefined && fill.pattern !== null) out.pattern = fill.pattern;
  if (fill.patternColor !== undefined && fill.patternColor !== null) out.patternColor = fill.patternColor;
  if (typeof fill.tintAndShade === 'number') out.tintAndShade = fill.tintAndShade;
  if (typeof fill.patternTintAndShade === 'number') out.patternTintAndShade = fill.patternTintAndShade;
  return out;
}

/** Whether the cell still shows our paint (the clerk may have refilled it since). */
function stillPainted(work: SheetWork, cell: string, painted: PaintedCell): boolean {
  const now = currentFill(work, cell);
  return now.pattern === 'Solid' && sameColor(now.color, painted.paint);
}

/** Sets or clears the fill of cells sharing one colour ('' for no fill): RangeAreas when there are, else cell by cell. */
function queueFill(sheet: Excel.Worksheet, cells: string[], color: string, features: ExcelFeatures): void {
  const targets = features.rangeAreas ? chunkAddresses(cells).map((chunk) => sheet.getRanges(chunk)) : cells.map((cell) => sheet.getRange(cell));
  for (const target of targets) {
    if (color === '') target.format.fill.clear();
    else target.format.fill.color = color;
  }
}

/** Queues the restoration of the clerk's fills, grouped by colour. */
function queueRestore(sheet: Excel.Worksheet, cells: [string, SavedFill][], features: ExcelFeatures): void {
  const groups = new Map<string, string[]>();
  for (const [cell, fill] of cells) {
    if (isNoFill(fill) || isPlainSolid(fill)) {
      const key = isNoFill(fill) ? '' : fill.color!.toUpperCase();
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(cell);
    } else {
      // Patterns and tints: put back every property the cell had.
      sheet.getRange(cell).setCellProperties([[{ format: { fill } as Excel.SettableCellProperties['format'] }]]);
    }
  }
  for (const [color, list] of groups) queueFill(sheet, list, color, features);
}

function queuePaint(sheet: Excel.Worksheet, cells: [string, string][], features: ExcelFeatures): void {
  const groups = new Map<string, string[]>();
  for (const [cell, color] of cells) {
    let list = groups.get(color);
    if (!list) groups.set(color, (list = []));
    list.push(cell);
  }
  for (const [color, list] of groups) queueFill(sheet, list, color, features);
}

/**
 * Paints `marks` (an error wins over a warning in the same cell) and restores cells painted earlier
 * that no longer have an issue. Three syncs, whatever the number of cells.
 */
export async function paintHighlights(
  context: Excel.RequestContext,
  marks: readonly Mark[],
  memory: HighlightMemory = {},
  features: ExcelFeatures = ALL_FEATURES,
): Promise<PaintResult> {
  const loaded = await loadState(context, memory, features);
  const { state } = loaded;
  const wanted = new Map<string, Map<string, string>>();
  for (const m of marks) {
    if (!m.sheet || !m.cell) continue;
    let cells = wanted.get(m.sheet);
    if (!cells) wanted.set(m.sheet, (cells = new Map()));
    const color = HIGHLIGHT_COLORS[m.severity];
    if (cells.get(m.cell) !== HIGHLIGHT_COLORS.error) cells.set(m.cell, color);
  }

  // A sheet deleted or renamed since: nothing to paint or restore there.
  const names = [...new Set([...wanted.keys(), ...Object.keys(state.sheets)])].filter((n) => loaded.sheetNames.has(n));
  const work = names.map((name) => queueSheetWork(context, name, new Set([...(wanted.get(name)?.keys() ?? []), ...Object.keys(state.sheets[name] ?? {})]), features));
  await context.sync();

  const next: HighlightState = { version: 1, sheets: {} };
  let painted = 0;
  let restored = 0;
  for (const w of work) {
    const before = state.sheets[w.name] ?? {};
    const want = wanted.get(w.name) ?? new Map<string, string>();
    const toRestore: [string, SavedFill][] = [];
    for (const [cell, p] of Object.entries(before)) {
      if (!want.has(cell) && stillPainted(w, cell, p)) toRestore.push([cell, p.original]);
    }
    const record: Record<string, PaintedCell> = {};
    const toPaint: [string, string][] = [];
    for (const [cell, color] of want) {
      const earlier = before[cell];
      const original = earlier && stillPainted(w, cell, earlier) ? earlier.original : currentFill(w, cell);
      record[cell] = { original, paint: color };
      toPaint.push([cell, color]);
    }
    withoutProtection(w.guard, () => {
      queueRestore(w.sheet, toRestore, features);
      queuePaint(w.sheet, toPaint, features);
    });
    painted += toPaint.length;
    restored += toRestore.length;
    if (Object.keys(record).length) next.sheets[w.name] = record;
  }
  saveState(context, memory, loaded, next, features);
  await context.sync();
  return { painted, restored };
}

/** Removes every highlight and puts back the clerk's own fills. Three syncs. */
export async function clearHighlights(context: Excel.RequestContext, memory: HighlightMemory = {}, features: ExcelFeatures = ALL_FEATURES): Promise<ClearResult> {
  const loaded = await loadState(context, memory, features);
  const { state } = loaded;
  const work = Object.entries(state.sheets)
    .filter(([name]) => loaded.sheetNames.has(name))
    .map(([name, cells]) => queueSheetWork(context, name, Object.keys(cells), features));
  if (work.length) await context.sync();
  let restored = 0;
  let kept = 0;
  for (const w of work) {
    const toRestore: [string, SavedFill][] = [];
    for (const [cell, p] of Object.entries(state.sheets[w.name] ?? {})) {
      if (stillPainted(w, cell, p)) toRestore.push([cell, p.original]);
      else kept++;
    }
    withoutProtection(w.guard, () => queueRestore(w.sheet, toRestore, features));
    restored += toRestore.length;
  }
  saveState(context, memory, loaded, { version: 1, sheets: {} }, features);
  await context.sync();
  return { restored, kept };
}
