import type { Cell, WorkbookModel } from '../workbook/model.ts';
import { INDICATOR_COLUMNS, REQUIRED_INDICATOR_COLUMNS, SHEETS } from '../workbook/contract.ts';
import type { ResolvedIndicator } from '../plan/normalize.ts';
import type { Period } from '../period/period.ts';
import type { IndicatorReport } from '../submission/schema.ts';
import { displayText } from '../workbook/display.ts';
import { readNumber, readText } from './cellReaders.ts';
import { locateTable, type RuleContext } from './context.ts';
import { checkMerges } from './mergeRules.ts';

type IndicatorColumn = keyof typeof INDICATOR_COLUMNS;

/** Whether the indicator must be reported in the period (its window overlaps the period's months). */
export function indicatorDue(ind: Pick<ResolvedIndicator, 'from' | 'to'>, period: Period | undefined): boolean {
  if (!period) return true;
  return (!ind.from || ind.from <= period.lastMonth) && (!ind.to || ind.to >= period.firstMonth);
}

/** A numerator typed as a rate ("85%", or a cell formatted as a percentage). */
function typedAsPercent(cell: Cell | undefined): boolean {
  const v = cell?.value;
  return (v?.t === 'text' && /%\s*$/.test(v.v)) || (v?.t === 'number' && !!cell?.numFmt?.includes('%'));
}

/** Sheet Chỉ tiêu: each indicator once, numbers non-negative, counts whole, numerator ≤ denominator. */
export function checkIndicators(ctx: RuleContext, model: WorkbookModel): IndicatorReport[] {
  const table = locateTable<IndicatorColumn>(ctx, model.sheets, SHEETS.indicators, INDICATOR_COLUMNS, 'id', REQUIRED_INDICATOR_COLUMNS);
  if (!table || !ctx.agency) return [];
  const { index, headerRow, columns, sheet } = table;
  const col = (k: IndicatorColumn): number => columns[k]!;
  const at = (row: number, k: IndicatorColumn): string => index.address(row, col(k));
  const expected = ctx.ix.indicators(ctx.agency.code);
  const rowOf = new Map<string, number>();
  const reports: IndicatorReport[] = [];
  const inputCols = new Set([col('numerator'), col('denominator'), ...(columns.note ? [col('note')] : [])]);
  checkMerges(ctx, sheet, index.maxRow, (r, c) => r > headerRow && inputCols.has(c));

  for (const row of index.rows()) {
    if (row <= headerRow) continue;
    const id = readText(index.cell(row, col('id')));
    if (!id) {
      if (readText(index.cell(row, col('numerator'))) || readText(index.cell(row, col('denominator')))) {
        ctx.add('indicator-row-unexpected', sheet.name, at(row, 'id'), { row });
      }
      continue;
    }
    const ind = expected.get(id);
    if (!ind || rowOf.has(id)) {
      ctx.add('indicator-row-unexpected', sheet.name, at(row, 'id'), rowOf.has(id) ? { row, id, duplicate: true } : { row, id, agency: ctx.agency.name });
      continue;
    }
    rowOf.set(id, row);
    const report: IndicatorReport = { id, note: readText(index.cell(row, columns.note ? col('note') : 0)), row };
    reports.push(report);
    const due = indicatorDue(ind, ctx.period);
    const whole = ind.unit !== 'number';
    const readPart = (k: 'numerator' | 'denominator', part: string, required: boolean): number | undefined => {
      const cell = index.cell(row, col(k));
      const r = readNumber(cell);
      if (r.kind === 'blank') {
        if (required) ctx.add('indicator-missing', sheet.name, at(row, k), { id, part, label: (k === 'numerator' ? ind.numeratorLabel : ind.denominatorLabel) ?? '' });
        return undefined;
      }
      if (r.kind === 'bad') {
        // A formula error is reported once, as formula-error.
        if (cell?.value.t !== 'error') ctx.add('indicator-not-number', sheet.name, at(row, k), { id, part, shown: displayText(cell) });
        return undefined;
      }
      if (r.value < 0) {
        ctx.add('indicator-negative', sheet.name, at(row, k), { id, part, shown: displayText(cell) });
        return undefined;
      }
      if (whole && !Number.isInteger(r.value)) {
        ctx.add('indicator-not-integer', sheet.name, at(row, k), { id, part, shown: displayText(cell) });
        return undefined;
      }
      return r.value;
    };
    report.numerator = readPart('numerator', 'tử số', due);
    if (ind.unit === 'percent') {
      const numeratorCell = index.cell(row, col('numerator'));
      if (report.numerator !== undefined && typedAsPercent(numeratorCell)) {
        ctx.add('indicator-percent-typed', sheet.name, at(row, 'numerator'), { id, shown: displayText(numeratorCell) });
      }
      report.denominator = readPart('denominator', 'mẫu số', due);
      if (report.numerator !== undefined && report.denominator !== undefined && report.numerator > report.denominator) {
        ctx.add('numerator-exceeds-denominator', sheet.name, at(row, 'numerator'), {
          id,
          numerator: displayText(numeratorCell),
          denominator: displayText(index.cell(row, col('denominator'))),
        });
      }
    } else if (readText(index.cell(row, col('denominator')))) {
      ctx.add('denominator-not-applicable', sheet.name, at(row, 'denominator'), { id });
    }
  }
  // Like a missing task row: reported below the row of the plan's previous indicator present.
  let previousRow = headerRow;
  for (const [id, ind] of expected) {
    const row = rowOf.get(id);
    if (row !== undefined) previousRow = row;
    else if (indicatorDue(ind, ctx.period)) ctx.add('indicator-row-missing', sheet.name, index.address(previousRow + 1, col('id')), { id, name: ind.name });
  }
  return reports;
}
