import { normalizePlan } from '../../core/plan/normalize.ts';
import { readPlanWorkbook } from '../../core/plan/readPlanWorkbook.ts';
import { parsePeriodId, periodDueDate } from '../../core/period/period.ts';
import { bytesToModelSync } from '../../xlsx/bytesToModel.ts';
import { buildPlanWorkbook } from '../plan/writePlanWorkbook.ts';
import { buildTemplate } from '../template/writeTemplate.ts';
import { demoSubmissions, type SampleFile } from './buildSamples.ts';
import { fillWorkbook } from './fillWorkbook.ts';
import { validFilling } from './scenario.ts';
import { TWO_TIER_PERIOD, TWO_TIER_PLAN_ID, beforeMerger, twoTierPlan } from './twoTierPlan.ts';

/** samples/tinh-minh-hoa-2026/: the illustrative two-tier province as a plan workbook, its blank forms and one demo month. */

export const TWO_TIER_DIR = TWO_TIER_PLAN_ID;
export const TWO_TIER_WORKBOOK = `${TWO_TIER_DIR}/ke-hoach-${TWO_TIER_PLAN_ID}.xlsx`;
export const TWO_TIER_SUBMISSIONS = `${TWO_TIER_DIR}/submissions/${TWO_TIER_PERIOD}`;
/** The department that replaced another in mid-year, and the old code a form still carries. */
export const SUCCESSOR = { code: 'SO_KH_CN', old: { code: 'SO_TTTT', name: 'Sở Thông tin và Truyền thông', short: 'Sở TT&TT' } } as const;
export const OLD_CODE_FILE = `${TWO_TIER_SUBMISSIONS}/${SUCCESSOR.old.code} (biểu mẫu cũ).xlsx`;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The plan workbook, the blank forms (unless `blanks` is false: tests need only the demo month) and the demo month. */
export async function twoTierSamples({ blanks = true }: { blanks?: boolean } = {}): Promise<SampleFile[]> {
  const plan = twoTierPlan();
  const workbook = await buildPlanWorkbook(plan);
  // The demo forms are made from the plan as the workbook gives it back: the same plan, or no samples.
  const model = bytesToModelSync(workbook, () => true);
  const back = typeof model === 'string' ? undefined : readPlanWorkbook(model);
  const np = normalizePlan(plan);
  if (!back?.ok || normalizePlan(back.plan).hash !== np.hash) throw new Error('Bảng tính kế hoạch minh họa không đọc lại được đúng kế hoạch');
  const period = parsePeriodId(TWO_TIER_PERIOD)!;
  const files: SampleFile[] = [{ path: TWO_TIER_WORKBOOK, data: workbook }];
  if (blanks) for (const a of np.reportingAgencies) files.push({ path: `${TWO_TIER_DIR}/bieu-mau-trong/${a.code}.xlsx`, data: await buildTemplate(np, a.code, period) });
  // The successor did not send the new form: its clerk filled the one made before the merger.
  const demo = (await demoSubmissions(np, period, TWO_TIER_SUBMISSIONS)).filter((f) => !f.path.endsWith(`/${SUCCESSOR.code}.xlsx`));
  const old = normalizePlan(beforeMerger(plan, SUCCESSOR.code, SUCCESSOR.old));
  const reportDate = addDays(periodDueDate(period, plan.reporting), -2);
  const oldForm = await fillWorkbook(await buildTemplate(old, SUCCESSOR.old.code, period), validFilling(old, SUCCESSOR.old.code, period, { reportDate }));
  files.push(...demo, { path: OLD_CODE_FILE, data: oldForm });
  return files;
}
