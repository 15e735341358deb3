import { Worker } from 'node:worker_threads';
import { checkFiles } from '../../generator/intake/checkPool.ts';
await checkFiles("quang-ngai-2022", ["/tmp/hw/valid.xlsx"], {workers: 1});
const w = new Worker(new URL('./tw.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
w.on('message', (m) => { console.log('msg', m); void w.terminate(); }); w.on('error', (e) => console.log('err', e.message));
