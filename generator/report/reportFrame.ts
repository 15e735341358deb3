import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { formatDocumentDate, formatShortDate } from '../../core/text/dates.ts';
import type { AppendixHeadingOptions, ClosingBlockOptions, HeaderBlockOptions } from '../docx/nd30.ts';
import { romanNumeral } from '../docx/nd30.ts';

/**
 * The parts of Nghị định 30's frame that come from the report's data, not from the template: the
 * header block, the title, the closing block (Nơi nhận, signature) and the appendix headings. Each is
 * typed data for a builder of nd30.ts.
 */

/** Space left for the number, which the clerk types when the document is registered. */
const NUMBER_SPACE = ' '.repeat(10);

/** Printed where the signer's name goes when no name is known, highlighted. */
export const SIGNER_NAME_PLACEHOLDER = '[Họ và tên người ký]';

export interface Signer {
  /** Authority and title, one line each: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  title: string[];
  name?: string;
}

/** "KT. GIÁM ĐỐC; PHÓ GIÁM ĐỐC" or two lines → one title line each. */
export function signerTitleLines(title: string): string[] {
  return title
    .split(/\s*[;\n]\s*/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The signer the report names (from the plan's standing agency; the command line may replace it). */
export function signerOf(report: ConsolidatedReport): Signer {
  const name = report.standing.signerName?.trim();
  return { title: signerTitleLines(report.standing.signerTitle), ...(name ? { name } : {}) };
}

/**
 * The report with the signer given on the command line (`--signer "Họ và tên"`,
 * `--signer-title "KT. GIÁM ĐỐC; PHÓ GIÁM ĐỐC"`) in place of the plan's. Blank values are ignored.
 */
export function withSigner(report: ConsolidatedReport, given: { name?: string | undefined; title?: string | undefined }): ConsolidatedReport {
  const name = given.name?.normalize('NFC').trim();
  const title = given.title?.normalize('NFC').trim();
  if (!name && !title) return report;
  return { ...report, standing: { ...report.standing, ...(title ? { signerTitle: title } : {}), ...(name ? { signerName: name } : {}) } };
}

/** The summary screen's warning when the document has no signer's name (it keeps a marked place for it). */
export function signerWarning(report: ConsolidatedReport): string | undefined {
  if (signerOf(report).name) return undefined;
  return `Cảnh báo: chưa có họ tên người ký; báo cáo để chỗ "${SIGNER_NAME_PLACEHOLDER}" (tô vàng) để điền tay. Ghi họ tên vào kế hoạch (standing.signerName) hoặc chạy lại với --signer "Họ và tên".`;
}

/** "BÁO CÁO" and the summary line: the title of the document, of its properties and of the annex. */
export function reportTitle(report: ConsolidatedReport): { kind: string; summary: string; full: string } {
  const summary = `Kết quả triển khai thực hiện Đề án 06 ${report.period.phrase}`;
  return { kind: 'Báo cáo', summary, full: `Báo cáo ${summary.charAt(0).toLocaleLowerCase('vi')}${summary.slice(1)}` };
}

/** "Số:          /BC-CAT-PC06" */
function numberLine(report: ConsolidatedReport): string {
  return `Số:${NUMBER_SPACE}/${report.standing.reportSymbol}`;
}

export function headerOf(report: ConsolidatedReport): HeaderBlockOptions {
  return {
    agency: [report.standing.name],
    number: numberLine(report),
    nation: ['Cộng hòa xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: `${report.plan.place}, ${formatDocumentDate(report.reportDate)}`,
  };
}

/** The unit that keeps the file copy ("Lưu: VT, PC06."): the last part of the report's symbol. */
function archiveUnit(report: ConsolidatedReport): string {
  return report.standing.reportSymbol.split('-').pop() ?? '';
}

export function closingOf(report: ConsolidatedReport, signer: Signer = signerOf(report)): ClosingBlockOptions {
  const unit = archiveUnit(report);
  return {
    recipientsLabel: 'Nơi nhận:',
    recipients: [...report.recipients.map((r) => `${r};`), `Lưu: VT${unit ? `, ${unit}` : ''}.`],
    signerLines: signer.title,
    ...(signer.name ? { signerName: signer.name } : {}),
    namePlaceholder: SIGNER_NAME_PLACEHOLDER,
  };
}

/** The n-th appendix (from 1): "Phụ lục I", its title, and the report it is attached to. */
export function appendixOf(report: ConsolidatedReport, n: number, title: string): AppendixHeadingOptions {
  return {
    label: `Phụ lục ${romanNumeral(n)}`,
    title,
    attachedTo: `(Kèm theo Báo cáo số${NUMBER_SPACE}/${report.standing.reportSymbol} ngày ${formatShortDate(report.reportDate)} của ${report.standing.name})`,
  };
}
