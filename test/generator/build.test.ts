import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { BUILD_DIR, ENTRIES, ensureBuilt } from '../../scripts/build.mjs';
import { REPO } from '../helpers/cli.ts';

/**
 * Issue 11.3: the commands run from an esbuild bundle made once (at `npm ci` through `prepare`, or
 * on the first run when the sources changed), never by transpiling TypeScript when they run.
 */

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the built commands', () => {
  it('npm run report, validate, template, samples and plan start the launcher, not tsx; prepare builds', () => {
    for (const c of ['report', 'validate', 'template', 'samples', 'plan']) expect(pkg.scripts[c]).toBe(`node scripts/cli.mjs ${c}`);
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs');
  });

  it('the bundle has every command and the worker', async () => {
    await ensureBuilt();
    const files = readdirSync(BUILD_DIR);
    for (const e of Object.keys(ENTRIES)) expect(files).toContain(`${e}.mjs`);
  });

  it('npm run report runs without loading tsx or any TypeScript file', async () => {
    await ensureBuilt();
    // A module-resolution hook that refuses tsx and every .ts file: the run must not need them.
    const hooks = `export async function resolve(specifier, context, next) {
      if (/(^|\\/)tsx(\\/|$)|\\.ts$/.test(specifier)) throw new Error('TypeScript loaded at run time: ' + specifier);
      return next(specifier, context);
    }`;
    const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
    const out = join(tmpdir(), `da06-build-${process.pid}`, 'bao-cao.docx');
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(REPO, 'scripts', 'cli.mjs'), 'report', '--out', out], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    rmSync(dirname(out), { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/BÁO CÁO ĐỀ ÁN 06/);
    // The hook itself works: loading a .ts file under it fails.
    const bad = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--import', 'tsx', join(REPO, 'generator', 'cli', 'plan.ts')], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/TypeScript loaded at run time/);
  }, 150_000);

  it('the bundle records the sources it was made from, so that a change to any of them rebuilds it', async () => {
    await ensureBuilt();
    const manifest = JSON.parse(readFileSync(join(BUILD_DIR, 'manifest.json'), 'utf8')) as { hash: string; inputs: string[] };
    expect(manifest.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const f of ['generator/cli/report.ts', 'generator/intake/checkWorker.ts', 'core/validation/validate.ts', 'xlsx/bytesToModel.ts']) expect(manifest.inputs).toContain(f);
    expect(manifest.inputs.some((f) => f.includes('node_modules'))).toBe(false);
  });
});

describe('the launcher', () => {
  const fixture = pathToFileURL(join(REPO, 'test', 'hostile', 'stuckWorkerCommand.mjs')).href;
  const run = pathToFileURL(join(REPO, 'scripts', 'run.mjs')).href;

  it('ends the process once the command has returned, even with a worker thread stuck', () => {
    // Without the launcher the stuck worker keeps the process alive: it is killed by the timeout.
    const alone = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(fixture)}); process.exitCode = m.main([]);`], { encoding: 'utf8', timeout: 4_000 });
    expect(alone.signal).toBe('SIGTERM');
    const launched = spawnSync(process.execPath, ['--input-type=module', '-e', `const { runAndExit } = await import(${JSON.stringify(run)}); await runAndExit(${JSON.stringify(fixture)}, []);`], { encoding: 'utf8', timeout: 30_000 });
    expect(launched.signal).toBeNull();
    expect(launched.status).toBe(0);
    expect(launched.stdout).toBe('đã ghi\n');
  }, 60_000);

  it('a large output to a slow pipe is written whole before the process ends', async () => {
    const big = 'data:text/javascript,export function main() { process.stdout.write("ă".repeat(1_000_000) + "\\n"); return 0; }';
    const child = spawn(process.execPath, ['--input-type=module', '-e', `const { runAndExit } = await import(${JSON.stringify(run)}); await runAndExit(${JSON.stringify(big)}, []);`]);
    const closed = new Promise((r) => child.on('close', r));
    // Read nothing for a while, so that the pipe fills and the rest of the output waits.
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 1_500));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stdout.resume();
    expect(await closed).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${'ă'.repeat(1_000_000)}\n`);
  }, 60_000);

  it('an unexpected error ends with exit 2 and one Vietnamese line, no stack trace', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const { runAndExit } = await import(${JSON.stringify(run)}); await runAndExit('data:text/javascript,export function main() { throw new TypeError("x is undefined"); }', [], 'npm run report');`], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi ngoài dự kiến khi chạy npm run report: x is undefined\./);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('an unknown command: exit 2 and the list of commands', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'cli.mjs'), 'bao-cao'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Lệnh không hợp lệ: "bao-cao".*report, validate, template, samples, plan/);
  });
});
