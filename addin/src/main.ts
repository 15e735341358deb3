import './polyfills.ts';
import './styles.css';
import { startOffice } from './office/officeHost.ts';
import { mountApp, type AppMode } from './ui/app.ts';
import { PlanLibrary } from './check/runCheck.ts';
import { BUNDLED_PLANS } from './check/plans.ts';

/**
 * Entry of taskpane.html. office.js is referenced by a classic script tag in <head> (as Microsoft
 * requires), so by the time this module runs it has either loaded or failed: without it, or when
 * Office does not answer within a few seconds, the page is the standalone validator.
 */
async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const start = await startOffice();
  const mode: AppMode = start.mode === 'excel' ? { kind: 'excel', host: start.host } : start.mode === 'unsupported' ? { kind: 'unsupported' } : { kind: 'standalone', reason: start.reason };
  document.documentElement.dataset.mode = mode.kind;
  // exceljs is large: never loaded in Excel. Where files are checked it is fetched at once, so that
  // checking needs no network once the page is open.
  let reader: Promise<typeof import('../../xlsx/bytesToModel.ts')> | undefined;
  const loadReader = () => (reader ??= import('../../xlsx/bytesToModel.ts'));
  if (mode.kind !== 'excel') void loadReader().catch(() => (reader = undefined));
  const readFile = async (bytes: Uint8Array) => (await loadReader()).bytesToModel(bytes);
  mountApp(root, mode, { library: new PlanLibrary(BUNDLED_PLANS), readFile });
}

void boot();
