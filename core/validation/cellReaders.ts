import type { Cell, CellValue } from '../workbook/model.ts';
import { parseDateText, serialToIso } from '../workbook/dates.ts';
import { parseVietnameseNumber } from '../text/numbers.ts';
import { STATUS, type StatusKey } from '../workbook/contract.ts';
import { cellText } from '../workbook/cellText.ts';

/** Typed readings of single cells, shared by the rules. Each says "blank", "bad" or gives a value. */
export type Reading<T> = { kind: 'blank' } | { kind: 'bad' } | { kind: 'ok'; value: T };

const BLANK = { kind: 'blank' } as const;
const BAD = { kind: 'bad' } as const;

function isBlankValue(v: CellValue): boolean {
  return v.t === 'empty' || (v.t === 'text' && v.v.trim() === '');
}

/** A number typed as a number or as Vietnamese text ("1.234,5", "80%"). */
export function readNumber(cell: Cell | undefined): Reading<number> {
  const v = cell?.value ?? { t: 'empty' };
  if (isBlankValue(v)) return BLANK;
  if (v.t === 'number') return Number.isFinite(v.v) ? { kind: 'ok', value: v.v } : BAD;
  if (v.t === 'text') {
    const n = parseVietnameseNumber(v.v);
    return n === undefined ? BAD : { kind: 'ok', value: n };
  }
  return BAD;
}

/** Progress in percent: a cell formatted as % holds 0.8 for 80 %. */
export function readPercent(cell: Cell | undefined): Reading<number> {
  const r = readNumber(cell);
  if (r.kind === 'ok' && cell?.value.t === 'number' && cell.numFmt?.includes('%')) return { kind: 'ok', value: Math.round(r.value * 1e6) / 1e4 };
  return r;
}

/** A date typed as a date, as an unformatted serial, or as text dd/mm/yyyy. */
export function readDate(cell: Cell | undefined): Reading<string> {
  const v = cell?.value ?? { t: 'empty' };
  if (isBlankValue(v)) return BLANK;
  if (v.t === 'date') return { kind: 'ok', value: v.v };
  // A serial that lost its date format (2000-01-01 … 2099-12-31).
  if (v.t === 'number' && Number.isInteger(v.v) && v.v >= 36526 && v.v <= 73050) return { kind: 'ok', value: serialToIso(v.v) };
  if (v.t === 'text') {
    const iso = parseDateText(v.v);
    return iso ? { kind: 'ok', value: iso } : BAD;
  }
  return BAD;
}

/** The cell as trimmed NFC text; see cellText. */
export const readText = cellText;

const STATUS_BY_TEXT = new Map<string, StatusKey>(
  (Object.entries(STATUS) as [StatusKey, string][]).map(([k, text]) => [text.toLowerCase(), k]),
);

/** The list's own texts, as the drop-down writes them: most cells, found without normalising. */
const STATUS_EXACT = new Map<string, StatusKey>((Object.entries(STATUS) as [StatusKey, string][]).map(([k, text]) => [text, k]));

export function readStatus(cell: Cell | undefined): Reading<StatusKey> {
  const exact = cell?.value.t === 'text' ? STATUS_EXACT.get(cell.value.v) : undefined;
  if (exact) return { kind: 'ok', value: exact };
  const text = readText(cell);
  if (text === '') return BLANK;
  const key = STATUS_BY_TEXT.get(text.toLowerCase().replace(/\s+/g, ' '));
  return key ? { kind: 'ok', value: key } : BAD;
}
