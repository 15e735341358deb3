import type { NormalizedPlan } from '../plan/normalize.ts';
import type { WorkbookModel } from '../workbook/model.ts';
import { SHEETS } from '../workbook/contract.ts';
import { fromA1 } from '../workbook/address.ts';
import type { Submission } from '../submission/schema.ts';
import { countIssues, type Issue } from './catalogue.ts';
import { RuleContext, type ValidateOptions } from './context.ts';
import { checkIdentity, checkInfo } from './structureRules.ts';
import { checkTasks } from './taskRules.ts';
import { checkIndicators } from './indicatorRules.ts';
import { checkCells } from './textRules.ts';

export type { ValidateOptions } from './context.ts';

export interface ValidationResult {
  valid: boolean;
  agency?: string;
  period?: string;
  issues: Issue[];
  /** What the workbook reports, when it could be read as ours (also when it has errors). */
  submission?: Submission;
  /**
   * The workbook contradicts itself about who sent it (visible unit name, file name): it must not
   * be credited to any agency, whatever `agency` (the hidden identity) says.
   */
  identityDoubtful?: true;
}

const SHEET_ORDER: string[] = ['', SHEETS.info, SHEETS.tasks, SHEETS.indicators];

function issueOrder(a: Issue, b: Issue): number {
  const sa = SHEET_ORDER.indexOf(a.sheet);
  const sb = SHEET_ORDER.indexOf(b.sheet);
  if (sa !== sb) return (sa < 0 ? 99 : sa) - (sb < 0 ? 99 : sb);
  const pa = fromA1(a.cell);
  const pb = fromA1(b.cell);
  return (pa?.row ?? 0) - (pb?.row ?? 0) || (pa?.col ?? 0) - (pb?.col ?? 0);
}

/** A cell showing a formula error gives that error only, not also "missing" or "invalid". */
function onePerCause(issues: readonly Issue[]): Issue[] {
  const errorCells = new Set(issues.filter((i) => i.code === 'formula-error').map((i) => `${i.sheet}!${i.cell}`));
  return errorCells.size ? issues.filter((i) => i.code === 'formula-error' || !errorCells.has(`${i.sheet}!${i.cell}`)) : [...issues];
}

/**
 * The validator: a pure function of the plan, the workbook model and options to a list of issues.
 * Both readers (exceljs and Office.js) feed it the same model.
 */
export function validateWorkbook(np: NormalizedPlan, model: WorkbookModel, options: ValidateOptions = {}): ValidationResult {
  const ctx = new RuleContext(np, options);
  if (!checkIdentity(ctx, model)) return { valid: false, issues: ctx.issues };
  const info = checkInfo(ctx, model);
  const tasks = checkTasks(ctx, model);
  const indicators = checkIndicators(ctx, model);
  checkCells(ctx, model);
  const issues = onePerCause(ctx.issues).sort(issueOrder);
  const agency = ctx.agency!.code;
  const period = ctx.period?.id;
  return {
    valid: countIssues(issues).errors === 0,
    agency,
    ...(ctx.identityDoubtful ? { identityDoubtful: true as const } : {}),
    period,
    issues,
    submission: {
      plan: np.plan.id,
      agency,
      period: period ?? '',
      preparer: info.preparer,
      phone: info.phone,
      reportDate: ctx.reportDate,
      tasks,
      indicators,
    },
  };
}
