import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { todayInVietnam } from '../../core/text/dates.ts';
import { SEVERITY_LABEL, countIssues } from '../../core/validation/catalogue.ts';
import { crossFileIssues } from '../../core/validation/crossFile.ts';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { checkFile, type FileCheck } from '../intake/checkFile.ts';
import { DEFAULT_PLAN_ID, PlanLoadError, REPO_ROOT, listPlanIds, loadPlan } from '../plan/loadPlan.ts';
import { parseArgs } from './args.ts';

const USAGE = 'Cách dùng: npm run validate -- [--plan MÃ_KẾ_HOẠCH] [--json] TỆP.xlsx...';

/** With no files, the shipped sample submissions of the plan are checked. */
function defaultFiles(planId: string): string[] {
  const dir = join(REPO_ROOT, 'samples', planId, 'filled');
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function printHuman(results: FileCheck[], out: (line: string) => void): void {
  for (const r of results) {
    out(`\n${relative(process.cwd(), r.file) || r.file}: ${r.valid ? 'HỢP LỆ' : 'KHÔNG HỢP LỆ'} (${r.counts.errors} lỗi, ${r.counts.warnings} cảnh báo)`);
    for (const i of r.issues) out(`  [${i.severity === 'error' ? SEVERITY_LABEL.error.toUpperCase() : SEVERITY_LABEL.warning}] ${i.code} ${i.sheet ? `${i.sheet}!${i.cell}` : ''} ${i.message}`);
  }
}

/** Files checked together are also checked across: per plan and period, as the report's intake does. */
function withCrossFileIssues(results: FileCheck[], plans: NormalizedPlan[]): FileCheck[] {
  const agencyName = (r: FileCheck) => (r.agency ? plans.find((np) => np.plan.id === r.plan)?.agencies.get(r.agency)?.name : undefined);
  const cross = crossFileIssues(
    results.map((r) => ({ file: r.file, agency: r.agency, agencyName: agencyName(r), shownAgency: r.shownAgency, group: `${r.plan}|${r.period}` })),
    (file) => relative(process.cwd(), file) || file,
  );
  return results.map((r, i) => {
    const more = cross.get(i);
    if (!more) return r;
    const issues = [...r.issues, ...more];
    return { ...r, issues, counts: countIssues(issues) };
  });
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const CONSOLE: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/**
 * `npm run validate`: each file is checked against the plan it names, exactly as the add-in does;
 * `--plan X` asserts that every file belongs to plan X. Returns the exit code.
 */
export async function main(argv: string[], io: CliIo = CONSOLE, today: string = todayInVietnam()): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['plan'] });
  if ('error' in args) {
    io.err(`${args.error}\n${USAGE}`);
    return 2;
  }
  let plans: NormalizedPlan[];
  try {
    plans = args.options.plan ? [loadPlan(args.options.plan)] : listPlanIds().map((id) => loadPlan(id));
  } catch (e) {
    if (e instanceof PlanLoadError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const asserted = args.options.plan ? plans[0]!.plan.id : undefined;
  const files = args.positional.length ? args.positional : defaultFiles(asserted ?? DEFAULT_PLAN_ID);
  if (files.length === 0) {
    io.err(`Không có tệp nào để kiểm tra.\n${USAGE}`);
    return 2;
  }
  const checked: FileCheck[] = [];
  for (const f of files) checked.push(await checkFile(plans, f, { today, ...(asserted ? { plan: asserted } : {}) }));
  const results = withCrossFileIssues(checked, plans);
  if (args.flags.json) {
    // The contract's shape (PRODUCT.md): no more, no fewer keys.
    const files = results.map((r) => ({
      file: r.file,
      agency: r.agency ?? null,
      period: r.period ?? null,
      valid: r.valid,
      issues: r.issues.map(({ severity, code, sheet, cell, message }) => ({ severity, code, sheet, cell, message })),
    }));
    io.out(JSON.stringify({ files }, null, 2));
  } else {
    printHuman(results, io.out);
  }
  if (results.some((r) => r.issues.some((i) => i.code === 'file-unreadable'))) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
