import type { Deadline, Level } from './schema.ts';
import { lastDayOfMonth } from '../period/period.ts';
import { formatShortDate } from '../text/dates.ts';

/**
 * A deadline as the plan words it → the typed deadline, and back. The plan workbook's deadline cell
 * holds the document's own text; this is the one place that reads it. The rules are the plan
 * conventions' (plans/CONVENTIONS.md): "trước 20/3/2022" is due 19/3/2022; "trong tháng 3/2022" at
 * the month's end; "thường xuyên" is recurring; "cấp tỉnh từ ngày …; cấp xã từ ngày …" starts a
 * duty for each level named.
 */

/** A deadline without its wording (`text` is the cell's own text, added by whoever reads the cell). */
export type DeadlineValue = Deadline extends infer D ? (D extends unknown ? Omit<D, 'text'> : never) : never;

export interface DeadlineTextOptions {
  /** Year assumed when the text gives none ("trước 20/3"): the plan's year. */
  year?: number;
  /** Levels the plan has, for "từ ngày …" without a level; a two-tier province has no district. */
  levels?: readonly Level[];
}

export type DeadlineParse = { ok: true; deadline: DeadlineValue } | { ok: false };

/** The forms the parser accepts, as the error message lists them. */
export const DEADLINE_FORMS = [
  'Trước ngày 20/3/2026',
  'Chậm nhất ngày 30/6/2026',
  'Trong tháng 3/2026',
  'Trong quý I/2026',
  '6 tháng đầu năm 2026',
  'Trong năm 2026',
  'Giai đoạn 2026–2030',
  'Cấp tỉnh từ ngày 01/7/2026; cấp xã từ ngày 01/10/2026',
  'Thường xuyên',
  'Theo quy định pháp luật',
  'Theo yêu cầu',
  'Khi có hướng dẫn',
] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${y}-${pad2(m)}-${pad2(d)}`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function validDate(y: number, m: number, d: number): string | undefined {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m) && y >= 1900 && y <= 2200 ? iso(y, m, d) : undefined;
}

function dayBefore(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// "20/3/2022", "20-3-2022", "20.3.2022", "ngày 20 tháng 3 năm 2022", "20/3" (the plan's year).
const DATE = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?|(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?`;

function dateOf(m: RegExpExecArray | RegExpMatchArray, at: number, year: number | undefined): string | undefined {
  const [d, mo, y] = m[at] !== undefined ? [m[at], m[at + 1], m[at + 2]] : [m[at + 3], m[at + 4], m[at + 5]];
  const yy = y !== undefined ? Number(y) : year;
  return yy === undefined ? undefined : validDate(yy, Number(mo), Number(d));
}

/** Lower case, NFC, one space, no trailing full stop, without a leading label ("Thời gian hoàn thành:"). */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '–')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]+$/, '')
    .replace(/^(thời gian|thời hạn)( hoàn thành| triển khai| thực hiện)?\s*:\s*/, '')
    .trim();
}

const START = String.raw`(?:^|[\s,;(])`;
const LEVEL_WORDS: [Level, RegExp][] = [
  ['province', new RegExp(`${START}(cấp tỉnh|cấp thành phố|tỉnh)(?=$|[\\s,;)])`, 'g')],
  ['district', new RegExp(`${START}(cấp huyện|cấp quận|quận|huyện|thị xã)(?=$|[\\s,;)])`, 'g')],
  ['commune', new RegExp(`${START}(cấp xã|xã|phường|thị trấn|đặc khu)(?=$|[\\s,;)])`, 'g')],
];

/** Levels named in a stretch of text, in the order written. */
function levelsIn(segment: string): Level[] {
  const found: [number, Level][] = [];
  for (const [level, re] of LEVEL_WORDS) for (const m of segment.matchAll(re)) found.push([m.index, level]);
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map(([, l]) => l))];
}

/** "cấp tỉnh từ ngày 01/6/2022; cấp huyện từ ngày 01/12/2022": each "từ (ngày) D" with the levels written before it. */
function staged(text: string, opts: DeadlineTextOptions): DeadlineValue | undefined {
  const re = new RegExp(String.raw`từ(?: ngày)?\s+(?:${DATE})`, 'g');
  const stages: { level: Level; date: string }[] = [];
  let from = 0;
  for (const m of text.matchAll(re)) {
    const date = dateOf(m, 1, opts.year);
    const levels = levelsIn(text.slice(from, m.index));
    from = m.index + m[0].length;
    if (!date) return undefined;
    for (const level of levels) if (!stages.some((s) => s.level === level)) stages.push({ level, date });
  }
  if (stages.length > 0) return { kind: 'staged', stages };
  // "Từ ngày 01/7/2026" with no level: every level of the plan, from that day.
  const only = new RegExp(String.raw`^(?:thực hiện )?từ(?: ngày)?\s+(?:${DATE})$`).exec(text);
  const date = only && dateOf(only, 1, opts.year);
  return date ? { kind: 'staged', stages: (opts.levels ?? ['province', 'district', 'commune']).map((level) => ({ level, date })) } : undefined;
}

