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

/** Parses a plan file's text (YAML) into a checked plan, or the list of its mistakes with lines. */
export function parsePlan(text: string, file: string): PlanParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return { file, line: pos.line, column: pos.col, field: '', message: `Lỗi cú pháp YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const parsed = PlanSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        ...locate(doc, lines, issue.path),
        field: fieldPath(issue.path),
        message: issue.message,
      })),
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
