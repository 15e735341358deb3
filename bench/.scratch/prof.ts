import { readFileSync, readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { guardZipSync } from '../../generator/intake/zipGuard.ts';
import { readWorkbook } from '../../generator/reader/readWorkbook.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
const dir = process.argv[2]!;
const np = loadPlan(`${dir}/plan.yaml`);
const files = readdirSync(`${dir}/2024-03`).slice(0, 120).map(f => `${dir}/2024-03/${f}`);
const t = { read: 0, guard: 0, bare: 0, reader: 0, validate: 0 };
for (let pass = 0; pass < 2; pass++) for (const f of files) {
  let s = performance.now(); const b = readFileSync(f); t.read += performance.now() - s;
  s = performance.now(); guardZipSync(b); t.guard += performance.now() - s;
  s = performance.now(); await new ExcelJS.Workbook().xlsx.load(b as any); t.bare += performance.now() - s;
  s = performance.now(); const m = await readWorkbook(b); t.reader += performance.now() - s;
  s = performance.now(); validateWorkbook(np, m, { today: '2024-06-15' }); t.validate += performance.now() - s;
}
for (const [k, v] of Object.entries(t)) console.log(k, (v / files.length / 2).toFixed(2), 'ms/file');
