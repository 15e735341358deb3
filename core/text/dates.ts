/** Vietnamese date wording for reports, from "YYYY-MM-DD" strings (no time zones involved). */

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parts(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number];
}

/**
 * "ngày 05 tháng 01 năm 2023": Nghị định 30/2020/NĐ-CP writes a leading zero for days under 10 and
 * for months 1 and 2.
 */
export function formatDocumentDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `ngày ${pad2(d)} tháng ${m <= 2 ? pad2(m) : m} năm ${y}`;
}

/** "05/01/2023" */
export function formatShortDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/** Today's calendar date in Vietnam (UTC+7), whatever the machine's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
