import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { buildTemplate, TemplateError } from '../../generator/template/writeTemplate.ts';
import { tasksForAgency, indicatorsForAgency, ROLE_LABEL } from '../../core/plan/normalize.ts';
import { deadlineText } from '../../core/plan/deadline.ts';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTemplate, plan, period, tempDir } from '../helpers/workbooks.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The template writer's contract (PRODUCT.md, "The agency workbook"), checked on the xlsx itself. */

const QN22 = 'quang-ngai-2022';
const AG = 'SO_TTTT';
const PER = '2023-01';

interface Xlsx {
  files: Record<string, Uint8Array>;
  workbook: string;
  /** Sheet XML by sheet name, in workbook order. */
  sheets: [string, string][];
  states: Record<string, string>;
}

function openXlsx(bytes: Uint8Array): Xlsx {
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const f = files[name];
    if (!f) throw new Error(`no part ${name}`);
    return strFromU8(f);
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const sheets: [string, string][] = [];
  const states: Record<string, string> = {};
  for (const m of workbook.matchAll(/<sheet [^>]*\/>/g)) {
    const tag = m[0];
    const name = /name="([^"]+)"/.exec(tag)![1]!;
    const rid = /r:id="([^"]+)"/.exec(tag)![1]!;
    states[name] = /state="([^"]+)"/.exec(tag)?.[1] ?? 'visible';
    const t = target.get(rid)!.replace(/^\/?(xl\/)?/, '');
    sheets.push([name, text(`xl/${t}`)]);
  }
  return { files, workbook, sheets, states };
}

function sheetXml(x: Xlsx, name: string): string {
  const s = x.sheets.find(([n]) => n === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s[1];
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function ws(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const w = wb.getWorksheet(name);
  if (!w) throw new Error(`no sheet ${name}`);
  return w;
}

/** Header text → column number in `row`. */
function headerMap(sheet: ExcelJS.Worksheet, row: number): Map<string, number> {
  const m = new Map<string, number>();
  sheet.getRow(row).eachCell((c, col) => {
    if (typeof c.value === 'string') m.set(c.value, col);
  });
  return m;
}

function findHeaderRow(sheet: ExcelJS.Worksheet, anchor: string): number {
  for (let r = 1; r <= 15; r++) if (headerMap(sheet, r).has(anchor)) return r;
  throw new Error(`no header ${anchor}`);
}

let bytes: Uint8Array;
let x: Xlsx;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await makeTemplate(QN22, AG, PER);
  x = openXlsx(bytes);
  wb = await load(bytes);
});

describe('sheets', () => {
  it('names and order; the metadata sheet is very hidden, the others visible', () => {
    expect(x.sheets.map(([n]) => n)).toEqual(['Hướng dẫn', 'Thông tin', 'Nhiệm vụ', 'Chỉ tiêu', '_da06']);
    expect(x.states).toEqual({ 'Hướng dẫn': 'visible', 'Thông tin': 'visible', 'Nhiệm vụ': 'visible', 'Chỉ tiêu': 'visible', _da06: 'veryHidden' });
  });

  it('opens on Thông tin', () => {
    expect(x.workbook).toMatch(/<workbookView [^>]*activeTab="1"/);
  });

  it('no macros', () => {
    expect(Object.keys(x.files).some((f) => /vba|\.bin$/i.test(f))).toBe(false);
    expect(strFromU8(x.files['[Content_Types].xml']!)).not.toMatch(/macroEnabled/i);
  });

  it('_da06 holds plan, planHash, agency, period and templateVersion', () => {
    const meta = ws(wb, '_da06');
    const values: Record<string, unknown> = {};
    meta.eachRow((row) => (values[String(row.getCell(1).value)] = row.getCell(2).value));
    expect(values).toEqual({ plan: QN22, planHash: plan(QN22).hash, agency: AG, period: PER, templateVersion: '1' });
  });
});

