import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { loadPlan, PLANS_DIR } from '../plan/loadPlan.ts';

/**
 * Start-up cache of the built commands: parsing a plan's YAML and compiling the report template
 * take most of the time before the first file is read (about 0.3 s each), and their results depend
 * only on the input bytes and the code. The cache lives beside the bundle (build/cache/), keyed by a
 * hash of both, so any change to either misses it. Run from the TypeScript sources (tests), there is
 * no bundle and nothing is cached.
 */

/** The bundle's manifest: its hash covers every source file of the code. */
const MANIFEST = fileURLToPath(new URL('./manifest.json', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../cache/', import.meta.url));

let codeHash: string | null | undefined;
function buildHash(): string | null {
  if (codeHash !== undefined) return codeHash;
  try {
    codeHash = import.meta.url.endsWith('.mjs') ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { hash: string }).hash : null;
  } catch {
    codeHash = null;
  }
  return codeHash;
}

function key(parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 32);
}

function read(name: string): Buffer | undefined {
  try {
    return readFileSync(join(CACHE_DIR, name));
  } catch {
    return undefined;
  }
}

function write(name: string, data: Uint8Array): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = join(CACHE_DIR, `.${name}.${process.pid}`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(CACHE_DIR, name));
  } catch {
    /* a cache that cannot be written is only slower */
  }
}

/** The bytes a plan argument depends on: the file given, or every plan shipped (for an id). */
function planInputs(idOrPath: string): Uint8Array[] | undefined {
  try {
    if (/\.(ya?ml|xlsx)$/i.test(idOrPath)) return [readFileSync(resolve(idOrPath))];
    return readdirSync(PLANS_DIR)
      .sort()
      .flatMap((n) => [Buffer.from(n), readFileSync(join(PLANS_DIR, n))]);
  } catch {
    return undefined;
  }
}

/** loadPlan, from the cache when the plan and the code are unchanged; errors are never cached. */
export function loadPlanCached(idOrPath: string): NormalizedPlan {
  const code = buildHash();
  const inputs = code ? planInputs(idOrPath) : undefined;
  if (!code || !inputs) return loadPlan(idOrPath);
  const name = `plan-${key([code, idOrPath, ...inputs])}.bin`;
  const hit = read(name);
  if (hit) {
    try {
      return deserialize(hit) as NormalizedPlan;
    } catch {
      /* damaged: load again */
    }
  }
  const np = loadPlan(idOrPath);
  try {
    write(name, serialize(np));
  } catch {
    /* not serializable: never cached */
  }
  return np;
}

/** Runs `check(path)` unless this template's bytes already passed it with this code. */
export async function checkTemplateCached(path: string, check: (path: string) => Promise<void>): Promise<void> {
  const code = buildHash();
  let text: Buffer | undefined;
  try {
    text = readFileSync(path);
  } catch {
    text = undefined;
  }
  if (!code || !text) return check(path);
  const name = `template-ok-${key([code, text])}`;
  if (read(name)) return;
  await check(path);
  write(name, new Uint8Array());
}
