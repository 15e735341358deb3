import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { validFilling } from '../../generator/samples/scenario.ts';
import { isoDate, type Filling, type TaskEntry } from '../../generator/samples/fillWorkbook.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { crossFileIssues } from '../../core/validation/crossFile.ts';
import { tasksForAgency, indicatorsForAgency, normalizePlan } from '../../core/plan/normalize.ts';
import { legacyMappingTable, type LegacyEncoding } from '../../core/text/legacyEncoding.ts';
import { CATALOGUE, ISSUE_CODES, type CatalogueEntry, type Issue } from '../../core/validation/catalogue.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { validateWorkbook, type ValidateOptions } from '../../core/validation/validate.ts';
import { readWorkbook } from '../../xlsx/bytesToModel.ts';
import { check, codesAt, layoutOf, makeWorkbook, plan, period, tempDir, validateBytes, type Checked, type Layout, type WorkbookSpec } from '../helpers/workbooks.ts';

/**
 * The validator's rules, each shown on a workbook made by the template writer and filled by test
 * code: a correct filling plus exactly one mistake gives exactly one issue, at the right cell.
 */

const QN22 = 'quang-ngai-2022';
const QN23 = 'quang-ngai-2023';
const AG = 'SO_TTTT';
const PER = '2023-01';
const REPORT_DATE = '2023-01-12';

// SO_TTTT in quang-ngai-2022, January 2023 (cut-off 14/01/2023):
const ON_REQUEST = 'III.2.a'; // never falls due
const NEXT_ON_REQUEST = 'III.2.b'; // by law: never falls due; the row below III.2.a
const OVERDUE = 'III.3.a'; // due 31/03/2022
const RECURRING = 'III.8.b'; // thường xuyên

const seen = new Set<string>();
let L: Layout;
let Lind: Layout;

const IN_PROGRESS: TaskEntry = { status: STATUS.inProgress, progress: 50, result: 'Đang phối hợp rà soát dữ liệu dân cư.' };
const DONE: TaskEntry = { status: STATUS.done, progress: 100, completedOn: isoDate('2023-01-05'), result: 'Đã hoàn thành kết nối dữ liệu.' };

function base(reportDate = REPORT_DATE): Filling {
  return validFilling(plan(QN22), AG, period(PER), { reportDate });
}

/** The valid filling with some tasks replaced and some info changed. */
function filling(tasks: Record<string, TaskEntry> = {}, info: Filling['info'] = {}, extra: Partial<Filling> = {}): Filling {
  const f = base();
  return { ...f, ...extra, info: { ...f.info, ...info }, tasks: { ...f.tasks, ...tasks } };
}

async function run(spec: Partial<WorkbookSpec> & { validatePlan?: string; options?: ValidateOptions } = {}): Promise<Checked> {
  const c = await check({ agency: AG, period: PER, filling: filling(), ...spec });
  for (const i of c.issues) {
    seen.add(i.code);
    expectGoodMessage(i);
  }
  return c;
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** Vietnamese, NFC, with a known code and severity, and an instruction for the clerk. */
function expectGoodMessage(i: Issue): void {
  expect(ISSUE_CODES).toContain(i.code);
  expect(i.severity).toBe(CATALOGUE[i.code].severity);
  expect(i.message.length, i.code).toBeGreaterThan(10);
  expect(i.message, `${i.code}: NFC`).toBe(i.message.normalize('NFC'));
  expect(i.message, `${i.code}: Vietnamese`).toMatch(VIETNAMESE);
  expect(i.message, `${i.code} tells the clerk what to do: ${i.message}`).toMatch(/Hãy |hãy |Chỉ ghi |phải là /);
  expect(i.cell === '' || /^[A-Z]{1,3}[1-9]\d*$/.test(i.cell), i.cell).toBe(true);
  // The catalogue owns the wording: every message ends with its entry's fix (or the fix for the place).
  const entry: CatalogueEntry = CATALOGUE[i.code];
  if (!entry.ownFix && !entry.fixAt) expect(i.message.endsWith(`Hãy ${entry.fix.charAt(0).toLowerCase()}${entry.fix.slice(1)}`), `${i.code}: ${i.message}`).toBe(true);
}

const taskCell = (id: string, header: string): string => `Nhiệm vụ!${L.taskCol[header]}${L.taskRow.get(id)}`;
const infoCell = (k: keyof Layout['info']): string => `Thông tin!${L.info[k]}`;

function worksheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row holding `id` in the id column (B) below the header, in an exceljs sheet. */
function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (!found && row.getCell(2).value === id) found = r;
  });
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function setMeta(wb: ExcelJS.Workbook, key: string, value: string): void {
  const ws = worksheet(wb, '_da06');
  ws.eachRow((row) => {
    if (row.getCell(1).value === key) row.getCell(2).value = value;
  });
}

function encoder(encoding: LegacyEncoding): (text: string) => string {
  const inverse = new Map(legacyMappingTable(encoding));
  return (text) => [...text.normalize('NFC')].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : inverse.get(ch) ?? ch)).join('');
}

beforeAll(async () => {
  L = layoutOf((await check({ agency: AG, period: PER })).model);
  Lind = layoutOf((await check({ plan: QN23, agency: 'SO_TU_PHAP', period: '2023-03' })).model);
});

