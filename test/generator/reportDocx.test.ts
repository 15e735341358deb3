import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportDocx } from '../../generator/report/writeDocx.ts';
import { attribute, docxParts, paragraphTexts, sectionProperties } from '../fixtures/docxXml.ts';
import { MARKUP_TEXT, sampleReport } from '../fixtures/sampleReport.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MONTHLY = join(root, 'templates/bao-cao.hbs');
const ROLL_UP = join(root, 'templates/bao-cao.hbs');

let dir: string;
let docx: Uint8Array;
let parts: Record<string, string>;
let documentXml: string;
let texts: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'da06-docx-'));
  docx = await writeReportDocx(sampleReport, MONTHLY);
  parts = docxParts(docx);
  documentXml = parts['word/document.xml']!;
  texts = paragraphTexts(documentXml);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report follows Nghị định 30/2020/NĐ-CP', () => {
  it('is A4 portrait with margins 20/20/30/15 mm and no number on the first page', () => {
    const [first] = sectionProperties(documentXml);
    expect(attribute(first!, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attribute(first!, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attribute(first!, 'w:pgMar', 'w:top')).toBe('1134');
    expect(attribute(first!, 'w:pgMar', 'w:bottom')).toBe('1134');
    expect(attribute(first!, 'w:pgMar', 'w:left')).toBe('1701');
    expect(attribute(first!, 'w:pgMar', 'w:right')).toBe('850');
    expect(first).toContain('<w:titlePg/>');
  });

  it('puts each appendix in a landscape section of its own', () => {
    const sections = sectionProperties(documentXml);
    expect(sections).toHaveLength(4);
    for (const s of sections.slice(1)) {
      expect(attribute(s, 'w:pgSz', 'w:orient')).toBe('landscape');
      expect(attribute(s, 'w:pgSz', 'w:w')).toBe('16838');
    }
  });

  it('numbers pages at the top from page 2: a PAGE field in the default header, nothing on the first page', () => {
    const [first] = sectionProperties(documentXml);
    const rels = parts['word/_rels/document.xml.rels']!;
    const target = (type: string): string => {
      const id = first!.match(new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`))![1]!;
      return `word/${rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))![1]}`;
    };
    expect(parts[target('default')]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(parts[target('first')]).not.toContain('PAGE');
    expect(parts[target('default')]).toContain('<w:jc w:val="center"/>');
  });

  it('uses Times New Roman everywhere, 14 pt body, tables 12 pt, nothing larger than 14 pt', () => {
    const fontXml = [documentXml, parts['word/styles.xml']!.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)![0], ...Object.entries(parts).filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x)].join('');
    const fonts = new Set([...fontXml.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    expect(parts['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr>.*<w:sz w:val="28"\/>/);
    const sizes = new Set([...documentXml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1])));
    for (const s of sizes) expect([4, 22, 24, 26, 28]).toContain(s);
    // the body paragraph on the reporting rate: 14 pt, justified, first line 1,27 cm, 6 pt after, 1,15 lines
    const body = documentXml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?Đến ngày 16\/01\/2023, 8\/11(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/)![0];
    expect(body).toContain('<w:sz w:val="28"/>');
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(body).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(body).toMatch(/<w:spacing w:after="120" w:before="0" w:line="276" w:lineRule="auto"\/>/);
  });

  it('opens with the header block: agency, number, quốc hiệu, tiêu ngữ, place and date, then the title', () => {
    const head = texts.slice(0, 12).join('\n');
    for (const line of [
      'CÔNG AN TỈNH QUẢNG NGÃI',
      '/BC-CAT-PC06',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ngãi, ngày 16 tháng 01 năm 2023',
      'BÁO CÁO',
      'Kết quả triển khai thực hiện Đề án 06 tháng 01/2023',
    ]) {
      expect(head).toContain(line);
    }
    expect(texts.find((t) => t.startsWith('Số:'))).toMatch(/^Số: +\/BC-CAT-PC06$/);
    // the header block is a borderless table of two columns
    const firstTable = documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
    expect(firstTable.match(/<w:gridCol /g)).toHaveLength(2);
    expect(firstTable).toContain('<w:top w:val="none"');
  });

  it('repeats table header rows on each page and never splits a row', () => {
    expect(documentXml).toContain('<w:tblHeader/>');
    const rows = documentXml.match(/<w:tr>/g)!.length;
    expect(documentXml.match(/<w:cantSplit\/>/g)!.length).toBe(rows);
  });

  it('has the sections, the appendices and the closing block', () => {
    const all = texts.join('\n');
    for (const heading of [
      'I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
    ]) {
      expect(texts).toContain(heading);
    }
    expect(all).toContain('9/13 huyện đã hoàn thành');
    expect(all).toContain('Văn phòng UBND tỉnh');
    expect(texts).toContain('Phụ lục I');
    expect(texts).toContain('Phụ lục III');
    expect(texts).toContain('Nơi nhận:');
    expect(texts).toContain('- Lưu: VT, PC06.');
    expect(texts).toContain('GIÁM ĐỐC');
    expect(texts).toContain('Nguyễn Văn An');
    expect(all).toMatch(/Chưa đạt[\s\S]*Đạt/);
    for (const status of ['Đúng hạn', 'Nộp muộn', 'Chưa nộp', 'Bị trả lại']) expect(texts).toContain(status);
    expect(documentXml).toMatch(/<wp:docPr id="1" /);
    expect(Object.keys(docxParts(docx)).length).toBeGreaterThan(5);
  });

  it('renders the roll-up template too', async () => {
    const quarter = {
      ...sampleReport,
      period: { ...sampleReport.period, id: '2023-Q1', kind: 'quarter', label: 'Quý I/2023', phrase: 'quý I/2023', start: '2022-12-15', end: '2023-03-14', cutoff: '2023-03-14', due: '2023-03-14', months: ['2023-01', '2023-02', '2023-03'] },
      sources: [
        { period: '2023-01', folder: 'nop/2023-01', files: 10 },
        { period: '2023-02', folder: 'nop/2023-02', files: 9 },
        { period: '2023-03', folder: 'nop/2023-03', files: 11 },
      ],
    };
    const out = paragraphTexts(docxParts(await writeReportDocx(quarter, ROLL_UP))['word/document.xml']!);
    expect(out).toContain('Kết quả triển khai thực hiện Đề án 06 quý I/2023');
    expect(out.some((t) => t.includes('tổng hợp từ báo cáo tháng 01/2023, tháng 02/2023, tháng 03/2023)'))).toBe(true);
  });
});

describe('text from submissions never changes the structure', () => {
  it('keeps the markup-laden text literal, with no extra heading, list item or table', async () => {
    expect(texts.filter((t) => t.includes(MARKUP_TEXT)).length).toBe(2); // a difficulty, a proposal (task results are in the annex, not the body)
    const plain = JSON.parse(JSON.stringify(sampleReport).split(JSON.stringify(MARKUP_TEXT).slice(1, -1)).join('Văn bản thường.'));
    const plainXml = docxParts(await writeReportDocx(plain, MONTHLY))['word/document.xml']!;
    const count = (xml: string, re: RegExp): number => (xml.match(re) ?? []).length;
    for (const re of [/<w:pStyle w:val="Heading\d"\/>/g, /<w:tbl>/g, /<w:tr>/g, /<w:p>/g, /<w:p\b/g]) {
      expect(count(documentXml, re)).toBe(count(plainXml, re));
    }
    const starts = (xs: string[]): number => xs.filter((t) => t.startsWith('- ')).length;
    expect(starts(texts)).toBe(starts(paragraphTexts(plainXml)));
  });
});

describe('the same input gives the same bytes', () => {
  it('in child processes under UTC and Asia/Ho_Chi_Minh, and in this process', async () => {
    const script = join(root, 'test/fixtures/writeSampleDocx.ts');
    const run = promisify(execFile);
    const outs = ['UTC', 'Asia/Ho_Chi_Minh'].map((tz) => join(dir, `${tz.replace('/', '-')}.docx`));
    await Promise.all(
      ['UTC', 'Asia/Ho_Chi_Minh'].map((TZ, i) => run('npx', ['tsx', script, outs[i]!, MONTHLY], { cwd: root, env: { ...process.env, TZ } })),
    );
    const [utc, hcm] = outs.map((p) => new Uint8Array(readFileSync(p)));
    expect(Buffer.compare(Buffer.from(utc!), Buffer.from(hcm!))).toBe(0);
    expect(Buffer.compare(Buffer.from(utc!), Buffer.from(docx))).toBe(0);
    expect(parts['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-16T00:00:00Z</dcterms:created>');
    expect(parts['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-16T00:00:00Z</dcterms:modified>');
  }, 60_000);
});

const hasLibreOffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0 && spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasLibreOffice)('LibreOffice opens it', () => {
  it('converts to PDF with the key lines, an A4 first page and a landscape appendix', () => {
    const file = join(dir, 'bao-cao.docx');
    writeFileSync(file, docx);
    // a profile of its own, so that a LibreOffice already running elsewhere does not swallow the job
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 50_000 });
    const text = execFileSync('pdftotext', [join(dir, 'bao-cao.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const line of [
      'CÔNG AN TỈNH QUẢNG NGÃI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO',
      'Nơi nhận:',
      'I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI',
      'II. KẾT QUẢ THỰC HIỆN',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
      'Phụ lục I',
    ]) {
      expect(text).toContain(line);
    }
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', join(dir, 'bao-cao.pdf')], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(sizes[0]![0]).toBeCloseTo(595.3, 0);
    expect(sizes[0]![1]).toBeCloseTo(841.9, 0);
    expect(sizes.some(([w, h]) => w > h)).toBe(true);
  }, 60_000);
});
