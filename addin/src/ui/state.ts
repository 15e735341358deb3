import type { WorkbookModel } from '../../../core/workbook/model.ts';
import type { HostRead, TextFix, WorkbookHost } from '../host.ts';
import type { CheckOutcome, PlanLibrary } from '../check/runCheck.ts';

/** Where the pane runs, and the pane's state: what every panel renders from. */

export type AppMode =
  | { kind: 'excel'; host: WorkbookHost }
  | { kind: 'standalone'; reason: 'no-office' | 'timeout' | 'other-host' }
  /** Excel too old for the add-in: the file check still works. */
  | { kind: 'unsupported' };

export interface AppDeps {
  library: PlanLibrary;
  /** Reads an .xlsx file's bytes into the model, or a reason the clerk can read. */
  readFile: (bytes: Uint8Array) => Promise<WorkbookModel | string>;
  today?: () => string;
}

export type Notice = { kind: 'info' | 'success' | 'error'; text: string };

export interface State {
  busy?: string;
  notice?: Notice;
  outcome?: CheckOutcome;
  model?: WorkbookModel;
  /** The standalone page: the file being shown. */
  fileName?: string;
  /** Sheets read only in part (too many rows or columns). */
  truncated: { sheet: string; rows: number; cols: number }[];
  /** What this Excel could not tell the check (merges, fonts). */
  unknown: Pick<HostRead, 'mergesUnknown' | 'fontsUnknown'>;
  /** A workbook or file that could not be read: the reason. */
  unreadable?: string;
  confirmFixes?: TextFix[];
  highlighted: boolean;
}

export function initialState(): State {
  return { truncated: [], unknown: { mergesUnknown: false, fontsUnknown: false }, highlighted: false };
}
