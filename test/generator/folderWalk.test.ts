import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { listSubmissionFiles } from '../../generator/report/intake.ts';
import { readSubmission } from '../../generator/intake/readSubmission.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { ZIP_LIMITS } from '../../xlsx/zipGuard.ts';
import { plan, tempDir } from '../helpers/workbooks.ts';

/**
 * Issue 12.3: the folder walk never follows a link out of the folder or round a loop, never opens
 * anything but a regular file, checks sizes before reading, and notes what it skips.
 */

const tmp = tempDir('da06-walk-');
const root = join(tmp.dir, '2023-01');
const outside = join(tmp.dir, 'ngoai');

beforeAll(() => {
  mkdirSync(join(root, 'huyen'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(root, 'a.xlsx'), 'a');
  writeFileSync(join(root, 'huyen', 'b.xlsx'), 'b');
  writeFileSync(join(outside, 'bi-mat.xlsx'), 'outside');
  symlinkSync(outside, join(root, 'lien-ket-ra-ngoai'));
  symlinkSync(join(outside, 'bi-mat.xlsx'), join(root, 'tep-ra-ngoai.xlsx'));
  symlinkSync('/dev/zero', join(root, 'zero.xlsx'));
  symlinkSync(root, join(root, 'huyen', 'vong-lap'));
  symlinkSync('..', join(root, 'huyen', 'cha'));
  symlinkSync(join(root, 'huyen', 'b.xlsx'), join(root, 'ban-sao.xlsx'));
  symlinkSync(join(root, 'khong-co.xlsx'), join(root, 'hong.xlsx'));
  execFileSync('mkfifo', [join(root, 'ong.xlsx')]);
});

afterAll(() => tmp.cleanup());

describe('listSubmissionFiles', () => {
  it('follows links only inside the folder, never round a loop, and lists regular files only', () => {
    const { xlsx, skipped } = listSubmissionFiles(root);
    const rel = (f: string) => f.slice(root.length + 1);
    // The link to a file inside the folder is a file of the folder; nothing is listed twice through a loop.
    expect(xlsx.map(rel)).toEqual(['a.xlsx', 'ban-sao.xlsx', 'huyen/b.xlsx']);
    const reasons = Object.fromEntries(skipped.map((s) => [rel(s.file), s.reason]));
    expect(reasons['lien-ket-ra-ngoai']).toMatch(/ra ngoài thư mục/);
    expect(reasons['tep-ra-ngoai.xlsx']).toMatch(/ra ngoài thư mục/);
    expect(reasons['zero.xlsx']).toMatch(/ra ngoài thư mục/);
    expect(reasons['huyen/vong-lap']).toMatch(/vòng lặp/);
    expect(reasons['huyen/cha']).toMatch(/vòng lặp/);
    expect(reasons['hong.xlsx']).toMatch(/liên kết hỏng/);
    expect(reasons['ong.xlsx']).toMatch(/Không phải tệp thông thường/);
  });

  it('a folder that does not exist is noted, not thrown', () => {
    const { xlsx, skipped } = listSubmissionFiles(join(tmp.dir, 'khong-co'));
    expect(xlsx).toEqual([]);
    expect(skipped[0]!.reason).toMatch(/Không đọc được thư mục/);
  });
});

describe('readSubmission', () => {
  it('does not hang on a FIFO named .xlsx, and refuses devices', async () => {
    const fifo = await readSubmission(join(root, 'ong.xlsx'));
    expect(fifo).toMatchObject({ error: expect.stringMatching(/Không phải tệp thông thường/) });
    const zero = await readSubmission('/dev/zero');
    expect(zero).toMatchObject({ error: expect.stringMatching(/Không phải tệp thông thường/) });
  });

  it('refuses a file over the guard limit from fstat, before reading it', async () => {
    // Sparse: 1 byte over the limit without writing 50 MB.
    const big = join(tmp.dir, 'lon.xlsx');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, ZIP_LIMITS.maxFileBytes + 1);
    closeSync(fd);
    const r = await readSubmission(big);
    expect(r).toMatchObject({ error: expect.stringMatching(/^Tệp quá lớn .*tối đa 50,0 MB/) });
    const c = await checkFile(plan('quang-ngai-2022'), big);
    expect(c.issues[0]!.code).toBe('file-unreadable');
    expect(c.issues[0]!.message).toMatch(/Tệp quá lớn/);
  });

  it('reads a regular file whole', async () => {
    const r = await readSubmission(join(root, 'a.xlsx'));
    expect('data' in r && Buffer.from(r.data).toString()).toBe('a');
  });
});
