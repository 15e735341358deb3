import { describe, it, expect } from 'vitest';
import { parsePlan, formatPlanProblem, type PlanProblem } from '../../core/plan/parsePlan.ts';
import { normalizePlan, tasksForAgency, indicatorsForAgency, planSummary } from '../../core/plan/normalize.ts';

/**
 * Plan files are edited by hand at Công an tỉnh: every mistake must come back with the file, the
 * line and the field. The YAML is written inline so that line numbers are visible in the test.
 */

const VALID = `id: thu-nghiem
title: Kế hoạch thử nghiệm
date: 2022-03-01
issuer: UBND tỉnh Thử Nghiệm
province: tỉnh Thử Nghiệm
place: Thử Nghiệm
standing:
  agency: CAT
  reportSymbol: BC-CAT-PC06
  signerTitle: GIÁM ĐỐC
reporting:
  frequency: monthly
  dueDay: 14
  dueInLastMonth: true
  cutoffDay: 14
recipients:
  - Bộ Công an
groups:
  - { code: G1, utility: 1, name: Nhóm tiện ích 1 }
agencies:
  - { code: CAT, name: Công an tỉnh, kind: standing }
  - { code: SO_TTTT, name: Sở Thông tin và Truyền thông, kind: department }
  - { code: H_A, name: UBND huyện A, kind: district, level: district }
  - { code: H_B, name: UBND huyện B, kind: district, level: district }
  - { code: VNPT, name: VNPT tỉnh, kind: enterprise, reports: false }
agencySets:
  - { code: CAC_HUYEN, name: UBND các huyện, members: [H_A, H_B] }
tasks:
  - id: III.1
    title: Nhiệm vụ một
    group: G1
    lead: [CAT]
    support: [SO_TTTT, VNPT]
    deadline:
      kind: month
      month: 2022-06
  - id: III.2
    title: Nhiệm vụ hai
    group: G1
    executing: [CAC_HUYEN]
    deadline: { kind: recurring }
indicators:
  - id: I.1
    name: Tỷ lệ hồ sơ trực tuyến
    unit: percent
    numeratorLabel: Số hồ sơ trực tuyến
    denominatorLabel: Tổng số hồ sơ
    agencies: [CAC_HUYEN]
`;

