import type { NormalizedPlan } from '../plan/normalize.ts';
import type { WorkbookModel } from '../workbook/model.ts';
import { readMeta } from '../workbook/identity.ts';
import { countIssues, makeIssue, type IssueCounts } from './catalogue.ts';
import { validateWorkbook, type ValidateOptions, type ValidationResult } from './validate.ts';

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

/**
 * The one way to check a workbook (add-in, standalone page, `npm run validate`, the report's
 * intake): read its identity, pick the plan it names from `plans`, and validate against it.
 */
export function checkWorkbook(model: WorkbookModel, plans: PlanSource, options: CheckOptions = {}): CheckResult {
  const meta = readMeta(model);
  const { plan: wanted, fileName: _fileName, ...validateOptions } = options;
  if (meta?.plan) {
    if (wanted && meta.plan !== wanted) {
      return failed(makeIssue('plan-mismatch', '', '', `Biểu mẫu thuộc kế hoạch "${meta.plan}", không phải kế hoạch "${wanted}" đang dùng. Hãy xin biểu mẫu đúng kế hoạch.`));
    }
    const np = lookupOf(plans)(meta.plan);
    if (!np) {
      return { ...failed(makeIssue('plan-mismatch', '', '', `Biểu mẫu thuộc kế hoạch "${meta.plan}", không có trong các kế hoạch đang dùng. Hãy xin biểu mẫu đúng kế hoạch.`)), plan: meta.plan };
    }
    const result = validateWorkbook(np, model, validateOptions);
    return { ...result, plan: np.plan.id, counts: countIssues(result.issues) };
  }
  return failed(makeIssue('not-da06-workbook', '', '', 'Tệp này không phải biểu mẫu báo cáo Đề án 06 (thiếu thông tin nhận dạng). Hãy dùng đúng biểu mẫu đã được cấp cho đơn vị.'));
}
