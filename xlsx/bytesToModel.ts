import type { WorkbookModel } from '../core/workbook/model.ts';
import { guardZipSync, type RawInflate } from './zipGuard.ts';
import { isContractSheet, isIndexPart, readerKeeps, readParts, sheetOfPart } from './readWorkbook.ts';
import { RESAVE, Rejected } from './messages.ts';

/* Browser-safe (no Node APIs): the standalone validator page uses it too. */

const DAMAGED = `Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ. ${RESAVE}`;

/**
 * Guard, then read: the model, or a reason for the clerk (Vietnamese). Never throws for a bad file.
 * `sheets` picks the sheets whose cells are read (the agency workbook's contract sheets by default;
 * a plan workbook reads all of its own). `inflate` replaces fflate for the small parts (the commands
 * pass Node's zlib).
 */
export function bytesToModelSync(data: Uint8Array, sheets: (name: string) => boolean = isContractSheet, inflate?: RawInflate): WorkbookModel | string {
  // The guard inflates every part once, the workbook's index first; it keeps the parts the reader
  // parses and counts the rows and cells of the sheets it does not keep.
  const guard = guardZipSync(data, { first: isIndexPart, keep: (name: string, kept: ReadonlyMap<string, string>) => readerKeeps(name, kept, sheets), label: sheetOfPart, ...(inflate ? { inflate } : {}) });
  if (!guard.ok) return guard.reason;
  try {
    return readParts(guard.parts, guard.cells, sheets);
  } catch (e) {
    if (e instanceof Rejected) return e.message;
    return DAMAGED;
  }
}

/** Reads the bytes into the model, after the guard; a string is a reason for the clerk. */
export async function bytesToModel(data: Uint8Array, inflate?: RawInflate): Promise<WorkbookModel | string> {
  return bytesToModelSync(data, isContractSheet, inflate);
}

/** Reads a workbook we made (templates, samples, tests); a file the guard or reader refuses throws. */
export async function readWorkbook(data: Uint8Array): Promise<WorkbookModel> {
  const model = bytesToModelSync(data);
  if (typeof model === 'string') throw new Error(model);
  return model;
}
