/** Types of scripts/build.mjs, for the tests that import it. */
export const ROOT: string;
export const BUILD_DIR: string;
export const ENTRIES: Record<'report' | 'validate' | 'template' | 'samples' | 'plan' | 'check-worker', string>;
export function isFresh(dir?: string): boolean;
export function build(): Promise<void>;
export function ensureBuilt(): Promise<void>;
