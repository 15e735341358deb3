import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriodId } from '../../core/period/period.ts';
import { loadPlan, REPO_ROOT } from '../../generator/plan/loadPlan.ts';
import { runReport } from '../../generator/report/runReport.ts';
import { SAMPLE_SPECS } from '../../generator/samples/specs.ts';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

function report(args: string[], tz = 'UTC') {
  return spawnSync(TSX, [join(REPO_ROOT, 'generator/cli/report.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TZ: tz } });
}

describe('npm run report on the shipped samples', () => {
  const outA = mkdtempSync(join(tmpdir(), 'da06-report-a-'));
  const outB = mkdtempSync(join(tmpdir(), 'da06-report-b-'));
  let json: Record<string, any>;
  let stdout = '';

  beforeAll(() => {
    const a = report(['--out', join(outA, 'bao-cao.docx')], 'UTC');
    expect(a.status, a.stderr).toBe(0);
    stdout = a.stdout;
    const b = report(['--out', join(outB, 'bao-cao.docx'), '--json'], 'Asia/Ho_Chi_Minh');
    expect(b.status, b.stderr).toBe(0);
    json = JSON.parse(b.stdout);
  }, 120_000);

  it('prints a one-screen summary in Vietnamese', () => {
    expect(stdout).toMatch(/Đơn vị: phải báo cáo 51, đã nộp \d+/);
    expect(stdout.split('\n').length).toBeLessThan(15);
    expect(stdout).toBe(stdout.normalize('NFC'));
  });

  it('writes the DOCX, the XLSX annex, the JSON and a feedback note per rejected file', () => {
    for (const f of ['bao-cao.docx', 'bao-cao.xlsx', 'bao-cao.json']) expect(existsSync(join(outA, f))).toBe(true);
    const notes = readdirSync(join(outA, 'phan-hoi-2023-01'));
    expect(notes).toEqual(['SO_NOI_VU.txt']);
    const note = readFileSync(join(outA, 'phan-hoi-2023-01', 'SO_NOI_VU.txt'), 'utf8');
    expect(note).toContain('Kính gửi: Sở Nội vụ');
    expect(note).toMatch(/Trang "Nhiệm vụ", ô F\d+:/);
    expect(note).toMatch(/Trang "Thông tin", ô B5:/);
  });

  it('prints the consolidated data in the shape of the command-line contract', () => {
    expect(json.plan).toBe('quang-ngai-2022');
    expect(json.period).toBe('2023-01');
    expect(json.agencies).toMatchObject({ expected: 51, late: expect.any(Number), missing: expect.any(Number), submitted: expect.any(Number) });
    expect(json.agencies.late).toBeGreaterThan(0);
    expect(json.agencies.missing).toBeGreaterThan(0);
    expect(json.rejected).toHaveLength(1);
    expect(json.rejected[0].file).toMatch(/SO_NOI_VU\.xlsx$/);
    expect(json.rejected[0].issues[0]).toMatchObject({ severity: 'error', code: expect.any(String), sheet: expect.any(String), cell: expect.any(String) });
    expect(json.superseded).toHaveLength(1);
    expect(json.skipped[0].file).toMatch(/ghi-chu-van-thu\.txt$/);
    const task = json.tasks[0];
    expect(task).toMatchObject({ id: 'III.1', status: expect.any(String), overdue: expect.any(Boolean) });
    expect(task.leads[0]).toMatchObject({ agency: expect.any(String), status: expect.any(String) });
    expect(json.previous.period).toBe('2022-12');
    expect(Array.isArray(json.indicators)).toBe(true);
  });

  it('gives byte-identical DOCX, XLSX and JSON under two time zones', () => {
    for (const f of ['bao-cao.docx', 'bao-cao.xlsx', 'bao-cao.json']) {
      expect(readFileSync(join(outA, f)).equals(readFileSync(join(outB, f))), f).toBe(true);
    }
  });

  it('dates the document no earlier than the late reports it lists (newest Ngày lập 19/01), the Vietnamese way', () => {
    const xml = strFromU8(unzipSync(readFileSync(join(outA, 'bao-cao.docx')))['word/document.xml']!);
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Quảng Ngãi, ngày 19 tháng 01 năm 2023');
    expect(json.reportDate).toBe('2023-01-19');
  });

  it('--date still decides the date', () => {
    const out = mkdtempSync(join(tmpdir(), 'da06-report-date-'));
    const r = report(['--date', '2023-01-25', '--out', join(out, 'bao-cao.docx'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).reportDate).toBe('2023-01-25');
  }, 120_000);

  it('converts to PDF with LibreOffice and the key lines are there', () => {
    const pdfDir = mkdtempSync(join(tmpdir(), 'da06-pdf-'));
    execFileSync('soffice', [`-env:UserInstallation=file://${pdfDir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, join(outA, 'bao-cao.docx')], { stdio: 'ignore', timeout: 120_000 });
    const text = execFileSync('pdftotext', ['-layout', join(pdfDir, 'bao-cao.pdf'), '-'], { encoding: 'utf8' });
    for (const line of ['CÔNG AN TỈNH QUẢNG NGÃI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Nơi nhận:', 'Sở Nội vụ']) expect(text).toContain(line);
  }, 120_000);
});

describe('report command-line errors', () => {
  it('a malformed period is bad usage: exit 2, a Vietnamese message, no stack trace', () => {
    const r = report(['--period', '2023-13']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Kỳ báo cáo "2023-13" không hợp lệ');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a period without submissions is no report: exit 2', () => {
    const r = report(['--period', '2024-05']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Không tìm thấy thư mục báo cáo của kỳ 2024-05');
  });

  it('a template mistake names the template file, line and column: exit 2, no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'da06-tpl-'));
    const template = join(dir, 'hong.hbs');
    writeFileSync(template, '# I. TIÊU ĐỀ\n\n{{#each tasks}}\n- {{title}}\n');
    const r = report(['--template', template, '--out', join(dir, 'x.docx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('hong.hbs');
    expect(r.stderr).toMatch(/dòng \d+/);
    expect(r.stderr).toMatch(/cột \d+/);
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('an unknown option is bad usage', () => {
    const r = report(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Tùy chọn không hợp lệ: --bogus');
  });
});

describe('every plan\'s demo period makes a report', () => {
  for (const spec of SAMPLE_SPECS) {
    it(`${spec.planId} ${spec.period}`, async () => {
      const np = loadPlan(spec.planId);
      const { report: r, files } = await runReport(np, parsePeriodId(spec.period)!, join(REPO_ROOT, 'samples', spec.planId, 'submissions'));
      expect(files).toBeGreaterThan(10);
      expect(r.agencies.expected).toBe(np.reportingAgencies.length);
      expect(r.agencies.rejected).toBe(1);
      expect(r.superseded).toHaveLength(1);
      expect(r.agencies.onTime).toBeGreaterThan(r.agencies.late);
      expect(r.tasks).toHaveLength(np.tasks.length);
    });
  }

  it('a quarter rolls up its months', async () => {
    const np = loadPlan('quang-ngai-2022');
    const { report: r } = await runReport(np, parsePeriodId('2023-Q1')!, join(REPO_ROOT, 'samples', 'quang-ngai-2022', 'submissions'));
    expect(r.period.label).toBe('Quý I/2023');
    expect(r.sources.map((s) => s.period)).toEqual(['2023-01']);
    expect(r.previous?.period).toBe('2022-Q4');
  });
});
