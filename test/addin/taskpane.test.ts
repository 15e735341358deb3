import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, loadPlan } from '../../generator/plan/loadPlan.ts';
import { checkWorkbook } from '../../core/validation/checkWorkbook.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { HIGHLIGHT_COLORS } from '../../addin/src/office/highlight.ts';
import { NOTES } from '../../addin/src/ui/panels/readNotes.ts';
import { LEGACY_UNICODE, modelToGrid, PLAN_ID, sampleWorkbook, TASKS, type SampleWorkbook } from './support/sampleWorkbook.ts';
import { serveDir } from './support/server.ts';

/**
 * The task pane in headless Chromium, built as shipped (vite build, with the CDN reference to
 * office.js) and served over HTTP. Requests to Microsoft's CDN are answered from the
 * @microsoft/office-js package (the real Office library, no network) or, in add-in mode, replaced by a
 * fake Office host (support/fakeOffice.js) backed by a real workbook that stands in for Excel at a
 * given API level; without Office the page is the standalone validator.
 */

const TMP = join(REPO_ROOT, 'test', '.tmp', 'addin');
const DIST = join(TMP, 'dist');
const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_CDN = /appsforoffice\.microsoft\.com/;
const OFFICE_JS_DIST = join(REPO_ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
/**
 * Outside Office, Microsoft's office.js opens a logging frame of its own (its o15 start-up file);
 * the page never calls it. Refused here, as everything not served by the test.
 */
const OFFICE_JS_LOGGING = /telemetryservice\.firstpartyapps\.oaspapps\.com/;

interface FakeExcel {
  log: { runs: number; syncs: number; syncsPerRun: number[]; selection: { sheet: string; address: string } | null; activeSheet: string | null; rangeAreas: { length: number }[] };
  fill: (sheet: string, address: string) => { color: string; pattern: string };
  value: (sheet: string, address: string) => { v: unknown; font?: string } | null;
  isProtected: (sheet: string) => boolean;
  settings: () => Record<string, unknown>;
}
type FakeWindow = Window & { __fakeExcel: FakeExcel };

interface Shown {
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let sample: SampleWorkbook;
const sampleFile = join(TMP, 'bao-cao-so-tttt-2023-01.xlsx');

beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const [built, s] = await Promise.all([
    build({ configFile: join(REPO_ROOT, 'addin', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } }),
    sampleWorkbook(),
  ]);
  void built;
  sample = s;
  writeFileSync(sampleFile, sample.bytes);
  server = await serveDir(DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A browser context whose CDN requests for office.js are served from the @microsoft/office-js package
 * (`realOffice`) or refused (the fake host then defines Office itself).
 */
async function newContext(width: number, height: number, realOffice = false): Promise<{ context: BrowserContext; requests: string[]; served: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'vi-VN' });
  const requests: string[] = [];
  const served: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(OFFICE_JS_LOGGING, (route) => route.abort());
  await context.route(OFFICE_CDN, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, '');
    if (!realOffice || path.includes('..')) return route.abort();
    try {
      const body = readFileSync(join(OFFICE_JS_DIST, path));
      served.push(path);
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body });
    } catch {
      await route.fulfill({ status: 404, body: '' });
    }
  });
  return { context, requests, served };
}

/**
 * What Microsoft Edge Legacy (EdgeHTML 18) lacks of what the pane and its libraries call: removed
 * before the page loads, so that only the pane's own polyfills (addin/src/polyfills.ts) bring them back.
 */
const EDGE_HTML_18 = `
  delete globalThis.structuredClone;
  delete Object.fromEntries; delete Object.hasOwn;
  delete Array.prototype.flat; delete Array.prototype.flatMap; delete Array.prototype.at;
  delete String.prototype.matchAll; delete String.prototype.replaceAll;
  delete String.prototype.trimEnd; delete String.prototype.trimStart;
  delete Element.prototype.replaceChildren;
  delete globalThis.globalThis;
`;

