import { PlanSchema, type Level, type Plan } from './schema.ts';
import { checkPlanReferences } from './references.ts';
import { parseDeadlineText } from './deadlineText.ts';
import { vietnameseMessage } from './parsePlan.ts';
import { planIssueMessage, type PlanIssueCode, type PlanWorkbookIssue } from './planIssues.ts';
import {
  AGENCY_COLUMNS,
  AGENCY_KIND_LABEL,
  AGGREGATE_LABEL,
  FREQUENCY_LABEL,
  GROUP_COLUMNS,
  HEADING_COLUMNS,
  INDICATOR_COLUMNS,
  LEVEL_LABEL,
  NOTE_COLUMNS,
  PLAN_FIELDS,
  PLAN_SHEETS,
  REFERENCE_COLUMNS,
  SET_COLUMNS,
  TASK_COLUMNS,
  TASK_KIND_LABEL,
  UNIT_LABEL,
  COMPARATORS,
  invert,
  type Column,
  type PlanField,
} from './workbookLayout.ts';
import type { CellValue, Sheet, WorkbookModel } from '../workbook/model.ts';
import { SheetIndex, findSheet } from '../workbook/sheetIndex.ts';
import { parseRange, toA1 } from '../workbook/address.ts';
import { shorten } from '../text/shorten.ts';

/**
 * Reads a plan workbook (the workbook model of core/workbook/model.ts, from either reader) into a
 * plan, or every mistake in it by sheet and cell. The plan then goes through the same schema and
 * reference checks as a YAML plan; their findings are placed back on the cells they came from.
 */

export type PlanWorkbookResult = { ok: true; plan: Plan } | { ok: false; issues: PlanWorkbookIssue[] };

type Place = { sheet: string; cell: string };
type Json = Record<string, unknown>;

const KIND_BY_LABEL = invert(AGENCY_KIND_LABEL);
const LEVEL_BY_LABEL = invert(LEVEL_LABEL);
const FREQUENCY_BY_LABEL = invert(FREQUENCY_LABEL);
const UNIT_BY_LABEL = invert(UNIT_LABEL);
const AGGREGATE_BY_LABEL = invert(AGGREGATE_LABEL);
const TASK_KIND_BY_LABEL = invert(TASK_KIND_LABEL);
const key = (s: string): string => s.normalize('NFC').trim().toLowerCase();
const pad2 = (n: number): string => String(n).padStart(2, '0');

class Reader {
  readonly issues: PlanWorkbookIssue[] = [];
  /** Where each field of the plan came from, by its path ("tasks.3.lead"), for the schema's findings. */
  readonly places = new Map<string, Place>();

  constructor(readonly model: WorkbookModel) {}

  issue(code: PlanIssueCode, place: Place, what: string): void {
    this.issues.push({ code, sheet: place.sheet, cell: place.cell, message: planIssueMessage(code, what) });
  }

  place(path: (string | number)[], at: Place): void {
    this.places.set(path.join('.'), at);
  }

  /** The cell a path came from: the deepest path recorded (a list's items share their cell). */
  locate(path: readonly PropertyKey[]): Place {
    for (let n = path.length; n >= 0; n--) {
      const p = this.places.get(path.slice(0, n).map(String).join('.'));
      if (p) return p;
    }
    return { sheet: PLAN_SHEETS.plan, cell: '' };
  }

  sheet(name: string): Sheet | undefined {
    const s = findSheet(this.model, name);
    if (!s) {
      this.issue('plan-sheet-missing', { sheet: name, cell: '' }, `Không tìm thấy trang tính "${name}"`);
      return undefined;
    }
    // Only a merge's top-left cell holds a value: a merged area would hide what the officer sees.
    for (const m of s.merges) {
      const box = parseRange(m);
      if (box) this.issue('plan-merged-cell', { sheet: s.name, cell: toA1(box.top, box.left) }, `Các ô ${m} bị gộp`);
    }
    return s;
  }
}

/** A cell's text as written (numbers as Excel shows them plainly); empty → undefined. */
function text(v: CellValue): string | undefined {
  switch (v.t) {
    case 'text': {
      const s = v.v.normalize('NFC').trim();
      return s === '' ? undefined : s;
    }
    case 'number':
      return String(v.v);
    case 'boolean':
      return v.v ? 'Có' : 'Không';
    case 'date': {
      const [y, m, d] = v.v.split('-');
      return `${d}/${m}/${y}`;
    }
    case 'error':
      return v.v;
    default:
      return undefined;
  }
}

