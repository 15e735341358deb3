import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validFilling } from '../../generator/samples/scenario.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { displayPath, sortSubmissions } from '../../generator/report/intake.ts';
import { makeWorkbook, period, plan, tempDir } from '../helpers/workbooks.ts';

/**
 * The report never credits a file that contradicts itself about who sent it (issue 9, Verdicts 1):
 * real files through checkFile and sortSubmissions, as the report's intake runs them.
 */
const PLAN = 'quang-ngai-2022';
const PER = '2023-01';
const tmp = tempDir('da06-identity-');
afterAll(() => tmp.cleanup());

async function write(name: string, agency: string, shownAgency?: string): Promise<string> {
  const f = validFilling(plan(PLAN), agency, period(PER));
  const file = join(tmp.dir, name);
  writeFileSync(file, await makeWorkbook({ agency, period: PER, filling: shownAgency ? { ...f, info: { ...f.info, agency: shownAgency } } : f }));
  return file;
}

describe('sortSubmissions and identity', () => {
  it('a form of one agency carrying another agency\'s name is credited to neither', async () => {
    const np = plan(PLAN);
    const justice = np.agencies.get('SO_TU_PHAP')!;
    // Sở Tư pháp filled in Sở TTTT's form and wrote its own name.
    const file = await write('bao-cao.xlsx', 'SO_TTTT', justice.name);
    const check = await checkFile(np, file, { today: '2023-01-20', period: PER });
    expect(check.agency).toBe('SO_TTTT');
    expect(check.identityDoubtful).toBe(true);
    const sorted = sortSubmissions(np, period(PER), [check], displayPath(tmp.dir));
    expect(sorted.received).toEqual([]);
    expect(sorted.rejected).toHaveLength(1);
    expect(sorted.rejected[0]).not.toHaveProperty('agency');
    expect(sorted.rejected[0]!.issues.map((i) => i.code)).toEqual(['agency-name-mismatch']);
  });

  it('two files claiming one agency with different names: both flagged; the consistent one is still credited', async () => {
    const np = plan(PLAN);
    const good = await write('SO_TTTT.xlsx', 'SO_TTTT');
    const odd = await write('khac.xlsx', 'SO_TTTT', 'UBND huyện Bình Sơn');
    const checks = [await checkFile(np, good, { today: '2023-01-20', period: PER }), await checkFile(np, odd, { today: '2023-01-20', period: PER })];
    const sorted = sortSubmissions(np, period(PER), checks, displayPath(tmp.dir));
    expect(sorted.received.map((r) => [r.agency, r.file, r.status])).toEqual([['SO_TTTT', 'SO_TTTT.xlsx', 'on-time']]);
    const credited = sorted.received[0]!;
    expect(credited.issues.map((i) => i.code)).toEqual(['agency-claimed-twice']);
    expect(credited.issues[0]!.message).toContain('khac.xlsx');
    expect(credited.issues[0]!.message).toContain('UBND huyện Bình Sơn');
    const rejected = sorted.rejected.find((r) => r.file === 'khac.xlsx')!;
    expect(rejected.agency).toBeUndefined();
    expect(rejected.issues.map((i) => i.code).sort()).toEqual(['agency-claimed-twice', 'agency-name-mismatch']);
  });
});
