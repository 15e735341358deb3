import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type ExcelJS from 'exceljs';
import { validFilling } from '../../generator/samples/scenario.ts';
import { isoDate, type Filling } from '../../generator/samples/fillWorkbook.ts';
import { legacyMappingTable } from '../../core/text/legacyEncoding.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { codesAt, layoutOf, makeWorkbook, plan, period, tempDir, validateBytes, type Checked, type WorkbookSpec } from '../helpers/workbooks.ts';

/**
 * Clerks open the workbook in LibreOffice Calc and save it again: the validator must give the same
 * result for the re-saved file as for the original (blank, correct, and with mistakes).
 */

const run = promisify(execFile);
const QN22 = 'quang-ngai-2022';

const tcvn3 = (text: string): string => {
  const inverse = new Map(legacyMappingTable('tcvn3'));
  return [...text].map((ch) => inverse.get(ch) ?? ch).join('');
};

function withMistakes(): Filling {
  const f = validFilling(plan(QN22), 'SO_TTTT', period('2023-01'), { reportDate: '2023-01-12' });
  return {
    ...f,
    info: { ...f.info, preparer: null, date: '12/01/2023' },
    tasks: {
      ...f.tasks,
      'III.1': { status: 'Xong' },
      'III.2.a': { status: STATUS.inProgress, progress: '80 %', result: null },
      'III.2.b': { status: STATUS.done, progress: '12,5', completedOn: '05/01/2023', result: 'Đã xong.' },
      'III.2.c': { status: STATUS.done, progress: 100, completedOn: isoDate('2023-01-20'), result: 'Đã xong.', difficulties: 'Không' },
      'III.2.d': { status: STATUS.notStarted, progress: 30, completedOn: isoDate('2023-01-02') },
      'III.3.a': { status: STATUS.inProgress, progress: 150, result: tcvn3('Đang rà soát dữ liệu') },
      'III.3.b': { status: STATUS.done, progress: 100, completedOn: 'tuần trước', result: { richText: [{ text: 'Đã ' }, { text: 'kết nối', font: { bold: true } }] } },
      'III.8.b': { status: { formula: '"Đang thực hiện"', result: STATUS.inProgress } as unknown as string, progress: 40, proposals: { formula: 'NA()', result: { error: '#N/A' } } as unknown as string },
    },
  };
}

interface Case {
  name: string;
  plan: string;
  spec: WorkbookSpec;
}

const CASES: Case[] = [
  { name: 'blank', plan: QN22, spec: { agency: 'SO_TTTT', period: '2023-01' } },
  { name: 'blank-district', plan: QN22, spec: { agency: 'H_BINH_SON', period: '2023-01' } },
  { name: 'filled', plan: QN22, spec: { agency: 'SO_TTTT', period: '2023-01', filling: validFilling(plan(QN22), 'SO_TTTT', period('2023-01')) } },
  {
    name: 'filled-indicators',
    plan: 'quang-ngai-2023',
    spec: { plan: 'quang-ngai-2023', agency: 'SO_TU_PHAP', period: '2023-03', filling: validFilling(plan('quang-ngai-2023'), 'SO_TU_PHAP', period('2023-03')) },
  },
  {
    name: 'indicator-mistakes',
    plan: 'quang-ngai-2023',
    spec: {
      plan: 'quang-ngai-2023',
      agency: 'SO_TU_PHAP',
      period: '2023-03',
      filling: { ...validFilling(plan('quang-ngai-2023'), 'SO_TU_PHAP', period('2023-03')), indicators: { 'III.2.e-1': { numerator: 120, denominator: 100 }, 'III.8.b.2-1': { numerator: '1.250', denominator: -3 } } },
    },
  },
  {
    name: 'mistakes',
    plan: QN22,
    spec: {
      agency: 'SO_TTTT',
      period: '2023-01',
      filling: { ...withMistakes(), fonts: {} },
      mutate: (wb: ExcelJS.Workbook) => {
        const ws = wb.getWorksheet('Nhiệm vụ')!;
        ws.getCell('I5').font = { name: '.VnTime' };
        ws.mergeCells('I6:I7');
        const p = ws.getCell('G7');
        p.value = 0.8;
        p.style = { ...p.style, numFmt: '0%' };
        let last = 0;
        ws.eachRow((_row, r) => (last = r));
        ws.getCell(`B${last + 1}`).value = 'III.99';
        ws.getCell(`B${last + 2}`).value = 'III.2.a';
        ws.spliceRows(11, 1); // III.3.c
      },
    },
  },
];

