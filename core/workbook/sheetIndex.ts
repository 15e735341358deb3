import { toA1 } from './address.ts';
import { EMPTY, type Cell, type CellValue, type Sheet, type WorkbookModel } from './model.ts';

/**
 * Random access to a sheet's cells by row and column. A merged range's value is in its top-left
 * cell only; the covered cells read as what the file holds (as Excel and Office.js report them).
 */
export class SheetIndex {
  private readonly byRow = new Map<number, Map<number, Cell>>();
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
  }

  cell(row: number, col: number): Cell | undefined {
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
