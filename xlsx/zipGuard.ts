import { Inflate, inflateSync } from 'fflate';
import { READ_LIMITS } from '../core/workbook/limits.ts';
import { attributeOf, XmlError } from './xml.ts';
import { mb, num, RESAVE, Rejected, tooManyCells, tooManyRows } from './messages.ts';

/* Browser-safe (no Node APIs): the standalone validator page runs the same guard. */

/**
 * The hostile-input guard: runs on the raw bytes of an upload before any XML parser sees
 * them, so that a broken or malicious file costs little time and memory and gets a clear reason.
 *
 * Limits (PRODUCT.md, "Reliability and security"); a real agency workbook is well under 1 MB with
 * about 20 parts, so each limit leaves a wide margin for honest files:
 *
 * | limit                     | value     | why                                                               |
 * |---------------------------|-----------|-------------------------------------------------------------------|
 * | file size                 | 50 MB     | read whole into memory                                            |
 * | zip entries               | 2 000     | every entry costs an object and, if parsed, a parse                |
 * | one part, inflated        | 64 MB     | a part is held whole while parsed; 20 000 rows × 60 columns fit    |
 * | all parts, inflated       | 160 MB    | what a load may hold at once                                       |
 * | inflated/compressed ratio | 500       | for parts over 4 MB once inflated (deflate's own maximum is ~1032) |
 * | merged ranges per sheet   | 5 000     | exceljs checks every merge against every other (quadratic)         |
 * | merged cells, all sheets  | 200 000   | exceljs creates a cell object for every cell of a merged range     |
 * | column definitions        | ≤ XFD     | exceljs creates one object per column up to `max`                  |
 * | rows, cells, sheets       | READ_LIMITS (core/workbook/limits.ts): counted in every part, read or not |
 * | entry names               | relative  | no `..`, `.`, absolute path, backslash, drive letter, control char; no duplicates |
 *
 * Sizes are checked twice: as declared by the central directory (cheap, before inflating) and as
 * actually inflated. Every part is inflated with fflate: a part whose compressed data exceeds one
 * 16 KB slice goes through the streaming `Inflate` slice by slice, counting output bytes; a smaller
 * one is inflated in one go into a buffer of its declared size + 1 (so a longer result shows). Either
 * way inflating stops as soon as a part exceeds its declared size (a header that lies) or a cap, and
 * one step never produces more than ~1 032 × 16 KB, so memory stays bounded whatever the headers say.
 * XML parts (.xml, .rels, .vml) are scanned: `<!DOCTYPE` or `<!ENTITY` (which OOXML never uses:
 * entity-expansion tricks) and UTF-16 parts are rejected; worksheets are scanned for absurd merged
 * ranges and column definitions, with attributes decoded as an XML parser decodes them (character
 * references, whitespace), and every part not kept has its `<row>` and `<c>` elements counted.
 * Kept parts must be valid UTF-8. Encrypted entries, unknown compression methods and multi-disk
 * archives are rejected too. Each rejection is a Vietnamese sentence for the clerk.
 *
 * The parts the reader needs (`keep`) are kept as they inflate and handed back as text, so the
 * reader parses them straight away instead of inflating the file a second time (exceljs's own
 * JSZip + pako pass used to be a third of the read time).
 */
export const ZIP_LIMITS = {
  /** Largest file accepted as it arrives. */
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 2_000,
  /** Per part and in total, once inflated. */
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  /** Inflated/compressed ratio above which a part is treated as a bomb… */
  maxRatio: 500,
  /** …once it inflates beyond this many bytes (small parts compress as they like). */
  ratioFloorBytes: 4 * 1024 * 1024,
  maxMergesPerSheet: 5_000,
  maxMergedCells: 200_000,
  /** Excel's own grid: 16 384 columns (XFD), 1 048 576 rows. */
  maxColumn: 16_384,
  maxRow: 1_048_576,
  /** Input slice pushed to the inflater at a time: bounds one output burst to ~16 MB. */
  inflateSliceBytes: 16 * 1024,
};

/** On success, the parts asked for with `keep` (name → XML text) and the cells counted in the others. */
export type GuardResult = { ok: true; parts: Map<string, string>; cells: number } | { ok: false; reason: string };

