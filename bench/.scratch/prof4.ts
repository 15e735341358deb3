import { readFileSync, readdirSync } from 'node:fs';
import { guardZipSync } from '../../generator/intake/zipGuard.ts';
import { readerNeeds } from '../../generator/reader/readWorkbook.ts';
import { unzipSync, inflateSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
const dir = process.argv[2]!;
const files = readdirSync(`${dir}/2024-03`).slice(0, 200).map(f => readFileSync(`${dir}/2024-03/${f}`));
for (let pass = 0; pass < 3; pass++) {
  let s = performance.now(); for (let k = 0; k < 3; k++) for (const b of files) guardZipSync(b, { keep: readerNeeds }); console.log('guard', ((performance.now() - s) / files.length / 3).toFixed(2));
  s = performance.now(); for (let k = 0; k < 3; k++) for (const b of files) unzipSync(b); console.log('fflate unzipSync', ((performance.now() - s) / files.length / 3).toFixed(2));
}
