import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { periodDueDate, type Period } from '../../core/period/period.ts';
import type { Received } from '../../core/report/consolidate.ts';
import type { FileCheck } from '../intake/checkFile.ts';

/** Lists a folder's files recursively, in a stable order; dot-files and Office lock files are noted. */
export function listSubmissionFiles(dir: string): { xlsx: string[]; skipped: { file: string; reason: string }[] } {
  const xlsx: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name.startsWith('~$')) {
        skipped.push({ file: path, reason: 'Tệp khóa tạm của Excel (~$…), bỏ qua.' });
      } else if (/\.xlsx$/i.test(name)) {
        xlsx.push(path);
      } else {
        skipped.push({ file: path, reason: `Không phải tệp .xlsx (${/\.xls$/i.test(name) ? 'định dạng Excel cũ .xls: hãy đề nghị đơn vị lưu lại dạng .xlsx' : 'bỏ qua'}).` });
      }
    }
  };
  walk(dir);
  return { xlsx, skipped };
}

export interface IntakeResult {
  received: Received[];
  rejected: { file: string; agency?: string; issues: FileCheck['issues'] }[];
  superseded: { file: string; agency: string; by: string }[];
  skipped: { file: string; reason: string }[];
  files: number;
}

/** Newer first: by Ngày lập, then by file time, then by name (for a stable order). */
function newerFirst(a: FileCheck, b: FileCheck): number {
  const da = a.submission?.reportDate ?? '';
  const db = b.submission?.reportDate ?? '';
  if (da !== db) return da < db ? 1 : -1;
  if (a.mtime !== b.mtime) return a.mtime < b.mtime ? 1 : -1;
  return a.file < b.file ? -1 : 1;
}

/**
 * Sorts checked files into what the report uses: per agency the newest file (older ones
 * superseded), on time or late against the plan's due date, or rejected with its issues.
 * `display` turns an absolute path into what the report prints.
 */
export function sortSubmissions(np: NormalizedPlan, period: Period, checks: FileCheck[], display: (file: string) => string): Omit<IntakeResult, 'skipped' | 'files'> {
  const due = periodDueDate(period, np.plan.reporting);
  const byAgency = new Map<string, FileCheck[]>();
  const rejected: IntakeResult['rejected'] = [];
  for (const c of checks) {
    // A file that is not ours, or of an agency we don't know, is rejected on its own.
    if (!c.agency || !np.agencies.get(c.agency)?.reports) {
      rejected.push({ file: display(c.file), issues: c.issues });
      continue;
    }
    const list = byAgency.get(c.agency) ?? [];
    list.push(c);
    byAgency.set(c.agency, list);
  }
  const received: Received[] = [];
  const superseded: IntakeResult['superseded'] = [];
  for (const agency of np.reportingAgencies.map((a) => a.code)) {
    const list = byAgency.get(agency);
    if (!list) continue;
    const [newest, ...older] = [...list].sort(newerFirst) as [FileCheck, ...FileCheck[]];
    for (const o of older) superseded.push({ file: display(o.file), agency, by: display(newest.file) });
    const status = !newest.valid ? 'rejected' : (newest.submission?.reportDate ?? '') > due ? 'late' : 'on-time';
    if (status === 'rejected') rejected.push({ file: display(newest.file), agency, issues: newest.issues });
    received.push({
      agency,
      file: display(newest.file),
      status,
      ...(newest.submission ? { submission: newest.submission } : {}),
      issues: newest.issues,
      superseded: older.map((o) => display(o.file)),
    });
  }
  return { received, rejected, superseded };
}

export function displayPath(base: string): (file: string) => string {
  return (file) => relative(base, file) || file;
}
