import { createRequire } from 'node:module';
import { TASK_STATUS_LABEL } from '../../core/report/labels.ts';
import { Resvg, renderAsync, type RenderedImage, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { GroupSummary } from '../../core/report/schema.ts';

/**
 * The report's one chart: status of the tasks of each group, as stacked horizontal bars. Drawn as
 * SVG by hand and rendered to PNG by resvg with the font files of an npm package (never the
 * system's fonts), so the same report gives the same bytes on every machine.
 */

export interface ChartImage {
  png: Uint8Array;
  /** Size on the page, in pixels at 96 to the inch. */
  width: number;
  height: number;
  /** The font family the labels were drawn with. */
  font: string;
}

/**
 * The chart's font ships with the package, never found on the machine: Noto Serif (OFL-1.1, full
 * Vietnamese coverage) from the npm package @expo-google-fonts/noto-serif, pinned to one version so
 * that the same report gives the same PNG bytes on Linux, Windows and macOS.
 */
export const CHART_FONT = {
  family: 'Noto Serif',
  files: ['@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf', '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'],
} as const;

let fontPaths: string[] | undefined;
/** The font files' paths, resolved from the installed package (not a system directory). */
export function chartFontFiles(): string[] {
  fontPaths ??= CHART_FONT.files.map((f) => createRequire(import.meta.url).resolve(f));
  return fontPaths;
}

/** resvg's font options: the packaged files only; the system's fonts are never loaded. */
export function chartFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  return { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT.family, serifFamily: CHART_FONT.family, sansSerifFamily: CHART_FONT.family };
}

const SERIES = [
  { key: 'done', label: TASK_STATUS_LABEL.done, fill: '#1f4e79', text: '#ffffff' },
  { key: 'inProgress', label: TASK_STATUS_LABEL.inProgress, fill: '#5b9bd5', text: '#000000' },
  { key: 'notStarted', label: TASK_STATUS_LABEL.notStarted, fill: '#bdd7ee', text: '#000000' },
  { key: 'noReport', label: TASK_STATUS_LABEL.noReport, fill: '#ffffff', text: '#000000' },
] as const;

const WIDTH = 600;
const LABEL_WIDTH = 215;
/** Characters per label line: Noto Serif at 12 px averages about 6,5 px a character, so 32 stay within LABEL_WIDTH. */
const LABEL_CHARS = 32;
const BAR_LEFT = LABEL_WIDTH + 10;
const BAR_RIGHT = WIDTH - 40;
const FONT_SIZE = 12;
const LINE_HEIGHT = 14;
const BAR_HEIGHT = 18;
const ROW_GAP = 10;
const ZOOM = 3;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits a label into at most `maxLines` lines of about `perLine` characters, with an ellipsis when cut. */
export function wrapLabel(text: string, perLine: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    if (current && (current + ' ' + w).length > perLine) {
      lines.push(current);
      current = w;
    } else current = current ? `${current} ${w}` : w;
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1)}…`;
    return kept;
  }
  return lines;
}

/** The chart as SVG text (exported for tests). */
export function taskStatusSvg(groups: readonly GroupSummary[], fontFamily: string): string {
  const max = Math.max(1, ...groups.map((g) => g.total));
  const scale = (BAR_RIGHT - BAR_LEFT) / max;
  const parts: string[] = [];
  let y = 10;
  for (const g of groups) {
    const lines = wrapLabel(g.name, LABEL_CHARS, 3);
    const rowHeight = Math.max(BAR_HEIGHT, lines.length * LINE_HEIGHT);
    const barY = y + (rowHeight - BAR_HEIGHT) / 2;
    const textTop = y + (rowHeight - lines.length * LINE_HEIGHT) / 2 + FONT_SIZE - 1;
    lines.forEach((line, i) => {
      parts.push(`<text x="${LABEL_WIDTH}" y="${textTop + i * LINE_HEIGHT}" text-anchor="end">${escapeXml(line)}</text>`);
    });
    let x = BAR_LEFT;
    for (const s of SERIES) {
      const n = g[s.key];
      if (n <= 0) continue;
      const w = n * scale;
      parts.push(`<rect x="${x.toFixed(2)}" y="${barY}" width="${w.toFixed(2)}" height="${BAR_HEIGHT}" fill="${s.fill}" stroke="#1f4e79" stroke-width="0.6"/>`);
      if (w >= 14) {
        parts.push(`<text x="${(x + w / 2).toFixed(2)}" y="${barY + BAR_HEIGHT / 2 + 4}" text-anchor="middle" fill="${s.text}" font-size="11">${n}</text>`);
      }
      x += w;
    }
    parts.push(`<text x="${(x + 5).toFixed(2)}" y="${barY + BAR_HEIGHT / 2 + 4}" font-weight="bold" font-size="11">${g.total}</text>`);
    y += rowHeight + ROW_GAP;
  }
  // axis line
  parts.push(`<line x1="${BAR_LEFT}" y1="4" x2="${BAR_LEFT}" y2="${y - ROW_GAP / 2}" stroke="#000000" stroke-width="0.8"/>`);
  // legend
  y += 6;
  let lx = BAR_LEFT - 150;
  for (const s of SERIES) {
    parts.push(`<rect x="${lx}" y="${y}" width="12" height="12" fill="${s.fill}" stroke="#1f4e79" stroke-width="0.6"/>`);
    parts.push(`<text x="${lx + 16}" y="${y + 10}" font-size="11">${escapeXml(s.label)}</text>`);
    lx += 26 + s.label.length * 5.6;
  }
  const height = Math.ceil(y + 22);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="${escapeXml(fontFamily)}" font-size="${FONT_SIZE}" fill="#000000">`,
    ...parts,
    '</g>',
    '</svg>',
  ].join('\n');
}

function renderOptions(): ResvgRenderOptions {
  return { font: chartFontOptions(), fitTo: { mode: 'zoom', value: ZOOM }, background: '#ffffff', logLevel: 'off' };
}

function toChartImage(rendered: RenderedImage): ChartImage {
  return { png: new Uint8Array(rendered.asPng()), width: rendered.width / ZOOM, height: rendered.height / ZOOM, font: CHART_FONT.family };
}

/** Status of tasks by group, as a PNG three times the size it is shown at. */
export function renderTaskStatusChart(groups: readonly GroupSummary[]): ChartImage {
  return toChartImage(new Resvg(taskStatusSvg(groups, CHART_FONT.family), renderOptions()).render());
}

/**
 * The same chart, the same bytes, with the font loading and drawing done on another thread, so that
 * the DOCX writer builds the document meanwhile.
 */
export async function renderTaskStatusChartAsync(groups: readonly GroupSummary[]): Promise<ChartImage> {
  return toChartImage(await renderAsync(taskStatusSvg(groups, CHART_FONT.family), renderOptions()));
}
