import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/** Running the commands: in this process through their `main(argv)`, or as users do, through the built launcher. */

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Calls a command's main(argv) here, capturing what it prints. */
export async function runMain(main: (argv: string[]) => number | Promise<number>, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const line = (sink: string[]) => (...a: unknown[]) => void sink.push(`${a.map(String).join(' ')}\n`);
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(line(out)),
    vi.spyOn(console, 'error').mockImplementation(line(err)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true)),
  ];
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

/**
 * Runs `node scripts/cli.mjs COMMAND ARGS…` (what `npm run COMMAND` runs), optionally under a shell
 * prefix such as `ulimit -f 64;` or as another user (`setpriv …`).
 */
export function runCli(command: string, args: string[], options: { shell?: string; prefix?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  const node = [...(options.prefix ?? []), process.execPath, join(REPO, 'scripts', 'cli.mjs'), command, ...args];
  const [file, argv] = options.shell ? ['bash', ['-c', `${options.shell} exec "$@"`, 'bash', ...node]] : [node[0]!, node.slice(1)];
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd: REPO, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 120_000 });
    // Whole buffers, decoded once: a chunk may end inside a Vietnamese letter.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
