import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './checkFile.ts';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';

/** One worker thread of checkPool: receives the plan once, then checks the files it is handed. */
const { np, options } = workerData as { np: NormalizedPlan; options: Parameters<typeof checkFile>[2] };

// One file at a time, in the order received: the pool's time limit is for the file in hand.
let queue = Promise.resolve();
parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
  queue = queue.then(async () => parentPort!.postMessage({ index, result: await checkFile(np, file, options) }));
});
parentPort!.postMessage({ ready: true });
