import { readFileSync, readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { bytesToModel } from '../../generator/reader/bytesToModel.ts';
import { guardZipSync } from '../../generator/intake/zipGuard.ts';
import { readerNeeds } from '../../generator/reader/readWorkbook.ts';
import { readWorkbookOld } from './oldReader.ts';
const dir = process.argv[2]!;
const files = readdirSync(`${dir}/2024-03`).slice(0, 200).map(f => readFileSync(`${dir}/2024-03/${f}`));
const modes: Record<string, (b: Uint8Array) => Promise<unknown>> = {
  bare: (b) => new ExcelJS.Workbook().xlsx.load(b as any),
  old: async (b) => { guardZipSync(b); return readWorkbookOld(b); },
  guardOnly: async (b) => guardZipSync(b, { keep: readerNeeds }),
  new: (b) => bytesToModel(b),
};
for (let pass = 0; pass < 3; pass++) for (const [k, f] of Object.entries(modes)) {
  const s = performance.now(); for (const b of files) await f(b); console.log(pass, k, ((performance.now() - s) / files.length).toFixed(2));
}
