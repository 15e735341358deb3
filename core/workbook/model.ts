import { z } from 'zod';

/**
 * The workbook model both readers produce (exceljs in the generator, Office.js in the add-in) and
 * the validator consumes. A date arrives as a serial number from Office.js and as a Date from
 * exceljs; both readers turn it into the same `date` value here, so rules never see the difference.
 */
export const CellValueSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('empty') }),
  z.object({ t: z.literal('text'), v: z.string() }),
  z.object({ t: z.literal('number'), v: z.number() }),
  /** A calendar date "YYYY-MM-DD" (time of day dropped) and its Excel serial. */
  z.object({ t: z.literal('date'), v: z.string(), serial: z.number() }),
  z.object({ t: z.literal('boolean'), v: z.boolean() }),
  z.object({ t: z.literal('error'), v: z.string() }),
]);

export const CellSchema = z.object({
  /** A1 address within its sheet. */
  address: z.string(),
  row: z.number().int().min(1),
  col: z.number().int().min(1),
  value: CellValueSchema,
  numFmt: z.string().optional(),
  /** Font name, kept for legacy-encoding detection (".VnTime", "VNI-Times"). */
  font: z.string().optional(),
  /** True when the value is a formula's cached result. */
  formula: z.boolean().optional(),
  /**
   * True when the reader removed characters from the text (XML-illegal controls, bidi overrides:
   * core/text/sanitize.ts); the validator warns at the cell.
   */
  sanitized: z.boolean().optional(),
});

export const SheetSchema = z.object({
  name: z.string(),
  visibility: z.enum(['visible', 'hidden', 'veryHidden']).default('visible'),
  /** Non-empty cells only, any order. */
  cells: z.array(CellSchema),
  /**
   * Merged ranges such as "B3:D3". Only a merge's top-left cell holds its value; the covered cells
   * are what the file says they are (usually empty), as Excel and Office.js report them.
   */
  merges: z.array(z.string()).default([]),
  /** True when the reader left the sheet's cells unread: the contract never reads this sheet. */
  unread: z.boolean().optional(),
});

export const WorkbookModelSchema = z.object({
  sheets: z.array(SheetSchema),
});

export type CellValue = z.infer<typeof CellValueSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Sheet = z.infer<typeof SheetSchema>;
export type WorkbookModel = z.infer<typeof WorkbookModelSchema>;

export const EMPTY: CellValue = { t: 'empty' };
