import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GroupSummary } from '../../core/report/schema.ts';
import { CHART_FONT, chartFontOptions, renderTaskStatusChart } from '../../generator/report/chart.ts';

/** The chart's PNG depends on the report only: its font comes from an npm package, never from the machine. */

const root = fileURLToPath(new URL('../../', import.meta.url));

const group = (code: string, name: string, done: number, inProgress: number, notStarted: number, noReport: number): GroupSummary =>
  ({ code, name, total: done + inProgress + notStarted + noReport, done, inProgress, notStarted, noReport, overdue: 0 }) as GroupSummary;

const GROUPS: GroupSummary[] = [
  group('DVC', 'Phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến', 3, 2, 1, 1),
  group('KTXH', 'Phục vụ phát triển kinh tế, xã hội', 1, 1, 0, 2),
  group('CDS', 'Phục vụ phát triển công dân số', 0, 1, 1, 0),
];

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

// Drawn with Noto Serif 400/700 from @expo-google-fonts/noto-serif 0.4.2 by @resvg/resvg-js 2.6.2.
const EXPECTED_SHA256 = 'a7da1d1b9cc1b2b402877bd05dc30d3fdc561940c5cb81fcde06edd8ab5c83c3';

describe('the chart font', () => {
  it('is loaded from the npm package by path; system fonts are never loaded', () => {
    const options = chartFontOptions();
    expect(options.loadSystemFonts).toBe(false);
    expect(options.fontDirs).toBeUndefined();
    expect(options.fontFiles).toHaveLength(2);
    for (const f of options.fontFiles!) expect(f.startsWith(join(root, 'node_modules/@expo-google-fonts/noto-serif/'))).toBe(true);
    for (const family of [options.defaultFontFamily, options.serifFamily, options.sansSerifFamily]) expect(family).toBe(CHART_FONT.family);
    expect(renderTaskStatusChart(GROUPS).font).toBe('Noto Serif');
  });

  it('gives the same bytes on every machine (a fixed digest)', () => {
    expect(sha256(renderTaskStatusChart(GROUPS).png)).toBe(EXPECTED_SHA256);
  });

  const canHideFonts = spawnSync('unshare', ['--mount', 'sh', '-c', 'mount -t tmpfs none /usr/share/fonts'], { stdio: 'ignore' }).status === 0;
  it.runIf(canHideFonts)('gives the same bytes when the system has no fonts at all', () => {
    const script = [
      `import { createHash } from 'node:crypto';`,
      `import { readdirSync } from 'node:fs';`,
      `import { renderTaskStatusChart } from '${root}generator/report/chart.ts';`,
      `if (readdirSync('/usr/share/fonts').length !== 0) throw new Error('fonts still visible');`,
      `process.stdout.write(createHash('sha256').update(renderTaskStatusChart(${JSON.stringify(GROUPS)}).png).digest('hex'));`,
    ].join('\n');
    const hidden = execFileSync('unshare', ['--mount', 'sh', '-c', 'mount -t tmpfs none /usr/share/fonts && exec npx tsx --input-type=module -e "$0"', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(hidden).toBe(sha256(renderTaskStatusChart(GROUPS).png));
  }, 60_000);
});