describe('Thông tin', () => {
  it('labels with their values in the cell to the right', () => {
    const info = ws(wb, 'Thông tin');
    const right: Record<string, ExcelJS.Cell> = {};
    info.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === 'string') right[label] = row.getCell(2);
    });
    for (const label of ['Đơn vị', 'Kỳ báo cáo', 'Người lập', 'Ngày lập']) expect(right[label], label).toBeDefined();
    expect(right['Đơn vị']!.value).toBe('Sở Thông tin và Truyền thông');
    expect(right['Đơn vị']!.value).toBe(plan(QN22).agencies.get(AG)!.name);
    expect(right['Kỳ báo cáo']!.value).toBe('Tháng 01/2023');
    expect(right['Người lập']!.value).toBeNull();
    expect(right['Ngày lập']!.value).toBeNull();
    expect(right['Ngày lập']!.numFmt).toMatch(/dd\/mm\/yyyy/i);
    expect(right['Người lập']!.protection?.locked).toBe(false);
    expect(right['Ngày lập']!.protection?.locked).toBe(false);
    expect(right['Đơn vị']!.protection?.locked).not.toBe(false);
    expect(right['Kỳ báo cáo']!.protection?.locked).not.toBe(false);
  });

  it('labels are locked', () => {
    ws(wb, 'Thông tin').eachRow((row) => expect(row.getCell(1).protection?.locked, String(row.getCell(1).value)).not.toBe(false));
  });
});

