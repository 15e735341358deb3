import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parsePeriodId, type Period } from '../../core/period/period.ts';
import { formatPercent } from '../../core/text/numbers.ts';
import { formatShortDate } from '../../core/text/dates.ts';
import { acquireLock, OutputError, writeOutputSet, type OutputFile } from '../output/outputSet.ts';
import { DEFAULT_PLAN_ID, PlanLoadError, REPO_ROOT } from '../plan/loadPlan.ts';
import { feedbackNote, feedbackNoteNames } from '../report/feedback.ts';
import { reportJson } from '../report/jsonView.ts';
import { latestPeriodIn, runReport, ReportInputError } from '../report/runReport.ts';
import { AGENCY_STATUS_LABEL } from '../../core/report/labels.ts';
import { isEntry, parseArgs, type ParsedArgs } from './args.ts';
import { checkTemplateCached, loadPlanCached } from './startCache.ts';
import { isWithin } from '../report/intake.ts';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { progressBar } from './progress.ts';

const USAGE = 'Cách dùng: npm run report -- [--plan MÃ_KẾ_HOẠCH] [--period 2023-01|2023-Q1|2023-H1|2023] [--in THƯ_MỤC] [--out TỆP.docx] [--template TỆP.hbs] [--date YYYY-MM-DD] [--signer "Họ và tên"] [--signer-title "Chức vụ"] [--json]';

/** The template module (handlebars) loads only when a template must be checked or rendered. */
const templates = (): Promise<typeof import('../report/renderTemplate.ts')> => import('../report/renderTemplate.ts');
const isTemplateError = async (e: unknown): Promise<boolean> => e instanceof (await templates()).TemplateError;

function fail(message: string): number {
  console.error(message);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['plan', 'period', 'in', 'out', 'template', 'date', 'signer', 'signer-title'] });
  if ('error' in args) return fail(`${args.error}\n${USAGE}`);
  if (args.positional.length) return fail(`Tham số thừa: ${args.positional.join(' ')}\n${USAGE}`);
  let np;
  try {
    np = loadPlanCached(args.options.plan ?? DEFAULT_PLAN_ID);
  } catch (e) {
    if (e instanceof PlanLoadError) return fail(e.message);
    throw e;
  }
  const inDir = resolve(args.options.in ?? join(REPO_ROOT, 'samples', np.plan.id, 'submissions'));
  if (!existsSync(inDir)) return fail(`Không tìm thấy thư mục "${inDir}".\n${USAGE}`);
  if (!statSync(inDir).isDirectory()) return fail(`"${inDir}" là một tệp, không phải thư mục: --in cần thư mục chứa các tệp báo cáo đã nộp (để kiểm tra một tệp, dùng npm run validate -- TỆP.xlsx).\n${USAGE}`);
  let period: Period | undefined;
  if (args.options.period) {
    period = parsePeriodId(args.options.period);
    if (!period) return fail(`Kỳ báo cáo "${args.options.period}" không hợp lệ (dạng 2023-01, 2023-Q1, 2023-H1 hoặc 2023).`);
  } else {
    period = latestPeriodIn(inDir) ?? parsePeriodId(basename(inDir));
    if (!period) return fail(`Không xác định được kỳ báo cáo trong "${inDir}": hãy dùng --period.\n${USAGE}`);
  }
  if (args.options.date && !/^\d{4}-\d{2}-\d{2}$/.test(args.options.date)) return fail(`Ngày "${args.options.date}" không hợp lệ (dạng YYYY-MM-DD).`);
  // One template for every period kind: it words a quarter, half year or year by itself.
  const template = resolve(args.options.template ?? join(REPO_ROOT, 'templates', 'bao-cao.hbs'));
  if (!existsSync(template)) return fail(`Không tìm thấy mẫu báo cáo "${template}".`);
  try {
    await checkTemplateCached(template, async (path) => (await templates()).checkTemplate(path));
  } catch (e) {
    if (await isTemplateError(e)) return fail((e as Error).message);
    throw e;
  }
  const out = resolve(args.options.out ?? join(REPO_ROOT, 'out', `bao-cao-${np.plan.id}-${period.id}.docx`));
  const outDir = dirname(out);
  // Outputs written among the submissions would be read as submissions by the next run.
  if (isWithin(realDir(inDir), realDir(outDir))) return fail(`Thư mục kết quả "${outDir}" nằm trong thư mục các tệp nộp "${inDir}": hãy chọn --out ở ngoài thư mục đó.`);
  let lock;
  try {
    lock = acquireLock(outDir);
  } catch (e) {
    if (e instanceof OutputError) return fail(e.message);
    throw e;
  }
  try {
    return await compile(args, np, period, inDir, template, out);
  } finally {
    lock.release();
  }
}

/** The path with its existing part's symbolic links resolved (the rest may not exist yet). */
function realDir(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realDir(parent), basename(path));
  }
}

