import { describe, it, expect } from 'vitest';
import { parsePlan } from '../../core/plan/parsePlan.ts';
import { normalizePlan } from '../../core/plan/normalize.ts';
import { currentAgency, isTwoTier } from '../../core/plan/successors.ts';

/** Issue 13.6 and 13.8: a province with communes and no districts; agencies that replaced others. */

const plan = (agencies: string, sets: string, deadline = '{ kind: recurring, text: Thường xuyên }') => `id: hai-cap
title: Kế hoạch minh họa
date: 2026-01-15
issuer: UBND tỉnh Minh Họa
province: tỉnh Minh Họa
place: Minh Họa
standing: { agency: CAT, reportSymbol: BC-CAT-PC06, signerTitle: GIÁM ĐỐC }
reporting: { frequency: monthly, dueDay: 14, dueInLastMonth: true, cutoffDay: 14 }
recipients: [Bộ Công an]
groups: [{ code: G1, name: Nhóm 1 }]
agencies:
  - { code: CAT, name: Công an tỉnh, kind: standing }
${agencies}
agencySets:
${sets}
tasks:
  - { id: "1", title: Nhiệm vụ, group: G1, lead: [UBND_CAP_XA], deadline: ${deadline} }
`;

const COMMUNES = `  - { code: SO_KH_CN, name: Sở Khoa học và Công nghệ, kind: department, replaces: [SO_TTTT] }
  - { code: XA_01, name: Xã Minh họa 01, kind: commune, level: commune, commune: xa }
  - { code: PHUONG_01, name: Phường Minh họa 01, kind: commune, level: commune, commune: phuong }
  - { code: DK_01, name: Đặc khu Minh họa, kind: commune, level: commune, commune: dac-khu }`;
const BY_KIND = '  - { code: UBND_CAP_XA, name: "UBND các xã, phường, đặc khu", kinds: [commune] }';

describe('two-tier province', () => {
  it('accepts communes with no district, and UBND_CAP_XA expands to every commune', () => {
    const r = parsePlan(plan(COMMUNES, BY_KIND), 'hai-cap.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isTwoTier(r.plan)).toBe(true);
    expect(normalizePlan(r.plan).tasks[0]!.leadAgencies).toEqual(['XA_01', 'PHUONG_01', 'DK_01']);
  });

  it('stages deadlines at the province and commune levels only', () => {
    const ok = parsePlan(plan(COMMUNES, BY_KIND, '{ kind: staged, stages: [{ level: province, date: 2026-07-01 }, { level: commune, date: 2026-10-01 }] }'), 'a.yaml');
    expect(ok.ok).toBe(true);
    const bad = parsePlan(plan(COMMUNES, BY_KIND, '{ kind: staged, stages: [{ level: district, date: 2026-07-01 }] }'), 'b.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([expect.objectContaining({ field: 'tasks[0].deadline.stages[0].level', message: expect.stringContaining('không có cấp huyện') })]);
  });
});

describe('successors', () => {
  it('finds the agency that replaced an old code', () => {
    const r = parsePlan(plan(COMMUNES, BY_KIND), 'hai-cap.yaml');
    if (!r.ok) throw new Error('plan');
    expect(currentAgency(r.plan, 'SO_TTTT')).toEqual({ agency: expect.objectContaining({ code: 'SO_KH_CN' }), replaced: 'SO_TTTT' });
    expect(currentAgency(r.plan, 'SO_KH_CN')?.replaced).toBeUndefined();
    expect(currentAgency(r.plan, 'SO_KHAC')).toBeUndefined();
  });

  it('refuses a replaced code that is still in the plan, or replaced twice', () => {
    const still = parsePlan(plan(`${COMMUNES}\n  - { code: SO_TTTT, name: Sở TT&TT, kind: department }`, BY_KIND), 'c.yaml');
    expect(!still.ok && still.problems.map((p) => p.field)).toEqual(['agencies[1].replaces[0]']);
    const twice = parsePlan(plan(`${COMMUNES}\n  - { code: SO_NOI_VU, name: Sở Nội vụ, kind: department, replaces: [SO_TTTT] }`, BY_KIND), 'd.yaml');
    expect(!twice.ok && twice.problems[0]!.message).toContain('mỗi cơ quan cũ chỉ có một cơ quan thay thế');
  });
});