const CORRUPT = `Tệp bị hỏng hoặc không đầy đủ (có thể bị cắt cụt khi tải lên hoặc gửi qua thư). ${RESAVE}`;
const BOMB = 'nghi là "bom nén" (tệp nhỏ nhưng giải nén ra rất lớn)';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function startsWith(data: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => data[at + i] === b);
}

/** Whether `needle` occurs in the first `limit` bytes of `data` (first-byte scan, then compare). */
function containsBytes(data: Uint8Array, needle: Uint8Array, limit = data.length): boolean {
  const end = Math.min(data.length, limit) - needle.length;
  for (let i = data.indexOf(needle[0]!); i >= 0 && i <= end; i = data.indexOf(needle[0]!, i + 1)) {
    let j = 1;
    while (j < needle.length && data[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

const ENCRYPTION_INFO = utf16le('EncryptionInfo');

/** Looks like text (CSV, TXT, HTML…): no NUL bytes and almost no control characters at the start. */
function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= n / 100;
}

/** Recognises the common non-xlsx files by their first bytes, with a message for the clerk. */
export function sniffFormat(data: Uint8Array): { ok: true } | { ok: false; reason: string } {
  if (data.length === 0) return fail('Tệp rỗng (0 byte). Hãy lưu lại bảng tính rồi gửi lại.');
  if (data.length > ZIP_LIMITS.maxFileBytes) {
    return fail(`Tệp quá lớn (${mb(data.length)}; tối đa ${mb(ZIP_LIMITS.maxFileBytes)}). Biểu mẫu báo cáo bình thường chỉ vài trăm KB: hãy xóa ảnh, dòng hoặc trang tính thừa rồi gửi lại.`);
  }
  if (startsWith(data, OLE2)) {
    return containsBytes(data, ENCRYPTION_INFO, 8 * 1024 * 1024)
      ? fail('Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx và gửi lại.')
      : fail('Tệp là định dạng Excel cũ (.xls) hoặc tài liệu Office cũ, không phải .xlsx. Hãy mở bằng Excel và lưu lại dạng "Sổ làm việc Excel (*.xlsx)".');
  }
  if (startsWith(data, PDF)) return fail('Tệp là văn bản PDF, không phải bảng tính Excel (.xlsx). Hãy gửi tệp .xlsx của biểu mẫu đã điền (có thể gửi kèm bản PDF riêng).');
  if (startsWith(data, ZIP_EMPTY)) return fail('Tệp nén rỗng, không có nội dung bảng tính. Hãy lưu lại bảng tính rồi gửi lại.');
  if (!startsWith(data, ZIP_LOCAL)) {
    if (looksLikeText(data)) {
      const head = new TextDecoder('latin1').decode(data.subarray(0, 2048)).toLowerCase();
      if (/<\s*(html|table|!doctype\s+html)/.test(head)) {
        return fail('Tệp là trang HTML (thường do phần mềm khác xuất ra) được đặt đuôi Excel, không phải bảng tính .xlsx. Hãy mở bằng Excel và lưu lại dạng "Sổ làm việc Excel (*.xlsx)".');
      }
      if (/^\s*<\?xml/.test(head)) return fail('Tệp là văn bản XML được đổi đuôi thành .xlsx, không phải bảng tính Excel. Hãy dùng biểu mẫu .xlsx đã được cấp.');
      return fail('Tệp là văn bản thuần (CSV hoặc TXT) được đổi đuôi thành .xlsx, không phải bảng tính Excel. Hãy nhập số liệu vào biểu mẫu .xlsx đã được cấp rồi gửi lại.');
    }
    return fail(`Tệp không phải bảng tính Excel (.xlsx). ${RESAVE}`);
  }
  return { ok: true };
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

const u16 = (d: Uint8Array, i: number): number => d[i]! | (d[i + 1]! << 8);
const u32 = (d: Uint8Array, i: number): number => (d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16)) + d[i + 3]! * 0x1000000;
const u64 = (d: Uint8Array, i: number): number => u32(d, i) + u32(d, i + 4) * 0x100000000;

function need(cond: boolean): void {
  if (!cond) throw new Rejected(CORRUPT);
}

/** Why a part name is unsafe, if it is: it must stay inside the package. */
function unsafeName(name: string): boolean {
  return (
    name.length === 0 ||
    name.length > 1024 ||
    /[\u0000-\u001f\\]/.test(name) ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((seg) => seg === '..' || seg === '.')
  );
}

/** The end-of-central-directory record, zip64 aware: where the directory is and how many entries. */
function findDirectory(data: Uint8Array): { count: number; offset: number; size: number } {
  const min = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  need(eocd >= 0);
  if (u16(data, eocd + 4) !== 0 || u16(data, eocd + 6) !== 0) throw new Rejected(`Tệp nén bị chia thành nhiều phần (nhiều đĩa), không phải bảng tính Excel. ${RESAVE}`);
  let count = u16(data, eocd + 10);
  let size = u32(data, eocd + 12);
  let offset = u32(data, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    need(loc >= 0 && u32(data, loc) === 0x07064b50);
    const z = u64(data, loc + 8);
    need(z + 56 <= data.length && u32(data, z) === 0x06064b50);
    count = u64(data, z + 32);
    size = u64(data, z + 40);
    offset = u64(data, z + 48);
  }
  need(offset + size <= data.length);
  return { count, offset, size };
}

/** Reads the central directory, checking each entry's name, flags, method and declared sizes. */
function readEntries(data: Uint8Array): Entry[] {
  const dir = findDirectory(data);
  if (dir.count > ZIP_LIMITS.maxEntries) {
    throw new Rejected(`Tệp nén có quá nhiều thành phần (${num(dir.count)}; tối đa ${num(ZIP_LIMITS.maxEntries)}), không phải bảng tính Excel bình thường. ${RESAVE}`);
  }
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let p = dir.offset;
  for (let n = 0; n < dir.count; n++) {
    need(p + 46 <= data.length && u32(data, p) === 0x02014b50);
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLen = u16(data, p + 28);
    const extraLen = u16(data, p + 30);
    const commentLen = u16(data, p + 32);
    let localOffset = u32(data, p + 42);
    need(p + 46 + nameLen + extraLen + commentLen <= data.length);
    const rawName = data.subarray(p + 46, p + 46 + nameLen);
    // A leading "/" is tolerated (some writers add it; exceljs strips it too).
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName).replace(/^\//, '');
    // zip64: the real values sit in extra field 0x0001, in this order, for those set to 0xFFFFFFFF.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(data, e);
        const len = u16(data, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) (size = u64(data, q)), (q += 8);
          if (compressedSize === 0xffffffff) (compressedSize = u64(data, q)), (q += 8);
          if (localOffset === 0xffffffff) localOffset = u64(data, q);
          need(q <= e + 4 + len);
          break;
        }
        e += 4 + len;
      }
    }
    p += 46 + nameLen + extraLen + commentLen;

    if (unsafeName(name)) {
      throw new Rejected(`Tệp nén chứa thành phần có tên không hợp lệ ("${name.slice(0, 80)}": đường dẫn ra ngoài thư mục hoặc ký tự lạ), nghi là tệp độc hại. Biểu mẫu Excel không bao giờ có tên như vậy. ${RESAVE}`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Rejected(`Tệp nén có hai thành phần trùng tên ("${name.slice(0, 80)}"): tệp bị hỏng hoặc bị làm giả. ${RESAVE}`);
    seen.add(key);
    if (flags & 0x1) throw new Rejected(`Tệp nén có thành phần được mã hóa bằng mật khẩu ("${name.slice(0, 80)}"). Hãy gỡ mật khẩu, lưu lại dạng .xlsx rồi gửi lại.`);
    if (method !== 0 && method !== 8) throw new Rejected(`Tệp nén dùng phương thức nén không được hỗ trợ (thành phần "${name.slice(0, 80)}"). ${RESAVE}`);
    if (name.endsWith('/')) {
      entries.push({ name, flags, method, compressedSize, size, localOffset, dataStart: 0 });
      continue;
    }
    declaredTotal += size;
    if (size > ZIP_LIMITS.maxEntryBytes) {
      throw new Rejected(`Thành phần "${name.slice(0, 80)}" khi giải nén lên tới ${mb(size)} (tối đa ${mb(ZIP_LIMITS.maxEntryBytes)}): ${BOMB}. ${RESAVE}`);
    }
    if (declaredTotal > ZIP_LIMITS.maxTotalBytes) {
      throw new Rejected(`Tệp khi giải nén lên tới hơn ${mb(ZIP_LIMITS.maxTotalBytes)}: ${BOMB}. ${RESAVE}`);
    }
    if (size > ZIP_LIMITS.ratioFloorBytes && size > compressedSize * ZIP_LIMITS.maxRatio) {
      throw new Rejected(`Thành phần "${name.slice(0, 80)}" có tỷ lệ nén bất thường (${num(size / Math.max(1, compressedSize))} lần): ${BOMB}. ${RESAVE}`);
    }
    if (method === 0) need(size === compressedSize);
    // The local header: its own name and extra lengths decide where the data starts (as in JSZip).
    need(localOffset + 30 <= data.length && u32(data, localOffset) === 0x04034b50);
    const dataStart = localOffset + 30 + u16(data, localOffset + 26) + u16(data, localOffset + 28);
    need(dataStart + compressedSize <= data.length);
    entries.push({ name, flags, method, compressedSize, size, localOffset, dataStart });
  }
  return entries;
}

/** What the package is, by its part names, when it is not a workbook. */
function checkKind(entries: Entry[]): void {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (names.has('xl/workbook.xml') && names.has('[content_types].xml')) return;
  if (names.has('word/document.xml')) throw new Rejected('Tệp là văn bản Word (.docx) được đổi đuôi thành .xlsx, không phải bảng tính Excel. Hãy điền số liệu vào biểu mẫu .xlsx đã được cấp rồi gửi lại.');
  if (names.has('ppt/presentation.xml')) throw new Rejected('Tệp là bản trình chiếu PowerPoint (.pptx) được đổi đuôi, không phải bảng tính Excel. Hãy gửi biểu mẫu .xlsx đã được cấp.');
  if (names.has('xl/workbook.bin')) throw new Rejected('Tệp là sổ làm việc Excel nhị phân (.xlsb), không phải .xlsx. Hãy mở bằng Excel và lưu lại dạng "Sổ làm việc Excel (*.xlsx)".');
  if (names.has('content.xml') && names.has('mimetype')) {
    throw new Rejected('Tệp là bảng tính OpenDocument (.ods, thường do LibreOffice hoặc WPS lưu), không phải .xlsx. Hãy mở tệp, chọn Tệp > Lưu thành (Save As), chọn kiểu "Excel 2007-365 (.xlsx)", lưu rồi gửi tệp .xlsx đó.');
  }
  throw new Rejected(`Tệp nén không phải bảng tính Excel (.xlsx): thiếu thành phần bắt buộc xl/workbook.xml. ${RESAVE}`);
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B3" → [row, col]; "B" or "3" (whole columns/rows) take the grid's far edge. */
function refPoint(ref: string, far: boolean): [number, number] | undefined {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(ref);
  if (!m || (!m[1] && !m[2])) return undefined;
  const col = m[1] ? colNumber(m[1]) : far ? ZIP_LIMITS.maxColumn : 1;
  const row = m[2] ? Number(m[2]) : far ? ZIP_LIMITS.maxRow : 1;
  return [row, col];
}

interface Totals {
  /** Inflated bytes so far, all parts. */
  bytes: number;
  mergedCells: number;
  /** `<c>` elements counted in the parts not kept (the reader counts the others as it reads them). */
  cells: number;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Whether the text holds `<!DOCTYPE` or `<!ENTITY` (any case, spaces allowed after `<!`). */
function hasDoctype(text: string): boolean {
  for (let i = text.indexOf('<!'); i >= 0; i = text.indexOf('<!', i + 2)) {
    if (/^<!\s*(doctype|entity)/i.test(text.slice(i, i + 24))) return true;
  }
  return false;
}

/** Calls `fn` with the attributes of every complete `<tag …>` in the text (not `<tagX`). */
function eachTag(text: string, tag: string, fn: (attrs: string) => void): void {
  const open = `<${tag}`;
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + open.length)) {
    if (!isSpace(text.charCodeAt(i + open.length))) continue;
    const end = text.indexOf('>', i);
    if (end < 0) return; // unfinished: the streaming scanner carries it to the next chunk
    fn(text.slice(i + open.length, end));
  }
}

/**
 * An attribute of a raw tag, decoded as the XML parser will hand it over (character references,
 * whitespace), so that `max="&#50;000000000"` is read as 2 000 000 000, not as 0.
 */
function attribute(name: string, attrs: string, key: string): string | undefined {
  try {
    return attributeOf(attrs, key);
  } catch (e) {
    if (e instanceof XmlError) throw new Rejected(`Thành phần "${name}" có thẻ XML bất thường. ${RESAVE}`);
    throw e;
  }
}

/** The checks an XML part's text must pass; worksheets are also checked for absurd merges and columns. */
function checkXml(name: string, text: string, worksheet: { merges: number } | undefined, totals: Totals): void {
  if (hasDoctype(text)) {
    throw new Rejected(`Thành phần "${name}" chứa khai báo XML <!DOCTYPE>/<!ENTITY>, điều mà bảng tính Excel không bao giờ dùng (nghi là tấn công "mở rộng thực thể XML"). ${RESAVE}`);
  }
  if (!worksheet) return;
  eachTag(text, 'col', (attrs) => {
    // parseInt, as the parsers that expand columns read the value (leading spaces and trailing junk ignored).
    for (const key of ['min', 'max']) {
      const n = parseInt(attribute(name, attrs, key) ?? '', 10);
      if (n > ZIP_LIMITS.maxColumn) {
        throw new Rejected(`Trang tính "${name}" khai báo cột vượt quá giới hạn của Excel (${num(Math.min(n, 1e15))} cột; tối đa ${num(ZIP_LIMITS.maxColumn)}): tệp bị làm giả. ${RESAVE}`);
      }
    }
  });
  eachTag(text, 'mergeCell', (attrs) => {
    const ref = (attribute(name, attrs, 'ref') ?? '').trim();
    const [a, b = a, extra] = ref.split(':');
    const tl = refPoint(a ?? '', false);
    const br = refPoint(b ?? '', true);
    if (!tl || !br || extra !== undefined) {
      throw new Rejected(`Trang tính "${name}" có vùng gộp ô không hợp lệ ("${ref.slice(0, 40)}"): tệp bị hỏng hoặc bị làm giả. ${RESAVE}`);
    }
    worksheet.merges++;
    totals.mergedCells += (Math.abs(br[0] - tl[0]) + 1) * (Math.abs(br[1] - tl[1]) + 1);
    if (worksheet.merges > ZIP_LIMITS.maxMergesPerSheet) {
      throw new Rejected(`Trang tính có quá nhiều vùng gộp ô (hơn ${num(ZIP_LIMITS.maxMergesPerSheet)}). Hãy bỏ gộp các ô thừa (Trang đầu > Gộp và căn giữa) rồi gửi lại.`);
    }
    if (totals.mergedCells > ZIP_LIMITS.maxMergedCells) {
      throw new Rejected(`Bảng tính gộp một vùng ô quá lớn (${ref.slice(0, 40)}; tổng cộng hơn ${num(ZIP_LIMITS.maxMergedCells)} ô được gộp). Hãy bỏ gộp các vùng lớn (Trang đầu > Gộp và căn giữa > Bỏ gộp ô) rồi gửi lại.`);
    }
  });
}

function checkNotUtf16(name: string, head: Uint8Array): void {
  const [a, b] = [head[0], head[1]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff) || (a === 0x3c && b === 0) || (a === 0 && b === 0x3c)) {
    throw new Rejected(`Thành phần "${name}" dùng bảng mã UTF-16, điều mà bảng tính Excel không dùng. ${RESAVE}`);
  }
}

/** Counts the elements `<tag>`, `<tag …>` and `<tag/>` in text[0, end). */
function countTags(text: string, tag: string, end: number): number {
  const open = `<${tag}`;
  let n = 0;
  for (let i = text.indexOf(open); i >= 0 && i < end; i = text.indexOf(open, i + open.length)) {
    const c = text.charCodeAt(i + open.length);
    if (isSpace(c) || c === 0x3e || c === 0x2f) n++;
  }
  return n;
}

/**
 * Scans an XML part that is not kept, chunk by chunk as it inflates, across chunk boundaries; its
 * rows and cells are counted against READ_LIMITS, so that a sheet the reader skips still costs
 * bounded work.
 */
class PartScanner {
  private carry = '';
  // UTF-8, not latin1: only ASCII tags are looked for, and the UTF-8 decoder is several times faster.
  private readonly decoder = new TextDecoder('utf-8');
  private first = true;
  private readonly worksheet: { merges: number } | undefined;
  private rows = 0;

  constructor(
    private readonly name: string,
    worksheet: boolean,
    private readonly totals: Totals,
    /** The sheet's name, for the message, when the workbook names it. */
    private readonly sheet: string | undefined,
  ) {
    this.worksheet = worksheet ? { merges: 0 } : undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      checkNotUtf16(this.name, chunk);
    }
    const text = this.carry + this.decoder.decode(chunk, { stream: true });
    checkXml(this.name, text, this.worksheet, this.totals);
    // Keep an unfinished tag (no '>' yet) for the next chunk; a long one we don't watch is dropped.
    const lt = text.lastIndexOf('<');
    const complete = lt >= 0 && text.indexOf('>', lt) < 0 ? lt : text.length;
    this.count(text, complete);
    this.carry = text.slice(complete);
    if (this.carry.length > 4096) {
      if (/^<(mergeCell|col)\s/.test(this.carry)) throw new Rejected(`Thành phần "${this.name}" có thẻ XML bất thường. ${RESAVE}`);
      this.carry = '';
    }
  }

  private count(text: string, end: number): void {
    this.rows += countTags(text, 'row', end);
    this.totals.cells += countTags(text, 'c', end);
    const where = this.sheet ? `Trang tính "${this.sheet}"` : `Thành phần "${this.name}"`;
    if (this.rows > READ_LIMITS.maxRows) throw tooManyRows(where, READ_LIMITS.maxRows);
    if (this.totals.cells > READ_LIMITS.maxCells) throw tooManyCells(READ_LIMITS.maxCells);
  }
}

