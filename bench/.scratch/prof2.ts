import { readFileSync, readdirSync } from 'node:fs';
import { readWorkbook } from '../../generator/reader/readWorkbook.ts';
import JSZip from 'jszip';
const dir = process.argv[2]!;
const files = readdirSync(`${dir}/2024-03`).slice(0, 200).map(f => readFileSync(`${dir}/2024-03/${f}`));
let s = performance.now();
for (const b of files) { const z = await JSZip.loadAsync(b); for (const e of Object.values(z.files)) if (!e.dir) await e.async('string'); }
console.log('jszip', ((performance.now() - s) / files.length).toFixed(2));
s = performance.now();
for (const b of files) await readWorkbook(b);
console.log('reader', ((performance.now() - s) / files.length).toFixed(2));
