import { afterEach, describe, expect, it } from 'vitest';
import { startOffice } from '../../addin/src/office/officeHost.ts';

/** How the page decides between the Excel pane and the standalone validator: it never hangs. */
const g = globalThis as { Office?: unknown };

function fakeOffice(onReady: () => Promise<unknown>, excelApi = 13): void {
  g.Office = {
    onReady,
    context: { requirements: { isSetSupported: (name: string, v: string) => name === 'ExcelApi' && Number(v.split('.')[1]) <= excelApi } },
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

  it('Excel older than ExcelApi 1.9 is reported as unsupported', async () => {
    fakeOffice(async () => ({ host: 'Excel', platform: 'PC' }), 8);
    expect(await startOffice()).toEqual({ mode: 'unsupported' });
  });

  it('Excel with ExcelApi 1.9 gets the pane', async () => {
    fakeOffice(async () => ({ host: 'Excel', platform: 'PC' }), 9);
    const start = await startOffice();
    expect(start.mode).toBe('excel');
  });
});
