/**
 * Read limits, defined once for every reader (the xlsx reader of the CLI and the standalone page,
 * the add-in's Office.js reader): the same workbook is accepted or refused the same way everywhere.
 * A real agency workbook has five sheets, a few hundred rows and eleven columns, so each limit
 * leaves a wide margin for honest files while bounding the work one hostile file can cause.
 */
export const READ_LIMITS = {
  /** Rows of one sheet (`<row>` elements, and the highest row number holding a value in a read sheet). */
  maxRows: 20_000,
  /** Columns of one row (cells per `<row>`, and the highest column holding a value in a read sheet). */
  maxCols: 60,
  /** Cells of the whole file, every sheet counted as it is read, including the sheets left unread. */
  maxCells: 500_000,
  /** Characters in one cell: Excel's own limit. */
  maxTextLength: 32_767,
  /** Sheets in one workbook (the form has five). */
  maxSheets: 100,
} as const;

export type ReadLimits = typeof READ_LIMITS;
