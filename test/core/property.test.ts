import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { validFilling } from '../../generator/samples/scenario.ts';
import { bytesToModel } from '../../xlsx/bytesToModel.ts';
import { validateWorkbook, type ValidateOptions } from '../../core/validation/validate.ts';
import { CATALOGUE, ISSUE_CODES, IssueSchema, type Issue } from '../../core/validation/catalogue.ts';
import { SubmissionSchema } from '../../core/submission/schema.ts';
import { WorkbookModelSchema, type Cell, type CellValue, type WorkbookModel } from '../../core/workbook/model.ts';
import { toA1 } from '../../core/workbook/address.ts';
import { serialToIso } from '../../core/workbook/dates.ts';
import { STATUS_VALUES } from '../../core/workbook/contract.ts';
import { cloneModel, makeWorkbook, plan, period, validateBytes } from '../helpers/workbooks.ts';

/**
 * Random changes to valid workbooks never crash the validator (PRODUCT.md, Reliability), and every
 * issue it gives is well formed. Model-level edits are cheap and many; byte-level ones go through
 * the real reader.
 */

interface Base {
  plan: string;
  model: WorkbookModel;
  bytes: Uint8Array;
}

const bases: Base[] = [];
const FILE_LEVEL = new Set(['file-unreadable', 'not-da06-workbook', 'plan-mismatch', 'plan-version-changed', 'template-outdated', 'agency-unknown', 'agency-mismatch']);

beforeAll(async () => {
  const specs: [string, string, string, boolean][] = [
    ['quang-ngai-2022', 'SO_TTTT', '2023-01', true],
    ['quang-ngai-2022', 'H_BINH_SON', '2023-01', false],
    ['quang-ngai-2023', 'SO_TU_PHAP', '2023-03', true],
    ['can-tho-2022', 'VP_UBND', '2022-H1', true],
  ];
  for (const [p, agency, per, filled] of specs) {
    const bytes = await makeWorkbook({ plan: p, agency, period: per, filling: filled ? validFilling(plan(p), agency, period(per)) : undefined });
    const { model, issues } = await validateBytes(bytes, p);
    if (filled) expect(issues).toEqual([]);
    bases.push({ plan: p, model, bytes });
  }
});

/** Every issue well formed; the result consistent. */
function expectWellFormed(issues: Issue[], valid: boolean): void {
  for (const i of issues) {
    expect(IssueSchema.safeParse(i).success, JSON.stringify(i)).toBe(true);
    expect(ISSUE_CODES).toContain(i.code);
    expect(i.severity).toBe(CATALOGUE[i.code].severity);
    expect(typeof i.sheet).toBe('string');
    if (!FILE_LEVEL.has(i.code)) expect(i.sheet, i.code).not.toBe('');
    expect(i.cell === '' || /^[A-Z]{1,3}[1-9]\d*$/.test(i.cell), `${i.code} at "${i.cell}"`).toBe(true);
    expect(i.message.trim().length, i.code).toBeGreaterThan(0);
    expect(i.message).toBe(i.message.normalize('NFC'));
    expect(i.message, i.code).not.toMatch(/undefined|\[object Object\]/);
    if (i.fix) expect(typeof i.fix.replacement).toBe('string');
  }
  expect(valid).toBe(!issues.some((i) => i.severity === 'error'));
}

// — Arbitraries ———————————————————————————————————————————————————————————————————————————

const VIETNAMESE_TEXT = [
  'Đã hoàn thành',
  'Đang thực hiện',
  'Chưa thực hiện',
  'đã hoàn thành ',
  'Đang thực hiện'.normalize('NFD'),
  'Tháng 01/2023',
  'Quý I/2023',
  'Năm 2023',
  'Công an tỉnh Quảng Ngãi',
  'Sở Thông tin và Truyền thông',
  'Khó khăn, vướng mắc',
  'C«ng an tØnh',
  'Coâng an tænh',
  '§· hoµn thµnh',
  'ÑAÕ HOAØN THAØNH',
  'Mã nhiệm vụ',
  'Trạng thái',
  'Tiến độ (%)',
  'Mã chỉ tiêu',
  'Tử số',
  'Mẫu số',
  'Người lập',
  'Ngày lập',
  'Kỳ báo cáo',
  'Đơn vị',
  'plan',
  'agency',
  'period',
  'templateVersion',
  'planHash',
  'quang-ngai-2022',
  'III.2.a',
  'III.8.b',
  'III.2.e-1',
  '80%',
  '80 %',
  '12,5',
  '1.234,5',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '9'.repeat(400),
  '05/01/2023',
  '31/02/2023',
  '2023-13-45',
  '#N/A',
  '=SUM(A1:A2)',
  '__proto__',
  'constructor',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '💥',
  'x'.repeat(5000),
];

