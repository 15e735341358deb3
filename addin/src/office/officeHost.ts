/// <reference types="office-js" />
import type { WorkbookHost } from '../host.ts';
import { readWorkbook } from './readWorkbook.ts';
import { clearHighlights, paintHighlights, type HighlightMemory } from './highlight.ts';
import { applyTextFixes, selectCell } from './edit.ts';
import { excelFeatures, MIN_EXCEL_API, type ExcelFeatures } from './features.ts';

/**
 * Where office.js meets the pane: waits for Office, asks which requirement sets this Excel has, and
 * wraps the Office modules in `Excel.run` behind the plain `WorkbookHost` interface.
 */

export type OfficeStart =
  | { mode: 'excel'; host: WorkbookHost }
  /** Excel older than MIN_EXCEL_API (Excel 2013): no Excel JavaScript API at all. */
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
  const isSetSupported = (name: string, version?: string) => office.context.requirements.isSetSupported(name, version);
  if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) return { mode: 'unsupported' };
  return { mode: 'excel', host: excelHost(excelFeatures(isSetSupported), (batch) => Excel.run(batch), () => office.context.document?.url) };
}

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The last part of a path or URL ("C:\\Báo cáo\\SO_TTTT.xlsx" → "SO_TTTT.xlsx"); undefined for none. */
export function documentFileName(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const last = url.split(/[\\/]/).pop()?.split(/[?#]/)[0];
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The pane's WorkbookHost over `run` (Excel.run in Excel; a mocked context in tests). */
export function excelHost(features: ExcelFeatures, run: ExcelRun, documentUrl: () => string | undefined = () => undefined): WorkbookHost {
  const memory: HighlightMemory = {};
  return {
    abilities: { edit: features.protection, fillsSaved: features.settings },
    read: async () => {
      const read = await run((context) => readWorkbook(context, { features }));
      const fileName = documentFileName(documentUrl());
      return fileName ? { ...read, fileName } : read;
    },
    select: (sheet, cell) => run((context) => selectCell(context, sheet, cell)),
    highlight: (marks) => run((context) => paintHighlights(context, marks, memory, features)),
    clearHighlight: () => run((context) => clearHighlights(context, memory, features)),
    applyFixes: (fixes) => run((context) => applyTextFixes(context, fixes, features)),
  };
}
