import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';

/**
 * The layout of an administrative document per Nghị định 30/2020/NĐ-CP, Phụ lục I: page, margins,
 * fonts, the header block (cơ quan ban hành, số, quốc hiệu và tiêu ngữ, địa danh và ngày tháng),
 * title, headings, body, tables, Nơi nhận and the signature block, page numbers.
 *
 * Only layout lives here: every word comes from the caller (the templates).
 */

const mm = (n: number): number => Math.round((n * 1440) / 25.4);
const pt = (n: number): number => n * 20; // twips
const halfPt = (n: number): number => n * 2; // w:sz

export const FONT = 'Times New Roman';

/** A4 portrait, in twips. */
export const PAGE = { width: 11906, height: 16838 } as const;
/** Portrait margins: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
/** Landscape pages keep the binding edge: the portrait left margin becomes the top. */
export const LANDSCAPE_MARGIN = { top: mm(30), bottom: mm(15), left: mm(20), right: mm(20) } as const;
export const TEXT_WIDTH = {
  portrait: PAGE.width - MARGIN.left - MARGIN.right,
  landscape: PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right,
} as const;
const HEADER_DISTANCE = mm(10);

const SIZE = {
  body: 14,
  table: 12,
  agency: 13,
  number: 13,
  nation: 12,
  motto: 13,
  placeDate: 14,
  title: 14,
  recipientsLabel: 12,
  recipients: 11,
  signer: 14,
  pageNumber: 13,
} as const;

const FIRST_LINE = 720; // 1,27 cm
const LINE_115 = 276; // 1,15 × 240
const AFTER = pt(6);

/** A piece of inline text with its emphasis; `break` starts a new line before it. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  break?: boolean;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const THIN_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

const upper = (s: string): string => s.toLocaleUpperCase('vi');

function runs(inlines: readonly Inline[], size: number, force: { bold?: boolean; italic?: boolean } = {}): TextRun[] {
  return inlines.map(
    (r) =>
      new TextRun({
        text: r.text,
        font: FONT,
        size: halfPt(size),
        bold: force.bold ?? r.bold,
        italics: force.italic ?? r.italic,
        break: r.break ? 1 : undefined,
      }),
  );
}

/** Lines of plain text as runs separated by line breaks. */
function lineRuns(lines: readonly string[], size: number, force: { bold?: boolean; italic?: boolean } = {}): TextRun[] {
  return runs(
    lines.map((text, i) => ({ text, break: i > 0 })),
    size,
    force,
  );
}

const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } as const;

function centred(children: ParagraphChild[], extra: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: tight, ...extra, children });
}

/**
 * Rough printed width of a line in Times New Roman, in twips: enough to size the short rules under
 * the agency name, the motto and the summary.
 */
export function estimateTextWidth(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch, bold);
  return Math.round(em * pt(sizePt));
}

const CHAR_WIDTH = [new Map<string, number>(), new Map<string, number>()] as const;

/** A character's width in em, cached: tables measure every cell of the report. */
function charWidth(ch: string, bold: boolean): number {
  const cache = CHAR_WIDTH[bold ? 1 : 0];
  let w = cache.get(ch);
  if (w === undefined) {
    w = 0;
    // a letter with diacritics is as wide as its base letter (marks add nothing)
    for (const base of ch.normalize('NFD').replace(/\p{M}/gu, '')) {
      if (base === ' ') w += 0.25;
      else if (/[Iil.,:;!'|]/.test(base)) w += 0.3;
      else if (/[-()/]/.test(base)) w += 0.34;
      else if (/[MWmw%]/.test(base)) w += 0.9;
      else if (/[&@]/.test(base)) w += 0.8;
      else if (/\p{Lu}/u.test(base)) w += bold ? 0.74 : 0.69;
      else if (/\d/.test(base)) w += 0.5;
      else w += bold ? 0.5 : 0.46;
    }
    cache.set(ch, w);
  }
  return w;
}

/** A horizontal line of `length` twips, centred in a space `width` twips wide: a paragraph's bottom border. */
function shortRule(length: number, width: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { font: FONT, size: 4 },
    children: [],
  });
}

/** Document-wide defaults: Times New Roman 14 pt, justified body spacing, headings without colours. */
export function documentStyles(): IStylesOptions {
  const headingRun = { font: FONT, size: halfPt(SIZE.body), color: '000000' };
  const headingParagraph = { spacing: { before: pt(6), after: AFTER, line: LINE_115, lineRule: LineRuleType.AUTO }, indent: { firstLine: FIRST_LINE }, keepNext: true };
  return {
    default: {
      document: {
        run: { font: FONT, size: halfPt(SIZE.body) },
        paragraph: { spacing: { after: AFTER, line: LINE_115, lineRule: LineRuleType.AUTO } },
      },
      heading1: { run: { ...headingRun, bold: true }, paragraph: headingParagraph },
      heading2: { run: { ...headingRun, bold: true }, paragraph: headingParagraph },
      heading3: { run: { ...headingRun }, paragraph: headingParagraph },
    },
  };
}

