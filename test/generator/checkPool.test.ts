import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../generator/intake/checkPool.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { makeTemplate, period, plan, tempDir } from '../helpers/workbooks.ts';

describe('checking many files on worker threads', () => {
  const { dir, cleanup } = tempDir('da06-pool-');
  const small: string[] = [];
  const slow = join(dir, 'slow.xlsx');

  beforeAll(async () => {
    for (const agency of ['SO_TTTT', 'SO_TU_PHAP', 'CAT']) {
      const bytes = await fillWorkbook(await makeTemplate('quang-ngai-2022', agency, '2023-01'), validFilling(plan('quang-ngai-2022'), agency, period('2023-01')));
      const file = join(dir, `${agency}.xlsx`);
      writeFileSync(file, bytes);
      small.push(file);
    }
    // Big enough that reading it takes well over the tiny time limit below.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    for (let r = 1; r <= 19_000; r++) ws.addRow(Array.from({ length: 12 }, (_, c) => `Dòng ${r} cột ${c} — nội dung dài để đọc lâu hơn`));
    writeFileSync(slow, new Uint8Array(await wb.xlsx.writeBuffer()));
  }, 60_000);
  afterAll(cleanup);

  it('gives the same results as checking in this thread, in input order', async () => {
    const files = [...small, ...small];
    const here = await checkFiles('quang-ngai-2022', files, { workers: 0, today: '2023-02-01' });
    const pooled = await checkFiles('quang-ngai-2022', files, { workers: 2, assist: false, today: '2023-02-01' });
    expect(pooled.map((r) => [r.file, r.valid, r.agency, r.issues.length])).toEqual(here.map((r) => [r.file, r.valid, r.agency, r.issues.length]));
    expect(pooled.every((r) => r.valid)).toBe(true);
  }, 60_000);

  it('workers get the loaded plan itself: a plan that cannot be loaded again by its id works', async () => {
    const np = plan('quang-ngai-2022');
    const elsewhere = { ...np, plan: { ...np.plan, id: 'ke-hoach-tu-tep-rieng' } };
    const pooled = await checkFiles(elsewhere, small, { workers: 2, assist: false, today: '2023-02-01' });
    expect(pooled.map((r) => r.issues.map((i) => i.code))).toEqual(small.map(() => expect.arrayContaining(['plan-mismatch'])));
  }, 60_000);

  it('a file over the time limit is reported, its worker replaced, and the files queued behind it still checked', async () => {
    const results = await checkFiles('quang-ngai-2022', [slow, ...small], { workers: 1, assist: false, timeLimitMs: 600, today: '2023-02-01' });
    expect(results[0]!.issues[0]!.code).toBe('file-unreadable');
    expect(results[0]!.issues[0]!.message).toContain('Đọc tệp quá');
    expect(results.slice(1).map((r) => r.valid)).toEqual([true, true, true]);
  }, 60_000);

  it('the same time limit holds for files checked in this thread, with or without workers', async () => {
    const alone = await checkFiles('quang-ngai-2022', [slow, ...small], { workers: 0, timeLimitMs: 600, today: '2023-02-01' });
    expect(alone[0]!.issues[0]!.message).toContain('Đọc tệp quá');
    expect(alone.slice(1).map((r) => r.valid)).toEqual([true, true, true]);
  }, 60_000);
});
