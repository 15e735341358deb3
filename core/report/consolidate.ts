import type { NormalizedPlan, ResolvedTask, ResolvedIndicator } from '../plan/normalize.ts';
import type { IndicatorTarget } from '../plan/schema.ts';
import { dueDate, deadlineText } from '../plan/deadline.ts';
import { periodCutoff, periodDueDate, periodLabel, periodMonths, periodPhrase, periodSpan, previousPeriod, type Period } from '../period/period.ts';
import type { Submission, TaskReport } from '../submission/schema.ts';
import { CATALOGUE, countIssues, type Issue } from '../validation/catalogue.ts';
import { LEVEL_ORDER, planLevelLabels } from './levels.ts';
import { groupByTheme } from './themes.ts';
import { targetText } from './targets.ts';
import type {
  AgencyReportStatus,
  AgencyRow,
  AgencyTaskStatus,
  ConsolidatedReport,
  ConsolidatedStatus,
  GroupSummary,
  IndicatorSummary,
  LevelReporting,
  Quote,
  SpreadPart,
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

function agencyRows(np: NormalizedPlan, received: Map<string, Received>, labels: Map<string, string>): AgencyRow[] {
  return np.reportingAgencies.map((a) => {
    const r = received.get(a.code);
    const errors = r ? countIssues(r.issues).errors : 0;
    return {
      code: a.code,
      name: a.name,
      short: a.short ?? a.name,
      kind: a.kind,
      level: a.level,
      levelLabel: labels.get(a.level) ?? a.level,
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

/** Reporting counts per level, so departments and communes are never summed into one rate. */
function reportingByLevel(rows: AgencyRow[], labels: Map<string, string>): LevelReporting[] {
  return [...labels.entries()].map(([level, label]) => {
    const mine = rows.filter((r) => r.level === level);
    const count = (s: AgencyReportStatus) => mine.filter((r) => r.status === s).length;
    return { level, label, expected: mine.length, submitted: count('on-time') + count('late'), onTime: count('on-time'), late: count('late'), missing: count('missing'), rejected: count('rejected') };
  });
}

function combineStatus(statuses: AgencyTaskStatus['status'][]): ConsolidatedStatus {
  const reported = statuses.filter((s) => s !== 'noReport');
  if (reported.length === 0) return 'noReport';
  if (reported.length === statuses.length && reported.every((s) => s === 'done')) return 'done';
  if (reported.some((s) => s === 'done' || s === 'inProgress')) return 'inProgress';
  return 'notStarted';
}

/** Per-level counts of a task's responsible agencies: "24/37 sở, ngành; 12/13 huyện, thị xã, thành phố". */
function spreadOf(leads: AgencyTaskStatus[], labels: Map<string, string>): TaskSummary['spread'] {
  const parts: SpreadPart[] = [];
  for (const level of LEVEL_ORDER) {
    const mine = leads.filter((l) => l.level === level);
    if (!mine.length) continue;
    const count = (s: AgencyTaskStatus['status']) => mine.filter((l) => l.status === s).length;
    parts.push({
      level,
      label: labels.get(level) ?? level,
      total: mine.length,
      done: count('done'),
      inProgress: count('inProgress'),
      notStarted: count('notStarted'),
      noReport: count('noReport'),
    });
  }
  const [first] = parts;
  if (!first) return undefined;
  return {
    level: first.label,
    total: first.total,
    done: first.done,
    inProgress: first.inProgress,
    notStarted: first.notStarted,
    noReport: first.noReport,
    text: `${parts.map((p) => `${p.done}/${p.total} ${p.label}`).join('; ')} đã hoàn thành`,
    parts,
  };
}

/** Spread is given when a task has more responsible agencies than a sentence can name. */
const SPREAD_FROM = 3;

/** What an agency last said about each task, by agency then task: from the previous period's report. */
type History = Map<string, Map<string, { status: AgencyTaskStatus; period: string }>>;

function historyOf(previous: ConsolidatedReport | undefined): History {
  const out: History = new Map();
  if (!previous) return out;
  for (const t of previous.tasks) {
    for (const l of [...t.leads, ...t.supports]) {
      if (l.status === 'noReport') continue;
      const byTask = out.get(l.agency) ?? out.set(l.agency, new Map()).get(l.agency)!;
      byTask.set(t.id, { status: l, period: l.carriedFrom ?? previous.period.id });
    }
  }
  return out;
}

/** Each accepted submission's task reports by task id, built once per consolidation (not per task and agency). */
type ReportIndex = Map<string, Map<string, TaskReport>>;

function indexReports(accepted: Map<string, Submission>): ReportIndex {
  return new Map([...accepted].map(([agency, s]) => [agency, new Map(s.tasks.map((t) => [t.id, t]))]));
}

interface Context {
  np: NormalizedPlan;
  reports: ReportIndex;
  history: History;
  labels: Map<string, string>;
  cutoff: string;
}

function taskSummary(task: ResolvedTask, { np, reports, history, labels, cutoff }: Context): TaskSummary {
  const reportOf = (agency: string): TaskReport | undefined => reports.get(agency)?.get(task.id);
  const entry = (agency: string, role: AgencyTaskStatus['role']): AgencyTaskStatus => {
    const r = reportOf(agency);
    const a = np.agencies.get(agency)!;
    const before = history.get(agency)?.get(task.id);
    // Completion is sticky: a lead that said "done" before has finished, whatever it says (or
    // does not say) now. A lead that did not report carries its last status forward, marked.
    const carry = before && (!r?.status || (before.status.status === 'done' && r.status !== 'done'));
    const from = carry ? before.status : r;
    // Built field by field: this runs for every agency of every task (tens of thousands of times).
    const out: AgencyTaskStatus = { agency, name: a.name, role, level: a.level, status: from?.status ?? 'noReport', result: (carry ? r?.result || before.status.result : r?.result) ?? '', difficulties: r?.difficulties ?? '' };
    if (from?.progress !== undefined) out.progress = from.progress;
    if (from?.completedOn) out.completedOn = from.completedOn;
    if (carry) out.carriedFrom = before.period;
    return out;
  };
  const role = task.leadAgencies.length ? 'lead' : 'executing';
  const leads = task.responsible.map((a) => entry(a, role));
  const supports = [...task.supportAgencies, ...(role === 'lead' ? task.executingAgencies : [])]
    .filter((a) => reportOf(a)?.status && np.agencies.get(a)?.reports)
    .map((a) => entry(a, task.supportAgencies.includes(a) ? 'support' : 'executing'));
  const status = combineStatus(leads.map((l) => l.status));
  const levels = new Set(task.responsible.map((a) => np.agencies.get(a)!.level));
  const dues = [...levels].map((level) => dueDate(task.deadline, level)).filter((d): d is string => !!d).sort();
  const due = dues[0] ?? dueDate(task.deadline, 'province');
  // A mean over part of the leads would print "đang thực hiện, tiến độ 100%": only over all of them.
  const progresses = leads.map((l) => l.progress);
  const progress = progresses.every((p): p is number => p !== undefined) && progresses.length ? round1(progresses.reduce((s, p) => s + p, 0) / progresses.length) : undefined;
  const spread = leads.length >= SPREAD_FROM ? spreadOf(leads, labels) : undefined;
  const carried = leads.filter((l) => l.carriedFrom).length;
  const overdue = !!due && due < cutoff && status !== 'done';
  return {
    id: task.id,
    title: task.title,
    group: task.group,
    ...(task.heading ? { heading: task.heading } : {}),
    kind: task.kind,
    deadline: deadlineText(task.deadline),
    ...(due ? { due } : {}),
    status,
    overdue,
    ...(progress !== undefined ? { progress } : {}),
    leads,
    supports,
    ...(spread ? { spread } : {}),
    ...(carried ? { carried } : {}),
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
      name: a.name,
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
    pending: ind.reportingAgencies.filter((a) => !byAgency.some((b) => b.agency === a)).map((a) => np.agencies.get(a)!.name),
  };
}

/**
 * Difficulties or proposals in plan order of agencies; the same words written by several agencies
 * (or for several tasks) are quoted once with all of them, so a large province's list stays short.
 */
function quotes(np: NormalizedPlan, accepted: Map<string, Submission>, field: 'difficulties' | 'proposals'): Quote[] {
  const byText = new Map<string, Quote>();
  // The same words come from many files: each distinct text is normalised once.
  const keyOf = new Map<string, string>();
  for (const a of np.reportingAgencies) {
    const s = accepted.get(a.code);
    if (!s) continue;
    for (const t of s.tasks) {
      const text = t[field].trim();
      if (!text) continue;
      let key = keyOf.get(text);
      if (key === undefined) keyOf.set(text, (key = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ')));
      const quote = byText.get(key) ?? byText.set(key, { text, sources: [] }).get(key)!;
      // Agencies come in order, so this agency's entry, if any, is the last one.
      const last = quote.sources[quote.sources.length - 1];
      const mine = last?.agency === a.code ? last : undefined;
      if (mine) mine.task = mine.task ? `${mine.task}, ${t.id}` : t.id;
      else quote.sources.push({ agency: a.code, name: a.name, task: t.id });
    }
  }
  return [...byText.values()];
}

/** The most frequent kinds of error of a returned file, by catalogue title, most frequent first. */
function mainKinds(issues: readonly Issue[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const i of issues) if (i.severity === 'error') counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, n)
    .map(([code]) => (CATALOGUE as Record<string, { title: string }>)[code]?.title ?? code)
    .map((title) => title.charAt(0).toLowerCase() + title.slice(1));
}

/** Consolidation: a pure function of the plan, the period and what was received. */
export function consolidate(input: ConsolidationInput): ConsolidatedReport {
  const { np, period, previous } = input;
  const cutoff = periodCutoff(period, np.plan.reporting);
  const start = nextDay(periodCutoff(previousPeriod(period), np.plan.reporting));
  const receivedBy = new Map(input.received.map((r) => [r.agency, r]));
  const accepted = new Map(
    input.received.filter((r) => r.status !== 'rejected' && r.submission).map((r) => [r.agency, r.submission!]),
  );
  const labels = planLevelLabels(np.reportingAgencies);
  const rows = agencyRows(np, receivedBy, labels);
  const count = (s: AgencyReportStatus) => rows.filter((r) => r.status === s).length;
  const expected = rows.length;
  const onTime = count('on-time');
  const late = count('late');
  const history = historyOf(previous);
  const context: Context = { np, reports: indexReports(accepted), history, labels, cutoff };
  const tasks = np.tasks.map((t) => taskSummary(t, context));
  const before = new Map(previous?.tasks.map((t) => [t.id, t]));
  for (const t of tasks) {
    const b = before.get(t.id);
    if (b) t.previousStatus = b.status;
    const completedHere = t.leads.some((l) => !l.carriedFrom && l.completedOn !== undefined && l.completedOn >= start && l.completedOn <= cutoff);
    if (t.status === 'done' && (previous ? b?.status !== 'done' : completedHere)) t.completedInPeriod = true;
    if (t.overdue && (previous ? !b?.overdue : !!t.due && t.due >= start)) t.newlyOverdue = true;
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
  const difficulties = quotes(np, accepted, 'difficulties');
  const proposals = quotes(np, accepted, 'proposals');
  const order = np.reportingAgencies.map((a) => a.code);
  return {
    plan: { id: plan.id, title: plan.title, ...(plan.number ? { number: plan.number } : {}), date: plan.date, province: plan.province, place: plan.place, issuer: plan.issuer },
    period: {
      id: period.id,
      kind: period.kind,
      label: periodLabel(period),
      phrase: periodPhrase(period),
      start,
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
    reportingByLevel: reportingByLevel(rows, labels),
    agencyRows: rows,
    rejected: input.rejected.map((r) => ({
      file: r.file,
      ...(r.agency ? { agency: r.agency, name: np.agencies.get(r.agency)?.name } : {}),
      issues: r.issues,
      errors: countIssues(r.issues).errors,
      mainKinds: mainKinds(r.issues),
    })),
    superseded: input.superseded,
    skipped: input.skipped,
    tasks,
    groups: groupSummaries(np, tasks),
    indicators,
    difficulties,
    proposals,
    difficultyThemes: groupByTheme(difficulties, order, standing.code),
    proposalThemes: groupByTheme(proposals, order, standing.code),
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