export interface HeaderBlockOptions {
  /** Issuing agency, one line each: the governing body (plain caps) above the agency itself (bold caps). */
  agency: readonly string[];
  /** "Số: …/BC-…" */
  number: string;
  /** Quốc hiệu, then tiêu ngữ. */
  nation: readonly string[];
  /** "Quảng Ngãi, ngày 05 tháng 01 năm 2023" */
  placeDate: string;
}

/**
 * Column widths of the header block: the right column is as wide as its widest line (quốc hiệu,
 * tiêu ngữ, place and date) plus a little air, the left takes the rest; both together are exactly
 * the text width, so the block never overhangs the margins.
 */
export function headerColumns(o: HeaderBlockOptions): [number, number] {
  const [nationLine = '', ...mottoLines] = o.nation;
  const right = Math.max(
    estimateTextWidth(upper(nationLine), SIZE.nation, true),
    estimateTextWidth(mottoLines.join(' '), SIZE.motto, true),
    estimateTextWidth(o.placeDate, SIZE.placeDate),
  );
  const rightWidth = Math.min(Math.round(right * 1.08) + pt(6), Math.round(TEXT_WIDTH.portrait * 0.62));
  return [TEXT_WIDTH.portrait - rightWidth, rightWidth];
}

/** Words after which a Vietnamese agency name breaks best: the kind of unit, before the place's name. */
const UNIT_WORDS = new Set(['TỈNH', 'PHỐ', 'HUYỆN', 'QUẬN', 'XÃ', 'PHƯỜNG']);

/**
 * A line as is when it fits `width` (with a little room); else on two lines, broken after the kind
 * of unit ("CÔNG AN THÀNH PHỐ" / "CẦN THƠ"), or else where the first line is longest and still fits,
 * never next to a dash.
 */
export function fitOnTwoLines(line: string, sizePt: number, bold: boolean, width: number): string[] {
  const fits = (text: string): boolean => estimateTextWidth(text, sizePt, bold) * 1.04 <= width;
  if (fits(line)) return [line];
  const words = line.split(' ');
  const splits = words.slice(1).map((_, k) => [words.slice(0, k + 1).join(' '), words.slice(k + 1).join(' ')] as const);
  const fitting = splits.filter(([a, b]) => fits(a) && fits(b) && !a.endsWith('-') && !b.startsWith('-'));
  const byUnit = fitting.find(([a]) => UNIT_WORDS.has(a.split(' ').pop()!));
  const chosen = byUnit ?? fitting[fitting.length - 1];
  return chosen ? [...chosen] : [line];
}

const borderless = (width: number, children: Paragraph[], top = 0): TableCell =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top, bottom: 0 },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    children,
  });

/** A borderless layout table exactly as wide as the text, never indented past the margin. */
function layoutTable(columns: readonly number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...columns],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows,
  });
}

/**
 * The header block: a borderless two-column table. Left: the issuing agency with a short rule under
 * it, then the number. Right: quốc hiệu, tiêu ngữ with a rule as long as itself, then the place and
 * date in italics, level with the number.
 */
export function headerBlock(o: HeaderBlockOptions): Table {
  const [leftWidth, rightWidth] = headerColumns(o);
  // the issuing agency (the last line, bold) on two balanced lines when it does not fit on one
  const agencyLines = o.agency.map(upper).map((line, i, all) => ({ lines: fitOnTwoLines(line, SIZE.agency, i === all.length - 1, leftWidth), bold: i === all.length - 1 }));
  const agencyParagraphs = agencyLines.flatMap(({ lines, bold }) => lines.map((line) => centred(runs([{ text: line }], SIZE.agency, { bold }))));
  const issuer = agencyLines[agencyLines.length - 1]?.lines ?? [];
  const agencyRule = shortRule(Math.round(Math.max(0, ...issuer.map((l) => estimateTextWidth(l, SIZE.agency, true))) * 0.4), leftWidth);
  const [nationLine = '', ...mottoLines] = o.nation;
  const motto = mottoLines.join(' ');
  const right = [
    centred(runs([{ text: upper(nationLine) }], SIZE.nation, { bold: true })),
    centred(runs([{ text: motto }], SIZE.motto, { bold: true })),
    shortRule(estimateTextWidth(motto, SIZE.motto, true), rightWidth),
  ];
  return layoutTable(
    [leftWidth, rightWidth],
    [
      new TableRow({ cantSplit: true, children: [borderless(leftWidth, [...agencyParagraphs, agencyRule]), borderless(rightWidth, right)] }),
      new TableRow({
        cantSplit: true,
        children: [
          borderless(leftWidth, [centred(runs([{ text: o.number }], SIZE.number))], pt(6)),
          borderless(rightWidth, [centred(runs([{ text: o.placeDate }], SIZE.placeDate, { italic: true }))], pt(6)),
        ],
      }),
    ],
  );
}

