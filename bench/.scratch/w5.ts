import { Worker } from 'node:worker_threads';
await new Promise((r) => setTimeout(r, Number(process.argv[2])));
const w = new Worker(new URL('./tw.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
w.on('message', (m) => { console.log('msg', m); void w.terminate(); }); w.on('error', (e) => console.log('err', e.message));