function dateOf(v: CellValue): string | undefined {
  if (v.t === 'date') return v.v;
  const s = text(v);
  const m = s ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) return undefined;
  const [y, mo, d] = m[1]!.length === 4 ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const iso = `${y}-${pad2(Number(mo))}-${pad2(Number(d))}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : undefined;
}

function monthOf(v: CellValue): string | undefined {
  // Excel turns a typed "07/2026" into a date: its month is what was meant.
  if (v.t === 'date') return v.v.slice(0, 7);
  const s = text(v);
  const m = s ? /^(\d{1,2})\/(\d{4})$/.exec(s) : null;
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${pad2(Number(m[1]))}` : undefined;
  return s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? s : undefined;
}

function numberOf(v: CellValue): number | undefined {
  if (v.t === 'number') return v.v;
  const s = text(v);
  if (!s) return undefined;
  const n = Number(s.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

const splitCodes = (s: string | undefined): string[] => (s ? s.split(/[,;\s]+/).filter(Boolean) : []);
const splitLabels = (s: string | undefined): string[] => (s ? s.split(/\s*;\s*/).filter(Boolean) : []);

/** One row of a table sheet: typed getters that report a malformed value at its cell. */
class Row<C extends Record<string, Column>> {
  constructor(
    private readonly r: Reader,
    private readonly index: SheetIndex,
    private readonly cols: Map<keyof C, number>,
    private readonly columns: C,
    readonly row: number,
    public path: (string | number)[],
  ) {
    this.placeRow();
  }

  /** A mistake about the whole record (a task given to nobody) is shown at the row's first cell. */
  placeRow(): void {
    this.r.place(this.path, { sheet: this.index.sheet.name, cell: toA1(this.row, Math.min(...this.cols.values())) });
  }

  /** Records a column as the place of a field without reading it. */
  placeAt(field: string, k: keyof C): void {
    this.r.place([...this.path, field], this.at(k));
  }

  at(k: keyof C): Place {
    return { sheet: this.index.sheet.name, cell: toA1(this.row, this.cols.get(k)!) };
  }

  value(k: keyof C): CellValue {
    return this.index.value(this.row, this.cols.get(k)!);
  }

  /** Text of the column, recorded as the place of `field` (default: the column's key). */
  text(k: keyof C, field: string = String(k)): string | undefined {
    this.r.place([...this.path, field], this.at(k));
    return text(this.value(k));
  }

  codes(k: keyof C, field: string = String(k)): string[] {
    return splitCodes(this.text(k, field));
  }

  /** A value of the column's closed list, mapped to the schema's value. */
  choice<T>(k: keyof C, map: Map<string, T>, field: string = String(k)): T | undefined {
    const s = this.text(k, field);
    if (s === undefined) return undefined;
    const v = map.get(key(s));
    if (v === undefined) this.r.issue('plan-value-invalid', this.at(k), `"${shorten(s)}" không có trong danh sách của cột "${this.columns[k]!.header}" (${this.columns[k]!.list?.join(', ') ?? ''})`);
    return v;
  }

  number(k: keyof C, field: string = String(k)): number | undefined {
    const s = this.text(k, field);
    if (s === undefined) return undefined;
    const n = numberOf(this.value(k));
    if (n === undefined) this.r.issue('plan-number-invalid', this.at(k), `"${shorten(s)}" không phải là số`);
    return n;
  }

  month(k: keyof C, field: string = String(k)): string | undefined {
    const s = this.text(k, field);
    if (s === undefined) return undefined;
    const m = monthOf(this.value(k));
    if (!m) this.r.issue('plan-month-invalid', this.at(k), `"${shorten(s)}" không phải là tháng/năm`);
    return m;
  }
}

/** The data rows of a table sheet (header in row 1), or undefined when the sheet or a column is missing. */
function tableRows<C extends Record<string, Column>>(r: Reader, name: string, columns: C, pathOf: (i: number) => (string | number)[]): Row<C>[] | undefined {
  const sheet = r.sheet(name);
  if (!sheet) return undefined;
  const index = new SheetIndex(sheet);
  const byHeader = new Map<string, number>();
  for (let c = 1; c <= index.maxCol; c++) {
    const h = text(index.value(1, c));
    if (h) byHeader.set(key(h), c);
  }
  const cols = new Map<keyof C, number>();
  let ok = true;
  for (const [k, col] of Object.entries(columns) as [keyof C, Column][]) {
    const c = byHeader.get(key(col.header));
    if (c === undefined) {
      r.issue('plan-header-missing', { sheet: sheet.name, cell: 'A1' }, `Trang "${sheet.name}" thiếu cột "${col.header}"`);
      ok = false;
    } else cols.set(k, c);
  }
  if (!ok) return undefined;
  const used = [...cols.values()];
  const rows: Row<C>[] = [];
  for (const row of index.rows()) {
    if (row === 1 || used.every((c) => index.value(row, c).t === 'empty')) continue;
    rows.push(new Row(r, index, cols, columns, row, pathOf(rows.length)));
  }
  return rows;
}

/** "Kế hoạch": one labelled field a row. */
function readPlanSheet(r: Reader): Json | undefined {
  const sheet = r.sheet(PLAN_SHEETS.plan);
  if (!sheet) return undefined;
  const index = new SheetIndex(sheet);
  const rowOf = new Map<string, number>();
  for (const row of index.rows()) {
    const label = text(index.value(row, 1));
    if (label) rowOf.set(key(label), row);
  }
  const places: Partial<Record<PlanField, Place>> = {};
  const value = (f: PlanField, path: string[]): CellValue => {
    const row = rowOf.get(key(PLAN_FIELDS[f]));
    if (row === undefined) {
      r.issue('plan-header-missing', { sheet: sheet.name, cell: 'A1' }, `Trang "${sheet.name}" thiếu dòng "${PLAN_FIELDS[f]}"`);
      return { t: 'empty' };
    }
    places[f] = { sheet: sheet.name, cell: toA1(row, 2) };
    r.place(path, places[f]);
    return index.value(row, 2);
  };
  const str = (f: PlanField, path: string[]): string | undefined => text(value(f, path));
  const date = (f: PlanField, path: string[]): string | undefined => {
    const v = value(f, path);
    const d = dateOf(v);
    if (!d && v.t !== 'empty') r.issue('plan-date-invalid', places[f]!, `"${shorten(text(v) ?? '')}" không phải là ngày`);
    return d;
  };
  const int = (f: PlanField, path: string[]): number | undefined => {
    const v = value(f, path);
    const n = numberOf(v);
    if (n === undefined && v.t !== 'empty') r.issue('plan-number-invalid', places[f]!, `"${shorten(text(v) ?? '')}" không phải là số`);
    return n;
  };
  const choice = <T>(f: PlanField, path: string[], map: Map<string, T>, list: readonly string[]): T | undefined => {
    const s = str(f, path);
    if (s === undefined) return undefined;
    const v = map.get(key(s));
    if (v === undefined) r.issue('plan-value-invalid', places[f]!, `"${shorten(s)}" không có trong danh sách (${list.join(', ')})`);
    return v;
  };
  const frequencies = Object.values(FREQUENCY_LABEL);
  const also = splitLabels(str('alsoPeriods', ['reporting', 'alsoPeriods'])).map((l) => {
    const v = FREQUENCY_BY_LABEL.get(key(l));
    if (!v) r.issue('plan-value-invalid', places.alsoPeriods!, `"${shorten(l)}" không có trong danh sách (${frequencies.join(', ')})`);
    return v;
  });
  const yes = choice('dueInLastMonth', ['reporting', 'dueInLastMonth'], new Map([['có', true], ['không', false]]), ['Có', 'Không']);
  const recipients = str('recipients', ['recipients']);
  return {
    id: str('id', ['id']),
    title: str('title', ['title']),
    number: str('number', ['number']),
    date: date('date', ['date']),
    issuer: str('issuer', ['issuer']),
    province: str('province', ['province']),
    place: str('place', ['place']),
    standing: {
      agency: str('standingAgency', ['standing', 'agency']),
      reportSymbol: str('reportSymbol', ['standing', 'reportSymbol']),
      signerTitle: str('signerTitle', ['standing', 'signerTitle']),
      signerName: str('signerName', ['standing', 'signerName']),
    },
    reporting: {
      frequency: choice('frequency', ['reporting', 'frequency'], FREQUENCY_BY_LABEL, frequencies),
      alsoPeriods: also.filter(Boolean),
      dueDay: int('dueDay', ['reporting', 'dueDay']),
      dueInLastMonth: yes ?? false,
      cutoffDay: int('cutoffDay', ['reporting', 'cutoffDay']),
      text: str('reportingText', ['reporting', 'text']),
    },
    recipients: recipients ? recipients.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : [],
    notes: str('notes', ['notes']),
  };
}

function readAgencies(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.agencies, AGENCY_COLUMNS, (i) => ['agencies', i]) ?? []).map((row) => {
    const kind = row.choice('kind', KIND_BY_LABEL);
    const [base, commune] = (kind ?? '').split(':');
    const replaces = row.codes('replaces');
    return {
      code: row.text('code'),
      name: row.text('name'),
      short: row.text('short'),
      kind: base || undefined,
      ...(commune ? { commune } : {}),
      reports: row.choice('reports', new Map([['có', true], ['không', false]])) ?? true,
      // Left empty, the level follows the kind: a commune is at the commune level, a district at the district level.
      level: row.choice('level', LEVEL_BY_LABEL) ?? (base === 'commune' || base === 'district' ? base : 'province'),
      ...(replaces.length ? { replaces } : {}),
      note: row.text('note'),
    };
  });
}

