import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Root, Paragraph } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toMarkdown } from 'mdast-util-to-markdown';
import { formatPercent, formatVietnameseNumber } from '../../core/text/numbers.ts';
import { formatDocumentDate, formatShortDate } from '../../core/text/dates.ts';
import { TASK_STATUS_LABEL } from '../../core/report/labels.ts';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { templateData } from '../../core/report/templateData.ts';
import { parsePeriodId, periodPhrase } from '../../core/period/period.ts';

/**
 * Renders a report template: Handlebars → Markdown → syntax tree (mdast).
 *
 * Safety: every string of the data is escaped for Markdown before rendering, by mdast's own
 * serializer, so text from submissions stays text whatever it contains. Tables, the chart and other
 * generated blocks are requested by helpers that write HTML comments (`<!-- da06:table tasks -->`);
 * escaped text can never produce one.
 */

/** A mistake in a template, with file, line and column (1-based) in the message. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly detail: string,
  ) {
    const where = line === undefined ? file : column === undefined ? `${file}, dòng ${line}` : `${file}, dòng ${line}, cột ${column}`;
    super(`Lỗi trong mẫu báo cáo ${where}: ${detail}`);
    this.name = 'TemplateError';
  }
}

/** Names the `bang` helper accepts: the generated tables. */
export const TABLE_NAMES = ['tasks', 'indicators', 'agencies', 'groups', 'overdue'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
/** Names the `bieuDo` helper accepts. */
export const CHART_NAMES = ['task-status'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** A directive in the Markdown: `<!-- da06:NAME ARG -->`. */
export const DIRECTIVE = /^<!--\s*da06:([a-z][a-z-]*)(?:\s+([a-z][a-z0-9-]*))?\s*-->$/;

/**
 * Text that Markdown cannot read as anything but text, whatever precedes it: it opens with a letter,
 * holds only letters, digits, single spaces and plain punctuation. The serializer returns it as it
 * is (test/generator/docxSpeed.test.ts checks it on random strings), so it skips the serializer:
 * more than half of the distinct strings of the demo report.
 */
const PLAIN_TEXT = /^\p{L}[\p{L}\p{M}\p{N},;.%/()'"“”‘’–-]*(?: [\p{L}\p{M}\p{N},;.%/()'"“”‘’–-]+)*$/u;

/** Escapes text for Markdown with mdast-util-to-markdown's serializer: it reads back as this very text. */
export function escapeMarkdown(value: string): string {
  if (PLAIN_TEXT.test(value)) return value;
  const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value }] };
  return toMarkdown(paragraph).replace(/\n$/, '');
}

/**
 * Every string (object values and array items, at any depth) NFC-normalised and escaped. Agency
 * names, statuses and dates repeat thousands of times in a large report: each distinct string is
 * escaped once.
 */
export function escapeData<T>(value: T, cache: Map<string, string> = new Map()): T {
  if (typeof value === 'string') {
    let escaped = cache.get(value);
    if (escaped === undefined) {
      escaped = escapeMarkdown(value.normalize('NFC').replace(/\r\n?/g, '\n'));
      cache.set(value, escaped);
    }
    return escaped as T;
  }
  if (Array.isArray(value)) return value.map((v) => escapeData(v, cache)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeData(v, cache);
    return out as T;
  }
  return value;
}

interface HelperOptions {
  loc?: { start: { line: number; column: number } };
  name?: string;
}

/** Thrown by helpers; turned into a TemplateError with the helper's place. */
class HelperError extends Error {
  constructor(
    message: string,
    readonly loc: HelperOptions['loc'],
  ) {
    super(message);
  }
}

function lastArg(args: unknown[]): HelperOptions {
  return (args[args.length - 1] ?? {}) as HelperOptions;
}

