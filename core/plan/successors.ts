import type { Agency, Plan } from './schema.ts';

/**
 * Agencies that replaced others, and the two-tier structure (communes report to the province, no
 * districts) that plans written since 1/7/2025 have.
 */

/** True for a province whose reporting units below the province are communes only. */
export function isTwoTier(plan: Pick<Plan, 'agencies'>): boolean {
  return plan.agencies.some((a) => a.level === 'commune' || a.kind === 'commune') && !plan.agencies.some((a) => a.level === 'district' || a.kind === 'district');
}

/** Old code → the agency that replaced it ("thay cho SO_TTTT"). */
export function successorMap(plan: Pick<Plan, 'agencies'>): Map<string, Agency> {
  const out = new Map<string, Agency>();
  for (const a of plan.agencies) for (const old of a.replaces ?? []) if (!out.has(old)) out.set(old, a);
  return out;
}

/**
 * The agency a code stands for now: itself when the plan has it, else the agency that replaced it
 * (a replaced code is never an agency of the plan: core/plan/references.ts), else undefined.
 */
export function currentAgency(plan: Pick<Plan, 'agencies'>, code: string): { agency: Agency; replaced?: string } | undefined {
  const own = plan.agencies.find((a) => a.code === code);
  if (own) return { agency: own };
  const successor = successorMap(plan).get(code);
  return successor ? { agency: successor, replaced: code } : undefined;
}