function readSets(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.sets, SET_COLUMNS, (i) => ['agencySets', i]) ?? []).map((row) => {
    const kinds = splitLabels(row.text('kinds')).flatMap((l) => {
      const k = KIND_BY_LABEL.get(key(l));
      if (k && !k.includes(':')) return [k];
      r.issue('plan-value-invalid', row.at('kinds'), `"${shorten(l)}" không phải một loại đơn vị (${Object.values(AGENCY_KIND_LABEL).filter((_, i) => !Object.keys(AGENCY_KIND_LABEL)[i]!.includes(':')).join('; ')})`);
      return [];
    });
    return {
      code: row.text('code'),
      name: row.text('name'),
      members: row.codes('members'),
      ...(kinds.length ? { kinds } : {}),
      note: row.text('note'),
    };
  });
}

function readGroups(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.groups, GROUP_COLUMNS, (i) => ['groups', i]) ?? []).map((row) => ({
    code: row.text('code'),
    name: row.text('name'),
    utility: row.number('utility'),
  }));
}

function readHeadings(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.headings, HEADING_COLUMNS, (i) => ['headings', i]) ?? []).map((row) => ({
    id: row.text('id'),
    title: row.text('title'),
    group: row.text('group'),
  }));
}

function readTasks(r: Reader, year: number | undefined, levels: Level[]): Json[] {
  return (tableRows(r, PLAN_SHEETS.tasks, TASK_COLUMNS, (i) => ['tasks', i]) ?? []).map((row) => {
    const words = row.text('deadline');
    const meaning = row.text('deadlineMeaning', 'deadlineMeaning');
    // A deadline's mistakes are shown where it was read: the meaning when given, else the plan's words.
    row.placeAt('deadline', meaning !== undefined ? 'deadlineMeaning' : 'deadline');
    let deadline: Json | undefined;
    const read = meaning ?? words;
    if (read !== undefined) {
      const parsed = parseDeadlineText(read, { ...(year ? { year } : {}), levels });
      if (parsed.ok) deadline = { ...parsed.deadline, ...(words !== undefined ? { text: words } : {}) };
      else r.issue('plan-deadline-unreadable', row.at(meaning !== undefined ? 'deadlineMeaning' : 'deadline'), `Không hiểu thời hạn "${shorten(read)}"`);
    }
    return {
      id: row.text('id'),
      title: row.text('title'),
      heading: row.text('heading'),
      group: row.text('group'),
      lead: row.codes('lead'),
      support: row.codes('support'),
      executing: row.codes('executing'),
      deadline,
      kind: row.choice('kind', TASK_KIND_BY_LABEL) ?? 'task',
      objective: row.text('objective'),
      forces: row.text('forces'),
      platform: row.text('platform'),
      notes: row.text('notes'),
    };
  });
}