/** The line (1-based) of the first line of VALID-like text containing `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`no line with ${needle}`);
}

function problems(text: string): PlanProblem[] {
  const r = parsePlan(text, 'plans/thu-nghiem.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('a correct plan file', () => {
  it('parses, with defaults filled in', () => {
    const r = parsePlan(VALID, 'plans/thu-nghiem.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.agencies[0]).toMatchObject({ code: 'CAT', reports: true, level: 'province' });
    expect(r.plan.tasks[1]).toMatchObject({ kind: 'task', lead: [], support: [] });
    expect(r.plan.reporting.alsoPeriods).toEqual([]);
    expect(r.plan.date).toBe('2022-03-01');
  });

  it('normalises: sets expand, non-reporting agencies drop out, roles per agency', () => {
    const r = parsePlan(VALID, 'x.yaml');
    if (!r.ok) throw new Error('invalid');
    const np = normalizePlan(r.plan);
    expect(np.taskById.get('III.2')?.executingAgencies).toEqual(['H_A', 'H_B']);
    expect(np.taskById.get('III.2')?.responsible).toEqual(['H_A', 'H_B']);
    expect(np.taskById.get('III.1')?.supportAgencies).toEqual(['SO_TTTT', 'VNPT']);
    expect(np.reportingAgencies.map((a) => a.code)).toEqual(['CAT', 'SO_TTTT', 'H_A', 'H_B']);
    expect(tasksForAgency(np, 'SO_TTTT').map((t) => [t.task.id, t.role])).toEqual([['III.1', 'support']]);
    expect(tasksForAgency(np, 'H_B').map((t) => [t.task.id, t.role])).toEqual([['III.2', 'executing']]);
    expect(indicatorsForAgency(np, 'H_A').map((i) => i.id)).toEqual(['I.1']);
    expect(indicatorsForAgency(np, 'CAT')).toEqual([]);
    const summary = planSummary(np);
    expect(summary.tasks[1]).toMatchObject({ id: 'III.2', lead: [], executing: ['H_A', 'H_B'] });
  });

  it('the version hash changes with the content and not with formatting', () => {
    const a = parsePlan(VALID, 'x.yaml');
    const b = parsePlan(VALID.replace('title: Nhiệm vụ hai', 'title: Nhiệm vụ hai (sửa)'), 'x.yaml');
    const c = parsePlan(`# chú thích\n${VALID.replace('  - { code: G1, utility: 1, name: Nhóm tiện ích 1 }', '  - code: G1\n    name: Nhóm tiện ích 1\n    utility: 1')}`, 'x.yaml');
    if (!a.ok || !b.ok || !c.ok) throw new Error('invalid');
    expect(normalizePlan(a.plan).hash).not.toBe(normalizePlan(b.plan).hash);
    expect(normalizePlan(a.plan).hash).toBe(normalizePlan(c.plan).hash);
  });
});

describe('mistakes are reported with line and field', () => {
  it('a bad deadline month', () => {
    const text = VALID.replace('month: 2022-06', 'month: 2022-13');
    const [p, ...rest] = problems(text);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: 'plans/thu-nghiem.yaml', line: lineOf(text, 'month: 2022-13'), field: 'tasks[0].deadline.month' });
    expect(p!.message).toContain('YYYY-MM');
    expect(formatPlanProblem(p!)).toBe(`plans/thu-nghiem.yaml:${p!.line}:${p!.column}: tasks[0].deadline.month: ${p!.message}`);
  });

  it('a bad date', () => {
    const text = VALID.replace('date: 2022-03-01', 'date: 01/03/2022');
    expect(problems(text)).toMatchObject([{ line: 3, field: 'date' }]);
  });

  it('an unknown deadline kind', () => {
    const text = VALID.replace('deadline: { kind: recurring }', 'deadline: { kind: sometime }');
    expect(problems(text)).toMatchObject([{ line: lineOf(text, 'kind: sometime'), field: 'tasks[1].deadline.kind' }]);
  });

  it('an unknown agency code in a task', () => {
    const text = VALID.replace('support: [SO_TTTT, VNPT]', 'support: [SO_TTTT, SO_KHONG_CO]');
    const ps = problems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: lineOf(text, 'SO_KHONG_CO'), field: 'tasks[0].support[1]' });
    expect(ps[0]!.column).toBe(text.split('\n')[ps[0]!.line - 1]!.indexOf('SO_KHONG_CO') + 1);
    expect(ps[0]!.message).toContain('SO_KHONG_CO');
    expect(ps[0]!.message).toMatch(VIETNAMESE);
  });

  it('a duplicate task id', () => {
    const text = VALID.replace('  - id: III.2\n', '  - id: III.1\n');
    const ps = problems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: lineOf(text, 'id: III.1', lineOf(text, 'id: III.1')), field: 'tasks[1].id' });
    expect(ps[0]!.message).toContain('III.1');
    expect(ps[0]!.message).toMatch(VIETNAMESE);
  });

  it('reference mistakes are all listed at once', () => {
    const text = VALID.replace('support: [SO_TTTT, VNPT]', 'support: [SO_TTTT, SO_KHONG_CO]')
      .replace('  - id: III.2\n', '  - id: III.1\n')
      .replace('agencies: [CAC_HUYEN]', 'agencies: [CAC_XA]')
      .replace('agency: CAT', 'agency: CA_TINH');
    expect(problems(text).map((p) => p.field).sort()).toEqual(['indicators[0].agencies[0]', 'standing.agency', 'tasks[0].support[1]', 'tasks[1].id']);
  });

  it('a task with neither lead nor executing agencies', () => {
    const text = VALID.replace('    executing: [CAC_HUYEN]\n', '');
    expect(problems(text)).toMatchObject([{ line: lineOf(text, 'id: III.2'), field: 'tasks[1]' }]);
  });

  it('an unknown key: reported at the key itself, with its name', () => {
    const text = VALID.replace('    title: Nhiệm vụ hai\n', '    title: Nhiệm vụ hai\n    owner: CAT\n');
    const ps = problems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.message).toContain('owner');
    expect(ps[0]).toMatchObject({ line: lineOf(text, 'owner: CAT'), field: 'tasks[1].owner' });
  });

  it('schema problems are all listed, each at its own line', () => {
    const text = VALID.replace('month: 2022-06', 'month: 2022-13').replace('dueDay: 14', 'dueDay: 40').replace('unit: percent', 'unit: phần trăm');
    const ps = problems(text);
    expect(ps.map((p) => [p.field, p.line])).toEqual([
      ['reporting.dueDay', lineOf(text, 'dueDay: 40')],
      ['tasks[0].deadline.month', lineOf(text, 'month: 2022-13')],
      ['indicators[0].unit', lineOf(text, 'unit: phần trăm')],
    ]);
  });

  it('a YAML syntax error gives its line', () => {
    const text = VALID.replace('    title: Nhiệm vụ hai\n', '    title: Nhiệm vụ hai\n   group: [G1\n');
    const ps = problems(text);
    expect(ps.length).toBeGreaterThan(0);
    expect(ps[0]!.line).toBeGreaterThanOrEqual(lineOf(text, 'title: Nhiệm vụ hai'));
    expect(ps[0]!.line).toBeLessThanOrEqual(lineOf(text, 'title: Nhiệm vụ hai') + 3);
    expect(ps[0]!.message).toMatch(/^Lỗi cú pháp YAML/);
  });

  it('a duplicate key is a mistake, not a silent overwrite', () => {
    const text = VALID.replace('    title: Nhiệm vụ hai\n', '    title: Nhiệm vụ hai\n    title: Nhiệm vụ hai lần nữa\n');
    const ps = problems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.line).toBe(lineOf(text, 'lần nữa'));
  });

  it('every message is in Vietnamese (the plan\'s editors read no English)', () => {
    const texts = [
      VALID.replace('    title: Nhiệm vụ hai\n', '    title: Nhiệm vụ hai\n    owner: CAT\n'),
      VALID.replace('    title: Nhiệm vụ một\n', ''),
      VALID.replace('dueDay: 14', 'dueDay: "mười bốn"'),
      VALID.replace('deadline: { kind: recurring }', 'deadline: { kind: sometime }'),
    ];
    for (const t of texts) for (const p of problems(t)) expect(p.message, `${p.field}: ${p.message}`).toMatch(VIETNAMESE);
  });
});
