import type { WorkbookModel } from '../workbook/model.ts';
import { INDICATOR_COLUMNS, REQUIRED_INDICATOR_COLUMNS, SHEETS } from '../workbook/contract.ts';
import { indicatorsForAgency, type ResolvedIndicator } from '../plan/normalize.ts';
import type { Period } from '../period/period.ts';
import type { IndicatorReport } from '../submission/schema.ts';
import { shorten } from '../text/shorten.ts';
import { readNumber, readText } from './cellReaders.ts';
import { locateTable, type RuleContext } from './context.ts';

type IndicatorColumn = keyof typeof INDICATOR_COLUMNS;

/** Whether the indicator must be reported in the period (its window overlaps the period's months). */
export function indicatorDue(ind: Pick<ResolvedIndicator, 'from' | 'to'>, period: Period | undefined): boolean {
  if (!period) return true;
  return (!ind.from || ind.from <= period.lastMonth) && (!ind.to || ind.to >= period.firstMonth);
}

/** Sheet Chỉ tiêu: each indicator once, numbers non-negative, counts whole, numerator ≤ denominator. */
export function checkIndicators(ctx: RuleContext, model: WorkbookModel): IndicatorReport[] {
  const table = locateTable<IndicatorColumn>(ctx, model.sheets, SHEETS.indicators, INDICATOR_COLUMNS, 'id', REQUIRED_INDICATOR_COLUMNS);
  if (!table || !ctx.agency) return [];
  const { index, headerRow, columns, sheet } = table;
  const col = (k: IndicatorColumn): number => columns[k]!;
  const at = (row: number, k: IndicatorColumn): string => index.address(row, col(k));
  const expected = new Map(indicatorsForAgency(ctx.np, ctx.agency.code).map((i) => [i.id, i]));
  const seen = new Set<string>();
  const reports: IndicatorReport[] = [];

  for (const row of index.rows()) {
    if (row <= headerRow) continue;
    const id = readText(index.cell(row, col('id')));
    if (!id) {
      if (readText(index.cell(row, col('numerator'))) || readText(index.cell(row, col('denominator')))) {
        ctx.add('indicator-row-unexpected', sheet.name, at(row, 'id'), `Dòng ${row} có số liệu nhưng không có mã chỉ tiêu. Không thêm dòng vào bảng.`);
      }
      continue;
    }
    const ind = expected.get(id);
    if (!ind || seen.has(id)) {
      ctx.add('indicator-row-unexpected', sheet.name, at(row, 'id'), seen.has(id)
        ? `Chỉ tiêu ${id} xuất hiện nhiều lần. Hãy xóa dòng lặp ở dòng ${row}.`
        : `Chỉ tiêu "${id}" không có trong kế hoạch hoặc không giao cho ${ctx.agency.name}. Hãy xóa dòng này.`);
      continue;
    }
    seen.add(id);
    const report: IndicatorReport = { id, note: readText(index.cell(row, columns.note ? col('note') : 0)), row };
    reports.push(report);
    const due = indicatorDue(ind, ctx.period);
    const whole = ind.unit !== 'number';
    const readPart = (k: 'numerator' | 'denominator', label: string, required: boolean): number | undefined => {
      const cell = index.cell(row, col(k));
      const r = readNumber(cell);
      if (r.kind === 'blank') {
        if (required) ctx.add('indicator-missing', sheet.name, at(row, k), `Chỉ tiêu ${id}: chưa có ${label} (${k === 'numerator' ? ind.numeratorLabel : ind.denominatorLabel}). Hãy ghi số liệu của kỳ.`);
        return undefined;
      }
      if (r.kind === 'bad') {
        ctx.add('indicator-not-number', sheet.name, at(row, k), `Chỉ tiêu ${id}: ${label} "${shorten(readText(cell))}" không phải là số. Chỉ ghi số, ví dụ 1250.`);
        return undefined;
      }
      if (r.value < 0) {
        ctx.add('indicator-negative', sheet.name, at(row, k), `Chỉ tiêu ${id}: ${label} không được âm (${r.value}). Hãy ghi số từ 0 trở lên.`);
        return undefined;
      }
      if (whole && !Number.isInteger(r.value)) {
        ctx.add('indicator-not-integer', sheet.name, at(row, k), `Chỉ tiêu ${id}: ${label} phải là số nguyên (đang ghi ${String(r.value).replace('.', ',')}).`);
        return undefined;
      }
      return r.value;
    };
    report.numerator = readPart('numerator', 'tử số', due);
    if (ind.unit === 'percent') {
      report.denominator = readPart('denominator', 'mẫu số', due);
      if (report.numerator !== undefined && report.denominator !== undefined && report.numerator > report.denominator) {
        ctx.add('numerator-exceeds-denominator', sheet.name, at(row, 'numerator'), `Chỉ tiêu ${id}: tử số (${report.numerator}) lớn hơn mẫu số (${report.denominator}). Hãy kiểm tra lại hai số.`);
      }
    } else if (readText(index.cell(row, col('denominator')))) {
      ctx.add('denominator-not-applicable', sheet.name, at(row, 'denominator'), `Chỉ tiêu ${id} là số đếm, không có mẫu số. Hãy xóa số ở cột "${INDICATOR_COLUMNS.denominator}".`);
    }
  }
  for (const [id, ind] of expected) {
    if (!seen.has(id) && indicatorDue(ind, ctx.period)) {
      ctx.add('indicator-row-missing', sheet.name, index.address(headerRow + 1, col('id')), `Thiếu dòng của chỉ tiêu ${id} (${ind.name}). Hãy dùng lại biểu mẫu gốc.`);
    }
  }
  return reports;
}
