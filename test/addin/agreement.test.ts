import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as validateMain } from '../../generator/cli/validate.ts';
import { REPO_ROOT, PLANS_DIR } from '../../generator/plan/loadPlan.ts';
import { excelHost } from '../../addin/src/office/officeHost.ts';
import { excelFeatures } from '../../addin/src/office/features.ts';
import { PlanLibrary, runCheck, type PlanTexts } from '../../addin/src/check/runCheck.ts';
import { fromA1 } from '../../core/workbook/address.ts';
import type { HostRead } from '../../addin/src/host.ts';
import { API_LEVELS, readContext, supports, type ApiLevel } from './support/mockContext.ts';
import { officeView } from './support/officeView.ts';
import type { Grid } from './support/sampleWorkbook.ts';
import { INFO, sampleWorkbook, TASKS } from './support/sampleWorkbook.ts';

/**
 * One verdict everywhere: every workbook under samples/ (every plan's blank forms, filled examples,
 * demo submissions and training exercises), the add-in tests' own workbook and copies of it damaged
 * the ways clerks damage forms, checked through `npm run validate --json FILE` (in-process, one file
 * at a time, as the add-in sees one workbook) and through the add-in's path (its Office reader on an
 * office-addin-mock context backed by the same file, then the pane's check), issue by issue, on
 * Excel with ExcelApi 1.1, 1.7 and everything.
 */

const TODAY = '2023-07-20';

function xlsxUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return xlsxUnder(path);
      return name.endsWith('.xlsx') ? [path] : [];
    });
}

interface Shown {
  severity: string;
  code: string;
  sheet: string;
  cell: string;
  message: string;
}

const files = xlsxUnder(join(REPO_ROOT, 'samples'));
const library = new PlanLibrary(
  Object.fromEntries(
    readdirSync(PLANS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f.replace(/\.yaml$/, ''), readFileSync(join(PLANS_DIR, f), 'utf8')]),
  ) as PlanTexts,
);

const cli = new Map<string, { valid: boolean; issues: Shown[] }>();
const views = new Map<string, Grid>();

/** The add-in tests' workbook, and the same with a merge over two result cells a clerk fills. */
const TMP = join(REPO_ROOT, 'test', '.tmp', 'agreement');
const SAMPLE = join(TMP, 'SO_TTTT.xlsx');
const MERGED = join(TMP, 'SO_TTTT-gop-o.xlsx');

async function edited(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The test workbook damaged the ways clerks damage forms: each is checked by both paths too. */
const DAMAGED: Record<string, (wb: ExcelJS.Workbook) => void> = {
  'don-vi-khac': (wb) => (wb.getWorksheet(INFO)!.getCell('B3').value = 'Sở Y tế'),
  'loi-cong-thuc': (wb) => (wb.getWorksheet(TASKS)!.getCell('G4').value = { formula: 'G5/0', result: { error: '#DIV/0!' } }),
  'phan-tram': (wb) => {
    const cell = wb.getWorksheet(TASKS)!.getCell('G5');
    cell.value = 100;
    cell.numFmt = '0%';
  },
  'ngay-la-chu': (wb) => (wb.getWorksheet(TASKS)!.getCell('H4').value = '10/01/2023'),
  'xoa-dong': (wb) => wb.getWorksheet(TASKS)!.spliceRows(6, 1),
  'gop-o-trong-dong': (wb) => wb.getWorksheet(TASKS)!.mergeCells('F8:G8'),
  'so-chu': (wb) => (wb.getWorksheet(TASKS)!.getCell('G6').value = 'ba mươi'),
};

beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  const sample = await sampleWorkbook();
  writeFileSync(SAMPLE, sample.bytes);
  writeFileSync(MERGED, await edited(sample.bytes, (wb) => wb.getWorksheet(TASKS)!.mergeCells('I6:I7')));
  files.push(SAMPLE, MERGED);
  for (const [name, edit] of Object.entries(DAMAGED)) {
    const file = join(TMP, `SO_TTTT-${name}.xlsx`);
    writeFileSync(file, await edited(sample.bytes, edit));
    files.push(file);
  }
  // One `npm run validate --json FILE` per file: the add-in sees one workbook at a time (files given
  // together are also checked against each other, which the add-in cannot do).
  for (const file of files) {
    const out: string[] = [];
    await validateMain(['--json', file], { out: (l) => out.push(l), err: () => {} }, TODAY);
    const [f] = JSON.parse(out.join('\n')).files as { file: string; valid: boolean; issues: Shown[] }[];
    cli.set(file, f!);
  }
  for (const f of files) views.set(f, await officeView(new Uint8Array(readFileSync(f))));
}, 300_000);

