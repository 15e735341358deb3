import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { listPlanIds, loadPlan } from '../../generator/plan/loadPlan.ts';
import { buildPlanWorkbook } from '../../generator/plan/writePlanWorkbook.ts';
import { planToYaml } from '../../generator/cli/planWorkbook.ts';
import { main as planMain } from '../../generator/cli/plan.ts';
import { main as templateMain } from '../../generator/cli/template.ts';
import { readPlanWorkbook } from '../../core/plan/readPlanWorkbook.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import { parsePlan } from '../../core/plan/parsePlan.ts';
import { PLAN_ISSUES, PLAN_ISSUE_CODES, type PlanIssueCode, type PlanWorkbookIssue } from '../../core/plan/planIssues.ts';
import { PLAN_SHEETS, TASK_COLUMNS, INDICATOR_COLUMNS } from '../../core/plan/workbookLayout.ts';
import { bytesToModelSync } from '../../xlsx/bytesToModel.ts';
import { deterministicZip } from '../../generator/output/deterministicZip.ts';
import { expectValidOoxml } from '../helpers/ooxml.ts';

/** Issue 13.1–13.5: the plan as an Excel workbook the officer edits, read back to the same plan. */

const dir = mkdtempSync(join(tmpdir(), 'da06-planwb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(bytes: Uint8Array) {
  const model = bytesToModelSync(bytes, () => true);
  if (typeof model === 'string') throw new Error(model);
  return readPlanWorkbook(model);
}

const exported = new Map<string, Uint8Array>();
beforeAll(async () => {
  for (const id of listPlanIds()) exported.set(id, await buildPlanWorkbook(loadPlan(id).plan));
});

describe('round trip', () => {
  it('gives every plan back with the same hash: YAML → workbook → plan → YAML', () => {
    expect(listPlanIds()).toHaveLength(5);
    for (const id of listPlanIds()) {
      const np = loadPlan(id);
      const back = read(exported.get(id)!);
      expect(back.ok ? [] : back.issues, id).toEqual([]);
      if (!back.ok) continue;
      expect(normalizePlan(back.plan).hash, id).toBe(np.hash);
      expect(back.plan).toEqual(np.plan);
      const yaml = parsePlan(planToYaml(back.plan, `${id}.xlsx`), `${id}.yaml`);
      expect(yaml.ok && normalizePlan(yaml.plan).hash, id).toBe(np.hash);
    }
  });

  it('is valid ISO/IEC 29500 (dropdowns from the hidden list sheet, frozen headers, row heights)', () => {
    expectValidOoxml(exported.get('can-tho-2022')!);
    const parts = unzipSync(exported.get('can-tho-2022')!);
    const sheets = Object.keys(parts).filter((n) => n.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBeGreaterThanOrEqual(10);
    for (const n of sheets) expect(strFromU8(parts[n]!), n).toMatch(/<sheetFormatPr [^>]*x14ac:dyDescent="0.25"/);
  }, 60_000);

  it('is the same bytes for the same plan', async () => {
    expect(Buffer.from(await buildPlanWorkbook(loadPlan('can-tho-2022').plan)).equals(Buffer.from(exported.get('can-tho-2022')!))).toBe(true);
  });

  const hasLibreOffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasLibreOffice)('gives the same plans after LibreOffice re-saves the workbooks', () => {
    const inDir = join(dir, 'lo-in');
    const outDir = join(dir, 'lo-out');
    mkdirSync(inDir, { recursive: true });
    for (const [id, bytes] of exported) writeFileSync(join(inDir, `${id}.xlsx`), bytes);
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, ...[...exported.keys()].map((id) => join(inDir, `${id}.xlsx`))], {
      stdio: 'ignore',
      timeout: 170_000,
    });
    for (const id of exported.keys()) {
      const resaved = readFileSync(join(outDir, `${id}.xlsx`));
      expect(Buffer.from(resaved).equals(Buffer.from(exported.get(id)!)), id).toBe(false); // LibreOffice did write its own file
      const back = read(resaved);
      expect(back.ok ? [] : back.issues, id).toEqual([]);
      if (back.ok) expect(normalizePlan(back.plan).hash, id).toBe(loadPlan(id).hash);
    }
  }, 180_000);
});

