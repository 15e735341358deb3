import { readFile, stat } from 'node:fs/promises';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { validateWorkbook, type ValidateOptions, type ValidationResult } from '../../core/validation/validate.ts';
import { makeIssue } from '../../core/validation/catalogue.ts';
import { bytesToModel } from '../reader/bytesToModel.ts';

export interface FileCheck extends ValidationResult {
  file: string;
  /** File modification time (ISO), a tie-breaker between two submissions of the same agency. */
  mtime: string;
}

export function unreadable(file: string, mtime: string, reason: string): FileCheck {
  return { file, mtime, valid: false, issues: [makeIssue('file-unreadable', '', '', `${file}: ${reason}`)] };
}

/** Reads, guards and validates one file; never throws for a bad file. */
export async function checkFile(np: NormalizedPlan, file: string, options: ValidateOptions = {}): Promise<FileCheck> {
  let data: Uint8Array;
  let mtime = '';
  try {
    [data, mtime] = await Promise.all([readFile(file), stat(file).then((s) => s.mtime.toISOString())]);
  } catch {
    return unreadable(file, mtime, 'Không mở được tệp (không tồn tại hoặc không có quyền đọc).');
  }
  const model = await bytesToModel(data);
  if (typeof model === 'string') return unreadable(file, mtime, model);
  return { file, mtime, ...validateWorkbook(np, model, options) };
}
