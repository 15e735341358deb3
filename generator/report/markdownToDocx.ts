import type { Document, ISectionOptions, Paragraph, Table } from 'docx';
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { formatPercent, formatVietnameseNumber } from '../../core/text/numbers.ts';
import { formatShortDate } from '../../core/text/dates.ts';
import * as nd30 from '../docx/nd30.ts';
import type { Inline, TableRowSpec } from '../docx/nd30.ts';
import { renderTaskStatusChart, type ChartImage } from './chart.ts';
import { DIRECTIVE } from './renderTemplate.ts';
import { appendixOf, closingOf, headerOf, reportTitle, signerOf } from './reportFrame.ts';
import { columnsFor, describeTable, type Cell, type TableDescription } from './reportTables.ts';

/**
 * Maps the rendered template (an mdast tree) to a DOCX laid out by nd30.ts.
 *
 * The template decides the wording and the order; the frame of Nghị định 30 is built from the
 * report's data (reportFrame.ts). Block directives (HTML comments written by the template or its
 * helpers) say where:
 * - `da06:dau-van-ban`: the header block (agency, number, quốc hiệu, place and date) and the title;
 * - `da06:cuoi-van-ban`: Nơi nhận and the signature block;
 * - `da06:phu-luc`: the appendices begin; from there each level-1 heading ("# Tiến độ …") opens an
 *   appendix, numbered "Phụ lục I", "Phụ lục II", … in order, on pages of its own;
 * - `da06:ngat-trang` breaks the page;
 * - `da06:table NAME` and `da06:chart NAME` (from the `bang` and `bieuDo` helpers).
 * Any other HTML is printed as it stands.
 */

export interface RenderAssets {
  /** Draws the chart (injectable for tests); defaults to resvg. */
  chart?: (report: ConsolidatedReport) => ChartImage;
  /** The chart already being drawn, for writeReportDocx (the report command starts it while the writers load). */
  chartImage?: Promise<ChartImage>;
}

/** A directive the DOCX writer does not know (e.g. one of the former positional ones). */
export class DirectiveError extends Error {}

/** Directives of earlier templates that took the paragraph after them; the frame is now built from the data. */
const REPLACED: Record<string, string> = {
  'co-quan': 'da06:dau-van-ban',
  so: 'da06:dau-van-ban',
  'quoc-hieu': 'da06:dau-van-ban',
  'dia-danh': 'da06:dau-van-ban',
  'tieu-de': 'da06:dau-van-ban',
  'noi-nhan': 'da06:cuoi-van-ban',
  'chu-ky': 'da06:cuoi-van-ban',
  'ky-ten': 'da06:cuoi-van-ban',
  'can-giua': 'tiêu đề phụ lục "# …" sau da06:phu-luc; chú thích biểu đồ do chương trình ghi',
};

type Orientation = 'portrait' | 'landscape';
type Block = Paragraph | Table;

// ---------------------------------------------------------------------------------------------
// Inline content

function phrasing(nodes: readonly PhrasingContent[], style: { bold?: boolean; italic?: boolean } = {}): Inline[] {
  const out: Inline[] = [];
  let pendingBreak = false;
  const push = (text: string): void => {
    text.split('\n').forEach((part, i) => {
      if (i > 0) pendingBreak = true;
      if (part === '' && !pendingBreak) return;
      out.push({ text: part, ...style, ...(pendingBreak ? { break: true } : {}) });
      pendingBreak = false;
    });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
        push(node.value);
        break;
      case 'strong':
        out.push(...withBreak(phrasing(node.children, { ...style, bold: true }), pendingBreak));
        pendingBreak = false;
        break;
      case 'emphasis':
        out.push(...withBreak(phrasing(node.children, { ...style, italic: true }), pendingBreak));
        pendingBreak = false;
        break;
      case 'delete':
      case 'link':
      case 'linkReference':
        out.push(...withBreak(phrasing(node.children, style), pendingBreak));
        pendingBreak = false;
        break;
      case 'break':
        pendingBreak = true;
        break;
      case 'image':
      case 'imageReference':
        push(node.alt ?? '');
        break;
      default:
        break;
    }
  }
  if (pendingBreak) out.push({ text: '', ...style, break: true });
  return out;
}

function withBreak(inlines: Inline[], pending: boolean): Inline[] {
  if (!pending) return inlines;
  const [first, ...rest] = inlines;
  return first ? [{ ...first, break: true }, ...rest] : [{ text: '', break: true }];
}

// ---------------------------------------------------------------------------------------------
// Generated tables

function cellInlines(cell: Cell): Inline[] {
  switch (cell.kind) {
    case 'text': {
      const main: Inline[] = cell.text === '' ? [] : [{ text: cell.text, ...(cell.bold ? { bold: true } : {}) }];
      return cell.note ? [...main, { text: cell.note, italic: true, ...(main.length ? { break: true } : {}) }] : main;
    }
    case 'number':
      return [{ text: formatVietnameseNumber(cell.value, cell.digits ?? 0), ...(cell.bold ? { bold: true } : {}) }];
    case 'percent':
      return [{ text: formatPercent(cell.value, cell.digits ?? 1) }];
    case 'date':
      return [{ text: formatShortDate(cell.iso) }];
    case 'empty':
      return [];
  }
}

