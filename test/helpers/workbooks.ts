import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import { buildTemplate } from '../../generator/template/writeTemplate.ts';
import { fillWorkbook, type Filling } from '../../generator/samples/fillWorkbook.ts';
import { readWorkbook } from '../../xlsx/bytesToModel.ts';
import { deterministicZip } from '../../generator/output/deterministicZip.ts';
import { parsePeriodId, type Period } from '../../core/period/period.ts';
import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import type { WorkbookModel } from '../../core/workbook/model.ts';
import type { Issue } from '../../core/validation/catalogue.ts';
import { validateWorkbook, type ValidateOptions, type ValidationResult } from '../../core/validation/validate.ts';

/**
 * Test helpers: make an agency workbook with the template writer, fill it the way a clerk would,
 * optionally edit it with exceljs (delete rows, rename sheets…), read it back and validate it.
 */

export function plan(id: string): NormalizedPlan {
  return loadPlan(id);
}

export function period(id: string): Period {
  const p = parsePeriodId(id);
  if (!p) throw new Error(`bad period ${id}`);
  return p;
}

const templates = new Map<string, Promise<Uint8Array>>();

/** The blank workbook for (plan, agency, period); built once per test file. */
export function makeTemplate(planId: string, agency: string, periodId: string): Promise<Uint8Array> {
  const key = `${planId}|${agency}|${periodId}`;
  let t = templates.get(key);
  if (!t) templates.set(key, (t = buildTemplate(plan(planId), agency, period(periodId))));
  return t;
}

export interface WorkbookSpec {
  /** Plan the template is made from; quang-ngai-2022 by default. */
  plan?: string;
  agency: string;
  period: string;
  filling?: Filling;
  /** Free edits with exceljs after the filling (delete rows, merge cells, rename sheets…). */
  mutate?: (wb: ExcelJS.Workbook) => void | Promise<void>;
}

export async function editWorkbook(bytes: Uint8Array, mutate: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  await mutate(wb);
  return deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** Template → filling → edits, as xlsx bytes. */
export async function makeWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  let bytes = await makeTemplate(spec.plan ?? 'quang-ngai-2022', spec.agency, spec.period);
  if (spec.filling) bytes = await fillWorkbook(bytes, spec.filling);
  if (spec.mutate) bytes = await editWorkbook(bytes, spec.mutate);
  return bytes;
}

export interface Checked {
  bytes: Uint8Array;
  model: WorkbookModel;
  result: ValidationResult;
  issues: Issue[];
}

export async function validateBytes(bytes: Uint8Array, planId: string, options: ValidateOptions = {}): Promise<Checked> {
  const model = await readWorkbook(bytes);
  const result = validateWorkbook(plan(planId), model, options);
  return { bytes, model, result, issues: result.issues };
}

/** Makes the workbook, reads it back and validates it (against `validatePlan`, else its own plan). */
export async function check(spec: WorkbookSpec & { validatePlan?: string; options?: ValidateOptions }): Promise<Checked> {
  const bytes = await makeWorkbook(spec);
  return validateBytes(bytes, spec.validatePlan ?? spec.plan ?? 'quang-ngai-2022', spec.options);
}

/** One issue as "code@Sheet!A1"; "code@Sheet" when it has no cell and "code@" when it has no sheet. */
export function issueKey(i: Pick<Issue, 'code' | 'sheet' | 'cell'>): string {
  if (!i.sheet) return `${i.code}@`;
  return i.cell ? `${i.code}@${i.sheet}!${i.cell}` : `${i.code}@${i.sheet}`;
}

/** The issues as sorted "code@Sheet!A1" strings, for exact comparisons. */
export function codesAt(issues: readonly Pick<Issue, 'code' | 'sheet' | 'cell'>[]): string[] {
  return issues.map(issueKey).sort();
}

/** A private temporary directory; call `cleanup()` in afterAll. */
export function tempDir(prefix = 'da06-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Where the template put things, found by label and header (never by fixed address). */
export interface Layout {
  info: Record<'agency' | 'period' | 'preparer' | 'date' | 'phone', string>;
  taskHeaderRow: number;
  taskCol: Record<string, string>;
  taskRow: Map<string, number>;
  indicatorHeaderRow: number;
  indicatorCol: Record<string, string>;
  indicatorRow: Map<string, number>;
}

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Reads the layout of a workbook model made by the template writer. */
export function layoutOf(model: WorkbookModel): Layout {
  const sheet = (name: string) => {
    const s = model.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  const text = (c: { value: { t: string; v?: unknown } }) => (c.value.t === 'text' ? String(c.value.v) : '');
  const info = sheet('Thông tin');
  const labelRight = (label: string): string => {
    const c = info.cells.find((x) => text(x) === label);
    if (!c) throw new Error(`no label ${label}`);
    return `${letters(c.col + 1)}${c.row}`;
  };
  const table = (name: string, anchor: string) => {
    const s = sheet(name);
    const a = s.cells.find((x) => text(x) === anchor);
    if (!a) throw new Error(`no header ${anchor}`);
    const col: Record<string, string> = {};
    for (const c of s.cells) if (c.row === a.row && text(c)) col[text(c)] = letters(c.col);
    const rows = new Map<string, number>();
    for (const c of s.cells) if (c.col === a.col && c.row > a.row && text(c)) rows.set(text(c), c.row);
    return { headerRow: a.row, col, rows };
  };
  const tasks = table('Nhiệm vụ', 'Mã nhiệm vụ');
  const inds = table('Chỉ tiêu', 'Mã chỉ tiêu');
  return {
    info: {
      agency: labelRight('Đơn vị'),
      period: labelRight('Kỳ báo cáo'),
      preparer: labelRight('Người lập'),
      date: labelRight('Ngày lập'),
      phone: labelRight('Số điện thoại'),
    },
    taskHeaderRow: tasks.headerRow,
    taskCol: tasks.col,
    taskRow: tasks.rows,
    indicatorHeaderRow: inds.headerRow,
    indicatorCol: inds.col,
    indicatorRow: inds.rows,
  };
}

/** A deep copy of a model, for tests that edit it. */
export function cloneModel(model: WorkbookModel): WorkbookModel {
  return structuredClone(model);
}
