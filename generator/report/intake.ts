import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { periodDueDate, type Period } from '../../core/period/period.ts';
import type { Received } from '../../core/report/consolidate.ts';
import type { FileCheck } from '../intake/checkFile.ts';
import { crossFileIssues } from '../../core/validation/crossFile.ts';
import { countIssues } from '../../core/validation/catalogue.ts';

/** Whether `p` is `root` or inside it (both absolute, symbolic links resolved). */
export const isWithin = (root: string, p: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Lists a folder's files recursively, in a stable order; Office lock files, other files and
 * whatever cannot be read safely are noted and skipped. Symbolic links are followed only inside
 * the folder and never twice into the same folder (no loops); only regular files are listed, so a
 * FIFO or a device named x.xlsx is never opened.
 */
export function listSubmissionFiles(dir: string): { xlsx: string[]; skipped: { file: string; reason: string }[] } {
  const xlsx: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const note = (file: string, reason: string): void => void skipped.push({ file, reason });
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    note(dir, 'Không đọc được thư mục (không có quyền hoặc không tồn tại), bỏ qua.');
    return { xlsx, skipped };
  }
  const visited = new Set<string>();
  const walk = (d: string, real: string): void => {
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      note(d, 'Không đọc được thư mục (không có quyền), bỏ qua.');
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      let st: Stats;
      let target = path;
      try {
        st = lstatSync(path);
        if (st.isSymbolicLink()) {
          target = realpathSync(path);
          if (!isWithin(root, target)) {
            note(path, 'Liên kết trỏ ra ngoài thư mục nộp báo cáo, không đọc.');
            continue;
          }
          st = statSync(target);
        }
      } catch {
        note(path, 'Không đọc được (liên kết hỏng hoặc không có quyền), bỏ qua.');
        continue;
      }
      if (st.isDirectory()) {
        const real = target === path ? realpathSync(path) : target;
        if (visited.has(real)) note(path, 'Liên kết tạo vòng lặp thư mục, bỏ qua.');
        else walk(path, real);
      } else if (name.startsWith('~$')) {
        note(path, 'Tệp khóa tạm của Excel (~$…), bỏ qua.');
      } else if (!st.isFile()) {
        note(path, 'Không phải tệp thông thường (thiết bị hoặc ống dẫn), không đọc.');
      } else if (/\.xlsx$/i.test(name)) {
        // Its size is checked again, on the open file, before it is read (readSubmission).
        xlsx.push(path);
      } else {
        note(path, `Không phải tệp .xlsx (${/\.xls$/i.test(name) ? 'định dạng Excel cũ .xls: hãy đề nghị đơn vị lưu lại dạng .xlsx' : 'bỏ qua'}).`);
      }
    }
  };
  walk(dir, root);
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
  const cross = crossFileIssues(checks.map((c) => ({ ...c, agencyName: c.agency ? np.agencies.get(c.agency)?.name : undefined })), display);
  for (const [i, checked] of checks.entries()) {
    const more = cross.get(i);
    const c = more ? { ...checked, issues: [...checked.issues, ...more], counts: countIssues([...checked.issues, ...more]) } : checked;
    // A file that is not ours, of an agency we don't know, or that contradicts itself about who
    // sent it, is rejected on its own: it is credited to no agency.
    if (!c.agency || c.identityDoubtful || !np.agencies.get(c.agency)?.reports) {
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
