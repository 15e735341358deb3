import type { Received } from './consolidate.ts';

const DAY = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** A "Ngày lập" more than this many days after the due date is a typing mistake, not a fact to date the report by. */
const PLAUSIBLE_DAYS_AFTER_DUE = 62;

/**
 * The date the report bears when the compiler gives none: the day after submissions were due, or
 * the newest "Ngày lập" among the files it uses when that is later, so the report is never dated
 * before the facts it lists. It depends only on the files, so the same folder gives the same report.
 */
export function defaultReportDate(due: string, used: readonly Received[]): string {
  const latest = addDays(due, PLAUSIBLE_DAYS_AFTER_DUE);
  let date = addDays(due, 1);
  for (const r of used) {
    const d = r.status === 'rejected' ? undefined : r.submission?.reportDate;
    if (d && d > date && d <= latest) date = d;
  }
  return date;
}
