import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { buildCorpus, CORPUS_OPTIONS, CORPUS_PLAN, deflateZeros, rawDeflated, sheetPart, writeZip, zipParts, type Corpus } from '../hostile/buildCorpus.ts';
import { checkFile } from '../../generator/intake/checkFile.ts';
import { checkFiles } from '../../generator/intake/checkPool.ts';
import { bytesToModel } from '../../xlsx/bytesToModel.ts';
import { readerNeeds } from '../../xlsx/readWorkbook.ts';
import { referenceBytesToModel } from '../reference/readWorkbook.ts';
import { guardZipSync, ZIP_LIMITS } from '../../xlsx/zipGuard.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { toA1 } from '../../core/workbook/address.ts';
import type { CellValue, WorkbookModel } from '../../core/workbook/model.ts';
import { cloneModel, plan, tempDir } from '../helpers/workbooks.ts';

/**
 * PRODUCT.md, "Reliability and security": broken or hostile files get a clear Vietnamese message
 * each, within seconds and bounded memory, and the rest of the run goes on. The corpus is built
 * at test time (test/hostile/buildCorpus.ts).
 */

const MB = 1024 * 1024;
/** RSS growth allowed while one hostile file is checked. */
const MEMORY_BOUND = 600 * MB;
/** Generous wall-clock bound per file: the point is "seconds, not minutes or a hang". */
const TIME_BOUND_MS = 10_000;

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const STACK = /\n\s+at |\bat \S+ \(|node_modules|\.ts:\d+|Error:|TypeError|undefined|\[object/;

/** Vietnamese, no stack trace or internals; the guard's own messages are also short. */
function expectClearMessage(message: string, label: string, short = true): void {
  expect(message, label).toMatch(VIETNAMESE);
  expect(message, label).not.toMatch(STACK);
  // Validator messages may quote the clerk's cell text (up to Excel's 32 767 characters).
  if (short) expect(message.length, label).toBeLessThan(600);
}

let corpus: Corpus;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir('da06-hostile-');
  corpus = await buildCorpus(tmp.dir);
});

afterAll(() => tmp?.cleanup());