function readIndicators(r: Reader): Json[] {
  const out: Json[] = [];
  // Rows are not indicators one to one (a row may add a target): each row's path is set below.
  const rows = tableRows(r, PLAN_SHEETS.indicators, INDICATOR_COLUMNS, (i) => ['indicator-rows', i]) ?? [];
  for (const row of rows) {
    const id = row.text('id');
    const name = row.text('name');
    const last = out.at(-1);
    // A row with no name under an indicator adds a target to it (several targets, several rows).
    const continues = last !== undefined && name === undefined && (id === undefined || id === last.id);
    const owner = continues ? last : undefined;
    const i = continues ? out.length - 1 : out.length;
    row.path = ['indicators', i];
    if (!continues) row.placeRow();
    const targets = (owner?.targets as Json[] | undefined) ?? [];
    const path = ['indicators', i, 'targets', targets.length];
    const at = (k: keyof typeof INDICATOR_COLUMNS, field: string) => {
      r.place([...path, field], row.at(k));
    };
    (['comparator', 'value', 'targetFrom', 'targetTo', 'targetAgencies', 'targetText'] as const).forEach((k) => at(k, { comparator: 'comparator', value: 'value', targetFrom: 'from', targetTo: 'to', targetAgencies: 'agencies', targetText: 'text' }[k]));
    const comparator = row.choice('comparator', new Map(COMPARATORS.map((c) => [c, c])), 'targetComparator');
    const value = row.number('value', 'targetValue');
    const agencies = row.codes('targetAgencies', 'targetAgencies');
    const target =
      comparator !== undefined || value !== undefined
        ? {
            comparator,
            value,
            from: row.month('targetFrom', 'targetFrom'),
            to: row.month('targetTo', 'targetTo'),
            ...(agencies.length ? { agencies } : {}),
            text: row.text('targetText', 'targetText'),
          }
        : undefined;
    if (owner) {
      if (target) targets.push(target);
      continue;
    }
    const unit = row.choice('unit', UNIT_BY_LABEL);
    if (unit === undefined && row.text('unit') === undefined && target) {
      r.issue('plan-target-without-unit', row.at('unit'), `Chỉ tiêu "${id ?? ''}" có mục tiêu nhưng chưa có đơn vị tính`);
    }
    out.push({
      id,
      name,
      unit,
      group: row.text('group'),
      numeratorLabel: row.text('numeratorLabel'),
      denominatorLabel: row.text('denominatorLabel'),
      targets: target ? [target] : [],
      from: row.month('from'),
      to: row.month('to'),
      agencies: row.codes('agencies'),
      aggregate: row.choice('aggregate', AGGREGATE_BY_LABEL) ?? 'sum',
      source: row.text('source'),
    });
  }
  return out;
}

