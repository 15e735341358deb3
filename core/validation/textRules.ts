import type { WorkbookModel } from '../workbook/model.ts';
import { SHEETS } from '../workbook/contract.ts';
import { findSheet } from '../workbook/sheetIndex.ts';
import { detectLegacy } from '../text/legacyEncoding.ts';
import type { RuleContext } from './context.ts';

const CHECKED_SHEETS = [SHEETS.info, SHEETS.tasks, SHEETS.indicators];

/** Cells showing a formula error, text typed in the legacy TCVN3 or VNI encodings, and text the reader had to clean. */
export function checkCells(ctx: RuleContext, model: WorkbookModel): void {
  for (const name of CHECKED_SHEETS) {
    const sheet = findSheet(model, name);
    if (!sheet) continue;
    for (const cell of sheet.cells) {
      const v = cell.value;
      if (cell.sanitized) ctx.add('invalid-characters-removed', sheet.name, cell.address, { cell: cell.address });
      if (v.t === 'error') {
        ctx.add('formula-error', sheet.name, cell.address, { cell: cell.address, shown: v.v });
      } else if (v.t === 'text') {
        const legacy = detectLegacy(v.v, cell.font);
        if (legacy) {
          const params = { cell: cell.address, converted: legacy.converted };
          const fix = { replacement: legacy.converted };
          if (legacy.encoding === 'tcvn3') ctx.add('legacy-tcvn3', sheet.name, cell.address, params, fix);
          else ctx.add('legacy-vni', sheet.name, cell.address, params, fix);
        }
      }
    }
  }
}
