import { parentPort } from 'node:worker_threads'; const x: number = await Promise.resolve(1); parentPort!.postMessage(x);