const tmp = tempDir('da06-roundtrip-');
const original = new Map<string, Checked>();
const resaved = new Map<string, Checked>();
let conversion = '';

beforeAll(async () => {
  const inDir = join(tmp.dir, 'in');
  const outDir = join(tmp.dir, 'out');
  mkdirSync(inDir);
  mkdirSync(outDir);
  const files: string[] = [];
  for (const c of CASES) {
    const bytes = await makeWorkbook(c.spec);
    const file = join(inDir, `${c.name}.xlsx`);
    writeFileSync(file, bytes);
    files.push(file);
    original.set(c.name, await validateBytes(bytes, c.plan));
  }
  const profile = `file://${join(tmp.dir, 'lo-profile')}`;
  const { stdout, stderr } = await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, ...files], { timeout: 90_000 });
  conversion = `${stdout}\n${stderr}`;
  for (const c of CASES) {
    const out = join(outDir, `${c.name}.xlsx`);
    if (existsSync(out)) resaved.set(c.name, await validateBytes(new Uint8Array(readFileSync(out)), c.plan));
  }
}, 120_000);

afterAll(() => tmp.cleanup());

describe('LibreOffice Calc round trip', () => {
  it('converted every file', () => {
    expect([...resaved.keys()], conversion).toEqual(CASES.map((c) => c.name));
  });

  it('the test workbooks are what they claim to be', () => {
    expect(original.get('filled')!.issues).toEqual([]);
    expect(original.get('filled-indicators')!.issues).toEqual([]);
    expect(original.get('blank')!.issues.length).toBeGreaterThan(10);
    const mistakes = new Set(original.get('mistakes')!.issues.map((i) => i.code));
    for (const code of ['preparer-missing', 'status-invalid', 'result-missing', 'progress-not-100', 'completion-date-after-report', 'progress-not-zero', 'completion-date-not-done', 'progress-invalid', 'completion-date-invalid', 'legacy-tcvn3', 'formula-error', 'task-row-unexpected', 'task-row-duplicate', 'task-row-missing']) {
      expect(mistakes.has(code as never), code).toBe(true);
    }
    expect(new Set(original.get('indicator-mistakes')!.issues.map((i) => i.code))).toEqual(new Set(['numerator-exceeds-denominator', 'indicator-negative']));
  });

  it.each(CASES.map((c) => c.name))('%s: same issues, at the same cells, after re-saving', (name) => {
    const a = original.get(name)!;
    const b = resaved.get(name);
    expect(b, conversion).toBeDefined();
    expect(codesAt(b!.issues)).toEqual(codesAt(a.issues));
    expect(b!.result.valid).toBe(a.result.valid);
    // Messages and fixes too (they quote the clerk's values).
    const msg = (c: Checked) => c.issues.map((i) => `${i.code}@${i.sheet}!${i.cell} ${i.message} ${i.fix?.replacement ?? ''}`).sort();
    expect(msg(b!)).toEqual(msg(a));
  });

  it.each(CASES.map((c) => c.name))('%s: the same submission is read back', (name) => {
    const a = original.get(name)!.result.submission;
    const b = resaved.get(name)!.result.submission;
    expect(b).toEqual(a);
  });

  it('the layout the contract promises survives (labels, headers, task rows)', () => {
    expect(layoutOf(resaved.get('filled')!.model)).toEqual(layoutOf(original.get('filled')!.model));
  });

  it('the metadata sheet stays hidden (LibreOffice may turn very hidden into hidden)', () => {
    const meta = resaved.get('blank')!.model.sheets.find((s) => s.name === '_da06');
    expect(meta).toBeDefined();
    expect(['hidden', 'veryHidden']).toContain(meta!.visibility);
  });
});
