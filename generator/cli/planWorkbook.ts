import { stringify } from 'yaml';
import { basename } from 'node:path';
import { buildPlanWorkbook } from '../plan/writePlanWorkbook.ts';
import { PlanLoadError, loadPlan, readPlanWorkbookFile } from '../plan/loadPlan.ts';
import { parsePlan } from '../../core/plan/parsePlan.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import type { Plan } from '../../core/plan/schema.ts';
import { writeFileAtomic } from '../output/atomicWrite.ts';
import { parseArgs } from './args.ts';

/** `npm run plan -- export ID --out KH.xlsx` and `npm run plan -- import KH.xlsx [--out plans/ID.yaml]`. */

const EXPORT_USAGE = 'Cách dùng: npm run plan -- export MÃ_KẾ_HOẠCH --out TỆP.xlsx';
const IMPORT_USAGE = 'Cách dùng: npm run plan -- import TỆP.xlsx [--out plans/MÃ.yaml]';

function usage(text: string, error?: string): number {
  console.error(`${error ? `${error}\n` : ''}${text}`);
  return 2;
}

function planError(e: unknown): number {
  if (!(e instanceof PlanLoadError)) throw e;
  console.error(`Kế hoạch có lỗi:\n${e.message}`);
  return 2;
}

async function exportPlan(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: [], options: ['out'] });
  if ('error' in args) return usage(EXPORT_USAGE, args.error);
  const [id, extra] = args.positional;
  const out = args.options.out;
  if (!id || !out || extra !== undefined) return usage(EXPORT_USAGE);
  if (!/\.xlsx$/i.test(out)) return usage(EXPORT_USAGE, `Tệp ghi ra phải có đuôi .xlsx: ${out}`);
  let np;
  try {
    np = loadPlan(id);
  } catch (e) {
    return planError(e);
  }
  writeFileAtomic(out, await buildPlanWorkbook(np.plan));
  console.log(`Đã ghi kế hoạch ${np.plan.id} ra ${out}: ${np.plan.agencies.length} đơn vị, ${np.plan.tasks.length} nhiệm vụ, ${np.plan.indicators.length} chỉ tiêu.`);
  return 0;
}

/** The plan as YAML that parses back to the same plan (checked before writing). */
export function planToYaml(plan: Plan, source: string): string {
  const text = `# Kế hoạch ${plan.id}, tạo từ ${source} bằng "npm run plan -- import". Xem plans/CONVENTIONS.md.\n${stringify(plan, { lineWidth: 0 })}`;
  const back = parsePlan(text, source);
  if (!back.ok || normalizePlan(back.plan).hash !== normalizePlan(plan).hash) throw new Error('YAML không đọc lại được đúng kế hoạch');
  return text;
}

function importPlan(argv: string[]): number {
  const args = parseArgs(argv, { flags: [], options: ['out'] });
  if ('error' in args) return usage(IMPORT_USAGE, args.error);
  const [file, extra] = args.positional;
  if (!file || extra !== undefined || !/\.xlsx$/i.test(file)) return usage(IMPORT_USAGE);
  let plan: Plan;
  try {
    plan = readPlanWorkbookFile(file);
  } catch (e) {
    return planError(e);
  }
  const np = normalizePlan(plan);
  console.log(`Kế hoạch hợp lệ: ${plan.id} — ${plan.agencies.length} đơn vị (báo cáo: ${np.reportingAgencies.length}), ${plan.tasks.length} nhiệm vụ, ${plan.indicators.length} chỉ tiêu.`);
  const out = args.options.out;
  if (!out) {
    console.log(`Dùng trực tiếp: npm run report -- --plan ${file}; hoặc ghi ra YAML: npm run plan -- import ${file} --out plans/${plan.id}.yaml`);
    return 0;
  }
  writeFileAtomic(out, planToYaml(plan, basename(file)));
  console.log(`Đã ghi ${out}.`);
  return 0;
}

/** Runs `export` or `import` when argv names one; undefined for the other uses of `npm run plan`. */
export function planSubcommand(argv: string[]): Promise<number> | undefined {
  if (argv[0] === 'export') return exportPlan(argv.slice(1));
  if (argv[0] === 'import') return Promise.resolve(importPlan(argv.slice(1)));
  return undefined;
}