/** "BÁO CÁO" and the summary line(s) under it, with a short rule. */
export function titleBlock(kind: string, summary: readonly string[]): Paragraph[] {
  const widest = Math.max(0, ...summary.map((s) => Math.min(estimateTextWidth(s, SIZE.title, true), TEXT_WIDTH.portrait)));
  return [
    centred(runs([{ text: upper(kind) }], SIZE.title, { bold: true }), { spacing: { ...tight, before: pt(18) }, keepNext: true }),
    centred(lineRuns(summary, SIZE.title, { bold: true }), { keepNext: true }),
    shortRule(Math.round(Math.max(widest / 3, 1200)), TEXT_WIDTH.portrait),
    new Paragraph({ spacing: { before: 0, after: pt(6) }, children: [] }),
  ];
}

const bodyLayout = {
  alignment: AlignmentType.JUSTIFIED,
  spacing: { before: 0, after: AFTER, line: LINE_115, lineRule: LineRuleType.AUTO },
  indent: { firstLine: FIRST_LINE },
} as const;

const HEADING = ['Heading1', 'Heading2', 'Heading3'] as const;

/** Heading levels: 1 "I. …" caps bold, 2 "1. …" bold, 3 "a) …" plain; indented like the body. */
export function heading(level: 1 | 2 | 3, inlines: readonly Inline[]): Paragraph {
  const text = level === 1 ? inlines.map((r) => ({ ...r, text: upper(r.text) })) : inlines;
  return new Paragraph({
    ...bodyLayout,
    style: HEADING[level - 1],
    spacing: { ...bodyLayout.spacing, before: pt(6) },
    keepNext: true,
    children: runs(text, SIZE.body, level < 3 ? { bold: true } : {}),
  });
}

/** A body paragraph: 14 pt, justified, first line indented 1,27 cm. */
export function bodyParagraph(inlines: readonly Inline[]): Paragraph {
  return new Paragraph({ ...bodyLayout, children: runs(inlines, SIZE.body) });
}

/** A list item as a body paragraph opening with its marker ("- ", "1. "); nested items indent further. */
export function listItem(marker: string, inlines: readonly Inline[], depth = 0): Paragraph {
  return new Paragraph({
    ...bodyLayout,
    indent: { firstLine: FIRST_LINE + depth * 567 },
    children: runs([{ text: marker }, ...inlines], SIZE.body),
  });
}

/** A centred paragraph keeping its inline emphasis: appendix titles, captions. */
export function centredParagraph(inlines: readonly Inline[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: AFTER, line: LINE_115, lineRule: LineRuleType.AUTO },
    keepNext: true,
    children: runs(inlines, SIZE.body),
  });
}

