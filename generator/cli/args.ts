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
