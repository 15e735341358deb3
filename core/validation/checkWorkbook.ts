import type { NormalizedPlan } from '../plan/normalize.ts';
import type { WorkbookModel } from '../workbook/model.ts';
import { readIdentity } from '../workbook/identity.ts';
import { countIssues, makeIssue, type IssueCounts } from './catalogue.ts';
import { validateWorkbook, type ValidateOptions, type ValidationResult } from './validate.ts';
import { planIndex } from './planIndex.ts';

/** Plans to choose from: a list, or a lookup by id (the add-in's bundled plans, parsed on demand). */
export type PlanLookup = (id: string) => NormalizedPlan | undefined;
export type PlanSource = readonly NormalizedPlan[] | PlanLookup;

export interface CheckOptions extends ValidateOptions {
  /** An assertion: the workbook must belong to this plan id (`--plan`, or the plan being reported). */
  plan?: string;
  /** The file's name, when there is one: a name that is another agency's code is flagged. */
  fileName?: string;
}

export interface CheckResult extends ValidationResult {
  /** The plan the workbook was checked against (the one it names), when known. */
  plan?: string;
  /** The unit name written on Thông tin, for checks across files. */
  shownAgency?: string;
  counts: IssueCounts;
}

function lookupOf(plans: PlanSource): PlanLookup {
  if (typeof plans === 'function') return plans;
  const byId = new Map(plans.map((np) => [np.plan.id, np]));
  return (id) => byId.get(id);
}

function failed(issue: ReturnType<typeof makeIssue>): CheckResult {
  return { valid: false, issues: [issue], counts: countIssues([issue]) };
}

/** A file named with another agency's code ("SO_TU_PHAP.xlsx" or "SO_TU_PHAP (2).xlsx" holding CAT's form) contradicts its form. */
function withFileName(np: NormalizedPlan, result: ValidationResult, fileName: string | undefined): ValidationResult {
  const form = result.agency ? np.agencies.get(result.agency) : undefined;
  const stem = fileName?.replace(/\.[^.]*$/, '').trim().toUpperCase();
  // The whole name, or its leading code before a copy mark: "CUC_THUE (2)", "CUC_THUE - Copy".
  const lead = stem ? /^[A-Z0-9_]+(?=[\s(\-.]|$)/.exec(stem)?.[0] : undefined;
  const codes = planIndex(np).byCodeKey;
  const named = stem ? (codes.get(stem) ?? (lead ? codes.get(lead) : undefined)) : undefined;
  if (!form || !named || named.code === form.code) return result;
  const issue = makeIssue('file-name-other-agency', '', '', { fileName: fileName!, named: `${named.name} (mã ${named.code})`, form: `${form.name} (mã ${form.code})` });
  return { ...result, valid: false, issues: [issue, ...result.issues], identityDoubtful: true };
}

/**
 * The one way to check a workbook (add-in, standalone page, `npm run validate`, the report's
 * intake): read its identity, pick the plan it names from `plans`, and validate against it.
 */
export function checkWorkbook(model: WorkbookModel, plans: PlanSource, options: CheckOptions = {}): CheckResult {
  const { meta, visibleAgency } = readIdentity(model);
  const { plan: wanted, fileName, ...validateOptions } = options;
  if (meta?.plan) {
    if (wanted && meta.plan !== wanted) {
      return failed(makeIssue('plan-mismatch', '', '', { named: meta.plan, expected: wanted }));
    }
    const np = lookupOf(plans)(meta.plan);
    if (!np) {
      return { ...failed(makeIssue('plan-mismatch', '', '', { named: meta.plan })), plan: meta.plan };
    }
    const result = withFileName(np, validateWorkbook(np, model, validateOptions), fileName);
    return { ...result, plan: np.plan.id, ...(visibleAgency ? { shownAgency: visibleAgency.text } : {}), counts: countIssues(result.issues) };
  }
  return failed(makeIssue('not-da06-workbook', '', '', {}));
}
