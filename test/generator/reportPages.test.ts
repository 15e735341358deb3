import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriodId } from '../../core/period/period.ts';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { loadPlan, REPO_ROOT } from '../../generator/plan/loadPlan.ts';
import { DEFAULT_TEMPLATE, renderTemplate } from '../../generator/report/renderTemplate.ts';
import { runReport } from '../../generator/report/runReport.ts';
import { writeReportDocx } from '../../generator/report/writeDocx.ts';
import { describeTable } from '../../generator/report/reportTables.ts';

/**
 * Issue 10, "Concise": the body of the report (everything before Phụ lục I) fits a page budget per
 * demo when LibreOffice renders it on A4. Monthly and half-year demos get their former body length
 * × 8/17 (the Quảng Ngãi 2022 monthly report went from 17 pages to at most 8), rounded up;
 * roll-ups of the default plan may be a little longer. The appendices may not grow beyond what
 * they were (plus two pages for layout changes).
 */
interface Demo {
  plan: string;
  period: string;
  /** Body and appendix pages before this change (LibreOffice 7, A4), for the record. */
  before: [number, number];
  budget: { body: number; appendices: number };
}

const DEMOS: Demo[] = [
  { plan: 'quang-ngai-2022', period: '2023-01', before: [17, 13], budget: { body: 8, appendices: 15 } },
  { plan: 'can-tho-2022', period: '2023-H1', before: [15, 12], budget: { body: 8, appendices: 14 } },
  { plan: 'hai-duong-2023', period: '2024-01', before: [8, 8], budget: { body: 4, appendices: 10 } },
  { plan: 'quang-ngai-2023', period: '2023-06', before: [18, 15], budget: { body: 9, appendices: 17 } },
  { plan: 'bac-giang-2022', period: '2022-06', before: [21, 24], budget: { body: 10, appendices: 26 } },
  // Roll-ups of the default plan from its monthly folders.
  { plan: 'quang-ngai-2022', period: '2023-Q1', before: [17, 13], budget: { body: 9, appendices: 15 } },
  { plan: 'quang-ngai-2022', period: '2023-H1', before: [17, 13], budget: { body: 10, appendices: 15 } },
  { plan: 'quang-ngai-2022', period: '2022', before: [16, 13], budget: { body: 12, appendices: 15 } },
];

const name = (d: Demo): string => `${d.plan}-${d.period}`;
const dir = mkdtempSync(join(tmpdir(), 'da06-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reports = new Map<string, ConsolidatedReport>();
const pages = new Map<string, { body: number; appendices: number }>();

/** Pages of a PDF, as text. */
function pdfPages(pdf: string): string[] {
  const count = Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)![1]);
  return Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' }));
}

beforeAll(async () => {
  for (const d of DEMOS) {
    const { report } = await runReport(loadPlan(d.plan), parsePeriodId(d.period)!, join(REPO_ROOT, 'samples', d.plan, 'submissions'));
    reports.set(name(d), report);
    writeFileSync(join(dir, `${name(d)}.docx`), await writeReportDocx(report, DEFAULT_TEMPLATE));
  }
  // One LibreOffice start for every file, with a profile of its own.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...DEMOS.map((d) => join(dir, `${name(d)}.docx`))], {
    stdio: 'ignore',
    timeout: 300_000,
  });
  for (const d of DEMOS) {
    const texts = pdfPages(join(dir, `${name(d)}.pdf`));
    const first = texts.findIndex((t) => /^\s*Phụ lục I\s*$/m.test(t));
    pages.set(name(d), { body: first < 0 ? texts.length : first, appendices: first < 0 ? 0 : texts.length - first });
  }
}, 600_000);

describe('page budgets (LibreOffice, A4)', () => {
  for (const d of DEMOS) {
    it(`${d.plan} ${d.period}: body ≤ ${d.budget.body} pages (was ${d.before[0]}), appendices ≤ ${d.budget.appendices}`, () => {
      const p = pages.get(name(d))!;
      expect(p.body, `${name(d)}: ${p.body} / ${p.appendices}`).toBeLessThanOrEqual(d.budget.body);
      expect(p.appendices).toBeGreaterThan(0);
      expect(p.appendices).toBeLessThanOrEqual(d.budget.appendices);
    });
  }
});

