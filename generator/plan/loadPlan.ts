import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan, type PlanProblem } from '../../core/plan/parsePlan.ts';
import { normalizePlan, type NormalizedPlan } from '../../core/plan/normalize.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const PLANS_DIR = join(REPO_ROOT, 'plans');
export const DEFAULT_PLAN_ID = 'quang-ngai-2022';

export class PlanLoadError extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'));
  }
}

export function listPlanIds(): string[] {
  return readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

const cache = new Map<string, NormalizedPlan>();

/** Loads plans/ID.yaml (or a path to a .yaml file); throws PlanLoadError with lines on mistakes. */
export function loadPlan(idOrPath: string = DEFAULT_PLAN_ID): NormalizedPlan {
  const cached = cache.get(idOrPath);
  if (cached) return cached;
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
