// Builds the command-line tools and the report's worker once, with esbuild, into build/cli/, so
// that no command transpiles TypeScript when it runs. Plain JavaScript on purpose: this file runs
// before anything is built. `npm ci` runs it through `prepare`; scripts/cli.mjs runs it again when
// the sources changed since (the bundle records a hash of every source file it was made from).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Two levels below the root, like the sources: `new URL('../..', import.meta.url)` is the root in both. */
export const BUILD_DIR = join(ROOT, 'build', 'cli');
const MANIFEST = 'manifest.json';

/** Entry points: the five commands and the worker thread of the report. */
export const ENTRIES = {
  report: 'generator/cli/report.ts',
  validate: 'generator/cli/validate.ts',
  template: 'generator/cli/template.ts',
  samples: 'generator/cli/samples.ts',
  plan: 'generator/cli/plan.ts',
  'check-worker': 'generator/intake/checkWorker.ts',
};

/** Hash of the build recipe and of the given source files (paths relative to the root). */
function sourceHash(inputs) {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of inputs) {
    h.update(`\0${f}\0`);
    try {
      h.update(readFileSync(join(ROOT, f)));
    } catch {
      h.update('\0missing');
    }
  }
  return h.digest('hex');
}

/** Whether build/cli/ was made from the sources as they are now. */
export function isFresh(dir = BUILD_DIR) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return false;
  }
  return Object.keys(ENTRIES).every((e) => existsSync(join(dir, `${e}.mjs`))) && sourceHash(manifest.inputs) === manifest.hash;
}

/** Builds every entry into a fresh folder, then moves its files into build/cli/. */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const tmp = join(ROOT, 'build', `.cli-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES)),
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules')).sort();
  writeFileSync(join(tmp, MANIFEST), JSON.stringify({ hash: sourceHash(inputs), inputs }, null, 1));
  // Moved in file by file, chunks first and the manifest last. Chunk names carry a hash of their
  // content, so a command still running from the previous build finds the chunks it loads later.
  mkdirSync(BUILD_DIR, { recursive: true });
  const fresh = readdirSync(tmp).sort((a, b) => rank(a) - rank(b));
  for (const f of fresh) renameSync(join(tmp, f), join(BUILD_DIR, f));
  rmSync(tmp, { recursive: true, force: true });
  // Chunks of earlier builds, once no run can still need them.
  for (const f of readdirSync(BUILD_DIR)) {
    if (f.startsWith('chunk-') && !fresh.includes(f) && Date.now() - statSync(join(BUILD_DIR, f)).mtimeMs > 3_600_000) rmSync(join(BUILD_DIR, f), { force: true });
  }
}

/** Order of moving files into place: chunks, then entries, then the manifest that marks the build done. */
const rank = (name) => (name.startsWith('chunk-') ? 0 : name === MANIFEST ? 2 : 1);

/** Builds when build/cli/ is missing or stale. */
export async function ensureBuilt() {
  if (!isFresh()) await build();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