describe('hostile corpus', () => {
  it('holds at least 20 broken or hostile files and two valid ones', () => {
    expect(corpus.items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(corpus.items.map((i) => i.name)).size).toBe(corpus.items.length);
    expect(corpus.valid).toHaveLength(2);
  });

  it('gives every file a clear Vietnamese message, within seconds and bounded memory', async () => {
    const np = plan(CORPUS_PLAN);
    const report: string[] = [];
    for (const item of corpus.items) {
      const rssBefore = process.memoryUsage().rss;
      const started = Date.now();
      const result = await checkFile(np, item.path, { ...CORPUS_OPTIONS, ...item.options });
      const ms = Date.now() - started;
      const grown = process.memoryUsage().rss - rssBefore;
      report.push(`${item.name}: ${ms} ms, +${Math.round(grown / MB)} MB`);
      const label = `${item.name} (${item.what})`;
      expect.soft(result.valid, label).toBe(false);
      const issue = result.issues.find((i) => i.code === item.code);
      expect.soft(issue, `${label}: ${JSON.stringify(result.issues.map((i) => i.code))}`).toBeDefined();
      if (issue) {
        expect.soft(issue.severity, label).toBe('error');
        expect.soft(issue.message, label).toMatch(item.message);
        expectClearMessage(issue.message, label);
      }
      expect.soft(ms, label).toBeLessThan(TIME_BOUND_MS);
      expect.soft(grown, label).toBeLessThan(MEMORY_BOUND);
    }
    console.info(`hostile corpus:\n  ${report.join('\n  ')}`);
  });

  it('rejects before parsing: the guard alone catches the zip-level tricks', () => {
    const guardOnly = ['bom-nen.xlsx', 'khai-bao-sai-kich-thuoc.xlsx', 'thuc-the-xml-sheet.xlsx', 'thuc-the-xml-sharedstrings.xlsx', '10000-thanh-phan.xlsx', 'duong-dan-nguy-hiem.xlsx', 'gop-ca-trang.xlsx', 'cot-vuot-luoi.xlsx', 'trung-ten.xlsx'];
    for (const name of guardOnly) {
      const item = corpus.items.find((i) => i.name === name)!;
      const verdict = guardZipSync(readFileSync(item.path));
      expect(verdict.ok, name).toBe(false);
      if (!verdict.ok) expect(verdict.reason, name).toMatch(item.message);
    }
    for (const file of corpus.valid) expect(guardZipSync(readFileSync(file)).ok).toBe(true);
  });

  it('a run over the whole corpus with two workers still accepts the valid files', async () => {
    const files = [corpus.valid[0]!, ...corpus.items.map((i) => i.path), corpus.valid[1]!];
    const rssBefore = process.memoryUsage().rss;
    const results = await checkFiles(CORPUS_PLAN, files, { workers: 2, ...CORPUS_OPTIONS });
    const grown = process.memoryUsage().rss - rssBefore;
    expect(results).toHaveLength(files.length);
    const first = results[0]!;
    const last = results[results.length - 1]!;
    expect(first.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(first.valid).toBe(true);
    expect(first.agency).toBe(corpus.validAgencies[0]);
    expect(last.valid).toBe(true);
    expect(last.agency).toBe(corpus.validAgencies[1]);
    for (const [i, item] of corpus.items.entries()) {
      const r = results[i + 1]!;
      expect(r.file).toBe(item.path);
      // Checked alone with its own options (the expected agency), a file of another agency is
      // rejected; in a run without them it is simply that agency's report.
      if (item.options) continue;
      expect.soft(r.valid, item.name).toBe(false);
      const issue = r.issues.find((x) => x.code === item.code);
      expect.soft(issue?.message ?? '', item.name).toMatch(item.message);
      expectClearMessage(issue?.message ?? 'thiếu', item.name);
    }
    expect(grown).toBeLessThan(2 * MEMORY_BOUND);
  });
});

describe('zip guard details', () => {
  it('deflateZeros makes a real deflate stream of zeros (checked on a small size)', async () => {
    const { inflateSync } = await import('fflate');
    for (const n of [0, 1, 258, 259, 777, 300_000]) {
      const out = inflateSync(deflateZeros(n));
      expect(out.length).toBe(n);
      expect(out.every((b) => b === 0)).toBe(true);
    }
  });

  it('accepts the template writer’s workbooks and keeps the documented limits', () => {
    expect(ZIP_LIMITS.maxEntries).toBeLessThan(10_000);
    expect(ZIP_LIMITS.maxEntryBytes).toBeLessThan(1024 * MB);
    expect(guardZipSync(readFileSync(corpus.valid[0]!)).ok).toBe(true);
  });

  it('hands the reader the parts it needs, inflated once, and nothing else', () => {
    const verdict = guardZipSync(readFileSync(corpus.valid[0]!), { keep: readerNeeds });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    const names = [...verdict.parts.keys()].sort();
    expect(names).toContain('xl/workbook.xml');
    expect(names).toContain('xl/sharedStrings.xml');
    expect(names.every(readerNeeds)).toBe(true);
    expect(names.some((n) => n.startsWith('docProps/') || n.startsWith('xl/theme/'))).toBe(false);
  });

  it('reads the same model through exceljs’s own loader if its internals ever change (reference reader)', async () => {
    const bytes = readFileSync(corpus.valid[0]!);
    const direct = await referenceBytesToModel(bytes);
    const proto = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as Record<string, unknown>;
    const internal = proto.prepareModel;
    try {
      delete proto.prepareModel; // used by the direct path only (not by exceljs's load)
      expect(await referenceBytesToModel(bytes)).toEqual(direct);
    } finally {
      proto.prepareModel = internal;
    }
  });

  it('catches a small part that lies about its size (inflated in one go, not streamed)', () => {
    const parts = unzipSync(readFileSync(corpus.valid[0]!));
    const part = sheetPart(parts, 'Nhiệm vụ');
    // ~10 KB of compressed zeros that inflate to 10 MB, declared as 2 000 bytes.
    const entries = Object.entries(parts).map(([name, data]) =>
      name === part ? { name, method: 8 as const, data: deflateZeros(10 * MB), crc: 0, size: 2_000 } : rawDeflated(name, data),
    );
    expect(entries.find((e) => e.name === part)!.data.length).toBeLessThanOrEqual(ZIP_LIMITS.inflateSliceBytes);
    const verdict = guardZipSync(writeZip(entries), { keep: readerNeeds });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/nhiều hơn kích thước khai báo/);
  });

  it('finds <!DOCTYPE split across inflate slices and in any XML part', () => {
    const parts = unzipSync(readFileSync(corpus.valid[0]!));
    // Push the DOCTYPE past the first 16 KB slice of compressed data, in a part nobody else reads.
    const padding = Array.from({ length: 40_000 }, (_, i) => `<x a="${(i * 7919) % 10007}"/>`).join('');
    const xml = `<?xml version="1.0"?><root>${padding}<!DOCTYPE r [<!ENTITY a "b">]></root>`;
    const verdict = guardZipSync(zipParts({ ...parts, 'docProps/custom.xml': strToU8(xml) }));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/docProps\/custom\.xml.*DOCTYPE/);
    const rels = guardZipSync(zipParts({ ...parts, '_rels/.rels': strToU8(`<!DOCTYPE x SYSTEM "file:///etc/passwd">${strFromU8(parts['_rels/.rels']!)}`) }));
    expect(rels.ok).toBe(false);
  });

  it('counts merged cells across sheets and rejects a merge-heavy workbook', () => {
    const parts = unzipSync(readFileSync(corpus.valid[0]!));
    const part = sheetPart(parts, 'Nhiệm vụ');
    const merges = Array.from({ length: ZIP_LIMITS.maxMergesPerSheet + 1 }, (_, i) => `<mergeCell ref="M${i + 1}:N${i + 1}"/>`).join('');
    const xml = strFromU8(parts[part]!).replace('</sheetData>', `</sheetData><mergeCells count="${ZIP_LIMITS.maxMergesPerSheet + 1}">${merges}</mergeCells>`);
    const verdict = guardZipSync(zipParts({ ...parts, [part]: strToU8(xml) }));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/vùng gộp ô/);
  });
});

