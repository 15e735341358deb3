import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validFilling } from '../../generator/samples/scenario.ts';
import { tasksForAgency } from '../../core/plan/normalize.ts';
import type { Issue } from '../../core/validation/catalogue.ts';
import { codesAt, makeWorkbook, plan, period, tempDir, validateBytes } from '../helpers/workbooks.ts';

/** The command-line contract (PRODUCT.md), run as child processes the way users run it. */

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: 'validate' | 'plan' | 'template', args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(TSX, [join(REPO, 'generator', 'cli', `${script}.ts`), ...args], { cwd: REPO, timeout: 60_000, maxBuffer: 20 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

function expectNoStackTrace(r: Run): void {
  for (const stream of [r.stderr, r.stdout]) {
    expect(stream).not.toMatch(/^\s+at /m);
    expect(stream).not.toMatch(/\bError:/);
  }
}

const tmp = tempDir('da06-cli-');
const file = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  const np = plan('quang-ngai-2022');
  writeFileSync(file('valid.xlsx'), await makeWorkbook({ agency: 'SO_TTTT', period: '2023-01', filling: validFilling(np, 'SO_TTTT', period('2023-01')) }));
  writeFileSync(file('blank.xlsx'), await makeWorkbook({ agency: 'CAT', period: '2023-01' }));
  const f = validFilling(np, 'BHXH', period('2023-01'));
  // One warning only: the agency name edited.
  writeFileSync(file('warning.xlsx'), await makeWorkbook({ agency: 'BHXH', period: '2023-01', filling: { ...f, info: { ...f.info, agency: 'BHXH tỉnh' } } }));
  writeFileSync(file('x.xlsx'), 'hello');
});

afterAll(() => tmp.cleanup());

