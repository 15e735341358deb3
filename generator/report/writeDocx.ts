import { Packer, type Document } from 'docx';
import '../docx/fastAttributes.ts';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { zipDeterministic } from '../output/deterministicZip.ts';
import { renderTaskStatusChartAsync } from './chart.ts';
import { DirectiveError, markdownToDocx, type RenderAssets } from './markdownToDocx.ts';
import { renderTemplate, TemplateError } from './renderTemplate.ts';

/**
 * The report as DOCX bytes: template → Markdown → docx objects → package. Same input, same bytes,
 * in any time zone: the document's dates are the report date at midnight UTC, every id is counted
 * (never random), and the package is zipped with fixed entry dates.
 */
export async function writeReportDocx(report: ConsolidatedReport, templatePath: string, assets: RenderAssets = {}): Promise<Uint8Array> {
  // The chart is drawn on another thread while the template renders (it is dropped if the template has none).
  const chart = assets.chart ? undefined : (assets.chartImage ?? renderTaskStatusChartAsync(report.groups));
  chart?.catch(() => undefined);
  const { tree } = renderTemplate(templatePath, report);
  const drawsChart = tree.children.some((n) => n.type === 'html' && n.value.includes('da06:chart'));
  const image = chart && drawsChart ? await chart : undefined;
  let document;
  try {
    document = markdownToDocx(tree, report, image ? { chart: () => image } : assets);
  } catch (e) {
    if (e instanceof DirectiveError) throw new TemplateError(templatePath, undefined, undefined, e.message);
    throw e;
  }
  return stabilizeParts(await documentParts(document), `${report.reportDate}T00:00:00Z`);
}

type PartData = string | Uint8Array | ArrayBuffer;
interface DocxCompiler {
  compile(document: Document, prettify: undefined, overrides: []): Map<string, PartData>;
}

const bytesOf = (data: PartData): Uint8Array => (typeof data === 'string' ? strToU8(data) : data instanceof Uint8Array ? data : new Uint8Array(data));

/**
 * The package's parts, in docx's order. docx's Packer zips them and we would unzip them again to
 * fix the dates and re-zip with fixed entry dates: three deflates for one file, a third of the
 * writing time. Its compiler gives the parts directly; when a docx version no longer has it, the
 * public Packer path gives the same parts.
 */
export async function documentParts(document: Document): Promise<[string, Uint8Array][]> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile === 'function') {
    return [...(compiler as DocxCompiler).compile(document, undefined, [])].map(([path, data]) => [path, bytesOf(data)]);
  }
  return Object.entries(unzipSync(new Uint8Array(await Packer.toBuffer(document))));
}

/** Fixes what docx stamps from the clock, then zips with fixed entry dates. */
export function stabilizeParts(parts: Iterable<[string, Uint8Array]>, timestamp: string): Uint8Array {
  const fixed = [...parts].map(([name, bytes]): [string, Uint8Array] => {
    if (name !== 'docProps/core.xml') return [name, bytes];
    const xml = strFromU8(bytes).replace(
      /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _tag: string, close: string) => `${open}${timestamp}${close}`,
    );
    return [name, strToU8(xml)];
  });
  return zipDeterministic(fixed);
}
