import type { Deadline, Level } from './schema.ts';
import { lastDayOfMonth } from '../period/period.ts';
import { formatDeadline } from './deadlineText.ts';

const endOfMonth = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}-${String(lastDayOfMonth(year, month)).padStart(2, '0')}`;

/**
 * The last day by which the task must be done for an agency of the given level; undefined for
 * deadlines that never fall due (recurring, staged starts, by law, on request, when guided).
 */
export function dueDate(deadline: Deadline, level: Level): string | undefined {
  switch (deadline.kind) {
    case 'by-date':
      return deadline.date;
    case 'month': {
      const [y, m] = deadline.month.split('-').map(Number) as [number, number];
      return endOfMonth(y, m);
    }
    case 'quarter':
      return endOfMonth(deadline.year, deadline.quarter * 3);
    case 'half-year':
      return endOfMonth(deadline.year, deadline.half * 6);
    case 'year':
      return `${deadline.year}-12-31`;
    case 'range': {
      const [y, m] = deadline.to.split('-').map(Number) as [number, number];
      return endOfMonth(y, m);
    }
    default:
      return undefined;
  }
}

/**
 * When a staged task starts for an agency of the given level ("cấp huyện từ ngày 01/12/2022"): the
 * plan sets the day an ongoing duty begins, not a day by which it must be done. An agency of a
 * level the plan does not stage starts with the earliest stage.
 */
export function startDate(deadline: Deadline, level: Level): string | undefined {
  if (deadline.kind !== 'staged') return undefined;
  return deadline.stages.find((s) => s.level === level)?.date ?? [...deadline.stages].sort((a, b) => (a.date < b.date ? -1 : 1))[0]!.date;
}

/**
 * Whether the task is an ongoing duty of the level in a period whose data end on `cutoff`: a
 * recurring task always, a staged one from its start on. An ongoing duty needs a result every
 * period and is never overdue; before its start a staged task is not yet due.
 */
export function isOngoing(deadline: Deadline, level: Level, cutoff: string | undefined): boolean {
  if (deadline.kind === 'recurring') return true;
  const start = startDate(deadline, level);
  return start !== undefined && cutoff !== undefined && start <= cutoff;
}

/**
 * The deadline as a short Vietnamese phrase, preferring the plan's own wording; otherwise the
 * canonical wording that the plan-workbook parser reads back ("trước ngày" the day after the due date).
 */
export function deadlineText(deadline: Deadline): string {
  return deadline.text || formatDeadline(deadline);
}
