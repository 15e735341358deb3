import { parsePlan, formatPlanProblem } from '../../../core/plan/parsePlan.ts';
import { normalizePlan, type NormalizedPlan } from '../../../core/plan/normalize.ts';
import { validateWorkbook, type ValidationResult } from '../../../core/validation/validate.ts';
import { readMeta } from '../../../core/workbook/identity.ts';
import { todayInVietnam } from '../../../core/text/dates.ts';
import { parsePeriodId, periodLabel } from '../../../core/period/period.ts';
import type { WorkbookModel } from '../../../core/workbook/model.ts';
import type { Issue } from '../../../core/validation/catalogue.ts';

/** Plan id → the plan file's YAML text. */
export type PlanTexts = Record<string, string>;

/** The plan used when a workbook names none: the validator then says it is not our workbook. */
export const DEFAULT_PLAN_ID = 'quang-ngai-2022';

export type CheckOutcome =
  | {
      kind: 'checked';
      result: ValidationResult;
      planId: string;
      /** Who and what the workbook reports, for the pane's heading. */
      agencyName?: string;
      periodLabel?: string;
    }
  /** The workbook names a plan this copy of the add-in does not carry. */
  | { kind: 'unknown-plan'; planId: string; known: string[] }
  /** A bundled plan file is broken (a build problem, never the clerk's). */
  | { kind: 'plan-error'; planId: string; problems: string[] };

export class PlanLibrary {
  private readonly cache = new Map<string, NormalizedPlan | string[]>();

  constructor(private readonly texts: PlanTexts) {}

  ids(): string[] {
    return Object.keys(this.texts).sort();
  }

  /** The normalised plan, or the problems of its file; undefined when no such plan is bundled. */
  get(id: string): NormalizedPlan | string[] | undefined {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const text = this.texts[id];
    if (text === undefined) return undefined;
    const parsed = parsePlan(text, `plans/${id}.yaml`);
    const value = parsed.ok ? normalizePlan(parsed.plan) : parsed.problems.map(formatPlanProblem);
    this.cache.set(id, value);
    return value;
  }
}

/** Picks the plan named in the workbook's hidden `_da06` sheet and runs the core validator. */
export function runCheck(library: PlanLibrary, model: WorkbookModel, today: string = todayInVietnam()): CheckOutcome {
  const planId = readMeta(model)?.plan ?? DEFAULT_PLAN_ID;
  const np = library.get(planId);
  if (!np) return { kind: 'unknown-plan', planId, known: library.ids() };
  if (Array.isArray(np)) return { kind: 'plan-error', planId, problems: np };
  const result = validateWorkbook(np, model, { today });
  const period = result.period ? parsePeriodId(result.period) : undefined;
  return {
    kind: 'checked',
    result,
    planId,
    agencyName: result.agency ? np.agencies.get(result.agency)?.name : undefined,
    periodLabel: period ? periodLabel(period) : undefined,
  };
}

export interface SheetGroup {
  /** '' for issues about the whole file. */
  sheet: string;
  errors: number;
  warnings: number;
  issues: Issue[];
}

/** Issues grouped by sheet, in the validator's order (file, Thông tin, Nhiệm vụ, Chỉ tiêu, others). */
export function groupBySheet(issues: readonly Issue[]): SheetGroup[] {
  const groups = new Map<string, SheetGroup>();
  for (const issue of issues) {
    let g = groups.get(issue.sheet);
    if (!g) groups.set(issue.sheet, (g = { sheet: issue.sheet, errors: 0, warnings: 0, issues: [] }));
    g.issues.push(issue);
    if (issue.severity === 'error') g.errors++;
    else g.warnings++;
  }
  return [...groups.values()];
}

/** The legacy-encoding issues that carry a replacement, with the text the check saw. */
export function legacyFixes(model: WorkbookModel, issues: readonly Issue[]): { sheet: string; cell: string; expected: string; replacement: string }[] {
  const out: { sheet: string; cell: string; expected: string; replacement: string }[] = [];
  const index = new Map<string, Map<string, string>>();
  const textAt = (sheet: string, cell: string): string | undefined => {
    let cells = index.get(sheet);
    if (!cells) {
      cells = new Map();
      for (const c of model.sheets.find((s) => s.name === sheet)?.cells ?? []) if (c.value.t === 'text') cells.set(c.address, c.value.v);
      index.set(sheet, cells);
    }
    return cells.get(cell);
  };
  for (const issue of issues) {
    if (!issue.fix) continue;
    const expected = textAt(issue.sheet, issue.cell);
    if (expected !== undefined) out.push({ sheet: issue.sheet, cell: issue.cell, expected, replacement: issue.fix.replacement });
  }
  return out;
}
