import type { Indicator, IndicatorTarget } from '../plan/schema.ts';
import { formatVietnameseNumber } from '../text/numbers.ts';

const COMPARATOR_TEXT = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<' } as const;

const monthText = (m: string): string => `${m.slice(5)}/${m.slice(0, 4)}`;

/** Targets as a clerk reads them: "≥ 80% từ 06/2023", preferring the plan's own wording. */
export function targetText(unit: Indicator['unit'], targets: readonly IndicatorTarget[]): string {
  const suffix = unit === 'percent' ? '%' : '';
  return targets
    .map((t) => t.text ?? `${COMPARATOR_TEXT[t.comparator]} ${formatVietnameseNumber(t.value)}${suffix}${t.from ? ` từ ${monthText(t.from)}` : ''}${t.to ? ` đến ${monthText(t.to)}` : ''}`)
    .join('; ');
}