/** A page in Excel: the fake Office host at `excelApi`, over the sample workbook (`before`: a script run first). */
async function excelPage(excelApi: string, width = 320, height = 900, before = '') {
  const { context, requests } = await newContext(width, height);
  if (before) await context.addInitScript({ content: before });
  const grid = { ...modelToGrid(sample.model, sample.fills, sample.protectedSheets), excelApi };
  const fakeOffice = readFileSync(join(REPO_ROOT, 'test', 'addin', 'support', 'fakeOffice.js'), 'utf8');
  await context.addInitScript({ content: `${fakeOffice}\ninstallFakeOffice(${JSON.stringify(grid)});` });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/taskpane.html`);
  return { context, requests, page, errors };
}

/** The issues the core finds in the sample, as the pane in Excel checks it (file name from Office). */
function expectedIssues() {
  return checkWorkbook(sample.model, [loadPlan(PLAN_ID)], { today: todayInVietnam(), fileName: 'bao-cao.xlsx' }).issues;
}

async function shownIssues(page: Page): Promise<Shown[]> {
  return page.$$eval('.issue-main', (els) =>
    els.map((e) => ({
      sheet: (e as HTMLElement).dataset.sheet ?? '',
      cell: (e as HTMLElement).dataset.cell ?? '',
      code: (e as HTMLElement).dataset.code ?? '',
      message: e.querySelector('.issue-message')?.textContent ?? '',
    })),
  );
}

/** Page errors and console errors; with `cdnBlocked`, the refused CDN request of office.js is expected. */
function watchErrors(page: Page, cdnBlocked = true): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !(cdnBlocked && /appsforoffice|ERR_FAILED|Failed to load resource/.test(m.text()))) errors.push(m.text());
  });
  return errors;
}

const fake = (page: Page): Promise<FakeExcel['log']> => page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.log);

describe('task pane in Excel (fake Office host)', () => {
  it('checks the open workbook, goes to cells, highlights and clears, and fixes legacy text', async () => {
    const { context, requests, page, errors } = await excelPage('1.13');

    // The check: the same issues as the core validator on the same workbook, read in 3 syncs.
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    const expected = expectedIssues();
    expect(await shownIssues(page)).toEqual(expected.map(({ sheet, cell, code, message }) => ({ sheet, cell, code, message })));
    expect((await fake(page)).syncsPerRun).toEqual([3]);
    // Everything this Excel can do is there: no note about what it cannot.
    expect(await page.$$('.read-note')).toEqual([]);
    expect(await page.textContent('.subtitle')).toBe('Sở Thông tin và Truyền thông · Tháng 01/2023');
    const errorsCount = expected.filter((i) => i.severity === 'error').length;
    expect(await page.textContent('.summary-title')).toContain(`${errorsCount} lỗi, 1 cảnh báo`);
    expect(await page.textContent(`.group[data-sheet="${TASKS}"] .badge-error`)).toBe(`${errorsCount} lỗi`);

    // Help from the catalogue.
    const item = page.locator('.issue', { has: page.locator('.issue-main[data-cell="G5"]') });
    await item.locator('.help-toggle').click();
    await expect.poll(() => item.locator('.issue-help').isVisible()).toBe(true);
    expect(await item.locator('.issue-help').textContent()).toContain(CATALOGUE['progress-invalid'].fix);
    await page.screenshot({ path: join(SCREENSHOTS, 'addin-taskpane.png') });

    // Clicking an issue selects its cell; so does Enter on a focused issue.
    await page.click('.issue-main[data-cell="G5"]');
    await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeExcel.log.selection?.address === 'G5');
    expect((await fake(page)).selection).toEqual({ sheet: TASKS, address: 'G5' });
    expect((await fake(page)).activeSheet).toBe(TASKS);
    await page.focus('.issue-main[data-cell="F7"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeExcel.log.selection?.address === 'F7');

    // Highlight, then clear after the pane reloads: the clerk's own fills come back.
    const cells = expected.filter((i) => i.cell).map((i) => [i.sheet, i.cell] as const);
    const fillsOf = () => page.evaluate((list) => list.map(([s, c]) => (window as unknown as FakeWindow).__fakeExcel.fill(s, c)), cells as unknown as [string, string][]);
    const before = await fillsOf();
    expect(before.some((f) => f.pattern === 'None')).toBe(true);
    await page.click('#highlight-button');
    await page.waitForSelector('.notice-success');
    const painted = await fillsOf();
    expect(painted.map((f) => f.color)).toEqual(expected.filter((i) => i.cell).map((i) => HIGHLIGHT_COLORS[i.severity]));
    expect(await page.evaluate((s) => (window as unknown as FakeWindow).__fakeExcel.isProtected(s), TASKS)).toBe(true);

    await page.reload();
    await page.click('#clear-button');
    await page.waitForSelector('.notice-success');
    expect(await page.textContent('.notice-success')).toContain(`${cells.length} ô`);
    expect(await fillsOf()).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.settings())).toEqual({});

    // The TCVN3 fix, after confirmation.
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    await page.click('#fix-button');
    await page.waitForSelector('.confirm');
    expect(await page.textContent('.fix-list')).toContain(LEGACY_UNICODE);
    await page.click('#fix-confirm');
    await page.waitForSelector('.notice-success');
    expect(await page.evaluate((s) => (window as unknown as FakeWindow).__fakeExcel.value(s, 'I5'), TASKS)).toEqual({ v: LEGACY_UNICODE, font: 'Times New Roman' });
    expect((await shownIssues(page)).map((i) => i.code)).not.toContain('legacy-tcvn3');
    expect(await page.$('#fix-button')).toBeNull();

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.url) && !OFFICE_CDN.test(u) && !OFFICE_JS_LOGGING.test(u))).toEqual([]);
    await context.close();
  });

  it('on Excel 2016 (ExcelApi 1.1): checks with the same verdict in 3 syncs, says plainly what it cannot do, offers legacy text to copy', async () => {
    const { context, page, errors } = await excelPage('1.1');
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    const expected = expectedIssues();
    const shown = await shownIssues(page);
    expect(shown.map(({ sheet, cell, code }) => ({ sheet, cell, code }))).toEqual(expected.map(({ sheet, cell, code }) => ({ sheet, cell, code })));
    expect((await fake(page)).syncsPerRun).toEqual([3]);
    // Fonts came cell by cell: the TCVN3 text in its .VnTime font is found.
    expect(shown.map((i) => i.code)).toContain('legacy-tcvn3');
    // No buttons that Excel would refuse; plain notes instead, without API names.
    expect(await page.$('#highlight-button')).toBeNull();
    expect(await page.$('#fix-button')).toBeNull();
    const notes = await page.$$eval('.read-note', (els) => els.map((e) => e.textContent ?? ''));
    expect(notes).toEqual([NOTES.merges, NOTES.edit]);
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toMatch(/ExcelApi|API|1\.1\b/);
    expect(text).not.toContain('Sửa bảng mã');
    expect(await page.inputValue('.copy-fix textarea')).toBe(LEGACY_UNICODE);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on volume-licensed Excel 2019 (ExcelApi 1.7): paints and clears cell by cell, fixes legacy text, and says merges are not checked', async () => {
    const { context, page, errors } = await excelPage('1.7');
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    expect(await page.$$eval('.read-note', (els) => els.map((e) => e.textContent ?? ''))).toEqual([NOTES.merges]);
    const expected = expectedIssues().filter((i) => i.cell);
    await page.click('#highlight-button');
    await page.waitForSelector('.notice-success');
    const fills = await page.evaluate((list) => list.map(([s, c]) => (window as unknown as FakeWindow).__fakeExcel.fill(s, c)), expected.map((i) => [i.sheet, i.cell]) as [string, string][]);
    expect(fills.map((f) => f.color)).toEqual(expected.map((i) => HIGHLIGHT_COLORS[i.severity]));
    expect((await fake(page)).rangeAreas).toEqual([]);
    await page.click('#clear-button');
    await page.waitForSelector('.notice-success');
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.settings())).toEqual({});
    await page.click('#fix-button');
    await page.click('#fix-confirm');
    await page.waitForSelector('.notice-success');
    expect(await page.evaluate((s) => (window as unknown as FakeWindow).__fakeExcel.value(s, 'I5'), TASKS)).toEqual({ v: LEGACY_UNICODE, font: 'Times New Roman' });
    expect((await fake(page)).syncsPerRun.every((n) => n <= 3)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in a webview too old for the page (Internet Explorer in Office 2016/2019 volume), points to this page in a modern browser', async () => {
    const { context } = await newContext(320, 600);
    // What IE11 lacks: ES modules (so the pane's script never runs).
    await context.addInitScript({ content: 'delete HTMLScriptElement.prototype.noModule;' });
    await context.route(/\/assets\/.*\.js$/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${server.url}/taskpane.html`);
    const alert = (await page.textContent('[role="alert"]')) ?? '';
    expect(alert).toContain('Chrome, Edge hoặc Cốc Cốc');
    expect(alert).not.toMatch(/ExcelApi|API/);
    expect(await page.getAttribute('#standalone-link', 'href')).toBe(`${server.url}/taskpane.html`);
    await context.close();
  });

  it('runs in Microsoft Edge Legacy (Office 2016/2019 retail without WebView2): built-ins newer than EdgeHTML 18 removed', async () => {
    const { context, page, errors } = await excelPage('1.13', 320, 900, EDGE_HTML_18);
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    expect(await page.evaluate(() => typeof (Object as unknown as { fromEntries?: unknown }).fromEntries)).toBe('function');
    const shown = await shownIssues(page);
    expect(shown).toEqual(expectedIssues().map(({ sheet, cell, code, message }) => ({ sheet, cell, code, message })));
    await page.click('#highlight-button');
    await page.waitForSelector('.notice-success');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says clearly, without jargon, when Excel is too old for any add-in', async () => {
    const { context, page } = await excelPage('1.0', 320, 600);
    await page.waitForSelector('[role="alert"]');
    const alert = (await page.textContent('[role="alert"]')) ?? '';
    expect(alert).toContain('Excel 2016');
    expect(alert).not.toMatch(/ExcelApi|API/);
    expect(await page.$('#check-button')).toBeNull();
    expect(await page.$('#file-input')).not.toBeNull();
    await context.close();
  });
});

