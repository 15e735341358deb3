import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, strFromU8 } from 'fflate';
import { readWorkbook } from '../../generator/reader/readWorkbook.ts';
import { guardZipSync } from '../../generator/intake/zipGuard.ts';
const require = createRequire(import.meta.url);
const SharedStringsXform = require('exceljs/lib/xlsx/xform/strings/shared-strings-xform.js');
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js');
const dir = process.argv[2]!;
const files = readdirSync(`${dir}/2024-03`).slice(0, 200).map(f => readFileSync(`${dir}/2024-03/${f}`));
const OPTS = { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'hyperlinks', 'autoFilter', 'rowBreaks', 'tableParts'], maxRows: 20000, maxCols: 60 } as any;
const NEED = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml)$/;
async function internal(parts: Record<string, Uint8Array>) {
  const wb = new ExcelJS.Workbook();
  const x = wb.xlsx as any;
  const model: any = { worksheets: [], worksheetHash: {}, worksheetRels: [], themes: {}, media: [], mediaIndex: {}, drawings: {}, drawingRels: {}, comments: {}, tables: {}, vmlDrawings: {} };
  const dec = new TextDecoder();
  for (const [name, bytes] of Object.entries(parts)) {
    if (!NEED.test(name)) continue;
    const chunks = [dec.decode(bytes)];
    if (name === 'xl/workbook.xml') { const w = await x.parseWorkbook(chunks); Object.assign(model, { sheets: w.sheets, definedNames: w.definedNames, views: w.views, properties: w.properties, calcProperties: w.calcProperties }); }
    else if (name === 'xl/_rels/workbook.xml.rels') model.workbookRels = await x.parseRels(chunks);
    else if (name === 'xl/sharedStrings.xml') { model.sharedStrings = new SharedStringsXform(); await model.sharedStrings.parseStream(chunks); }
    else if (name === 'xl/styles.xml') { model.styles = new StylesXform(); await model.styles.parseStream(chunks); }
    else { const m = /sheet(\d+)\.xml/.exec(name)!; await x._processWorksheetEntry(chunks, model, m[1], OPTS, name); }
  }
  x.reconcile(model, OPTS);
  wb.model = model;
  return wb;
}
const modes: Record<string, (b: Uint8Array) => Promise<unknown>> = {
  bare: (b) => new ExcelJS.Workbook().xlsx.load(b as any),
  current: async (b) => { guardZipSync(b); return readWorkbook(b); },
  storedZip: async (b) => { guardZipSync(b); const p = unzipSync(b); const keep: any = {}; for (const [n, d] of Object.entries(p)) if (NEED.test(n) || n === '[Content_Types].xml') keep[n] = [d, { level: 0 }]; return new ExcelJS.Workbook().xlsx.load(zipSync(keep) as any, OPTS); },
  internal: async (b) => { guardZipSync(b); return internal(unzipSync(b)); },
};
for (let pass = 0; pass < 2; pass++) for (const [k, f] of Object.entries(modes)) {
  const s = performance.now(); for (const b of files) await f(b); console.log(pass, k, ((performance.now() - s) / files.length).toFixed(2));
}
const a = await readWorkbook(files[0]!); const w = await internal(unzipSync(files[0]!));
console.log(w.worksheets.map(s => s.name + ':' + s.rowCount), a.sheets.map(s => s.name + ':' + s.cells.length));
