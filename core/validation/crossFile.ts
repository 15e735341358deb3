import { unitNameKey } from '../workbook/identity.ts';
import { makeIssue, type Issue } from './catalogue.ts';

/** What a checked file claims about who sent it. */
export interface Claim {
  file: string;
  /** The hidden identity's agency code, when the file is ours. */
  agency?: string;
  /** That agency's name in its plan, for the message (the code when absent). */
  agencyName?: string;
  /** The unit name written on Thông tin. */
  shownAgency?: string;
  /** Files are compared within one group only (the plan and period, when files of several are checked together). */
  group?: string;
}

/**
 * Checks across the files of one period: two files that are both the form of one agency but write
 * different unit names (one unit probably used another's form). Returns the issues to add, by the
 * claim's index; `display` names the other file as the report prints it.
 */
export function crossFileIssues(claims: readonly Claim[], display: (file: string) => string = (f) => f): Map<number, Issue[]> {
  const byAgency = new Map<string, number[]>();
  claims.forEach((c, i) => {
    if (!c.agency || c.shownAgency === undefined) return;
    const key = `${c.group ?? ''}\u0000${c.agency}`;
    const list = byAgency.get(key) ?? [];
    list.push(i);
    byAgency.set(key, list);
  });
  const out = new Map<number, Issue[]>();
  for (const indexes of byAgency.values()) {
    for (const i of indexes) {
      const mine = claims[i]!;
      // The first other file with a different name is enough to point at the confusion.
      const j = indexes.find((k) => k !== i && unitNameKey(claims[k]!.shownAgency!) !== unitNameKey(mine.shownAgency!));
      if (j === undefined) continue;
      const other = claims[j]!;
      const issue = makeIssue('agency-claimed-twice', '', '', { form: mine.agencyName ?? mine.agency!, shown: mine.shownAgency!, otherFile: display(other.file), otherShown: other.shownAgency! });
      out.set(i, [issue]);
    }
  }
  return out;
}