describe('validate', () => {
  it('exit 0 for a valid file, with a Vietnamese verdict', async () => {
    const r = await cli('validate', [file('valid.xlsx')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('HỢP LỆ');
    expect(r.stdout).not.toContain('KHÔNG HỢP LỆ');
    expectNoStackTrace(r);
  });

  it('exit 0 when there are warnings only', async () => {
    const r = await cli('validate', ['--json', file('warning.xlsx')]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].valid).toBe(true);
    expect(out.files[0].issues.map((i: { code: string }) => i.code)).toEqual(['agency-name-mismatch']);
  });

  it('exit 1 with errors, each issue listed with code and cell', async () => {
    const r = await cli('validate', [file('blank.xlsx')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('KHÔNG HỢP LỆ');
    expect(r.stdout).toContain('preparer-missing Thông tin!B5');
    expect(r.stdout).toMatch(/\[LỖI\] status-missing Nhiệm vụ!F4 /);
    expectNoStackTrace(r);
  });

  it('exit 2 for a file that is not an xlsx, with a Vietnamese message and no stack trace', async () => {
    const r = await cli('validate', [file('x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/\[LỖI\] file-unreadable .*x\.xlsx: .+/);
    expect(r.stdout + r.stderr).toMatch(VIETNAMESE);
    expect(r.stdout).toMatch(/Hãy /);
    expectNoStackTrace(r);
  });

  it('exit 2 for a missing file', async () => {
    const r = await cli('validate', [file('khong-co.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/Không mở được tệp/);
    expectNoStackTrace(r);
  });

  it('exit 2 for bad usage (unknown option, unknown plan), in Vietnamese', async () => {
    const a = await cli('validate', ['--bogus', file('valid.xlsx')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/Tùy chọn không hợp lệ: --bogus/);
    expect(a.stderr).toMatch(/Cách dùng/);
    const b = await cli('validate', ['--plan', 'khong-co', file('valid.xlsx')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/Không tìm thấy kế hoạch "khong-co"/);
    expectNoStackTrace(a);
    expectNoStackTrace(b);
  });

  it('--json has the contract shape, for several files at once; exit 2 when one is unreadable', async () => {
    const r = await cli('validate', ['--json', file('valid.xlsx'), file('blank.xlsx'), file('x.xlsx')]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { files: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['files']);
    expect(out.files).toHaveLength(3);
    for (const f of out.files) {
      expect(Object.keys(f).sort()).toEqual(['agency', 'file', 'issues', 'period', 'valid']);
      expect(typeof f.file).toBe('string');
      expect(typeof f.valid).toBe('boolean');
      for (const i of f.issues as Record<string, unknown>[]) {
        expect(Object.keys(i).sort()).toEqual(['cell', 'code', 'message', 'severity', 'sheet']);
        expect(['error', 'warning']).toContain(i.severity);
        expect(i.message).toMatch(VIETNAMESE);
      }
    }
    const [valid, blank, bad] = out.files as { file: string; agency: string | null; period: string | null; valid: boolean; issues: Pick<Issue, 'code' | 'sheet' | 'cell'>[] }[];
    expect(valid).toMatchObject({ file: file('valid.xlsx'), agency: 'SO_TTTT', period: '2023-01', valid: true, issues: [] });
    expect(blank).toMatchObject({ agency: 'CAT', period: '2023-01', valid: false });
    // The same issues as the library gives.
    const lib = await validateBytes(new Uint8Array(readFileSync(file('blank.xlsx'))), 'quang-ngai-2022');
    expect(codesAt(blank!.issues)).toEqual(codesAt(lib.issues));
    expect(blank!.issues).toHaveLength(2 + tasksForAgency(plan('quang-ngai-2022'), 'CAT').length);
    expect(bad).toMatchObject({ valid: false, issues: [{ code: 'file-unreadable', sheet: '', cell: '' }] });
  });

  it('exit 1 when some files are invalid and none unreadable', async () => {
    const r = await cli('validate', ['--json', file('valid.xlsx'), file('blank.xlsx')]);
    expect(r.code).toBe(1);
  });
});

describe('plan', () => {
  it('--json: id, title, agencies, tasks (lead/support as agency codes), indicators', async () => {
    const r = await cli('plan', ['quang-ngai-2022', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.id).toBe('quang-ngai-2022');
    expect(typeof out.title).toBe('string');
    expect(Array.isArray(out.indicators)).toBe(true);
    const codes = new Set<string>(out.agencies.map((a: { code: string }) => a.code));
    for (const a of out.agencies) {
      expect(a).toEqual(expect.objectContaining({ code: expect.any(String), name: expect.any(String), kind: expect.any(String) }));
    }
    for (const a of ['SO_TTTT', 'CAT', 'H_BINH_SON', 'BHXH']) expect(codes.has(a), a).toBe(true);
    expect(out.tasks.length).toBe(plan('quang-ngai-2022').tasks.length);
    for (const t of out.tasks) {
      expect(t).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), group: expect.any(String), due: expect.any(Object) }));
      expect(Array.isArray(t.lead) && Array.isArray(t.support)).toBe(true);
      for (const c of [...t.lead, ...t.support]) expect(codes.has(c), `${t.id}: ${c}`).toBe(true);
    }
    // Sets are expanded: "UBND các huyện…" becomes each district.
    const expanded = out.tasks.find((t: { lead: string[]; support: string[]; executing: string[] }) => [...t.lead, ...t.support, ...t.executing].includes('H_BINH_SON'));
    expect(expanded).toBeDefined();
  });

  it('--json of a plan with indicators', async () => {
    const r = await cli('plan', ['quang-ngai-2023', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.indicators.length).toBe(plan('quang-ngai-2023').indicators.length);
    for (const i of out.indicators) expect(i).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), unit: expect.any(String), agencies: expect.any(Array) }));
  });

  it('defaults to quang-ngai-2022', async () => {
    const r = await cli('plan', ['--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('quang-ngai-2022');
  });

  it('unknown plan → exit 2, Vietnamese message, no stack trace', async () => {
    const r = await cli('plan', ['khong-co', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không tìm thấy kế hoạch "khong-co"/);
    expect(r.stdout).toBe('');
    expectNoStackTrace(r);
  });
});

describe('template', () => {
  it('writes a file that validates as the agency\'s blank workbook', async () => {
    const out = file('sub dir/SO_TTTT.xlsx');
    const r = await cli('template', ['--plan', 'quang-ngai-2022', '--agency', 'SO_TTTT', '--period', '2023-01', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(VIETNAMESE);
    expect(existsSync(out)).toBe(true);
    const c = await validateBytes(new Uint8Array(readFileSync(out)), 'quang-ngai-2022');
    expect(c.result).toMatchObject({ agency: 'SO_TTTT', period: '2023-01' });
    expect(c.issues.every((i) => ['preparer-missing', 'report-date-missing', 'status-missing'].includes(i.code))).toBe(true);
    // The same bytes as the library writes.
    const { makeTemplate } = await import('../helpers/workbooks.ts');
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(await makeTemplate('quang-ngai-2022', 'SO_TTTT', '2023-01')))).toBe(true);
  });

  it('bad usage → exit 2 with the usage line; unknown agency → exit 2', async () => {
    const a = await cli('template', ['--agency', 'SO_TTTT', '--period', '2023-13', '--out', file('y.xlsx')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/Kỳ báo cáo "2023-13" không hợp lệ/);
    const b = await cli('template', ['--agency', 'KHONG_CO', '--period', '2023-01', '--out', file('y.xlsx')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/KHONG_CO/);
    expect(existsSync(file('y.xlsx'))).toBe(false);
    expectNoStackTrace(a);
    expectNoStackTrace(b);
  });
});
