import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../generator/reader/readWorkbook.ts';
import { bytesToModel } from '../../generator/reader/bytesToModel.ts';
// old path, inline: exceljs load with the same options, then the same readSheet via readWorkbookParts? Use a copy of readSheet through the public function on a re-zipped stored file isn't independent; compare with exceljs directly instead:
const OPTS = { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'hyperlinks', 'autoFilter', 'rowBreaks', 'tableParts'], maxRows: 20000, maxCols: 60 } as any;
function walk(d: string): string[] { return readdirSync(d).flatMap(n => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : /\.xlsx$/.test(n) ? [p] : []; }); }
const files = [...walk(process.argv[2]!).slice(0, 60), ...walk('/work/main/samples').slice(0, 200)];
let diff = 0;
for (const f of files) {
  const b = readFileSync(f);
  const wb = new ExcelJS.Workbook(); await wb.xlsx.load(b as any, OPTS);
  const a = await readWorkbook(b); const c = await bytesToModel(b);
  const sig = (ws: ExcelJS.Worksheet) => { const out: string[] = []; ws.eachRow({ includeEmpty: false }, r => r.eachCell({ includeEmpty: false }, cell => { out.push(`${cell.address}=${JSON.stringify(cell.value)}|${cell.numFmt}|${cell.font?.name}|${cell.type}`); })); return out.join('\n') + Object.keys((ws as any)._merges).join(',') + ws.state; };
  const wb2 = new ExcelJS.Workbook();
  // compare exceljs-level workbook by loading through our loader
  const { readWorkbookParts } = await import('../../generator/reader/readWorkbook.ts');
  if (typeof c === 'string') { console.log('REJECT', f, c); diff++; continue; }
  if (JSON.stringify(a) !== JSON.stringify(c)) { console.log('a!=c', f); diff++; }
  // independent: build model from old exceljs path using same readSheet semantics: compare sheet names/cell counts/merges
  const names = wb.worksheets.map(w => w.name + ':' + w.state + ':' + Object.keys((w as any)._merges).length).join(',');
  const names2 = a.sheets.map(s => s.name + ':' + s.visibility.replace('visible', 'visible') + ':' + s.merges.length).join(',');
  if (names.replace(/:visible:/g, ':visible:') !== names2) { console.log('sheets differ', f, names, names2); diff++; }
}
console.log('files', files.length, 'diffs', diff);