/** A table description drawn as an NĐ30 data table; groups become title rows when the table asks for it. */
export function docxTable(table: TableDescription, orientation: Orientation): Table {
  const { columns, rows } = columnsFor(table, 'docx');
  const specs: TableRowSpec[] = [];
  let group: string | undefined;
  for (const row of rows) {
    if (table.groupTitles && row.group !== undefined && row.group !== group) specs.push({ title: [{ text: row.group }] });
    group = row.group;
    specs.push({ cells: row.cells.map(cellInlines) });
  }
  return nd30.dataTable(columns, specs, orientation);
}

const CHARTS: Record<string, { caption: string; draw: (report: ConsolidatedReport) => ChartImage }> = {
  'task-status': { caption: 'Tình trạng thực hiện nhiệm vụ theo nhóm', draw: (r) => renderTaskStatusChart(r.groups) },
};

// ---------------------------------------------------------------------------------------------
// Blocks

function listBlocks(list: List, depth: number): Paragraph[] {
  const out: Paragraph[] = [];
  list.children.forEach((item: ListItem, i) => {
    const marker = list.ordered ? `${(list.start ?? 1) + i}. ` : '- ';
    let first = true;
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        out.push(nd30.listItem(first ? marker : '', phrasing(child.children), depth));
        first = false;
      } else if (child.type === 'list') out.push(...listBlocks(child, depth + 1));
      else out.push(...plainBlock(child));
    }
    if (first) out.push(nd30.listItem(marker, [], depth));
  });
  return out;
}

/** Blocks that are not directives: headings, paragraphs, lists, and anything else as text. */
function plainBlock(node: RootContent): Paragraph[] {
  switch (node.type) {
    case 'heading':
      return [nd30.heading(Math.min(node.depth, 3) as 1 | 2 | 3, phrasing(node.children))];
    case 'paragraph':
      return [nd30.bodyParagraph(phrasing(node.children))];
    case 'list':
      return listBlocks(node, 0);
    case 'blockquote':
      return node.children.flatMap((c) => plainBlock(c));
    case 'code':
    case 'html':
      return [nd30.bodyParagraph(phrasing([{ type: 'text', value: node.value }]))];
    default:
      return [];
  }
}

function directiveOf(node: RootContent): { name: string; arg: string | undefined } | undefined {
  if (node.type !== 'html') return undefined;
  const m = node.value.trim().match(DIRECTIVE);
  return m ? { name: m[1]!, arg: m[2] } : undefined;
}

/** The plain text of a heading: an appendix's title. */
function plainText(nodes: readonly PhrasingContent[]): string {
  return phrasing(nodes)
    .map((r) => (r.break ? ` ${r.text}` : r.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function markdownToDocx(tree: Root, report: ConsolidatedReport, assets: RenderAssets = {}): Document {
  interface Section {
    appendix?: string;
    children: Block[];
  }
  const sections: Section[] = [{ children: [] }];
  const current = (): Section => sections[sections.length - 1]!;
  const orientation = (): Orientation => (current().appendix ? 'landscape' : 'portrait');
  let inAppendices = false;
  let appendices = 0;
  let drawingId = 0;
  let charts = 0;
  const title = reportTitle(report);
  for (const node of tree.children) {
    const d = directiveOf(node);
    const out = current().children;
    if (!d) {
      if (inAppendices && node.type === 'heading' && node.depth === 1) {
        appendices += 1;
        const heading = appendixOf(report, appendices, plainText(node.children));
        sections.push({ appendix: heading.label, children: nd30.appendixHeading(heading) });
      } else out.push(...plainBlock(node));
      continue;
    }
    if (d.name in REPLACED) throw new DirectiveError(`chỉ dẫn "da06:${d.name}" không còn được dùng; thay bằng: ${REPLACED[d.name]}`);
    switch (d.name) {
      case 'dau-van-ban':
        out.push(nd30.headerBlock(headerOf(report)), ...nd30.titleBlock(title.kind, [title.summary]));
        continue;
      case 'cuoi-van-ban':
        out.push(nd30.beforeClosing(), nd30.closingBlock(closingOf(report, signerOf(report))));
        continue;
      case 'phu-luc':
        inAppendices = true;
        continue;
      case 'ngat-trang':
        out.push(nd30.pageBreak());
        continue;
      case 'table': {
        const table = d.arg ? describeTable(d.arg, report) : undefined;
        if (!table) break;
        out.push(docxTable(table, orientation()), nd30.afterTable());
        continue;
      }
      case 'chart': {
        const chart = d.arg ? CHARTS[d.arg] : undefined;
        if (!chart) break;
        const image = (assets.chart ?? chart.draw)(report);
        drawingId += 1;
        charts += 1;
        out.push(
          nd30.figure({ png: image.png, width: image.width, height: image.height, id: drawingId, name: `chart-${drawingId}`, description: d.arg! }),
          nd30.centredParagraph([{ text: `Biểu đồ ${charts}. ${chart.caption}`, italic: true }]),
        );
        continue;
      }
    }
    out.push(...plainBlock(node));
  }

  const docSections: ISectionOptions[] = sections.map((s) => (s.appendix ? nd30.appendixSection(s.appendix, s.children) : nd30.portraitSection(s.children)));
  return nd30.createDocument({ title: title.full, creator: report.standing.name, sections: docSections });
}
