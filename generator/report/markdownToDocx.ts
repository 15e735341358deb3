import type { Document, ISectionOptions, Paragraph, Table } from 'docx';
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { ConsolidatedReport, TaskSummary } from '../../core/report/schema.ts';
import { AGENCY_STATUS_LABEL, TASK_STATUS_LABEL } from '../../core/report/labels.ts';
import { formatPercent, formatVietnameseNumber } from '../../core/text/numbers.ts';
import { formatShortDate } from '../../core/text/dates.ts';
import * as nd30 from '../docx/nd30.ts';
import type { Inline, TableColumn, TableRowSpec } from '../docx/nd30.ts';
import { renderTaskStatusChart, type ChartImage } from './chart.ts';
import { DIRECTIVE } from './renderTemplate.ts';

/**
 * Maps the rendered template (an mdast tree) to a DOCX laid out by nd30.ts.
 *
 * Block directives (HTML comments written by the template or its helpers) place what Markdown
 * cannot say:
 * - header parts, each taking the paragraph after it (one line per line of that paragraph):
 *   `da06:co-quan` (issuing agency), `da06:so` (number), `da06:quoc-hieu` (quốc hiệu and tiêu ngữ),
 *   `da06:dia-danh` (place and date), `da06:tieu-de` (document type, then the summary lines);
 * - the closing block: `da06:noi-nhan` (label paragraph and the list of recipients), `da06:chu-ky`
 *   (signer's title lines), `da06:ky-ten` (signer's name);
 * - `da06:can-giua` centres the paragraph after it (appendix titles, captions);
 * - `da06:phu-luc` starts the landscape appendix section; `da06:ngat-trang` breaks the page;
 * - `da06:table NAME` and `da06:chart NAME` (from the `bang` and `bieuDo` helpers).
 * Any other HTML is printed as it stands.
 */

export interface RenderAssets {
  /** Draws the chart (injectable for tests); defaults to resvg. */
  chart?: (report: ConsolidatedReport) => ChartImage;
}

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

/** The plain lines of a paragraph: its line breaks (soft or hard) separate them. */
function lines(node: RootContent | undefined): string[] {
  if (!node || node.type !== 'paragraph') return [];
  const result: string[] = [''];
  for (const r of phrasing(node.children)) {
    if (r.break) result.push('');
    result[result.length - 1] += r.text;
  }
  return result.map((l) => l.trim()).filter((l) => l !== '');
}

// ---------------------------------------------------------------------------------------------
// Generated tables

const t = (text: string, extra: Partial<Inline> = {}): Inline[] => (text === '' ? [] : [{ text, ...extra }]);
const num = (n: number | undefined): string => (n === undefined ? '' : formatVietnameseNumber(n, 1));

function leadNames(task: TaskSummary): string {
  if (task.leads.length <= 4) return task.leads.map((l) => l.name).join('; ');
  return `${task.leads.length} đơn vị`;
}

function taskRow(task: TaskSummary): TableRowSpec {
  return {
    cells: [
      t(task.id),
      [{ text: task.title }, ...(task.spread ? [{ text: task.spread.text, italic: true, break: true }] : [])],
      t(leadNames(task)),
      t(task.deadline),
      t(TASK_STATUS_LABEL[task.status]),
      t(task.progress === undefined ? '' : formatPercent(task.progress, 0)),
      t(task.overdue ? 'x' : ''),
    ],
  };
}

function tasksTable(report: ConsolidatedReport, orientation: Orientation): Table {
  const columns: TableColumn[] = [
    { header: 'Mã', weight: 7, align: 'center' },
    { header: 'Nhiệm vụ', weight: 36 },
    { header: 'Cơ quan chủ trì', weight: 19 },
    { header: 'Thời hạn', weight: 11, align: 'center' },
    { header: 'Trạng thái', weight: 11, align: 'center' },
    { header: 'Tiến độ', weight: 8, align: 'center' },
    { header: 'Quá hạn', weight: 8, align: 'center' },
  ];
  const rows: TableRowSpec[] = [];
  const known = new Set(report.groups.map((g) => g.code));
  for (const g of report.groups) {
    const tasks = report.tasks.filter((task) => task.group === g.code);
    if (tasks.length === 0) continue;
    rows.push({ title: t(g.name) });
    rows.push(...tasks.map(taskRow));
  }
  const others = report.tasks.filter((task) => !known.has(task.group));
  if (others.length > 0) {
    for (const code of [...new Set(others.map((o) => o.group))]) {
      rows.push({ title: t(code) });
      rows.push(...others.filter((o) => o.group === code).map(taskRow));
    }
  }
  return nd30.dataTable(columns, rows, orientation);
}

