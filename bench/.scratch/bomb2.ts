import { Deflate, Inflate } from 'fflate';
const zeros = new Uint8Array(1 << 20);
const outs: Uint8Array[] = [];
const d = new Deflate({ level: 6 }, (c) => { outs.push(c); });
let t0 = Date.now();
for (let i = 0; i < 6; i++) d.push(zeros, false);
console.log('6 pushes', Date.now() - t0, outs.map(o => o.length));
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
console.log(same(outs[2]!, outs[3]!), same(outs[3]!, outs[4]!), same(outs[4]!, outs[5]!));
