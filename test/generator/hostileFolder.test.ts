import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildCorpus, CORPUS_PERIOD, CORPUS_PLAN, readerHostile, sheetPart, withControlCharacters, type Corpus } from '../hostile/buildCorpus.ts';
import { SHEETS } from '../../core/workbook/contract.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { makeWorkbook, period, plan, tempDir } from '../helpers/workbooks.ts';
import { REPO } from '../helpers/cli.ts';

/**
 * Issue 12, "Done when": the whole hostile corpus, with the folder-level traps of 12.3 and 12.8
 * beside it, runs as ONE folder through the built `npm run report`: it ends in bounded time and
 * memory, writes a DOCX and an annex that are well-formed XML and that LibreOffice opens, and one
 * feedback note per rejected file.
 */

const GiB = 1024 * 1024 * 1024;
const MARKER = 'DA06-O-BAN';
const tmp = tempDir('da06-hostile-folder-');
const root = join(tmp.dir, 'nop');
const folder = join(root, CORPUS_PERIOD);
const outDir = join(tmp.dir, 'ket-qua');
let corpus: Corpus;
let run: { code: number | null; stdout: string; stderr: string; peakKiB: number };

function report(): Promise<typeof run> {
  return new Promise((resolve) => {
    const args = ['-f', '%M', process.execPath, join(REPO, 'scripts', 'cli.mjs'), 'report', '--plan', CORPUS_PLAN, '--period', CORPUS_PERIOD, '--in', root, '--out', join(outDir, 'bao-cao.docx'), '--date', '2023-04-30', '--json'];
    const child = spawn('/usr/bin/time', args, { cwd: REPO, timeout: 300_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      // GNU time prints the peak RSS (KiB) as the last line of stderr.
      const lines = stderr.trimEnd().split('\n');
      resolve({ code, stdout, stderr: lines.slice(0, -1).join('\n'), peakKiB: Number(lines.at(-1)) });
    });
  });
}

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  corpus = await buildCorpus(folder);
  // Reader items (issue 12.1, 12.2, 12.5, 12.7) and clerk text with control and bidi characters (12.4, 12.6).
  const np = plan(CORPUS_PLAN);
  const agency = np.reportingAgencies.filter((a) => a.kind === 'department')[3]!.code;
  const filling = validFilling(np, agency, period(CORPUS_PERIOD));
  const taskId = Object.keys(filling.tasks ?? {})[0]!;
  filling.tasks![taskId] = { ...filling.tasks![taskId]!, result: MARKER };
  const marked = await makeWorkbook({ agency, period: CORPUS_PERIOD, filling });
  const parts = unzipSync(marked);
  mkdirSync(join(folder, 'doc-hai'));
  for (const h of readerHostile(parts, sheetPart(parts, SHEETS.tasks))) writeFileSync(join(folder, 'doc-hai', h.name), h.bytes);
  writeFileSync(join(folder, 'ky-tu-dieu-khien.xlsx'), withControlCharacters(marked, MARKER).bytes);
  // Folder traps (12.3): a FIFO, a link to /dev/zero, a link out of the folder, a loop.
  execFileSync('mkfifo', [join(folder, 'ong.xlsx')]);
  symlinkSync('/dev/zero', join(folder, 'zero.xlsx'));
  symlinkSync('/etc', join(folder, 'ra-ngoai'));
  symlinkSync(folder, join(folder, 'doc-hai', 'vong-lap'));
  // Feedback names (12.8): same name in two folders, names differing in case, a 249-byte name.
  mkdirSync(join(folder, 'a'));
  mkdirSync(join(folder, 'b'));
  writeFileSync(join(folder, 'a', 'bao-cao.xlsx'), 'hỏng a');
  writeFileSync(join(folder, 'b', 'bao-cao.xlsx'), 'hỏng b');
  writeFileSync(join(folder, 'X.xlsx'), 'hỏng X');
  writeFileSync(join(folder, 'X.XLSX'), 'hỏng X hoa');
  const long = `${'Báo cáo '.repeat(24)}aaaa`;
  expect(Buffer.byteLength(`${long}.xlsx`)).toBe(249);
  writeFileSync(join(folder, `${long}.xlsx`), 'hỏng dài');
  run = await report();
}, 600_000);

afterAll(() => tmp.cleanup());

describe('the whole hostile corpus as one folder through npm run report', () => {
  it('ends with exit 0, within the time limit and under 1 GiB peak RSS', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.peakKiB * 1024).toBeGreaterThan(0);
    expect(run.peakKiB * 1024).toBeLessThan(GiB);
  });

  it('writes one distinct feedback note per rejected file, with no absolute path in any', () => {
    const json = JSON.parse(run.stdout) as { rejected: { file: string }[]; skipped: { file: string; reason: string }[]; agencies: { submitted: number } };
    const notes = readdirSync(join(outDir, `phan-hoi-${CORPUS_PERIOD}`));
    expect(notes.length).toBe(json.rejected.length);
    expect(new Set(notes.map((n) => n.toLowerCase())).size).toBe(notes.length);
    // Every corpus item is rejected (but those that are wrong only when checked alone, against an expected agency).
    for (const item of corpus.items.filter((i) => !i.options)) expect(json.rejected.map((r) => r.file), item.name).toContain(`${CORPUS_PERIOD}/${item.name}`);
    for (const f of ['a/bao-cao.xlsx', 'b/bao-cao.xlsx', 'X.xlsx', 'X.XLSX']) expect(json.rejected.map((r) => r.file)).toContain(`${CORPUS_PERIOD}/${f}`);
    expect(json.agencies.submitted).toBeGreaterThanOrEqual(3);
    for (const n of notes) {
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(124);
      expect(readFileSync(join(outDir, `phan-hoi-${CORPUS_PERIOD}`, n), 'utf8')).not.toContain(tmp.dir);
    }
    // The folder traps are noted, not read.
    const skipped = Object.fromEntries(json.skipped.map((s) => [s.file, s.reason]));
    expect(skipped[`${CORPUS_PERIOD}/ong.xlsx`]).toMatch(/Không phải tệp thông thường/);
    expect(skipped[`${CORPUS_PERIOD}/zero.xlsx`]).toMatch(/ra ngoài/);
    expect(skipped[`${CORPUS_PERIOD}/ra-ngoai`]).toMatch(/ra ngoài/);
    expect(skipped[`${CORPUS_PERIOD}/doc-hai/vong-lap`]).toMatch(/vòng lặp/);
  });

  it('the DOCX and the annex are well-formed XML throughout', () => {
    for (const file of ['bao-cao.docx', 'bao-cao.xlsx']) {
      const parts = unzipSync(new Uint8Array(readFileSync(join(outDir, file))));
      const xml = Object.keys(parts).filter((n) => /\.(xml|rels)$/.test(n));
      expect(xml.length).toBeGreaterThan(3);
      for (const name of xml) {
        // xmllint exits non-zero (and the call throws) on a part that is not well-formed.
        execFileSync('xmllint', ['--noout', '-'], { input: parts[name], stdio: ['pipe', 'ignore', 'pipe'] });
      }
    }
  });

  it('LibreOffice opens both', () => {
    for (const file of ['bao-cao.docx', 'bao-cao.xlsx']) {
      const pdf = join(tmp.dir, `pdf-${file}`);
      execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', pdf, join(outDir, file)], { stdio: 'ignore', timeout: 180_000 });
      const info = execFileSync('pdfinfo', [join(pdf, 'bao-cao.pdf')], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), file).toBeGreaterThan(0);
    }
  }, 400_000);
});
