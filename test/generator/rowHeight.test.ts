import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { cellWidthPt, lineHeightPt, textWidthPt, wrappedLines } from '../../generator/template/rowHeight.ts';
import { tasksForAgency } from '../../core/plan/normalize.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { parsePeriodId } from '../../core/period/period.ts';

const plan = (id: string) => loadPlan(id);
const period = (id: string) => parsePeriodId(id)!;
const makeTemplate = (planId: string, agency: string, periodId: string) => buildTemplate(plan(planId), agency, period(periodId));

/** Issue 9, "A workbook a clerk can read": every row as tall as its wrapped text. */

const QN22 = 'quang-ngai-2022';
const AG = 'SO_TTTT';

function sheetXml(bytes: Uint8Array, n: number): string {
  return strFromU8(unzipSync(bytes)[`xl/worksheets/sheet${n}.xml`]!);
}

function rowHeights(xml: string): Map<number, number> {
  return new Map([...xml.matchAll(/<row r="(\d+)"[^>]*?ht="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]));
}

describe('row height estimate', () => {
  it('measures Times New Roman: Vietnamese letters as wide as their base letters', () => {
    expect(textWidthPt('Triển khai', 12)).toBeCloseTo(textWidthPt('Trien khai', 12), 5);
    expect(textWidthPt('iiii', 12)).toBeLessThan(textWidthPt('mmmm', 12));
    expect(textWidthPt('Sở', 12, true)).toBeGreaterThan(textWidthPt('Sở', 12));
  });

  it('wraps by words and counts explicit line breaks', () => {
    const w = cellWidthPt([20]);
    expect(wrappedLines('Ngắn', w, 12)).toBe(1);
    expect(wrappedLines('một\nhai\nba', w, 12)).toBe(3);
    const long = 'Triển khai thực hiện tích hợp, kết nối và chia sẻ dữ liệu dân cư giữa cơ sở dữ liệu quốc gia về dân cư';
    const lines = wrappedLines(long, w, 12);
    expect(lines).toBeGreaterThanOrEqual(Math.ceil(textWidthPt(long, 12) / w));
    expect(wrappedLines(long, cellWidthPt([55]), 12)).toBeLessThan(lines);
  });
});

describe('agency workbook row heights', () => {
  it('gives every task row the lines its title needs, and drops exceljs\'s dyDescent="55"', async () => {
    const np = plan(QN22);
    const bytes = await makeTemplate(QN22, AG, '2023-01');
    const xml = sheetXml(bytes, 3); // Nhiệm vụ
    expect(xml).not.toContain('x14ac:dyDescent="55"');
    expect(xml).toMatch(/<sheetFormatPr [^>]*x14ac:dyDescent="0.25"/);
    const heights = rowHeights(xml);
    const tasks = tasksForAgency(np, AG);
    tasks.forEach(({ task }, i) => {
      const need = wrappedLines(task.title, cellWidthPt([55]), 12) * lineHeightPt(12);
      expect(heights.get(4 + i), task.id).toBeGreaterThanOrEqual(need);
    });
    // A long title gets several lines, a short one stays small.
    const longest = tasks.reduce((a, b) => (b.task.title.length > a.task.title.length ? b : a));
    expect(heights.get(4 + tasks.indexOf(longest))!).toBeGreaterThan(4 * lineHeightPt(12));
    // The instructions sheet wraps too: its longest line is taller than one line.
    expect(Math.max(...rowHeights(sheetXml(bytes, 1)).values())).toBeGreaterThan(2 * lineHeightPt(12));
  });

  it('grows a row when the clerk writes a long result', async () => {
    const np = plan(QN22);
    const bytes = await makeTemplate(QN22, AG, '2023-01');
    const first = tasksForAgency(np, AG)[0]!.task.id;
    const result = 'Đã tổ chức hội nghị quán triệt, ban hành văn bản hướng dẫn, kiểm tra tiến độ tại các đơn vị trực thuộc. '.repeat(6);
    const filled = await fillWorkbook(bytes, { tasks: { [first]: { result } } });
    expect(rowHeights(sheetXml(filled, 3)).get(4)!).toBeGreaterThanOrEqual(wrappedLines(result, cellWidthPt([45]), 12) * lineHeightPt(12));
  });
});

const hasLibreOffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0 && spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

/** Words whose boxes cover each other by more than 40 % of a line: text running into the next row. */
function overlappingWords(bboxHtml: string): number {
  let count = 0;
  for (const page of bboxHtml.split('<page ').slice(1)) {
    const words = [...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number) as [number, number, number, number]);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const [a, b] = [words[i]!, words[j]!];
        const h = Math.min(a[3] - a[1], b[3] - b[1]);
        if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0.4 * h) count++;
      }
    }
  }
  return count;
}

describe.skipIf(!hasLibreOffice)('rendered by LibreOffice', () => {
  it('prints blank and filled workbooks with no line running into another', async () => {
    const np = plan(QN22);
    const dir = mkdtempSync(join(tmpdir(), 'da06-rows-'));
    const blank = await makeTemplate(QN22, AG, '2023-01');
    writeFileSync(join(dir, 'blank.xlsx'), blank);
    writeFileSync(join(dir, 'filled.xlsx'), await fillWorkbook(blank, validFilling(np, AG, period('2023-01'), { reportDate: '2023-01-12' })));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'blank.xlsx'), join(dir, 'filled.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    for (const name of ['blank', 'filled']) {
      execFileSync('pdftotext', ['-bbox', join(dir, `${name}.pdf`), join(dir, `${name}.html`)]);
      const html = readFileSync(join(dir, `${name}.html`), 'utf8');
      expect(html, name).toContain('Triển'); // the task titles are on the pages
      expect(overlappingWords(html), name).toBe(0);
    }
  }, 180_000);
});
