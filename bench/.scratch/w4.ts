import { Worker } from 'node:worker_threads';
for (const f of ['../../test/hostile/tw_tmp.ts', '../../generator/intake/checkWorker.ts', './tw.ts']) {
  const w = new Worker(new URL(f, import.meta.url), { execArgv: ['--import', 'tsx'], workerData: { planId: 'quang-ngai-2022', options: {} } });
  w.on('message', (m) => { console.log(f, 'msg', m); void w.terminate(); }); w.on('error', (e) => console.log(f, 'err', e.message)); w.on('online', () => { console.log(f, 'online'); setTimeout(() => w.terminate(), 3000); });
}
