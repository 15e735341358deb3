import { parsePlan, formatPlanProblem } from '../../../core/plan/parsePlan.ts';
import { normalizePlan, type NormalizedPlan } from '../../../core/plan/normalize.ts';
import { checkWorkbook, type CheckResult } from '../../../core/validation/checkWorkbook.ts';
import { countIssues } from '../../../core/validation/catalogue.ts';
import { todayInVietnam } from '../../../core/text/dates.ts';
import { parsePeriodId, periodLabel } from '../../../core/period/period.ts';
import type { WorkbookModel } from '../../../core/workbook/model.ts';
import type { Issue } from '../../../core/validation/catalogue.ts';

/** Plan id → the plan file's YAML text. */
export type PlanTexts = Record<string, string>;

export type CheckOutcome =
  | {
      kind: 'checked';
      /** The core's verdict, the same as `npm run validate` gives for the same workbook. */
      result: CheckResult;
      /** Who and what the workbook reports, for the pane's heading. */
      agencyName?: string;
      periodLabel?: string;
    }
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
    if (!Object.hasOwn(this.texts, id)) return undefined;
    const parsed = parsePlan(this.texts[id]!, `plans/${id}.yaml`);
    const value = parsed.ok ? normalizePlan(parsed.plan) : parsed.problems.map(formatPlanProblem);
    this.cache.set(id, value);
    return value;
  }
}

export interface RunCheckOptions {
  today?: string;
  /** The file's name (the standalone page's chosen file, or the open workbook's): checked as the CLI does. */
  fileName?: string;
}

/** Checks the workbook with the core's checkWorkbook against the bundled plan it names. */
export function runCheck(library: PlanLibrary, model: WorkbookModel, options: RunCheckOptions = {}): CheckOutcome {
  let broken: { planId: string; problems: string[] } | undefined;
  const lookup = (id: string): NormalizedPlan | undefined => {
    const np = library.get(id);
    if (!Array.isArray(np)) return np;
    broken = { planId: id, problems: np };
    return undefined;
  };
  const result = checkWorkbook(model, lookup, { today: options.today ?? todayInVietnam(), ...(options.fileName ? { fileName: options.fileName } : {}) });
  if (broken) return { kind: 'plan-error', ...broken };
  const np = result.plan ? lookup(result.plan) : undefined;
  const period = result.period ? parsePeriodId(result.period) : undefined;
  return {
    kind: 'checked',
    result,
    agencyName: result.agency ? np?.agencies.get(result.agency)?.name : undefined,
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
  }
  return [...groups.values()].map((g) => ({ ...g, ...countIssues(g.issues) }));
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
