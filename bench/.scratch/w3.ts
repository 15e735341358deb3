import { Worker } from 'node:worker_threads';
for (const f of ['./tw.ts', './tw2.ts']) {
  const w = new Worker(new URL(f, import.meta.url), { execArgv: ['--import', 'tsx'] });
  w.on('message', (m) => { console.log(f, 'msg', m); void w.terminate(); }); w.on('error', (e) => console.log(f, 'err', e.message));
}
