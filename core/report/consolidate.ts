import type { NormalizedPlan, ResolvedTask, ResolvedIndicator } from '../plan/normalize.ts';
import type { IndicatorTarget } from '../plan/schema.ts';
import { dueDate, deadlineText } from '../plan/deadline.ts';
import { periodCutoff, periodDueDate, periodLabel, periodMonths, periodPhrase, periodSpan, previousPeriod, type Period } from '../period/period.ts';
import type { Submission, TaskReport } from '../submission/schema.ts';
import type { Issue } from '../validation/catalogue.ts';
import { targetText } from './targets.ts';
import type {
  AgencyReportStatus,
  AgencyRow,
  AgencyTaskStatus,
  ConsolidatedReport,
  ConsolidatedStatus,
  GroupSummary,
  IndicatorSummary,
  Quote,
  TaskSummary,
} from './schema.ts';

/** One agency's accepted or rejected submission, as intake hands it over. */
export interface Received {
  agency: string;
  file: string;
  status: Exclude<AgencyReportStatus, 'missing'>;
  submission?: Submission;
  issues: Issue[];
  superseded: string[];
}

export interface ConsolidationInput {
  np: NormalizedPlan;
  period: Period;
  reportDate: string;
  /** The newest submission per agency (accepted or rejected). */
  received: Received[];
  rejected: { file: string; agency?: string; issues: Issue[] }[];
  superseded: { file: string; agency: string; by: string }[];
  skipped: { file: string; reason: string }[];
  sources: { period: string; folder: string; files: number }[];
  /** The previous period's consolidated report, for change since then. */
  previous?: ConsolidatedReport;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const nextDay = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function agencyRows(np: NormalizedPlan, received: Map<string, Received>): AgencyRow[] {
  return np.reportingAgencies.map((a) => {
    const r = received.get(a.code);
    const errors = r?.issues.filter((i) => i.severity === 'error').length ?? 0;
    return {
      code: a.code,
      name: a.name,
      short: a.short ?? a.name,
      kind: a.kind,
      status: r?.status ?? 'missing',
      ...(r ? { file: r.file } : {}),
      ...(r?.submission?.reportDate ? { reportDate: r.submission.reportDate } : {}),
      ...(r?.submission?.preparer ? { preparer: r.submission.preparer } : {}),
      ...(r?.submission?.phone ? { phone: r.submission.phone } : {}),
      superseded: r?.superseded ?? [],
      errors,
      warnings: (r?.issues.length ?? 0) - errors,
    };
  });
}

function combineStatus(statuses: AgencyTaskStatus['status'][]): ConsolidatedStatus {
  const reported = statuses.filter((s) => s !== 'noReport');
  if (reported.length === 0) return 'noReport';
  if (reported.length === statuses.length && reported.every((s) => s === 'done')) return 'done';
  if (reported.some((s) => s === 'done' || s === 'inProgress')) return 'inProgress';
  return 'notStarted';
}

function levelWord(np: NormalizedPlan, codes: string[]): string {
  const agencies = codes.map((c) => np.agencies.get(c)!);
  if (agencies.every((a) => a.kind === 'commune')) return 'xã';
  return agencies.some((a) => a.code.startsWith('Q_')) ? 'quận, huyện' : 'huyện';
}

function taskSummary(np: NormalizedPlan, task: ResolvedTask, accepted: Map<string, Submission>, cutoff: string): TaskSummary {
  const reportOf = (agency: string): TaskReport | undefined => accepted.get(agency)?.tasks.find((t) => t.id === task.id);
  const entry = (agency: string, role: AgencyTaskStatus['role']): AgencyTaskStatus => {
    const r = reportOf(agency);
    const a = np.agencies.get(agency)!;
    return {
      agency,
      name: a.short ?? a.name,
      role,
      status: r?.status ?? 'noReport',
      ...(r?.progress !== undefined ? { progress: r.progress } : {}),
      ...(r?.completedOn ? { completedOn: r.completedOn } : {}),
      result: r?.result ?? '',
      difficulties: r?.difficulties ?? '',
    };
  };
  const role = task.leadAgencies.length ? 'lead' : 'executing';
  const leads = task.responsible.map((a) => entry(a, role));
  const supports = [...task.supportAgencies, ...(role === 'lead' ? task.executingAgencies : [])]
    .filter((a) => np.agencies.get(a)?.reports && reportOf(a)?.status)
    .map((a) => entry(a, task.supportAgencies.includes(a) ? 'support' : 'executing'));
  const status = combineStatus(leads.map((l) => l.status));
  const dues = task.responsible.map((a) => dueDate(task.deadline, np.agencies.get(a)!.level)).filter((d): d is string => !!d).sort();
  const due = dues[0] ?? dueDate(task.deadline, 'province');
  const reportedProgress = leads.map((l) => l.progress).filter((p): p is number => p !== undefined);
  const districts = task.responsible.filter((a) => ['district', 'commune'].includes(np.agencies.get(a)!.kind));
  let spread: TaskSummary['spread'];
  if (districts.length >= 3) {
    const count = (s: AgencyTaskStatus['status']) => leads.filter((l) => districts.includes(l.agency) && l.status === s).length;
    const word = levelWord(np, districts);
    const done = count('done');
    spread = {
      level: word,
      total: districts.length,
      done,
      inProgress: count('inProgress'),
      notStarted: count('notStarted'),
      noReport: count('noReport'),
      text: `${done}/${districts.length} ${word} đã hoàn thành`,
    };
  }
  return {
    id: task.id,
    title: task.title,
    group: task.group,
    ...(task.heading ? { heading: task.heading } : {}),
    kind: task.kind,
    deadline: deadlineText(task.deadline),
    ...(due ? { due } : {}),
    status,
    overdue: !!due && due < cutoff && status !== 'done',
    ...(reportedProgress.length ? { progress: round1(reportedProgress.reduce((s, p) => s + p, 0) / reportedProgress.length) } : {}),
    leads,
    supports,
    ...(spread ? { spread } : {}),
  };
}

function groupSummaries(np: NormalizedPlan, tasks: TaskSummary[]): GroupSummary[] {
  return np.plan.groups.map((g) => {
    const mine = tasks.filter((t) => t.group === g.code);
    const count = (s: ConsolidatedStatus) => mine.filter((t) => t.status === s).length;
    return {
      code: g.code,
      name: g.name,
      ...(g.utility ? { utility: g.utility } : {}),
      total: mine.length,
      done: count('done'),
      inProgress: count('inProgress'),
      notStarted: count('notStarted'),
      noReport: count('noReport'),
      overdue: mine.filter((t) => t.overdue).length,
    };
  });
}

/** The target in force in the period's last month, for the given agency when it has its own. */
export function targetInForce(ind: ResolvedIndicator, period: Period, agency?: string): IndicatorTarget | undefined {
  const month = period.lastMonth;
  const inWindow = ind.targets.filter((t) => (!t.from || t.from <= month) && (!t.to || t.to >= month));
  return (agency ? inWindow.find((t) => t.agencies?.includes(agency)) : undefined) ?? inWindow.find((t) => !t.agencies);
}

export function meetsTarget(value: number, target: IndicatorTarget): boolean {
  const eps = 1e-9;
  switch (target.comparator) {
    case '>=':
      return value >= target.value - eps;
    case '>':
      return value > target.value + eps;
    case '=':
      return Math.abs(value - target.value) < 1e-6;
    case '<=':
      return value <= target.value + eps;
    case '<':
      return value < target.value - eps;
  }
}

function indicatorValue(ind: ResolvedIndicator, numerator?: number, denominator?: number): number | undefined {
  if (numerator === undefined) return undefined;
  if (ind.unit !== 'percent') return numerator;
  return denominator ? round1((numerator / denominator) * 100) : undefined;
}

function indicatorSummary(ind: ResolvedIndicator, period: Period, accepted: Map<string, Submission>, np: NormalizedPlan): IndicatorSummary {
  const byAgency: IndicatorSummary['byAgency'] = [];
  let num: number | undefined;
  let den: number | undefined;
  for (const agency of ind.reportingAgencies) {
    const r = accepted.get(agency)?.indicators.find((i) => i.id === ind.id);
    if (!r || r.numerator === undefined) continue;
    const value = indicatorValue(ind, r.numerator, r.denominator);
    const t = targetInForce(ind, period, agency);
    const a = np.agencies.get(agency)!;
    byAgency.push({
      agency,
      name: a.short ?? a.name,
      numerator: r.numerator,
      ...(r.denominator !== undefined ? { denominator: r.denominator } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(t && value !== undefined ? { met: meetsTarget(value, t) } : {}),
    });
    num = (num ?? 0) + r.numerator;
    if (r.denominator !== undefined) den = (den ?? 0) + r.denominator;
  }
  const value = indicatorValue(ind, num, den);
  const target = targetInForce(ind, period);
  let met: boolean | undefined;
  if (target && value !== undefined) met = meetsTarget(value, target);
  else if (!target && byAgency.some((b) => b.met !== undefined)) met = byAgency.every((b) => b.met !== false);
  const shown = target ?? (byAgency.length === 1 ? targetInForce(ind, period, byAgency[0]!.agency) : undefined);
  return {
    id: ind.id,
    name: ind.name,
    unit: ind.unit,
    numeratorLabel: ind.numeratorLabel,
    ...(ind.denominatorLabel ? { denominatorLabel: ind.denominatorLabel } : {}),
    ...(num !== undefined ? { numerator: num } : {}),
    ...(den !== undefined ? { denominator: den } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(shown ? { target: targetText(ind.unit, [shown]), comparator: shown.comparator, targetValue: shown.value } : {}),
    ...(met !== undefined ? { met } : {}),
    reported: byAgency.length,
    expected: ind.reportingAgencies.length,
    byAgency,
  };
}

/**
 * Difficulties or proposals in plan order of agencies; the same words written by several agencies
 * (or for several tasks) are quoted once with all of them, so a large province's list stays short.
 */
function quotes(np: NormalizedPlan, accepted: Map<string, Submission>, field: 'difficulties' | 'proposals'): Quote[] {
  const byText = new Map<string, Quote>();
  for (const a of np.reportingAgencies) {
    const s = accepted.get(a.code);
    if (!s) continue;
    for (const t of s.tasks) {
      const text = t[field].trim();
      if (!text) continue;
      const key = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
      const quote = byText.get(key) ?? byText.set(key, { text, sources: [] }).get(key)!;
      const mine = quote.sources.find((q) => q.agency === a.code);
      if (mine) mine.task = mine.task ? `${mine.task}, ${t.id}` : t.id;
      else quote.sources.push({ agency: a.code, name: a.short ?? a.name, task: t.id });
    }
  }
  return [...byText.values()];
}

/** Consolidation: a pure function of the plan, the period and what was received. */
export function consolidate(input: ConsolidationInput): ConsolidatedReport {
  const { np, period, previous } = input;
  const cutoff = periodCutoff(period, np.plan.reporting);
  const receivedBy = new Map(input.received.map((r) => [r.agency, r]));
  const accepted = new Map(
    input.received.filter((r) => r.status !== 'rejected' && r.submission).map((r) => [r.agency, r.submission!]),
  );
  const rows = agencyRows(np, receivedBy);
  const count = (s: AgencyReportStatus) => rows.filter((r) => r.status === s).length;
  const expected = rows.length;
  const onTime = count('on-time');
  const late = count('late');
  const tasks = np.tasks.map((t) => taskSummary(np, t, accepted, cutoff));
  if (previous) {
    const before = new Map(previous.tasks.map((t) => [t.id, t.status]));
    tasks.forEach((t) => {
      const s = before.get(t.id);
      if (s) t.previousStatus = s;
    });
  }
  const indicators = np.indicators.map((i) => indicatorSummary(i, period, accepted, np));
  if (previous) {
    const before = new Map(previous.indicators.map((i) => [i.id, i.value]));
    indicators.forEach((i) => {
      const v = before.get(i.id);
      if (v !== undefined) i.previousValue = v;
    });
  }
  const span = periodSpan(period);
  const { plan } = np;
  const standing = np.agencies.get(plan.standing.agency)!;
  return {
    plan: { id: plan.id, title: plan.title, ...(plan.number ? { number: plan.number } : {}), date: plan.date, province: plan.province, place: plan.place, issuer: plan.issuer },
    period: {
      id: period.id,
      kind: period.kind,
      label: periodLabel(period),
      phrase: periodPhrase(period),
      start: nextDay(periodCutoff(previousPeriod(period), plan.reporting)),
      end: span.end,
      cutoff,
      due: periodDueDate(period, plan.reporting),
      months: periodMonths(period).map((m) => m.id),
    },
    reportDate: input.reportDate,
    standing: {
      code: standing.code,
      name: standing.name,
      reportSymbol: plan.standing.reportSymbol,
      signerTitle: plan.standing.signerTitle,
      ...(plan.standing.signerName ? { signerName: plan.standing.signerName } : {}),
    },
    recipients: plan.recipients,
    agencies: {
      expected,
      submitted: onTime + late,
      onTime,
      late,
      missing: count('missing'),
      rejected: count('rejected'),
      rate: expected ? round1(((onTime + late) / expected) * 100) : 0,
      onTimeRate: expected ? round1((onTime / expected) * 100) : 0,
    },
    agencyRows: rows,
    rejected: input.rejected.map((r) => ({ file: r.file, ...(r.agency ? { agency: r.agency, name: np.agencies.get(r.agency)?.name } : {}), issues: r.issues })),
    superseded: input.superseded,
    skipped: input.skipped,
    tasks,
    groups: groupSummaries(np, tasks),
    indicators,
    difficulties: quotes(np, accepted, 'difficulties'),
    proposals: quotes(np, accepted, 'proposals'),
    sources: input.sources,
    ...(previous
      ? {
          previous: {
            period: previous.period.id,
            done: previous.tasks.filter((t) => t.status === 'done').length,
            overdue: previous.tasks.filter((t) => t.overdue).length,
            submitted: previous.agencies.submitted,
          },
        }
      : {}),
  };
}