async function addinCheck(file: string, level: ApiLevel): Promise<{ read: HostRead; valid: boolean; issues: Shown[] }> {
  const features = excelFeatures((name, v) => name === 'ExcelApi' && supports(level, v ?? '1.1'));
  const host = excelHost(features, (batch) => batch(readContext(views.get(file)!, level).context), () => file);
  const read = await host.read();
  if (read.unreadable) return { read, valid: false, issues: [{ severity: 'error', code: 'file-unreadable', sheet: '', cell: '', message: read.unreadable }] };
  const outcome = runCheck(library, read.model, { today: TODAY, ...(read.fileName ? { fileName: read.fileName } : {}) });
  if (outcome.kind !== 'checked') throw new Error(`${file}: ${outcome.kind}`);
  return { read, valid: outcome.result.valid, issues: outcome.result.issues.map(({ severity, code, sheet, cell, message }) => ({ severity, code, sheet, cell, message })) };
}

/** Whether `cell` lies in one of the sheet's merged areas. */
function inMerge(grid: Grid, sheet: string, cell: string): boolean {
  const p = fromA1(cell);
  if (!p) return false;
  return (grid.sheets.find((s) => s.name === sheet)?.merges ?? []).some((m) => {
    const [a, b] = m.split(':').map((x) => fromA1(x)!);
    return p.row >= a!.row && p.row <= (b ?? a)!.row && p.col >= a!.col && p.col <= (b ?? a)!.col;
  });
}

const key = (i: Shown) => JSON.stringify([i.severity, i.code, i.sheet, i.cell, i.message]);

describe('npm run validate and the add-in give the same verdict', () => {
  it('covers every sample plan’s workbooks', () => {
    const plans = new Set(files.filter((f) => f.startsWith(join(REPO_ROOT, 'samples'))).map((f) => relative(join(REPO_ROOT, 'samples'), f).split(/[\\/]/)[0]));
    for (const id of library.ids()) expect(plans.has(id), id).toBe(true);
    expect(files.length).toBeGreaterThan(100);
    // Not a comparison of empty lists: many files have issues, of many kinds.
    const all = [...cli.values()];
    expect(all.filter((f) => !f.valid).length).toBeGreaterThan(10);
    expect(new Set(all.flatMap((f) => f.issues.map((i) => i.code))).size).toBeGreaterThan(10);
  });

  it('before ExcelApi 1.13 the add-in knows it cannot see merges, and says so', async () => {
    for (const level of ['1.1', '1.7'] as const) expect((await addinCheck(MERGED, level)).read.mergesUnknown).toBe(true);
    expect((await addinCheck(MERGED, 'all')).read.mergesUnknown).toBe(false);
    expect((await addinCheck(MERGED, 'all')).read.model.sheets.find((s) => s.name === TASKS)!.merges).toContain('I6:I7');
  });

  it.each(API_LEVELS)('issue by issue, on Excel with ExcelApi %s', async (level) => {
    const mismatches: string[] = [];
    const mergeNotes: string[] = [];
    for (const file of files) {
      const fromCli = cli.get(file)!;
      const fromAddin = await addinCheck(file, level);
      const name = relative(REPO_ROOT, file);
      if (level === 'all' || !fromAddin.read.mergesUnknown) {
        if (JSON.stringify(fromAddin.issues) !== JSON.stringify(fromCli.issues) || fromAddin.valid !== fromCli.valid) mismatches.push(name);
        continue;
      }
      // Before ExcelApi 1.13 Excel does not tell merges: the pane says so, and every difference must
      // be about merged cells (the rest of the verdict is the same).
      const a = new Set(fromAddin.issues.map(key));
      const c = new Set(fromCli.issues.map(key));
      const differing = [...fromAddin.issues.filter((i) => !c.has(key(i))), ...fromCli.issues.filter((i) => !a.has(key(i)))];
      if (differing.some((i) => !inMerge(views.get(file)!, i.sheet, i.cell))) mismatches.push(name);
      if (differing.length) mergeNotes.push(name);
    }
    expect(mismatches).toEqual([]);
    // The samples have no merge over a cell the clerk fills: there the verdicts are the same on
    // every Excel; only the workbook with such a merge may differ, where the pane says it cannot see merges.
    expect(mergeNotes.filter((n) => !/gop-o/.test(n))).toEqual([]);
    // …and those do differ there (the CLI's merged-input-cells), which is why the pane says so.
    if (level !== 'all') expect(mergeNotes.sort()).toEqual([relative(REPO_ROOT, MERGED), relative(REPO_ROOT, join(TMP, 'SO_TTTT-gop-o-trong-dong.xlsx'))].sort());
  }, 300_000);
});
