import { normalizePlan } from '../../core/plan/normalize.ts';
import { syntheticPlan } from '../province.ts';
import { checkPlanReferences } from '../../core/plan/references.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import { bytesToModel } from '../../generator/reader/bytesToModel.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { tasksForAgency } from '../../core/plan/normalize.ts';
const plan = syntheticPlan();
console.log(checkPlanReferences(plan));
const np = normalizePlan(plan);
console.log('reporting', np.reportingAgencies.length, 'communes', np.reportingAgencies.filter(a => a.kind === 'commune').length);
for (const ag of ['CAT', 'SO_01', 'SO_20', 'XA_001', 'XA_180']) {
  for (const m of ['2024-01', '2024-05']) {
    const p = parsePeriodId(m)!;
    let t0 = Date.now();
    const tpl = await buildTemplate(np, ag, p);
    const t1 = Date.now() - t0; t0 = Date.now();
    const b = await fillWorkbook(tpl, validFilling(np, ag, p));
    const t2 = Date.now() - t0;
    const model = await bytesToModel(b);
    if (typeof model === 'string') { console.log(model); continue; }
    const r = validateWorkbook(np, model, { period: m, today: '2024-06-30' });
    console.log(ag, m, tasksForAgency(np, ag).length, 'tpl', t1, 'fill', t2, b.length, r.valid, r.issues.filter(i => i.severity === 'error').slice(0, 3).map(i => i.code + ' ' + i.message));
  }
}
