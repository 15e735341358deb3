import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { normalizePlan, type NormalizedPlan } from '../core/plan/normalize.ts';
import { parsePeriodId, previousPeriod } from '../core/period/period.ts';
import { consolidate } from '../core/report/consolidate.ts';
import type { ConsolidatedReport } from '../core/report/schema.ts';
import { validateWorkbook } from '../core/validation/validate.ts';
import { checkFiles } from '../generator/intake/checkPool.ts';
import type { FileCheck } from '../generator/intake/checkFile.ts';
import { displayPath, sortSubmissions } from '../generator/report/intake.ts';
import { readWorkbookParts, readerNeeds } from '../test/reference/readWorkbook.ts';
import { readWorkbook } from '../xlsx/bytesToModel.ts';
import { guardZipSync } from '../xlsx/zipGuard.ts';
import { buildTemplate } from '../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../generator/samples/fillWorkbook.ts';
import { validFilling } from '../generator/samples/scenario.ts';
import { MONTHS, oneAgencyPlan, province } from './province.ts';

/**
 * `npm run bench`: the performance targets of PRODUCT.md, measured on a synthetic province.
 *   (a) bare exceljs: `new ExcelJS.Workbook().xlsx.load(buf)` for every file, one after another;
 *   (b) the report path: checkFiles on both cores (guard + exceljs read + validation in worker
 *       threads) + sortSubmissions + consolidate for each month + the DOCX of the last month;
 *   the ratio (b)/(a) (target ≤ 0.7), the peak RSS of the process tree during (b) (< 1 GiB), the
 *   validator alone on 500 task rows (median of 20, < 50 ms), and the add-in's reader on a mocked
 *   Office context (context.sync() count for 10 and 2 000 rows, ≤ 3).
 * Prints a table and writes bench/RESULTS.md.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MiB = 1024 * 1024;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

// — Memory: the whole process tree's RSS from /proc, sampled every 50 ms by a separate thread —

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const shared = new Float64Array(workerData.sab);
function tree(pid) {
  let kb = 0;
  try { kb = Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]); } catch { return 0; }
  try {
    for (const t of fs.readdirSync('/proc/' + pid + '/task')) {
      const c = fs.readFileSync('/proc/' + pid + '/task/' + t + '/children', 'utf8').trim();
      if (c) for (const child of c.split(/\\s+/)) kb += tree(Number(child));
    }
  } catch {}
  return kb;
}
setInterval(() => {
  const bytes = tree(workerData.pid) * 1024;
  if (bytes > shared[0]) shared[0] = bytes;
  shared[1]++;
}, 50);
`;

class TreeRss {
  private readonly shared = new Float64Array(new SharedArrayBuffer(16));
  private readonly worker = new Worker(SAMPLER, { eval: true, execArgv: [], workerData: { sab: this.shared.buffer, pid: process.pid } });
  reset(): void {
    this.shared[0] = 0;
  }
  get peak(): number {
    return this.shared[0]!;
  }
  get samples(): number {
    return this.shared[1]!;
  }
  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

// — Helpers —

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);
const seconds = (ms: number): string => `${fmt(ms / 1000, 1)} s`;

function machine(): { cpu: string; cores: number; ram: string; node: string } {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return { cpu, cores: cpus().length, ram: `${fmt(totalmem() / 1024 ** 3, 1)} GiB`, node: process.version };
}

// — (a) bare exceljs —

async function bareExcelJs(files: string[]): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const f of files) {
    const buf = readFileSync(f);
    await new ExcelJS.Workbook().xlsx.load(buf as unknown as ArrayBuffer);
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** Per-file cost in this thread, on a sample, after (a) warmed exceljs up: bare load vs the guarded read + validation. */
async function perFile(np: NormalizedPlan, files: string[]): Promise<{ bare: number; guard: number; read: number; validate: number }> {
  const sample = files.filter((_, i) => i % 5 === 0).map((f) => readFileSync(f));
  const t = { bare: 0, guard: 0, read: 0, validate: 0 };
  for (const buf of sample) {
    let s = performance.now();
    await new ExcelJS.Workbook().xlsx.load(buf as unknown as ArrayBuffer);
    t.bare += performance.now() - s;
    s = performance.now();
    const g = guardZipSync(buf, { keep: readerNeeds });
    t.guard += performance.now() - s;
    if (!g.ok) throw new Error(g.reason);
    s = performance.now();
    const model = await readWorkbookParts(g.parts);
    t.read += performance.now() - s;
    s = performance.now();
    validateWorkbook(np, model, { today: '2024-06-15' });
    t.validate += performance.now() - s;
  }
  const n = sample.length;
  return { bare: t.bare / n, guard: t.guard / n, read: t.read / n, validate: t.validate / n };
}