const ROMAN: readonly [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

/** 1 → "I", 4 → "IV", 12 → "XII": appendices are numbered in Roman numerals. */
export function romanNumeral(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

export interface AppendixHeadingOptions {
  /** "Phụ lục I" */
  label: string;
  /** The appendix's own title line, printed in capitals. */
  title: string;
  /** "(Kèm theo Báo cáo số …/… ngày … của …)" */
  attachedTo: string;
}

/** An appendix's heading, centred: "Phụ lục I" in bold, its title in bold capitals, then what it is attached to in italics. */
export function appendixHeading(o: AppendixHeadingOptions): Paragraph[] {
  return [
    centred(runs([{ text: o.label }], SIZE.title, { bold: true }), { keepNext: true }),
    centred(runs([{ text: upper(o.title) }], SIZE.title, { bold: true }), { keepNext: true }),
    centred(runs([{ text: o.attachedTo }], SIZE.body, { italic: true }), { keepNext: true, spacing: { ...tight, after: pt(12) } }),
  ];
}

export function pageBreak(): Paragraph {
  return new Paragraph({ spacing: tight, children: [new PageBreak()] });
}

export interface TableColumn {
  header: string;
  /** Relative width; what is left after every column's minimum is shared in these proportions. */
  weight: number;
  align?: 'left' | 'center' | 'right';
  /** Its cells never wrap (numbers, codes such as "III.6.a.2", dates): the column is as wide as its widest cell. */
  nowrap?: boolean;
}

/** A table row: cells of inline text, or a title row spanning the whole table (a group of tasks). */
export type TableRowSpec = { cells: readonly (readonly Inline[])[] } | { title: readonly Inline[] };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cellParagraph(inlines: readonly Inline[], align: 'left' | 'center' | 'right', bold?: boolean): Paragraph {
  return new Paragraph({
    alignment: ALIGN[align],
    spacing: { before: pt(2), after: pt(2), line: 240, lineRule: LineRuleType.AUTO },
    run: { font: FONT, size: halfPt(SIZE.table) }, // an empty cell is as tall as a filled one
    children: runs(inlines, SIZE.table, bold ? { bold } : {}),
  });
}

const CELL_MARGIN = 85;

/** The narrowest a column may be: its widest cell (nowrap) or its longest word, header included, plus the cell margins. */
function minimumWidth(column: TableColumn, cells: readonly (readonly Inline[])[]): number {
  const widest = (text: string, bold: boolean): number =>
    column.nowrap ? estimateTextWidth(text, SIZE.table, bold) : Math.max(0, ...text.split(/\s+/).map((w) => estimateTextWidth(w, SIZE.table, bold)));
  let max = Math.max(0, ...column.header.split(/\s+/).map((w) => estimateTextWidth(w, SIZE.table, true)));
  for (const cell of cells) {
    const lines = [''];
    for (const r of cell) {
      if (r.break) lines.push('');
      lines[lines.length - 1] += r.text;
    }
    const bold = cell.some((r) => r.bold);
    for (const line of lines) max = Math.max(max, widest(line, bold));
  }
  // the estimate is rough: a little more so that the text really fits
  return Math.ceil(max * 1.15) + 2 * CELL_MARGIN + 40;
}

/**
 * Column widths that fit the content: each column gets at least its minimum; the rest of the text
 * width is shared by weight among the columns that wrap.
 */
export function fitColumns(columns: readonly TableColumn[], rows: readonly TableRowSpec[], total: number): number[] {
  const cellsOf = (i: number): (readonly Inline[])[] => rows.flatMap((r) => ('cells' in r ? [r.cells[i] ?? []] : []));
  const minimum = columns.map((c, i) => minimumWidth(c, cellsOf(i)));
  const widths = [...minimum];
  const flexible = columns.map((c, i) => i).filter((i) => !columns[i]!.nowrap);
  let open = flexible.length > 0 ? flexible : columns.map((_, i) => i);
  // Share what the fixed columns leave; a column whose share is below its minimum keeps the minimum and leaves the sharing.
  for (;;) {
    const fixed = widths.reduce((a, w, i) => (open.includes(i) ? a : a + w), 0);
    const left = total - fixed;
    const weight = open.reduce((a, i) => a + columns[i]!.weight, 0);
    const below = open.filter((i) => (left * columns[i]!.weight) / weight < minimum[i]!);
    if (below.length === 0 || below.length === open.length) {
      for (const i of open) widths[i] = Math.max(minimum[i]!, Math.floor((left * columns[i]!.weight) / weight));
      break;
    }
    open = open.filter((i) => !below.includes(i));
  }
  // rounding (and overfull tables) go to the widest flexible column
  const widest = (flexible.length ? flexible : widths.map((_, i) => i)).reduce((a, i) => (widths[i]! > widths[a]! ? i : a));
  widths[widest]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * A data table in 12 pt with thin borders, filling the text width of its orientation, its columns
 * as wide as their content needs. The header row repeats on every page and no row splits across pages.
 */
export function dataTable(columns: readonly TableColumn[], rows: readonly TableRowSpec[], orientation: 'portrait' | 'landscape'): Table {
  const total = TEXT_WIDTH[orientation];
  const widths = fitColumns(columns, rows, total);
  const margins = { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 };
  const cell = (i: number, paragraph: Paragraph): TableCell =>
    new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, margins, verticalAlign: VerticalAlignTable.CENTER, children: [paragraph] });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(i, cellParagraph([{ text: c.header }], 'center', true))),
  });
  const body = rows.map((row) =>
    'title' in row
      ? new TableRow({
          cantSplit: true,
          keepNext: true,
          children: [
            new TableCell({
              width: { size: total, type: WidthType.DXA },
              columnSpan: columns.length,
              margins,
              children: [cellParagraph(row.title, 'left', true)],
            }),
          ],
        })
      : new TableRow({
          cantSplit: true,
          children: columns.map((c, i) => cell(i, cellParagraph(row.cells[i] ?? [], c.align ?? 'left'))),
        }),
  );
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: THIN_BORDERS,
    rows: [header, ...body],
  });
}