function numberArg(value: unknown, helper: string, options: HelperOptions): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new HelperError(`"${helper}" cần một số, nhận được ${JSON.stringify(value)}`, options.loc);
  return value;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const helpers = {
  /** {{so n}} or {{so n 0}}: 1.234,5 (empty when there is no value). */
  so(...args: unknown[]): string {
    const options = lastArg(args);
    const n = numberArg(args[0], 'so', options);
    const digits = args.length > 2 ? numberArg(args[1], 'so', options) : undefined;
    return n === undefined ? '' : escapeMarkdown(formatVietnameseNumber(n, digits ?? 1));
  },
  /** {{phanTram n}}: 64,5% (empty when there is no value). */
  phanTram(...args: unknown[]): string {
    const options = lastArg(args);
    const n = numberArg(args[0], 'phanTram', options);
    const digits = args.length > 2 ? numberArg(args[1], 'phanTram', options) : undefined;
    return n === undefined ? '' : escapeMarkdown(formatPercent(n, digits ?? 1));
  },
  /**
   * {{ngay d}}: "ngày 05 tháng 01 năm 2023"; {{ngay d "ngan"}}: "05/01/2023"; {{ngay d "thang"}}:
   * "01/2023"; {{ngay d "nam"}}: "2023". A month ("2023-01") takes "thang" and "nam". Empty when
   * there is no date.
   */
  ngay(...args: unknown[]): string {
    const options = lastArg(args);
    const [d, form] = args.length > 2 ? args : [args[0], undefined];
    if (d === undefined || d === null) return '';
    const isMonth = typeof d === 'string' && MONTH.test(d);
    if (typeof d !== 'string' || !(DATE.test(d) || (isMonth && (form === 'thang' || form === 'nam')))) {
      throw new HelperError(`"ngay" cần một ngày dạng YYYY-MM-DD (hoặc tháng YYYY-MM với dạng "thang", "nam"), nhận được ${JSON.stringify(d)}`, options.loc);
    }
    const [y, m] = d.split('-') as [string, string];
    switch (form) {
      case undefined:
        return escapeMarkdown(formatDocumentDate(d));
      case 'ngan':
        return escapeMarkdown(formatShortDate(d));
      case 'thang':
        return escapeMarkdown(`${m}/${y}`);
      case 'nam':
        return escapeMarkdown(y);
      default:
        throw new HelperError(`"ngay" không có dạng ${JSON.stringify(form)} (các dạng: "ngan", "thang", "nam")`, options.loc);
    }
  },
  /** {{bang "tasks"}}: a generated table. */
  bang(...args: unknown[]): string {
    const options = lastArg(args);
    const name = args[0];
    if (typeof name !== 'string' || !(TABLE_NAMES as readonly string[]).includes(name)) {
      throw new HelperError(`bảng "${String(name)}" không có; các bảng: ${TABLE_NAMES.join(', ')}`, options.loc);
    }
    return `\n\n<!-- da06:table ${name} -->\n\n`;
  },
  /** {{bieuDo "task-status"}}: a generated chart. */
  bieuDo(...args: unknown[]): string {
    const options = lastArg(args);
    const name = args[0];
    if (typeof name !== 'string' || !(CHART_NAMES as readonly string[]).includes(name)) {
      throw new HelperError(`biểu đồ "${String(name)}" không có; các biểu đồ: ${CHART_NAMES.join(', ')}`, options.loc);
    }
    return `\n\n<!-- da06:chart ${name} -->\n\n`;
  },
  /** {{trangThai status}}: "đã hoàn thành", "đang thực hiện", … from the one label table. */
  trangThai(...args: unknown[]): string {
    const options = lastArg(args);
    const label = (TASK_STATUS_LABEL as Record<string, string>)[String(args[0])];
    if (args.length < 2 || label === undefined) throw new HelperError(`"trangThai" cần một trạng thái (${Object.keys(TASK_STATUS_LABEL).join(', ')}), nhận được ${JSON.stringify(args[0])}`, options.loc);
    return escapeMarkdown(label.charAt(0).toLowerCase() + label.slice(1));
  },
  /** {{dem n "nhiệm vụ quá hạn"}}: "3 nhiệm vụ quá hạn", or "không có nhiệm vụ quá hạn" for zero. */
  dem(...args: unknown[]): string {
    const options = lastArg(args);
    const n = numberArg(args[0], 'dem', options) ?? 0;
    if (typeof args[1] !== 'string') throw new HelperError('"dem" cần một số và một cụm từ, ví dụ {{dem 3 "nhiệm vụ"}}', options.loc);
    return n === 0 ? `không có ${args[1]}` : `${escapeMarkdown(formatVietnameseNumber(n, 0))} ${args[1]}`;
  },
  /** {{ky "2023-01"}}: a period id inside a sentence ("tháng 01/2023", "quý I/2023"). */
  ky(...args: unknown[]): string {
    const options = lastArg(args);
    const p = typeof args[0] === 'string' ? parsePeriodId(args[0]) : undefined;
    if (!p) throw new HelperError(`"ky" cần mã kỳ báo cáo (2023-01, 2023-Q1, 2023-H1, 2023), nhận được ${JSON.stringify(args[0])}`, options.loc);
    return escapeMarkdown(periodPhrase(p));
  },
  /** (loc list "field" value): the items whose field equals value. */
  loc(...args: unknown[]): unknown[] {
    const options = lastArg(args);
    const [list, field, value] = args;
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list) || typeof field !== 'string' || args.length < 4) throw new HelperError('"loc" cần một danh sách, tên trường và giá trị, ví dụ (loc agencyRows "status" "late")', options.loc);
    return list.filter((item) => item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, field) && (item as Record<string, unknown>)[field] === value);
  },
  /**
   * {{noi list}} or {{noi list "name"}}: "A, B và C"; {{noi list "name" 5}} names five and counts
   * the rest ("A, B, C, D, E và 12 đơn vị khác").
   */
  noi(...args: unknown[]): string {
    const options = lastArg(args);
    const [list, field] = args;
    const most = args.length > 3 ? numberArg(args[2], 'noi', options) : undefined;
    if (list === undefined || list === null) return '';
    if (!Array.isArray(list)) throw new HelperError('"noi" cần một danh sách', options.loc);
    const names = list.map((item) => (typeof field === 'string' && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : item)).map(String);
    const shown = most !== undefined && names.length > most ? [...names.slice(0, most), `${formatVietnameseNumber(names.length - most, 0)} đơn vị khác`] : names;
    return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} và ${shown.at(-1)}`;
  },
  /**
   * {{cacSo n1 "nhiệm vụ đã hoàn thành" n2 "đang thực hiện" …}}: the non-zero counts with their
   * words, "8 nhiệm vụ đã hoàn thành, 4 đang thực hiện và 1 chưa có báo cáo" (empty when all are zero).
   */
  cacSo(...args: unknown[]): string {
    const options = lastArg(args);
    const pairs = args.slice(0, -1);
    if (pairs.length % 2 !== 0) throw new HelperError('"cacSo" cần từng cặp số và cụm từ, ví dụ {{cacSo done "đã hoàn thành" overdue "quá hạn"}}', options.loc);
    const parts: string[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const n = numberArg(pairs[i], 'cacSo', options) ?? 0;
      if (typeof pairs[i + 1] !== 'string') throw new HelperError('"cacSo" cần từng cặp số và cụm từ', options.loc);
      if (n !== 0) parts.push(`${escapeMarkdown(formatVietnameseNumber(n, 0))} ${pairs[i + 1] as string}`);
    }
    return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}`;
  },
  /**
   * {{thuong text}}: the text with a small first letter and no closing full stop, to go inside a
   * sentence ("thời hạn trong tháng 12/2022").
   */
  thuong(...args: unknown[]): string {
    const text = (typeof args[0] === 'string' ? args[0] : '').trim().replace(/\.$/, '');
    return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
  },
  /** {{rutGon text 25}}: the first 25 words of a long text, then "…" (a task title in a sentence). */
  rutGon(...args: unknown[]): string {
    const options = lastArg(args);
    const text = typeof args[0] === 'string' ? args[0] : '';
    const n = numberArg(args[1], 'rutGon', options) ?? 25;
    const words = text.split(/\s+/);
    return words.length <= n ? text : `${words.slice(0, n).join(' ').replace(/[,;:]$/, '')}…`;
  },
  /** {{tru a b}}: a − b. */
  tru(...args: unknown[]): number {
    const options = lastArg(args);
    return (numberArg(args[0], 'tru', options) ?? 0) - (numberArg(args[1], 'tru', options) ?? 0);
  },
  eq(...args: unknown[]): boolean {
    return args[0] === args[1];
  },
  gt(...args: unknown[]): boolean {
    const options = lastArg(args);
    const a = numberArg(args[0], 'gt', options);
    const b = numberArg(args[1], 'gt', options);
    return a !== undefined && b !== undefined && a > b;
  },
  /** {{count list}}: its length; {{count list "field" value}}: items whose field equals value. */
  count(...args: unknown[]): number {
    const options = lastArg(args);
    const [list, field, value] = args;
    if (list === undefined || list === null) return 0;
    if (!Array.isArray(list)) throw new HelperError('"count" cần một danh sách', options.loc);
    if (args.length <= 2) return list.length;
    if (typeof field !== 'string') throw new HelperError('"count" cần tên trường là chuỗi', options.loc);
    const expected = args.length > 3 ? value : true;
    return list.filter((item) => item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, field) && (item as Record<string, unknown>)[field] === expected).length;
  },
};

