import type { Received } from '../../core/report/consolidate.ts';
import type { IndicatorReport, Submission, TaskReport } from '../../core/submission/schema.ts';

/**
 * Merges the months of a quarter, half year or year into one `Received` per agency: task status
 * from the agency's latest accepted month (status is cumulative), except that a task the agency
 * reported done in an earlier month stays done (completion is sticky), indicator numerators and
 * denominators summed over the months (flows: applications, records), on time only when every
 * accepted month was.
 */
export function mergeMonths(months: { period: string; received: Received[] }[]): Received[] {
  const byAgency = new Map<string, { period: string; r: Received }[]>();
  for (const m of [...months].sort((a, b) => (a.period < b.period ? -1 : 1))) {
    for (const r of m.received) {
      const list = byAgency.get(r.agency) ?? [];
      list.push({ period: m.period, r });
      byAgency.set(r.agency, list);
    }
  }
  const out: Received[] = [];
  for (const [agency, list] of byAgency) {
    const accepted = list.filter((x) => x.r.status !== 'rejected' && x.r.submission);
    const latest = (accepted.at(-1) ?? list.at(-1))!.r;
    if (accepted.length === 0) {
      out.push(latest);
      continue;
    }
    const indicators = new Map<string, IndicatorReport>();
    for (const { r } of accepted) {
      for (const ind of r.submission!.indicators) {
        const sum = indicators.get(ind.id);
        const add = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : a + b);
        indicators.set(ind.id, sum ? { ...sum, numerator: add(sum.numerator, ind.numerator), denominator: add(sum.denominator, ind.denominator) } : { ...ind });
      }
    }
    const doneBefore = new Map<string, TaskReport>();
    for (const { r } of accepted) for (const t of r.submission!.tasks) if (t.status === 'done' && !doneBefore.has(t.id)) doneBefore.set(t.id, t);
    const tasks = latest.submission!.tasks.map((t) => (t.status !== 'done' && doneBefore.has(t.id) ? doneBefore.get(t.id)! : t));
    const submission: Submission = { ...latest.submission!, tasks, indicators: [...indicators.values()] };
    out.push({
      agency,
      file: latest.file,
      status: accepted.every((x) => x.r.status === 'on-time') && accepted.length === months.length ? 'on-time' : 'late',
      submission,
      issues: latest.issues,
      superseded: list.flatMap((x) => x.r.superseded),
    });
  }
  return out;
}