/** The exported Cần Thơ plan, edited as an officer would, then read back. */
async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<PlanWorkbookIssue[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.get('can-tho-2022')!) as unknown as ArrayBuffer);
  edit(wb);
  const r = read(deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer())));
  return r.ok ? [] : r.issues;
}

const col = (columns: Record<string, { header: string }>, key: string): string => String.fromCharCode(65 + Object.keys(columns).indexOf(key));
const T = (key: keyof typeof TASK_COLUMNS) => col(TASK_COLUMNS, key);
const I = (key: keyof typeof INDICATOR_COLUMNS) => col(INDICATOR_COLUMNS, key);
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

/** One planted mistake for each code of the catalogue, and where it must be reported. */
const CASES: { code: PlanIssueCode; sheet: string; cell: string; edit: (wb: ExcelJS.Workbook) => void; says?: RegExp }[] = [
  { code: 'plan-sheet-missing', sheet: PLAN_SHEETS.headings, cell: '', edit: (wb) => wb.removeWorksheet(sheet(wb, PLAN_SHEETS.headings).id) },
  { code: 'plan-header-missing', sheet: PLAN_SHEETS.tasks, cell: 'A1', edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('lead')}1`).value = 'Đơn vị chính'), says: /thiếu cột "Chủ trì"/ },
  { code: 'plan-merged-cell', sheet: PLAN_SHEETS.tasks, cell: `${T('lead')}3`, edit: (wb) => sheet(wb, PLAN_SHEETS.tasks).mergeCells(`${T('lead')}3:${T('support')}3`), says: /F3:G3 bị gộp/ },
  { code: 'plan-field-missing', sheet: PLAN_SHEETS.tasks, cell: `${T('title')}4`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('title')}4`).value = null) },
  { code: 'plan-value-invalid', sheet: PLAN_SHEETS.agencies, cell: 'D3', edit: (wb) => (sheet(wb, PLAN_SHEETS.agencies).getCell('D3').value = 'Sở'), says: /"Sở" không có trong danh sách/ },
  { code: 'plan-code-invalid', sheet: PLAN_SHEETS.agencies, cell: 'A3', edit: (wb) => (sheet(wb, PLAN_SHEETS.agencies).getCell('A3').value = 'Sở TT&TT') },
  { code: 'plan-number-invalid', sheet: PLAN_SHEETS.plan, cell: 'B14', edit: (wb) => (sheet(wb, PLAN_SHEETS.plan).getCell('B14').value = 'ngày 15') },
  { code: 'plan-date-invalid', sheet: PLAN_SHEETS.plan, cell: 'B4', edit: (wb) => (sheet(wb, PLAN_SHEETS.plan).getCell('B4').value = '31/02/2022') },
  { code: 'plan-month-invalid', sheet: PLAN_SHEETS.indicators, cell: `${I('from')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.indicators).getCell(`${I('from')}2`).value = 'tháng Bảy') },
  {
    code: 'plan-deadline-unreadable',
    sheet: PLAN_SHEETS.tasks,
    cell: `${T('deadline')}2`,
    edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('deadline')}2`).value = 'Sớm nhất có thể'),
    says: /Không hiểu thời hạn "Sớm nhất có thể".*"Trước ngày 20\/3\/2026".*"Thường xuyên".*Cách hiểu thời hạn/,
  },
  { code: 'plan-deadline-before-plan', sheet: PLAN_SHEETS.tasks, cell: `${T('deadline')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('deadline')}2`).value = 'Trong năm 2021') },
  {
    code: 'plan-district-stage',
    sheet: PLAN_SHEETS.tasks,
    cell: `${T('deadline')}2`,
    edit: (wb) => {
      // Make the city two-tier: its districts become communes, then stage a deadline at the district level.
      sheet(wb, PLAN_SHEETS.agencies).eachRow((row, n) => {
        if (n > 1 && row.getCell(4).value === 'UBND cấp huyện') {
          row.getCell(4).value = 'UBND phường';
          row.getCell(5).value = 'Xã';
        }
      });
      sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('deadline')}2`).value = 'Cấp tỉnh từ ngày 01/7/2022; cấp huyện từ ngày 01/10/2022';
    },
  },
  { code: 'plan-duplicate', sheet: PLAN_SHEETS.tasks, cell: `${T('id')}3`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('id')}3`).value = 'III.1'), says: /Mã nhiệm vụ "III.1" bị trùng/ },
  { code: 'plan-agency-unknown', sheet: PLAN_SHEETS.tasks, cell: `${T('lead')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('lead')}2`).value = 'CATP, SO_KHONG_CO'), says: /"SO_KHONG_CO" chưa được khai báo/ },
  { code: 'plan-set-self', sheet: PLAN_SHEETS.sets, cell: 'C2', edit: (wb) => (sheet(wb, PLAN_SHEETS.sets).getCell('C2').value = `${sheet(wb, PLAN_SHEETS.sets).getCell('C2').value}, SO_BAN_NGANH`), says: /chứa chính nó/ },
  { code: 'plan-set-clash', sheet: PLAN_SHEETS.sets, cell: 'A2', edit: (wb) => (sheet(wb, PLAN_SHEETS.sets).getCell('A2').value = 'SO_TTTT') },
  { code: 'plan-group-unknown', sheet: PLAN_SHEETS.tasks, cell: `${T('group')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('group')}2`).value = 'G9') },
  { code: 'plan-heading-unknown', sheet: PLAN_SHEETS.tasks, cell: `${T('heading')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('heading')}2`).value = 'IX') },
  {
    code: 'plan-task-unassigned',
    sheet: PLAN_SHEETS.tasks,
    cell: `${T('id')}2`,
    edit: (wb) => {
      sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('lead')}2`).value = null;
      sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('executing')}2`).value = null;
    },
  },
  { code: 'plan-target-without-unit', sheet: PLAN_SHEETS.indicators, cell: `${I('unit')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.indicators).getCell(`${I('unit')}2`).value = null) },
  { code: 'plan-percent-without-denominator', sheet: PLAN_SHEETS.indicators, cell: `${I('denominatorLabel')}2`, edit: (wb) => (sheet(wb, PLAN_SHEETS.indicators).getCell(`${I('denominatorLabel')}2`).value = null) },
  { code: 'plan-standing-unknown', sheet: PLAN_SHEETS.plan, cell: 'B8', edit: (wb) => (sheet(wb, PLAN_SHEETS.plan).getCell('B8').value = 'CONG_AN') },
  { code: 'plan-replaced-invalid', sheet: PLAN_SHEETS.agencies, cell: 'G3', edit: (wb) => (sheet(wb, PLAN_SHEETS.agencies).getCell('G3').value = 'CATP') },
];

describe('mistakes in a plan workbook', () => {
  it.each(CASES)('$code is reported at $sheet!$cell, in Vietnamese, with what to do', async ({ code, sheet: sheetName, cell, edit, says }) => {
    const issues = await edited(edit);
    const hit = issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit).toMatchObject({ sheet: sheetName, cell });
    expect(hit!.message).toContain(PLAN_ISSUES[code].fix);
    expect(hit!.message).toBe(hit!.message.normalize('NFC'));
    if (says) expect(hit!.message).toMatch(says);
  });

  it('has a planted case for every code of the catalogue but the unreadable file', () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(PLAN_ISSUE_CODES.filter((c) => c !== 'plan-unreadable')));
  });

  it('takes a new commune\'s level from its kind when the officer leaves "Cấp" empty', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.get('can-tho-2022')!) as unknown as ArrayBuffer);
    const ws = sheet(wb, PLAN_SHEETS.agencies);
    ws.addRow(['XA_MOI', 'UBND xã Mới', null, 'UBND xã', null, null, null, null]);
    const r = read(deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(r.ok && r.plan.agencies.find((a) => a.code === 'XA_MOI')).toMatchObject({ kind: 'commune', commune: 'xa', level: 'commune', reports: true });
  });

  it('reads a second target of an indicator from the row below it', async () => {
    const issues = await edited((wb) => {
      const ws = sheet(wb, PLAN_SHEETS.indicators);
      ws.spliceRows(3, 0, []);
      ws.getCell(`${I('id')}3`).value = ws.getCell(`${I('id')}2`).value;
      ws.getCell(`${I('comparator')}3`).value = '>=';
      ws.getCell(`${I('value')}3`).value = 95;
      ws.getCell(`${I('targetFrom')}3`).value = '01/2025';
    });
    expect(issues).toEqual([]);
  });
});

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every plan-workbook mistake of the catalogue with its fix', () => {
    for (const code of PLAN_ISSUE_CODES) expect(readme).toContain(`| \`${code}\` | ${PLAN_ISSUES[code].title} | ${PLAN_ISSUES[code].fix} |`);
  });
});