function readNotes(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.notes, NOTE_COLUMNS, (i) => ['discrepancies', i]) ?? []).map((row) => ({
    where: row.text('where'),
    body: row.text('body'),
    appendix: row.text('appendix'),
    used: row.text('used'),
    why: row.text('why'),
  }));
}

function readReference(r: Reader): Json[] {
  return (tableRows(r, PLAN_SHEETS.reference, REFERENCE_COLUMNS, (i) => ['reference', i]) ?? []).map((row) => ({
    id: row.text('id') ?? '',
    title: row.text('title') ?? '',
    lead: row.text('lead'),
    support: row.text('support'),
    deadline: row.text('deadline'),
  }));
}

/** Drops keys whose value is undefined, so that an empty cell means "not given". */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, compact(v)]));
  return value;
}

const CODE_FIELDS = /(^|\.)(code|agency|members|lead|support|executing|agencies|replaces|group)(\.\d+)?$/;

export function readPlanWorkbook(model: WorkbookModel): PlanWorkbookResult {
  const r = new Reader(model);
  const head = readPlanSheet(r);
  const agencies = readAgencies(r);
  const year = typeof head?.date === 'string' ? Number(head.date.slice(0, 4)) : undefined;
  const levels = [...new Set(agencies.map((a) => a.level as Level))];
  const raw = compact({
    ...head,
    groups: readGroups(r),
    agencies,
    agencySets: readSets(r),
    headings: readHeadings(r),
    tasks: readTasks(r, year, levels.length ? levels : ['province', 'district', 'commune']),
    indicators: readIndicators(r),
    discrepancies: readNotes(r),
    reference: readReference(r),
  });
  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  const parsed = PlanSchema.safeParse(raw, { error: vietnameseMessage });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const place = r.locate(i.path);
        const path = i.path.map(String).join('.');
        const missing = (i.code === 'invalid_type' && i.input === undefined) || (i.code === 'too_small' && i.origin === 'string');
        const code: PlanIssueCode = missing ? 'plan-field-missing' : i.code === 'invalid_format' && CODE_FIELDS.test(path) ? 'plan-code-invalid' : 'plan-value-invalid';
        return { code, ...place, message: planIssueMessage(code, `Ô này: ${i.message}`) };
      }),
    };
  }
  const problems = checkPlanReferences(parsed.data);
  if (problems.length > 0) return { ok: false, issues: problems.map((p) => ({ code: p.code, ...r.locate(p.path), message: planIssueMessage(p.code, p.message) })) };
  return { ok: true, plan: parsed.data };
}
