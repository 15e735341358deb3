import { describe, it, expect, beforeAll } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { readerHostile, sheetPart, withControlCharacters, zipParts, type HostileBytes } from '../hostile/buildCorpus.ts';
import { bytesToModel } from '../../xlsx/bytesToModel.ts';
import { guardZipSync } from '../../xlsx/zipGuard.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { SHEETS } from '../../core/workbook/contract.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { makeWorkbook, period, plan } from '../helpers/workbooks.ts';

/**
 * Issue 12 (items 1, 2, 4, 5, 6, 7) and issue 9 (merges, .ods) at the reader: inputs built at test
 * time by test/hostile/buildCorpus.ts. Each of these passed the old guard or reader (exceljs), or
 * got a message naming neither sheet nor cell.
 */

const PLAN = 'quang-ngai-2022';
const PERIOD = '2023-03';
const OPTIONS = { period: PERIOD, today: '2023-04-30' };
const MARKER = 'DA06-O-BAN';

let valid: Uint8Array;
let items: HostileBytes[];

beforeAll(async () => {
  const np = plan(PLAN);
  const agency = np.reportingAgencies.find((a) => a.kind === 'department')!.code;
  const filling = validFilling(np, agency, period(PERIOD));
  const taskId = Object.keys(filling.tasks ?? {})[0]!;
  filling.tasks![taskId] = { ...filling.tasks![taskId], result: MARKER };
  valid = await makeWorkbook({ agency, period: PERIOD, filling });
  const parts = unzipSync(valid);
  items = readerHostile(parts, sheetPart(parts, SHEETS.tasks));
});

