import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './checkFile.ts';
import { loadPlan } from '../plan/loadPlan.ts';

/** One worker thread of checkPool: loads the plan once, then checks the files it is handed. */
const { planId, options } = workerData as { planId: string; options: Parameters<typeof checkFile>[2] };
const np = loadPlan(planId);

// One file at a time, in the order received: the pool's time limit is for the file in hand.
let queue = Promise.resolve();
parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
  queue = queue.then(async () => parentPort!.postMessage({ index, result: await checkFile(np, file, options) }));
});
parentPort!.postMessage({ ready: true });