describe('baseline', () => {
  it('the fixture tasks have the deadlines the tests rely on', () => {
    const np = plan(QN22);
    const mine = new Map(tasksForAgency(np, AG).map((a) => [a.task.id, a.task]));
    expect(mine.get(ON_REQUEST)?.deadline.kind).toBe('on-request');
    expect(mine.get(NEXT_ON_REQUEST)?.deadline.kind).toBe('by-law');
    expect(L.taskRow.get(NEXT_ON_REQUEST)).toBe(L.taskRow.get(ON_REQUEST)! + 1);
    expect(mine.get(OVERDUE)?.deadline).toMatchObject({ kind: 'month', month: '2022-03' });
    expect(mine.get(RECURRING)?.deadline.kind).toBe('recurring');
  });

  it.each([
    ['a department', 'SO_TTTT'],
    ['the standing agency', 'CAT'],
    ['a district', 'H_BINH_SON'],
    ['a central agency', 'BHXH'],
    ['a mass organisation', 'MTTQ'],
  ])('blank workbook of %s (%s) lists exactly its missing entries', async (_what, agency) => {
    const np = plan(QN22);
    const c = await check({ agency, period: PER });
    const lay = layoutOf(c.model);
    const tasks = tasksForAgency(np, agency);
    expect(tasks.length).toBeGreaterThan(0);
    // One row per assigned task, in plan order, right under the header.
    tasks.forEach(({ task }, i) => expect(lay.taskRow.get(task.id), task.id).toBe(lay.taskHeaderRow + 1 + i));
    expect([...lay.taskRow.keys()].sort()).toEqual(tasks.map((t) => t.task.id).sort());
    const statusCol = lay.taskCol['Trạng thái'];
    const expected = [
      `preparer-missing@Thông tin!${lay.info.preparer}`,
      `report-date-missing@Thông tin!${lay.info.date}`,
      ...tasks.map((_, i) => `status-missing@Nhiệm vụ!${statusCol}${lay.taskHeaderRow + 1 + i}`),
    ].sort();
    expect(codesAt(c.issues)).toEqual(expected);
    expect(c.result.valid).toBe(false);
    expect(c.result.agency).toBe(agency);
    expect(c.result.period).toBe(PER);
    c.issues.forEach(expectGoodMessage);
    c.issues.forEach((i) => seen.add(i.code));
  });

  it.each([
    [QN22, 'SO_TTTT', '2023-01'],
    [QN22, 'CAT', '2023-01'],
    [QN22, 'H_BINH_SON', '2022-09'],
    [QN22, 'BHXH', '2023-06'],
    [QN23, 'SO_TU_PHAP', '2023-03'],
    [QN23, 'BHXH', '2023-Q2'],
    ['hai-duong-2023', 'SO_TTTT', '2023-12'],
  ])('a correct filling (%s, %s, %s) is valid with zero issues', async (p, agency, per) => {
    const c = await check({ plan: p, agency, period: per, filling: validFilling(plan(p), agency, period(per)) });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.valid).toBe(true);
    expect(c.result.submission?.tasks.length).toBe(tasksForAgency(plan(p), agency).length);
    expect(c.result.submission?.indicators.length).toBe(indicatorsForAgency(plan(p), agency).length);
  });
});