/** Reads a deadline in the plan's words; `{ ok: false }` when it is none of the accepted forms. */
export function parseDeadlineText(text: string, opts: DeadlineTextOptions = {}): DeadlineParse {
  const full = clean(text);
  if (!full) return { ok: false };
  const ok = (deadline: DeadlineValue): DeadlineParse => ({ ok: true, deadline });
  // Stages may sit in parentheses ("(bộ phận một cửa cấp huyện từ 01/12/2022, …)"); read them on the whole text.
  const st = staged(full, opts);
  if (st) return ok(st);
  // Everything else is read from the main clause: asides in parentheses do not change the kind.
  const main = full.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '');

  if (/^(khi|sau khi|căn cứ)\s|^theo (các )?(văn bản )?hướng dẫn/.test(main)) return ok({ kind: 'when-guided' });
  if (/^theo yêu cầu/.test(main)) return ok({ kind: 'on-request' });
  if (/^theo (đúng |các )?.*quy định/.test(main)) return ok({ kind: 'by-law' });
  if (/thường xuyên|hằng tháng|hàng tháng|hằng quý|hàng quý|hằng năm|hàng năm|định kỳ/.test(main)) return ok({ kind: 'recurring' });

  const year = opts.year;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`^(?:hoàn thành )?trước(?: ngày)?\s+(?:${DATE})$`).exec(main))) {
    const date = dateOf(m, 1, year);
    return date ? ok({ kind: 'by-date', date: dayBefore(date) }) : { ok: false };
  }
  if ((m = new RegExp(String.raw`^(?:hoàn thành )?(?:(?:chậm nhất|hạn chót|hạn|trong|đến) )?(?:ngày )?(?:${DATE})$`).exec(main))) {
    const date = dateOf(m, 1, year);
    return date ? ok({ kind: 'by-date', date }) : { ok: false };
  }
  if ((m = /^(?:hoàn thành )?(?:trong )?tháng (\d{1,2})(?:\s*(?:\/|năm)\s*(\d{4}))?$/.exec(main))) {
    const mo = Number(m[1]);
    const y = m[2] ? Number(m[2]) : year;
    return y !== undefined && mo >= 1 && mo <= 12 ? ok({ kind: 'month', month: `${y}-${pad2(mo)}` }) : { ok: false };
  }
  if ((m = /^(?:hoàn thành )?(?:trong )?quý (iv|iii|ii|i|[1-4])(?:\s*(?:\/|năm)\s*(\d{4}))?$/.exec(main))) {
    const y = m[2] ? Number(m[2]) : year;
    return y !== undefined ? ok({ kind: 'quarter', year: y, quarter: ROMAN[m[1]!]! }) : { ok: false };
  }
  if ((m = /^(?:hoàn thành )?(?:trong )?6 tháng (đầu|cuối) năm (\d{4})$/.exec(main))) {
    return ok({ kind: 'half-year', year: Number(m[2]), half: m[1] === 'đầu' ? 1 : 2 });
  }
  if ((m = /^(?:hoàn thành )?(?:trong )?năm (\d{4})$/.exec(main))) return ok({ kind: 'year', year: Number(m[1]) });
  if ((m = /^(?:trong )?giai đoạn (\d{4})\s*[–-]\s*(\d{4})$/.exec(main))) {
    return Number(m[1]) <= Number(m[2]) ? ok({ kind: 'range', from: `${m[1]}-01`, to: `${m[2]}-12` }) : { ok: false };
  }
  if ((m = /^từ (?:tháng )?(\d{1,2})\/(\d{4}) đến (?:tháng )?(\d{1,2})\/(\d{4})$/.exec(main))) {
    const [a, b] = [`${m[2]}-${pad2(Number(m[1]))}`, `${m[4]}-${pad2(Number(m[3]))}`];
    return Number(m[1]) <= 12 && Number(m[3]) <= 12 && a <= b ? ok({ kind: 'range', from: a, to: b }) : { ok: false };
  }
  return { ok: false };
}

const LEVEL_TEXT: Record<Level, string> = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' };
const monthText = (month: string): string => {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
};

/** The canonical wording of a typed deadline: `parseDeadlineText(formatDeadline(d))` gives `d` back. */
export function formatDeadline(d: DeadlineValue): string {
  switch (d.kind) {
    case 'by-date':
      return `Trước ngày ${formatShortDate(dayAfter(d.date))}`;
    case 'month':
      return `Trong tháng ${monthText(d.month)}`;
    case 'quarter':
      return `Trong quý ${['I', 'II', 'III', 'IV'][d.quarter - 1]}/${d.year}`;
    case 'half-year':
      return `6 tháng ${d.half === 1 ? 'đầu' : 'cuối'} năm ${d.year}`;
    case 'year':
      return `Trong năm ${d.year}`;
    case 'range':
      return `Từ tháng ${monthText(d.from)} đến tháng ${monthText(d.to)}`;
    case 'staged': {
      const s = d.stages.map((x) => `${LEVEL_TEXT[x.level]} từ ngày ${formatShortDate(x.date)}`).join('; ');
      return s.charAt(0).toUpperCase() + s.slice(1);
    }
    case 'recurring':
      return 'Thường xuyên';
    case 'by-law':
      return 'Theo quy định pháp luật';
    case 'on-request':
      return 'Theo yêu cầu';
    case 'when-guided':
      return 'Khi có hướng dẫn';
  }
}