// — (b) the report path —

interface ReportPath {
  ms: number;
  /** CPU time of the whole process (all threads) over (b). */
  cpuMs: number;
  checkMs: number;
  firstResultMs: number;
  consolidateMs: number;
  docxMs: number | undefined;
  accepted: number;
  rejected: number;
  lastReport: ConsolidatedReport;
}

type DocxWriter = (r: ConsolidatedReport, template: string) => Promise<Uint8Array>;

/** The DOCX writer, when it exists; imported before the clock starts, like exceljs for (a). */
async function docxWriter(): Promise<DocxWriter | undefined> {
  const writer = join(ROOT, 'generator/report/writeDocx.ts');
  if (!existsSync(writer)) return undefined;
  return ((await import(pathToFileURL(writer).href)) as { writeReportDocx: DocxWriter }).writeReportDocx;
}

async function reportPath(np: NormalizedPlan, planFile: string, files: Record<string, string[]>, dir: string, writeDocx: DocxWriter | undefined): Promise<ReportPath> {
  const all = MONTHS.flatMap((m) => files[m]!);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let firstResultMs = 0;
  const checks = await checkFiles(planFile, all, {
    workers: 2,
    today: '2024-06-15',
    onProgress: (done) => {
      if (done === 1) firstResultMs = performance.now() - started;
    },
  });
  const checkMs = performance.now() - started;
  const byFile = new Map<string, FileCheck>(checks.map((c) => [c.file, c]));
  const display = displayPath(dir);
  let previous: ConsolidatedReport | undefined;
  for (const m of MONTHS) {
    const period = parsePeriodId(m)!;
    const sorted = sortSubmissions(np, period, files[m]!.map((f) => byFile.get(f)!), display);
    const report = consolidate({
      np,
      period,
      reportDate: '2024-06-15',
      ...sorted,
      skipped: [],
      sources: [{ period: m, folder: m, files: files[m]!.length }],
      ...(previous && previousPeriod(period).id === previous.period.id ? { previous } : {}),
    });
    previous = report;
  }
  const consolidateMs = performance.now() - started - checkMs;
  let docxMs: number | undefined;
  if (writeDocx) {
    const t = performance.now();
    const docx = await writeDocx(previous!, join(ROOT, 'templates', 'bao-cao-thang.hbs'));
    if (docx.length < 1000) throw new Error('DOCX suspiciously small');
    docxMs = performance.now() - t;
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    checkMs,
    firstResultMs,
    consolidateMs,
    docxMs,
    accepted: checks.filter((c) => c.valid).length,
    rejected: checks.filter((c) => !c.valid).length,
    lastReport: previous!,
  };
}

// — Validator alone, 500 task rows —

async function validator500(): Promise<{ medianMs: number; rows: number; valid: boolean }> {
  const np = normalizePlan(oneAgencyPlan(500));
  const period = parsePeriodId('2024-03')!;
  const bytes = await fillWorkbook(await buildTemplate(np, 'SO_01', period), validFilling(np, 'SO_01', period));
  const model = await readWorkbook(bytes);
  const options = { period: '2024-03', today: '2024-06-15' };
  for (let i = 0; i < 3; i++) validateWorkbook(np, model, options);
  const times: number[] = [];
  let valid = false;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    valid = validateWorkbook(np, model, options).valid;
    times.push(performance.now() - t);
  }
  // Task rows: rows whose first cells hold a task id of the plan.
  const tasks = model.sheets.find((s) => s.name === 'Nhiệm vụ')!;
  const rows = new Set(tasks.cells.filter((c) => c.value.t === 'text' && np.taskById.has(c.value.v)).map((c) => c.row)).size;
  return { medianMs: median(times), rows, valid };
}

// — The add-in's reader on a mocked Office context (the add-in tests' office-addin-mock approach) —

interface AddinFigure {
  rows: number;
  syncs: number;
  ms: number;
}

