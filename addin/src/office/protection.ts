/// <reference types="office-js" />
import type { ExcelFeatures } from './features.ts';

/**
 * The agency workbook protects its sheets without a password (to guard against slips). Painting a
 * highlight or fixing a cell briefly lifts that protection and puts it back with the same options,
 * inside one batch.
 */
export interface SheetGuard {
  sheet: Excel.Worksheet;
  /** Absent before ExcelApi 1.2: the protection can be neither read nor lifted. */
  protection?: Excel.WorksheetProtection;
}

/** Queues the load of each sheet's protection state (read after the next sync). */
export function loadProtection(sheet: Excel.Worksheet, features: Pick<ExcelFeatures, 'protection'>): SheetGuard {
  if (!features.protection) return { sheet };
  const protection = sheet.protection;
  protection.load('protected,options');
  return { sheet, protection };
}

/**
 * Runs `edit` with the sheet unprotected when it was protected, then protects it again. Without the
 * protection API the edit runs as it is, and Excel refuses it on a protected sheet.
 */
export function withoutProtection(guard: SheetGuard, edit: () => void): void {
  const protection = guard.protection;
  const wasProtected = protection?.protected ?? false;
  if (wasProtected) protection!.unprotect();
  edit();
  if (wasProtected) protection!.protect(protection!.options);
}
