import type { z } from 'zod';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { PlanSchema, type Plan } from './schema.ts';
import { checkPlanReferences } from './references.ts';

/** A mistake in a plan file, placed by line so that whoever edits the file can find it. */
export interface PlanProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. "tasks[3].deadline.date". */
  field: string;
  message: string;
}

export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } {
  // The deepest node that exists: a missing field is reported where its parent is.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi chữ',
  number: 'số',
  boolean: 'true hoặc false',
  array: 'danh sách',
  object: 'bảng khóa – giá trị',
};

/** zod's own messages are English; whoever edits a plan file reads Vietnamese. */
export function vietnameseMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'thiếu trường bắt buộc' : `phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `trường không hợp lệ: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `phải là một trong: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      return 'giá trị không hợp lệ (kiểm tra trường kind và các trường đi kèm)';
    case 'too_small':
      return issue.origin === 'array' ? `cần ít nhất ${String(issue.minimum)} phần tử` : issue.origin === 'string' ? 'không được để trống' : `phải từ ${String(issue.minimum)} trở lên`;
    case 'too_big':
      return `phải không quá ${String(issue.maximum)}`;
    case 'invalid_format':
      return undefined; // our regexes carry Vietnamese messages
    default:
      return 'giá trị không hợp lệ';
  }
}

/** Parses a plan file's text (YAML) into a checked plan, or the list of its mistakes with lines. */
export function parsePlan(text: string, file: string): PlanParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '', message: `Lỗi cú pháp YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const parsed = PlanSchema.safeParse(doc.toJS(), { error: vietnameseMessage });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        // An unknown key is placed on its own line, not on the object holding it.
        const path = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
        return { file, ...locate(doc, lines, path), field: fieldPath(path), message: issue.message };
      }),
    };
  }
  const refProblems = checkPlanReferences(parsed.data);
  if (refProblems.length > 0) {
    return {
      ok: false,
      problems: refProblems.map((p) => ({ file, ...locate(doc, lines, p.path), field: fieldPath(p.path), message: p.message })),
    };
  }
  return { ok: true, plan: parsed.data };
}

export function formatPlanProblem(p: PlanProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
