import type { ConsolidatedReport } from '../../core/report/schema.ts';

/**
 * The consolidated data as `report --json` prints it: the command-line contract puts the plan and
 * the period as ids at the top; their details follow under planInfo and periodInfo.
 */
export function reportJson(report: ConsolidatedReport): string {
  const { plan, period, ...rest } = report;
  return `${JSON.stringify({ plan: plan.id, period: period.id, planInfo: plan, periodInfo: period, ...rest }, null, 2)}\n`;
}