describe('identity and structure', () => {
  it('not-da06-workbook: the hidden metadata sheet is gone', async () => {
    const c = await run({ mutate: (wb) => wb.removeWorksheet(worksheet(wb, '_da06').id) });
    expect(codesAt(c.issues)).toEqual(['not-da06-workbook@']);
    expect(c.result.valid).toBe(false);
  });

  it('plan-mismatch: a workbook of another plan', async () => {
    const c = await run({ plan: QN23, agency: 'SO_TU_PHAP', period: '2023-03', filling: {}, validatePlan: QN22 });
    expect(codesAt(c.issues)).toEqual(['plan-mismatch@']);
    expect(c.issues[0]!.message).toContain(QN23);
  });

  it('agency-unknown: the agency code in the metadata is not in the plan', async () => {
    const c = await run({ mutate: (wb) => setMeta(wb, 'agency', 'KHONG_CO') });
    expect(codesAt(c.issues)).toEqual(['agency-unknown@']);
  });

  it('agency-replaced: a form under a code the plan has since replaced is credited to the successor, with a warning', async () => {
    // The plan after a merger: SO_TTTT is gone, SO_KHCN_MOI took over its tasks ("thay cho SO_TTTT").
    const before = plan(QN22).plan;
    const swap = (codes: string[]) => codes.map((c) => (c === AG ? 'SO_KHCN_MOI' : c));
    const after = normalizePlan({
      ...before,
      agencies: before.agencies.map((a) => (a.code === AG ? { ...a, code: 'SO_KHCN_MOI', name: 'Sở Khoa học và Công nghệ (mới)', replaces: [AG] } : a)),
      agencySets: before.agencySets.map((x) => ({ ...x, members: swap(x.members) })),
      tasks: before.tasks.map((t) => ({ ...t, lead: swap(t.lead), support: swap(t.support), executing: swap(t.executing) })),
      indicators: before.indicators.map((i) => ({ ...i, agencies: swap(i.agencies) })),
    });
    const r = validateWorkbook(after, await readWorkbook(await makeWorkbook({ agency: AG, period: PER, filling: base() })), { today: '2023-01-20' });
    r.issues.forEach((i) => (seen.add(i.code), expectGoodMessage(i)));
    expect(codesAt(r.issues)).toEqual(['agency-replaced@', 'plan-version-changed@']);
    expect(r.valid).toBe(true);
    expect(r.agency).toBe('SO_KHCN_MOI');
    expect(r.issues[0]!.message).toContain('Sở Khoa học và Công nghệ (mới)');
  });

  it('agency-mismatch: options.agency names another agency', async () => {
    const c = await run({ options: { agency: 'CAT' } });
    expect(codesAt(c.issues)).toEqual(['agency-mismatch@']);
    expect(c.issues[0]!.message).toContain('Công an tỉnh');
    expect(c.issues[0]!.message).toContain(plan(QN22).agencies.get(AG)!.name);
  });

  it('template-outdated: an older template version', async () => {
    const c = await run({ mutate: (wb) => setMeta(wb, 'templateVersion', '0') });
    expect(codesAt(c.issues)).toEqual(['template-outdated@']);
    expect(c.result.valid).toBe(false);
  });

  it('plan-version-changed: made from an earlier version of the plan (warning only)', async () => {
    const c = await run({ mutate: (wb) => setMeta(wb, 'planHash', '00000000000000') });
    expect(codesAt(c.issues)).toEqual(['plan-version-changed@']);
    expect(c.issues[0]!.severity).toBe('warning');
    expect(c.result.valid).toBe(true);
  });

  it.each(['Nhiệm vụ', 'Thông tin', 'Chỉ tiêu'])('sheet-missing: sheet "%s" deleted', async (name) => {
    const c = await run({ mutate: (wb) => wb.removeWorksheet(worksheet(wb, name).id) });
    expect(codesAt(c.issues)).toEqual([`sheet-missing@${name}`]);
  });

  it('sheet-missing: sheet renamed', async () => {
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').name = 'Nhiem vu') });
    expect(codesAt(c.issues)).toEqual(['sheet-missing@Nhiệm vụ']);
  });

  it('a sheet name typed in another case or in NFD is still found', async () => {
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').name = 'NHIỆM VỤ'.normalize('NFD')) });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('header-missing: a required column header renamed', async () => {
    const c = await run({
      mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Trạng thái']}${L.taskHeaderRow}`).value = 'Tình trạng'),
    });
    expect(codesAt(c.issues)).toEqual([`header-missing@Nhiệm vụ!A${L.taskHeaderRow}`]);
    expect(c.issues[0]!.message).toContain('Trạng thái');
  });

  it('header-missing: the id header renamed (no header row found)', async () => {
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Mã nhiệm vụ']}${L.taskHeaderRow}`).value = 'Mã') });
    expect(codesAt(c.issues)).toEqual(['header-missing@Nhiệm vụ!A1']);
  });

  it('header-missing: a label of Thông tin renamed', async () => {
    const c = await run({
      mutate: (wb) => {
        const ws = worksheet(wb, 'Thông tin');
        ws.eachRow((row) => {
          if (row.getCell(1).value === 'Người lập') row.getCell(1).value = 'Người viết';
        });
      },
    });
    expect(codesAt(c.issues)).toEqual(['header-missing@Thông tin!A1']);
    expect(c.issues[0]!.message).toContain('Người lập');
  });

  it('headers are compared after NFC, case and spacing', async () => {
    const c = await run({
      mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Trạng thái']}${L.taskHeaderRow}`).value = '  TRẠNG   THÁI '.normalize('NFD')),
    });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('task-row-missing: a task row deleted (spliceRows), reported where the row belongs', async () => {
    const ids = tasksForAgency(plan(QN22), AG).map((a) => a.task.id);
    const previous = ids[ids.indexOf(ON_REQUEST) - 1]!;
    expect(previous).toBeDefined();
    const c = await run({ mutate: (wb) => void worksheet(wb, 'Nhiệm vụ').spliceRows(L.taskRow.get(ON_REQUEST)!, 1) });
    // Right below the previous task of the plan, not at the first task's row.
    expect(codesAt(c.issues)).toEqual([`task-row-missing@Nhiệm vụ!${L.taskCol['Mã nhiệm vụ']}${L.taskRow.get(previous)! + 1}`]);
    expect(c.issues[0]!.message).toContain(ON_REQUEST);
    expect(c.issues[0]!.message).toContain(`sau nhiệm vụ ${previous}`);
  });

  it('task-row-missing: the first task deleted is reported below the header', async () => {
    const first = tasksForAgency(plan(QN22), AG)[0]!.task.id;
    const c = await run({ mutate: (wb) => void worksheet(wb, 'Nhiệm vụ').spliceRows(L.taskRow.get(first)!, 1) });
    expect(codesAt(c.issues)).toEqual([`task-row-missing@Nhiệm vụ!${L.taskCol['Mã nhiệm vụ']}${L.taskHeaderRow + 1}`]);
  });

  it('task-row-unexpected: an added row with an unknown id', async () => {
    const last = Math.max(...L.taskRow.values()) + 1;
    const c = await run({
      mutate: (wb) => {
        const ws = worksheet(wb, 'Nhiệm vụ');
        ws.getCell(`B${last}`).value = 'III.99';
        ws.getCell(`${L.taskCol['Trạng thái']}${last}`).value = STATUS.inProgress;
      },
    });
    expect(codesAt(c.issues)).toEqual([`task-row-unexpected@Nhiệm vụ!B${last}`]);
    expect(c.issues[0]!.message).toContain('III.99');
  });

  it('task-row-unexpected: a task of the plan not assigned to the agency', async () => {
    const np = plan(QN22);
    const mine = new Set(tasksForAgency(np, AG).map((t) => t.task.id));
    const other = np.tasks.find((t) => !mine.has(t.id))!.id;
    const last = Math.max(...L.taskRow.values()) + 1;
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`B${last}`).value = other) });
    expect(codesAt(c.issues)).toEqual([`task-row-unexpected@Nhiệm vụ!B${last}`]);
    expect(c.issues[0]!.message).toContain(other);
  });

  it('task-row-unexpected: content typed in a row without id', async () => {
    const last = Math.max(...L.taskRow.values()) + 2;
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Kết quả thực hiện']}${last}`).value = 'Ghi thêm') });
    expect(codesAt(c.issues)).toEqual([`task-row-unexpected@Nhiệm vụ!B${last}`]);
  });

  it('task-row-duplicate: the same task id twice', async () => {
    const last = Math.max(...L.taskRow.values()) + 1;
    const c = await run({ mutate: (wb) => void (worksheet(wb, 'Nhiệm vụ').getCell(`B${last}`).value = ON_REQUEST) });
    expect(codesAt(c.issues)).toEqual([`task-row-duplicate@Nhiệm vụ!B${last}`]);
  });

  it('indicator-row-missing: an indicator row deleted', async () => {
    const c = await runInd({}, (wb) => void worksheet(wb, 'Chỉ tiêu').spliceRows(Lind.indicatorRow.get('III.8.b.2-1')!, 1));
    // Where the row was: below the previous indicator's row, not at the first row.
    const ids = [...Lind.indicatorRow.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    const previous = ids[ids.indexOf('III.8.b.2-1') - 1];
    expect(previous).toBeDefined();
    const expectedRow = Lind.indicatorRow.get(previous!)! + 1;
    expect(codesAt(c.issues)).toEqual([`indicator-row-missing@Chỉ tiêu!B${expectedRow}`]);
    expect(c.issues[0]!.message).toContain('III.8.b.2-1');
  });

  it('indicator-row-unexpected: an unknown indicator id, and a duplicate', async () => {
    const last = Math.max(...Lind.indicatorRow.values());
    const c = await runInd({}, (wb) => {
      const ws = worksheet(wb, 'Chỉ tiêu');
      ws.getCell(`B${last + 1}`).value = 'X.1';
      ws.getCell(`B${last + 2}`).value = 'III.2.e-1';
    });
    expect(codesAt(c.issues)).toEqual([`indicator-row-unexpected@Chỉ tiêu!B${last + 1}`, `indicator-row-unexpected@Chỉ tiêu!B${last + 2}`]);
  });
});