async function addinReader(): Promise<AddinFigure[] | undefined> {
  const reader = join(ROOT, 'addin/src/office/readWorkbook.ts');
  const mockFile = join(ROOT, 'test/addin/support/mockContext.ts');
  const sampleFile = join(ROOT, 'test/addin/support/sampleWorkbook.ts');
  if (![reader, mockFile, sampleFile].every(existsSync)) return undefined;
  const { readWorkbook: officeRead } = (await import(pathToFileURL(reader).href)) as typeof import('../addin/src/office/readWorkbook.ts');
  const { readContext } = (await import(pathToFileURL(mockFile).href)) as typeof import('../test/addin/support/mockContext.ts');
  const { sampleWorkbook, modelToGrid, withTaskRows, PLAN_ID } = (await import(pathToFileURL(sampleFile).href)) as typeof import('../test/addin/support/sampleWorkbook.ts');
  const { loadPlan } = await import('../generator/plan/loadPlan.ts');
  const sample = await sampleWorkbook();
  const out: AddinFigure[] = [];
  for (const rows of [10, 2000]) {
    const mock = readContext(modelToGrid(withTaskRows(sample.model, rows)));
    const t = performance.now();
    const { model } = await officeRead(mock.context);
    validateWorkbook(loadPlan(PLAN_ID), model, { today: '2023-01-20' });
    out.push({ rows, syncs: mock.syncs(), ms: performance.now() - t });
  }
  return out;
}

// — Main —

