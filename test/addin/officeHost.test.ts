import { afterEach, describe, expect, it } from 'vitest';
import { documentFileName, startOffice } from '../../addin/src/office/officeHost.ts';

/** How the page decides between the Excel pane and the standalone validator: it never hangs. */
const g = globalThis as { Office?: unknown };

/** An Office whose Excel has ExcelApi 1.0 … 1.`excelApi` (0: none, as in Excel 2013). */
function fakeOffice(onReady: () => Promise<unknown>, excelApi = 13): void {
  g.Office = {
    onReady,
    context: { requirements: { isSetSupported: (name: string, v: string) => name === 'ExcelApi' && excelApi > 0 && Number(v.split('.')[1]) <= excelApi } },
  };
}

afterEach(() => {
  delete g.Office;
});

describe('startOffice', () => {
  it('without office.js (no network, plain browser) is the standalone validator at once', async () => {
    expect(await startOffice()).toEqual({ mode: 'standalone', reason: 'no-office' });
  });

  it('when Office never answers, falls back to the standalone validator after the timeout', async () => {
    fakeOffice(() => new Promise(() => {}));
    const started = Date.now();
    expect(await startOffice(50)).toEqual({ mode: 'standalone', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('office.js in a plain browser (no host) is the standalone validator', async () => {
    fakeOffice(async () => ({ host: null, platform: null }));
    expect(await startOffice()).toEqual({ mode: 'standalone', reason: 'other-host' });
  });

  it('Excel without the Excel JavaScript API (Excel 2013) is reported as unsupported', async () => {
    fakeOffice(async () => ({ host: 'Excel', platform: 'PC' }), 0);
    expect(await startOffice()).toEqual({ mode: 'unsupported' });
  });

  it('Excel 2016 (ExcelApi 1.1 only) gets the pane; it can check but cannot lift sheet protection to paint or fix', async () => {
    fakeOffice(async () => ({ host: 'Excel', platform: 'PC' }), 1);
    const start = await startOffice();
    expect(start.mode).toBe('excel');
    if (start.mode === 'excel') expect(start.host.abilities).toEqual({ edit: false, fillsSaved: false });
  });

  it('volume-licensed Excel 2019 (up to 1.7) paints and fixes, and keeps the clerk’s fills in the file', async () => {
    fakeOffice(async () => ({ host: 'Excel', platform: 'PC' }), 7);
    const start = await startOffice();
    if (start.mode !== 'excel') throw new Error(start.mode);
    expect(start.host.abilities).toEqual({ edit: true, fillsSaved: true });
  });
});

describe('documentFileName', () => {
  it('takes the file name from a Windows path or a URL', () => {
    expect(documentFileName('C:\\Users\\An\\Báo cáo\\SO_TTTT.xlsx')).toBe('SO_TTTT.xlsx');
    expect(documentFileName('https://x.sharepoint.com/sites/a/B%C3%A1o%20c%C3%A1o.xlsx?web=1')).toBe('Báo cáo.xlsx');
    expect(documentFileName('')).toBeUndefined();
    expect(documentFileName(undefined)).toBeUndefined();
  });
});
