import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbookOld } from './oldReader.ts';
import { bytesToModel } from '../../generator/reader/bytesToModel.ts';
function walk(d: string): string[] { return readdirSync(d).flatMap(n => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : /\.xlsx$/.test(n) ? [p] : []; }); }
const files = [...walk(process.argv[2]!).filter((_, i) => i % 20 === 0), ...walk('/work/main/samples'), ...process.argv.slice(3)];
let diff = 0;
for (const f of files) {
  const b = readFileSync(f);
  let a: unknown; try { a = await readWorkbookOld(b); } catch (e) { a = 'ERR ' + (e as Error).message; }
  const c = await bytesToModel(b);
  if (JSON.stringify(a) !== JSON.stringify(c)) { diff++; console.log('DIFF', f, JSON.stringify(a).slice(0, 200), '\n   ', JSON.stringify(c).slice(0, 200)); }
}
console.log('files', files.length, 'diffs', diff);
