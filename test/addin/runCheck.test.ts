import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupBySheet, legacyFixes, PlanLibrary, runCheck, type PlanTexts } from '../../addin/src/check/runCheck.ts';
import { PLANS_DIR } from '../../generator/plan/loadPlan.ts';
import type { WorkbookModel } from '../../core/workbook/model.ts';
import { LEGACY_UNICODE, toTcvn3, PLAN_ID, sampleWorkbook, TASKS, type SampleWorkbook } from './support/sampleWorkbook.ts';

const texts: PlanTexts = Object.fromEntries(
  readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f.replace(/\.yaml$/, ''), readFileSync(join(PLANS_DIR, f), 'utf8')]),
);
let sample: SampleWorkbook;

beforeAll(async () => {
  sample = await sampleWorkbook();
});

function withPlan(model: WorkbookModel, plan: string): WorkbookModel {
  return {
    sheets: model.sheets.map((s) =>
      s.name !== '_da06' ? s : { ...s, cells: s.cells.map((c) => (c.address === 'B1' ? { ...c, value: { t: 'text' as const, v: plan } } : c)) },
    ),
  };
}

describe('the pane’s check', () => {
  it('validates with the plan named in the hidden _da06 sheet and says whose report it is', () => {
    const outcome = runCheck(new PlanLibrary(texts), sample.model, { today: '2023-01-20' });
    expect(outcome.kind).toBe('checked');
    if (outcome.kind !== 'checked') return;
    expect(outcome.result.plan).toBe(PLAN_ID);
    expect(outcome.agencyName).toBe('Sở Thông tin và Truyền thông');
    expect(outcome.periodLabel).toBe('Tháng 01/2023');
    expect(outcome.result.valid).toBe(false);
  });

  it('a workbook naming a plan the add-in does not carry gets the CLI’s verdict (plan-mismatch)', () => {
    const outcome = runCheck(new PlanLibrary(texts), withPlan(sample.model, 'ha-noi-2030'));
    expect(outcome.kind === 'checked' && outcome.result.issues.map((i) => [i.code, i.message.includes('ha-noi-2030')])).toEqual([['plan-mismatch', true]]);
  });

  it('a plan id that is an Object property name is not a bundled plan', () => {
    expect(new PlanLibrary(texts).get('constructor')).toBeUndefined();
  });

  it('reports a plan file that does not parse as the add-in’s problem, with its line', () => {
    const outcome = runCheck(new PlanLibrary({ ...texts, [PLAN_ID]: 'id: [' }), sample.model);
    expect(outcome.kind).toBe('plan-error');
    if (outcome.kind === 'plan-error') expect(outcome.problems[0]).toMatch(/plans\/quang-ngai-2022\.yaml:\d+:\d+/);
  });

  it('a workbook that is not ours is rejected', () => {
    const outcome = runCheck(new PlanLibrary(texts), { sheets: [{ name: 'Sheet1', visibility: 'visible', cells: [], merges: [] }] });
    expect(outcome.kind === 'checked' && outcome.result.issues.map((i) => i.code)).toEqual(['not-da06-workbook']);
  });

  it('groups issues by sheet with counts of errors and warnings', () => {
    const outcome = runCheck(new PlanLibrary(texts), sample.model, { today: '2023-01-20' });
    if (outcome.kind !== 'checked') throw new Error(outcome.kind);
    const groups = groupBySheet(outcome.result.issues);
    const tasks = groups.find((g) => g.sheet === TASKS)!;
    expect(tasks.warnings).toBe(1);
    expect(tasks.errors).toBe(tasks.issues.length - 1);
    expect(groups.reduce((n, g) => n + g.issues.length, 0)).toBe(outcome.result.issues.length);
  });

  it('offers the encoding fix with the text it saw and its Unicode form', () => {
    const outcome = runCheck(new PlanLibrary(texts), sample.model, { today: '2023-01-20' });
    if (outcome.kind !== 'checked') throw new Error(outcome.kind);
    const fixes = legacyFixes(sample.model, outcome.result.issues);
    expect(fixes).toEqual([{ sheet: TASKS, cell: 'I5', expected: toTcvn3(LEGACY_UNICODE), replacement: LEGACY_UNICODE }]);
  });
});
