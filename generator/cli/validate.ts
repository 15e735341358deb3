import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { todayInVietnam } from '../../core/text/dates.ts';
import { checkFile, type FileCheck } from '../intake/checkFile.ts';
import { DEFAULT_PLAN_ID, PlanLoadError, REPO_ROOT, loadPlan } from '../plan/loadPlan.ts';
import { parseArgs } from './args.ts';

const USAGE = 'Cách dùng: npm run validate -- [--plan MÃ_KẾ_HOẠCH] [--json] TỆP.xlsx...';
const SEVERITY = { error: 'LỖI', warning: 'Cảnh báo' } as const;

/** With no files, the shipped sample submissions of the plan are checked. */
function defaultFiles(planId: string): string[] {
  const dir = join(REPO_ROOT, 'samples', planId, 'filled');
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function printHuman(results: FileCheck[]): void {
  for (const r of results) {
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    const warnings = r.issues.length - errors;
    console.log(`\n${relative(process.cwd(), r.file) || r.file}: ${r.valid ? 'HỢP LỆ' : 'KHÔNG HỢP LỆ'} (${errors} lỗi, ${warnings} cảnh báo)`);
    for (const i of r.issues) console.log(`  [${SEVERITY[i.severity]}] ${i.code} ${i.sheet ? `${i.sheet}!${i.cell}` : ''} ${i.message}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { flags: ['json'], options: ['plan'] });
  if ('error' in args) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  let np;
  try {
    np = loadPlan(args.options.plan ?? DEFAULT_PLAN_ID);
  } catch (e) {
    if (e instanceof PlanLoadError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const files = args.positional.length ? args.positional : defaultFiles(np.plan.id);
  if (files.length === 0) {
    console.error(`Không có tệp nào để kiểm tra.\n${USAGE}`);
    return 2;
  }
  const today = todayInVietnam();
  const results: FileCheck[] = [];
  for (const f of files) results.push(await checkFile(np, f, { today }));
  if (args.flags.json) {
    const files = results.map((r) => ({ file: r.file, agency: r.agency ?? null, period: r.period ?? null, valid: r.valid, issues: r.issues.map(({ severity, code, sheet, cell, message }) => ({ severity, code, sheet, cell, message })) }));
    console.log(JSON.stringify({ files }, null, 2));
  } else {
    printHuman(results);
  }
  if (results.some((r) => r.issues.some((i) => i.code === 'file-unreadable'))) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}

process.exitCode = await main();
