import type { Cell } from './model.ts';
import { isDateFormat, serialToIso } from './dates.ts';
import { formatVietnameseNumber } from '../text/numbers.ts';

/**
 * A cell as Excel shows it, for quoting in messages ("10000%", "01/2023", "#REF!"): the common
 * number formats of our workbooks, with Vietnamese separators (1.250,5). The value read is still
 * what the rules check; this is only what the clerk sees.
 */
export function displayText(cell: Cell | undefined): string {
  const v = cell?.value;
  if (!v) return '';
  switch (v.t) {
    case 'empty':
      return '';
    case 'text':
      return v.v.normalize('NFC').trim();
    case 'boolean':
      return v.v ? 'TRUE' : 'FALSE';
    case 'error':
      return v.v;
    case 'date':
      return formatDate(v.v, cell?.numFmt);
    case 'number':
      return formatNumber(v.v, cell?.numFmt);
  }
}

/** The first section of a format, without colours, conditions, quoted text and padding. */
function mainSection(numFmt: string): string {
  return (numFmt.split(';')[0] ?? '').replace(/\[[^\]]*\]|"[^"]*"|\\.|_.|\*./g, '');
}

function formatDate(iso: string, numFmt: string | undefined): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  if (!numFmt || !isDateFormat(numFmt)) return `${d}/${m}/${y}`;
  const f = mainSection(numFmt).toLowerCase();
  // Tokens in order; "m" after "h" would be minutes, which our date cells never show.
  return f.replace(/yyyy|yy|dd|d|mm|m/g, (t) => {
    switch (t) {
      case 'yyyy':
        return y;
      case 'yy':
        return y.slice(2);
      case 'dd':
        return d;
      case 'd':
        return String(Number(d));
      case 'mm':
        return m;
      default:
        return String(Number(m));
    }
  });
}

/** Vietnamese separators; Excel groups thousands only when the format has a comma. */
function number(n: number, decimals: number, keepZeros: boolean, grouping: boolean): string {
  const s = formatVietnameseNumber(n, decimals, keepZeros);
  return grouping ? s : s.replace(/\./g, '');
}

function formatNumber(n: number, numFmt: string | undefined): string {
  if (!numFmt || numFmt === 'General' || numFmt === '@') return number(n, 10, false, false);
  if (isDateFormat(numFmt)) return formatDate(serialToIso(n), numFmt);
  const f = mainSection(numFmt);
  const percent = f.includes('%');
  const places = /\.([0#]+)/.exec(f)?.[1] ?? '';
  const value = percent ? n * 100 : n;
  // "0.00" keeps its zeros; "0.##" shows at most two decimals, without trailing zeros.
  return `${number(value, places.length, !places.includes('#'), f.includes(','))}${percent ? '%' : ''}`;
}
