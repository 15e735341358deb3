import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { fillWorkbook } from '../../generator/samples/fillWorkbook.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { parsePeriodId } from '../../core/period/period.ts';
import type { IssueCode } from '../../core/validation/catalogue.ts';
import type { ValidateOptions } from '../../core/validation/validate.ts';

/**
 * A corpus of broken and hostile uploads, built at test time into a temporary folder (nothing large
 * is committed): every file the compiler could receive by mistake or by malice. Each item says which
 * issue code it must get and a fragment of the Vietnamese message.
 */

export const CORPUS_PLAN = 'quang-ngai-2022';
export const CORPUS_PERIOD = '2023-03';
/** Validation options every corpus file is checked with (a report run for March 2023). */
export const CORPUS_OPTIONS: ValidateOptions = { period: CORPUS_PERIOD, today: '2023-04-30' };

export interface CorpusItem {
  /** File name inside the corpus folder. */
  name: string;
  /** What the file is, for test names. */
  what: string;
  path: string;
  code: IssueCode;
  /** A fragment the message must contain. */
  message: RegExp;
  /** Extra validation options for this file when checked alone (e.g. the expected agency). */
  options?: ValidateOptions;
}

export interface Corpus {
  dir: string;
  items: CorpusItem[];
  /** Two correct submissions (two agencies) that must still be accepted beside the corpus. */
  valid: string[];
  /** Agencies of `valid`, in order. */
  validAgencies: string[];
  /**
   * A correct submission of a fourth agency whose result cell holds XML-illegal characters and a bidi
   * override (issue 12.4, 12.6): accepted with the `invalid-characters-removed` warning; its text
   * must reach the DOCX, annex and JSON clean.
   */
  dirty: { path: string; agency: string; expected: string };
}

// — A minimal zip writer, so that headers can say whatever a test needs —

export interface RawEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The bytes as stored in the zip (already deflated when method is 8). */
  data: Uint8Array;
  crc: number;
  /** Declared uncompressed size (may lie). */
  size: number;
}

export function rawDeflated(name: string, content: Uint8Array): RawEntry {
  return { name, method: 8, data: deflateSync(content, { level: 6 }), crc: crc32(content) >>> 0, size: content.length };
}

/** Writes entries as a zip (local headers, central directory, end record), sizes as declared. */
export function writeZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of all) out.set(c, p), (p += c.length);
  return out;
}

export function zipParts(parts: Record<string, Uint8Array>): Uint8Array {
  return writeZip(Object.entries(parts).map(([name, data]) => rawDeflated(name, data)));
}

/**
 * Raw deflate of `n` zero bytes in a few KB of code and ~n/1032 bytes of output, at memory speed:
 * one dynamic-Huffman block whose codes are "literal 0" (2 bits), "end" (2 bits), "length 258"
 * (1 bit) and "distance 1" (1 bit). Every 258 zeros after the first cost two zero bits, so the body
 * is plain zero bytes. (fflate's streaming Deflate gives the same stream but needs ~15 s per GB.)
 */
