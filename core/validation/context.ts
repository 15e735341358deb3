import type { Agency } from '../plan/schema.ts';
import type { NormalizedPlan } from '../plan/normalize.ts';
import type { Period } from '../period/period.ts';
import type { Sheet } from '../workbook/model.ts';
import { SheetIndex, findSheet } from '../workbook/sheetIndex.ts';
import { HEADER_SEARCH_ROWS } from '../workbook/contract.ts';
import { labelKey } from '../workbook/identity.ts';
import { planIndex, type PlanIndex } from './planIndex.ts';
import { makeIssue, type Issue, type IssueCode, type IssueParams } from './catalogue.ts';

export interface ValidateOptions {
  /** Today's date "YYYY-MM-DD", for checks against the future; those checks are skipped without it. */
  today?: string;
  /** The agency the workbook must belong to (the add-in knows none; the report may). */
  agency?: string;
  /** The period being consolidated, "2023-01"; a workbook of another period is rejected. */
  period?: string;
}

/** Shared state of one validation run: the plan, what was found so far, and the issue sink. */
export class RuleContext {
  readonly issues: Issue[] = [];
  agency?: Agency;
  /** The old code the form carries when `agency` replaced it (core/plan/successors.ts). */
  replaced?: string;
  period?: Period;
  reportDate?: string;
  /** The visible identity contradicts the hidden one: the file must not be credited to anyone. */
  identityDoubtful = false;
  readonly ix: PlanIndex;

  constructor(
    readonly np: NormalizedPlan,
    readonly options: ValidateOptions,
  ) {
    this.ix = planIndex(np);
  }

  add<C extends IssueCode>(code: C, sheet: string, cell: string, params: IssueParams<C>, fix?: Issue['fix']): void {
    this.issues.push(makeIssue(code, sheet, cell, params, fix));
  }
}

/** Each header set's texts as compared, worked out once (labelKey). */
const headerKeys = new WeakMap<object, Map<string, string>>();

function keysOf<K extends string>(headers: Record<K, string>): Map<string, K> {
  let byKey = headerKeys.get(headers);
  if (!byKey) headerKeys.set(headers, (byKey = new Map((Object.entries(headers) as [K, string][]).map(([k, text]) => [labelKey(text), k]))));
  return byKey as Map<string, K>;
}

export interface Table<K extends string> {
  sheet: Sheet;
  index: SheetIndex;
  headerRow: number;
  /** Column of each known header found. */
  columns: Partial<Record<K, number>>;
}

/**
 * Finds a sheet's header row (the row holding `anchor`'s header) and maps the expected headers to
 * columns; reports the sheet or any required header as missing.
 */
export function locateTable<K extends string>(
  ctx: RuleContext,
  sheets: Sheet[],
  sheetName: string,
  headers: Record<K, string>,
  anchor: K,
  required: readonly K[],
): Table<K> | undefined {
  const sheet = findSheet({ sheets }, sheetName);
  if (!sheet) {
    ctx.add('sheet-missing', sheetName, '', { sheet: sheetName });
    return undefined;
  }
  const index = new SheetIndex(sheet);
  const byKey = keysOf(headers);
  const anchorKey = labelKey(headers[anchor]);
  let headerRow = 0;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, index.maxRow) && !headerRow; r++) {
    for (let c = 1; c <= index.maxCol; c++) {
      const v = index.value(r, c);
      if (v.t === 'text' && labelKey(v.v) === anchorKey) {
        headerRow = r;
        break;
      }
    }
  }
  if (!headerRow) {
    ctx.add('header-missing', sheet.name, 'A1', { sheet: sheet.name, column: headers[anchor] });
    return undefined;
  }
  const columns: Partial<Record<K, number>> = {};
  for (let c = 1; c <= index.maxCol; c++) {
    const v = index.value(headerRow, c);
    const key = v.t === 'text' ? byKey.get(labelKey(v.v)) : undefined;
    if (key && columns[key] === undefined) columns[key] = c;
  }
  const missing = required.filter((k) => columns[k] === undefined);
  for (const k of missing) {
    ctx.add('header-missing', sheet.name, index.address(headerRow, 1), { sheet: sheet.name, column: headers[k], headerRow });
  }
  return missing.length ? undefined : { sheet, index, headerRow, columns };
}
