/// <reference types="vite/client" />
import type { PlanTexts } from './runCheck.ts';

/**
 * The plans bundled into the page as raw YAML text at build time (no network at run time). Parsed
 * only when a workbook names one, by runCheck.
 */
const files = import.meta.glob('../../../plans/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUNDLED_PLANS: PlanTexts = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);
