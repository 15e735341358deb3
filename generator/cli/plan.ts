import { planSummary } from '../../core/plan/normalize.ts';
import { DEFAULT_PLAN_ID, PlanLoadError, loadPlan } from '../plan/loadPlan.ts';
import { isEntry, parseArgs } from './args.ts';
import { planSubcommand } from './planWorkbook.ts';

const USAGE = 'Cách dùng: npm run plan -- [MÃ_KẾ_HOẠCH | TỆP.xlsx] [--json]; npm run plan -- export MÃ --out TỆP.xlsx; npm run plan -- import TỆP.xlsx [--out plans/MÃ.yaml]';

export function main(argv: string[]): number | Promise<number> {
  const sub = planSubcommand(argv);
  if (sub) return sub;
  const args = parseArgs(argv, { flags: ['json'], options: [] });
  if ('error' in args) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  const id = args.positional[0] ?? DEFAULT_PLAN_ID;
  let np;
  try {
    np = loadPlan(id);
  } catch (e) {
    if (e instanceof PlanLoadError) {
      console.error(`Kế hoạch có lỗi:\n${e.message}`);
      return 2;
    }
    throw e;
  }
  const summary = planSummary(np);
  if (args.flags.json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  console.log(`${np.plan.title}\n${np.plan.number ?? ''} ngày ${np.plan.date} — ${np.plan.issuer}`);
  console.log(`Cơ quan: ${summary.agencies.length} (báo cáo: ${np.reportingAgencies.length}); nhiệm vụ: ${summary.tasks.length}; chỉ tiêu: ${summary.indicators.length}`);
  // The codes are what `npm run template -- --agency` takes.
  console.log(`\nĐơn vị báo cáo (mã dùng cho npm run template -- --agency MÃ):`);
  for (const a of np.reportingAgencies) console.log(`  ${a.code.padEnd(16)} ${a.name}`);
  console.log('\nNhiệm vụ:');
  for (const t of summary.tasks) console.log(`  ${t.id.padEnd(12)} ${t.title.slice(0, 90)}`);
  return 0;
}

if (isEntry(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
