import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import type { ValidateOptions } from '../../core/validation/validate.ts';
import { checkFile, unreadable, type FileCheck } from './checkFile.ts';
import { readSubmission, type ReadSubmission } from './readSubmission.ts';
import { loadPlan, REPO_ROOT } from '../plan/loadPlan.ts';
import { writeFileAtomic } from '../output/atomicWrite.ts';

/** Per-file time limit: a file that takes longer is reported unreadable and its worker replaced. */
export const FILE_TIME_LIMIT_MS = 20_000;

/**
 * Folder size from which worker threads pay on a 2-core machine. Measured with the streaming reader
 * (samples of 2023-01 repeated; best of 3; main thread vs 2 workers with this thread helping):
 * 256 files 0.7 s vs 1.3 s, 1 024 files 2.6 s vs 5.0 s, 2 048 files 4.8 s vs 6.9 s, 4 096 files
 * 17.3 s vs 16.6 s (machine loaded, load average 10-17); again at load 7: 256 files 0.42 s vs 1.19 s,
 * 1 024 files 1.49 s vs 2.71 s, 2 048 files 2.96 s vs 4.12 s. A file takes 1.5-2 ms in this thread; a
 * worker ~0.8 s to load and receive the plan, and each result is copied back to this thread.
 * Again after zlib inflating and reading ahead (perf, load average 1.3-2.2), this thread checking
 * alongside the workers: 1 055 files, the built report, best of 3: no worker 3.45 s, one 3.91 s, two
 * 4.60 s (a worker adds ~2 s of CPU); checkFiles alone at 4 220 files: none 8.0 s, one 5.8 s, two 7.2 s.
 * Hence one worker fewer than the cores (this thread is the other), and only for large folders.
 */
export const WORKERS_FROM = 4000;

/** Files read ahead of the one being checked in this thread (each at most ZIP_LIMITS.maxFileBytes). */
const READ_AHEAD = 2;

/** Files handed to a worker ahead, so that it never waits for this thread between two files. */
const IN_FLIGHT = 2;

export interface PoolOptions extends ValidateOptions {
  /** Worker threads to use; 0 checks in this thread only. Default: cores − 1 from WORKERS_FROM files on. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Per-file time limit, in a worker or in this thread (default FILE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** Whether this thread checks files alongside the workers, from before they load (default true). */
  assist?: boolean;
}

const WORKER_SOURCE = fileURLToPath(new URL('./checkWorker.ts', import.meta.url));
/** Built beside the commands by scripts/build.mjs: present when this module runs from that bundle. */
const PREBUILT = fileURLToPath(new URL('./check-worker.mjs', import.meta.url));
const BUNDLE = join(REPO_ROOT, 'node_modules', '.cache', 'da06', 'check-worker.mjs');
let workerEntry: { code: string; eval: boolean } | undefined;

/**
 * The worker's code. The commands run from an esbuild bundle that includes the worker. Run from the
 * TypeScript sources (tests), the worker is bundled once per process next to node_modules, where
 * its package imports resolve; if that fails, workers load the sources through tsx.
 */
