import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidateOptions } from '../../core/validation/validate.ts';
import { checkFile, unreadable, type FileCheck } from './checkFile.ts';
import { loadPlan } from '../plan/loadPlan.ts';

/** Per-file time limit: a file that takes longer is reported unreadable and its worker replaced. */
export const FILE_TIME_LIMIT_MS = 20_000;

export interface PoolOptions extends ValidateOptions {
  /** Worker threads to use; 0 checks in this thread. Default: one per core when there are enough files to repay the workers' start-up (about 2 s). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const WORKER_URL = new URL('./checkWorker.ts', import.meta.url).href;
/** Workers load TypeScript through tsx's loader, registered before the worker module is imported. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); });`;

/**
 * Checks many files, in parallel on all cores: reading an xlsx is CPU-bound, so worker threads
 * each take the next file from a shared queue. Results come back in input order.
 */
export async function checkFiles(planId: string, files: string[], options: PoolOptions = {}): Promise<FileCheck[]> {
  const { workers: wanted, onProgress, ...validateOptions } = options;
  const workerCount = Math.min(wanted ?? (files.length >= 64 ? availableParallelism() : 0), files.length);
  const results: FileCheck[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, r: FileCheck): void => {
    results[i] = r;
    onProgress?.(++done, files.length);
  };
  if (workerCount === 0) {
    const np = loadPlan(planId);
    for (const [i, f] of files.entries()) finish(i, await checkFile(np, f, validateOptions));
    return results;
  }
  let next = 0;
  let ready = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { planId, options: validateOptions } });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const feed = (): void => {
        if (next >= files.length) {
          void worker.terminate();
          resolve();
          return;
        }
        current = next++;
        timer = setTimeout(() => {
          // The file hangs the reader: report it, replace the worker, go on with the rest.
          finish(current, unreadable(files[current]!, '', `Đọc tệp quá ${FILE_TIME_LIMIT_MS / 1000} giây, đã dừng. Tệp có thể bị hỏng hoặc quá lớn.`));
          current = -1;
          void worker.terminate();
          runWorker().then(resolve, reject);
        }, FILE_TIME_LIMIT_MS);
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on('message', (msg: { ready: true } | { index: number; result: FileCheck }) => {
        if ('ready' in msg) {
          ready++;
          feed();
          return;
        }
        clearTimeout(timer);
        finish(msg.index, msg.result);
        feed();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        if (current >= 0) {
          finish(current, unreadable(files[current]!, '', 'Không đọc được tệp (lỗi khi xử lý).'));
          runWorker().then(resolve, reject);
        } else reject(e);
      });
    });
  // Workers take a second or two to load; this thread checks files until they are all ready.
  const whileWorkersStart = async (): Promise<void> => {
    const np = loadPlan(planId);
    while (ready < workerCount && next < files.length) {
      const i = next++;
      finish(i, await checkFile(np, files[i]!, validateOptions));
    }
  };
  await Promise.all([...Array.from({ length: workerCount }, runWorker), whileWorkersStart()]);
  return results;
}
