import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDeadline, parseDeadlineText, type DeadlineValue } from '../../core/plan/deadlineText.ts';

/** Issue 13.3: deadlines in the plan's own words, read by one parser with the conventions' rules. */

const parse = (text: string, year?: number) => {
  const r = parseDeadlineText(text, year ? { year } : {});
  return r.ok ? r.deadline : undefined;
};

describe('deadline text', () => {
  it('"trước" a day is due the day before', () => {
    expect(parse('Trước 20/3/2022')).toEqual({ kind: 'by-date', date: '2022-03-19' });
    expect(parse('Trước ngày 10/02/2022')).toEqual({ kind: 'by-date', date: '2022-02-09' });
    expect(parse('trước 20/3', 2026)).toEqual({ kind: 'by-date', date: '2026-03-19' });
    expect(parse('Trước ngày 01/01/2027')).toEqual({ kind: 'by-date', date: '2026-12-31' });
    expect(parse('Trước ngày 01 tháng 3 năm 2024')).toEqual({ kind: 'by-date', date: '2024-02-29' });
  });

  it('a bare date, "chậm nhất" or "thời gian hoàn thành:" is due that day', () => {
    expect(parse('Thời gian hoàn thành: 30/6/2024')).toEqual({ kind: 'by-date', date: '2024-06-30' });
    expect(parse('Thời gian triển khai: Ngày 30/12/2023')).toEqual({ kind: 'by-date', date: '2023-12-30' });
    expect(parse('Chậm nhất ngày 15/8/2026.')).toEqual({ kind: 'by-date', date: '2026-08-15' });
  });

  it('"trong tháng", "quý", "6 tháng", "năm" and "giai đoạn" are due at their end', () => {
    expect(parse('Trong tháng 3/2022')).toEqual({ kind: 'month', month: '2022-03' });
    expect(parse('Trong tháng 12 năm 2022.')).toEqual({ kind: 'month', month: '2022-12' });
    expect(parse('Hoàn thành trong tháng 3/2022')).toEqual({ kind: 'month', month: '2022-03' });
    expect(parse('trong tháng 9', 2026)).toEqual({ kind: 'month', month: '2026-09' });
    expect(parse('Trong Quý I/2023')).toEqual({ kind: 'quarter', year: 2023, quarter: 1 });
    expect(parse('Quý 3 năm 2026')).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(parse('6 tháng cuối năm 2026')).toEqual({ kind: 'half-year', year: 2026, half: 2 });
    expect(parse('Thời gian hoàn thành: Năm 2024')).toEqual({ kind: 'year', year: 2024 });
    expect(parse('Giai đoạn 2026–2030')).toEqual({ kind: 'range', from: '2026-01', to: '2030-12' });
  });

  it('"thường xuyên", "hằng tháng" and "định kỳ" are recurring, even with a day of the month', () => {
    for (const t of ['Thường xuyên', 'Thực hiện thường xuyên.', 'Định kỳ, thường xuyên', 'Trước ngày 15 hằng tháng', 'Thường xuyên (Kế hoạch không nêu thời hạn)']) {
      expect(parse(t), t).toEqual({ kind: 'recurring' });
    }
  });

  it('guidance, requests and the law are read from the main clause, not from an aside', () => {
    expect(parse('Sau khi Bộ Công an triển khai (dự kiến trong tháng 6/2023)')).toEqual({ kind: 'when-guided' });
    expect(parse('Theo hướng dẫn, chỉ đạo của Bộ Công an và Bộ Tư pháp')).toEqual({ kind: 'when-guided' });
    expect(parse('Theo yêu cầu của bộ, ngành liên quan')).toEqual({ kind: 'on-request' });
    expect(parse('Theo quy định pháp luật')).toEqual({ kind: 'by-law' });
    expect(parse('Thời gian triển khai: 30/12/2024 (Phụ lục: Dự kiến 30/12/2024, khi có tính năng trên VNeID)')).toEqual({ kind: 'by-date', date: '2024-12-30' });
  });

  it('"từ ngày … (cấp …)" starts a duty for each level it names, in the order written', () => {
    expect(parse('Tại Bộ phận một cửa cấp tỉnh từ ngày 01/6/2022; cấp huyện từ ngày 01/12/2022; cấp xã từ ngày 01/6/2023')).toEqual({
      kind: 'staged',
      stages: [
        { level: 'province', date: '2022-06-01' },
        { level: 'district', date: '2022-12-01' },
        { level: 'commune', date: '2023-06-01' },
      ],
    });
    expect(parse('Tại Bộ phận một cửa cấp thành phố từ ngày 01 tháng 6 năm 2022; quận, huyện từ ngày 01 tháng 12 năm 2022; cấp xã từ ngày 01 tháng 6 năm 2023.')).toMatchObject({
      stages: [{ level: 'province' }, { level: 'district' }, { level: 'commune' }],
    });
    expect(parse('Cấp tỉnh từ ngày 01/7/2026; xã, phường, đặc khu từ ngày 01/10/2026')).toEqual({
      kind: 'staged',
      stages: [
        { level: 'province', date: '2026-07-01' },
        { level: 'commune', date: '2026-10-01' },
      ],
    });
    // Without a level: every level the plan has (a two-tier province has no district).
    expect(parseDeadlineText('Từ ngày 01/7/2026', { levels: ['province', 'commune'] })).toEqual({
      ok: true,
      deadline: { kind: 'staged', stages: [{ level: 'province', date: '2026-07-01' }, { level: 'commune', date: '2026-07-01' }] },
    });
  });

  it('refuses what it cannot read, and impossible dates', () => {
    for (const t of ['', 'Theo lộ trình Đề án 06/CP', 'Sớm', 'Trước 31/2/2026', 'Trong tháng 13/2026', 'trước 20/3', 'Giai đoạn 2030–2026']) {
      expect(parseDeadlineText(t).ok, t).toBe(false);
    }
  });

  it('reads its own wording back for every kind', () => {
    const day = fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const month = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    const level = fc.constantFrom('province' as const, 'district' as const, 'commune' as const);
    const deadline: fc.Arbitrary<DeadlineValue> = fc.oneof(
      day.map((date) => ({ kind: 'by-date' as const, date })),
      month.map((m) => ({ kind: 'month' as const, month: m })),
      fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([year, quarter]) => ({ kind: 'quarter' as const, year, quarter })),
      fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 2 })).map(([year, half]) => ({ kind: 'half-year' as const, year, half })),
      fc.integer({ min: 2000, max: 2099 }).map((year) => ({ kind: 'year' as const, year })),
      fc.tuple(month, month).map(([a, b]) => ({ kind: 'range' as const, from: a < b ? a : b, to: a < b ? b : a })),
      fc.uniqueArray(fc.tuple(level, day), { minLength: 1, maxLength: 3, selector: ([l]) => l }).map((s) => ({ kind: 'staged' as const, stages: s.map(([l, date]) => ({ level: l, date })) })),
      fc.constantFrom<DeadlineValue>({ kind: 'recurring' }, { kind: 'by-law' }, { kind: 'on-request' }, { kind: 'when-guided' }),
    );
    fc.assert(
      fc.property(deadline, (d) => {
        expect(parseDeadlineText(formatDeadline(d))).toEqual({ ok: true, deadline: d });
      }),
    );
  });
});
