import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { checkFiles } from '../../generator/intake/checkPool.ts';
import { readSubmission } from '../../generator/intake/readSubmission.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { makeTemplate, period, plan, tempDir } from '../helpers/workbooks.ts';

/** checkPool reads the next file while this thread checks the current one (issue 11 speed). */
describe('reading ahead', () => {
  const { dir, cleanup } = tempDir('da06-ahead-');
  const files: string[] = [];
  const options = { today: '2023-02-01' };

  beforeAll(async () => {
    for (const agency of ['SO_TTTT', 'CAT']) {
      const bytes = await fillWorkbook(await makeTemplate('quang-ngai-2022', agency, '2023-01'), validFilling(plan('quang-ngai-2022'), agency, period('2023-01')));
      files.push(join(dir, `${agency}.xlsx`));
      writeFileSync(files.at(-1)!, bytes);
    }
    files.push(join(dir, 'khong-co.xlsx'));
  }, 60_000);
  afterAll(cleanup);

  it('checkFile checks the read it is given, not a second read of the path', async () => {
    const np = plan('quang-ngai-2022');
    const given = await checkFile(np, files[0]!, options, readSubmission(files[1]!));
    expect(given.agency).toBe((await checkFile(np, files[1]!, options)).agency);
    expect(given.agency).not.toBe((await checkFile(np, files[0]!, options)).agency);
  });

  it('a sequential run gives each file its own verdict, a missing one included, in order', async () => {
    const np = plan('quang-ngai-2022');
    const pooled = await checkFiles(np, files, { workers: 0, ...options });
    const single = await Promise.all(files.map((f) => checkFile(np, f, options)));
    expect(pooled).toEqual(single);
    expect(pooled[2]!.issues[0]!.code).toBe('file-unreadable');
  });
});
