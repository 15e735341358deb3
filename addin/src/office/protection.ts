/// <reference types="office-js" />

/**
 * The agency workbook protects its sheets without a password (to guard against slips). Painting a
 * highlight or fixing a cell briefly lifts that protection and puts it back with the same options,
 * inside one batch.
 */
export interface SheetGuard {
  sheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
}

/** Queues the load of each sheet's protection state (read after the next sync). */
export function loadProtection(sheet: Excel.Worksheet): SheetGuard {
  const protection = sheet.protection;
  protection.load('protected,options');
  return { sheet, protection };
}

/** Runs `edit` with the sheet unprotected when it was protected, then protects it again. */
export function withoutProtection(guard: SheetGuard, edit: () => void): void {
  const wasProtected = guard.protection.protected;
  if (wasProtected) guard.protection.unprotect();
  edit();
  if (wasProtected) guard.protection.protect(guard.protection.options);
}
