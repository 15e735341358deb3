import type { WorkbookModel } from '../../core/workbook/model.ts';
import { readWorkbookParts, readerNeeds, READ_LIMITS, ReadLimitError } from './readWorkbook.ts';
import { guardZip } from '../intake/zipGuard.ts';

/* Browser-safe (no Node APIs): the standalone validator page uses it too. */

/** Why exceljs gave up, in words a clerk understands. */
function readFailure(e: unknown): string {
  if (e instanceof ReadLimitError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  if (/Max row count|Max sheetData|row count/i.test(text)) return `Bảng tính có quá nhiều dòng (hơn ${READ_LIMITS.maxRows.toLocaleString('vi-VN')}). Hãy xóa các dòng thừa rồi gửi lại.`;
  if (/Max column count/i.test(text)) return `Bảng tính có quá nhiều cột (hơn ${READ_LIMITS.maxCols}). Hãy xóa các cột thừa rồi gửi lại.`;
  if (/entit/i.test(text)) return 'Tệp chứa khai báo XML không được phép. Hãy lưu lại bảng tính bằng Excel rồi gửi lại.';
  return 'Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở bằng Excel, lưu lại rồi gửi lại.';
}

/** Reads the bytes into the model, after the guard; a string is a reason for the clerk. */
export async function bytesToModel(data: Uint8Array): Promise<WorkbookModel | string> {
  // The guard inflates every part once; the reader parses the parts it kept, never unzipping again.
  const guard = await guardZip(data, { keep: readerNeeds });
  if (!guard.ok) return guard.reason;
  try {
    return await readWorkbookParts(guard.parts);
  } catch (e) {
    return readFailure(e);
  }
}

