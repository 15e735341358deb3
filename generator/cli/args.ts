import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A tiny parser for the command-line contract: --flag, --option value, --option=value, positionals. */
export interface ParsedArgs {
  flags: Record<string, boolean>;
  options: Record<string, string>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: { flags: string[]; options: string[] }): ParsedArgs | { error: string } {
  const out: ParsedArgs = { flags: {}, options: {}, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags.includes(name)) {
      out.flags[name] = true;
    } else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return { error: `Thiếu giá trị cho --${name}` };
      out.options[name] = value;
    } else {
      return { error: `Tùy chọn không hợp lệ: ${arg}` };
    }
  }
  return out;
}

/**
 * Whether a command's module is the process's entry (`tsx generator/cli/report.ts`), rather than
 * imported by scripts/cli.mjs or a test, which call its `main(argv)` themselves.
 */
export function isEntry(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return !!entry && moduleUrl === pathToFileURL(resolve(entry)).href;
}
