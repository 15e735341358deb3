import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../core/plan/schema.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import { consolidate, type Received } from '../../core/report/consolidate.ts';
import type { Submission, TaskReport } from '../../core/submission/schema.ts';
import { mergeMonths } from '../../generator/report/rollup.ts';
import { levelLabel, planLevelLabels } from '../../core/report/levels.ts';
import { defaultReportDate } from '../../core/report/reportDate.ts';
import { groupByTheme } from '../../core/report/themes.ts';
import { templateData } from '../../core/report/templateData.ts';
import type { Issue } from '../../core/validation/catalogue.ts';

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

  it('counts agencies per level for tasks given to every district ("3/4 huyện đã hoàn thành")', () => {
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

describe('what the report says is true (issue 10)', () => {
  const t1 = (r: ReturnType<typeof run>) => r.tasks.find((t) => t.id === 'T1')!;

  it('completion is sticky: a lead silent this period carries its last status forward, marked', () => {
    const before = run([received('CAT', [task('T1', 'done', { completedOn: '2022-12-20' })]), received('STTTT', [task('T1', 'done')])]);
    expect(t1(before).status).toBe('done');
    // STTTT says nothing this month: it has not undone its work.
    const now = run([received('CAT', [task('T1', 'done', { completedOn: '2022-12-20' })])], { previous: before });
    expect(t1(now).status).toBe('done');
    const silent = t1(now).leads.find((l) => l.agency === 'STTTT')!;
    expect(silent).toMatchObject({ status: 'done', carriedFrom: '2023-01' });
    expect(t1(now).leads.find((l) => l.agency === 'CAT')!.carriedFrom).toBeUndefined();
    expect(t1(now).carried).toBe(1);
    expect(templateData(now).carriedAgencies).toEqual(['Sở Thông tin và Truyền thông']);
  });

  it('a lead that said done before stays done even when it now reports less', () => {
    const before = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'done')])]);
    const now = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'inProgress')])], { previous: before });
    expect(t1(now).status).toBe('done');
  });

  it('carried statuses chain: the last report counts, however many periods ago, and stays marked with its period', () => {
    const p1 = run([received('CAT', [task('T1', 'inProgress')]), received('STTTT', [task('T1', 'inProgress')])]);
    const p2 = run([received('CAT', [task('T1', 'inProgress')])], { previous: { ...p1, period: { ...p1.period, id: '2022-11' } } });
    const p3 = run([received('CAT', [task('T1', 'inProgress')])], { previous: { ...p2, period: { ...p2.period, id: '2022-12' } } });
    expect(t1(p3).leads.find((l) => l.agency === 'STTTT')).toMatchObject({ status: 'inProgress', carriedFrom: '2022-11' });
  });

  it('never prints a mean progress over part of the leads ("đang thực hiện, tiến độ 100%")', () => {
    const r = run([received('CAT', [task('T1', 'done')])]);
    expect(t1(r).status).toBe('inProgress');
    expect(t1(r).progress).toBeUndefined();
  });

  it('roll-ups keep completion sticky across their months', () => {
    const merged = mergeMonths([
      { period: '2023-01', received: [received('H_A', [task('T2', 'done')])] },
      { period: '2023-02', received: [received('H_A', [task('T2', 'inProgress')])] },
    ]);
    expect(merged[0]!.submission!.tasks[0]!.status).toBe('done');
  });

  it('per-level counts name each set the task is given to, never a part as the whole', () => {
    const mixed = normalizePlan(
      PlanSchema.parse({
        ...np.plan,
        tasks: [{ id: 'T9', title: 'Rà soát', group: 'G1', lead: ['CAT', 'STTTT', 'HUYEN'], deadline: { kind: 'recurring' } }],
        indicators: [],
      }),
    );
    const r = consolidate({
      np: mixed,
      period,
      reportDate: '2023-01-15',
      received: [received('STTTT', [task('T9', 'done')]), received('H_A', [task('T9', 'done')]), received('H_B', [task('T9', 'inProgress')])],
      rejected: [],
      superseded: [],
      skipped: [],
      sources: [],
    });
    const spread = r.tasks[0]!.spread!;
    expect(spread.text).toBe('1/2 sở, ngành; 1/4 huyện đã hoàn thành');
    expect(spread.parts!.map((p) => [p.label, p.total, p.done, p.inProgress, p.noReport])).toEqual([
      ['sở, ngành', 2, 1, 0, 1],
      ['huyện', 4, 1, 1, 2],
    ]);
    expect(r.reportingByLevel).toEqual([
      { level: 'province', label: 'sở, ngành', expected: 2, submitted: 1, onTime: 1, late: 0, missing: 1, rejected: 0 },
      { level: 'district', label: 'huyện', expected: 4, submitted: 2, onTime: 2, late: 0, missing: 2, rejected: 0 },
    ]);
  });

  it('names levels after the units the plan has: communes of a two-tier province, quận of a city', () => {
    expect(levelLabel('commune', [{ name: 'UBND xã Minh họa 01' }, { name: 'UBND phường Minh họa 02' }, { name: 'Ủy ban nhân dân đặc khu Minh họa' }])).toBe('xã, phường, đặc khu');
    expect(levelLabel('district', [{ name: 'UBND huyện Ba Tơ' }, { name: 'UBND thị xã Đức Phổ' }, { name: 'UBND thành phố Quảng Ngãi' }])).toBe('huyện, thị xã, thành phố');
    expect(levelLabel('district', [{ name: 'Ủy ban nhân dân quận Ninh Kiều' }, { name: 'Ủy ban nhân dân huyện Cờ Đỏ' }])).toBe('quận, huyện');
    const twoTier = planLevelLabels([
      { code: 'SO', name: 'Sở Nội vụ', kind: 'department', reports: true, level: 'province' },
      { code: 'X1', name: 'UBND xã Minh họa 01', kind: 'commune', reports: true, level: 'commune' },
      { code: 'P1', name: 'UBND phường Minh họa 02', kind: 'commune', reports: true, level: 'commune' },
    ]);
    expect([...twoTier.values()]).toEqual(['sở, ngành', 'xã, phường']);
    expect([...twoTier.values()].join(' ')).not.toContain('huyện');
  });

  it('dates the report no earlier than the newest Ngày lập of the files it uses', () => {
    const at = (reportDate: string, status: Received['status'] = 'late'): Received => ({ ...received('CAT', [], status), submission: { ...received('CAT', []).submission!, reportDate } });
    expect(defaultReportDate('2023-01-14', [at('2023-01-12', 'on-time')])).toBe('2023-01-15');
    expect(defaultReportDate('2023-01-14', [at('2023-01-12', 'on-time'), at('2023-01-19')])).toBe('2023-01-19');
    // A rejected file is not used; a date years away is a typing mistake.
    expect(defaultReportDate('2023-01-14', [at('2023-01-25', 'rejected'), at('2031-01-01')])).toBe('2023-01-15');
  });

  it('an indicator without data names who should have reported it', () => {
    const r = run([received('H_A', [], 'on-time', [{ id: 'CT1', numerator: 3, denominator: 10, note: '', row: 4 }])]);
    expect(r.indicators[0]!.pending).toEqual(['UBND huyện H_B', 'UBND huyện H_C', 'UBND huyện H_D']);
    expect(run([]).indicators[0]).toMatchObject({ reported: 0, pending: ['UBND huyện H_A', 'UBND huyện H_B', 'UBND huyện H_C', 'UBND huyện H_D'] });
    expect(run([]).indicators[0]!.value).toBeUndefined();
  });

  it('a returned file gives the number of its errors and their main kinds', () => {
    const issue = (code: Issue['code'], cell: string, severity: Issue['severity'] = 'error'): Issue => ({ severity, code, sheet: 'Nhiệm vụ', cell, message: 'x' });
    const issues = [issue('status-missing', 'C5'), issue('status-missing', 'C6'), issue('preparer-missing', 'B4'), issue('legacy-vni', 'F5', 'warning')];
    const r = run([], { rejected: [{ file: 'SO.xlsx', agency: 'STTTT', issues }] });
    expect(r.rejected[0]).toMatchObject({ errors: 3, mainKinds: ['thiếu trạng thái', 'thiếu người lập'] });
  });

  it('marks what was completed this period and what became overdue', () => {
    const before = run([received('CAT', [task('T1', 'inProgress')]), received('STTTT', [task('T1', 'inProgress')])], { period: parsePeriodId('2022-05')! });
    expect(t1(before).overdue).toBe(false);
    const now = run([received('CAT', [task('T1', 'inProgress')]), received('STTTT', [task('T1', 'inProgress')])], { period: parsePeriodId('2022-07')!, previous: before });
    expect(t1(now)).toMatchObject({ overdue: true, newlyOverdue: true });
    const later = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'done')])], { period: parsePeriodId('2022-08')!, previous: now });
    expect(t1(later)).toMatchObject({ status: 'done', completedInPeriod: true });
    const after = run([received('CAT', [task('T1', 'done')]), received('STTTT', [task('T1', 'done')])], { period: parsePeriodId('2022-09')!, previous: later });
    expect(t1(after).completedInPeriod).toBeUndefined();
  });

  it('groups difficulties by theme with the number of agencies and the three most affected, leaving out the standing agency', () => {
    const r = run([
      received('CAT', [task('T1', 'inProgress', { difficulties: 'Thiếu kinh phí.' })]),
      received('STTTT', [task('T1', 'inProgress', { difficulties: 'Kinh phí chưa được bố trí.' }), task('T3', 'inProgress', { difficulties: 'Thiếu kinh phí.' })]),
      received('H_A', [task('T2', 'inProgress', { difficulties: 'Thiếu kinh phí.' })]),
      received('H_B', [task('T2', 'inProgress', { difficulties: 'Thiếu kinh phí.' })]),
      received('H_C', [task('T2', 'inProgress', { difficulties: 'Thiếu kinh phí.' }), task('T2', 'inProgress', { difficulties: 'Đường truyền chậm' })]),
    ]);
    const [money, network] = r.difficultyThemes!;
    expect(money).toMatchObject({ label: 'kinh phí', agencies: 4, self: true, texts: ['Thiếu kinh phí', 'Kinh phí chưa được bố trí'], more: 0 });
    expect(money!.top).toEqual(['Sở Thông tin và Truyền thông', 'UBND huyện H_A', 'UBND huyện H_B']);
    expect(money!.top).not.toContain('Công an tỉnh');
    expect(network).toMatchObject({ label: 'hạ tầng và trang thiết bị', agencies: 1, top: ['UBND huyện H_C'] });
    expect(groupByTheme([{ text: 'Việc khác', sources: [{ agency: 'CAT', name: 'Công an tỉnh' }] }], [], 'CAT')).toEqual([
      { code: 'khac', label: 'các vấn đề khác', agencies: 0, top: [], self: true, texts: ['Việc khác'], more: 0 },
    ]);
  });
});
