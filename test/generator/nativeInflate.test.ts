import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { buildCorpus, rawDeflated, writeZip, type Corpus } from '../hostile/buildCorpus.ts';
import { tempDir } from '../helpers/workbooks.ts';
import { nativeInflate } from '../../generator/intake/nativeInflate.ts';
import { fflateInflate, guardZipSync, type GuardResult } from '../../xlsx/zipGuard.ts';
import { bytesToModelSync } from '../../xlsx/bytesToModel.ts';
import { isContractSheet } from '../../xlsx/readWorkbook.ts';

/** The commands inflate with Node's zlib (issue 11 speed); every verdict must stay fflate's. */

let corpus: Corpus;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir('da06-inflate-');
  corpus = await buildCorpus(tmp.dir);
});

afterAll(() => tmp?.cleanup());

const keepAll = { keep: () => true };
const same = (a: GuardResult, b: GuardResult): void => {
  expect(b.ok).toBe(a.ok);
  if (!a.ok && !b.ok) expect(b.reason).toBe(a.reason);
  if (a.ok && b.ok) expect([...b.parts]).toEqual([...a.parts]);
};

describe('native zlib inflater', () => {
  it('gives the guard the same verdict and parts as fflate on the hostile corpus and the valid files', () => {
    for (const file of [...corpus.items.map((i) => i.path), ...corpus.valid]) {
      const data = readFileSync(file);
      same(guardZipSync(data, keepAll), guardZipSync(data, { ...keepAll, inflate: nativeInflate }));
      expect(bytesToModelSync(data, isContractSheet, nativeInflate)).toEqual(bytesToModelSync(data));
    }
  });

  it('reads a valid workbook into the same model as fflate', () => {
    const data = readFileSync(corpus.valid[0]!);
    const model = bytesToModelSync(data, isContractSheet, nativeInflate);
    expect(typeof model).toBe('object');
    expect(model).toEqual(bytesToModelSync(data));
  });

  it('matches fflate on empty, truncated, trailing, longer-than-declared and corrupt parts', () => {
    const text = strToU8(`<?xml version="1.0"?><x>${'chữ '.repeat(300)}</x>`);
    const good = rawDeflated('docProps/app.xml', text);
    const base = [rawDeflated('[Content_Types].xml', strToU8('<Types/>')), rawDeflated('xl/workbook.xml', strToU8('<workbook/>'))];
    const variants: Record<string, typeof good> = {
      empty: { ...good, data: new Uint8Array(0) },
      truncated: { ...good, data: good.data.subarray(0, good.data.length - 4) },
      trailing: { ...good, data: new Uint8Array([...good.data, 1, 2, 3]) },
      longer: { ...good, size: good.size - 10 },
      corrupt: { ...good, data: new Uint8Array([0xff, 0xff, 0xff, 0, 0x12]) },
    };
    for (const [what, entry] of Object.entries(variants)) {
      const zip = writeZip([...base, entry]);
      const expected = guardZipSync(zip, keepAll);
      if (what !== 'trailing') expect(expected.ok, what).toBe(false);
      same(expected, guardZipSync(zip, { ...keepAll, inflate: nativeInflate }));
    }
    // The inflater alone: never more than the limit.
    expect(nativeInflate(good.data, 11).length).toBe(11);
    expect(fflateInflate(good.data, 11).length).toBe(11);
  });
});
