import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
console.log(typeof ExcelJS);
const w = new Worker(new URL('./tw.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
w.on('message', (m) => { console.log('msg', m); void w.terminate(); }); w.on('error', (e) => console.log('err', e.message));
