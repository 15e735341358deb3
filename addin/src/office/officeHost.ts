/// <reference types="office-js" />
import type { WorkbookHost } from '../host.ts';
import { readWorkbook } from './readWorkbook.ts';
import { clearHighlights, paintHighlights, type HighlightMemory } from './highlight.ts';
import { applyTextFixes, selectCell } from './edit.ts';

/**
 * Where office.js meets the pane: waits for Office, checks the requirement sets, and wraps the Office
 * modules in `Excel.run` behind the plain `WorkbookHost` interface.
 */

/** The least Excel the add-in runs in: Range.getCellProperties and RangeAreas. */
export const MIN_EXCEL_API = '1.9';

export type OfficeStart =
  | { mode: 'excel'; host: WorkbookHost }
  /** Excel older than MIN_EXCEL_API. */
  | { mode: 'unsupported' }
  /** No Office here: a plain browser, office.js absent or not answering in time, or another host. */
  | { mode: 'standalone'; reason: 'no-office' | 'timeout' | 'other-host' };

function officeGlobal(): typeof Office | undefined {
  const g = globalThis as { Office?: typeof Office };
  return g.Office && typeof g.Office.onReady === 'function' ? g.Office : undefined;
}

/** Office.js never loaded (no network, plain browser) or Office.onReady not answering: never hangs. */
export async function startOffice(timeoutMs = 5000): Promise<OfficeStart> {
  const office = officeGlobal();
  if (!office) return { mode: 'standalone', reason: 'no-office' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady().catch(() => undefined),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (info === 'timeout') return { mode: 'standalone', reason: 'timeout' };
  if (!info || String(info.host) !== 'Excel') return { mode: 'standalone', reason: 'other-host' };
  if (!office.context.requirements.isSetSupported('ExcelApi', MIN_EXCEL_API)) return { mode: 'unsupported' };
  return { mode: 'excel', host: excelHost(office) };
}

function excelHost(office: typeof Office): WorkbookHost {
  const memory: HighlightMemory = {};
  const mergedAreas = office.context.requirements.isSetSupported('ExcelApi', '1.13');
  return {
    read: () => Excel.run((context) => readWorkbook(context, { mergedAreas })),
    select: (sheet, cell) => Excel.run((context) => selectCell(context, sheet, cell)),
    highlight: (marks) => Excel.run((context) => paintHighlights(context, marks, memory)),
    clearHighlight: () => Excel.run((context) => clearHighlights(context, memory)),
    applyFixes: (fixes) => Excel.run((context) => applyTextFixes(context, fixes)),
  };
}