const item = (name: string): HostileBytes => {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no corpus item ${name}`);
  return found;
};

async function reason(name: string): Promise<string> {
  const model = await bytesToModel(item(name).bytes);
  expect(typeof model, name).toBe('string');
  return model as string;
}

describe('12.1: the guard reads attributes as the XML parser does', () => {
  it.each(['cot-tham-chieu-ky-tu.xlsx', 'gop-o-dau-cach.xlsx', 'gop-o-tham-chieu-ky-tu.xlsx'])('%s is refused by the guard itself', (name) => {
    const verdict = guardZipSync(item(name).bytes);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(item(name).message);
  });
});

describe('12.2: bounded work per file, unread sheets counted', () => {
  it('30 unlisted sheets of empty cells: too many cells', async () => {
    expect(await reason('30-trang-o-trong.xlsx')).toMatch(/quá nhiều ô \(hơn 500\.000/);
  });

  it('an unlisted sheet of 25 000 rows is named', async () => {
    expect(await reason('trang-thua-nhieu-dong.xlsx')).toMatch(item('trang-thua-nhieu-dong.xlsx').message);
  });

  it('200 sheets: too many sheets', async () => {
    expect(await reason('200-trang.xlsx')).toMatch(/quá nhiều trang tính \(hơn 100/);
  });

  it('a sheet the contract does not use is listed, unread, with its state', async () => {
    const model = await bytesToModel(valid);
    if (typeof model === 'string') throw new Error(model);
    const guide = model.sheets.find((s) => s.name === SHEETS.guide)!;
    expect(guide).toMatchObject({ unread: true, cells: [] });
    expect(model.sheets.find((s) => s.name === SHEETS.meta)).toMatchObject({ visibility: 'veryHidden' });
    expect(model.sheets.find((s) => s.name === SHEETS.tasks)!.cells.length).toBeGreaterThan(20);
  });
});

describe('12.4 and 12.6: XML-illegal characters and bidi overrides are removed once, at the model', () => {
  it('_x0001_, _xFFFF_, a lone surrogate and U+202E leave the cell; the cell is flagged and warned about', async () => {
    const { bytes, expected } = withControlCharacters(valid, MARKER);
    const model = await bytesToModel(bytes);
    if (typeof model === 'string') throw new Error(model);
    const cell = model.sheets.find((s) => s.name === SHEETS.tasks)!.cells.find((c) => c.value.t === 'text' && c.value.v.includes('slx.exe'))!;
    expect(cell.value).toEqual({ t: 'text', v: expected });
    expect(cell.sanitized).toBe(true);
    const issues = validateWorkbook(plan(PLAN), model, OPTIONS).issues.filter((i) => i.code === 'invalid-characters-removed');
    expect(issues.map((i) => i.cell)).toEqual([cell.address]);
  });

  it('clean cells are not flagged', async () => {
    const model = await bytesToModel(valid);
    if (typeof model === 'string') throw new Error(model);
    expect(model.sheets.flatMap((s) => s.cells).some((c) => c.sanitized)).toBe(false);
  });
});

describe('12.5 and 12.7: specific messages', () => {
  it('invalid UTF-8 is a file error in Vietnamese', async () => {
    expect(await reason('utf8-hong.xlsx')).toMatch(/sharedStrings\.xml.*không phải mã UTF-8 hợp lệ/);
  });

  it.each(['chi-so-chuoi-ngoai-pham-vi.xlsx', 'chi-so-chuoi-hex.xlsx', 'cong-thuc-mo-coi.xlsx'])('%s names the sheet and the cell', async (name) => {
    const text = await reason(name);
    expect(text).toMatch(item(name).message);
    expect(text).not.toMatch(/object Object|Tệp bị hỏng hoặc không phải/);
  });

  it('a real .ods is told it is an OpenDocument file and how to save it as .xlsx (issue 9.7)', async () => {
    const text = await reason('bang-tinh-ods.xlsx');
    expect(text).toMatch(item('bang-tinh-ods.xlsx').message);
    expect(text).not.toMatch(/đổi đuôi/);
  });
});

describe('9.2: merges are modelled faithfully', () => {
  it('only the top-left cell holds the value; a covered cell keeps what the file says; the merge is listed', async () => {
    const parts = unzipSync(valid);
    const part = sheetPart(parts, SHEETS.tasks);
    const xml = strFromU8(parts[part]!);
    const row = Number(/<row r="(\d+)"[^>]*>(?:(?!<\/row>).)*<c r="I\1"[^>]*t="s"/.exec(xml)![1]);
    // I(row):J(row+1) merged; J(row) written with its own text, as a file may hold it.
    const edited = xml
      .replace(new RegExp(`<c r="J${row}"[^>]*?(/>|>.*?</c>)`), `<c r="J${row}" t="inlineStr"><is><t>riêng</t></is></c>`)
      .replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="I${row}:J${row + 1}"/></mergeCells>`);
    const model = await bytesToModel(zipParts({ ...parts, [part]: strToU8(edited) }));
    if (typeof model === 'string') throw new Error(model);
    const tasks = model.sheets.find((s) => s.name === SHEETS.tasks)!;
    const at = (a: string) => tasks.cells.find((c) => c.address === a);
    expect(tasks.merges).toContain(`I${row}:J${row + 1}`);
    expect(at(`I${row}`)?.value.t).toBe('text');
    expect(at(`J${row}`)?.value).toEqual({ t: 'text', v: 'riêng' });
    // The cell below is covered too, and stays what it was (no copy of the top-left value).
    const before = await bytesToModel(valid);
    if (typeof before === 'string') throw new Error(before);
    const below = before.sheets.find((s) => s.name === SHEETS.tasks)!.cells.find((c) => c.address === `I${row + 1}`);
    expect(at(`I${row + 1}`)).toEqual(below);
    expect(at(`I${row + 1}`)?.value).not.toEqual(at(`I${row}`)?.value);
  });
});

describe('the corpus holds an accepted file with control characters (for the end-to-end runs)', () => {
  it('is read clean, flagged, and valid with a warning', async () => {
    const { buildCorpus } = await import('../hostile/buildCorpus.ts');
    const { tempDir } = await import('../helpers/workbooks.ts');
    const { readFileSync } = await import('node:fs');
    const tmp = tempDir('da06-dirty-');
    try {
      const corpus = await buildCorpus(tmp.dir);
      const model = await bytesToModel(readFileSync(corpus.dirty.path));
      if (typeof model === 'string') throw new Error(model);
      const cells = model.sheets.flatMap((s) => s.cells).filter((c) => c.sanitized);
      expect(cells.map((c) => c.value)).toEqual([{ t: 'text', v: corpus.dirty.expected }]);
      const result = validateWorkbook(plan(PLAN), model, OPTIONS);
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(result.agency).toBe(corpus.dirty.agency);
      expect(result.issues.map((i) => i.code)).toContain('invalid-characters-removed');
    } finally {
      tmp.cleanup();
    }
  }, 120_000);
});
