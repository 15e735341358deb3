/**
 * Time to write the report DOCX of a demo period (issue 11.5):
 *   npx tsx bench/docx.ts [PLAN] [--template FILE.hbs]
 * Consolidates once, checks the template as `npm run report` does, then writes the DOCX: the first
 * write in this process (module warm-up included, as in `npm run report`) and eight more; prints wall and CPU time, the stages of one
 * write, and a digest of the bytes, to check that a speed-up leaves the output byte-identical.
 * Not a unit test: timings depend on the machine and its load (print `uptime` with them).
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlan, REPO_ROOT } from '../generator/plan/loadPlan.ts';
import { latestPeriodIn, runReport } from '../generator/report/runReport.ts';

const args = process.argv.slice(2);
const templateAt = args.indexOf('--template');
const template = templateAt >= 0 ? resolve(args[templateAt + 1]!) : join(REPO_ROOT, 'templates', 'bao-cao.hbs');
const planId = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--template') ?? 'quang-ngai-2022';
const np = loadPlan(planId);
const inDir = join(REPO_ROOT, 'samples', np.plan.id, 'submissions');
const period = latestPeriodIn(inDir)!;
const { report } = await runReport(np, period, inDir);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex').slice(0, 16);

const [w0, c0] = [performance.now(), cpu()];
// as `npm run report` does: the chart is drawn on another thread while the writers load
const chartImage = import('../generator/report/chart.ts').then((m) => m.renderTaskStatusChartAsync(report.groups));
const { writeReportDocx, documentParts, stabilizeParts } = await import('../generator/report/writeDocx.ts');
const { checkTemplate, renderTemplate } = await import('../generator/report/renderTemplate.ts');
const { markdownToDocx } = await import('../generator/report/markdownToDocx.ts');
const { renderTaskStatusChart } = await import('../generator/report/chart.ts');
// as `npm run report` does before reading the submissions (the write then reuses the compiled template)
const [wc, cc] = [performance.now(), cpu()];
checkTemplate(template);
const [w1, c1] = [performance.now(), cpu()];
const first = await writeReportDocx(report, template, { chartImage });
const [w2, c2] = [performance.now(), cpu()];
const walls: number[] = [];
let last = first;
for (let i = 0; i < 8; i++) {
  const s = performance.now();
  last = await writeReportDocx(report, template);
  walls.push(performance.now() - s);
}
walls.sort((a, b) => a - b);

// One more write, stage by stage (the chart drawn in place here, on another thread in writeReportDocx).
const stage: [string, number][] = [];
let t = performance.now();
const lap = (name: string): void => {
  const now = performance.now();
  stage.push([name, now - t]);
  t = now;
};
const { tree } = renderTemplate(template, report);
lap('template');
const image = renderTaskStatusChart(report.groups);
lap('chart');
const document = markdownToDocx(tree, report, { chart: () => image });
lap('docx objects');
const parts = await documentParts(document);
lap('XML');
const staged = stabilizeParts(parts, `${report.reportDate}T00:00:00Z`);
lap('zip');

const ms = (n: number): string => `${n.toFixed(0)} ms`;
console.log(`${planId} ${period.id}, ${template.replace(REPO_ROOT, '')}: ${first.length} bytes, sha256 ${digest(first)}${[last, staged].every((b) => digest(b) === digest(first)) ? '' : ' (writes differ!)'}`);
console.log(`import of the writer: ${ms(wc - w0)} (CPU ${ms(cc - c0)}); template check: ${ms(w1 - wc)} (CPU ${ms(c1 - cc)})`);
console.log(`first write: ${ms(w2 - w1)} (CPU ${ms(c2 - c1)}); then best of 8: ${ms(walls[0]!)}, median ${ms(walls[4]!)}`);
console.log(`stages of a warm write: ${stage.map(([n, v]) => `${n} ${ms(v)}`).join(', ')}`);
