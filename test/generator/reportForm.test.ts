import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as reportMain } from '../../generator/cli/report.ts';
import { estimateTextWidth, fitColumns, fitOnTwoLines, romanNumeral, TEXT_WIDTH, type TableColumn } from '../../generator/docx/nd30.ts';
import { closingOf, headerOf, SIGNER_NAME_PLACEHOLDER, signerWarning, withSigner } from '../../generator/report/reportFrame.ts';
import { writeReportDocx } from '../../generator/report/writeDocx.ts';
import { TemplateError } from '../../generator/report/renderTemplate.ts';
import { renderTemplateSource } from '../../generator/report/renderTemplate.ts';
import { markdownToDocx } from '../../generator/report/markdownToDocx.ts';
import { attribute, docxParts, paragraphTexts, sectionProperties } from '../fixtures/docxXml.ts';
import { sampleReport } from '../fixtures/sampleReport.ts';
import { runMain } from '../helpers/cli.ts';
import { REPO } from '../helpers/cli.ts';

/** Nghị định 30/2020/NĐ-CP form of the report: signer, header block, appendices, table columns. */

const MONTHLY = join(REPO, 'templates/bao-cao.hbs');
const unsigned = { ...sampleReport, standing: { ...sampleReport.standing, signerName: undefined } };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The closing block: the last table of the body section. */
function closingXml(documentXml: string): string {
  const body = documentXml.split('<w:sectPr>')[0]!;
  const tables = body.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
  return tables[tables.length - 1]!;
}

describe('the signer', () => {
  it("comes from the plan's standing agency", async () => {
    const xml = docxParts(await writeReportDocx(sampleReport, MONTHLY))['word/document.xml']!;
    const closing = paragraphTexts(closingXml(xml));
    expect(closing).toContain('GIÁM ĐỐC');
    expect(closing).toContain('Nguyễn Văn An');
    expect(closing).not.toContain(SIGNER_NAME_PLACEHOLDER);
    expect(signerWarning(sampleReport)).toBeUndefined();
  });

  it('without a name, keeps a visibly marked place (highlighted), never a blank line, and warns', async () => {
    const xml = closingXml(docxParts(await writeReportDocx(unsigned, MONTHLY))['word/document.xml']!);
    const texts = paragraphTexts(xml);
    expect(texts).toContain(SIGNER_NAME_PLACEHOLDER);
    const run = xml.match(new RegExp(`<w:r>(?:(?!</w:r>).)*${SIGNER_NAME_PLACEHOLDER.replace(/[[\]]/g, '\\$&')}`, 's'))![0];
    expect(run).toContain('<w:highlight w:val="yellow"/>');
    expect(texts.filter((t) => t.trim() === '').length).toBe(0);
    expect(signerWarning(unsigned)).toMatch(/chưa có họ tên người ký.*--signer/);
  });

  it('is overridden by --signer and --signer-title, the title split into lines at ";"', () => {
    const signed = withSigner(unsigned, { name: ' Lê Văn Bình ', title: 'KT. GIÁM ĐỐC; PHÓ GIÁM ĐỐC' });
    expect(closingOf(signed)).toMatchObject({ signerLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signerName: 'Lê Văn Bình' });
    expect(signerWarning(signed)).toBeUndefined();
    expect(withSigner(sampleReport, { name: '', title: undefined })).toBe(sampleReport);
  });

  it('the report command takes --signer and warns on its summary screen when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'da06-signer-'));
    dirs.push(dir);
    const unsignedRun = await runMain(reportMain, ['--out', join(dir, 'a', 'bao-cao.docx')]);
    expect(unsignedRun.code).toBe(0);
    expect(unsignedRun.stdout).toMatch(/Cảnh báo: chưa có họ tên người ký/);
    const signedRun = await runMain(reportMain, ['--out', join(dir, 'b', 'bao-cao.docx'), '--signer', 'Lê Văn Bình', '--signer-title', 'KT. GIÁM ĐỐC; PHÓ GIÁM ĐỐC']);
    expect(signedRun.code).toBe(0);
    expect(signedRun.stdout).not.toMatch(/chưa có họ tên người ký/);
    const texts = paragraphTexts(docxParts(new Uint8Array(readFileSync(join(dir, 'b', 'bao-cao.docx'))))['word/document.xml']!);
    for (const line of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Bình']) expect(texts).toContain(line);
    expect(JSON.parse(readFileSync(join(dir, 'b', 'bao-cao.json'), 'utf8')).standing).toMatchObject({ signerName: 'Lê Văn Bình' });
  }, 120_000);
});

