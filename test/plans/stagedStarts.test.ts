import { describe, it, expect } from 'vitest';
import { validFilling } from '../../generator/samples/scenario.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { dueDate, isOngoing, startDate } from '../../core/plan/deadline.ts';
import { periodCutoff } from '../../core/period/period.ts';
import { check, codesAt, layoutOf, period, plan } from '../helpers/workbooks.ts';

/**
 * Staged start dates are not deadlines (issue 9, Verdicts 3). Every "từ ngày …" in the five plans
 * (plans/*.yaml, checked against their source texts) is III.3.e of quang-ngai-2022, III.6.d of
 * can-tho-2022 and III.2.đ of quang-ngai-2023: "Tại Bộ phận một cửa cấp tỉnh từ ngày 01/6/2022; cấp
 * huyện từ ngày 01/12/2022; cấp xã từ ngày 01/6/2023". Other "từ tháng", "bắt đầu", "kể từ" in the
 * sources are the plans' own start ("Bắt đầu từ tháng 3/2022"), objectives, or indicator targets
 * (already `from` months), not task deadlines. Before its start such a task is not yet due; from
 * its start it is an ongoing duty: a result each period, never "quá hạn".
 */
const CASES = [
  // plan, task, a province agency and a period after its start, a district agency and periods before / after its start
  { plan: 'quang-ngai-2022', task: 'III.3.e', province: 'SO_TTTT', after: '2023-01', district: 'H_BINH_SON', before: '2022-10', districtAfter: '2023-01' },
  { plan: 'can-tho-2022', task: 'III.6.d', province: 'SO_TTTT', after: '2022-H2', district: 'H_PHONG_DIEN', before: '2022-H1', districtAfter: '2022-H2' },
  { plan: 'quang-ngai-2023', task: 'III.2.đ', province: 'SO_TTTT', after: '2023-03', district: 'H_BINH_SON', before: undefined, districtAfter: '2023-03' },
] as const;

const IN_PROGRESS = { status: STATUS.inProgress, progress: 50, result: 'Đang số hóa hồ sơ tại Bộ phận một cửa.' };

describe.each(CASES)('$plan $task: "từ ngày …" starts an ongoing duty', (c) => {
  it('is read from the plan as staged starts, never as due dates', () => {
    const t = plan(c.plan).taskById.get(c.task)!;
    expect(t.deadline.kind).toBe('staged');
    expect(t.deadline.text).toMatch(/từ (ngày )?01(\/| tháng )12(\/| năm )2022/);
    expect(startDate(t.deadline, 'province')).toBe('2022-06-01');
    expect(startDate(t.deadline, 'district')).toBe('2022-12-01');
    expect(startDate(t.deadline, 'commune')).toBe('2023-06-01');
    for (const level of ['province', 'district', 'commune'] as const) expect(dueDate(t.deadline, level)).toBeUndefined();
  });

  it('"Đang thực hiện" after the start is not overdue; a blank result is recurring-result-missing', async () => {
    const np = plan(c.plan);
    const base = validFilling(np, c.province, period(c.after));
    const ok = await check({ plan: c.plan, agency: c.province, period: c.after, filling: { ...base, tasks: { ...base.tasks, [c.task]: IN_PROGRESS } } });
    expect(ok.issues.filter((i) => i.code === 'overdue-explanation-missing')).toEqual([]);
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const blank = await check({ plan: c.plan, agency: c.province, period: c.after, filling: { ...base, tasks: { ...base.tasks, [c.task]: { ...IN_PROGRESS, result: null } } } });
    const lay = layoutOf(blank.model);
    expect(codesAt(blank.issues)).toEqual([`recurring-result-missing@Nhiệm vụ!${lay.taskCol['Kết quả thực hiện']}${lay.taskRow.get(c.task)}`]);
  });

  it('for a district, not yet due before 01/12/2022 and a duty of every period after', async () => {
    const np = plan(c.plan);
    const t = np.taskById.get(c.task)!;
    if (c.before) {
      expect(isOngoing(t.deadline, 'district', periodCutoff(period(c.before), np.plan.reporting))).toBe(false);
      const f = validFilling(np, c.district, period(c.before));
      const early = await check({ plan: c.plan, agency: c.district, period: c.before, filling: { ...f, tasks: { ...f.tasks, [c.task]: { status: STATUS.notStarted, progress: 0 } } } });
      expect(codesAt(early.issues)).toEqual([]);
    }
    expect(isOngoing(t.deadline, 'district', periodCutoff(period(c.districtAfter), np.plan.reporting))).toBe(true);
    const f = validFilling(np, c.district, period(c.districtAfter));
    const later = await check({ plan: c.plan, agency: c.district, period: c.districtAfter, filling: { ...f, tasks: { ...f.tasks, [c.task]: { status: STATUS.notStarted, progress: 0 } } } });
    expect(codesAt(later.issues).map((k) => k.split('@')[0])).toEqual(['recurring-result-missing']);
  });
});