describe('Thông tin', () => {
  it('period-missing', async () => {
    const c = await run({ filling: filling({}, { period: null }) });
    expect(codesAt(c.issues)).toEqual([`period-missing@${infoCell('period')}`]);
  });

  it.each(['Tháng 13/2023', 'tháng một/2023', '2023/01/01'])('period-malformed: "%s"', async (text) => {
    const c = await run({ filling: filling({}, { period: text }) });
    expect(codesAt(c.issues)).toEqual([`period-malformed@${infoCell('period')}`]);
  });

  it.each(['01/2023', '1/2023', 'tháng 1 năm 2023', '2023-01', 'THÁNG 01/2023'])('the period may be typed as "%s"', async (text) => {
    const c = await run({ filling: filling({}, { period: text }) });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('period-mismatch: the typed period differs from the workbook\'s', async () => {
    const c = await run({ filling: filling({}, { period: 'Tháng 02/2023' }) });
    expect(codesAt(c.issues)).toEqual([`period-mismatch@${infoCell('period')}`]);
  });

  it('period-mismatch: options.period is another period', async () => {
    const c = await run({ options: { period: '2023-02' } });
    expect(codesAt(c.issues)).toEqual([`period-mismatch@${infoCell('period')}`]);
    expect(c.issues[0]!.message).toContain('Tháng 02/2023');
  });

  it('period-future: the period starts after options.today', async () => {
    const c = await run({ options: { today: '2022-12-20' } });
    // Ngày lập 12/01/2023 is after that "today" as well.
    expect(codesAt(c.issues)).toEqual([`period-future@${infoCell('period')}`, `report-date-out-of-period@${infoCell('date')}`]);
  });

  it('no period-future when today is inside the period', async () => {
    const c = await run({ options: { today: '2023-01-13', period: PER, agency: AG } });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('agency-name-mismatch: the visible unit name disagrees with the hidden identity (error naming both)', async () => {
    const c = await run({ filling: filling({}, { agency: 'Sở TTTT' }) });
    expect(codesAt(c.issues)).toEqual([`agency-name-mismatch@${infoCell('agency')}`]);
    expect(c.issues[0]!.severity).toBe('error');
    expect(c.result.valid).toBe(false);
    expect(c.result.identityDoubtful).toBe(true);
    expect(c.issues[0]!.message).toContain('Sở TTTT');
    expect(c.issues[0]!.message).toContain(plan(QN22).agencies.get(AG)!.name);
  });

  it.each([
    ['Ủy ban nhân dân huyện Bình Sơn', 'in full'],
    ['Uỷ ban nhân dân huyện Bình Sơn', 'in full, old tone placement'],
    ['H. Bình Sơn', 'as the plan\'s short name'],
    ['  ubnd  HUYỆN bình sơn ', 'in other case and spacing'],
  ])('the unit name written "%s" (%s) is the same unit: no issue', async (written) => {
    const np = plan(QN22);
    expect(np.agencies.get('H_BINH_SON')!.name).toBe('UBND huyện Bình Sơn');
    const f = validFilling(np, 'H_BINH_SON', period(PER), { reportDate: REPORT_DATE });
    const c = await run({ agency: 'H_BINH_SON', filling: { ...f, info: { ...f.info, agency: written } } });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('agency-name-mismatch: the visible name is another agency of the plan, named with its code', async () => {
    const other = plan(QN22).agencies.get('SO_TU_PHAP')!;
    const c = await run({ filling: filling({}, { agency: other.name }) });
    expect(codesAt(c.issues)).toEqual([`agency-name-mismatch@${infoCell('agency')}`]);
    expect(c.issues[0]!.message).toContain(`${other.name}, mã SO_TU_PHAP`);
    expect(c.issues[0]!.message).toContain(plan(QN22).agencies.get(AG)!.name);
    expect(c.issues[0]!.message).toMatch(/Hãy ghi lại đúng tên đơn vị/);
  });

  it('preparer-missing', async () => {
    const c = await run({ filling: filling({}, { preparer: null }) });
    expect(codesAt(c.issues)).toEqual([`preparer-missing@${infoCell('preparer')}`]);
  });

  it('report-date-missing', async () => {
    const c = await run({ filling: filling({}, { date: null }) });
    expect(codesAt(c.issues)).toEqual([`report-date-missing@${infoCell('date')}`]);
  });

  it.each(['hôm qua', '31/02/2023'])('report-date-invalid: "%s"', async (text) => {
    const c = await run({ filling: filling({}, { date: text }) });
    expect(codesAt(c.issues)).toEqual([`report-date-invalid@${infoCell('date')}`]);
  });

  it('report-date-out-of-period: after options.today (warning)', async () => {
    const c = await run({ options: { today: '2023-01-10' } });
    expect(codesAt(c.issues)).toEqual([`report-date-out-of-period@${infoCell('date')}`]);
    expect(c.result.valid).toBe(true);
  });

  it('report-date-out-of-period: before the period starts (warning)', async () => {
    const c = await run({ filling: validFilling(plan(QN22), AG, period(PER), { reportDate: '2022-12-28' }) });
    expect(codesAt(c.issues)).toEqual([`report-date-out-of-period@${infoCell('date')}`]);
  });

  it('a date typed as text "05/01/2023" is accepted', async () => {
    const f = validFilling(plan(QN22), AG, period(PER), { reportDate: '2023-01-05' });
    const c = await run({ filling: { ...f, info: { ...f.info, date: '05/01/2023' } } });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.reportDate).toBe('2023-01-05');
  });

  it('the submission carries preparer and phone', async () => {
    const c = await run({ filling: filling({}, { preparer: 'Nguyễn Văn An', phone: '0255 3822 123' }) });
    expect(c.result.submission).toMatchObject({ plan: QN22, agency: AG, period: PER, preparer: 'Nguyễn Văn An', phone: '0255 3822 123', reportDate: REPORT_DATE });
  });
});

describe('Nhiệm vụ', () => {
  const one = async (id: string, entry: TaskEntry, mutate?: WorkbookSpec['mutate']) => run({ filling: filling({ [id]: entry }), mutate });

  it('status-missing', async () => {
    const c = await one(ON_REQUEST, {});
    expect(codesAt(c.issues)).toEqual([`status-missing@${taskCell(ON_REQUEST, 'Trạng thái')}`]);
  });

  it('status-invalid', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, status: 'Xong' });
    expect(codesAt(c.issues)).toEqual([`status-invalid@${taskCell(ON_REQUEST, 'Trạng thái')}`]);
    expect(c.issues[0]!.message).toContain('Xong');
  });

  it('a status typed in NFD, other case or with extra spaces is accepted', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, status: ' đang  THỰC hiện '.normalize('NFD') });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.tasks.find((t) => t.id === ON_REQUEST)?.status).toBe('inProgress');
  });

  it('progress-missing', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, progress: null });
    expect(codesAt(c.issues)).toEqual([`progress-missing@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
  });

  it.each([150, -1, 'nhiều', '80 phần trăm'])('progress-invalid: %s', async (value) => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, progress: value });
    expect(codesAt(c.issues)).toEqual([`progress-invalid@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
  });

  it.each([
    [80, 80],
    ['80%', 80],
    ['80 %', 80],
    ['12,5', 12.5],
    ['12.5', 12.5],
    [0, 0],
    ['100', 100],
  ])('progress %j is accepted as %d', async (value, expected) => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, progress: value });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.tasks.find((t) => t.id === ON_REQUEST)?.progress).toBe(expected);
  });

  it('a percent-formatted 0.8 is read as 80', async () => {
    const c = await run({
      filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, progress: 0.8 } }),
      mutate: (wb) => {
        // A fresh style object: exceljs shares one between cells loaded with the same style.
        const cell = worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Tiến độ (%)']}${L.taskRow.get(ON_REQUEST)}`);
        cell.style = { ...cell.style, numFmt: '0%' };
      },
    });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.tasks.find((t) => t.id === ON_REQUEST)?.progress).toBe(80);
  });

  it('progress-invalid: a non-finite number in the model (as the reader delivers <v>NaN</v>)', async () => {
    const c = await run({ filling: filling({ [ON_REQUEST]: IN_PROGRESS }) });
    for (const v of [Number.NaN, Infinity]) {
      const model = structuredClone(c.model);
      const cell = model.sheets.find((s) => s.name === 'Nhiệm vụ')!.cells.find((x) => x.address === `${L.taskCol['Tiến độ (%)']}${L.taskRow.get(ON_REQUEST)}`)!;
      cell.value = { t: 'number', v };
      const r = validateWorkbook(plan(QN22), model);
      expect(codesAt(r.issues), String(v)).toEqual([`progress-invalid@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
    }
  });

  it('progress-not-100', async () => {
    const c = await one(ON_REQUEST, { ...DONE, progress: 80 });
    expect(codesAt(c.issues)).toEqual([`progress-not-100@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
  });

  it('progress-not-100: done without progress', async () => {
    const c = await one(ON_REQUEST, { ...DONE, progress: null });
    expect(codesAt(c.issues)).toEqual([`progress-not-100@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
  });

  it('progress-not-zero', async () => {
    const c = await one(ON_REQUEST, { status: STATUS.notStarted, progress: 20 });
    expect(codesAt(c.issues)).toEqual([`progress-not-zero@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
  });

  it('not started with no progress and no result is fine', async () => {
    const c = await one(ON_REQUEST, { status: STATUS.notStarted });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.tasks.find((t) => t.id === ON_REQUEST)).toMatchObject({ status: 'notStarted', progress: 0 });
  });

  it('completion-date-missing', async () => {
    const c = await one(ON_REQUEST, { ...DONE, completedOn: null });
    expect(codesAt(c.issues)).toEqual([`completion-date-missing@${taskCell(ON_REQUEST, 'Ngày hoàn thành')}`]);
  });

  it.each(['32/01/2023', 'tuần trước'])('completion-date-invalid: "%s"', async (text) => {
    const c = await one(ON_REQUEST, { ...DONE, completedOn: text });
    expect(codesAt(c.issues)).toEqual([`completion-date-invalid@${taskCell(ON_REQUEST, 'Ngày hoàn thành')}`]);
  });

  it('a completion date typed as text is accepted', async () => {
    const c = await one(ON_REQUEST, { ...DONE, completedOn: '05/01/2023' });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission?.tasks.find((t) => t.id === ON_REQUEST)?.completedOn).toBe('2023-01-05');
  });

  it('completion-date-after-report', async () => {
    const c = await one(ON_REQUEST, { ...DONE, completedOn: isoDate('2023-01-20') });
    expect(codesAt(c.issues)).toEqual([`completion-date-after-report@${taskCell(ON_REQUEST, 'Ngày hoàn thành')}`]);
    expect(c.issues[0]!.message).toContain('20/01/2023');
  });

  it('completion-date-before-plan', async () => {
    const c = await one(ON_REQUEST, { ...DONE, completedOn: isoDate('2022-01-15') });
    expect(codesAt(c.issues)).toEqual([`completion-date-before-plan@${taskCell(ON_REQUEST, 'Ngày hoàn thành')}`]);
  });

  it('completion-date-not-done (warning)', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, completedOn: isoDate('2023-01-05') });
    expect(codesAt(c.issues)).toEqual([`completion-date-not-done@${taskCell(ON_REQUEST, 'Ngày hoàn thành')}`]);
    expect(c.result.valid).toBe(true);
  });

  it('result-missing', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, result: null });
    expect(codesAt(c.issues)).toEqual([`result-missing@${taskCell(ON_REQUEST, 'Kết quả thực hiện')}`]);
  });

  it('result-missing: done without result', async () => {
    const c = await one(ON_REQUEST, { ...DONE, result: '   ' });
    expect(codesAt(c.issues)).toEqual([`result-missing@${taskCell(ON_REQUEST, 'Kết quả thực hiện')}`]);
  });

  it('recurring-result-missing', async () => {
    const c = await one(RECURRING, { ...IN_PROGRESS, result: null });
    expect(codesAt(c.issues)).toEqual([`recurring-result-missing@${taskCell(RECURRING, 'Kết quả thực hiện')}`]);
  });

  it('recurring-result-missing: even when not started', async () => {
    const c = await one(RECURRING, { status: STATUS.notStarted, progress: 0 });
    expect(codesAt(c.issues)).toEqual([`recurring-result-missing@${taskCell(RECURRING, 'Kết quả thực hiện')}`]);
  });

  it('overdue-explanation-missing', async () => {
    const c = await one(OVERDUE, { ...IN_PROGRESS, difficulties: null });
    expect(codesAt(c.issues)).toEqual([`overdue-explanation-missing@${taskCell(OVERDUE, 'Khó khăn, vướng mắc')}`]);
  });

  it('overdue and not started needs an explanation too; with one it is fine', async () => {
    const bad = await one(OVERDUE, { status: STATUS.notStarted, progress: 0 });
    expect(codesAt(bad.issues)).toEqual([`overdue-explanation-missing@${taskCell(OVERDUE, 'Khó khăn, vướng mắc')}`]);
    const good = await one(OVERDUE, { status: STATUS.notStarted, progress: 0, difficulties: 'Chưa có kinh phí.' });
    expect(codesAt(good.issues)).toEqual([]);
  });

  it('merged result cells: an error at the merge, and the covered cell is checked as blank', async () => {
    const r1 = L.taskRow.get(ON_REQUEST)!;
    const col = L.taskCol['Kết quả thực hiện'];
    const c = await run({
      filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, result: 'Kết quả chung của hai nhiệm vụ.' }, [NEXT_ON_REQUEST]: { ...IN_PROGRESS, result: null } }),
      mutate: (wb) => worksheet(wb, 'Nhiệm vụ').mergeCells(`${col}${r1}:${col}${r1 + 1}`),
    });
    expect(c.model.sheets.find((s) => s.name === 'Nhiệm vụ')!.merges).toContain(`${col}${r1}:${col}${r1 + 1}`);
    expect(codesAt(c.issues)).toEqual([`merged-input-cells@Nhiệm vụ!${col}${r1}`, `result-missing@Nhiệm vụ!${col}${r1 + 1}`]);
    expect(c.issues[0]!.message).toContain(`bỏ gộp ô ${col}${r1}:${col}${r1 + 1}`);
    const tasks = c.result.submission!.tasks;
    // The result is not copied into the covered row (nor moved to another column).
    expect(tasks.find((t) => t.id === NEXT_ON_REQUEST)?.result).toBe('');
    expect(tasks.find((t) => t.id === ON_REQUEST)?.result).toBe('Kết quả chung của hai nhiệm vụ.');
  });

  it('merged status cells: the covered row has no status', async () => {
    const r1 = L.taskRow.get(ON_REQUEST)!;
    const col = L.taskCol['Trạng thái'];
    const c = await run({
      filling: filling({ [ON_REQUEST]: IN_PROGRESS, [NEXT_ON_REQUEST]: { ...IN_PROGRESS, status: null } }),
      mutate: (wb) => worksheet(wb, 'Nhiệm vụ').mergeCells(`${col}${r1}:${col}${r1 + 1}`),
    });
    expect(codesAt(c.issues)).toEqual([`merged-input-cells@Nhiệm vụ!${col}${r1}`, `status-missing@Nhiệm vụ!${col}${r1 + 1}`]);
  });

  it('a merge across a row\'s input columns (difficulties and proposals) is one error at the merge', async () => {
    const r = L.taskRow.get(ON_REQUEST)!;
    const range = `${L.taskCol['Khó khăn, vướng mắc']}${r}:${L.taskCol['Đề xuất, kiến nghị']}${r}`;
    const c = await run({ mutate: (wb) => worksheet(wb, 'Nhiệm vụ').mergeCells(range) });
    expect(codesAt(c.issues)).toEqual([`merged-input-cells@Nhiệm vụ!${range.split(':')[0]}`]);
  });

  it('the template\'s own title merges are not input cells', async () => {
    const c = await run({});
    expect(c.model.sheets.find((s) => s.name === 'Nhiệm vụ')!.merges.length).toBeGreaterThan(0);
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('rich text in a result cell is read as its plain text', async () => {
    const c = await one(ON_REQUEST, {
      ...IN_PROGRESS,
      result: { richText: [{ text: 'Đã ' }, { text: 'kết nối', font: { bold: true, name: 'Times New Roman' } }, { text: ' dữ liệu.' }] },
    });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission!.tasks.find((t) => t.id === ON_REQUEST)?.result).toBe('Đã kết nối dữ liệu.');
  });

  it('a formula is read by its cached result (status)', async () => {
    const c = await one(ON_REQUEST, { ...DONE, status: { formula: 'IF(TRUE,"Đã hoàn thành","")', result: STATUS.done } as unknown as TaskEntry['status'] });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission!.tasks.find((t) => t.id === ON_REQUEST)?.status).toBe('done');
  });

  it('formula-error: a formula showing #N/A', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, proposals: { formula: 'NA()', result: { error: '#N/A' } } as unknown as TaskEntry['proposals'] });
    expect(codesAt(c.issues)).toEqual([`formula-error@${taskCell(ON_REQUEST, 'Đề xuất, kiến nghị')}`]);
    expect(c.issues[0]!.message).toContain('#N/A');
  });

  it.each([
    ['status', 'Trạng thái'],
    ['progress', 'Tiến độ (%)'],
    ['result', 'Kết quả thực hiện'],
    ['completedOn', 'Ngày hoàn thành'],
  ] as const)('one error per cause: a formula error in %s gives formula-error only', async (key, header) => {
    const c = await one(RECURRING, { ...DONE, [key]: { formula: 'A1/0', result: { error: '#REF!' } } as unknown as TaskEntry['status'] });
    expect(codesAt(c.issues)).toEqual([`formula-error@${taskCell(RECURRING, header)}`]);
    expect(c.issues[0]!.message).toContain('#REF!');
  });

  it('messages quote the cell as displayed: progress 100 formatted as a percentage reads "10000%"', async () => {
    const c = await one(ON_REQUEST, { ...IN_PROGRESS, progress: 100 }, (wb) => {
      // exceljs shares style objects between cells: give this cell its own.
      const cell = worksheet(wb, 'Nhiệm vụ').getCell(`${L.taskCol['Tiến độ (%)']}${L.taskRow.get(ON_REQUEST)}`);
      cell.style = { ...cell.style, numFmt: '0%' };
    });
    expect(codesAt(c.issues)).toEqual([`progress-invalid@${taskCell(ON_REQUEST, 'Tiến độ (%)')}`]);
    expect(c.issues[0]!.message).toContain('"10000%"');
    expect(c.issues[0]!.message).not.toMatch(/"100"/);
  });

  it('messages quote the cell as displayed: a period typed as a date shows "01/2023", not "2023-01-01"', async () => {
    const c = await run({
      filling: filling({}, { period: isoDate('2023-01-01') }),
      mutate: (wb) => {
        const cell = worksheet(wb, 'Thông tin').getCell(L.info.period);
        cell.style = { ...cell.style, numFmt: 'mm/yyyy' };
      },
    });
    expect(codesAt(c.issues)).toEqual([`period-malformed@${infoCell('period')}`]);
    expect(c.issues[0]!.message).toContain('"01/2023"');
    expect(c.issues[0]!.message).not.toContain('2023-01-01');
  });
});