async function main(): Promise<void> {
  const rss = new TreeRss();
  const prov = await province(log);
  const files = MONTHS.flatMap((m) => prov.files[m]!);
  const agencies = prov.np.reportingAgencies.length;
  const communes = prov.np.reportingAgencies.filter((a) => a.kind === 'commune').length;
  log(`Tỉnh giả lập: ${agencies} đơn vị báo cáo (${communes} xã), ${files.length} tệp, ${prov.cached ? 'dùng lại bộ đệm' : `tạo trong ${seconds(prov.generatedMs)}`}: ${prov.dir}`);

  const writeDocx = await docxWriter();
  const loadBefore = loadavg()[0]!;
  // (a) and (b) alternate, twice; the faster of each counts (the other tenants of a shared machine
  // slow some rounds), the peak memory is the highest of the (b) rounds.
  const ROUNDS = 2;
  let bare: { ms: number; cpuMs: number } | undefined;
  let report: ReportPath | undefined;
  let barePeak = 0;
  let reportPeak = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    log(`(a) exceljs đọc trần, tuần tự… (lượt ${round}/${ROUNDS})`);
    rss.reset();
    const a = await bareExcelJs(files);
    barePeak = Math.max(barePeak, rss.peak);
    if (!bare || a.ms < bare.ms) bare = a;
    log(`(b) đường tạo báo cáo: checkFiles (2 luồng) + sortSubmissions + consolidate + DOCX… (lượt ${round}/${ROUNDS})`);
    rss.reset();
    const b = await reportPath(prov.np, prov.planFile, prov.files, prov.dir, writeDocx);
    reportPeak = Math.max(reportPeak, rss.peak);
    if (!report || b.ms < report.ms) report = b;
  }
  if (!bare || !report) throw new Error('no rounds');
  const loadAfter = loadavg()[0]!;
  const ratio = report.ms / bare.ms;
  const ratioNoDocx = (report.ms - (report.docxMs ?? 0)) / bare.ms;

  log('Chi phí mỗi tệp (mẫu 1/5, luồng chính)…');
  const per = await perFile(prov.np, files);
  log('Bộ kiểm tra với 500 dòng nhiệm vụ…');
  const v = await validator500();
  log('Bộ đọc của add-in trên ngữ cảnh Office giả lập…');
  const addin = await addinReader();
  const samples = rss.samples;
  await rss.stop();

  const rows: [string, string, string, string][] = [
    ['(a) exceljs load, sequential', `${seconds(bare.ms)} (CPU ${seconds(bare.cpuMs)})`, '', ''],
    ['(b) report path (2 workers)', `${seconds(report.ms)} (CPU ${seconds(report.cpuMs)})`, '', ''],
    ['    checkFiles (guard+read+validate)', seconds(report.checkMs), '', ''],
    ['    first result (worker start)', seconds(report.firstResultMs), '', ''],
    ['    sort + consolidate ×5 months', `${fmt(report.consolidateMs, 0)} ms`, '', ''],
    ['    DOCX (last month)', report.docxMs === undefined ? 'n/a' : `${fmt(report.docxMs, 0)} ms`, '', ''],
    ['ratio (b)/(a)', fmt(ratio, 2), '≤ 0.70', ratio <= 0.7 ? 'met' : 'MISSED'],
    ['ratio without the DOCX', fmt(ratioNoDocx, 2), '', ''],
    ['peak RSS, process tree, (b)', `${fmt(reportPeak / MiB, 0)} MiB`, '< 1024 MiB', reportPeak < 1024 * MiB ? 'met' : 'MISSED'],
    ['peak RSS, process tree, (a)', `${fmt(barePeak / MiB, 0)} MiB`, '', ''],
    ['per file, one thread: bare exceljs', `${fmt(per.bare, 2)} ms`, '', ''],
    ['per file: guard / read / validate', `${fmt(per.guard, 2)} / ${fmt(per.read, 2)} / ${fmt(per.validate, 2)} ms`, '', ''],
    [`validator, ${v.rows} task rows (median of 20)`, `${fmt(v.medianMs, 2)} ms`, '< 50 ms', v.medianMs < 50 ? 'met' : 'MISSED'],
    ...(addin
      ? addin.map((a): [string, string, string, string] => [`add-in reader, ${a.rows} rows: sync calls`, `${a.syncs} (${fmt(a.ms, 0)} ms)`, '≤ 3', a.syncs <= 3 ? 'met' : 'MISSED'])
      : [['add-in reader', 'n/a (addin/src/office/readWorkbook.ts missing)', '≤ 3', ''] as [string, string, string, string]]),
  ];
  const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'value', 'target', 'status'][i]!.length));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  const table = [line(['measure', 'value', 'target', 'status']), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  console.log(table);
  console.log(`load average (1 min): ${fmt(loadBefore, 2)} before, ${fmt(loadAfter, 2)} after`);

  const m = machine();
  const misses: string[] = [];
  if (ratio > 0.7) {
    const boot = report.firstResultMs;
    misses.push(
      `- **Ratio ${fmt(ratio, 2)} vs ≤ 0.70** (over by ${fmt((ratio / 0.7 - 1) * 100, 0)} %; PRODUCT.md's own bound, 1.5, is ${ratio <= 1.5 ? 'met' : 'missed too'}). ` +
        `Where (b)'s ${seconds(report.ms)} go: the DOCX writer ${report.docxMs === undefined ? 'n/a' : seconds(report.docxMs)} (single-threaded, after all files are read; ` +
        `without it the ratio is ${fmt(ratioNoDocx, 2)}), the first result after ${seconds(boot)} (workers load while the main thread checks files), consolidation ${fmt(report.consolidateMs, 0)} ms, ` +
        `and reading: one thread needs ${fmt(per.guard + per.read + per.validate, 1)} ms per file (guard ${fmt(per.guard, 1)}, read ${fmt(per.read, 1)}, validation ${fmt(per.validate, 1)}) ` +
        `against ${fmt(per.bare, 1)} ms for a bare exceljs load, so two workers can at best take ~${fmt((per.guard + per.read + per.validate) / per.bare / 2, 2)} of (a). ` +
        `CPU over (b) was ${seconds(report.cpuMs)} for ${seconds(report.ms)} of wall time; the 1-minute load average was ${fmt(loadBefore, 2)} before and ${fmt(loadAfter, 2)} after (other work on the 2 cores stretches (b), whose gain comes from parallelism, more than (a)).`,
    );
  }
  if (reportPeak >= 1024 * MiB) misses.push(`- **Peak RSS ${fmt(reportPeak / MiB, 0)} MiB vs < 1024 MiB** (over by ${fmt(reportPeak / MiB - 1024, 0)} MiB).`);
  if (v.medianMs >= 50) misses.push(`- **Validator ${fmt(v.medianMs, 1)} ms vs < 50 ms** (over by ${fmt(v.medianMs - 50, 1)} ms).`);
  for (const a of addin ?? []) if (a.syncs > 3) misses.push(`- **Add-in reader: ${a.syncs} sync calls for ${a.rows} rows vs ≤ 3.**`);

  const md = `# Benchmark results

Generated by \`npm run bench\` (bench/run.ts); rerun it to refresh this file.

## Machine

- CPU: ${m.cpu}
- Cores: ${m.cores}
- RAM: ${m.ram}
- Node: ${m.node}
- Date: ${new Date().toISOString().slice(0, 10)}

## Command

\`\`\`
npm run bench
\`\`\`

## Workload

- Synthetic province (bench/province.ts), a plan built in code: ${agencies} reporting agencies (${communes} communes, kind commune and level commune; ${agencies - communes - 1} departments and central agencies; the standing agency), ${prov.np.tasks.length} tasks (60 to 72 per workbook), ${prov.np.indicators.length} indicators.
- ${files.length} submissions: every agency for ${MONTHS.length} months (${MONTHS[0]} to ${MONTHS.at(-1)}), each made by buildTemplate + fillWorkbook(validFilling); cached in \`${relative(ROOT, prov.dir).startsWith('..') ? prov.dir : relative(ROOT, prov.dir)}\` under a hash of the plan and the generator sources${prov.cached ? ' (reused on this run)' : ` (generated on this run in ${seconds(prov.generatedMs)})`}.
- (a) \`new ExcelJS.Workbook().xlsx.load(buf)\` for every file, one after another, in this thread (file read included, no ignoreNodes).
- (b) \`checkFiles\` over all ${files.length} files with 2 worker threads (zip guard, exceljs read with ignoreNodes, validation), then \`sortSubmissions\` + \`consolidate\` for each month (with the previous month), then \`writeReportDocx\` for the last month. ${report.accepted} files accepted, ${report.rejected} rejected.
- (a) and (b) alternate over ${ROUNDS} rounds; the faster round of each is reported (the machine is shared), the peak memory is the highest of the (b) rounds.
- Memory: RSS of the whole process tree (worker threads included) read from /proc every 50 ms by a separate thread (${samples} samples).
- Validator: a plan with 500 tasks all given to one agency; the filled workbook read once; median of 20 \`validateWorkbook\` runs after 3 warm-up runs.
- Add-in reader: \`addin/src/office/readWorkbook.ts\` on the office-addin-mock context of the add-in tests (test/addin/support/mockContext.ts), task sheet grown to 10 and 2,000 rows, read + validate.

## Figures

${table}

Load average (1 min): ${fmt(loadBefore, 2)} before the first round, ${fmt(loadAfter, 2)} after the last.

## Targets missed

${misses.length ? misses.join('\n') : 'None.'}

## What was done about the read path

Profiling (b) showed the files inflated twice: once by the zip guard, then again by exceljs's own
JSZip + pako (about a third of exceljs's time on these files), plus the guard's streaming inflater
allocating a 128 KB buffer per push. Now the guard inflates each part once (fflate; small parts in
one go, large ones streamed in 16 KB slices), keeps only the parts the reader needs (workbook,
relationships, shared strings, styles, worksheets) as text, and the reader hands them straight to
exceljs's parsers (generator/reader/readWorkbook.ts \`readWorkbookParts\`), skipping JSZip, themes,
document properties and worksheet relationships. Per file, guard + read went from ~14 ms to the
figures above. What remains is exceljs's own XML parsing (saxes) and cell model, the worker
threads' start-up, and the DOCX writer.

## Where the rest could come from (profiled while writing this benchmark, not by this run)

- Worker efficiency: the same files cost ~11 ms of CPU each on one thread but ~15 ms each in two
  worker threads (CPU over wall above), although a pure arithmetic loop runs as fast on two
  threads as on one on this machine (1.24 s alone, 1.32 s for two at once). The loss is in the
  memory-heavy parse (two isolates' garbage collection and caches); worker heap settings
  (maxYoungGenerationSizeMb 32–128) made no measurable difference.
- Dispatch: a worker is handed its next file only after it posts the previous result; two files
  in flight per worker would hide that wait, at the cost of a more careful per-file time limit.
- Worker start-up: workers now run a bundle of the checker made with esbuild at the start of each
  run (about 0.1 s) and receive the parsed plan, so each is ready in about 0.7 s instead of 1.5 s
  through tsx; the main thread checks files meanwhile.
- DOCX writer: escaping the submission texts for Markdown dominated it; each distinct string is
  now escaped once (agency names and statuses repeat thousands of times), which halved it.
`;
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  log('Đã ghi bench/RESULTS.md');
}

await main();
