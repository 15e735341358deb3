import { Worker } from 'node:worker_threads';
const w = new Worker(new URL('../../generator/intake/checkWorker.ts', import.meta.url), { execArgv: ['--import', 'tsx'], workerData: { planId: 'quang-ngai-2022', options: {} } });
w.on('message', (m) => { console.log('msg', m.result.valid); void w.terminate(); }); w.on('error', (e) => console.log('err', e.message));
w.once('online', () => w.postMessage({ index: 0, file: '/tmp/hw/valid.xlsx' }));