describe('Chỉ tiêu (quang-ngai-2023, Sở Tư pháp)', () => {
  const IND = 'III.2.e-1';
  const indCell = (id: string, header: string) => `Chỉ tiêu!${Lind.indicatorCol[header]}${Lind.indicatorRow.get(id)}`;

  it('indicator-missing: numerator blank', async () => {
    const c = await runInd({ [IND]: { numerator: null, denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`indicator-missing@${indCell(IND, 'Tử số')}`]);
  });

  it('indicator-missing: denominator of a percent indicator blank', async () => {
    const c = await runInd({ [IND]: { numerator: 10, denominator: null } });
    expect(codesAt(c.issues)).toEqual([`indicator-missing@${indCell(IND, 'Mẫu số')}`]);
  });

  it.each(['nhiều', '1.2.3', 'TRUE'])('indicator-not-number: "%s"', async (text) => {
    const c = await runInd({ [IND]: { numerator: text, denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`indicator-not-number@${indCell(IND, 'Tử số')}`]);
  });

  it('indicator-negative', async () => {
    const c = await runInd({ [IND]: { numerator: 5, denominator: -5 } });
    expect(codesAt(c.issues)).toEqual([`indicator-negative@${indCell(IND, 'Mẫu số')}`]);
  });

  it('indicator-not-integer', async () => {
    const c = await runInd({ [IND]: { numerator: 12.5, denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`indicator-not-integer@${indCell(IND, 'Tử số')}`]);
    expect(c.issues[0]!.message).toContain('12,5');
  });

  it('numerator-exceeds-denominator', async () => {
    const c = await runInd({ [IND]: { numerator: 120, denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`numerator-exceeds-denominator@${indCell(IND, 'Tử số')}`]);
  });

  it('indicator-percent-typed: "85%" typed as the numerator of a rate indicator is a clear warning', async () => {
    const c = await runInd({ [IND]: { numerator: '85%', denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`indicator-percent-typed@${indCell(IND, 'Tử số')}`]);
    expect(c.issues[0]!.severity).toBe('warning');
    expect(c.issues[0]!.message).toContain('"85%"');
    expect(c.result.valid).toBe(true);
    // The value read is still used.
    expect(c.result.submission!.indicators.find((i) => i.id === IND)?.numerator).toBe(85);
  });

  it('one error per cause: a formula error in a numerator gives formula-error only', async () => {
    const c = await runInd({ [IND]: { numerator: { formula: 'A1/0', result: { error: '#DIV/0!' } } as unknown as number, denominator: 100 } });
    expect(codesAt(c.issues)).toEqual([`formula-error@${indCell(IND, 'Tử số')}`]);
  });

  it('numbers typed the Vietnamese way are accepted ("1.250", "12.345")', async () => {
    const c = await runInd({ [IND]: { numerator: '1.250', denominator: '12.345' } });
    expect(codesAt(c.issues)).toEqual([]);
    expect(c.result.submission!.indicators.find((i) => i.id === IND)).toMatchObject({ numerator: 1250, denominator: 12345 });
  });

  it('denominator-not-applicable: a count indicator with a denominator (can-tho-2022, VP UBND)', async () => {
    const np = plan('can-tho-2022');
    const count = indicatorsForAgency(np, 'VP_UBND').find((i) => i.unit === 'count');
    expect(count).toBeDefined();
    const f = validFilling(np, 'VP_UBND', period('2022-H1'));
    const c = await run({
      plan: 'can-tho-2022',
      agency: 'VP_UBND',
      period: '2022-H1',
      filling: { ...f, indicators: { ...f.indicators, [count!.id]: { numerator: 20, denominator: 25 } } },
    });
    const lay = layoutOf(c.model);
    expect(codesAt(c.issues)).toEqual([`denominator-not-applicable@Chỉ tiêu!${lay.indicatorCol['Mẫu số']}${lay.indicatorRow.get(count!.id)}`]);
    expect(c.result.valid).toBe(true);
  });

  it('an indicator outside its window may stay blank (hai-duong-2023: from 12/2023)', async () => {
    const np = plan('hai-duong-2023');
    const [ind] = indicatorsForAgency(np, 'SO_TTTT');
    expect(ind?.from).toBe('2023-12');
    // The plan is dated 14/11/2023: report on the 20th so that nothing precedes it.
    const early = validFilling(np, 'SO_TTTT', period('2023-11'), { reportDate: '2023-11-20' });
    const c1 = await run({ plan: 'hai-duong-2023', agency: 'SO_TTTT', period: '2023-11', filling: early });
    expect(codesAt(c1.issues)).toEqual([]);
    const due = validFilling(np, 'SO_TTTT', period('2023-12'));
    const c2 = await run({ plan: 'hai-duong-2023', agency: 'SO_TTTT', period: '2023-12', filling: { ...due, indicators: {} } });
    expect(codesAt(c2.issues).map((k) => k.split('@')[0])).toEqual(['indicator-missing', 'indicator-missing']);
  });
});

describe('text', () => {
  const UNICODE = 'Đang phối hợp rà soát dữ liệu dân cư';

  it('legacy-tcvn3: TCVN3 text in a .VnTime cell, with the Unicode text as fix', async () => {
    const legacy = encoder('tcvn3')(UNICODE);
    expect(legacy).not.toBe(UNICODE);
    const c = await run({
      filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, result: legacy } }, {}, { fonts: { [taskCell(ON_REQUEST, 'Kết quả thực hiện')]: '.VnTime' } }),
    });
    expect(codesAt(c.issues)).toEqual([`legacy-tcvn3@${taskCell(ON_REQUEST, 'Kết quả thực hiện')}`]);
    expect(c.issues[0]!.fix).toEqual({ replacement: UNICODE });
    expect(c.issues[0]!.message).toContain(UNICODE);
    expect(c.issues[0]!.severity).toBe('warning');
  });

  it('legacy-vni: VNI text (no telling font), with the Unicode text as fix', async () => {
    const legacy = encoder('vni')(UNICODE);
    const c = await run({ filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, difficulties: legacy } }) });
    expect(codesAt(c.issues)).toEqual([`legacy-vni@${taskCell(ON_REQUEST, 'Khó khăn, vướng mắc')}`]);
    expect(c.issues[0]!.fix).toEqual({ replacement: UNICODE });
  });

  it('legacy-tcvn3 in Thông tin (the preparer\'s name)', async () => {
    const name = 'Nguyễn Văn Hùng';
    const c = await run({ filling: filling({}, { preparer: encoder('tcvn3')(name) }, { fonts: { [infoCell('preparer')]: '.VnTime' } }) });
    expect(codesAt(c.issues)).toEqual([`legacy-tcvn3@${infoCell('preparer')}`]);
    expect(c.issues[0]!.fix?.replacement).toBe(name);
  });

  it.each(['tháng Giêng', 'Khoan giếng, láng giềng'])('ordinary Unicode text "%s" is not reported as legacy-encoded', async (text) => {
    const c = await run({ filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, result: text } }) });
    expect(codesAt(c.issues)).toEqual([]);
  });

  it('text in NFD is compared after NFC, and every message is NFC', async () => {
    const c = await run({
      filling: filling({ [ON_REQUEST]: { ...IN_PROGRESS, status: 'Xong rồi'.normalize('NFD') } }, { agency: 'Sở Thông tin'.normalize('NFD') }),
    });
    expect(codesAt(c.issues)).toEqual([`agency-name-mismatch@${infoCell('agency')}`, `status-invalid@${taskCell(ON_REQUEST, 'Trạng thái')}`].sort());
    for (const i of c.issues) expect(i.message).toBe(i.message.normalize('NFC'));
    // The agency name itself in NFD is not a mismatch.
    const same = await run({ filling: filling({}, { agency: plan(QN22).agencies.get(AG)!.name.normalize('NFD') }) });
    expect(codesAt(same.issues)).toEqual([]);
  });
});

