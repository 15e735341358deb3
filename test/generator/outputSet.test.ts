import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, lockFile, OutputError, recoverOutputSet, stagingDir, writeOutputSet, type OutputFile } from '../../generator/output/outputSet.ts';
import { feedbackNoteNames } from '../../generator/report/feedback.ts';
import { tempDir } from '../helpers/workbooks.ts';

/**
 * Issue 12.8 and 12.9: the outputs of a run are one set, put in place together; a run killed -9 at
 * any step leaves the old set or the new one; two runs never write into one folder at once; each
 * rejected file has its own note, with a safe name.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(REPO, 'test', 'hostile', 'outputSetChild.ts');
const OWNED = ['bao-cao.docx', 'bao-cao.xlsx', 'bao-cao.json', 'phan-hoi-2023-01'];
const tmp = tempDir('da06-outset-');
afterAll(() => tmp.cleanup());

/** The same contents as outputSetChild.ts writes for a tag. */
function set(tag: string, notes = true): OutputFile[] {
  return [
    { name: 'bao-cao.docx', data: `docx ${tag}`.repeat(20_000) },
    { name: 'bao-cao.xlsx', data: `xlsx ${tag}` },
    { name: 'bao-cao.json', data: `json ${tag}` },
    ...(notes ? [{ name: 'phan-hoi-2023-01/a.txt', data: `note ${tag}` }] : []),
  ];
}