/**
 * Inflates raw deflate data that fits in one slice into at most `limit` bytes: a longer result is
 * cut at `limit` (or given back as any `limit` bytes), never produced whole. fflate by default, so
 * that the page runs the guard; the commands pass Node's native zlib (generator/intake/nativeInflate.ts),
 * about twice as fast on a workbook's parts.
 */
export type RawInflate = (compressed: Uint8Array, limit: number) => Uint8Array;

export const fflateInflate: RawInflate = (compressed, limit) => inflateSync(compressed, { out: new Uint8Array(limit) });

/** One strict decoder for every kept part (a decoder used without `stream` keeps no state between calls). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const XML_PART = /\.(xml|rels|vml)$/i;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Inflates (or reads, when stored) one part in 16 KB slices, counting and checking as it goes.
 * A part the reader needs is kept and returned as text (decoded once, checked whole); any other
 * part is scanned while it streams and discarded.
 */
function inflateEntry(data: Uint8Array, entry: Entry, totals: Totals, keep: boolean, sheet: string | undefined, inflate: RawInflate): string | undefined {
  const name = entry.name.slice(0, 80);
  const xml = XML_PART.test(entry.name);
  const scanner = xml && !keep ? new PartScanner(name, WORKSHEET.test(entry.name), totals, sheet) : undefined;
  const compressed = data.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  // A part whose compressed data fits in one slice is inflated in one go into a buffer of its
  // declared size + 1 byte: fflate drops what does not fit, so a longer result (a header that lies)
  // shows as declared + 1 bytes, and the work is bounded as for one streamed slice (≤ ~1 032 × 16 KB).
  // Cheaper than streaming, whose buffers grow by 128 KB per push, for the small parts of a workbook.
  const oneShot = entry.method === 8 && entry.compressedSize <= ZIP_LIMITS.inflateSliceBytes;
  // Never more than declared (checked below), so the declared size bounds the buffer.
  let kept: Uint8Array | undefined = keep && entry.method === 8 && !oneShot ? new Uint8Array(entry.size) : undefined;
  let produced = 0;
  const take = (out: Uint8Array): void => {
    if (produced + out.length > entry.size) {
      throw new Rejected(`Thành phần "${name}" giải nén ra nhiều hơn kích thước khai báo trong tệp nén (khai báo ${num(entry.size)} byte): tệp bị hỏng hoặc bị làm giả, ${BOMB}. ${RESAVE}`);
    }
    kept?.set(out, produced);
    produced += out.length;
    totals.bytes += out.length;
    if (produced > ZIP_LIMITS.maxEntryBytes || totals.bytes > ZIP_LIMITS.maxTotalBytes) {
      throw new Rejected(`Tệp khi giải nén quá lớn (thành phần "${name}"): ${BOMB}. ${RESAVE}`);
    }
    if (produced > ZIP_LIMITS.ratioFloorBytes && produced > entry.compressedSize * ZIP_LIMITS.maxRatio) {
      throw new Rejected(`Thành phần "${name}" có tỷ lệ nén bất thường: ${BOMB}. ${RESAVE}`);
    }
    scanner?.push(out);
  };
  const slice = ZIP_LIMITS.inflateSliceBytes;
  if (entry.method === 0) {
    for (let i = 0; i < compressed.length; i += slice * 64) take(compressed.subarray(i, i + slice * 64));
  } else if (oneShot) {
    let out: Uint8Array;
    try {
      out = inflate(compressed, entry.size + 1);
    } catch {
      throw new Rejected(`Thành phần "${name}" bị hỏng, không giải nén được. ${CORRUPT}`);
    }
    take(out);
    if (keep) kept = out;
  } else {
    const inflater = new Inflate((out) => take(out));
    try {
      for (let i = 0; i < compressed.length; i += slice) inflater.push(compressed.subarray(i, i + slice), i + slice >= compressed.length);
    } catch (e) {
      if (e instanceof Rejected) throw e;
      throw new Rejected(`Thành phần "${name}" bị hỏng, không giải nén được. ${CORRUPT}`);
    }
  }
  if (entry.method === 8 && produced === 0 && entry.size > 0) throw new Rejected(CORRUPT);
  if (!keep) return undefined;
  const bytes = kept ? kept.subarray(0, produced) : compressed;
  if (!xml) return undefined;
  checkNotUtf16(name, bytes);
  let text: string;
  try {
    // Fatal: a byte sequence that is not UTF-8 must never reach the report as "���".
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw new Rejected(`Thành phần "${name}" chứa byte không phải mã UTF-8 hợp lệ (tệp bị hỏng hoặc do phần mềm khác ghi sai bảng mã). ${RESAVE}`);
  }
  checkXml(name, text, WORKSHEET.test(entry.name) ? { merges: 0 } : undefined, totals);
  return text;
}

