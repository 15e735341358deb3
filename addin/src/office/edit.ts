/// <reference types="office-js" />
import { loadProtection, withoutProtection } from './protection.ts';
import { ALL_FEATURES, type ExcelFeatures } from './features.ts';
import type { FixResult, TextFix } from '../host.ts';

export type { FixResult, TextFix } from '../host.ts';

/** Moving to a cell, and the legacy-encoding fix: the only writes to cell contents the add-in makes. */

/** Activates the sheet and selects the cell. One sync. */
export async function selectCell(context: Excel.RequestContext, sheetName: string, cell: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  sheet.activate();
  sheet.getRange(cell || 'A1').select();
  await context.sync();
}

/** The font a converted cell gets: legacy fonts (.VnTime, VNI-Times) cannot show Unicode Vietnamese. */
export const UNICODE_FONT = 'Times New Roman';

/** Replaces legacy-encoded text with its Unicode form and sets a Unicode font. Two syncs. */
export async function applyTextFixes(context: Excel.RequestContext, fixes: readonly TextFix[], features: ExcelFeatures = ALL_FEATURES): Promise<FixResult> {
  const bySheet = new Map<string, TextFix[]>();
  for (const f of fixes) {
    let list = bySheet.get(f.sheet);
    if (!list) bySheet.set(f.sheet, (list = []));
    list.push(f);
  }
  const work = [...bySheet].map(([name, list]) => {
    const sheet = context.workbook.worksheets.getItem(name);
    const guard = loadProtection(sheet, features);
    const cells = list.map((fix) => {
      const range = sheet.getRange(fix.cell);
      range.load('values,formulas');
      return { fix, range };
    });
    return { sheet, guard, cells };
  });
  await context.sync();

  const result: FixResult = { fixed: [], skipped: [] };
  for (const w of work) {
    const ready = w.cells.filter(({ fix, range }) => {
      const value = range.values[0]?.[0];
      const formula = range.formulas[0]?.[0];
      const ok = typeof value === 'string' && value === fix.expected && !(typeof formula === 'string' && formula.startsWith('='));
      (ok ? result.fixed : result.skipped).push(fix);
      return ok;
    });
    if (!ready.length) continue;
    withoutProtection(w.guard, () => {
      for (const { fix, range } of ready) {
        range.values = [[fix.replacement]];
        range.format.font.name = UNICODE_FONT;
      }
    });
  }
  await context.sync();
  return result;
}