describe('file', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('file-unreadable: checkFile on a file that is not an xlsx', async () => {
    const file = join(tmp.dir, 'x.xlsx');
    writeFileSync(file, 'hello');
    const r = await checkFile(plan(QN22), file);
    expect(codesAt(r.issues)).toEqual(['file-unreadable@']);
    r.issues.forEach((i) => seen.add(i.code));
    r.issues.forEach(expectGoodMessage);
  });

  it('file-name-other-agency: a file named with another agency\'s code is an error and is not credited', async () => {
    const file = join(tmp.dir, 'SO_TU_PHAP.xlsx');
    writeFileSync(file, await makeWorkbook({ agency: AG, period: PER, filling: base() }));
    const r = await checkFile(plan(QN22), file, { today: '2023-02-01' });
    expect(codesAt(r.issues)).toEqual(['file-name-other-agency@']);
    expect(r.valid).toBe(false);
    expect(r.identityDoubtful).toBe(true);
    expect(r.issues[0]!.message).toContain('SO_TU_PHAP');
    expect(r.issues[0]!.message).toContain(plan(QN22).agencies.get(AG)!.name);
    r.issues.forEach((i) => seen.add(i.code));
    r.issues.forEach(expectGoodMessage);
    // Its own code, or any other name, is fine.
    const own = join(tmp.dir, `${AG}.xlsx`);
    writeFileSync(own, await makeWorkbook({ agency: AG, period: PER, filling: base() }));
    expect((await checkFile(plan(QN22), own, { today: '2023-02-01' })).issues).toEqual([]);
    // A copy mark after another agency's code does not hide it; after its own code it is fine.
    for (const name of ['SO_TU_PHAP (2).xlsx', 'so_tu_phap - Copy.xlsx']) {
      const copy = join(tmp.dir, name);
      writeFileSync(copy, await makeWorkbook({ agency: AG, period: PER, filling: base() }));
      expect(codesAt((await checkFile(plan(QN22), copy, { today: '2023-02-01' })).issues)).toEqual(['file-name-other-agency@']);
    }
    const ownCopy = join(tmp.dir, `${AG} (bản gửi lần 2).xlsx`);
    writeFileSync(ownCopy, await makeWorkbook({ agency: AG, period: PER, filling: base() }));
    expect((await checkFile(plan(QN22), ownCopy, { today: '2023-02-01' })).issues).toEqual([]);
  });

  it('invalid-characters-removed: a cell the reader cleaned is a warning at the cell', async () => {
    const a = await validateBytes(await makeWorkbook({ agency: AG, period: PER, filling: base() }), QN22);
    const sheet = a.model.sheets.find((s) => s.name === 'Nhiệm vụ')!;
    const address = `${L.taskCol['Kết quả thực hiện']}${L.taskRow.get(RECURRING)}`;
    const model = { sheets: a.model.sheets.map((s) => (s === sheet ? { ...s, cells: s.cells.map((c) => (c.address === address ? { ...c, sanitized: true } : c)) } : s)) };
    const r = validateWorkbook(plan(QN22), model);
    expect(codesAt(r.issues)).toEqual([`invalid-characters-removed@Nhiệm vụ!${address}`]);
    r.issues.forEach((i) => seen.add(i.code));
    r.issues.forEach(expectGoodMessage);
  });

  it('agency-claimed-twice: two files of one period, one agency\'s form, different unit names', () => {
    const issues = crossFileIssues(
      [
        { file: 'a.xlsx', agency: AG, agencyName: plan(QN22).agencies.get(AG)!.name, shownAgency: 'Sở Thông tin và Truyền thông' },
        { file: 'b.xlsx', agency: AG, agencyName: plan(QN22).agencies.get(AG)!.name, shownAgency: 'UBND huyện Bình Sơn' },
        { file: 'c.xlsx', agency: 'CAT', shownAgency: 'Công an tỉnh' },
        // Same agency, another period: not compared.
        { file: 'd.xlsx', agency: AG, shownAgency: 'Khác', group: '2023-02' },
      ],
    );
    expect([...issues.keys()].sort()).toEqual([0, 1]);
    const [first] = issues.get(0)!;
    expect(first!.code).toBe('agency-claimed-twice');
    expect(first!.message).toContain('b.xlsx');
    expect(first!.message).toContain('UBND huyện Bình Sơn');
    for (const list of issues.values()) list.forEach((i) => (seen.add(i.code), expectGoodMessage(i)));
  });

  it('checkFile on a correct file', async () => {
    const file = join(tmp.dir, 'ok.xlsx');
    writeFileSync(file, await makeWorkbook({ agency: AG, period: PER, filling: base() }));
    const r = await checkFile(plan(QN22), file, { today: '2023-02-01' });
    expect(r.valid).toBe(true);
    expect(r.issues).toEqual([]);
  });

  it('issues are ordered: file, Thông tin, Nhiệm vụ, Chỉ tiêu, then by row and column', async () => {
    const c = await run({
      filling: filling({ [RECURRING]: {}, [ON_REQUEST]: {} }, { preparer: null }),
      mutate: (wb) => setMeta(wb, 'planHash', 'x'),
    });
    const keys = c.issues.map((i) => `${i.code}@${i.sheet}!${i.cell}`);
    expect(keys).toEqual([
      'plan-version-changed@!',
      `preparer-missing@${infoCell('preparer')}`,
      `status-missing@${taskCell(ON_REQUEST, 'Trạng thái')}`,
      `status-missing@${taskCell(RECURRING, 'Trạng thái')}`,
    ]);
  });

  it('validation is deterministic and does not modify the model', async () => {
    const bytes = await makeWorkbook({ agency: AG, period: PER, filling: filling({ [ON_REQUEST]: {} }) });
    const a = await validateBytes(bytes, QN22);
    const before = JSON.stringify(a.model);
    const again = (await import('../../core/validation/validate.ts')).validateWorkbook(plan(QN22), a.model);
    expect(JSON.stringify(a.model)).toBe(before);
    expect(again.issues).toEqual(a.issues);
  });
});

async function runInd(indicators: Filling['indicators'], mutate?: WorkbookSpec['mutate']): Promise<Checked> {
  const np = plan(QN23);
  const f = validFilling(np, 'SO_TU_PHAP', period('2023-03'), { reportDate: '2023-03-10' });
  return run({ plan: QN23, agency: 'SO_TU_PHAP', period: '2023-03', filling: { ...f, indicators: { ...f.indicators, ...indicators } }, mutate });
}

describe('catalogue coverage', () => {
  it('every code of the catalogue was produced by a test above', () => {
    expect(ISSUE_CODES.filter((c) => !seen.has(c))).toEqual([]);
  });
});
