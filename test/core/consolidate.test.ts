import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../core/plan/schema.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import { consolidate, type Received } from '../../core/report/consolidate.ts';
import type { Submission, TaskReport } from '../../core/submission/schema.ts';
import { mergeMonths } from '../../generator/report/rollup.ts';

const DISTRICTS = ['H_A', 'H_B', 'H_C', 'H_D'];

const np = normalizePlan(
  PlanSchema.parse({
    id: 'thu',
    title: 'Kế hoạch thử',
    date: '2022-03-01',
    issuer: 'UBND tỉnh Thử',
    province: 'tỉnh Thử',
    place: 'Thử',
    standing: { agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' },
    reporting: { frequency: 'monthly', dueDay: 14, dueInLastMonth: true, cutoffDay: 14 },
    recipients: ['Bộ Công an'],
    groups: [
      { code: 'G1', name: 'Thủ tục hành chính', utility: 1 },
      { code: 'TT', name: 'Tuyên truyền' },
    ],
    agencies: [
      { code: 'CAT', name: 'Công an tỉnh', kind: 'standing' },
      { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department' },
      ...DISTRICTS.map((c) => ({ code: c, name: `UBND huyện ${c}`, kind: 'district', level: 'district' })),
    ],
    agencySets: [{ code: 'HUYEN', name: 'UBND các huyện', members: DISTRICTS }],
    tasks: [
      { id: 'T1', title: 'Kết nối dữ liệu', group: 'G1', lead: ['CAT', 'STTTT'], deadline: { kind: 'month', month: '2022-06' } },
      { id: 'T2', title: 'Số hóa hồ sơ', group: 'G1', executing: ['HUYEN'], deadline: { kind: 'year', year: 2023 } },
      { id: 'T3', title: 'Tuyên truyền', group: 'TT', lead: ['STTTT'], support: ['HUYEN'], deadline: { kind: 'recurring' } },
    ],
    indicators: [
      {
        id: 'CT1', name: 'Tỷ lệ hồ sơ trực tuyến', unit: 'percent', numeratorLabel: 'Hồ sơ trực tuyến', denominatorLabel: 'Tổng hồ sơ',
        agencies: ['HUYEN'], targets: [{ comparator: '>=', value: 50 }],
      },
    ],
  }),
);
const period = parsePeriodId('2023-01')!;

function task(id: string, status: TaskReport['status'], extra: Partial<TaskReport> = {}): TaskReport {
  return { id, role: 'lead', status, progress: status === 'done' ? 100 : status === 'inProgress' ? 50 : 0, result: 'Kết quả', difficulties: '', proposals: '', row: 4, ...extra };
}

function received(agency: string, tasks: TaskReport[], status: Received['status'] = 'on-time', indicators: Submission['indicators'] = []): Received {
  return {
    agency,
    file: `${agency}.xlsx`,
    status,
    submission: { plan: 'thu', agency, period: '2023-01', preparer: 'A', phone: '', reportDate: '2023-01-12', tasks, indicators },
    issues: [],
    superseded: [],
  };
}

const run = (rs: Received[], extra: Partial<Parameters<typeof consolidate>[0]> = {}) =>
  consolidate({ np, period, reportDate: '2023-01-15', received: rs, rejected: [], superseded: [], skipped: [], sources: [], ...extra });

describe('consolidation', () => {
  it('counts reporting as DHIS2 does: expected, submitted, on time, late, missing, rejected', () => {
    const r = run([received('CAT', []), received('STTTT', [], 'late'), received('H_A', [], 'rejected')]);
    expect(r.agencies).toMatchObject({ expected: 6, submitted: 2, onTime: 1, late: 1, missing: 3, rejected: 1 });
    expect(r.agencies.rate).toBeCloseTo(33.3, 1);
    expect(r.agencyRows.find((a) => a.code === 'H_B')!.status).toBe('missing');
  });

  it('a task is done only when every lead agency reports it done', () => {
    const half = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'inProgress')])]);
    expect(half.tasks.find((t) => t.id === 'T1')!.status).toBe('inProgress');
    const both = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'done')])]);
    expect(both.tasks.find((t) => t.id === 'T1')!.status).toBe('done');
    expect(both.tasks.find((t) => t.id === 'T1')!.overdue).toBe(false);
  });

  it('a task past its deadline at the cut-off and not done is overdue', () => {
    const r = run([received('CAT', [task('T1', 'inProgress')])]);
    const t1 = r.tasks.find((t) => t.id === 'T1')!;
    expect(t1.overdue).toBe(true);
    expect(t1.leads.find((l) => l.agency === 'STTTT')!.status).toBe('noReport');
    expect(r.groups.find((g) => g.code === 'G1')!.overdue).toBe(1);
  });

  it('counts districts for tasks given to every district ("3/4 huyện đã hoàn thành")', () => {
    const r = run([
      received('H_A', [task('T2', 'done')]),
      received('H_B', [task('T2', 'done')]),
      received('H_C', [task('T2', 'done')]),
      received('H_D', [task('T2', 'inProgress')]),
    ]);
    const t2 = r.tasks.find((t) => t.id === 'T2')!;
    expect(t2.spread).toMatchObject({ total: 4, done: 3, inProgress: 1, text: '3/4 huyện đã hoàn thành' });
    expect(t2.status).toBe('inProgress');
  });

  it('aggregates indicators by summing numerators and denominators and compares with the target', () => {
    const ind = (n: number, d: number) => [{ id: 'CT1', numerator: n, denominator: d, note: '', row: 4 }];
    const r = run([received('H_A', [], 'on-time', ind(30, 100)), received('H_B', [], 'on-time', ind(90, 100))]);
    const ct = r.indicators[0]!;
    expect(ct).toMatchObject({ numerator: 120, denominator: 200, value: 60, met: true, reported: 2, expected: 4 });
    expect(ct.byAgency.find((b) => b.agency === 'H_A')!.met).toBe(false);
  });

  it('quotes difficulties and proposals with their agency, and ignores rejected submissions', () => {
    const r = run([
      received('STTTT', [task('T3', 'inProgress', { difficulties: 'Thiếu kinh phí', proposals: 'Bố trí kinh phí' })]),
      received('H_A', [task('T3', 'inProgress', { difficulties: 'Không tính' })], 'rejected'),
    ]);
    expect(r.difficulties).toEqual([{ text: 'Thiếu kinh phí', sources: [{ agency: 'STTTT', name: 'Sở Thông tin và Truyền thông', task: 'T3' }] }]);
    expect(r.proposals.map((p) => p.text)).toEqual(['Bố trí kinh phí']);
  });

  it('quotes the same words from several agencies or tasks once, with all of them', () => {
    const r = run([
      received('H_A', [task('T2', 'inProgress', { difficulties: 'Thiếu kinh phí.' }), task('T3', 'inProgress', { difficulties: 'Thiếu  kinh phí.' })]),
      received('H_B', [task('T2', 'inProgress', { difficulties: 'thiếu kinh phí.' })]),
      received('H_C', [task('T2', 'inProgress', { difficulties: 'Đường truyền chậm.' })]),
    ]);
    expect(r.difficulties).toEqual([
      { text: 'Thiếu kinh phí.', sources: [{ agency: 'H_A', name: 'UBND huyện H_A', task: 'T2, T3' }, { agency: 'H_B', name: 'UBND huyện H_B', task: 'T2' }] },
      { text: 'Đường truyền chậm.', sources: [{ agency: 'H_C', name: 'UBND huyện H_C', task: 'T2' }] },
    ]);
  });

  it('records the change since the previous period', () => {
    const previous = run([received('CAT', [task('T1', 'inProgress')])]);
    const now = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'done')])], { previous });
    expect(now.tasks.find((t) => t.id === 'T1')!.previousStatus).toBe('inProgress');
    expect(now.previous).toMatchObject({ period: '2023-01', done: 0 });
  });

  it('rolls months up: latest status per agency, indicator numbers summed over the months', () => {
    const ind = (n: number, d: number) => [{ id: 'CT1', numerator: n, denominator: d, note: '', row: 4 }];
    const merged = mergeMonths([
      { period: '2023-01', received: [received('H_A', [task('T2', 'inProgress')], 'on-time', ind(10, 20))] },
      { period: '2023-02', received: [received('H_A', [task('T2', 'done')], 'late', ind(15, 20))] },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.status).toBe('late');
    expect(merged[0]!.submission!.tasks[0]!.status).toBe('done');
    expect(merged[0]!.submission!.indicators[0]).toMatchObject({ numerator: 25, denominator: 40 });
  });
});