/** Space after a table, before the text that follows. */
export function afterTable(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: pt(6) }, children: [] });
}

export interface FigureOptions {
  png: Uint8Array;
  /** Size on the page, in pixels at 96 to the inch. */
  width: number;
  height: number;
  /** Drawing id, unique in the document (stable ids keep the output byte-identical). */
  id: number;
  name: string;
  description: string;
}

/** A centred picture. */
export function figure(o: FigureOptions): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: pt(6), after: pt(6) },
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: o.png,
        transformation: { width: o.width, height: o.height },
        altText: { id: String(o.id), name: o.name, description: o.description, title: o.name },
      }),
    ],
  });
}

export interface ClosingBlockOptions {
  /** "Nơi nhận:" */
  recipientsLabel: string;
  /** Each printed as "- …" (the caller writes the ";" and the last "Lưu: …" line). */
  recipients: readonly string[];
  /** Authority and title lines: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  signerLines: readonly string[];
  /** The signer's name; without it, `namePlaceholder` is printed highlighted, so the place is not missed. */
  signerName?: string;
  namePlaceholder: string;
}

const CLOSING_COLUMNS = [4300, TEXT_WIDTH.portrait - 4300] as const;

/** Nơi nhận (left) and the signature block (right) in a borderless two-column table. */
export function closingBlock(o: ClosingBlockOptions): Table {
  const [leftWidth, rightWidth] = CLOSING_COLUMNS;
  const left = [
    new Paragraph({ spacing: tight, children: runs([{ text: o.recipientsLabel }], SIZE.recipientsLabel, { bold: true, italic: true }) }),
    ...o.recipients.map((r) => new Paragraph({ spacing: tight, children: runs([{ text: `- ${r}` }], SIZE.recipients) })),
  ];
  const name = o.signerName
    ? runs([{ text: o.signerName }], SIZE.signer, { bold: true })
    : [new TextRun({ text: o.namePlaceholder, font: FONT, size: halfPt(SIZE.signer), italics: true, highlight: 'yellow' })];
  const right = [
    ...o.signerLines.map((line) => centred(runs([{ text: upper(line) }], SIZE.signer, { bold: true }))),
    centred(name, { spacing: { ...tight, before: pt(80) } }),
  ];
  return layoutTable(CLOSING_COLUMNS, [new TableRow({ cantSplit: true, children: [borderless(leftWidth, left), borderless(rightWidth, right)] })]);
}

/** Space between the body and the closing block. */
export function beforeClosing(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: pt(6) }, keepNext: true, children: [] });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: tight,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: halfPt(SIZE.pageNumber) })],
      }),
    ],
  });
}

/** The first (portrait) section: no number on the first page, centred page numbers at the top from page 2. */
export function portraitSection(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
        margin: { ...MARGIN, header: HEADER_DISTANCE, footer: HEADER_DISTANCE, gutter: 0 },
      },
    },
    headers: { first: new Header({ children: [new Paragraph({ spacing: tight, children: [] })] }), default: pageNumberHeader() },
    children,
  };
}

/**
 * An appendix: a landscape section of its own whose pages are numbered apart from the body's,
 * restarting at 1 and reading "Phụ lục I - 2" at the top, from its second page.
 */
export function appendixSection(label: string, children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
        margin: { ...LANDSCAPE_MARGIN, header: HEADER_DISTANCE, footer: HEADER_DISTANCE, gutter: 0 },
        pageNumbers: { start: 1 },
      },
    },
    headers: {
      first: new Header({ children: [new Paragraph({ spacing: tight, children: [] })] }),
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: tight,
            children: [new TextRun({ children: [`${label} - `, PageNumber.CURRENT], font: FONT, size: halfPt(SIZE.table), italics: true })],
          }),
        ],
      }),
    },
    children,
  };
}

export interface DocumentOptions {
  title: string;
  creator: string;
  sections: ISectionOptions[];
}

export function createDocument(o: DocumentOptions): Document {
  return new Document({
    title: o.title,
    creator: o.creator,
    lastModifiedBy: o.creator,
    revision: 1,
    styles: documentStyles(),
    // Lines ending in a line break (a clerk's text keeps its lines) are not stretched to the margin.
    compatibility: { doNotExpandShiftReturn: true },
    sections: o.sections,
  });
}