// — Property tests: random changes to a valid workbook never crash or hang the reader/validator —

const RUNS = 40;

type ByteMutation = { kind: 'flip' | 'set' | 'insert' | 'delete' | 'truncate'; at: number; byte: number; len: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  kind: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  byte: fc.integer({ min: 0, max: 255 }),
  len: fc.integer({ min: 1, max: 64 }),
});

function mutateBytes(data: Uint8Array, mutations: ByteMutation[]): Uint8Array {
  let out = data.slice();
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === 'flip') out[at] = out[at]! ^ (1 << (m.byte & 7));
    else if (m.kind === 'set') out[at] = m.byte;
    else if (m.kind === 'insert') out = new Uint8Array([...out.subarray(0, at), ...new Array<number>(m.len).fill(m.byte), ...out.subarray(at)]);
    else if (m.kind === 'delete') out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.len)]);
    else out = out.slice(0, at);
  }
  return out;
}

/** Reads and validates; must resolve (never throw) to a model's issues or a clerk's message. */
async function readAndValidate(bytes: Uint8Array): Promise<void> {
  const model = await bytesToModel(bytes);
  if (typeof model === 'string') {
    expectClearMessage(model, 'bytesToModel');
    return;
  }
  const result = validateWorkbook(plan(CORPUS_PLAN), model, CORPUS_OPTIONS);
  for (const issue of result.issues) {
    expect(CATALOGUE[issue.code]).toBeDefined();
    expectClearMessage(issue.message, issue.code, false);
  }
}

