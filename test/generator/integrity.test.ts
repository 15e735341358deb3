import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkFiles } from '../../generator/intake/checkPool.ts';
import { displayPath, listSubmissionFiles, sortSubmissions } from '../../generator/report/intake.ts';
import { consolidate } from '../../core/report/consolidate.ts';
import { writeFileAtomic } from '../../generator/output/atomicWrite.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { period, plan, tempDir } from '../helpers/workbooks.ts';

/**
 * PRODUCT.md: "outputs written atomically; inputs never modified". Inputs are hashed before and
 * after a run; the atomic writer is made to fail midway by the kernel (a file-size limit) and must
 * leave the previous file as it was.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PLAN = 'quang-ngai-2022';
const PERIOD = '2023-03';
const run = promisify(execFile);

interface Snapshot {
  sha256: string;
  size: number;
  mtimeMs: number;
  mode: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])).sort();
}

function snapshot(dir: string): Record<string, Snapshot> {
  const out: Record<string, Snapshot> = {};
  for (const file of walk(dir)) {
    const s = statSync(file);
    out[relative(dir, file)] = { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), size: s.size, mtimeMs: s.mtimeMs, mode: s.mode };
  }
  return out;
}

let tmp: ReturnType<typeof tempDir>;
let inRoot: string;
let folder: string;

beforeAll(async () => {
  tmp = tempDir('da06-integrity-');
  inRoot = join(tmp.dir, 'nop');
  folder = join(inRoot, PERIOD);
  mkdirSync(join(folder, 'UBND huyen'), { recursive: true });
  const np = plan(PLAN);
  const p = period(PERIOD);
  const agencies = [np.reportingAgencies.find((a) => a.kind === 'department')!, np.reportingAgencies.find((a) => a.kind === 'district')!, np.reportingAgencies.at(-1)!];
  for (const [i, a] of agencies.entries()) {
    const bytes = await fillWorkbook(await buildTemplate(np, a.code, p), validFilling(np, a.code, p));
    writeFileSync(join(folder, i === 1 ? 'UBND huyen' : '', `${a.code}.xlsx`), bytes);
  }
  // A second, older copy of the first agency's file, and some things that are not submissions.
  writeFileSync(join(folder, `ban-cu-${agencies[0]!.code}.xlsx`), readFileSync(join(folder, `${agencies[0]!.code}.xlsx`)));
  writeFileSync(join(folder, 'hong.xlsx'), 'không phải bảng tính');
  writeFileSync(join(folder, 'ghi-chu.txt'), 'Danh sách đơn vị đã nộp');
  writeFileSync(join(folder, '~$SO_NOI_VU.xlsx'), 'lock');
});

afterAll(() => tmp?.cleanup());

describe('inputs are never modified', () => {
  it('intake and consolidation leave every input byte, time and mode as it was', async () => {
    const before = snapshot(inRoot);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(7);
    const np = plan(PLAN);
    const p = period(PERIOD);
    const { xlsx, skipped } = listSubmissionFiles(folder);
    const checks = await checkFiles(PLAN, xlsx, { workers: 2, today: '2023-04-30', period: PERIOD });
    const sorted = sortSubmissions(np, p, checks, displayPath(inRoot));
    const report = consolidate({ np, period: p, reportDate: '2023-04-15', ...sorted, skipped, sources: [{ period: PERIOD, folder: PERIOD, files: xlsx.length }] });
    expect(report.agencies.submitted).toBeGreaterThanOrEqual(3);
    expect(snapshot(inRoot)).toEqual(before);
  });

  it.skipIf(!existsSync(join(REPO, 'generator/cli/report.ts')))('npm run report leaves every input as it was and writes its outputs elsewhere', async () => {
    const before = snapshot(inRoot);
    const outDir = join(tmp.dir, 'ket-qua');
    const out = join(outDir, 'bao-cao.docx');
    const { stdout } = await run('node', ['--import', 'tsx', 'generator/cli/report.ts', '--plan', PLAN, '--period', PERIOD, '--in', inRoot, '--out', out], { cwd: REPO, timeout: 120_000 });
    expect(stdout).toMatch(/bao-cao\.docx/);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(snapshot(inRoot)).toEqual(before);
    // Nothing left behind: no temporary files beside the outputs.
    expect(walk(outDir).filter((f) => /\.tmp$/.test(f))).toEqual([]);
  }, 180_000);
});

describe('outputs are written atomically', () => {
  const child = join(REPO, 'test', 'hostile', 'atomicWriteChild.ts');

  /** Runs the child writer under a file-size limit (RLIMIT_FSIZE, in KiB): the kernel stops the write midway. */
  function writeUnderLimit(target: string, bytes: number, limitKiB: number): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const p = spawn('bash', ['-c', `ulimit -f ${limitKiB} && exec node --import tsx "$0" "$1" "$2"`, child, target, String(bytes)], { cwd: REPO });
      let stderr = '';
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('a write that fails midway leaves the previous file intact and no temporary file', async () => {
    const dir = join(tmp.dir, 'atomic');
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'bao-cao.docx');
    const previous = 'bản báo cáo trước, phải còn nguyên vẹn';
    writeFileSync(target, previous);
    // 4 MiB to write, the kernel allows 256 KiB: the write starts, then fails with EFBIG.
    const { code, stderr } = await writeUnderLimit(target, 4 * 1024 * 1024, 256);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/EFBIG|File size limit/);
    expect(readFileSync(target, 'utf8')).toBe(previous);
    expect(readdirSync(dir)).toEqual(['bao-cao.docx']);
  }, 60_000);

  it('the same write within the limit replaces the file whole', async () => {
    const dir = join(tmp.dir, 'atomic-ok');
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'bao-cao.docx');
    writeFileSync(target, 'cũ');
    const { code } = await writeUnderLimit(target, 100 * 1024, 256);
    expect(code).toBe(0);
    expect(statSync(target).size).toBe(100 * 1024);
    expect(readdirSync(dir)).toEqual(['bao-cao.docx']);
  }, 60_000);

  it('a failing write in this process throws and keeps the old content', () => {
    const dir = join(tmp.dir, 'atomic-dir');
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'out.json');
    writeFileAtomic(target, '{"v":1}');
    // The target's parent is a file, so the temporary file cannot be created.
    expect(() => writeFileAtomic(join(target, 'x.json'), '{}')).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('{"v":1}');
    writeFileAtomic(target, '{"v":2}');
    expect(readFileSync(target, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
