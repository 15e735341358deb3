import { acquireLock, writeOutputSet, type OutputFile } from '../../generator/output/outputSet.ts';

/**
 * Child process of test/generator/outputSet.test.ts: takes the output folder's lock and writes a
 * set, stopping for good at the step named (it prints "at STEP" and waits to be killed -9).
 * Usage: node --import tsx outputSetChild.ts DIR TAG STOP_AT [WITH_NOTES]
 */
const [dir, tag, stopAt, withNotes] = process.argv.slice(2) as [string, string, string, string | undefined];
const files: OutputFile[] = [
  { name: 'bao-cao.docx', data: `docx ${tag}`.repeat(20_000) },
  { name: 'bao-cao.xlsx', data: `xlsx ${tag}` },
  { name: 'bao-cao.json', data: `json ${tag}` },
  ...(withNotes === 'notes' ? [{ name: 'phan-hoi-2023-01/a.txt', data: `note ${tag}` }] : []),
];
acquireLock(dir);
let moves = 0;
writeOutputSet(dir, 'bao-cao', files, ['bao-cao.docx', 'bao-cao.xlsx', 'bao-cao.json', 'phan-hoi-2023-01'], (step) => {
  const here = step === 'moved-one' ? `moved-${++moves}` : step;
  if (here !== stopAt) return;
  process.stdout.write(`at ${here}\n`);
  // Wait here until killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
process.stdout.write('done\n');