const KNOWN_HELPERS = Object.fromEntries(Object.keys(helpers).map((k) => [k, true])) as Record<keyof typeof helpers, true>;
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, noEscape: true };

/** What Handlebars' own helpers say when misused, in Vietnamese. */
function builtInMistake(name: string, message: string): string {
  if (/requires exactly one argument/.test(message)) return `khối "#${name}" cần đúng một giá trị, ví dụ {{#${name} previous}}`;
  if (/Must pass iterator/.test(message)) return `khối "#each" cần một danh sách, ví dụ {{#each tasks}}`;
  const field = message.match(/Cannot use 'in' operator to search for '(.+?)' in/);
  if (field) return `trường "${field[1]}" không đọc được: giá trị trong khối "#${name}" không phải là một bản ghi`;
  if (/lookupProperty/.test(message)) return `"lookup" cần hai giá trị, ví dụ (lookup groups 0)`;
  return `"${name}" dùng sai (${message})`;
}

/**
 * Handlebars' own helpers throw without a place ("Must pass iterator to #each"): wrapped, their
 * mistakes carry the helper's line and column like ours.
 */
const BUILT_INS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  for (const name of BUILT_INS) {
    const original = hb.helpers[name] as (...args: unknown[]) => unknown;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        return original.apply(this, args);
      } catch (e) {
        // Mistakes inside the block already know their place.
        if (e instanceof HelperError || e instanceof TemplateError || typeof (e as { lineNumber?: unknown }).lineNumber === 'number' || / - \d+:\d+\s*$/.test(String((e as Error).message))) throw e;
        throw new HelperError(builtInMistake(name, (e as Error).message), lastArg(args).loc);
      }
    });
  }
  return hb;
}

