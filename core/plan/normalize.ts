import type { Agency, Deadline, Indicator, Plan, Task } from './schema.ts';
import { hashText } from '../text/hash.ts';

export type Role = 'lead' | 'support' | 'executing';

/** Vietnamese names of the roles as the workbook shows them. */
export const ROLE_LABEL: Record<Role, string> = { lead: 'Chủ trì', support: 'Phối hợp', executing: 'Thực hiện' };

/** A task with its agency sets expanded into agency codes. */
export interface ResolvedTask extends Task {
  leadAgencies: string[];
  supportAgencies: string[];
  executingAgencies: string[];
  /** Agencies answerable for the task's status: lead, or executing when the plan names no lead. */
  responsible: string[];
}

export interface ResolvedIndicator extends Indicator {
  reportingAgencies: string[];
}

/** A plan with every set expanded, lookups built and a version hash: what rules and writers use. */
export interface NormalizedPlan {
  plan: Plan;
  /** Short hash of the plan's content; a workbook made from another version is outdated. */
  hash: string;
  agencies: Map<string, Agency>;
  tasks: ResolvedTask[];
  taskById: Map<string, ResolvedTask>;
  indicators: ResolvedIndicator[];
  indicatorById: Map<string, ResolvedIndicator>;
  /** Agencies that receive a workbook, in plan order. */
  reportingAgencies: Agency[];
}

export function expandAgencies(plan: Plan, codes: readonly string[]): string[] {
  // A set by kind ("every commune") lists those agencies after its named members.
  const sets = new Map(plan.agencySets.map((s) => [s.code, [...s.members, ...(s.kinds ? plan.agencies.filter((a) => s.kinds!.includes(a.kind)).map((a) => a.code) : [])]]));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (code: string, path: Set<string>): void => {
    const members = sets.get(code);
    if (members) {
      if (path.has(code)) return; // a cycle; references.ts keeps codes defined, cycles just stop here
      const next = new Set(path).add(code);
      members.forEach((m) => visit(m, next));
    } else if (!seen.has(code)) {
      seen.add(code);
      out.push(code);
    }
  };
  codes.forEach((c) => visit(c, new Set()));
  return out;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function normalizePlan(plan: Plan): NormalizedPlan {
  const agencies = new Map(plan.agencies.map((a) => [a.code, a]));
  const reports = (code: string): boolean => agencies.get(code)?.reports ?? false;
  const tasks: ResolvedTask[] = plan.tasks.map((t) => {
    const leadAgencies = expandAgencies(plan, t.lead);
    const executingAgencies = expandAgencies(plan, t.executing).filter((c) => !leadAgencies.includes(c));
    const supportAgencies = expandAgencies(plan, t.support).filter((c) => !leadAgencies.includes(c) && !executingAgencies.includes(c));
    const responsible = (leadAgencies.length ? leadAgencies : executingAgencies).filter(reports);
    return { ...t, leadAgencies, supportAgencies, executingAgencies, responsible };
  });
  const indicators = plan.indicators.map((ind) => ({ ...ind, reportingAgencies: expandAgencies(plan, ind.agencies).filter(reports) }));
  return {
    plan,
    hash: hashText(stableJson(plan)),
    agencies,
    tasks,
    taskById: new Map(tasks.map((t) => [t.id, t])),
    indicators,
    indicatorById: new Map(indicators.map((i) => [i.id, i])),
    reportingAgencies: plan.agencies.filter((a) => a.reports),
  };
}

export interface AgencyTask {
  task: ResolvedTask;
  role: Role;
}

/** The tasks an agency reports on, in plan order, each with its role (lead first when several). */
export function tasksForAgency(np: NormalizedPlan, agency: string): AgencyTask[] {
  const out: AgencyTask[] = [];
  for (const task of np.tasks) {
    const role: Role | undefined = task.leadAgencies.includes(agency)
      ? 'lead'
      : task.executingAgencies.includes(agency)
        ? 'executing'
        : task.supportAgencies.includes(agency)
          ? 'support'
          : undefined;
    if (role) out.push({ task, role });
  }
  return out;
}

export function indicatorsForAgency(np: NormalizedPlan, agency: string): ResolvedIndicator[] {
  return np.indicators.filter((i) => i.reportingAgencies.includes(agency));
}

/** The shape printed by `npm run plan -- --json`. */
export function planSummary(np: NormalizedPlan) {
  const { plan } = np;
  return {
    id: plan.id,
    title: plan.title,
    number: plan.number,
    date: plan.date,
    hash: np.hash,
    reporting: plan.reporting,
    groups: plan.groups,
    agencies: plan.agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, level: a.level, reports: a.reports, ...(a.replaces ? { replaces: a.replaces } : {}) })),
    agencySets: plan.agencySets.map((s) => ({ code: s.code, name: s.name, members: expandAgencies(plan, s.members) })),
    tasks: np.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      kind: t.kind,
      group: t.group,
      heading: t.heading,
      lead: t.leadAgencies,
      support: t.supportAgencies,
      executing: t.executingAgencies,
      due: t.deadline as Deadline,
    })),
    indicators: np.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      target: i.targets,
      agencies: i.reportingAgencies,
      from: i.from,
      to: i.to,
    })),
  };
}
