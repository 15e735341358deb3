import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, CORPUS_OPTIONS, CORPUS_PLAN } from '../../test/hostile/buildCorpus.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { statSync } from 'node:fs';
const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
let t0 = Date.now();
const c = await buildCorpus(dir);
console.log('build', Date.now() - t0, 'ms', dir);
const np = loadPlan(CORPUS_PLAN);
for (const it of [...c.items, ...c.valid.map(v => ({ name: v, path: v, options: {} } as any))]) {
  const rss0 = process.memoryUsage().rss;
  t0 = Date.now();
  const r = await checkFile(np, it.path, { ...CORPUS_OPTIONS, ...it.options });
  const ms = Date.now() - t0;
  console.log(`${it.name} (${statSync(it.path).size}) ${ms}ms +${Math.round((process.memoryUsage().rss - rss0) / 1e6)}MB valid=${r.valid} ${r.issues.slice(0, 2).map(i => i.code + ': ' + i.message.replace(dir, '')).join(' | ')}`);
}
