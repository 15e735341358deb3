import type { Agency } from '../plan/schema.ts';
import { indicatorsForAgency, tasksForAgency, type AgencyTask, type NormalizedPlan, type ResolvedIndicator } from '../plan/normalize.ts';
import { unitNameKey } from '../workbook/identity.ts';

/**
 * What the rules look up in a plan, computed once per plan rather than once per file: agency names
 * as compared, each agency's tasks and indicators. Cached by plan object, so a worker that receives
 * the plan once computes it once.
 */
export interface PlanIndex {
  /** Agency code → the names it goes by (its name and short name), as compared (unitNameKey). */
  nameKeys: Map<string, Set<string>>;
  /** Name as compared → agency, for telling which unit a form's visible name really is. */
  byNameKey: Map<string, Agency>;
  /** Upper-case code → agency, for file names. */
  byCodeKey: Map<string, Agency>;
  /** The agency's tasks by id, in plan order. */
  tasks(agency: string): Map<string, AgencyTask>;
  /** The agency's indicators by id, in plan order. */
  indicators(agency: string): Map<string, ResolvedIndicator>;
}

const cache = new WeakMap<NormalizedPlan, PlanIndex>();

export function planIndex(np: NormalizedPlan): PlanIndex {
  let ix = cache.get(np);
  if (ix) return ix;
  const agencies = [...np.agencies.values()];
  const nameKeys = new Map(agencies.map((a) => [a.code, new Set([a.name, ...(a.short ? [a.short] : [])].map(unitNameKey))]));
  // Full names first, so that a short name never hides another agency's full name.
  const byNameKey = new Map<string, Agency>();
  for (const a of agencies) if (!byNameKey.has(unitNameKey(a.name))) byNameKey.set(unitNameKey(a.name), a);
  for (const a of agencies) for (const key of nameKeys.get(a.code)!) if (!byNameKey.has(key)) byNameKey.set(key, a);
  const tasks = new Map<string, Map<string, AgencyTask>>();
  const indicators = new Map<string, Map<string, ResolvedIndicator>>();
  ix = {
    nameKeys,
    byNameKey,
    byCodeKey: new Map(agencies.map((a) => [a.code.toUpperCase(), a])),
    tasks(agency) {
      let m = tasks.get(agency);
      if (!m) tasks.set(agency, (m = new Map(tasksForAgency(np, agency).map((a) => [a.task.id, a]))));
      return m;
    },
    indicators(agency) {
      let m = indicators.get(agency);
      if (!m) indicators.set(agency, (m = new Map(indicatorsForAgency(np, agency).map((i) => [i.id, i]))));
      return m;
    },
  };
  cache.set(np, ix);
  return ix;
}
