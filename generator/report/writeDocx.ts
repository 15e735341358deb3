import { Packer } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { deterministicZip } from '../output/deterministicZip.ts';
import { DirectiveError, markdownToDocx, type RenderAssets } from './markdownToDocx.ts';
import { renderTemplate, TemplateError } from './renderTemplate.ts';

/**
 * The report as DOCX bytes: template → Markdown → docx objects → package. Same input, same bytes,
 * in any time zone: the document's dates are the report date at midnight UTC, every id is counted
 * (never random), and the package is re-zipped with fixed entry dates.
 */
export async function writeReportDocx(report: ConsolidatedReport, templatePath: string, assets: RenderAssets = {}): Promise<Uint8Array> {
  const { tree } = renderTemplate(templatePath, report);
  let document;
  try {
    document = markdownToDocx(tree, report, assets);
  } catch (e) {
    if (e instanceof DirectiveError) throw new TemplateError(templatePath, undefined, undefined, e.message);
    throw e;
  }
  const packed = new Uint8Array(await Packer.toBuffer(document));
  return stabilizeDocx(packed, `${report.reportDate}T00:00:00Z`);
}

/** Fixes what docx stamps from the clock, then re-zips with fixed entry dates. */
export function stabilizeDocx(packed: Uint8Array, timestamp: string): Uint8Array {
  const entries = unzipSync(packed);
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    if (name === 'docProps/core.xml') {
      const xml = strFromU8(bytes).replace(
        /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _tag: string, close: string) => `${open}${timestamp}${close}`,
      );
      out[name] = strToU8(xml);
    } else out[name] = bytes;
  }
  return deterministicZip(zipSync(out));
}
