/** Types of scripts/run.mjs, for the tests that import it. */
export function runAndExit(entryUrl: string, argv: string[], name?: string): Promise<never>;
