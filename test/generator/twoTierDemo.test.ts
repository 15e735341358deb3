import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { twoTierSamples, OLD_CODE_FILE, SUCCESSOR, TWO_TIER_DIR, TWO_TIER_SUBMISSIONS, TWO_TIER_WORKBOOK } from '../../generator/samples/twoTier.ts';
import { TWO_TIER_PERIOD, beforeMerger, twoTierPlan } from '../../generator/samples/twoTierPlan.ts';
import { main as reportMain } from '../../generator/cli/report.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { runReport } from '../../generator/report/runReport.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import type { SampleFile } from '../../generator/samples/buildSamples.ts';

/**
 * Issue 13.6–13.9: the illustrative two-tier province of samples/, from its plan workbook to its
 * report: communes counted as "xã, phường, đặc khu", never "huyện"; the form made under a replaced
 * code credited to the successor with a warning, this period and the previous one.
 */

const dir = mkdtempSync(join(tmpdir(), 'da06-two-tier-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files: SampleFile[];
const at = (p: string) => join(dir, p);

async function quiet<T>(f: () => Promise<T>): Promise<T> {
  const [log, error, write] = [console.log, console.error, process.stderr.write];
  console.log = () => undefined;
  console.error = () => undefined;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await f();
  } finally {
    [console.log, console.error, process.stderr.write] = [log, error, write];
  }
}

beforeAll(async () => {
  files = await twoTierSamples({ blanks: false });
  for (const f of files) {
    mkdirSync(dirname(at(f.path)), { recursive: true });
    writeFileSync(at(f.path), f.data);
  }
}, 120_000);

describe('the illustrative two-tier province', () => {
  it('is a plan workbook that says it is illustrative, with about 100 communes and no district', () => {
    const np = loadPlan(at(TWO_TIER_WORKBOOK));
    expect(np.hash).toBe(normalizePlan(twoTierPlan()).hash);
    expect(np.plan.notes).toMatch(/MINH HỌA/);
    const communes = np.plan.agencies.filter((a) => a.kind === 'commune');
    expect(communes).toHaveLength(100);
    expect(communes.every((a) => / Minh họa \d\d$/.test(a.name))).toBe(true);
    expect(np.plan.agencies.some((a) => a.level === 'district' || a.kind === 'district')).toBe(false);
    const departments = np.reportingAgencies.filter((a) => a.level === 'province');
    expect(departments.length).toBeGreaterThanOrEqual(20);
    expect(departments.length).toBeLessThanOrEqual(30);
  });

  it('reports its month with counts from the files and the words "xã, phường, đặc khu", never "huyện"', async () => {
    const out = at('out/bao-cao.docx');
    const code = await quiet(() => reportMain(['--plan', at(TWO_TIER_WORKBOOK), '--in', at(`${TWO_TIER_DIR}/submissions`), '--period', TWO_TIER_PERIOD, '--out', out]));
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(at('out/bao-cao.json'), 'utf8'));
    // Which agencies sent a file, from the file names (the old code stands for its successor).
    const sent = new Set(
      files
        .filter((f) => f.path.startsWith(`${TWO_TIER_SUBMISSIONS}/`) && f.path.endsWith('.xlsx'))
        .map((f) => basename(f.path).replace(/ \(.*\)\.xlsx$|\.xlsx$/, ''))
        .map((c) => (c === SUCCESSOR.old.code ? SUCCESSOR.code : c)),
    );
    const communesSent = [...sent].filter((c) => /^(XA|PHUONG|DAC_KHU)_MH_/.test(c)).length;
    expect(json.agencies.expected).toBe(125);
    expect(json.agencies.submitted + json.agencies.rejected).toBe(sent.size);
    expect(json.agencies.missing).toBe(125 - sent.size);
    expect(json.reportingByLevel.map((l: { level: string }) => l.level)).toEqual(['province', 'commune']);
    const communeLevel = json.reportingByLevel.find((l: { level: string }) => l.level === 'commune');
    expect(communeLevel).toMatchObject({ label: 'xã, phường, đặc khu', expected: 100, submitted: communesSent });

    const xml = strFromU8(unzipSync(readFileSync(out))['word/document.xml']!);
    const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(/huyện/i);
    // A task given to every commune: "n/100 xã, phường, đặc khu đã hoàn thành", n from the leads' statuses.
    const task = json.tasks.find((t: { id: string }) => t.id === 'II.2');
    const done = task.leads.filter((l: { level: string; status: string }) => l.level === 'commune' && l.status === 'done').length;
    expect(done).toBeGreaterThan(0);
    expect(text).toContain(`${done}/100 xã, phường, đặc khu đã hoàn thành`);
  }, 180_000);
});

describe('successors', () => {
  it('credits a form made under the replaced code to the successor, with a warning', async () => {
    const np = loadPlan(at(TWO_TIER_WORKBOOK));
    const r = await checkFile(np, at(OLD_CODE_FILE), { today: '2026-10-01' });
    expect(r.agency).toBe(SUCCESSOR.code);
    expect(r.valid).toBe(true);
    const warning = r.issues.find((i) => i.code === 'agency-replaced');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning!.message).toContain(SUCCESSOR.old.code);
    expect(warning!.message).toContain('Sở Khoa học và Công nghệ');
    const json = JSON.parse(readFileSync(at('out/bao-cao.json'), 'utf8'));
    const row = json.agencyRows.find((a: { code: string }) => a.code === SUCCESSOR.code);
    expect(row).toMatchObject({ status: 'on-time', file: `${TWO_TIER_PERIOD}/${basename(OLD_CODE_FILE)}` });
    expect(row.warnings).toBeGreaterThanOrEqual(1);
  });

  it('maps the old code to the new one in the previous period too', async () => {
    const np = loadPlan(at(TWO_TIER_WORKBOOK));
    const prev = parsePeriodId('2026-08')!;
    const old = normalizePlan(beforeMerger(np.plan, SUCCESSOR.code, SUCCESSOR.old));
    const inDir = at('history');
    mkdirSync(join(inDir, '2026-08'), { recursive: true });
    mkdirSync(join(inDir, TWO_TIER_PERIOD), { recursive: true });
    const form = await fillWorkbook(await buildTemplate(old, SUCCESSOR.old.code, prev), validFilling(old, SUCCESSOR.old.code, prev, { reportDate: '2026-08-12' }));
    writeFileSync(join(inDir, '2026-08', `${SUCCESSOR.old.code}.xlsx`), form);
    const current = files.find((f) => f.path === `${TWO_TIER_SUBMISSIONS}/CAT.xlsx`)!;
    writeFileSync(join(inDir, TWO_TIER_PERIOD, 'CAT.xlsx'), current.data);
    const { report } = await quiet(() => runReport(np, parsePeriodId(TWO_TIER_PERIOD)!, inDir, { reportDate: '2026-09-20' }));
    expect(report.previous).toMatchObject({ period: '2026-08', submitted: 1 });
    // The successor's last word (August) carries into September for the tasks it leads.
    const led = report.tasks.find((t) => t.leads.some((l) => l.agency === SUCCESSOR.code));
    expect(led!.leads.find((l) => l.agency === SUCCESSOR.code)).toMatchObject({ carriedFrom: '2026-08' });
  }, 60_000);
});
