/**
 * Time to write the report DOCX of a demo period (issue 11.5): `npx tsx bench/docx.ts [PLAN] [--profile]`.
 * Consolidates once, then writes the DOCX in a fresh process state (first call: module warm-up
 * included) and again several times; prints the first and the best time and a digest of the bytes
 * (to check that an optimisation leaves the output byte-identical).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlan, REPO_ROOT } from '../generator/plan/loadPlan.ts';
import { latestPeriodIn, runReport } from '../generator/report/runReport.ts';

const planId = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'quang-ngai-2022';
const np = loadPlan(planId);
const inDir = join(REPO_ROOT, 'samples', np.plan.id, 'submissions');
const period = latestPeriodIn(inDir)!;
const { report } = await runReport(np, period, inDir);
const template = join(REPO_ROOT, 'templates', 'bao-cao.hbs');

const t0 = performance.now();
const { writeReportDocx } = await import('../generator/report/writeDocx.ts');
const loaded = performance.now();
const first = await writeReportDocx(report, template);
const t1 = performance.now();
const times: number[] = [];
let bytes = first;
for (let i = 0; i < 8; i++) {
  const s = performance.now();
  bytes = await writeReportDocx(report, template);
  times.push(performance.now() - s);
}
const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex').slice(0, 16);
console.log(`${planId} ${period.id}: ${first.length} bytes, sha256 ${digest(first)}${digest(first) === digest(bytes) ? '' : ' (later calls differ!)'}`);
console.log(`import of the writer: ${(loaded - t0).toFixed(0)} ms; first write: ${(t1 - loaded).toFixed(0)} ms; best of 8: ${Math.min(...times).toFixed(0)} ms; median: ${times.sort((a, b) => a - b)[4]!.toFixed(0)} ms`);
