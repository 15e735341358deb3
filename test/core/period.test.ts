import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  lastDayOfMonth,
  parsePeriodId,
  parsePeriodText,
  periodCutoff,
  periodDueDate,
  periodLabel,
  periodMonths,
  periodSpan,
  previousPeriod,
  type Period,
} from '../../core/period/period.ts';
import type { Reporting } from '../../core/plan/schema.ts';
import { dueDate, deadlineText, startDate, isOngoing } from '../../core/plan/deadline.ts';
import { formatDocumentDate, formatShortDate, todayInVietnam } from '../../core/text/dates.ts';
import { isoToSerial, parseDateText, serialToIso, isDateFormat } from '../../core/workbook/dates.ts';

const P = (id: string): Period => {
  const p = parsePeriodId(id);
  if (!p) throw new Error(id);
  return p;
};

/** Quảng Ngãi: monthly, due and cut off on the 14th of the period's own last month. */
const QUANG_NGAI: Reporting = { frequency: 'monthly', alsoPeriods: [], dueDay: 14, dueInLastMonth: true, cutoffDay: 14 };
/** Cần Thơ: half-yearly, due on the 15th of the month after the period. */
const CAN_THO: Reporting = { frequency: 'half-yearly', alsoPeriods: ['yearly'], dueDay: 15, dueInLastMonth: false, cutoffDay: 14 };

describe('parsePeriodId', () => {
  it.each([
    ['2023-01', { kind: 'month', year: 2023, index: 1, id: '2023-01', firstMonth: '2023-01', lastMonth: '2023-01' }],
    ['2023-12', { kind: 'month', year: 2023, index: 12, id: '2023-12', firstMonth: '2023-12', lastMonth: '2023-12' }],
    ['2023-Q1', { kind: 'quarter', year: 2023, index: 1, id: '2023-Q1', firstMonth: '2023-01', lastMonth: '2023-03' }],
    ['2023-Q4', { kind: 'quarter', year: 2023, index: 4, id: '2023-Q4', firstMonth: '2023-10', lastMonth: '2023-12' }],
    ['2023-H1', { kind: 'half-year', year: 2023, index: 1, id: '2023-H1', firstMonth: '2023-01', lastMonth: '2023-06' }],
    ['2023-H2', { kind: 'half-year', year: 2023, index: 2, id: '2023-H2', firstMonth: '2023-07', lastMonth: '2023-12' }],
    ['2023', { kind: 'year', year: 2023, index: 0, id: '2023', firstMonth: '2023-01', lastMonth: '2023-12' }],
    [' 2023-q2 ', { kind: 'quarter', index: 2, id: '2023-Q2' }],
    ['2024-h2', { kind: 'half-year', index: 2, id: '2024-H2' }],
  ])('%j', (text, expected) => {
    expect(parsePeriodId(text)).toMatchObject(expected);
  });

  it.each(['', 'abc', '2023-13', '2023-00', '2023-1', '23-01', '2023-Q0', '2023-Q5', '2023-H0', '2023-H3', '2023-01-01', '20231', 'Tháng 01/2023'])(
    'malformed: %j',
    (text) => expect(parsePeriodId(text)).toBeUndefined(),
  );
});

