import { Worker } from 'node:worker_threads';
const w = new Worker(new URL('../generateWorker.ts', import.meta.url), { execArgv: ['--import', 'tsx'], workerData: { planFile: 'quang-ngai-2022', jobs: [] } });
w.on('error', (e) => console.log('err', e.message)); w.on('exit', (c) => console.log('exit', c));
