import type { Reporting } from '../plan/schema.ts';

/**
 * Reporting periods: a month ("2023-01"), a quarter ("2023-Q1"), a half year ("2023-H1") or a year
 * ("2023"). All dates here are calendar dates as "YYYY-MM-DD" strings, never Date objects, so that
 * nothing depends on the machine's time zone.
 */
export type PeriodKind = 'month' | 'quarter' | 'half-year' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; 0 for a year. */
  index: number;
  /** Canonical text: 2023-01, 2023-Q1, 2023-H1, 2023. */
  id: string;
  /** First and last month covered, "YYYY-MM". */
  firstMonth: string;
  lastMonth: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function monthId(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

function make(kind: PeriodKind, year: number, index: number): Period {
  const span = { month: [index, index], quarter: [3 * index - 2, 3 * index], 'half-year': [6 * index - 5, 6 * index], year: [1, 12] }[kind];
  const id = { month: monthId(year, index), quarter: `${year}-Q${index}`, 'half-year': `${year}-H${index}`, year: String(year) }[kind];
  return { kind, year, index, id, firstMonth: monthId(year, span[0]!), lastMonth: monthId(year, span[1]!) };
}

/** Parses a canonical period id; undefined when malformed. */
export function parsePeriodId(text: string): Period | undefined {
  const t = text.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? make('month', Number(m[1]), month) : undefined;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(t);
  if (m) return make('quarter', Number(m[1]), Number(m[2]));
  m = /^(\d{4})-H([12])$/.exec(t);
  if (m) return make('half-year', Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(t);
  if (m) return make('year', Number(m[1]), 0);
  return undefined;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** How a clerk writes the period: "Tháng 01/2023", "Quý I/2023", "6 tháng đầu năm 2023", "Năm 2023". */
export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `Tháng ${pad2(p.index)}/${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
    case 'half-year':
      return p.index === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
  }
}

/** The period inside a sentence: "tháng 01/2023", "quý I/2023", "6 tháng đầu năm 2023", "năm 2023". */
export function periodPhrase(p: Period): string {
  const label = periodLabel(p);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Reads the period as a clerk may have typed it in `Kỳ báo cáo`: the canonical id or the label
 * forms above, "01/2023", "1/2023", "tháng 1 năm 2023". Text is expected in NFC.
 */
export function parsePeriodText(text: string): Period | undefined {
  const canonical = parsePeriodId(text);
  if (canonical) return canonical;
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = /^(?:tháng )?(\d{1,2}) ?(?:\/|-|năm) ?(\d{4})$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? make('month', Number(m[2]), month) : undefined;
  }
  m = /^quý (i{1,3}|iv|[1-4]) ?(?:\/|-|năm) ?(\d{4})$/.exec(t);
  if (m) {
    const q = /^\d$/.test(m[1]!) ? Number(m[1]) : ROMAN.indexOf(m[1]!.toUpperCase()) + 1;
    return make('quarter', Number(m[2]), q);
  }
  m = /^6 tháng (đầu|cuối) năm (\d{4})$/.exec(t);
  if (m) return make('half-year', Number(m[2]), m[1] === 'đầu' ? 1 : 2);
  m = /^năm (\d{4})$/.exec(t);
  if (m) return make('year', Number(m[1]), 0);
  return undefined;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(month: string, n: number): { year: number; month: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

function dayOf(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(Math.min(day, lastDayOfMonth(year, month)))}`;
}

/** The date up to which a period's data counts: the cut-off day of its last month. */
export function periodCutoff(p: Period, reporting: Reporting): string {
  const { year, month } = addMonths(p.lastMonth, 0);
  return dayOf(year, month, reporting.cutoffDay);
}

/** The last day on which a report for the period is on time. */
export function periodDueDate(p: Period, reporting: Reporting): string {
  const { year, month } = addMonths(p.lastMonth, reporting.dueInLastMonth ? 0 : 1);
  return dayOf(year, month, reporting.dueDay);
}

/** First and last calendar day of the period. */
export function periodSpan(p: Period): { start: string; end: string } {
  const [ly, lm] = p.lastMonth.split('-').map(Number) as [number, number];
  return { start: `${p.firstMonth}-01`, end: dayOf(ly, lm, 31) };
}

/** The months of a period, in order. */
export function periodMonths(p: Period): Period[] {
  const out: Period[] = [];
  for (let i = 0; ; i++) {
    const { year, month } = addMonths(p.firstMonth, i);
    const id = monthId(year, month);
    out.push(make('month', year, month));
    if (id === p.lastMonth) return out;
  }
}

/** The period just before, of the same kind. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return make('year', p.year - 1, 0);
  const per = { month: 12, quarter: 4, 'half-year': 2 }[p.kind];
  return p.index === 1 ? make(p.kind, p.year - 1, per) : make(p.kind, p.year, p.index - 1);
}