const text = fc.oneof(fc.constantFrom(...VIETNAMESE_TEXT), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

function makeCellValue(finite: boolean): fc.Arbitrary<CellValue> {
  const special = [0, -0, 0.8, 100, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 44937, 2_958_465, ...(finite ? [] : [Number.NaN, Infinity, -Infinity])];
  return fc.oneof(
  fc.constant({ t: 'empty' } as CellValue),
  text.map((v) => ({ t: 'text', v }) as CellValue),
  fc
    .oneof(fc.double({ noNaN: finite, noDefaultInfinity: finite }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(...special))
    .map((v) => ({ t: 'number', v }) as CellValue),
  // A date is a calendar date "YYYY-MM-DD" with its serial, as both readers make it.
  fc
    .oneof(fc.integer({ min: 1, max: 2_958_465 }), fc.constantFrom(44937, 44562, 73050, 36526, 1, 60, 61))
    .map((serial) => ({ t: 'date', v: serialToIso(serial), serial }) as CellValue),
  fc.boolean().map((v) => ({ t: 'boolean', v }) as CellValue),
  fc.constantFrom('#N/A', '#VALUE!', '#REF!', '#DIV/0!', '').map((v) => ({ t: 'error', v }) as CellValue),
  );
}

/** Any value, NaN and infinities included (a model-producing bug must not crash the rules either). */
const cellValue = makeCellValue(false);
/** Values the model schema accepts. */
const finiteCellValue = makeCellValue(true);

type Edit =
  | { op: 'set'; sheet: number; row: number; col: number; value: CellValue; numFmt?: string; font?: string; formula?: boolean }
  | { op: 'delete'; sheet: number; pick: number }
  | { op: 'rename'; sheet: number; name: string }
  | { op: 'drop'; sheet: number }
  | { op: 'merge'; sheet: number; range: string }
  | { op: 'visibility'; sheet: number; visibility: 'visible' | 'hidden' | 'veryHidden' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('set' as const), sheet: fc.nat(6), row: fc.integer({ min: 1, max: 200 }), col: fc.integer({ min: 1, max: 20 }), value: cellValue, numFmt: fc.option(fc.constantFrom('0%', '0.00%', '@', 'General', 'dd/mm/yyyy', '0.##', 'mm-dd-yy', '[Red]0'), { nil: undefined }), font: fc.option(fc.constantFrom('.VnTime', '.VnTimeH', 'VNI-Times', 'Times New Roman', 'Arial'), { nil: undefined }), formula: fc.option(fc.boolean(), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), sheet: fc.nat(6), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), sheet: fc.nat(6), name: fc.oneof(text, fc.constantFrom('Nhiệm vụ', 'Thông tin', 'Chỉ tiêu', '_da06', 'NHIỆM VỤ', 'Hướng dẫn')) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), sheet: fc.nat(6) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('merge' as const),
      sheet: fc.nat(6),
      range: fc.oneof(
        fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 })).map(([r1, c1, r2, c2]) => `${toA1(r1, c1)}:${toA1(r2, c2)}`),
        fc.constantFrom('A1:XFD1048576', 'F:F', '3:3', 'B2', '', 'garbage', 'A0:B0', 'ZZZZ1:A1'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('visibility' as const), sheet: fc.nat(6), visibility: fc.constantFrom('visible' as const, 'hidden' as const, 'veryHidden' as const) }) },
);

function apply(model: WorkbookModel, e: Edit): void {
  const sheets = model.sheets;
  if (e.op === 'set' && e.sheet >= sheets.length) sheets.push({ name: `Sheet${e.sheet}`, visibility: 'visible', cells: [], merges: [] });
  const sheet = sheets[e.sheet % Math.max(1, sheets.length)];
  if (!sheet) return;
  switch (e.op) {
    case 'set': {
      const cells = sheet.cells.filter((c) => c.row !== e.row || c.col !== e.col);
      if (e.value.t !== 'empty' || e.row % 2 === 0) {
        // Readers drop empty cells; a model may still hold one.
        const cell: Cell = { address: toA1(e.row, e.col), row: e.row, col: e.col, value: e.value };
        if (e.numFmt) cell.numFmt = e.numFmt;
        if (e.font) cell.font = e.font;
        if (e.formula) cell.formula = true;
        cells.push(cell);
      }
      sheet.cells = cells;
      break;
    }
    case 'delete':
      if (sheet.cells.length) sheet.cells.splice(e.pick % sheet.cells.length, 1);
      break;
    case 'rename':
      sheet.name = e.name;
      break;
    case 'drop':
      sheets.splice(sheets.indexOf(sheet), 1);
      break;
    case 'merge':
      sheet.merges.push(e.range);
      break;
    case 'visibility':
      sheet.visibility = e.visibility;
      break;
  }
}