function overdueTable(report: ConsolidatedReport, orientation: Orientation): Table {
  const columns: TableColumn[] = [
    { header: 'STT', weight: 6, align: 'center' },
    { header: 'Mã', weight: 9, align: 'center' },
    { header: 'Nhiệm vụ', weight: 45 },
    { header: 'Cơ quan chủ trì', weight: 25 },
    { header: 'Thời hạn', weight: 15, align: 'center' },
  ];
  const rows = report.tasks
    .filter((task) => task.overdue)
    .map((task, i): TableRowSpec => ({ cells: [t(String(i + 1)), t(task.id), t(task.title), t(leadNames(task)), t(task.deadline)] }));
  return nd30.dataTable(columns, rows, orientation);
}

function indicatorsTable(report: ConsolidatedReport, orientation: Orientation): Table {
  const columns: TableColumn[] = [
    { header: 'Mã', weight: 8, align: 'center' },
    { header: 'Chỉ tiêu', weight: 40 },
    { header: 'Tử số', weight: 10, align: 'right' },
    { header: 'Mẫu số', weight: 10, align: 'right' },
    { header: 'Kết quả', weight: 10, align: 'right' },
    { header: 'Chỉ tiêu KH', weight: 11, align: 'center' },
    { header: 'Đánh giá', weight: 11, align: 'center' },
  ];
  const rows = report.indicators.map(
    (ind): TableRowSpec => ({
      cells: [
        t(ind.id),
        t(ind.name),
        t(num(ind.numerator)),
        t(num(ind.denominator)),
        t(ind.value === undefined ? '' : ind.unit === 'percent' ? formatPercent(ind.value) : num(ind.value)),
        t(ind.target ?? ''),
        t(ind.met === undefined ? '' : ind.met ? 'Đạt' : 'Chưa đạt', { bold: ind.met === false }),
      ],
    }),
  );
  return nd30.dataTable(columns, rows, orientation);
}

function agenciesTable(report: ConsolidatedReport, orientation: Orientation): Table {
  const columns: TableColumn[] = [
    { header: 'STT', weight: 6, align: 'center' },
    { header: 'Đơn vị', weight: 42 },
    { header: 'Tình trạng', weight: 15, align: 'center' },
    { header: 'Ngày lập', weight: 13, align: 'center' },
    { header: 'Ghi chú', weight: 24 },
  ];
  const rows = report.agencyRows.map((a, i): TableRowSpec => {
    const notes: string[] = [];
    if (a.errors > 0) notes.push(`${a.errors} lỗi`);
    if (a.warnings > 0) notes.push(`${a.warnings} cảnh báo`);
    if (a.superseded.length > 0) notes.push(`thay ${a.superseded.length} tệp gửi trước`);
    return {
      cells: [t(String(i + 1)), t(a.name), t(AGENCY_STATUS_LABEL[a.status], { bold: a.status !== 'on-time' }), t(a.reportDate ? formatShortDate(a.reportDate) : ''), t(notes.join('; '))],
    };
  });
  return nd30.dataTable(columns, rows, orientation);
}

function groupsTable(report: ConsolidatedReport, orientation: Orientation): Table {
  const columns: TableColumn[] = [
    { header: 'Nhóm nhiệm vụ', weight: 37 },
    { header: 'Tổng số', weight: 9, align: 'center' },
    { header: 'Đã hoàn thành', weight: 11, align: 'center' },
    { header: 'Đang thực hiện', weight: 11, align: 'center' },
    { header: 'Chưa thực hiện', weight: 11, align: 'center' },
    { header: 'Chưa báo cáo', weight: 11, align: 'center' },
    { header: 'Quá hạn', weight: 10, align: 'center' },
  ];
  const counts = (g: { total: number; done: number; inProgress: number; notStarted: number; noReport: number; overdue: number }): string[] =>
    [g.total, g.done, g.inProgress, g.notStarted, g.noReport, g.overdue].map(String);
  const sum = report.groups.reduce(
    (a, g) => ({ total: a.total + g.total, done: a.done + g.done, inProgress: a.inProgress + g.inProgress, notStarted: a.notStarted + g.notStarted, noReport: a.noReport + g.noReport, overdue: a.overdue + g.overdue }),
    { total: 0, done: 0, inProgress: 0, notStarted: 0, noReport: 0, overdue: 0 },
  );
  const rows: TableRowSpec[] = report.groups.map((g) => ({ cells: [t(g.name), ...counts(g).map((c) => t(c))] }));
  rows.push({ cells: [t('Tổng cộng', { bold: true }), ...counts(sum).map((c) => t(c, { bold: true }))] });
  return nd30.dataTable(columns, rows, orientation);
}

