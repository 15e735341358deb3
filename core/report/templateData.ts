import { formatVietnameseNumber } from '../text/numbers.ts';
import type { ConsolidatedReport, IndicatorSummary } from './schema.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** What the report template reads: the consolidated report and a few facts derived from it once. */
export interface TemplateData extends ConsolidatedReport {
  /**
   * Numerals of the appendices that have something to show, in their order; an empty one is
   * absent, so the body never points to it ("Chi tiết tại Phụ lục II").
   */
  appendices: { tasks?: string; indicators?: string; agencies?: string };
  /** Agencies whose task statuses are carried forward from an earlier report ("theo báo cáo kỳ trước"). */
  carriedAgencies: string[];
  /** A quarter, half year or year put together from monthly folders. */
  rollup: boolean;
  /**
   * Indicators the body names one by one: those not met or not assessed (the met ones are
   * counted), each with its target in short ("≥ 80%") for a sentence; the plan's own wording of the
   * target stays in the appendix.
   */
  indicatorsToName: (IndicatorSummary & { targetShort?: string })[];
}

const COMPARATOR: Record<string, string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<' };

function targetShort(i: IndicatorSummary): string | undefined {
  if (i.comparator === undefined || i.targetValue === undefined) return undefined;
  return `${COMPARATOR[i.comparator] ?? i.comparator} ${formatVietnameseNumber(i.targetValue)}${i.unit === 'percent' ? '%' : ''}`;
}

export function templateData(report: ConsolidatedReport): TemplateData {
  const present = [
    ['tasks', report.tasks.length > 0],
    ['indicators', report.indicators.length > 0],
    ['agencies', report.agencyRows.length > 0],
  ] as const;
  const appendices: TemplateData['appendices'] = {};
  let n = 0;
  for (const [name, shown] of present) if (shown) appendices[name] = ROMAN[n++]!;
  const carried = new Map<string, string>();
  for (const t of report.tasks) for (const l of t.leads) if (l.carriedFrom) carried.set(l.agency, l.name);
  return {
    ...report,
    appendices,
    carriedAgencies: [...carried.values()],
    rollup: report.sources.some((s) => s.period !== report.period.id),
    indicatorsToName: report.indicators.filter((i) => i.met !== true).map((i) => {
      const short = targetShort(i);
      return short ? { ...i, targetShort: short } : i;
    }),
  };
}