describe('property: mutated workbooks never crash or hang', () => {
  it('byte-level mutations of the raw file (flip, set, insert, delete, truncate)', async () => {
    const valid = new Uint8Array(readFileSync(corpus.valid[0]!));
    await fc.assert(
      fc.asyncProperty(fc.array(byteMutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        await readAndValidate(mutateBytes(valid, mutations));
      }),
      { numRuns: RUNS, seed: 6 },
    );
  });

  it('byte-level mutations inside the XML parts (re-zipped, so the XML parser sees them)', async () => {
    const parts = unzipSync(readFileSync(corpus.valid[0]!));
    const names = Object.keys(parts).filter((n) => n.endsWith('.xml'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(byteMutation, { minLength: 1, maxLength: 8 }), async (name, mutations) => {
        await readAndValidate(zipParts({ ...parts, [name]: mutateBytes(parts[name]!, mutations) }));
      }),
      { numRuns: RUNS, seed: 60 },
    );
  });

  const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant<CellValue>({ t: 'empty' }),
    fc.string({ maxLength: 40 }).map<CellValue>((v) => ({ t: 'text', v })),
    fc.constantFrom('Đã hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', '80%', '12,5', '1.234,5', '15/03/2023', 'Tháng 03/2023', 'Chñ tr×', 'Ñaõ hoaøn thaønh', '\u0000', 'a'.repeat(5000)).map<CellValue>((v) => ({ t: 'text', v })),
    fc.oneof(fc.double(), fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(0, -0, 100, 101, 1e308, Number.NaN, Infinity)).map<CellValue>((v) => ({ t: 'number', v })),
    fc.integer({ min: -1000, max: 3_000_000 }).map<CellValue>((serial) => ({ t: 'date', v: new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10), serial })),
    fc.boolean().map<CellValue>((v) => ({ t: 'boolean', v })),
    fc.constantFrom('#N/A', '#VALUE!', '#REF!', '#DIV/0!').map<CellValue>((v) => ({ t: 'error', v })),
  );

  type CellEdit =
    | { kind: 'set'; sheet: number; cell: number; value: CellValue }
    | { kind: 'add'; sheet: number; row: number; col: number; value: CellValue }
    | { kind: 'delete'; sheet: number; cell: number }
    | { kind: 'merge'; sheet: number; range: string }
    | { kind: 'rename'; sheet: number; name: string }
    | { kind: 'dropSheet'; sheet: number };

  const cellEdit: fc.Arbitrary<CellEdit> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), sheet: fc.nat(10), cell: fc.nat(500), value: cellValue }),
    fc.record({ kind: fc.constant('add' as const), sheet: fc.nat(10), row: fc.integer({ min: 1, max: 80 }), col: fc.integer({ min: 1, max: 14 }), value: cellValue }),
    fc.record({ kind: fc.constant('delete' as const), sheet: fc.nat(10), cell: fc.nat(500) }),
    fc.record({ kind: fc.constant('merge' as const), sheet: fc.nat(10), range: fc.constantFrom('A1:C3', 'B4:K4', 'F5:F60', 'A1:XFD1048576', 'ZZ9', 'bad') }),
    fc.record({ kind: fc.constant('rename' as const), sheet: fc.nat(10), name: fc.constantFrom('Nhiệm vụ', 'nhiệm vụ ', 'Thông tin', 'Sheet1', '') }),
    fc.record({ kind: fc.constant('dropSheet' as const), sheet: fc.nat(10) }),
  );

  function applyEdits(model: WorkbookModel, edits: CellEdit[]): WorkbookModel {
    const m = cloneModel(model);
    for (const e of edits) {
      if (m.sheets.length === 0) break;
      const sheet = m.sheets[e.sheet % m.sheets.length]!;
      if (e.kind === 'set' && sheet.cells.length) sheet.cells[e.cell % sheet.cells.length]!.value = e.value;
      else if (e.kind === 'add') sheet.cells.push({ address: toA1(e.row, e.col), row: e.row, col: e.col, value: e.value });
      else if (e.kind === 'delete' && sheet.cells.length) sheet.cells.splice(e.cell % sheet.cells.length, 1);
      else if (e.kind === 'merge') sheet.merges.push(e.range);
      else if (e.kind === 'rename') sheet.name = e.name;
      else if (e.kind === 'dropSheet') m.sheets.splice(e.sheet % m.sheets.length, 1);
    }
    return m;
  }

  it('cell-level mutations of the model never crash the validator', async () => {
    const model = await bytesToModel(readFileSync(corpus.valid[0]!));
    if (typeof model === 'string') throw new Error(model);
    const np = plan(CORPUS_PLAN);
    fc.assert(
      fc.property(fc.array(cellEdit, { minLength: 1, maxLength: 12 }), (edits) => {
        const result = validateWorkbook(np, applyEdits(model, edits), CORPUS_OPTIONS);
        expect(typeof result.valid).toBe('boolean');
        for (const issue of result.issues) {
          expect(CATALOGUE[issue.code]).toBeDefined();
          expectClearMessage(issue.message, issue.code, false);
        }
      }),
      { numRuns: RUNS * 5, seed: 600 },
    );
  });

  it('cell-level mutations written into the file never crash reading or validation', async () => {
    const parts = unzipSync(readFileSync(corpus.valid[0]!));
    const part = sheetPart(parts, 'Nhiệm vụ');
    const xml = strFromU8(parts[part]!);
    const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const cellXml = (ref: string, v: CellValue): string => {
      switch (v.t) {
        case 'text':
          return `<c r="${ref}" t="inlineStr"><is><t>${escape(v.v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''))}</t></is></c>`;
        case 'number':
          return `<c r="${ref}"><v>${Number.isFinite(v.v) ? v.v : 'x'}</v></c>`;
        case 'date':
          return `<c r="${ref}" s="0"><v>${v.serial}</v></c>`;
        case 'boolean':
          return `<c r="${ref}" t="b"><v>${v.v ? 1 : 0}</v></c>`;
        case 'error':
          return `<c r="${ref}" t="e"><v>${v.v}</v></c>`;
        default:
          return `<c r="${ref}"/>`;
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ row: fc.integer({ min: 1, max: 60 }), col: fc.integer({ min: 1, max: 12 }), value: cellValue }), { minLength: 1, maxLength: 10 }),
        async (edits) => {
          let out = xml;
          for (const e of edits) {
            const ref = toA1(e.row, e.col);
            const existing = new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>.*?</c>)`);
            if (existing.test(out)) out = out.replace(existing, cellXml(ref, e.value));
            else if (new RegExp(`<row r="${e.row}"[^>]*>`).test(out)) out = out.replace(new RegExp(`(<row r="${e.row}"[^>]*>)`), `$1${cellXml(ref, e.value)}`);
          }
          await readAndValidate(zipParts({ ...parts, [part]: strToU8(out) }));
        },
      ),
      { numRuns: RUNS, seed: 6000 },
    );
  });
});