/** What the folder holds under the set's final names: 'old', 'new', or a description of a mix. */
function stateOf(dir: string): string {
  const tags = new Set<string>();
  for (const f of set('x')) {
    const path = join(dir, f.name);
    if (!existsSync(path)) {
      tags.add(`missing ${f.name}`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const tag = ['old', 'new'].find((t) => text === set(t).find((g) => g.name === f.name)!.data);
    tags.add(tag ?? `partial ${f.name}`);
  }
  return [...tags].sort().join(', ');
}

function startChild(dir: string, tag: string, stopAt: string): Promise<{ child: ChildProcess; at: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, tag, stopAt, 'notes'], { cwd: REPO });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, at: out.trim() });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code} before ${stopAt}: ${out}${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function oldSet(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  writeOutputSet(dir, 'bao-cao', set('old'), OWNED);
  return dir;
}

describe('kill -9 at any step', () => {
  const cases: [string, string][] = [
    ['staging', 'old'],
    ['staged', 'old'],
    ['marked', 'new'],
    ['moved-1', 'new'],
    ['moved-2', 'new'],
    ['moved-4', 'new'],
  ];
  it.each(cases)('killed at %s: no partial file under a final name; the next run sees the %s set whole', async (stopAt, after) => {
    const dir = oldSet(`kill-${stopAt}`);
    const { child, at } = await startChild(dir, 'new', stopAt);
    expect(at).toBe(`at ${stopAt}`);
    await killed(child);
    // Each final name holds a whole file, old or new; nothing half-written.
    expect(stateOf(dir)).not.toMatch(/partial/);
    expect(readdirSync(dir).filter((n) => !n.startsWith('.')).sort()).toEqual(OWNED.slice().sort());
    // The next run takes the dead process's lock over and finishes or discards its work.
    const lock = acquireLock(dir);
    recoverOutputSet(dir, 'bao-cao');
    lock.release();
    expect(stateOf(dir)).toBe(after);
    expect(readdirSync(dir).sort()).toEqual(OWNED.slice().sort());
  }, 30_000);
});

describe('one run at a time', () => {
  it('a second run stops with a clear message while the first holds the lock; a dead holder\'s lock is taken over', async () => {
    const dir = oldSet('lock');
    const { child } = await startChild(dir, 'new', 'staged');
    expect(readFileSync(lockFile(dir), 'utf8')).toMatch(new RegExp(`^${child.pid} \\d+$`));
    expect(() => acquireLock(dir)).toThrow(OutputError);
    expect(() => acquireLock(dir)).toThrow(new RegExp(`tiến trình ${child.pid}\\).*Hãy chờ`));
    await killed(child);
    const lock = acquireLock(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 30_000);

  it('a lock whose PID now belongs to another process (started at another time) is taken over', () => {
    const dir = oldSet('reused-pid');
    // The test runner's parent runs, but did not write this lock: its start time differs.
    writeFileSync(lockFile(dir), `${process.ppid} 1`);
    const lock = acquireLock(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    lock.release();
    // Without a start time to compare, a running PID is taken as the holder.
    writeFileSync(lockFile(dir), String(process.ppid));
    expect(() => acquireLock(dir)).toThrow(OutputError);
  });
});

describe('the set is replaced whole', () => {
  it('a rerun with no rejected file leaves no stale note', () => {
    const dir = oldSet('rerun');
    expect(readFileSync(join(dir, 'phan-hoi-2023-01', 'a.txt'), 'utf8')).toBe('note old');
    writeOutputSet(dir, 'bao-cao', set('new', false), OWNED);
    expect(readdirSync(dir).sort()).toEqual(['bao-cao.docx', 'bao-cao.json', 'bao-cao.xlsx']);
    expect(readFileSync(join(dir, 'bao-cao.json'), 'utf8')).toBe('json new');
  });

  it('a write that fails leaves the old set and no staging folder, with a Vietnamese message naming the path', () => {
    const dir = oldSet('fail');
    // A file where the feedback folder should be created inside staging cannot be a folder.
    const bad: OutputFile[] = [...set('new'), { name: 'bao-cao.json/x.txt', data: 'x' }];
    let message = '';
    try {
      writeOutputSet(dir, 'bao-cao', bad, OWNED);
    } catch (e) {
      expect(e).toBeInstanceOf(OutputError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Không ghi được ".*bao-cao\.json\/x\.txt".*Các tệp kết quả cũ/);
    expect(stateOf(dir)).toBe('old');
    expect(existsSync(stagingDir(dir, 'bao-cao'))).toBe(false);
  });
});

describe('feedback note names', () => {
  it('one distinct name per rejected file, from the relative path', () => {
    const names = feedbackNoteNames(['a/bao-cao.xlsx', 'b/bao-cao.xlsx', 'X.xlsx', 'X.XLSX', 'Sở Tư pháp.xlsx']);
    expect(names[0]).toBe('a--bao-cao');
    expect(names[1]).toBe('b--bao-cao');
    // Same name but for the case: both get a hash, so they differ on a case-insensitive disk too.
    expect(names[2]).toMatch(/^X-[0-9a-f]{8}$/);
    expect(names[3]).toMatch(/^X-[0-9a-f]{8}$/);
    expect(names[2]!.toLowerCase()).not.toBe(names[3]!.toLowerCase());
    expect(names[4]).toBe('Sở Tư pháp');
  });

  it('a 249-byte file name gives a short name with a hash, cut between letters', () => {
    const long = `${'Báo cáo '.repeat(24)}.xlsx`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(240);
    const [name] = feedbackNoteNames([`huyen/${long}`]);
    expect(Buffer.byteLength(name!)).toBeLessThanOrEqual(120);
    expect(name).toMatch(/^huyen--Báo cáo .*-[0-9a-f]{8}$/);
    expect(name).toBe(name!.normalize('NFC'));
    // Writable as a file name.
    const dir = join(tmp.dir, 'names');
    writeOutputSet(dir, 'bao-cao', [{ name: `phan-hoi-2023-01/${name}.txt`, data: 'x' }], OWNED);
    expect(readdirSync(join(dir, 'phan-hoi-2023-01'))).toEqual([`${name}.txt`]);
  });

  it('names carry no folder separators or characters Windows refuses', () => {
    for (const n of feedbackNoteNames(['../a:b*c?.xlsx', 'đ/"x"|<y>.xlsx', '.an.xlsx'])) {
      expect(n).not.toMatch(/[\\/:*?"<>|]|^\./);
    }
  });
});
