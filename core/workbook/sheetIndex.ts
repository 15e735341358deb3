import { parseRange, toA1 } from './address.ts';
import { EMPTY, type Cell, type CellValue, type Sheet, type WorkbookModel } from './model.ts';

/**
 * Random access to a sheet's cells by row and column, resolving merged cells to their top-left
 * value (Office.js reports a merged area's value only there; exceljs repeats it in every cell).
 */
export class SheetIndex {
  private readonly byRow = new Map<number, Map<number, Cell>>();
  private readonly mergeMaster = new Map<string, Cell | undefined>();
  readonly maxRow: number;
  readonly maxCol: number;

  constructor(readonly sheet: Sheet) {
    let maxRow = 0;
    let maxCol = 0;
    for (const cell of sheet.cells) {
      let row = this.byRow.get(cell.row);
      if (!row) this.byRow.set(cell.row, (row = new Map()));
      row.set(cell.col, cell);
      if (cell.row > maxRow) maxRow = cell.row;
      if (cell.col > maxCol) maxCol = cell.col;
    }
    this.maxRow = maxRow;
    this.maxCol = maxCol;
    for (const range of sheet.merges) {
      const box = parseRange(range);
      // A merge over whole rows or columns is absurd in our sheets; skip rather than expand it.
      if (!box || (box.bottom - box.top + 1) * (box.right - box.left + 1) > 10_000) continue;
      const master = this.byRow.get(box.top)?.get(box.left);
      for (let r = box.top; r <= box.bottom; r++) {
        for (let c = box.left; c <= box.right; c++) if (r !== box.top || c !== box.left) this.mergeMaster.set(`${r}:${c}`, master);
      }
    }
  }

  cell(row: number, col: number): Cell | undefined {
    const key = `${row}:${col}`;
    if (this.mergeMaster.has(key)) return this.mergeMaster.get(key);
    return this.byRow.get(row)?.get(col);
  }

  value(row: number, col: number): CellValue {
    return this.cell(row, col)?.value ?? EMPTY;
  }

  /** Rows that hold at least one cell, ascending. */
  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b);
  }

  address(row: number, col: number): string {
    return toA1(row, col);
  }
}

export function findSheet(model: WorkbookModel, name: string): Sheet | undefined {
  const wanted = name.normalize('NFC').toLowerCase();
  return model.sheets.find((s) => s.name.normalize('NFC').trim().toLowerCase() === wanted);
}
