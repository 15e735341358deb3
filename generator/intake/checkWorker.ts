import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './checkFile.ts';
import { loadPlan } from '../plan/loadPlan.ts';

/** One worker thread of checkPool: loads the plan once, then checks the files it is handed. */
const { planId, options } = workerData as { planId: string; options: Parameters<typeof checkFile>[2] };
const np = loadPlan(planId);

parentPort!.on('message', async ({ index, file }: { index: number; file: string }) => {
  parentPort!.postMessage({ index, result: await checkFile(np, file, options) });
});
parentPort!.postMessage({ ready: true });
