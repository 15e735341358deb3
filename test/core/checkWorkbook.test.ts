import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbook } from '../../xlsx/bytesToModel.ts';
import { listPlanIds, REPO_ROOT } from '../../generator/plan/loadPlan.ts';
import { checkWorkbook } from '../../core/validation/checkWorkbook.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { codesAt, plan } from '../helpers/workbooks.ts';

/** checkWorkbook: the identity picks the plan; `plan` is an assertion. */

const TODAY = '2023-07-20';
const all = () => listPlanIds().map(plan);

async function sample(planId: string, file: string) {
  return readWorkbook(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', planId, 'filled', file))));
}

describe('checkWorkbook', () => {
  it('checks a Cần Thơ form against Cần Thơ\'s plan when given every plan', async () => {
    const model = await sample('can-tho-2022', 'CATP.xlsx');
    const r = checkWorkbook(model, all(), { today: TODAY });
    expect(r.plan).toBe('can-tho-2022');
    expect(r.agency).toBe('CATP');
    const direct = validateWorkbook(plan('can-tho-2022'), model, { today: TODAY });
    expect(codesAt(r.issues)).toEqual(codesAt(direct.issues));
    expect(r.valid).toBe(direct.valid);
    expect(r.counts).toEqual({ errors: direct.issues.filter((i) => i.severity === 'error').length, warnings: direct.issues.filter((i) => i.severity === 'warning').length });
  });

  it('accepts a lookup function as well as a list', async () => {
    const model = await sample('hai-duong-2023', 'CAT.xlsx');
    const asked: string[] = [];
    const r = checkWorkbook(model, (id) => (asked.push(id), plan(id)), { today: TODAY });
    expect(asked).toEqual(['hai-duong-2023']);
    expect(r.plan).toBe('hai-duong-2023');
  });

  it('treats `plan` as an assertion: a form of another plan is a plan-mismatch naming both', async () => {
    const model = await sample('can-tho-2022', 'CATP.xlsx');
    const r = checkWorkbook(model, all(), { today: TODAY, plan: 'quang-ngai-2022' });
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['plan-mismatch']);
    expect(r.issues[0]!.message).toContain('can-tho-2022');
    expect(r.issues[0]!.message).toContain('quang-ngai-2022');
    expect(r.counts).toEqual({ errors: 1, warnings: 0 });
  });

  it('a form naming a plan it is not given is a plan-mismatch, and a foreign workbook is not ours', async () => {
    const model = await sample('can-tho-2022', 'CATP.xlsx');
    const r = checkWorkbook(model, [plan('quang-ngai-2022')], { today: TODAY });
    expect(r.issues.map((i) => i.code)).toEqual(['plan-mismatch']);
    expect(r.plan).toBe('can-tho-2022');
    const foreign = checkWorkbook({ sheets: [{ name: 'Sheet1', visibility: 'visible', cells: [], merges: [] }] }, all());
    expect(foreign.issues.map((i) => i.code)).toEqual(['not-da06-workbook']);
    expect(foreign.valid).toBe(false);
  });
});
