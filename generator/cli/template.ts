import { writeFileAtomic } from '../output/atomicWrite.ts';
import { buildTemplate, TemplateError } from '../template/writeTemplate.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import { DEFAULT_PLAN_ID, PlanLoadError, loadPlan } from '../plan/loadPlan.ts';
import { isEntry, parseArgs } from './args.ts';

const USAGE = 'Cách dùng: npm run template -- --plan MÃ_KẾ_HOẠCH --agency MÃ_ĐƠN_VỊ --period YYYY-MM --out TỆP.xlsx';

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: [], options: ['plan', 'agency', 'period', 'out'] });
  if ('error' in args) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  const { agency, out } = args.options;
  const period = parsePeriodId(args.options.period ?? '');
  if (!agency || !out || !period) {
    console.error(`${!period && args.options.period ? `Kỳ báo cáo "${args.options.period}" không hợp lệ (dạng 2023-01, 2023-Q1, 2023-H1 hoặc 2023).\n` : ''}${USAGE}`);
    return 2;
  }
  try {
    const np = loadPlan(args.options.plan ?? DEFAULT_PLAN_ID);
    const bytes = await buildTemplate(np, agency, period);
    writeFileAtomic(out, bytes);
    console.log(`Đã tạo biểu mẫu ${out} (${np.agencies.get(agency)?.name}, ${period.id}).`);
    return 0;
  } catch (e) {
    if (e instanceof PlanLoadError || e instanceof TemplateError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}

if (isEntry(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
