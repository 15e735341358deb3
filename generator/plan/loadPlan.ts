import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan, type PlanProblem } from '../../core/plan/parsePlan.ts';
import { normalizePlan, type NormalizedPlan } from '../../core/plan/normalize.ts';
import { readPlanWorkbook } from '../../core/plan/readPlanWorkbook.ts';
import { PLAN_ISSUES, formatPlanIssue, planIssueMessage, type PlanWorkbookIssue } from '../../core/plan/planIssues.ts';
import type { Plan } from '../../core/plan/schema.ts';
import { bytesToModelSync } from '../../xlsx/bytesToModel.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const PLANS_DIR = join(REPO_ROOT, 'plans');
export const DEFAULT_PLAN_ID = 'quang-ngai-2022';

/** A plan that cannot be used: YAML mistakes by line, plan-workbook mistakes by sheet and cell. */
export class PlanLoadError extends Error {
  constructor(
    readonly problems: PlanProblem[],
    readonly issues: PlanWorkbookIssue[] = [],
    readonly file = '',
  ) {
    super(
      [
        ...problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`),
        ...issues.map((i) => formatPlanIssue(file, i)),
      ].join('\n'),
    );
  }
}

export function listPlanIds(): string[] {
  return readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

const cache = new Map<string, NormalizedPlan>();

const isWorkbook = (p: string): boolean => /\.xlsx$/i.test(p);

/** Reads a plan workbook (.xlsx) into a checked plan; PlanLoadError with sheet and cell on mistakes. */
export function readPlanWorkbookFile(path: string): Plan {
  const shown = relative(process.cwd(), path) || path;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new PlanLoadError([], [{ code: 'plan-unreadable', sheet: '', cell: '', message: planIssueMessage('plan-unreadable', 'Không tìm thấy hoặc không mở được tệp') }], shown);
  }
  // A plan workbook is read whole: every sheet is the plan's.
  const model = bytesToModelSync(bytes, () => true);
  if (typeof model === 'string') throw new PlanLoadError([], [{ code: 'plan-unreadable', sheet: '', cell: '', message: `${PLAN_ISSUES['plan-unreadable'].title}: ${model}` }], shown);
  const result = readPlanWorkbook(model);
  if (!result.ok) throw new PlanLoadError([], result.issues, shown);
  return result.plan;
}

/** Loads plans/ID.yaml, a path to a .yaml file or a path to a plan workbook (.xlsx); throws PlanLoadError on mistakes. */
export function loadPlan(idOrPath: string = DEFAULT_PLAN_ID): NormalizedPlan {
  const cached = cache.get(idOrPath);
  if (cached) return cached;
  if (isWorkbook(idOrPath)) {
    const np = normalizePlan(readPlanWorkbookFile(resolve(idOrPath)));
    cache.set(idOrPath, np);
    return np;
  }
  const path = idOrPath.endsWith('.yaml') ? resolve(idOrPath) : join(PLANS_DIR, `${idOrPath}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PlanLoadError([
      { file: path, line: 0, column: 0, field: '', message: `Không tìm thấy kế hoạch "${idOrPath}". Các kế hoạch có sẵn: ${listPlanIds().join(', ')}` },
    ]);
  }
  const result = parsePlan(text, relative(process.cwd(), path) || path);
  if (!result.ok) throw new PlanLoadError(result.problems);
  const np = normalizePlan(result.plan);
  cache.set(idOrPath, np);
  return np;
}