/** Turns Handlebars' English messages into Vietnamese; the place is given separately. */
function describe(message: string): string {
  const m = message.replace(/\s+-\s+\d+:\d+\s*$/, '');
  let r: RegExpMatchArray | null;
  if ((r = m.match(/^"(.+)" not defined in/))) return `trường "${r[1]}" không có trong dữ liệu báo cáo`;
  if ((r = m.match(/unknown helper (\S+)/))) return `hàm "${r[1]}" không được hỗ trợ (các hàm: ${Object.keys(helpers).join(', ')}, if, unless, each, with, lookup)`;
  if ((r = m.match(/^(\S+) doesn't match (\S+)/))) return `khối "${r[1]}" được đóng bằng "${r[2]}"`;
  if ((r = m.match(/Expecting (.+), got '(.+)'$/s))) {
    return r[2] === 'EOF' ? 'khối chưa được đóng (thiếu {{/…}})' : `cú pháp sai (gặp ${r[2]})`;
  }
  if (/^Lexical error/.test(m)) return 'cú pháp sai: không đọc được đoạn này (thiếu "}}" hoặc "--}}"?)';
  return m;
}

interface LexerState {
  yylloc?: { first_line: number; first_column: number };
  setInput(input: string): void;
  lex(): number | string;
}
interface ParserState {
  lexer: LexerState;
  terminals_: Record<number, string>;
}

/** The Handlebars lexer (shared by environments; synchronous use only). */
function parserOf(hb: typeof Handlebars): ParserState | undefined {
  return (hb as unknown as { Parser?: ParserState }).Parser;
}

/** For "block not closed" errors: where the innermost unclosed block opens. */
function unclosedBlock(hb: typeof Handlebars, source: string): { line: number; column: number; name: string } | undefined {
  const parser = parserOf(hb);
  if (!parser) return undefined;
  const stack: { line: number; column: number; name: string }[] = [];
  try {
    parser.lexer.setInput(source);
    let pendingOpen: { line: number; column: number } | undefined;
    let pendingClose = false;
    for (let i = 0; i < 100_000; i++) {
      const t = parser.lexer.lex();
      const name = typeof t === 'number' ? parser.terminals_[t] : t;
      if (name === undefined || name === 'EOF' || t === 1) break;
      const loc = parser.lexer.yylloc;
      if (name === 'OPEN_BLOCK' || name === 'OPEN_INVERSE' || name === 'OPEN_PARTIAL_BLOCK') {
        pendingOpen = loc ? { line: loc.first_line, column: loc.first_column + 1 } : undefined;
      } else if (name === 'OPEN_ENDBLOCK') pendingClose = true;
      else if (name === 'ID' && pendingOpen) {
        stack.push({ ...pendingOpen, name: String((parser.lexer as unknown as { yytext: string }).yytext) });
        pendingOpen = undefined;
      } else if (name === 'ID' && pendingClose) {
        stack.pop();
        pendingClose = false;
      }
    }
  } catch {
    // the lexer gave up: no better place than the parser's
  }
  return stack[stack.length - 1];
}

function toTemplateError(e: unknown, file: string, hb: typeof Handlebars, source: string): TemplateError {
  if (e instanceof TemplateError) return e;
  if (e instanceof HelperError) return new TemplateError(file, e.loc?.start.line, e.loc ? e.loc.start.column + 1 : undefined, e.message);
  const err = e as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? e);
  // Runtime and compile errors with a node: "… - L:C" (column 0-based), also in lineNumber/column.
  const runtime = message.match(/ - (\d+):(\d+)\s*$/);
  if (typeof err.lineNumber === 'number' || runtime) {
    const line = err.lineNumber ?? Number(runtime![1]);
    const column = (typeof err.column === 'number' ? err.column : Number(runtime![2])) + 1;
    return new TemplateError(file, line, column, describe(message));
  }
  // Parse errors: "Parse error on line N:"; the column comes from the lexer's last token.
  const parse = message.match(/(?:Parse|Lexical) error on line (\d+)/);
  if (parse) {
    if (/got 'EOF'/.test(message)) {
      const open = unclosedBlock(hb, source);
      if (open) return new TemplateError(file, open.line, open.column, `khối "{{#${open.name}}}" chưa được đóng (thiếu {{/${open.name}}})`);
    }
    const loc = parserOf(hb)?.lexer.yylloc;
    const line = Number(parse[1]);
    const column = loc && loc.first_line === line ? loc.first_column + 1 : undefined;
    return new TemplateError(file, line, column, describe(message.replace(/^Parse error on line \d+:\n[\s\S]*?\n-*\^\n/, '')));
  }
  return new TemplateError(file, undefined, undefined, message);
}

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  name?: { original?: unknown };
  path?: { original?: unknown };
  body?: AstNode[];
  program?: AstNode;
  inverse?: AstNode;
}

/** Templates are single files: partials and decorators would reach outside them. */
function rejectPartials(node: AstNode | undefined, file: string): void {
  if (!node) return;
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement' || node.type === 'Decorator' || node.type === 'DecoratorBlock') {
    const what = node.type.startsWith('Partial') ? `phần mẫu con "${String(node.name?.original ?? '')}"` : 'decorator';
    throw new TemplateError(file, node.loc?.start.line, node.loc ? node.loc.start.column + 1 : undefined, `${what} không được dùng: mẫu báo cáo là một tệp duy nhất`);
  }
  for (const child of node.body ?? []) rejectPartials(child, file);
  rejectPartials(node.program, file);
  rejectPartials(node.inverse, file);
}