/** Reads, checks and consolidates the submissions, then writes the set of outputs. */
async function compile(args: ParsedArgs, np: NormalizedPlan, period: Period, inDir: string, template: string, out: string): Promise<number> {
  const bar = progressBar(process.stderr, 'Đọc và kiểm tra tệp');
  let run;
  try {
    run = await runReport(np, period, inDir, { ...(args.options.date ? { reportDate: args.options.date } : {}), onProgress: bar.update });
  } catch (e) {
    bar.done();
    if (e instanceof ReportInputError) return fail(e.message);
    throw e;
  }
  bar.done();
  const { withSigner, signerWarning } = await import('../report/reportFrame.ts');
  const report = withSigner(run.report, { name: args.options.signer, title: args.options['signer-title'] });
  // The chart is drawn on another thread while the writers load.
  const chartImage = import('../report/chart.ts').then((m) => m.renderTaskStatusChartAsync(report.groups));
  chartImage.catch(() => undefined);
  // The writers (docx, exceljs, the chart's renderer) load only now, so that reading starts sooner.
  const [{ writeReportDocx }, { writeAnnexXlsx }] = await Promise.all([import('../report/writeDocx.ts'), import('../report/writeAnnex.ts')]);
  let docx: Uint8Array;
  try {
    docx = await writeReportDocx(report, template, { chartImage });
  } catch (e) {
    if (await isTemplateError(e)) return fail((e as Error).message);
    throw e;
  }
  const stem = out.replace(/\.docx$/i, '');
  const json = reportJson(report);
  const feedbackName = `phan-hoi-${period.id}`;
  const feedbackDir = join(dirname(out), feedbackName);
  // Within phan-hoi-<kỳ>/ the period's own folder goes without saying; a roll-up keeps each month's.
  const ownFolder = `${period.id.toLowerCase()}/`;
  const noteNames = feedbackNoteNames(report.rejected.map((r) => (r.file.toLowerCase().startsWith(ownFolder) ? r.file.slice(ownFolder.length) : r.file)));
  const files: OutputFile[] = [
    { name: basename(out), data: docx },
    { name: `${basename(stem)}.xlsx`, data: await writeAnnexXlsx(report) },
    { name: `${basename(stem)}.json`, data: json },
    ...report.rejected.map((r, i) => ({ name: `${feedbackName}/${noteNames[i]}.txt`, data: feedbackNote(report, r) })),
  ];
  try {
    writeOutputSet(dirname(out), basename(stem), files, files.slice(0, 3).map((f) => f.name).concat(feedbackName));
  } catch (e) {
    if (e instanceof OutputError) return fail(e.message);
    throw e;
  }

  const noSigner = signerWarning(report);
  if (args.flags.json) {
    if (noSigner) console.error(noSigner);
    process.stdout.write(json);
    return 0;
  }
  const a = report.agencies;
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const done = report.tasks.filter((t) => t.status === 'done').length;
  const overdue = report.tasks.filter((t) => t.overdue).length;
  const lines = [
    `BÁO CÁO ĐỀ ÁN 06 — ${np.plan.province} — ${report.period.label} (hạn nộp ${formatShortDate(report.period.due)})`,
    `Tệp đã đọc: ${run.files}; bỏ qua: ${report.skipped.length}; bị thay thế bởi bản mới hơn: ${report.superseded.length}`,
    `Đơn vị: phải báo cáo ${a.expected}, đã nộp ${a.submitted} (${formatPercent(a.rate)}), đúng hạn ${a.onTime}, nộp muộn ${a.late}, chưa nộp ${a.missing}, bị trả lại ${a.rejected}`,
    `Nhiệm vụ: ${report.tasks.length}, đã hoàn thành ${done}, quá hạn ${overdue}; chỉ tiêu: ${report.indicators.length}, đạt ${report.indicators.filter((i) => i.met === true).length}, chưa đạt ${report.indicators.filter((i) => i.met === false).length}`,
  ];
  const missing = report.agencyRows.filter((r) => r.status === 'missing' || r.status === 'rejected');
  if (missing.length) lines.push(`Chưa nộp hoặc bị trả lại: ${missing.slice(0, 12).map((r) => `${r.short} (${AGENCY_STATUS_LABEL[r.status].toLowerCase()})`).join(', ')}${missing.length > 12 ? `, … (+${missing.length - 12})` : ''}`);
  lines.push(`Báo cáo: ${rel(out)}`, `Phụ lục số liệu: ${rel(`${stem}.xlsx`)}; dữ liệu JSON: ${rel(`${stem}.json`)}`);
  if (report.rejected.length) lines.push(`Phản hồi cho ${report.rejected.length} tệp bị trả lại: ${rel(feedbackDir)}/`);
  if (noSigner) lines.push(noSigner);
  console.log(lines.join('\n'));
  return 0;
}

if (isEntry(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
