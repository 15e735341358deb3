import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validFilling } from '../../generator/samples/scenario.ts';
import { tasksForAgency } from '../../core/plan/normalize.ts';
import type { Issue } from '../../core/validation/catalogue.ts';
import { codesAt, makeWorkbook, plan, period, tempDir, validateBytes } from '../helpers/workbooks.ts';
import { REPO, runCli, runMain, type Run } from '../helpers/cli.ts';
import { main as planMain } from '../../generator/cli/plan.ts';
import { main as templateMain } from '../../generator/cli/template.ts';
import { main as reportMain } from '../../generator/cli/report.ts';

/**
 * The command-line contract (PRODUCT.md). Most cases call each command's main(argv) in this process;
 * `validate` and a few end-to-end cases run the built launcher as users do (npm run COMMAND).
 */

type Command = 'validate' | 'plan' | 'template' | 'report';
const MAINS = { plan: planMain, template: templateMain, report: reportMain } as const;

function cli(script: Command, args: string[]): Promise<Run> {
  return script === 'validate' ? runCli(script, args) : runMain(MAINS[script], args);
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
  // One warning only: the report dated before its period starts (an edited unit name is an error since issue 9).
  writeFileSync(file('warning.xlsx'), await makeWorkbook({ agency: 'SO_TTTT', period: '2023-01', filling: validFilling(np, 'SO_TTTT', period('2023-01'), { reportDate: '2022-12-28' }) }));
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
    expect(out.files[0].issues.map((i: { code: string }) => i.code)).toEqual(['report-date-out-of-period']);
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

describe('plan without --json', () => {
  it('lists the agency codes that template --agency takes', async () => {
    const r = await cli('plan', ['quang-ngai-2022']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--agency/);
    for (const a of plan('quang-ngai-2022').reportingAgencies) expect(r.stdout).toMatch(new RegExp(`^  ${a.code} +${a.name.replace(/[()&.]/g, '\\$&')}$`, 'm'));
  });
});

describe('report: commands that never crash', () => {
  const SAMPLES = join(REPO, 'samples', 'quang-ngai-2022', 'submissions');
  const month = join(SAMPLES, '2023-01');
  const copyMonth = (to: string): string => {
    cpSync(month, to, { recursive: true });
    return to;
  };
  const json = (r: Run) => JSON.parse(r.stdout) as { plan: string; period: string; agencies: { submitted: number } };

  it('--plan path/to/plan.yaml of a plan that is not shipped: the workers get the loaded plan', async () => {
    const yaml = readFileSync(join(REPO, 'plans', 'quang-ngai-2022.yaml'), 'utf8').replace(/^id: quang-ngai-2022$/m, 'id: thu-nghiem-rieng');
    const planFile = join(tmp.dir, 'ke-hoach', 'rieng.yaml');
    mkdirSync(join(tmp.dir, 'ke-hoach'), { recursive: true });
    writeFileSync(planFile, yaml);
    // Enough files for worker threads: three copies of the month.
    const inDir = join(tmp.dir, 'nhieu', '2023-01');
    for (const k of ['a', 'b', 'c']) copyMonth(join(inDir, k));
    const r = await cli('report', ['--plan', planFile, '--in', inDir, '--out', join(tmp.dir, 'kq-plan', 'bao-cao.docx'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).plan).toBe('thu-nghiem-rieng');
  }, 120_000);

  it('a period folder named in lower case (2023-h1) is found, with or without --period', async () => {
    // Cần Thơ reports half-yearly: its agencies send 2023-H1 files.
    const root = join(tmp.dir, 'nua-nam');
    cpSync(join(REPO, 'samples', 'can-tho-2022', 'submissions', '2023-H1'), join(root, '2023-h1'), { recursive: true });
    for (const args of [[], ['--period', '2023-H1']]) {
      const r = await cli('report', ['--plan', 'can-tho-2022', '--in', root, '--out', join(tmp.dir, 'kq-nua-nam', 'bao-cao.docx'), '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r).period).toBe('2023-H1');
      expect(json(r).agencies.submitted).toBeGreaterThan(5);
    }
  }, 120_000);

  it('--period P --in FOLDER reads FOLDER itself when it holds the files, whatever its name', async () => {
    const folder = copyMonth(join(tmp.dir, 'tep-nop-thang-1'));
    const r = await cli('report', ['--period', '2023-01', '--in', folder, '--out', join(tmp.dir, 'kq-thu-muc', 'bao-cao.docx'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).agencies.submitted).toBeGreaterThan(30);
  }, 120_000);

  it('--in FILE: a clear message, exit 2', async () => {
    const r = await cli('report', ['--in', file('valid.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/là một tệp, không phải thư mục.*npm run validate/);
    expectNoStackTrace(r);
  });

  it('--out inside --in is refused, and nothing is written there', async () => {
    const folder = copyMonth(join(tmp.dir, 'ra-trong-vao', '2023-01'));
    const r = await cli('report', ['--in', folder, '--out', join(folder, 'ket-qua', 'bao-cao.docx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nằm trong thư mục các tệp nộp/);
    expect(existsSync(join(folder, 'ket-qua'))).toBe(false);
  });

  it('a second run into the same --out stops with a clear message while another holds the lock', async () => {
    const outDir = join(tmp.dir, 'kq-khoa');
    mkdirSync(outDir, { recursive: true });
    // A live process (the test runner's parent) holds the lock.
    writeFileSync(join(outDir, '.da06.lock'), String(process.ppid));
    const r = await cli('report', ['--out', join(outDir, 'bao-cao.docx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`tiến trình ${process.ppid}.*đang ghi kết quả vào "${outDir}"`));
    expect(readdirSync(outDir)).toEqual(['.da06.lock']);
  });

  it('a rerun after the rejected file is fixed leaves no stale note; two rejected files of one name get two notes', async () => {
    const root = join(tmp.dir, 'sua-lai');
    const folder = copyMonth(join(root, '2023-01'));
    mkdirSync(join(folder, 'a'));
    mkdirSync(join(folder, 'b'));
    writeFileSync(join(folder, 'a', 'bao-cao.xlsx'), 'hỏng');
    writeFileSync(join(folder, 'b', 'bao-cao.xlsx'), 'hỏng');
    const out = join(tmp.dir, 'kq-sua-lai', 'bao-cao.docx');
    const notes = join(tmp.dir, 'kq-sua-lai', 'phan-hoi-2023-01');
    expect((await cli('report', ['--in', root, '--out', out])).code).toBe(0);
    const first = readdirSync(notes);
    expect(first).toEqual(expect.arrayContaining(['a--bao-cao.txt', 'b--bao-cao.txt']));
    const note = readFileSync(join(notes, 'a--bao-cao.txt'), 'utf8');
    expect(note).toContain('"2023-01/a/bao-cao.xlsx"');
    // Sent to an outside agency: no absolute path of the compiler's machine.
    expect(note).not.toContain(tmp.dir);
    rmSync(join(folder, 'a'), { recursive: true });
    rmSync(join(folder, 'b'), { recursive: true });
    expect((await cli('report', ['--in', root, '--out', out])).code).toBe(0);
    expect(readdirSync(notes).sort()).toEqual(first.filter((n) => !/bao-cao/.test(n)).sort());
    expect(readdirSync(join(tmp.dir, 'kq-sua-lai')).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 120_000);
});

describe('report: write errors end with exit 2, a Vietnamese message naming the path, old outputs intact', () => {
  const previous = () => {
    const dir = join(tmp.dir, `kq-loi-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    for (const ext of ['docx', 'xlsx', 'json']) writeFileSync(join(dir, `bao-cao.${ext}`), `cũ ${ext}`);
    return dir;
  };
  const intact = (dir: string) => {
    for (const ext of ['docx', 'xlsx', 'json']) expect(readFileSync(join(dir, `bao-cao.${ext}`), 'utf8')).toBe(`cũ ${ext}`);
    expect(readdirSync(dir).sort()).toEqual(['bao-cao.docx', 'bao-cao.json', 'bao-cao.xlsx']);
  };
  /** Root ignores file permissions: drop to nobody for the permission cases. */
  const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  // The temporary folder is private (0700): open it, so that only the folder under test is refused.
  beforeAll(() => chmodSync(tmp.dir, 0o755));

  it('a full disk (file size limit, ulimit -f)', async () => {
    const dir = previous();
    const r = await runCli('report', ['--out', join(dir, 'bao-cao.docx')], { shell: 'ulimit -f 64;' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`Vượt giới hạn kích thước tệp .*"${dir}/bao-cao\\.docx".*Các tệp kết quả cũ`));
    expectNoStackTrace(r);
    intact(dir);
  }, 120_000);

  it.each([
    ['a read-only output folder', ''],
    ['an output folder that cannot be created', 'con'],
  ])('%s', async (_, sub) => {
    const dir = previous();
    chmodSync(dir, 0o555);
    try {
      const r = await runCli('report', ['--out', join(dir, sub, 'bao-cao.docx')], { prefix: asNobody });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`Không có quyền ghi vào "${join(dir, sub)}"`));
      expectNoStackTrace(r);
      intact(dir);
    } finally {
      chmodSync(dir, 0o755);
    }
  }, 120_000);

  it('a submissions sub-folder that cannot be read is noted and skipped; the rest is reported', async () => {
    const root = join(tmp.dir, 'khong-doc-duoc');
    cpSync(join(REPO, 'samples', 'quang-ngai-2022', 'submissions', '2023-01'), join(root, '2023-01'), { recursive: true });
    mkdirSync(join(root, '2023-01', 'khoa'));
    writeFileSync(join(root, '2023-01', 'khoa', 'an.xlsx'), 'x');
    chmodSync(join(root, '2023-01', 'khoa'), 0o000);
    const outDir = join(tmp.dir, 'kq-khong-doc-duoc');
    mkdirSync(outDir);
    chmodSync(outDir, 0o777);
    try {
      const r = await runCli('report', ['--in', root, '--out', join(outDir, 'bao-cao.docx'), '--json'], { prefix: asNobody });
      expect(r.code, r.stderr).toBe(0);
      if (!r.stdout.trimEnd().endsWith('}')) throw new Error(r.stdout.slice(-300));
      const out = JSON.parse(r.stdout) as { skipped: { file: string; reason: string }[]; agencies: { submitted: number } };
      expect(out.skipped).toContainEqual({ file: '2023-01/khoa', reason: expect.stringMatching(/Không đọc được thư mục/) });
      expect(out.agencies.submitted).toBeGreaterThan(30);
      expectNoStackTrace(r);
    } finally {
      chmodSync(join(root, '2023-01', 'khoa'), 0o755);
    }
  }, 120_000);
});
