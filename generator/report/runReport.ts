import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { parsePeriodId, periodDueDate, periodMonths, previousPeriod, type Period } from '../../core/period/period.ts';
import { consolidate, type Received } from '../../core/report/consolidate.ts';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { checkFiles } from '../intake/checkPool.ts';
import { displayPath, listSubmissionFiles, sortSubmissions } from './intake.ts';
import { mergeMonths } from './rollup.ts';

/** Where a period's submissions are: `<root>/<period id>` when that folder exists, else `in` itself. */
export function periodFolder(inDir: string, period: Period): string | undefined {
  const named = join(inDir, period.id);
  if (existsSync(named) && statSync(named).isDirectory()) return named;
  return basename(inDir) === period.id ? inDir : undefined;
}

/** The newest period folder under `inDir` (names like 2023-01, 2023-Q1), for a run without --period. */
export function latestPeriodIn(inDir: string): Period | undefined {
  if (!existsSync(inDir)) return undefined;
  const periods = readdirSync(inDir)
    .map((n) => parsePeriodId(n))
    .filter((p): p is Period => !!p && p.id === p.id.toUpperCase().replace('Q', 'Q'))
    .filter((p) => statSync(join(inDir, p.id)).isDirectory());
  return periods.sort((a, b) => (a.lastMonth < b.lastMonth ? -1 : a.lastMonth > b.lastMonth ? 1 : a.id < b.id ? -1 : 1)).at(-1);
}

export interface ReportRun {
  report: ConsolidatedReport;
  /** Files checked, for the summary. */
  files: number;
}

interface Gathered {
  received: Received[];
  rejected: ConsolidatedReport['rejected'];
  superseded: ConsolidatedReport['superseded'];
  skipped: ConsolidatedReport['skipped'];
  sources: ConsolidatedReport['sources'];
  files: number;
}

async function gatherFolder(np: NormalizedPlan, period: Period, folder: string, base: string, today: string, onProgress?: (d: number, t: number) => void): Promise<Gathered> {
  const display = displayPath(base);
  const { xlsx, skipped } = listSubmissionFiles(folder);
  const checks = await checkFiles(np.plan.id, xlsx, { today, period: period.id, onProgress });
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
async function gather(np: NormalizedPlan, period: Period, inDir: string, today: string, onProgress?: (d: number, t: number) => void): Promise<Gathered | undefined> {
  const own = periodFolder(inDir, period);
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

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Reads, validates and consolidates a period; the previous period too when its folder exists. */
export async function runReport(np: NormalizedPlan, period: Period, inDir: string, options: { reportDate?: string; onProgress?: (d: number, t: number) => void } = {}): Promise<ReportRun> {
  // The report is dated the day after submissions were due unless the compiler says otherwise,
  // so that the same folder always gives the same document.
  const reportDate = options.reportDate ?? addDays(periodDueDate(period, np.plan.reporting), 1);
  const gathered = await gather(np, period, inDir, reportDate, options.onProgress);
  if (!gathered) throw new ReportInputError(`Không tìm thấy thư mục báo cáo của kỳ ${period.id} trong ${inDir}.`);
  const prevPeriod = previousPeriod(period);
  const prevGathered = await gather(np, prevPeriod, inDir, reportDate);
  const previous = prevGathered
    ? consolidate({ np, period: prevPeriod, reportDate, received: prevGathered.received, rejected: prevGathered.rejected, superseded: [], skipped: [], sources: prevGathered.sources })
    : undefined;
  const report = consolidate({ np, period, reportDate, ...gathered, ...(previous ? { previous } : {}) });
  return { report, files: gathered.files };
}
