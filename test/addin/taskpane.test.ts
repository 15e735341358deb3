import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, loadPlan } from '../../generator/plan/loadPlan.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { HIGHLIGHT_COLORS } from '../../addin/src/office/highlight.ts';
import { LEGACY_UNICODE, modelToGrid, PLAN_ID, sampleWorkbook, TASKS, type SampleWorkbook } from './support/sampleWorkbook.ts';
import { serveDir } from './support/server.ts';

/**
 * The task pane in headless Chromium, built as shipped (vite build) and served over HTTP. Office.js
 * from Microsoft's CDN is blocked: in add-in mode a fake Office host (support/fakeOffice.js) backed
 * by a real workbook stands in for Excel; without it the page is the standalone validator.
 */

const TMP = join(REPO_ROOT, 'test', '.tmp', 'addin');
const DIST = join(TMP, 'dist');
const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_CDN = /appsforoffice\.microsoft\.com/;

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

async function newContext(width: number, height: number): Promise<{ context: BrowserContext; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'vi-VN' });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(OFFICE_CDN, (route) => route.abort());
  return { context, requests };
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

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/appsforoffice|ERR_FAILED|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

const fake = (page: Page): Promise<FakeExcel['log']> => page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.log);

describe('task pane in Excel (fake Office host)', () => {
  it('checks the open workbook, goes to cells, highlights and clears, and fixes legacy text', async () => {
    const { context, requests } = await newContext(320, 900);
    const grid = modelToGrid(sample.model, sample.fills, sample.protectedSheets);
    const fakeOffice = readFileSync(join(REPO_ROOT, 'test', 'addin', 'support', 'fakeOffice.js'), 'utf8');
    await context.addInitScript({ content: `${fakeOffice}\ninstallFakeOffice(${JSON.stringify(grid)});` });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.html`);

    // The check: the same issues as the core validator on the same workbook, read in 3 syncs.
    await page.click('#check-button');
    await page.waitForSelector('#summary[data-errors]');
    const expected = validateWorkbook(loadPlan(PLAN_ID), sample.model, { today: todayInVietnam() }).issues;
    expect(await shownIssues(page)).toEqual(expected.map(({ sheet, cell, code, message }) => ({ sheet, cell, code, message })));
    expect((await fake(page)).syncsPerRun).toEqual([3]);
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
    expect(requests.filter((u) => !u.startsWith(server.url) && !OFFICE_CDN.test(u))).toEqual([]);
    await context.close();
  });

  it('says clearly when Excel is too old for the add-in', async () => {
    const { context } = await newContext(320, 600);
    const grid = { ...modelToGrid(sample.model), excelApi: '1.8' };
    const fakeOffice = readFileSync(join(REPO_ROOT, 'test', 'addin', 'support', 'fakeOffice.js'), 'utf8');
    await context.addInitScript({ content: `${fakeOffice}\ninstallFakeOffice(${JSON.stringify(grid)});` });
    const page = await context.newPage();
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toContain('ExcelApi 1.9');
    expect(await page.$('#check-button')).toBeNull();
    expect(await page.$('#file-input')).not.toBeNull();
    await context.close();
  });
});

describe('standalone validator (no Office, no network)', () => {
  it('checks a chosen .xlsx in the browser with the same result as npm run validate', async () => {
    const { context, requests } = await newContext(760, 1000);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const started = Date.now();
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForSelector('#drop-zone');
    expect(Date.now() - started).toBeLessThan(5000);

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
    expect(await shownIssues(page)).toEqual(fromCli);
    expect(await page.textContent('.summary-file')).toContain('bao-cao-so-tttt-2023-01.xlsx');
    await page.screenshot({ path: join(SCREENSHOTS, 'standalone.png'), fullPage: false });

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
    expect(requests.filter((u) => !u.startsWith(server.url) && !OFFICE_CDN.test(u))).toEqual([]);
    await context.close();
  });
});
