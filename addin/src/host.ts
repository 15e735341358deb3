import type { WorkbookModel } from '../../core/workbook/model.ts';

/**
 * What the pane needs from wherever the workbook lives. In Excel it is backed by the Office modules
 * in office/; the pane itself never sees `Excel`.
 */

export interface Mark {
  sheet: string;
  /** A1 address of one cell. */
  cell: string;
  severity: 'error' | 'warning';
}

export interface PaintResult {
  painted: number;
  restored: number;
}

export interface ClearResult {
  restored: number;
  /** Cells the clerk refilled after we painted them: left as they are. */
  kept: number;
}

export interface TextFix {
  sheet: string;
  cell: string;
  /** The text the check saw; the cell is left alone when it changed since. */
  expected: string;
  replacement: string;
}

export interface FixResult {
  fixed: TextFix[];
  /** Cells changed by the clerk after the check, or holding a formula: not touched. */
  skipped: TextFix[];
}

export interface HostRead {
  model: WorkbookModel;
  /** Sheets too large to read whole: only their first rows and columns were checked. */
  truncated: { sheet: string; rows: number; cols: number }[];
}

export interface WorkbookHost {
  read(): Promise<HostRead>;
  select(sheet: string, cell: string): Promise<void>;
  highlight(marks: readonly Mark[]): Promise<PaintResult>;
  clearHighlight(): Promise<ClearResult>;
  applyFixes(fixes: readonly TextFix[]): Promise<FixResult>;
}