export function deflateZeros(n: number): Uint8Array {
  const copies = n > 0 ? Math.floor((n - 1) / 258) : 0;
  const tail = n > 0 ? n - 1 - copies * 258 : 0;
  const out = new Uint8Array(64 + Math.ceil((copies * 2 + (tail + 1) * 2 + 4) / 8));
  let bit = 0;
  const bits = (value: number, count: number): void => {
    for (let i = 0; i < count; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const code = (value: number, count: number): void => {
    for (let i = count - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  bits(1, 1); // BFINAL
  bits(2, 2); // dynamic Huffman
  bits(29, 5); // HLIT: 286 literal/length codes
  bits(0, 5); // HDIST: 1 distance code
  bits(14, 4); // HCLEN: 18 code-length code lengths
  // Code-length alphabet in its transmission order: symbol 18 → length 1, symbols 1 and 2 → length 2.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLen: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const s of order) bits(clLen[s] ?? 0, 3);
  // Canonical codes: 18 → 0, 1 → 10, 2 → 11.
  const cl = (s: number): void => (s === 18 ? code(0, 1) : code(s === 1 ? 2 : 3, 2));
  cl(2); // literal 0: length 2
  cl(18), bits(138 - 11, 7); // literals 1–138 unused
  cl(18), bits(117 - 11, 7); // literals 139–255 unused
  cl(2); // end of block: length 2
  cl(18), bits(28 - 11, 7); // lengths 257–284 unused
  cl(1); // length code 285 (258 bytes): length 1
  cl(1); // distance code 0 (distance 1): length 1
  // Literal/length codes: 285 → 0, literal 0 → 10, end → 11; distance 0 → 0.
  if (n > 0) code(2, 2);
  bit += copies * 2;
  for (let i = 0; i < tail; i++) code(2, 2);
  code(3, 2);
  return out.subarray(0, Math.ceil(bit / 8));
}

/** CRC-32 of n zero bytes, a megabyte at a time. */
function crcOfZeros(n: number): number {
  const mb = new Uint8Array(1 << 20);
  let crc = 0;
  for (let left = n; left > 0; left -= mb.length) crc = crc32(left >= mb.length ? mb : mb.subarray(0, left), crc);
  return crc >>> 0;
}

// — Editing a real workbook's parts —

type Parts = Record<string, Uint8Array>;

function text(parts: Parts, name: string): string {
  const p = parts[name];
  if (!p) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

function setText(parts: Parts, name: string, xml: string): Parts {
  return { ...parts, [name]: strToU8(xml) };
}

/** The worksheet part of a sheet, by its name, through workbook.xml and its relationships. */
export function sheetPart(parts: Parts, sheetName: string): string {
  const wb = text(parts, 'xl/workbook.xml');
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
  const rels = text(parts, 'xl/_rels/workbook.xml.rels');
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!rid || !target) throw new Error(`no sheet ${sheetName}`);
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

function lastRow(sheetXml: string): number {
  return Math.max(...[...sheetXml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'đã triển khai kết nối dữ liệu dân cư định danh điện tử cấp xã huyện tỉnh hoàn thành tiến độ thực hiện nhiệm vụ kế hoạch báo cáo thủ tục hành chính dịch vụ công trực tuyến cán bộ công chức tuyên truyền'.split(' ');

function words(rng: () => number, chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = WORDS[Math.floor(rng() * WORDS.length)]!;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ').slice(0, chars);
}

const LAUGHS = (root: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE ${root} [\n <!ENTITY lol "lol">\n` +
  Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') +
  '\n]>\n';

/** Builds the corpus into `dir` and returns what each file must get. */
export async function buildCorpus(dir: string): Promise<Corpus> {
  mkdirSync(join(dir, 'valid'), { recursive: true });
  const np = loadPlan(CORPUS_PLAN);
  const period = parsePeriodId(CORPUS_PERIOD)!;
  const [agencyA, agencyB, agencyC] = np.reportingAgencies.filter((a) => a.kind === 'department').map((a) => a.code) as [string, string, string];
  const filled = async (planId: string, agency: string): Promise<Uint8Array> => {
    const p = loadPlan(planId);
    return fillWorkbook(await buildTemplate(p, agency, period), validFilling(p, agency, period));
  };
  const valid = await filled(CORPUS_PLAN, agencyA);
  const validC = await filled(CORPUS_PLAN, agencyC);
  const parts = unzipSync(valid);
  const tasksPart = sheetPart(parts, 'Nhiệm vụ');
  const tasksXml = text(parts, tasksPart);
  const rng = seeded(6);

  const items: CorpusItem[] = [];
  const add = (name: string, what: string, bytes: Uint8Array | string, code: IssueCode, message: RegExp, options?: ValidateOptions): void => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    items.push({ name, what, path, code, message, ...(options ? { options } : {}) });
  };
  const U = 'file-unreadable';

  add('khong-phai-zip.xlsx', 'plain text, not a zip', 'Báo cáo tháng 3: đã hoàn thành các nhiệm vụ được giao.\r\nNgười lập: Nguyễn Văn An\r\n', U, /văn bản thuần/);
  add('rong.xlsx', 'empty file', new Uint8Array(0), U, /rỗng/);
  add('bi-cat-cut.xlsx', 'truncated xlsx (first half)', valid.subarray(0, Math.floor(valid.length / 2)), U, /hỏng hoặc không đầy đủ/);
  add('bi-cat-cuoi.xlsx', 'truncated xlsx (last 100 bytes missing)', valid.subarray(0, valid.length - 100), U, /hỏng hoặc không đầy đủ/);

  const ole = (extra: Uint8Array): Uint8Array => {
    const out = new Uint8Array(16 * 1024);
    out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 8; i < out.length; i++) out[i] = Math.floor(rng() * 256);
    out.set(extra, 9000);
    return out;
  };
  add('bao-cao-cu.xlsx', 'old .xls (OLE2 header + junk) renamed', ole(strToU8('Workbook')), U, /Excel cũ \(\.xls\)/);
  const encInfo = new Uint8Array(28);
  for (let i = 0; i < 14; i++) encInfo[i * 2] = 'EncryptionInfo'.charCodeAt(i);
  add('co-mat-khau.xlsx', 'encrypted workbook (OLE2 with an EncryptionInfo stream)', ole(encInfo), U, /mật khẩu/);

  // Zip bomb: one part of 1 GiB zeros, sizes declared honestly (~1 MB on disk).
  const GiB = 1024 * 1024 * 1024;
  const bomb = Object.entries(parts).map(([name, data]) =>
    name === tasksPart ? { name, method: 8 as const, data: deflateZeros(GiB), crc: crcOfZeros(GiB), size: GiB } : rawDeflated(name, data),
  );
  add('bom-nen.xlsx', 'zip bomb: 1 GiB of zeros declared honestly', writeZip(bomb), U, /bom nén/);

  // Sizes that lie: the part says 21 KB, inflates to 300 MB.
  const lie = Object.entries(parts).map(([name, data]) =>
    name === tasksPart ? { name, method: 8 as const, data: deflateZeros(300 * 1024 * 1024), crc: crc32(data) >>> 0, size: data.length } : rawDeflated(name, data),
  );
  add('khai-bao-sai-kich-thuoc.xlsx', 'header lies: small declared size, 300 MB actual', writeZip(lie), U, /nhiều hơn kích thước khai báo/);

  const laughs = `${LAUGHS('worksheet')}${tasksXml.replace(/^<\?xml[^>]*>\s*/, '').replace('<sheetData>', '<sheetData><row r="999"><c r="A999" t="inlineStr"><is><t>&lol9;</t></is></c></row>')}`;
  add('thuc-the-xml-sheet.xlsx', 'billion laughs in a worksheet', zipParts(setText(parts, tasksPart, laughs)), U, /DOCTYPE/);
  const sst = text(parts, 'xl/sharedStrings.xml').replace(/^<\?xml[^>]*>\s*/, '').replace('<si><t></t></si>', '<si><t>&lol9;</t></si>');
  add('thuc-the-xml-sharedstrings.xlsx', 'billion laughs in sharedStrings.xml', zipParts(setText(parts, 'xl/sharedStrings.xml', `${LAUGHS('sst')}${sst}`)), U, /DOCTYPE/);

  const farCell = tasksXml
    .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
    .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>');
  add('kich-thuoc-vo-ly.xlsx', 'absurd dimensions: A1:XFD1048576 and a cell at XFD1048576', zipParts(setText(parts, tasksPart, farCell)), U, /XFD1048576/);

  const merged = tasksXml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');
  add('gop-ca-trang.xlsx', 'a merged range over the whole sheet', zipParts(setText(parts, tasksPart, merged)), U, /gộp/);
  const cols = tasksXml.replace(/<col min="1" max="1"/, '<col min="1" max="2000000000"');
  add('cot-vuot-luoi.xlsx', 'a column definition far beyond XFD', zipParts(setText(parts, tasksPart, cols)), U, /cột vượt quá giới hạn/);

  let start = lastRow(tasksXml) + 1;
  const pasted: string[] = [];
  for (let r = start; r < start + 50_000; r++) {
    pasted.push(
      `<row r="${r}"><c r="A${r}"><v>${r - start + 1}</v></c><c r="B${r}" t="inlineStr"><is><t>DL-${Math.floor(rng() * 1e6)}</t></is></c>` +
        `<c r="C${r}" t="inlineStr"><is><t>${words(rng, 40)}</t></is></c><c r="G${r}"><v>${Math.floor(rng() * 100)}</v></c>` +
        `<c r="I${r}" t="inlineStr"><is><t>${words(rng, 30)}</t></is></c></row>`,
    );
  }
  add('dan-50000-dong.xlsx', '50 000 pasted rows', zipParts(setText(parts, tasksPart, tasksXml.replace('</sheetData>', `${pasted.join('')}</sheetData>`))), U, /quá nhiều dòng/);

  start = lastRow(tasksXml) + 1;
  const wide = Array.from({ length: 5_000 }, (_, i) => `<c r="${colLetters(i + 1)}${start}"><v>${i}</v></c>`).join('');
  add('5000-cot.xlsx', '5 000 columns in a row', zipParts(setText(parts, tasksPart, tasksXml.replace('</sheetData>', `<row r="${start}">${wide}</row></sheetData>`))), U, /quá nhiều cột/);

  const many = Object.entries(parts).map(([name, data]) => rawDeflated(name, data));
  const tiny = rawDeflated('x', strToU8('x'));
  for (let i = 0; i < 10_000; i++) many.push({ ...tiny, name: `xl/media/anh${i}.png` });
  add('10000-thanh-phan.xlsx', 'zip with 10 000 entries', writeZip(many), U, /quá nhiều thành phần/);

  add('duong-dan-nguy-hiem.xlsx', 'an entry named ../../../../tmp/evil.sh', zipParts({ ...parts, '../../../../tmp/evil.sh': strToU8('rm -rf ~') }), U, /tên không hợp lệ/);
  const dup = Object.entries(parts).map(([name, data]) => rawDeflated(name, data));
  dup.push(rawDeflated('xl/workbook.xml', strToU8('<workbook/>')));
  add('trung-ten.xlsx', 'two entries named xl/workbook.xml', writeZip(dup), U, /trùng tên/);

  add('ke-hoach-khac.xlsx', 'a correct workbook of another plan (quang-ngai-2023)', await filled('quang-ngai-2023', loadPlan('quang-ngai-2023').reportingAgencies.find((a) => a.kind === 'department')!.code), 'plan-mismatch', /kế hoạch/);
  add('don-vi-khac.xlsx', `a correct workbook of ${agencyB}, expected ${agencyA}`, await filled(CORPUS_PLAN, agencyB), 'agency-mismatch', /đơn vị/, { agency: agencyA });

  const noWorkbook = { ...parts };
  delete noWorkbook['xl/workbook.xml'];
  add('thieu-workbook.xlsx', 'xlsx without xl/workbook.xml', zipParts(noWorkbook), U, /xl\/workbook\.xml/);

  const docx = zipParts({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo tháng 3</w:t></w:r></w:p></w:body></w:document>'),
  });
  add('van-ban-word.xlsx', 'a .docx renamed .xlsx', docx, U, /Word \(\.docx\)/);
  add('bang-csv.xlsx', 'a CSV renamed .xlsx', 'Mã nhiệm vụ,Trạng thái,Tiến độ (%)\r\nIII.1,Đã hoàn thành,100\r\nIII.2,Đang thực hiện,50\r\n', U, /CSV/);
  add('trang-html.xlsx', 'an HTML table saved with an Excel name', '<html><body><table><tr><td>Mã nhiệm vụ</td><td>Trạng thái</td></tr></table></body></html>', U, /HTML/);
  add('tai-lieu.xlsx', 'a PDF renamed .xlsx', `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${'0'.repeat(2000)}\n%%EOF\n`, U, /PDF/);

  // A correct workbook with a 20 MB shared string in a result cell.
  const marker = 'DA06-CHUOI-RAT-DAI';
  const taskId = Object.keys(validFilling(np, agencyA, period).tasks ?? {})[0]!;
  const filling = validFilling(np, agencyA, period);
  filling.tasks![taskId] = { ...filling.tasks![taskId], result: marker };
  const longParts = unzipSync(await fillWorkbook(await buildTemplate(np, agencyA, period), filling));
  const huge = words(rng, 20 * 1024 * 1024);
  add(
    'chuoi-20mb.xlsx',
    'a correct workbook with a 20 MB shared string',
    zipParts(setText(longParts, 'xl/sharedStrings.xml', text(longParts, 'xl/sharedStrings.xml').replace(marker, huge))),
    U,
    /vượt giới hạn 32\.767 ký tự/,
  );

  for (const item of readerHostile(parts, tasksPart)) add(item.name, item.what, item.bytes, U, item.message);

  const validPaths = [join(dir, 'valid', `${agencyA}.xlsx`), join(dir, 'valid', `${agencyC}.xlsx`)];
  writeFileSync(validPaths[0]!, valid);
  writeFileSync(validPaths[1]!, validC);
  const agencyD = np.reportingAgencies.filter((a) => a.kind === 'department')[3]!.code;
  const dirtyFilling = validFilling(np, agencyD, period);
  const dirtyTask = Object.keys(dirtyFilling.tasks ?? {})[0]!;
  dirtyFilling.tasks![dirtyTask] = { ...dirtyFilling.tasks![dirtyTask], result: DIRTY_MARKER };
  const dirty = withControlCharacters(await fillWorkbook(await buildTemplate(np, agencyD, period), dirtyFilling), DIRTY_MARKER);
  const dirtyPath = join(dir, 'ky-tu-dieu-khien.xlsx');
  writeFileSync(dirtyPath, dirty.bytes);
  return { dir, items, valid: validPaths, validAgencies: [agencyA, agencyC], dirty: { path: dirtyPath, agency: agencyD, expected: dirty.expected } };
}

// — Reader items (issue 12, items 1, 2, 5 and 7; issue 9, 7): what passed the old guard or reader —

export interface HostileBytes {
  name: string;
  what: string;
  bytes: Uint8Array;
  message: RegExp;
}

/** Replaces the first match in a part's text; throws when the pattern is missing (the test would prove nothing). */
function edit(parts: Parts, name: string, pattern: RegExp | string, replacement: string): Parts {
  const xml = text(parts, name);
  const out = xml.replace(pattern, replacement);
  if (out === xml) throw new Error(`corpus: ${String(pattern)} not found in ${name}`);
  return setText(parts, name, out);
}

/** The first shared-string cell of a row below the header, as `<c r="…" s="…" t="s"><v>N</v></c>`. */
function sharedCell(sheetXml: string): RegExp {
  const m = /<c r="([A-Z]+(?:[4-9]|\d\d+))"( s="\d+")? t="s"><v>\d+<\/v><\/c>/.exec(sheetXml);
  if (!m) throw new Error('corpus: no shared-string cell');
  return new RegExp(m[0].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}

/** Adds `n` sheets (not named by the contract) holding `xml` to a workbook's parts. */
export function withExtraSheets(parts: Parts, n: number, xml: string, prefix = 'Trang'): Parts {
  let wb = text(parts, 'xl/workbook.xml');
  let rels = text(parts, 'xl/_rels/workbook.xml.rels');
  const out: Parts = { ...parts };
  const bytes = strToU8(xml);
  for (let i = 1; i <= n; i++) {
    out[`xl/worksheets/extra${i}.xml`] = bytes;
    wb = wb.replace('</sheets>', `<sheet name="${prefix} ${i}" sheetId="${100 + i}" r:id="rIdX${i}"/></sheets>`);
    rels = rels.replace('</Relationships>', `<Relationship Id="rIdX${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra${i}.xml"/></Relationships>`);
  }
  out['xl/workbook.xml'] = strToU8(wb);
  out['xl/_rels/workbook.xml.rels'] = strToU8(rels);
  return out;
}

/** A worksheet of `rows` rows × `cols` empty styled cells (a clerk's sheet formatted to the far corner). */
export function emptyCellsSheet(rows: number, cols: number): string {
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 1; c <= cols; c++) row += `<c r="${colLetters(c)}${r}" s="1"/>`;
    body.push(`${row}</row>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`;
}

export function readerHostile(parts: Parts, tasksPart: string): HostileBytes[] {
  const tasksXml = text(parts, tasksPart);
  const cell = sharedCell(tasksXml);
  const ref = /r="([A-Z]+\d+)"/.exec(cell.source.replace(/\\/g, ''))![1]!;
  const out: HostileBytes[] = [];
  const push = (name: string, what: string, p: Parts, message: RegExp): void => void out.push({ name, what, bytes: zipParts(p), message });

  // 12.1: attributes read the way the XML parser reads them.
  push('cot-tham-chieu-ky-tu.xlsx', '<col max="&#50;000000000"> (a character reference)', edit(parts, tasksPart, /<col min="1" max="1"/, '<col min="1" max="&#50;000000000"'), /cột vượt quá giới hạn/);
  push('gop-o-dau-cach.xlsx', '<mergeCell ref="A1:XFD1048576 "> (a trailing space)', edit(parts, tasksPart, '</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576 "/></mergeCells>'), /gộp/);
  push('gop-o-tham-chieu-ky-tu.xlsx', '<mergeCell ref="A1:XFD&#49;048576"> (a character reference)', edit(parts, tasksPart, '</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD&#49;048576"/></mergeCells>'), /gộp/);

  // 12.2: bounded work, sheets the contract does not use included.
  push('30-trang-o-trong.xlsx', '30 unlisted sheets of 1 000 rows × 20 empty styled cells', withExtraSheets(parts, 30, emptyCellsSheet(1_000, 20)), /quá nhiều ô/);
  push('trang-thua-nhieu-dong.xlsx', 'an unlisted sheet of 25 000 empty rows', withExtraSheets(parts, 1, emptyCellsSheet(25_000, 0), 'Nháp'), /Trang tính "Nháp 1" có quá nhiều dòng/);
  push('200-trang.xlsx', '200 small unlisted sheets', withExtraSheets(parts, 200, emptyCellsSheet(1, 1)), /quá nhiều trang tính/);

  // 12.5: invalid UTF-8 in a part the reader reads.
  const sst = parts['xl/sharedStrings.xml']!;
  const at = strFromU8(sst).indexOf('<t>') + 3;
  const badUtf8 = new Uint8Array([...sst.subarray(0, at), 0xc3, 0x28, 0xff, ...sst.subarray(at)]);
  push('utf8-hong.xlsx', 'bytes that are not UTF-8 in sharedStrings.xml', { ...parts, 'xl/sharedStrings.xml': badUtf8 }, /UTF-8/);

  // 12.7: bad references inside a worksheet name the sheet and the cell.
  push('chi-so-chuoi-ngoai-pham-vi.xlsx', 'a shared-string index beyond the table', edit(parts, tasksPart, cell, `<c r="${ref}" t="s"><v>999999</v></c>`), new RegExp(`Nhiệm vụ", ô ${ref}: .*chuỗi dùng chung số 999\\.999`));
  push('chi-so-chuoi-hex.xlsx', 'a shared-string index written in hex', edit(parts, tasksPart, cell, `<c r="${ref}" t="s"><v>0x1A</v></c>`), new RegExp(`Nhiệm vụ", ô ${ref}: chỉ số chuỗi dùng chung "0x1A"`));
  push('cong-thuc-mo-coi.xlsx', 'a shared formula whose master does not exist', edit(parts, tasksPart, cell, `<c r="${ref}"><f t="shared" si="7"/><v>1</v></c>`), new RegExp(`Nhiệm vụ", ô ${ref}: công thức dùng chung`));

  // 9.7: a real OpenDocument spreadsheet.
  const ods = zipParts({
    mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
    'content.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>'),
    'META-INF/manifest.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
  });
  out.push({ name: 'bang-tinh-ods.xlsx', what: 'an OpenDocument spreadsheet (.ods)', bytes: ods, message: /OpenDocument.*Lưu thành.*\.xlsx/ });
  return out;
}

/**
 * A valid workbook whose result cell holds XML-illegal characters (through `_xHHHH_` escapes and a
 * character reference) and a bidi override: read, it must be cleaned and flagged, not rejected.
 */
const DIRTY_MARKER = 'DA06-KY-TU-DIEU-KHIEN';

export function withControlCharacters(valid: Uint8Array, marker: string): { bytes: Uint8Array; expected: string } {
  const parts = unzipSync(valid);
  const sst = text(parts, 'xl/sharedStrings.xml');
  if (!sst.includes(marker)) throw new Error(`corpus: marker ${marker} not in sharedStrings.xml`);
  const dirty = `Tên _x0001_tệp_xFFFF_ &#x202E;slx.exe_xD800_ xong`;
  return { bytes: zipParts(setText(parts, 'xl/sharedStrings.xml', sst.replace(marker, dirty))), expected: 'Tên tệp slx.exe xong' };
}
