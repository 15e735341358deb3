import { readFile, stat } from 'node:fs/promises';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { validateWorkbook, type ValidateOptions, type ValidationResult } from '../../core/validation/validate.ts';
import { makeIssue } from '../../core/validation/catalogue.ts';
import type { WorkbookModel } from '../../core/workbook/model.ts';
import { readWorkbook, READ_LIMITS } from '../reader/readWorkbook.ts';
import { guardZip } from './zipGuard.ts';

export interface FileCheck extends ValidationResult {
  file: string;
  /** File modification time (ISO), a tie-breaker between two submissions of the same agency. */
  mtime: string;
}

/** Why exceljs gave up, in words a clerk understands. */
function readFailure(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/Max row count|Max sheetData|row count/i.test(text)) return `Bảng tính có quá nhiều dòng (hơn ${READ_LIMITS.maxRows.toLocaleString('vi-VN')}). Hãy xóa các dòng thừa rồi gửi lại.`;
  if (/Max column count/i.test(text)) return `Bảng tính có quá nhiều cột (hơn ${READ_LIMITS.maxCols}). Hãy xóa các cột thừa rồi gửi lại.`;
  if (/entit/i.test(text)) return 'Tệp chứa khai báo XML không được phép. Hãy lưu lại bảng tính bằng Excel rồi gửi lại.';
  return 'Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở bằng Excel, lưu lại rồi gửi lại.';
}

export function unreadable(file: string, mtime: string, reason: string): FileCheck {
  return { file, mtime, valid: false, issues: [makeIssue('file-unreadable', '', '', `${file}: ${reason}`)] };
}

/** Reads the bytes into the model, after the guard; a string is a reason for the clerk. */
export async function bytesToModel(data: Uint8Array): Promise<WorkbookModel | string> {
  const guard = await guardZip(data);
  if (!guard.ok) return guard.reason;
  try {
    return await readWorkbook(data);
  } catch (e) {
    return readFailure(e);
  }
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
