// A command whose main returns while a worker thread it started never ends (test/generator/build.test.ts).
import { Worker } from 'node:worker_threads';

export function main() {
  new Worker('for (;;) {}', { eval: true });
  console.log('đã ghi');
  return 0;
}