describe('npm run plan -- export / import', () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...a: unknown[]) => out.push(a.join(' '));
    console.error = (...a: unknown[]) => err.push(a.join(' '));
    try {
      return { code: await planMain(argv), out: out.join('\n'), err: err.join('\n') };
    } finally {
      console.log = log;
      console.error = error;
    }
  }

  it('exports a plan, imports it back to YAML, and a workbook path works as a plan', async () => {
    const xlsx = join(dir, 'KH.xlsx');
    const yaml = join(dir, 'hai-duong-2023.yaml');
    expect((await run(['export', 'hai-duong-2023', '--out', xlsx])).code).toBe(0);
    const imp = await run(['import', xlsx, '--out', yaml]);
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('Kế hoạch hợp lệ');
    const back = parsePlan(readFileSync(yaml, 'utf8'), yaml);
    expect(back.ok && normalizePlan(back.plan).hash).toBe(loadPlan('hai-duong-2023').hash);
    expect(loadPlan(xlsx).hash).toBe(loadPlan('hai-duong-2023').hash);
    const json = await run([xlsx, '--json']);
    expect(JSON.parse(json.out).id).toBe('hai-duong-2023');
    // Any --plan takes the workbook: the template command makes a form from it.
    const agency = loadPlan(xlsx).reportingAgencies[1]!.code;
    const form = join(dir, 'form.xlsx');
    expect(await templateMain(['--plan', xlsx, '--agency', agency, '--period', '2024-01', '--out', form])).toBe(0);
    expect(readFileSync(form).length).toBeGreaterThan(1000);
  });

  it('reports a broken workbook by sheet and cell, exit 2, no stack trace', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.get('can-tho-2022')!) as unknown as ArrayBuffer);
    sheet(wb, PLAN_SHEETS.tasks).getCell(`${T('lead')}2`).value = 'SO_KHONG_CO';
    const bad = join(dir, 'sai.xlsx');
    writeFileSync(bad, new Uint8Array(await wb.xlsx.writeBuffer()));
    const r = await run(['import', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`sai.xlsx: trang "${PLAN_SHEETS.tasks}", ô ${T('lead')}2: Mã cơ quan "SO_KHONG_CO" chưa được khai báo`);
    expect(r.err).not.toMatch(/^\s+at /m);
    const notXlsx = join(dir, 'khong-phai.xlsx');
    writeFileSync(notXlsx, 'không phải bảng tính');
    const r2 = await run(['import', notXlsx]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/khong-phai\.xlsx: Không đọc được tệp kế hoạch: .*không phải bảng tính/);
    expect((await run(['export', 'khong-co', '--out', join(dir, 'x.xlsx')])).code).toBe(2);
  });
});
