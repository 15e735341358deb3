import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parsePeriodId } from '../../core/period/period.ts';
import { writeFileAtomic } from '../output/atomicWrite.ts';
import { loadPlan, REPO_ROOT } from '../plan/loadPlan.ts';
import { planSamples, type SampleFile } from '../samples/buildSamples.ts';
import { SAMPLE_SPECS } from '../samples/specs.ts';
import { trainerGuide } from '../samples/trainerGuide.ts';
import { TWO_TIER_DIR, twoTierSamples } from '../samples/twoTier.ts';
import { isEntry, parseArgs } from './args.ts';

const SAMPLES_DIR = join(REPO_ROOT, 'samples');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(SAMPLES_DIR, p));
    }
  };
  try {
    walk(dir);
  } catch {
    /* no samples yet */
  }
  return out.sort();
}

async function generate(): Promise<SampleFile[]> {
  const files: SampleFile[] = [];
  for (const spec of SAMPLE_SPECS) {
    const np = loadPlan(spec.planId);
    files.push(...(await planSamples(np, parsePeriodId(spec.period)!, spec.withPrevious ?? false)));
    process.stderr.write(`  ${spec.planId}: xong\n`);
  }
  files.push(...(await twoTierSamples()));
  process.stderr.write(`  ${TWO_TIER_DIR}: xong\n`);
  files.push({ path: 'HUONG-DAN-TAP-HUAN.md', data: trainerGuide(SAMPLE_SPECS) });
  return files;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['check'], options: [] });
  if ('error' in args) {
    console.error(`${args.error}\nCách dùng: npm run samples [-- --check]`);
    return 2;
  }
  const files = await generate();
  if (args.flags.check) {
    // CI: the committed samples must be exactly what the generator makes now.
    const expected = new Map(files.map((f) => [f.path, typeof f.data === 'string' ? Buffer.from(f.data) : Buffer.from(f.data)]));
    const present = listFiles(SAMPLES_DIR);
    const stale = [
      ...[...expected.keys()].filter((p) => !present.includes(p) || !readFileSync(join(SAMPLES_DIR, p)).equals(expected.get(p)!)),
      ...present.filter((p) => !expected.has(p)),
    ];
    if (stale.length) {
      console.error(`samples/ đã cũ (${stale.length} tệp khác): ${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', …' : ''}\nHãy chạy "npm run samples" và commit.`);
      return 1;
    }
    console.log(`samples/ khớp với bộ sinh mẫu (${files.length} tệp).`);
    return 0;
  }
  for (const dir of [...SAMPLE_SPECS.map((s) => s.planId), TWO_TIER_DIR]) rmSync(join(SAMPLES_DIR, dir), { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(SAMPLES_DIR, f.path)), { recursive: true });
    writeFileAtomic(join(SAMPLES_DIR, f.path), f.data);
  }
  console.log(`Đã tạo ${files.length} tệp trong samples/.`);
  return 0;
}

if (isEntry(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