describe('Nhiệm vụ', () => {
  const CONTRACT = ['Mã nhiệm vụ', 'Trạng thái', 'Tiến độ (%)', 'Ngày hoàn thành', 'Kết quả thực hiện', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị'];
  const INPUTS = ['Trạng thái', 'Tiến độ (%)', 'Ngày hoàn thành', 'Kết quả thực hiện', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị'];

  it('one header row with the contract\'s headers', () => {
    const sheet = ws(wb, 'Nhiệm vụ');
    const r = findHeaderRow(sheet, 'Mã nhiệm vụ');
    const headers = headerMap(sheet, r);
    for (const h of CONTRACT) expect(headers.has(h), h).toBe(true);
    // No other row repeats a header.
    for (let other = 1; other <= 15; other++) if (other !== r) expect(headerMap(sheet, other).has('Trạng thái')).toBe(false);
  });

  it.each(['SO_TTTT', 'CAT', 'H_BINH_SON', 'BHXH', 'TINH_DOAN'])('only the tasks of %s, in plan order, with its role and deadline', async (agency) => {
    const w = await load(await makeTemplate(QN22, agency, PER));
    const sheet = ws(w, 'Nhiệm vụ');
    const r = findHeaderRow(sheet, 'Mã nhiệm vụ');
    const h = headerMap(sheet, r);
    const rows: [unknown, unknown, unknown, unknown][] = [];
    for (let i = r + 1; i <= sheet.rowCount; i++) {
      const row = sheet.getRow(i);
      if (row.getCell(h.get('Mã nhiệm vụ')!).value == null) continue;
      rows.push([row.getCell(h.get('Mã nhiệm vụ')!).value, row.getCell(h.get('Vai trò')!).value, row.getCell(h.get('Nội dung nhiệm vụ')!).value, row.getCell(h.get('Thời hạn')!).value]);
    }
    const expected = tasksForAgency(plan(QN22), agency).map(({ task, role }) => [task.id, ROLE_LABEL[role], task.title, deadlineText(task.deadline)]);
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('input cells are unlocked, every other cell locked', () => {
    const sheet = ws(wb, 'Nhiệm vụ');
    const r = findHeaderRow(sheet, 'Mã nhiệm vụ');
    const h = headerMap(sheet, r);
    const n = tasksForAgency(plan(QN22), AG).length;
    const inputCols = new Set(INPUTS.map((k) => h.get(k)!));
    for (let row = 1; row <= r + n; row++) {
      for (let col = 1; col <= h.size; col++) {
        const cell = sheet.getCell(row, col);
        const unlocked = cell.protection?.locked === false;
        expect(unlocked, cell.address).toBe(row > r && inputCols.has(col));
      }
    }
  });

  it('the status dropdown and the other validations cover the task rows only, never a whole column', () => {
    const xml = sheetXml(x, 'Nhiệm vụ');
    const n = tasksForAgency(plan(QN22), AG).length;
    const validations = [...xml.matchAll(/<dataValidation [^>]*>[\s\S]*?<\/dataValidation>/g)].map((m) => m[0]);
    const status = validations.find((v) => v.includes('type="list"'));
    expect(status).toBeDefined();
    expect(status).toContain(`sqref="F4:F${3 + n}"`);
    expect(status).toContain('<formula1>&quot;Đã hoàn thành,Đang thực hiện,Chưa thực hiện&quot;</formula1>');
    for (const v of validations) {
      const sqref = /sqref="([^"]+)"/.exec(v)![1]!;
      for (const range of sqref.split(' ')) {
        expect(range, 'whole column').not.toMatch(/^[A-Z]+:[A-Z]+$/);
        const [, , top, , bottom] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range) ?? [];
        expect(Number(top)).toBe(4);
        expect(Number(bottom)).toBe(3 + n);
      }
    }
  });

  it('frozen header rows', () => {
    const xml = sheetXml(x, 'Nhiệm vụ');
    const pane = /<pane [^>]*\/>/.exec(xml)?.[0];
    expect(pane).toContain('state="frozen"');
    expect(pane).toContain(`ySplit="${findHeaderRow(ws(wb, 'Nhiệm vụ'), 'Mã nhiệm vụ')}"`);
  });

  it('a completion date column formatted as a date', () => {
    const sheet = ws(wb, 'Nhiệm vụ');
    const r = findHeaderRow(sheet, 'Mã nhiệm vụ');
    expect(sheet.getCell(r + 1, headerMap(sheet, r).get('Ngày hoàn thành')!).numFmt).toMatch(/dd\/mm\/yyyy/i);
  });
});

describe('Chỉ tiêu', () => {
  it('one header row with Mã chỉ tiêu, Tử số, Mẫu số; the agency\'s indicators; inputs unlocked', async () => {
    const w = await load(await makeTemplate('quang-ngai-2023', 'SO_TU_PHAP', '2023-03'));
    const sheet = ws(w, 'Chỉ tiêu');
    const r = findHeaderRow(sheet, 'Mã chỉ tiêu');
    const h = headerMap(sheet, r);
    for (const k of ['Mã chỉ tiêu', 'Tử số', 'Mẫu số']) expect(h.has(k), k).toBe(true);
    const inds = indicatorsForAgency(plan('quang-ngai-2023'), 'SO_TU_PHAP');
    expect(inds.length).toBe(2);
    inds.forEach((ind, i) => {
      const row = r + 1 + i;
      expect(sheet.getCell(row, h.get('Mã chỉ tiêu')!).value).toBe(ind.id);
      expect(sheet.getCell(row, h.get('Tử số')!).protection?.locked).toBe(false);
      expect(sheet.getCell(row, h.get('Mẫu số')!).protection?.locked).toBe(false);
      expect(sheet.getCell(row, h.get('Mã chỉ tiêu')!).protection?.locked).not.toBe(false);
    });
    expect(sheet.getCell(r + 1 + inds.length, h.get('Mã chỉ tiêu')!).value).toBeNull();
    const xml = sheetXml(openXlsx(await makeTemplate('quang-ngai-2023', 'SO_TU_PHAP', '2023-03')), 'Chỉ tiêu');
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs.length).toBeGreaterThan(0);
    for (const s of sqrefs) expect(s).toMatch(new RegExp(`^[A-Z]4:[A-Z]${r + inds.length}$`));
  });

  it('a count indicator has its Mẫu số locked', async () => {
    const np = plan('can-tho-2022');
    const w = await load(await makeTemplate('can-tho-2022', 'VP_UBND', '2022-H1'));
    const sheet = ws(w, 'Chỉ tiêu');
    const r = findHeaderRow(sheet, 'Mã chỉ tiêu');
    const h = headerMap(sheet, r);
    indicatorsForAgency(np, 'VP_UBND').forEach((ind, i) => {
      expect(sheet.getCell(r + 1 + i, h.get('Mã chỉ tiêu')!).value).toBe(ind.id);
      expect(sheet.getCell(r + 1 + i, h.get('Mẫu số')!).protection?.locked === false, ind.id).toBe(ind.unit === 'percent');
    });
  });

  it('an agency without indicators still gets the sheet with its header row, and no validations', () => {
    const sheet = ws(wb, 'Chỉ tiêu');
    expect(findHeaderRow(sheet, 'Mã chỉ tiêu')).toBeGreaterThan(0);
    expect(sheetXml(x, 'Chỉ tiêu')).not.toContain('<dataValidation ');
  });
});

