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
  /** This Excel does not tell which cells are merged: merges could not be checked. */
  mergesUnknown: boolean;
  /** Cell fonts could not be read: legacy-encoded text is recognised by its letters only. */
  fontsUnknown: boolean;
  /** The workbook is refused (data beyond the read limits, as the CLI refuses it): the reason. */
  unreadable?: string;
  /** The workbook's file name, when Office tells it: checked as `npm run validate` checks a file's name. */
  fileName?: string;
}

/** What this Excel lets the pane do beyond reading (addin/src/office/features.ts). */
export interface HostAbilities {
  /** Paint cells and write the encoding fix: the sheets' protection can be lifted (ExcelApi 1.2). */
  edit: boolean;
  /** The clerk's own fills are saved in the file, so "Xóa đánh dấu" works after the pane is closed (1.4). */
  fillsSaved: boolean;
}

export interface WorkbookHost {
  abilities: HostAbilities;
  read(): Promise<HostRead>;
  select(sheet: string, cell: string): Promise<void>;
  highlight(marks: readonly Mark[]): Promise<PaintResult>;
  clearHighlight(): Promise<ClearResult>;
  applyFixes(fixes: readonly TextFix[]): Promise<FixResult>;
}
