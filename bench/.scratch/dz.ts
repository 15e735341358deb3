import { inflateSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { deflateZeros } from '../../test/hostile/buildCorpus.ts';
for (const n of [0, 1, 2, 258, 259, 260, 517, 1000, 5_000_000, 5_000_001]) {
  const d = deflateZeros(n);
  const a = inflateSync(d); const b = inflateRawSync(d);
  console.log(n, d.length, a.length === n && a.every(x => x === 0), b.length === n && b.every(x => x === 0));
}