describe('the demo reports say true things, once, in plain words', () => {
  const body = (d: Demo): string => {
    const md = renderTemplate(DEFAULT_TEMPLATE, reports.get(name(d))!).markdown;
    return md.slice(0, md.indexOf('<!-- da06:phu-luc -->')).replace(/\\(.)/g, '$1');
  };

  for (const d of DEMOS) {
    it(`${d.plan} ${d.period}`, () => {
      const r = reports.get(name(d))!;
      const text = body(d);
      // A task title at most once; section IV names none.
      for (const t of r.tasks) expect(text.split(t.title).length - 1, t.id).toBeLessThanOrEqual(1);
      const iv = text.slice(text.indexOf('# IV.'), text.indexOf('# V.') < 0 ? undefined : text.indexOf('# V.'));
      for (const t of r.tasks) expect(iv).not.toContain(t.title.slice(0, 40));
      // No broken indicator sentence, no zero count, no returned file without its reason.
      expect(text).not.toMatch(/: \.|: \(chỉ tiêu|(^|[^\d.,])0 (nhiệm vụ|đơn vị|cơ quan|chỉ tiêu)/m);
      expect(text).not.toContain('chưa đúng biểu mẫu');
      for (const rej of r.rejected) expect(text).toContain(`(${rej.errors} lỗi`);
      // Reporting per level, named after the plan's units; "huyện" only where the plan has districts.
      for (const level of r.reportingByLevel) expect(text).toContain(`${level.submitted}/${level.expected} ${level.label}`);
      if (!r.agencyRows.some((a) => a.level === 'district')) expect(text).not.toMatch(/\d+\/\d+ huyện/);
      // Every appendix the body points to exists.
      const appendixCount = (renderTemplate(DEFAULT_TEMPLATE, r).markdown.split('<!-- da06:phu-luc -->')[1]!.match(/^# /gm) ?? []).length;
      for (const ref of text.matchAll(/Phụ lục ([IVX]+)/g)) expect(['I', 'II', 'III', 'IV'].indexOf(ref[1]!) + 1).toBeLessThanOrEqual(appendixCount);
      expect(r.reportDate >= r.agencyRows.filter((a) => a.status !== 'rejected' && a.reportDate).map((a) => a.reportDate!).sort().at(-1)!).toBe(true);
    });
  }

  it('the default demo: completion sticky, silent leads counted apart, dated after the late reports', () => {
    const r = reports.get('quang-ngai-2022-2023-01')!;
    // Tasks done in December stay done in January even where a co-lead is silent.
    const december = reports.get('quang-ngai-2022-2022')!;
    const doneBefore = new Set(december.tasks.filter((t) => t.status === 'done').map((t) => t.id));
    for (const t of r.tasks.filter((x) => doneBefore.has(x.id))) expect(t.status, t.id).toBe('done');
    expect(r.tasks.some((t) => t.leads.some((l) => l.carriedFrom === '2022-12'))).toBe(true);
    expect(r.tasks.filter((t) => t.status === 'inProgress' && t.progress === 100)).toEqual([]);
    expect(r.reportDate).toBe('2023-01-19');
    expect(body(DEMOS[0]!)).toMatch(/\d+ cơ quan, đơn vị không báo cáo lại nhiệm vụ của mình trong kỳ, tình hình được tính theo báo cáo kỳ trước/);
    const iii1 = r.tasks.find((t) => t.id === 'III.1')!;
    expect(iii1.spread!.text).toMatch(/^\d+\/37 sở, ngành; \d+\/13 huyện, thị xã, thành phố đã hoàn thành$/);
  });

  it('the appendices group districts or communes apart from departments, and mark carried statuses', () => {
    const r = reports.get('quang-ngai-2022-2023-01')!;
    const groups = describeTable('agencies', r)!.rows.map((row) => row.group);
    expect([...new Set(groups)]).toEqual(['Sở, ngành', 'Huyện, thị xã, thành phố']);
    // each level's rows together
    expect(groups.lastIndexOf('Sở, ngành')).toBeLessThan(groups.indexOf('Huyện, thị xã, thành phố'));
    const iii1 = describeTable('tasks', r)!.rows.find((row) => row.cells[0]!.kind === 'text' && row.cells[0]!.text === 'III.1')!;
    expect(iii1.cells.some((c) => c.kind === 'text' && /\d+ đơn vị theo báo cáo kỳ trước/.test(c.note ?? ''))).toBe(true);
  });
});