describe('protection and printing', () => {
  it('every sheet is protected without a password', () => {
    for (const [name, xml] of x.sheets) {
      const prot = /<sheetProtection [^>]*\/>/.exec(xml)?.[0];
      expect(prot, name).toBeDefined();
      expect(prot).toContain('sheet="1"');
      expect(prot, name).not.toMatch(/hashValue|password|saltValue|spinCount/);
    }
    expect(x.workbook).not.toMatch(/workbookProtection|workbookPassword|workbookHashValue/);
  });

  it('visible sheets print on A4 landscape', () => {
    for (const [name, xml] of x.sheets) {
      if (x.states[name] !== 'visible') continue;
      const setup = /<pageSetup [^>]*\/>/.exec(xml)?.[0];
      expect(setup, name).toContain('paperSize="9"');
      expect(setup, name).toContain('orientation="landscape"');
    }
  });

  it('header rows of the tables repeat on every printed page', () => {
    expect(x.workbook).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="2">&apos;Nhiệm vụ&apos;!$3:$3</definedName>');
  });

  it('frozen panes on both tables', () => {
    for (const name of ['Nhiệm vụ', 'Chỉ tiêu']) expect(sheetXml(x, name), name).toMatch(/<pane [^>]*state="frozen"/);
  });

  it('text is in Times New Roman with wrapping in the task rows', () => {
    const sheet = ws(wb, 'Nhiệm vụ');
    const r = findHeaderRow(sheet, 'Mã nhiệm vụ');
    const cell = sheet.getCell(r + 1, headerMap(sheet, r).get('Nội dung nhiệm vụ')!);
    expect(cell.font?.name).toBe('Times New Roman');
    expect(cell.alignment?.wrapText).toBe(true);
  });
});

describe('determinism and errors', () => {
  it('building twice gives identical bytes', async () => {
    const a = await buildTemplate(plan(QN22), AG, period(PER));
    const b = await buildTemplate(plan(QN22), AG, period(PER));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('the same bytes on machines in other time zones', () => {
    const tmp = tempDir();
    try {
      const script = join(tmp.dir, 'build.mts');
      writeFileSync(
        script,
        [
          `import { createHash } from 'node:crypto';`,
          `import { loadPlan } from '${REPO}/generator/plan/loadPlan.ts';`,
          `import { buildTemplate } from '${REPO}/generator/template/writeTemplate.ts';`,
          `import { parsePeriodId } from '${REPO}/core/period/period.ts';`,
          `const bytes = await buildTemplate(loadPlan('${QN22}'), 'BHXH', parsePeriodId('${PER}')!);`,
          `console.log(createHash('sha256').update(bytes).digest('hex'));`,
        ].join('\n'),
      );
      const hash = (tz: string) => execFileSync(join(REPO, 'node_modules/.bin/tsx'), [script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }).trim();
      const hashes = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles'].map(hash);
      expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set(hashes).size).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });

  it('another period changes the bytes', async () => {
    const a = await buildTemplate(plan(QN22), AG, period('2023-01'));
    const b = await buildTemplate(plan(QN22), AG, period('2023-02'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('an unknown or non-reporting agency is refused with a Vietnamese message', async () => {
    await expect(buildTemplate(plan(QN22), 'KHONG_CO', period(PER))).rejects.toBeInstanceOf(TemplateError);
    await expect(buildTemplate(plan(QN22), 'KHONG_CO', period(PER))).rejects.toThrow(/Không có đơn vị mã "KHONG_CO"/);
    const np = plan('quang-ngai-2023');
    const silent = np.plan.agencies.find((a) => !a.reports);
    expect(silent).toBeDefined();
    await expect(buildTemplate(np, silent!.code, period('2023-03'))).rejects.toThrow(/không phải báo cáo/);
  });
});
