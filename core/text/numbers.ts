/**
 * Vietnamese number reading and writing: the decimal mark is a comma and thousands are grouped
 * with dots (1.234,5); clerks also type "80%", "80 %" or the English form 12.5.
 */

/** Reads a number typed as text; undefined when it is not one. A trailing % is allowed and dropped. */
export function parseVietnameseNumber(text: string): number | undefined {
  let t = text.normalize('NFC').trim().replace(/\s+/g, '');
  if (t.endsWith('%')) t = t.slice(0, -1);
  if (t === '' || !/^[+-]?[\d.,]+$/.test(t)) return undefined;
  const sign = t.startsWith('-') ? -1 : 1;
  t = t.replace(/^[+-]/, '');
  const commas = (t.match(/,/g) ?? []).length;
  const dots = (t.match(/\./g) ?? []).length;
  let normalized: string;
  if (commas === 0 && dots === 0) normalized = t;
  else if (commas === 1 && (dots === 0 || t.lastIndexOf(',') > t.lastIndexOf('.'))) {
    // 12,5 or 1.234,5: Vietnamese. Dots before the comma must group thousands.
    const [int, frac] = t.split(',') as [string, string];
    if (dots > 0 && !/^\d{1,3}(\.\d{3})+$/.test(int)) return undefined;
    normalized = `${int.replace(/\./g, '')}.${frac}`;
  } else if (commas === 0 && dots === 1) {
    // 12.5 (English) unless it is clearly a thousands group such as 1.250
    normalized = /^\d{1,3}\.\d{3}$/.test(t) ? t.replace('.', '') : t;
  } else if (commas === 0 && /^\d{1,3}(\.\d{3})+$/.test(t)) normalized = t.replace(/\./g, '');
  else if (dots <= 1 && /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normalized = t.replace(/,/g, ''); // 1,234.5
  else return undefined;
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normalized)) return undefined;
  const n = Number(normalized);
  return Number.isFinite(n) ? sign * n : undefined;
}

/** 1234.5 → "1.234,5"; `digits` fixes the decimals (trailing zeros trimmed unless `keepZeros`). */
export function formatVietnameseNumber(n: number, digits = 1, keepZeros = false): string {
  const fixed = Math.abs(n).toFixed(digits);
  let [int, frac = ''] = fixed.split('.') as [string, string?];
  if (!keepZeros) frac = frac.replace(/0+$/, '');
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${int}${frac ? `,${frac}` : ''}`;
}

/** 64.5 → "64,5%" */
export function formatPercent(n: number, digits = 1): string {
  return `${formatVietnameseNumber(n, digits)}%`;
}
