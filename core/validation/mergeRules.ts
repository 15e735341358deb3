import type { Sheet } from '../workbook/model.ts';
import { parseRange } from '../workbook/address.ts';
import type { RuleContext } from './context.ts';

/**
 * A merge that covers input cells hides them: only its top-left cell holds a value, the others
 * read as blank. Each such merge is one error at the merge, and the covered cells are still
 * checked as what they are (usually blank). `isInput(row, col)` says which cells the clerk fills in.
 */
export function checkMerges(ctx: RuleContext, sheet: Sheet, maxRow: number, isInput: (row: number, col: number) => boolean): void {
  for (const range of sheet.merges) {
    const box = parseRange(range);
    if (!box) continue;
    let hides = false;
    // Rows past the last used one are all alike: one of them stands for the rest of a huge merge.
    const bottom = Math.min(box.bottom, Math.max(box.top, maxRow + 1));
    for (let r = box.top; r <= bottom && !hides; r++) {
      for (let c = box.left; c <= box.right && !hides; c++) hides = (r !== box.top || c !== box.left) && isInput(r, c);
    }
    if (hides) {
      const normalized = range.replace(/\$/g, '').toUpperCase();
      ctx.add('merged-input-cells', sheet.name, normalized.split(':')[0]!, { range: normalized });
    }
  }
}
