import { basename } from 'node:path';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { checkWorkbook, type CheckOptions, type CheckResult, type PlanSource } from '../../core/validation/checkWorkbook.ts';
import { countIssues, makeIssue } from '../../core/validation/catalogue.ts';
import { bytesToModel } from '../../xlsx/bytesToModel.ts';
import { nativeInflate } from './nativeInflate.ts';
import { readSubmission, type ReadSubmission } from './readSubmission.ts';

export interface FileCheck extends CheckResult {
  file: string;
  /** File modification time (ISO), a tie-breaker between two submissions of the same agency. */
  mtime: string;
}

export function unreadable(file: string, mtime: string, reason: string): FileCheck {
  const issues = [makeIssue('file-unreadable', '', '', { file, reason })];
  return { file, mtime, valid: false, issues, counts: countIssues(issues) };
}

function isPlan(p: NormalizedPlan | PlanSource): p is NormalizedPlan {
  return typeof p === 'object' && !Array.isArray(p);
}

/**
 * Reads, guards and checks one file with checkWorkbook; never throws for a bad file. Given one
 * plan (the report's), the file must belong to it; given several, it is checked against the one it names.
 * `reading` is the file's read when the caller started it ahead (checkPool reads the next file while
 * this one is checked).
 */
export async function checkFile(plans: NormalizedPlan | PlanSource, file: string, options: CheckOptions = {}, reading?: Promise<ReadSubmission>): Promise<FileCheck> {
  const read = await (reading ?? readSubmission(file));
  if ('error' in read) return unreadable(file, read.mtime, read.error);
  const { data, mtime } = read;
  const model = await bytesToModel(data, nativeInflate);
  if (typeof model === 'string') return unreadable(file, mtime, model);
  const single = isPlan(plans);
  const opts: CheckOptions = { fileName: basename(file), ...(single ? { plan: plans.plan.id } : {}), ...options };
  return { file, mtime, ...checkWorkbook(model, single ? [plans] : plans, opts) };
}
