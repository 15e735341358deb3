/** A1 addresses: column letters ↔ numbers, both 1-based. */

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function fromA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  return m ? { row: Number(m[2]), col: columnNumber(m[1]!) } : undefined;
}

export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:D5" or "B3" to a box; undefined when malformed. */
export function parseRange(range: string): RangeBox | undefined {
  const [a, b = a] = range.split(':');
  const p = a ? fromA1(a) : undefined;
  const q = b ? fromA1(b) : undefined;
  if (!p || !q) return undefined;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}
