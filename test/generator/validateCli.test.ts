import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validFilling } from '../../generator/samples/scenario.ts';
import { makeWorkbook, period, plan, tempDir } from '../helpers/workbooks.ts';
import { main } from '../../generator/cli/validate.ts';
import { REPO_ROOT } from '../../generator/plan/loadPlan.ts';

/** `npm run validate`, in-process: the plan comes from the workbook; --plan asserts it. */

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, '2023-07-20');
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CAN_THO = join(REPO_ROOT, 'samples', 'can-tho-2022', 'filled', 'CATP.xlsx');

describe('validate main(argv)', () => {
  it('checks a Cần Thơ form against Cần Thơ\'s plan without --plan', async () => {
    const r = await run(['--json', CAN_THO]);
    const [f] = JSON.parse(r.out).files;
    expect(f.issues.map((i: { code: string }) => i.code)).not.toContain('plan-mismatch');
    expect(f.agency).toBe('CATP');
  });

  it('--plan is an assertion: another plan\'s form fails with plan-mismatch (exit 1)', async () => {
    const r = await run(['--plan', 'quang-ngai-2022', CAN_THO]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[LỖI\] plan-mismatch .*can-tho-2022/);
    const ok = await run(['--plan', 'can-tho-2022', '--json', CAN_THO]);
    expect(JSON.parse(ok.out).files[0].issues.map((i: { code: string }) => i.code)).not.toContain('plan-mismatch');
  });

  it('usage errors exit 2 in Vietnamese', async () => {
    expect(await run(['--bogus'])).toMatchObject({ code: 2, err: expect.stringMatching(/Tùy chọn không hợp lệ/) });
    expect(await run(['--plan', 'khong-co', CAN_THO])).toMatchObject({ code: 2, err: expect.stringMatching(/Không tìm thấy kế hoạch "khong-co"/) });
  });

  it('files checked together are checked across: two forms of one agency with different unit names', async () => {
    const tmp = tempDir('da06-validate-');
    try {
      const f = validFilling(plan('quang-ngai-2022'), 'SO_TTTT', period('2023-01'));
      const a = join(tmp.dir, 'a.xlsx');
      const b = join(tmp.dir, 'b.xlsx');
      writeFileSync(a, await makeWorkbook({ agency: 'SO_TTTT', period: '2023-01', filling: f }));
      writeFileSync(b, await makeWorkbook({ agency: 'SO_TTTT', period: '2023-01', filling: { ...f, info: { ...f.info, agency: 'UBND huyện Bình Sơn' } } }));
      const r = await run(['--json', a, b]);
      const [fa, fb] = JSON.parse(r.out).files as { valid: boolean; issues: { code: string; message: string }[] }[];
      expect(fa!.issues.map((i) => i.code)).toEqual(['agency-claimed-twice']);
      expect(fa!.valid).toBe(true);
      expect(fa!.issues[0]!.message).toContain('UBND huyện Bình Sơn');
      expect(fb!.issues.map((i) => i.code).sort()).toEqual(['agency-claimed-twice', 'agency-name-mismatch']);
      expect(r.code).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });
});