async function workerCode(): Promise<{ code: string; eval: boolean }> {
  if (workerEntry) return workerEntry;
  if (import.meta.url.endsWith('.mjs') && existsSync(PREBUILT)) return (workerEntry = { code: PREBUILT, eval: false });
  try {
    // Loaded only here: the commands never need it.
    const { buildSync } = await import('esbuild');
    const built = buildSync({ entryPoints: [WORKER_SOURCE], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
    writeFileAtomic(BUNDLE, built.outputFiles[0]!.contents);
    workerEntry = { code: BUNDLE, eval: false };
  } catch {
    const url = pathToFileURL(WORKER_SOURCE).href;
    workerEntry = { code: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`, eval: true };
  }
  return workerEntry;
}

const overTime = (ms: number): string => `Đọc tệp quá ${Math.max(1, Math.round(ms / 1000))} giây, đã dừng. Tệp có thể bị hỏng hoặc quá lớn.`;

/**
 * Checks one file in this thread under the same time limit as in a worker. This thread cannot stop
 * a check that never yields (the reader bounds its own work for that); a check that yields is
 * abandoned at the limit, and one that returns late is reported as over time all the same, so the
 * verdict does not depend on which thread took the file.
 */
async function checkHere(np: NormalizedPlan, file: string, options: ValidateOptions, timeLimitMs: number, reading?: Promise<ReadSubmission>): Promise<FileCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FileCheck>((resolve) => {
    timer = setTimeout(() => resolve(unreadable(file, '', overTime(timeLimitMs))), timeLimitMs);
  });
  const result = await Promise.race([checkFile(np, file, options, reading), late]);
  clearTimeout(timer);
  return performance.now() - started > timeLimitMs ? unreadable(file, result.mtime, overTime(timeLimitMs)) : result;
}

/**
 * Checks many files, in parallel on all cores: reading an xlsx is CPU-bound, so worker threads
 * each take the next file from a shared queue. Results come back in input order.
 */
export async function checkFiles(plan: NormalizedPlan | string, files: string[], options: PoolOptions = {}): Promise<FileCheck[]> {
  const { workers: wanted, onProgress, timeLimitMs = FILE_TIME_LIMIT_MS, assist = true, ...validateOptions } = options;
  const workerCount = Math.min(wanted ?? (files.length >= WORKERS_FROM ? Math.max(1, availableParallelism() - 1) : 0), files.length);
  const results: FileCheck[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, r: FileCheck): void => {
    results[i] = r;
    onProgress?.(++done, files.length);
  };
  // The loaded plan itself, not its id: a plan given as a path (--plan dir/plan.yaml) has no id to reload.
  const np = typeof plan === 'string' ? loadPlan(plan) : plan;
  if (workerCount === 0) {
    // The next files are read while this one is checked, so that this thread does not wait for the disk.
    const ahead = files.slice(0, READ_AHEAD).map((f) => readSubmission(f));
    for (const [i, f] of files.entries()) {
      const reading = ahead.shift();
      if (i + READ_AHEAD < files.length) ahead.push(readSubmission(files[i + READ_AHEAD]!));
      finish(i, await checkHere(np, f, validateOptions, timeLimitMs, reading));
    }
    return results;
  }
  let next = 0;
  /** Files handed back by a worker that was replaced, checked again first. */
  const retry: number[] = [];
  const take = (): number | undefined => (retry.length ? retry.shift() : next < files.length ? next++ : undefined);
  const entry = await workerCode();
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(entry.code, { eval: entry.eval, workerData: { np, options: validateOptions } });
      // Files sent and not yet answered, in the order the worker checks them (one at a time).
      const inFlight: number[] = [];
      let timer: NodeJS.Timeout | undefined;
      const replace = (reason: string): void => {
        clearTimeout(timer);
        const stuck = inFlight.shift()!;
        finish(stuck, unreadable(files[stuck]!, '', reason));
        retry.unshift(...inFlight.splice(0));
        void worker.terminate();
        runWorker().then(resolve, reject);
      };
      // The time limit runs for the file the worker is on, from when it started on it.
      const arm = (): void => {
        clearTimeout(timer);
        if (inFlight.length) timer = setTimeout(() => replace(overTime(timeLimitMs)), timeLimitMs);
      };
      const fill = (): void => {
        while (inFlight.length < IN_FLIGHT) {
          const i = take();
          if (i === undefined) break;
          inFlight.push(i);
          worker.postMessage({ index: i, file: files[i] });
        }
        if (inFlight.length === 0) {
          clearTimeout(timer);
          void worker.terminate();
          resolve();
        }
      };
      worker.on('message', (msg: { ready: true } | { index: number; result: FileCheck }) => {
        if (!('ready' in msg)) {
          inFlight.splice(inFlight.indexOf(msg.index), 1);
          finish(msg.index, msg.result);
        }
        fill();
        arm();
      });
      worker.on('error', (e) => {
        if (inFlight.length) replace('Không đọc được tệp (lỗi khi xử lý).');
        else reject(e);
      });
    });
  // This thread checks files too, while the workers load and after: on 2 cores, one worker and this
  // thread keep both busy.
  const alongside = async (): Promise<void> => {
    if (!assist) return;
    for (let i = take(); i !== undefined; i = take()) {
      finish(i, await checkHere(np, files[i]!, validateOptions, timeLimitMs));
    }
  };
  await Promise.all([...Array.from({ length: workerCount }, runWorker), alongside()]);
  return results;
}