export interface RenderedTemplate {
  markdown: string;
  tree: Root;
}

/** Renders template source text (named `file` in errors) with `data`. */
interface CompiledTemplate {
  hb: typeof Handlebars;
  template: Handlebars.TemplateDelegate;
}

/**
 * Templates compiled in this process, by their text: the report command checks its template before
 * reading the submissions and renders it afterwards with the same compilation (compiling was about
 * a third of the first DOCX write).
 */
const compiledTemplates = new Map<string, CompiledTemplate>();

/** Parses (partials refused) and compiles NFC template text once; mistakes become TemplateErrors naming `file`. */
function compileTemplate(source: string, file: string): CompiledTemplate {
  const cached = compiledTemplates.get(source);
  if (cached) return cached;
  const hb = createEnvironment();
  try {
    const ast = hb.parse(source);
    rejectPartials(ast as unknown as AstNode, file);
    // what hb.compile does on first use, done now (from the same parse) so that check and render share it
    const spec = new Function(`return ${hb.precompile(ast, COMPILE_OPTIONS)}`)() as Parameters<typeof Handlebars.template>[0];
    const compiled = { hb, template: hb.template(spec) };
    compiledTemplates.set(source, compiled);
    return compiled;
  } catch (e) {
    throw toTemplateError(e, file, hb, source);
  }
}