describe('the header block', () => {
  it('stays inside the page margins: not indented, exactly the text width', async () => {
    const xml = docxParts(await writeReportDocx(sampleReport, MONTHLY))['word/document.xml']!;
    const header = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
    expect(header).not.toMatch(/<w:tblInd /);
    const grid = [...header.match(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/)![0].matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH.portrait);
    expect(attribute(header, 'w:tblW', 'w:w')).toBe(String(TEXT_WIDTH.portrait));
    // each line fits its column
    const h = headerOf(sampleReport);
    expect(estimateTextWidth('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true)).toBeLessThan(grid[1]!);
    expect(estimateTextWidth(h.placeDate, 14)).toBeLessThan(grid[1]!);
    expect(estimateTextWidth(h.agency[0]!.toLocaleUpperCase('vi'), 13, true)).toBeLessThan(grid[0]!);
  });
});

describe('the issuing agency', () => {
  it('breaks after the kind of unit when its name is too long for one line, never leaving a lone word', async () => {
    const canTho = { ...sampleReport, standing: { ...sampleReport.standing, name: 'Công an thành phố Cần Thơ' }, plan: { ...sampleReport.plan, place: 'Cần Thơ' } };
    const xml = docxParts(await writeReportDocx(canTho, MONTHLY))['word/document.xml']!;
    const header = paragraphTexts(xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0]);
    expect(header.slice(0, 2)).toEqual(['CÔNG AN THÀNH PHỐ', 'CẦN THƠ']);
    expect(fitOnTwoLines('CÔNG AN TỈNH BÀ RỊA - VŨNG TÀU', 13, true, 3900)).toEqual(['CÔNG AN TỈNH', 'BÀ RỊA - VŨNG TÀU']);
    expect(fitOnTwoLines('CÔNG AN TỈNH QUẢNG NGÃI', 13, true, 3900)).toEqual(['CÔNG AN TỈNH QUẢNG NGÃI']);
  });
});

describe('the appendices', () => {
  it('read "Phụ lục I", "Phụ lục II", … each with its own title line and what it is attached to', async () => {
    const xml = docxParts(await writeReportDocx(sampleReport, MONTHLY))['word/document.xml']!;
    const texts = paragraphTexts(xml);
    const at = (label: string): number => texts.indexOf(label);
    for (const [label, title] of [
      ['Phụ lục I', 'TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ'],
      ['Phụ lục II', 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'],
      ['Phụ lục III', 'TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG'],
    ] as const) {
      expect(at(label)).toBeGreaterThan(0);
      expect(texts[at(label) + 1]).toBe(title);
      expect(texts[at(label) + 2]).toMatch(/^\(Kèm theo Báo cáo số +\/BC-CAT-PC06 ngày 16\/01\/2023 của Công an tỉnh Quảng Ngãi\)$/);
    }
    expect(texts.some((t) => /PHỤ LỤC \d/.test(t))).toBe(false);
    expect([1, 2, 3, 4, 9, 14, 40].map(romanNumeral)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV', 'XL']);
  });

  it('are numbered apart from the body: each restarts at 1 and its header names the appendix', async () => {
    const parts = docxParts(await writeReportDocx(sampleReport, MONTHLY));
    const sections = sectionProperties(parts['word/document.xml']!);
    const rels = parts['word/_rels/document.xml.rels']!;
    const header = (s: string, type: string): string => {
      const id = s.match(new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`))![1]!;
      return parts[`word/${rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))![1]}`]!;
    };
    expect(attribute(sections[0]!, 'w:pgNumType', 'w:start')).toBeUndefined();
    sections.slice(1).forEach((s, i) => {
      expect(attribute(s, 'w:pgNumType', 'w:start')).toBe('1');
      expect(s).toContain('<w:titlePg/>');
      const text = paragraphTexts(header(s, 'default')).join('');
      expect(text).toBe(`Phụ lục ${romanNumeral(i + 1)} - `);
      expect(header(s, 'default')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    });
  });
});

describe('the template no longer places the frame by position', () => {
  it('rejects a former positional directive with a message naming the template and the replacement', async () => {
    const { tree } = renderTemplateSource('<!-- da06:co-quan -->\n\nCông an tỉnh\n', 'cu.hbs', sampleReport);
    expect(() => markdownToDocx(tree, sampleReport)).toThrow(/da06:co-quan.*da06:dau-van-ban/);
    const file = join(mkdtempSync(join(tmpdir(), 'da06-tpl-')), 'cu.hbs');
    dirs.push(join(file, '..'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '<!-- da06:ky-ten -->\n\nNguyễn Văn A\n');
    await expect(writeReportDocx(sampleReport, file)).rejects.toThrow(TemplateError);
    await expect(writeReportDocx(sampleReport, file)).rejects.toThrow(/cu\.hbs.*da06:cuoi-van-ban/);
  });
});

describe('table columns fit their content', () => {
  const columns: TableColumn[] = [
    { header: 'STT', weight: 1, align: 'center', nowrap: true },
    { header: 'Mã', weight: 1, align: 'center', nowrap: true },
    { header: 'Nhiệm vụ', weight: 60 },
    { header: 'Cơ quan chủ trì', weight: 30 },
  ];
  const rows = [{ cells: [[{ text: '12' }], [{ text: 'III.6.a.2' }], [{ text: 'Một nhiệm vụ rất dài '.repeat(8) }], [{ text: 'Sở Thông tin và Truyền thông' }]] }];

  it('never wraps "STT" or a code such as "III.6.a.2"', () => {
    for (const orientation of ['portrait', 'landscape'] as const) {
      const widths = fitColumns(columns, rows, TEXT_WIDTH[orientation]);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH[orientation]);
      const inside = (i: number): number => widths[i]! - 2 * 85;
      expect(inside(0)).toBeGreaterThan(estimateTextWidth('STT', 12, true) * 1.1);
      expect(inside(1)).toBeGreaterThan(estimateTextWidth('III.6.a.2', 12) * 1.1);
      // and no wider than they need: the text columns get the rest
      expect(widths[1]!).toBeLessThan(TEXT_WIDTH.portrait / 8);
    }
  });

  it('in the report, the code column is wide enough for its longest code', async () => {
    const xml = docxParts(await writeReportDocx(sampleReport, MONTHLY))['word/document.xml']!;
    const tasksTable = xml.split('Phụ lục I<')[1]!.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
    const first = Number(tasksTable.match(/<w:gridCol w:w="(\d+)"\/>/)![1]);
    const longest = sampleReport.tasks.map((t) => t.id).reduce((a, b) => (estimateTextWidth(b, 12) > estimateTextWidth(a, 12) ? b : a));
    expect(first - 170).toBeGreaterThan(estimateTextWidth(longest, 12) * 1.1);
  });
});