const options: fc.Arbitrary<ValidateOptions> = fc.record(
  {
    today: fc.constantFrom('2022-12-01', '2023-01-10', '2026-11-24', 'not a date'),
    agency: fc.constantFrom('SO_TTTT', 'CAT', 'KHONG_CO', ''),
    period: fc.constantFrom('2023-01', '2023-02', '2023-Q1', 'xx'),
  },
  { requiredKeys: [] },
);

describe('model-level random edits', () => {
  it('never make validateWorkbook throw; every issue is well formed', () => {
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 25 }), options, (b, edits, opts) => {
        const base = bases[b]!;
        const model = cloneModel(base.model);
        for (const e of edits) apply(model, e);
        const result = validateWorkbook(plan(base.plan), model, opts);
        expectWellFormed(result.issues, result.valid);
        if (result.submission) expect(SubmissionSchema.safeParse(result.submission).success).toBe(true);
        // Pure: the same input gives the same output.
        expect(validateWorkbook(plan(base.plan), model, opts)).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('edits to input cells only of the task sheet give only task-level issues', () => {
    const base = bases[0]!;
    fc.assert(
      fc.property(
        fc.array(fc.record({ row: fc.integer({ min: 4, max: 25 }), col: fc.integer({ min: 6, max: 11 }), value: cellValue }), { minLength: 1, maxLength: 10 }),
        (edits) => {
          const model = cloneModel(base.model);
          const idx = model.sheets.findIndex((s) => s.name === 'Nhiệm vụ');
          for (const e of edits) apply(model, { op: 'set', sheet: idx, row: e.row, col: e.col, value: e.value });
          const result = validateWorkbook(plan(base.plan), model);
          expectWellFormed(result.issues, result.valid);
          for (const i of result.issues) expect(i.sheet, i.code).toBe('Nhiệm vụ');
          expect(result.submission?.tasks.length).toBe(22);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a model with status values typed in every form keeps its submission shape', () => {
    const base = bases[0]!;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUS_VALUES, ...STATUS_VALUES.map((s) => s.toUpperCase()), ...STATUS_VALUES.map((s) => s.normalize('NFD'))), { minLength: 22, maxLength: 22 }), (statuses) => {
        const model = cloneModel(base.model);
        const idx = model.sheets.findIndex((s) => s.name === 'Nhiệm vụ');
        statuses.forEach((s, i) => apply(model, { op: 'set', sheet: idx, row: 4 + i, col: 6, value: { t: 'text', v: s } }));
        const result = validateWorkbook(plan(base.plan), model);
        expectWellFormed(result.issues, result.valid);
        expect(result.issues.some((i) => i.code === 'status-invalid' || i.code === 'status-missing')).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('schema-valid random models (not from a template) never crash it', () => {
    const anyModel = fc.record({
      sheets: fc.array(
        fc.record({
          name: fc.oneof(fc.constantFrom('Thông tin', 'Nhiệm vụ', 'Chỉ tiêu', '_da06'), text),
          visibility: fc.constantFrom('visible' as const, 'hidden' as const, 'veryHidden' as const),
          cells: fc.array(fc.record({ row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 12 }), value: finiteCellValue }).map((c) => ({ ...c, address: toA1(c.row, c.col) })), { maxLength: 40 }),
          merges: fc.array(fc.constantFrom('A1:B2', 'C3:C9', 'bad', 'A1:XFD1048576'), { maxLength: 3 }),
        }),
        { maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(anyModel, (model) => {
        expect(WorkbookModelSchema.safeParse(model).success).toBe(true);
        for (const p of ['quang-ngai-2022', 'quang-ngai-2023']) {
          const r = validateWorkbook(plan(p), model);
          expectWellFormed(r.issues, r.valid);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// — Byte level ————————————————————————————————————————————————————————————————————————————

type ByteEdit =
  | { op: 'flip'; at: number[]; to: number[] }
  | { op: 'truncate'; keep: number }
  | { op: 'xml'; part: number; at: number; del: number; insert: string }
  /** Replace the text of the n-th <v> or <t> element of a part: the XML stays well formed. */
  | { op: 'value'; part: number; nth: number; insert: string };

const XML_JUNK = ['<', '>', '&', '"', "'", '</row>', '<c r="A1" t="s"><v>99999</v></c>', '<v>1e999</v>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '&a;', ']]>', '\u0000', 'Đã hoàn thành', '<row r="1048577">', 'r="XFD9"', 't="e"', '<mergeCell ref="A1:XFD1048576"/>'];

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), to: fc.array(fc.nat(255), { minLength: 20, maxLength: 20 }) }),
  fc.record({ op: fc.constant('truncate' as const), keep: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('xml' as const), part: fc.nat(), at: fc.nat(), del: fc.nat(200), insert: fc.oneof(fc.constantFrom(...XML_JUNK), fc.string({ maxLength: 20 })) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('value' as const),
      part: fc.nat(),
      nth: fc.nat(),
      insert: fc.oneof(fc.constantFrom('-1', '99999', '1e999', 'NaN', '', '0.8', '44937', '2958466', '#N/A', 'Đã hoàn thành', 'C«ng an', '1.234,5', 'abc', '-0'), fc.string({ maxLength: 10 }).map((x) => x.replace(/[<&]/g, ''))),
    }),
  },
);

function mutateBytes(bytes: Uint8Array, e: ByteEdit): Uint8Array {
  if (e.op === 'flip') {
    const out = bytes.slice();
    e.at.forEach((a, i) => (out[a % out.length] = e.to[i]!));
    return out;
  }
  if (e.op === 'truncate') return bytes.slice(0, e.keep % bytes.length);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    // Already broken by an earlier edit: splice the text in as bytes.
    const at = (e.op === 'xml' ? e.at : e.nth) % (bytes.length + 1);
    const del = e.op === 'xml' ? e.del : 0;
    return new Uint8Array([...bytes.subarray(0, at), ...strToU8(e.insert), ...bytes.subarray(at + del)]);
  }
  const names = Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n)).sort();
  if (names.length === 0) return bytes;
  if (e.op === 'value') {
    const parts = names.filter((n) => /worksheets\/|sharedStrings/.test(n));
    const name = parts[e.part % parts.length]!;
    const xml = new TextDecoder().decode(files[name]);
    const values = [...xml.matchAll(/<(v|t)(?: [^>]*)?>([^<]*)<\/\1>/g)];
    if (values.length === 0) return bytes;
    const m = values[e.nth % values.length]!;
    const start = m.index! + m[0].indexOf('>') + 1;
    files[name] = strToU8(xml.slice(0, start) + e.insert + xml.slice(start + m[2]!.length));
    return zipSync(files);
  }
  const name = names[e.part % names.length]!;
  const xml = new TextDecoder().decode(files[name]);
  const at = e.at % (xml.length + 1);
  files[name] = strToU8(xml.slice(0, at) + e.insert + xml.slice(at + e.del));
  return zipSync(files);
}

describe('byte-level mutations through the reader', () => {
  it('bytesToModel never throws (a string reason for unreadable files); the validator never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(bases.length - 1), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), async (b, edits) => {
        const base = bases[b]!;
        let bytes = base.bytes;
        for (const e of edits) bytes = mutateBytes(bytes, e);
        const model = await bytesToModel(bytes);
        if (typeof model === 'string') {
          expect(model.length).toBeGreaterThan(0);
          expect(model).toBe(model.normalize('NFC'));
          return;
        }
        expect(WorkbookModelSchema.safeParse(model).success).toBe(true);
        const r = validateWorkbook(plan(base.plan), model);
        expectWellFormed(r.issues, r.valid);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it.each([
    ['empty', new Uint8Array(0)],
    ['text', strToU8('hello')],
    ['an old .xls header', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
    ['a zip without a workbook', zipSync({ 'a.txt': strToU8('x') })],
    ['random bytes', new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
  ])('%s → a reason in Vietnamese, never an exception', async (_name, bytes) => {
    const r = await bytesToModel(bytes);
    expect(typeof r).toBe('string');
    expect(r).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
  });

  it('a number cell holding 1e999 or NaN in its XML is read as something the model schema accepts', async () => {
    const files = unzipSync(bases[0]!.bytes);
    const name = 'xl/worksheets/sheet3.xml';
    const xml = new TextDecoder().decode(files[name]);
    // STT of the first task row: a plain number cell.
    expect(xml).toMatch(/<c r="A4" [^>]*><v>1<\/v><\/c>/);
    for (const v of ['1e999', '-1e999', 'NaN']) {
      const model = await bytesToModel(zipSync({ ...files, [name]: strToU8(xml.replace(/(<c r="A4" [^>]*>)<v>1<\/v>/, `$1<v>${v}</v>`)) }));
      if (typeof model === 'string') continue; // refusing the file is fine too
      const a4 = model.sheets.find((s) => s.name === 'Nhiệm vụ')!.cells.find((c) => c.address === 'A4');
      expect(WorkbookModelSchema.safeParse(model).success, `${v} → ${JSON.stringify(a4?.value)}`).toBe(true);
    }
  });

  it('a truncated real workbook → a reason', async () => {
    const b = bases[0]!.bytes;
    for (const keep of [10, 100, Math.floor(b.length / 2), b.length - 10]) {
      const r = await bytesToModel(b.slice(0, keep));
      expect(typeof r, `keep ${keep}`).toBe('string');
    }
  });
});