/** Renders template source text (named `file` in errors) with `data`. */
export function renderTemplateSource(source: string, file: string, data: unknown): RenderedTemplate {
  const text = source.normalize('NFC');
  const { hb, template } = compileTemplate(text, file);
  let markdown: string;
  try {
    markdown = template(escapeData(data));
  } catch (e) {
    throw toTemplateError(e, file, hb, text);
  }
  return { markdown, tree: fromMarkdown(markdown) };
}

/**
 * Checks a template file without data: its syntax, partials and helpers. The report command runs
 * it before reading any submission, so a mistake in the template stops the run at once.
 */
export function checkTemplate(templatePath: string): void {
  let source: string;
  try {
    source = readFileSync(templatePath, 'utf8').normalize('NFC');
  } catch (e) {
    throw new TemplateError(templatePath, undefined, undefined, `không đọc được tệp (${(e as Error).message})`);
  }
  compileTemplate(source, templatePath);
}

/** The template every period kind uses unless the compiler names another. */
export const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/bao-cao.hbs', import.meta.url));

/** Reads a template file and renders it with what templates read of the report (templateData). */
export function renderTemplate(templatePath: string, report: ConsolidatedReport): RenderedTemplate {
  let source: string;
  try {
    source = readFileSync(templatePath, 'utf8');
  } catch (e) {
    throw new TemplateError(templatePath, undefined, undefined, `không đọc được tệp (${(e as Error).message})`);
  }
  return renderTemplateSource(source, templatePath, templateData(report));
}