export interface GuardOptions {
  /**
   * XML parts to keep, inflated and decoded, for the reader: by part name, knowing the parts kept
   * so far (the `first` parts are inflated before all others).
   */
  keep?: (name: string, kept: ReadonlyMap<string, string>) => boolean;
  /** Parts to inflate first (the workbook's index, from which `keep` picks the sheets). */
  first?: (name: string) => boolean;
  /** The sheet a part holds, for messages about a part that is not kept. */
  label?: (name: string, kept: ReadonlyMap<string, string>) => string | undefined;
  /** Inflater for the parts small enough to inflate in one go (fflate unless given). */
  inflate?: RawInflate;
}

/**
 * Full guard, synchronous: format, directory, names, declared sizes, then every part inflated and
 * checked. On success, the parts `keep` asks for come back as text, so the reader never inflates
 * the file a second time.
 */
export function guardZipSync(data: Uint8Array, options: GuardOptions = {}): GuardResult {
  const sniff = sniffFormat(data);
  if (!sniff.ok) return sniff;
  try {
    const entries = readEntries(data);
    checkKind(entries);
    const totals: Totals = { bytes: 0, mergedCells: 0, cells: 0 };
    const parts = new Map<string, string>();
    const first = options.first;
    const ordered = first ? [...entries.filter((e) => first(e.name)), ...entries.filter((e) => !first(e.name))] : entries;
    for (const entry of ordered) {
      if (entry.name.endsWith('/')) continue;
      const keep = options.keep?.(entry.name, parts) ?? false;
      const text = inflateEntry(data, entry, totals, keep, keep ? undefined : options.label?.(entry.name, parts), options.inflate ?? fflateInflate);
      if (text !== undefined) parts.set(entry.name, text);
    }
    return { ok: true, parts, cells: totals.cells };
  } catch (e) {
    if (e instanceof Rejected) return fail(e.message);
    return fail(CORRUPT);
  }
}

/** Full guard (format, entry count, names, declared and actual inflated sizes, ratio, XML tricks). */
export function guardZip(data: Uint8Array, options: GuardOptions = {}): Promise<GuardResult> {
  return Promise.resolve(guardZipSync(data, options));
}
