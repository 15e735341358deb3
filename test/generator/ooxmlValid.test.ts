import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePeriodId } from '../../core/period/period.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { writeAnnexXlsx } from '../../generator/report/writeAnnex.ts';
import { writeReportDocx } from '../../generator/report/writeDocx.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { sampleReport } from '../fixtures/sampleReport.ts';
import { checkOoxml, expectValidOoxml } from '../helpers/ooxml.ts';

/** Word and Excel open what we write without repair: ISO/IEC 29500 Transitional, checked part by part. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = join(root, 'templates/bao-cao.hbs');

describe('every DOCX and XLSX the product writes is valid ISO/IEC 29500 Transitional', () => {
  it('the report (a month and a quarter)', async () => {
    expectValidOoxml(await writeReportDocx(sampleReport, TEMPLATE));
    const quarter = { ...sampleReport, period: { ...sampleReport.period, id: '2023-Q1', kind: 'quarter', label: 'Quý I/2023', phrase: 'quý I/2023', months: ['2023-01', '2023-02', '2023-03'] } };
    expectValidOoxml(await writeReportDocx(quarter, TEMPLATE));
  }, 60_000);

  it('the annex workbook, also when texts hold line breaks and edge spaces', async () => {
    expectValidOoxml(await writeAnnexXlsx(sampleReport));
    const multiline = { ...sampleReport, tasks: sampleReport.tasks.map((t, i) => (i === 0 ? { ...t, title: ' Dòng một\nDòng hai ' } : t)) };
    const bytes = await writeAnnexXlsx(multiline);
    expect(strFromU8(unzipSync(bytes)['xl/sharedStrings.xml']!)).toContain('Dòng một\nDòng hai');
    expectValidOoxml(bytes);
  }, 30_000);

  it("an agency's workbook", async () => {
    expectValidOoxml(await buildTemplate(loadPlan('quang-ngai-2022'), 'BHXH', parsePeriodId('2023-01')!));
  }, 30_000);
});

describe('the checker is strict', () => {
  it('rejects a misspelt attribute value and an unknown element, naming the part', async () => {
    const docx = unzipSync(await writeReportDocx(sampleReport, TEMPLATE));
    const xml = strFromU8(docx['word/document.xml']!);
    expect(xml).toContain('<w:jc w:val="center"/>');
    docx['word/document.xml'] = strToU8(xml.replace('<w:jc w:val="center"/>', '<w:jc w:val="centre"/>').replace('</w:body>', '<w:foo/></w:body>'));
    const { errors } = checkOoxml(zipSync(docx));
    expect(errors.some((e) => e.startsWith('word/document.xml') && e.includes('centre'))).toBe(true);
    expect(errors.some((e) => e.includes('foo'))).toBe(true);
  }, 60_000);

  it('rejects a dangling relationship (a consistency check no schema makes)', async () => {
    const xlsx = unzipSync(await writeAnnexXlsx(sampleReport));
    const rels = strFromU8(xlsx['xl/_rels/workbook.xml.rels']!);
    xlsx['xl/_rels/workbook.xml.rels'] = strToU8(rels.replace('worksheets/sheet1.xml', 'worksheets/missing.xml'));
    expect(checkOoxml(zipSync(xlsx)).errors.join('\n')).toMatch(/BLOCK .*missing part xl\/worksheets\/missing\.xml/);
  }, 30_000);
});
