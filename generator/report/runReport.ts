import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { parsePeriodId, periodDueDate, periodMonths, previousPeriod, type Period } from '../../core/period/period.ts';
import { consolidate, type ConsolidationInput, type Received } from '../../core/report/consolidate.ts';
import { defaultReportDate } from '../../core/report/reportDate.ts';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { checkFiles } from '../intake/checkPool.ts';
import type { FileCheck } from '../intake/checkFile.ts';
import { displayPath, listSubmissionFiles, sortSubmissions } from './intake.ts';
import { mergeMonths } from './rollup.ts';

/** The sub-folders of `dir` named after a period (any letter case: 2023-q1 is 2023-Q1), by period id. */
function periodSubfolders(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = parsePeriodId(name);
    if (!p || out.has(p.id)) continue;
    try {
      if (statSync(join(dir, name)).isDirectory()) out.set(p.id, join(dir, name));
    } catch {
      /* a dangling link: not a period folder */
    }
  }
  return out;
}

/** Whether a folder directly holds workbooks (then it is itself the folder of the period asked for). */
function holdsWorkbooks(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$'));
  } catch {
    return false;
  }
}

/**
 * Where a period's submissions are: `<root>/<period id>` when that folder exists, else `in` itself
 * when it is named after the period, or (`direct`, for the period asked for, not the previous one)
 * when it directly holds the workbooks, whatever its name.
 */
export function periodFolder(inDir: string, period: Period, direct = false): string | undefined {
  const named = periodSubfolders(inDir).get(period.id);
  if (named) return named;
  if (parsePeriodId(basename(inDir))?.id === period.id) return inDir;
  return direct && holdsWorkbooks(inDir) ? inDir : undefined;
}

/** The newest period folder under `inDir` (names like 2023-01, 2023-Q1), for a run without --period. */
export function latestPeriodIn(inDir: string): Period | undefined {
  const periods = [...periodSubfolders(inDir).keys()].map((id) => parsePeriodId(id)!);
  return periods.sort((a, b) => (a.lastMonth < b.lastMonth ? -1 : a.lastMonth > b.lastMonth ? 1 : a.id < b.id ? -1 : 1)).at(-1);
}

export interface ReportRun {
  report: ConsolidatedReport;
  /** Files checked, for the summary. */
  files: number;
}

interface Gathered {
  received: Received[];
  rejected: ConsolidationInput['rejected'];
  superseded: ConsolidatedReport['superseded'];
  skipped: ConsolidatedReport['skipped'];
  sources: ConsolidatedReport['sources'];
  files: number;
}

/** Messages name the file relative to the submissions folder: feedback notes go to outside agencies. */
function withoutAbsolutePath(c: FileCheck, display: (file: string) => string): FileCheck {
  const shown = display(c.file);
  return { ...c, issues: c.issues.map((i) => (i.message.includes(c.file) ? { ...i, message: i.message.split(c.file).join(shown) } : i)) };
}

async function gatherFolder(np: NormalizedPlan, period: Period, folder: string, base: string, today: string | undefined, onProgress?: (d: number, t: number) => void): Promise<Gathered> {
  const display = displayPath(base);
  const { xlsx, skipped } = listSubmissionFiles(folder);
  const checks = (await checkFiles(np, xlsx, { ...(today ? { today } : {}), period: period.id, onProgress })).map((c) => withoutAbsolutePath(c, display));
  const sorted = sortSubmissions(np, period, checks, display);
  return {
    ...sorted,
    skipped: skipped.map((s) => ({ file: display(s.file), reason: s.reason })),
    sources: [{ period: period.id, folder: display(folder), files: xlsx.length }],
    files: xlsx.length,
  };
}

/**
 * Gathers a period's submissions: its own folder when agencies report for that period, else (a
 * quarter, half year or year of a monthly plan) the folders of its months, merged.
 */
async function gather(np: NormalizedPlan, period: Period, inDir: string, today: string | undefined, onProgress?: (d: number, t: number) => void, direct = false): Promise<Gathered | undefined> {
  const own = periodFolder(inDir, period, direct);
  const base = own && own !== inDir ? inDir : dirname(inDir);
  if (own) return gatherFolder(np, period, own, base, today, onProgress);
  if (period.kind === 'month') return undefined;
  const months: Gathered[] = [];
  const perMonth: { period: string; received: Received[] }[] = [];
  for (const m of periodMonths(period)) {
    const folder = periodFolder(inDir, m);
    if (!folder) continue;
    const g = await gatherFolder(np, m, folder, inDir, today, onProgress);
    months.push(g);
    perMonth.push({ period: m.id, received: g.received });
  }
  if (months.length === 0) return undefined;
  return {
    received: mergeMonths(perMonth),
    rejected: months.flatMap((g) => g.rejected),
    superseded: months.flatMap((g) => g.superseded),
    skipped: months.flatMap((g) => g.skipped),
    sources: months.flatMap((g) => g.sources),
    files: months.reduce((s, g) => s + g.files, 0),
  };
}

export class ReportInputError extends Error {}

/** How many earlier periods a report reads for statuses to carry forward (each costs a folder check). */
const HISTORY_DEPTH = 3;

/**
 * A period's report, built on its previous periods' reports while their folders exist (at most
 * `depth` of them): a lead silent this period carries its last reported status forward.
 */
async function reportOn(np: NormalizedPlan, period: Period, inDir: string, today: string | undefined, depth: number, onProgress?: (d: number, t: number) => void, direct = false): Promise<ReportRun | undefined> {
  const gathered = await gather(np, period, inDir, today, onProgress, direct);
  if (!gathered) return undefined;
  const previous = depth > 0 ? (await reportOn(np, previousPeriod(period), inDir, today, depth - 1))?.report : undefined;
  // Files are checked against the compiler's date when given; otherwise the report is dated from
  // the files themselves (defaultReportDate), so the same folder always gives the same document.
  const reportDate = today ?? defaultReportDate(periodDueDate(period, np.plan.reporting), gathered.received);
  const report = consolidate({ np, period, reportDate, ...gathered, ...(previous ? { previous } : {}) });
  return { report, files: gathered.files };
}

/** Reads, validates and consolidates a period, on top of the previous periods whose folders exist. */
export async function runReport(np: NormalizedPlan, period: Period, inDir: string, options: { reportDate?: string; onProgress?: (d: number, t: number) => void } = {}): Promise<ReportRun> {
  const run = await reportOn(np, period, inDir, options.reportDate, HISTORY_DEPTH, options.onProgress, true);
  if (!run) throw new ReportInputError(`Không tìm thấy thư mục báo cáo của kỳ ${period.id} trong ${inDir}.`);
  return run;
}
