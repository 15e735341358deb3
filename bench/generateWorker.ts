import { writeFileSync } from 'node:fs';
import { loadPlan } from '../generator/plan/loadPlan.ts';
import { buildTemplate } from '../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../generator/samples/fillWorkbook.ts';
import { validFilling } from '../generator/samples/scenario.ts';
import { parsePeriodId } from '../core/period/period.ts';

/** One generator process of bench/province.ts: template + valid filling for each job it is sent. */
process.once('message', async (msg: { planFile: string; jobs: { agency: string; period: string; out: string }[] }) => {
  const np = loadPlan(msg.planFile);
  for (const job of msg.jobs) {
    const period = parsePeriodId(job.period)!;
    writeFileSync(job.out, await fillWorkbook(await buildTemplate(np, job.agency, period), validFilling(np, job.agency, period)));
    process.send!(job.out);
  }
  process.disconnect();
});
