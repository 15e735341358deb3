// Runs one command from its esbuild bundle: `node scripts/cli.mjs report --period 2023-01`.
// The bundle is rebuilt first only when the sources changed (scripts/build.mjs).
// Exits once the command has returned, even if a worker thread is stuck (scripts/run.mjs).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, ENTRIES, ROOT, ensureBuilt } from './build.mjs';
import { runAndExit } from './run.mjs';

const [command, ...argv] = process.argv.slice(2);
if (!command || !(command in ENTRIES) || command === 'check-worker') {
  console.error(`Lệnh không hợp lệ: "${command ?? ''}". Các lệnh: report, validate, template, samples, plan.`);
  process.exit(2);
}
let entry = pathToFileURL(join(BUILD_DIR, `${command}.mjs`)).href;
try {
  await ensureBuilt();
} catch {
  // build/ not writable (another user, a read-only checkout): run the sources through tsx, slower but current.
  const { register } = await import('tsx/esm/api');
  register();
  entry = pathToFileURL(join(ROOT, ENTRIES[command])).href;
}
// A command written to run on import reads its arguments from process.argv, as when run directly.
process.argv.splice(2, 1);
await runAndExit(entry, argv, `npm run ${command}`);