const TABLES: Record<string, (report: ConsolidatedReport, orientation: Orientation) => Table> = {
  tasks: tasksTable,
  overdue: overdueTable,
  indicators: indicatorsTable,
  agencies: agenciesTable,
  groups: groupsTable,
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

interface Frame {
  agency: string[];
  number: string[];
  nation: string[];
  placeDate: string[];
  title: string[];
  recipientsLabel: string[];
  recipients: string[];
  signer: string[];
  signerName: string[];
}

const HEADER_PARTS = new Set(['co-quan', 'so', 'quoc-hieu', 'dia-danh']);
const CLOSING_PARTS = new Set(['noi-nhan', 'chu-ky', 'ky-ten']);

function directiveOf(node: RootContent): { name: string; arg: string | undefined } | undefined {
  if (node.type !== 'html') return undefined;
  const m = node.value.trim().match(DIRECTIVE);
  return m ? { name: m[1]!, arg: m[2] } : undefined;
}

/** The title of the document for its properties: document type and summary. */
export function documentTitle(tree: Root): string {
  const i = tree.children.findIndex((n) => directiveOf(n)?.name === 'tieu-de');
  return i < 0 ? '' : lines(tree.children[i + 1]).join(' ');
}

export function markdownToDocx(tree: Root, report: ConsolidatedReport, assets: RenderAssets = {}): Document {
  const nodes = tree.children;
  const frame: Frame = { agency: [], number: [], nation: [], placeDate: [], title: [], recipientsLabel: [], recipients: [], signer: [], signerName: [] };
  const consumed = new Set<number>();
  // First pass: the header and closing parts, wherever they are.
  nodes.forEach((node, i) => {
    const d = directiveOf(node);
    if (!d) return;
    const next = nodes[i + 1];
    const take = (): string[] => {
      if (next?.type !== 'paragraph') return [];
      consumed.add(i + 1);
      return lines(next);
    };
    switch (d.name) {
      case 'co-quan': frame.agency = take(); break;
      case 'so': frame.number = take(); break;
      case 'quoc-hieu': frame.nation = take(); break;
      case 'dia-danh': frame.placeDate = take(); break;
      case 'tieu-de': frame.title = take(); break;
      case 'chu-ky': frame.signer = take(); break;
      case 'ky-ten': frame.signerName = take(); break;
      case 'noi-nhan': {
        frame.recipientsLabel = take();
        const list = nodes[i + 2];
        if (consumed.has(i + 1) && list?.type === 'list') {
          consumed.add(i + 2);
          frame.recipients = list.children.map((item) => item.children.flatMap((c) => lines(c)).join(' '));
        }
        break;
      }
    }
  });

  const sections: { orientation: Orientation; children: Block[] }[] = [{ orientation: 'portrait', children: [] }];
  const current = (): { orientation: Orientation; children: Block[] } => sections[sections.length - 1]!;
  let headerDone = false;
  let closingDone = false;
  let drawingId = 0;
  nodes.forEach((node, i) => {
    if (consumed.has(i)) return;
    const d = directiveOf(node);
    const out = current().children;
    if (!d) {
      out.push(...plainBlock(node));
      return;
    }
    if (HEADER_PARTS.has(d.name)) {
      if (headerDone) return;
      headerDone = true;
      out.push(nd30.headerBlock({ agency: frame.agency, number: frame.number.join(' '), nation: frame.nation, placeDate: frame.placeDate.join(' ') }));
      return;
    }
    if (CLOSING_PARTS.has(d.name)) {
      if (closingDone) return;
      closingDone = true;
      out.push(nd30.beforeClosing());
      out.push(
        nd30.closingBlock({
          recipientsLabel: frame.recipientsLabel.join(' '),
          recipients: frame.recipients,
          signerLines: frame.signer,
          signerName: frame.signerName.join(' ') || undefined,
        }),
      );
      return;
    }
    switch (d.name) {
      case 'tieu-de': {
        const [kind = '', ...summary] = frame.title;
        out.push(...nd30.titleBlock(kind, summary));
        return;
      }
      case 'phu-luc':
        sections.push({ orientation: 'landscape', children: [] });
        return;
      case 'ngat-trang':
        out.push(nd30.pageBreak());
        return;
      case 'can-giua': {
        const next = nodes[i + 1];
        if (next?.type !== 'paragraph') return;
        consumed.add(i + 1);
        out.push(nd30.centredParagraph(phrasing(next.children)));
        return;
      }
      case 'table': {
        const build = d.arg ? TABLES[d.arg] : undefined;
        if (!build) break;
        out.push(build(report, current().orientation), nd30.afterTable());
        return;
      }
      case 'chart': {
        if (d.arg !== 'task-status') break;
        const image = (assets.chart ?? ((r: ConsolidatedReport) => renderTaskStatusChart(r.groups)))(report);
        drawingId += 1;
        out.push(nd30.figure({ png: image.png, width: image.width, height: image.height, id: drawingId, name: `chart-${drawingId}`, description: d.arg }));
        return;
      }
    }
    out.push(...plainBlock(node));
  });

  const docSections: ISectionOptions[] = sections.map((s, i) =>
    i === 0 ? nd30.portraitSection(s.children) : s.orientation === 'landscape' ? nd30.landscapeSection(s.children) : nd30.portraitSection(s.children),
  );
  return nd30.createDocument({ title: documentTitle(tree), creator: report.standing.name, sections: docSections });
}