describe('periodLabel and parsePeriodText', () => {
  it.each([
    ['2023-01', 'Tháng 01/2023'],
    ['2023-11', 'Tháng 11/2023'],
    ['2023-Q1', 'Quý I/2023'],
    ['2023-Q3', 'Quý III/2023'],
    ['2023-Q4', 'Quý IV/2023'],
    ['2023-H1', '6 tháng đầu năm 2023'],
    ['2023-H2', '6 tháng cuối năm 2023'],
    ['2023', 'Năm 2023'],
  ])('%s is labelled "%s" and read back', (id, label) => {
    expect(periodLabel(P(id))).toBe(label);
    expect(parsePeriodText(label)?.id).toBe(id);
  });

  it.each([
    ['Tháng 01/2023', '2023-01'],
    ['tháng 1/2023', '2023-01'],
    ['THÁNG 1/2023', '2023-01'],
    ['01/2023', '2023-01'],
    ['1/2023', '2023-01'],
    ['1-2023', '2023-01'],
    ['tháng 12 năm 2023', '2023-12'],
    ['  Tháng   03 / 2023 ', '2023-03'],
    ['Quý II/2023', '2023-Q2'],
    ['quý iv năm 2023', '2023-Q4'],
    ['Quý 3/2023', '2023-Q3'],
    ['Quý I - 2023', '2023-Q1'],
    ['6 tháng đầu năm 2024', '2024-H1'],
    ['6 THÁNG CUỐI NĂM 2024', '2024-H2'],
    ['Năm 2025', '2025'],
    ['năm 2025', '2025'],
    ['2023-Q2', '2023-Q2'],
  ])('reads "%s" as %s', (text, id) => {
    expect(parsePeriodText(text)?.id).toBe(id);
  });

  it.each(['Tháng 13/2023', 'Tháng 0/2023', 'Quý V/2023', 'Quý 5/2023', '6 tháng giữa năm 2023', 'tháng Giêng', 'Tháng 01', 'Năm hai nghìn'])(
    'malformed: "%s"',
    (text) => expect(parsePeriodText(text)).toBeUndefined(),
  );

  it('every period survives label → text → period (property)', () => {
    const period = fc.oneof(
      fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
      fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}-H${h}`),
      fc.integer({ min: 2000, max: 2099 }).map(String),
    );
    fc.assert(
      fc.property(period, (id) => {
        const p = P(id);
        expect(p.id).toBe(id);
        expect(parsePeriodText(periodLabel(p))).toEqual(p);
        expect(parsePeriodText(periodLabel(p).normalize('NFC').toUpperCase())).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cut-off and due dates', () => {
  it.each([
    ['2023-01', '2023-01-14'],
    ['2023-Q1', '2023-03-14'],
    ['2023-H2', '2023-12-14'],
    ['2023', '2023-12-14'],
  ])('cut-off of %s in Quảng Ngãi is %s (the 14th of its last month)', (id, date) => {
    expect(periodCutoff(P(id), QUANG_NGAI)).toBe(date);
  });

  it.each([
    ['2023-01', '2023-01-14'],
    ['2023-Q2', '2023-06-14'],
  ])('Quảng Ngãi: %s is due %s (within its last month)', (id, date) => {
    expect(periodDueDate(P(id), QUANG_NGAI)).toBe(date);
  });

  it.each([
    ['2022-H1', '2022-07-15'],
    ['2022-H2', '2023-01-15'],
    ['2022', '2023-01-15'],
    ['2022-12', '2023-01-15'],
    ['2022-Q4', '2023-01-15'],
  ])('Cần Thơ: %s is due %s (the month after)', (id, date) => {
    expect(periodDueDate(P(id), CAN_THO)).toBe(date);
  });

  it('a day beyond the month\'s end is clamped to its last day', () => {
    const late: Reporting = { ...QUANG_NGAI, cutoffDay: 31, dueDay: 30 };
    expect(periodCutoff(P('2023-02'), late)).toBe('2023-02-28');
    expect(periodCutoff(P('2024-02'), late)).toBe('2024-02-29');
    expect(periodCutoff(P('2023-04'), late)).toBe('2023-04-30');
    expect(periodDueDate(P('2023-02'), late)).toBe('2023-02-28');
    expect(periodDueDate(P('2023-01'), { ...late, dueInLastMonth: false })).toBe('2023-02-28');
  });

  it('lastDayOfMonth knows leap years', () => {
    expect(lastDayOfMonth(2023, 2)).toBe(28);
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
    expect(lastDayOfMonth(2100, 2)).toBe(28);
    expect(lastDayOfMonth(2023, 12)).toBe(31);
    expect(lastDayOfMonth(2023, 11)).toBe(30);
  });
});

describe('span, months, previous', () => {
  it.each([
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-Q4', '2023-10-01', '2023-12-31'],
    ['2023-H1', '2023-01-01', '2023-06-30'],
    ['2023', '2023-01-01', '2023-12-31'],
  ])('%s spans %s … %s', (id, start, end) => {
    expect(periodSpan(P(id))).toEqual({ start, end });
  });

  it('months of a period', () => {
    expect(periodMonths(P('2023-05')).map((p) => p.id)).toEqual(['2023-05']);
    expect(periodMonths(P('2023-Q1')).map((p) => p.id)).toEqual(['2023-01', '2023-02', '2023-03']);
    expect(periodMonths(P('2023-H2')).map((p) => p.id)).toEqual(['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    expect(periodMonths(P('2023'))).toHaveLength(12);
    expect(periodMonths(P('2023')).every((m) => m.kind === 'month')).toBe(true);
  });

  it.each([
    ['2023-05', '2023-04'],
    ['2023-01', '2022-12'],
    ['2023-Q1', '2022-Q4'],
    ['2023-Q3', '2023-Q2'],
    ['2023-H1', '2022-H2'],
    ['2023-H2', '2023-H1'],
    ['2023', '2022'],
  ])('the period before %s is %s', (id, prev) => {
    expect(previousPeriod(P(id)).id).toBe(prev);
  });
});

describe('task deadlines', () => {
  it('due dates by kind and level', () => {
    expect(dueDate({ kind: 'by-date', date: '2022-03-19' }, 'province')).toBe('2022-03-19');
    expect(dueDate({ kind: 'month', month: '2022-02' }, 'province')).toBe('2022-02-28');
    expect(dueDate({ kind: 'quarter', year: 2022, quarter: 2 }, 'province')).toBe('2022-06-30');
    expect(dueDate({ kind: 'half-year', year: 2022, half: 2 }, 'province')).toBe('2022-12-31');
    expect(dueDate({ kind: 'year', year: 2023 }, 'commune')).toBe('2023-12-31');
    expect(dueDate({ kind: 'range', from: '2023-01', to: '2025-06' }, 'province')).toBe('2025-06-30');
    const staged = {
      kind: 'staged' as const,
      stages: [
        { level: 'province' as const, date: '2022-06-01' },
        { level: 'district' as const, date: '2022-12-01' },
        { level: 'commune' as const, date: '2023-06-01' },
      ],
    };
    // A staged deadline ("cấp tỉnh từ ngày …") starts an ongoing duty: it never falls due.
    for (const level of ['province', 'district', 'commune'] as const) expect(dueDate(staged, level)).toBeUndefined();
    expect(startDate(staged, 'province')).toBe('2022-06-01');
    expect(startDate(staged, 'district')).toBe('2022-12-01');
    expect(startDate(staged, 'commune')).toBe('2023-06-01');
    expect(startDate({ kind: 'staged', stages: [{ level: 'district', date: '2022-12-01' }, { level: 'province', date: '2022-06-01' }] }, 'commune')).toBe('2022-06-01');
    expect(isOngoing(staged, 'district', '2022-11-30')).toBe(false);
    expect(isOngoing(staged, 'district', '2022-12-14')).toBe(true);
    expect(isOngoing({ kind: 'recurring' }, 'commune', undefined)).toBe(true);
    expect(isOngoing({ kind: 'by-date', date: '2022-03-19' }, 'province', '2023-01-14')).toBe(false);
    for (const kind of ['recurring', 'by-law', 'on-request', 'when-guided'] as const) expect(dueDate({ kind }, 'province')).toBeUndefined();
  });

  it('deadline wording', () => {
    // Due on 19/3 is "trước ngày 20/03" in the plans' own words (plans/CONVENTIONS.md).
    expect(deadlineText({ kind: 'by-date', date: '2022-03-19' })).toBe('Trước ngày 20/03/2022');
    expect(deadlineText({ kind: 'month', month: '2022-06' })).toBe('Trong tháng 06/2022');
    expect(deadlineText({ kind: 'quarter', year: 2022, quarter: 3 })).toBe('Trong quý III/2022');
    expect(deadlineText({ kind: 'recurring' })).toBe('Thường xuyên');
    expect(deadlineText({ kind: 'year', year: 2022, text: 'Năm 2022' })).toBe('Năm 2022');
  });
});

describe('dates', () => {
  it('document and short dates (Nghị định 30: leading zero for days < 10 and months 1, 2)', () => {
    expect(formatDocumentDate('2023-03-14')).toBe('ngày 14 tháng 3 năm 2023');
    expect(formatDocumentDate('2023-01-05')).toBe('ngày 05 tháng 01 năm 2023');
    expect(formatDocumentDate('2023-02-28')).toBe('ngày 28 tháng 02 năm 2023');
    expect(formatDocumentDate('2023-12-01')).toBe('ngày 01 tháng 12 năm 2023');
    expect(formatShortDate('2023-01-05')).toBe('05/01/2023');
  });

  it('today in Vietnam is UTC+7 whatever the machine', () => {
    expect(todayInVietnam(new Date('2023-01-14T16:59:59Z'))).toBe('2023-01-14');
    expect(todayInVietnam(new Date('2023-01-14T17:00:00Z'))).toBe('2023-01-15');
  });

  it('Excel serials', () => {
    expect(serialToIso(25569)).toBe('1970-01-01');
    expect(serialToIso(44937)).toBe('2023-01-11');
    expect(serialToIso(44937.75)).toBe('2023-01-11');
    expect(isoToSerial('2023-01-11')).toBe(44937);
    fc.assert(fc.property(fc.integer({ min: 36526, max: 73050 }), (s) => isoToSerial(serialToIso(s)) === s));
  });

  it.each([
    ['05/01/2023', '2023-01-05'],
    ['5/1/2023', '2023-01-05'],
    ['05-01-2023', '2023-01-05'],
    ['05.01.2023', '2023-01-05'],
    ['2023-01-05', '2023-01-05'],
    ['29/02/2024', '2024-02-29'],
  ])('date text %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['29/02/2023', '32/01/2023', '01/13/2023', '2023/01/05', 'hôm nay', '05/01/23', ''])('bad date text %j', (text) => {
    expect(parseDateText(text)).toBeUndefined();
  });

  it('date number formats', () => {
    for (const f of ['dd/mm/yyyy', 'd/m/yy', 'yyyy-mm-dd', '[$-42A]dd/mm/yyyy', 'mm-dd-yy']) expect(isDateFormat(f), f).toBe(true);
    for (const f of [undefined, 'General', '@', '0.##', '0%', '#,##0', '"day"0', '[Red]0.00']) expect(isDateFormat(f), String(f)).toBe(false);
  });
});