describe('standalone validator (no Office, no network)', () => {
  it('with the real Office library loaded outside Office, falls back to the standalone page with no console error', async () => {
    const { context, served } = await newContext(760, 1000, true);
    const page = await context.newPage();
    const errors = watchErrors(page, false);
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('#drop-zone');
    // The built page keeps Microsoft's CDN reference; the test answers it with the package's copy.
    expect(readFileSync(join(DIST, 'taskpane.html'), 'utf8')).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    expect(served).toContain('office.js');
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe('function');
    expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('standalone');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks a chosen .xlsx in the browser with the same result as npm run validate', async () => {
    const { context, requests } = await newContext(760, 1000, true);
    const page = await context.newPage();
    const errors = watchErrors(page, false);
    const started = Date.now();
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('#drop-zone');
    expect(Date.now() - started).toBeLessThan(5000);

    // The first Tab reaches "Chọn tệp…", with a visible focus ring (the file input is no Tab stop).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chọn tệp…');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);

    // Once the page is open, checking needs no network.
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.setInputFiles('#file-input', sampleFile);
    await page.waitForSelector('#summary[data-errors]');
    const cli = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_ROOT, 'generator', 'cli', 'validate.ts'), '--json', sampleFile], {
      encoding: 'utf8',
      cwd: REPO_ROOT,
    });
    expect(cli.status).toBe(1);
    const report = JSON.parse(cli.stdout) as { files: { issues: Shown[] }[] };
    const fromCli = report.files[0]!.issues.map(({ sheet, cell, code, message }) => ({ sheet, cell, code, message }));
    const shown = await shownIssues(page);
    // The same issues; legacy text is offered to copy instead of pointing at Excel's "Sửa bảng mã".
    expect(shown.map(({ sheet, cell, code }) => ({ sheet, cell, code }))).toEqual(fromCli.map(({ sheet, cell, code }) => ({ sheet, cell, code })));
    expect(shown.filter((i) => !i.code.startsWith('legacy-'))).toEqual(fromCli.filter((i) => !i.code.startsWith('legacy-')));
    expect(shown.some((i) => i.code === 'legacy-tcvn3')).toBe(true);
    expect(await page.inputValue('.copy-fix textarea')).toBe(LEGACY_UNICODE);

    expect(await page.textContent('.summary-file')).toContain('bao-cao-so-tttt-2023-01.xlsx');
    await page.screenshot({ path: join(SCREENSHOTS, 'standalone.png'), fullPage: false });
    await page.locator('.issue', { has: page.locator('.issue-main[data-code="legacy-tcvn3"]') }).locator('.help-toggle').click();
    expect(await page.textContent('body')).not.toContain('Sửa bảng mã');

    // A broken file gets a Vietnamese reason, and a dropped file is checked too.
    await page.setInputFiles('#file-input', { name: 'hong.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('đây không phải tệp zip') });
    await page.waitForSelector('.summary-error');
    expect(await page.textContent('.summary-error')).toContain(CATALOGUE['file-unreadable'].title);
    await page.evaluate(async (bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'keo-tha.xlsx'));
      document.getElementById('drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...sample.bytes]);
    await page.waitForFunction(() => document.querySelector('.summary-file')?.textContent?.includes('keo-tha.xlsx'));
    expect((await shownIssues(page)).length).toBe(fromCli.length);

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.url) && !OFFICE_CDN.test(u) && !OFFICE_JS_LOGGING.test(u))).toEqual([]);
    await context.close();
  });
});
