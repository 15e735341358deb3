import { describe, it, expect } from 'vitest';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import type { ResolvedTask } from '../../core/plan/normalize.ts';

/**
 * The Quảng Ngãi 2022 plan file checked against its source (Kế hoạch triển khai Quyết định
 * 06/QĐ-TTg trên địa bàn tỉnh Quảng Ngãi, part III).
 */
const np = loadPlan('quang-ngai-2022');

function task(id: string): ResolvedTask {
  const t = np.taskById.get(id);
  if (!t) throw new Error(`không có nhiệm vụ ${id}`);
  return t;
}

const DISTRICTS = [
  'TP_QUANG_NGAI',
  'TX_DUC_PHO',
  'H_BINH_SON',
  'H_SON_TINH',
  'H_TU_NGHIA',
  'H_NGHIA_HANH',
  'H_MO_DUC',
  'H_BA_TO',
  'H_MINH_LONG',
  'H_SON_HA',
  'H_SON_TAY',
  'H_TRA_BONG',
  'H_LY_SON',
];

describe('plans/quang-ngai-2022.yaml', () => {
  it('has the plan metadata', () => {
    const { plan } = np;
    expect(plan.id).toBe('quang-ngai-2022');
    expect(plan.number).toBeUndefined();
    expect(plan.date).toBe('2022-03-01');
    expect(plan.issuer).toBe('UBND tỉnh Quảng Ngãi');
    expect(plan.standing).toMatchObject({ agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' });
    expect(plan.reporting).toMatchObject({ frequency: 'monthly', dueDay: 14, dueInLastMonth: true, cutoffDay: 14 });
    expect(plan.recipients).not.toContain('Lưu: VT, PC06.');
    expect(plan.indicators).toEqual([]);
  });

  it('has every task of part III, in document order, with the count per section', () => {
    const perSection: Record<string, number> = {};
    for (const t of np.tasks) {
      const section = t.id.split('.').slice(0, 2).join('.');
      perSection[section] = (perSection[section] ?? 0) + 1;
    }
    expect(perSection).toEqual({ 'III.1': 1, 'III.2': 4, 'III.3': 12, 'III.4': 4, 'III.5': 2, 'III.6': 19, 'III.7': 3, 'III.8': 2 });
    expect(np.tasks).toHaveLength(47);
    expect(np.tasks.filter((t) => t.heading === 'III.6.a')).toHaveLength(7);
    expect(np.tasks.filter((t) => t.heading === 'III.6.b')).toHaveLength(11);
    expect(np.tasks.filter((t) => t.id.startsWith('III.3.')).map((t) => t.id.slice(6))).toEqual([
      'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm',
    ]);
  });

  it('maps sections to the 5 groups of utilities', () => {
    const utilities = np.plan.groups.filter((g) => g.utility).map((g) => [g.code, g.utility]);
    expect(utilities).toEqual([['G1', 1], ['G2', 2], ['G3', 3], ['G4', 4], ['G5', 5]]);
    const groupOf = (prefix: string) => new Set(np.tasks.filter((t) => t.id.startsWith(prefix)).map((t) => t.group));
    expect(groupOf('III.1')).toEqual(new Set(['TRIEN_KHAI']));
    expect(groupOf('III.2.')).toEqual(new Set(['CHINH_SACH']));
    expect(groupOf('III.3.')).toEqual(new Set(['G1']));
    expect(groupOf('III.4.')).toEqual(new Set(['G2']));
    expect(groupOf('III.5.')).toEqual(new Set(['G3']));
    expect(groupOf('III.6.')).toEqual(new Set(['G4']));
    expect(groupOf('III.7.')).toEqual(new Set(['G5']));
    expect(groupOf('III.8.')).toEqual(new Set(['TUYEN_TRUYEN']));
  });

  it('has the 13 district-level units of 2022', () => {
    const districts = np.plan.agencies.filter((a) => a.kind === 'district');
    expect(districts.map((a) => a.code)).toEqual(DISTRICTS);
    expect(districts.every((a) => a.level === 'district' && a.reports)).toBe(true);
    expect(districts.find((a) => a.code === 'TP_QUANG_NGAI')?.name).toBe('UBND thành phố Quảng Ngãi');
    expect(districts.find((a) => a.code === 'TX_DUC_PHO')?.name).toBe('UBND thị xã Đức Phổ');
    expect(districts.find((a) => a.code === 'H_LY_SON')?.name).toBe('UBND huyện Lý Sơn');
    // UBND cấp xã is reported by the districts.
    expect(task('III.3.e').executingAgencies).toEqual(expect.arrayContaining(DISTRICTS));
  });

  it('assigns leads, supports and executing agencies as the plan does', () => {
    // III.1: sở, ban ngành, hội, đoàn thể; cơ quan Trung ương; UBND cấp huyện.
    expect(task('III.1').executingAgencies).toEqual(expect.arrayContaining(['SO_TTTT', 'MTTQ', 'BHXH', 'BCH_BIEN_PHONG', ...DISTRICTS]));
    expect(task('III.1').executingAgencies).not.toContain('CAT');

    expect(task('III.2.a').leadAgencies).toEqual(['CAT']);
    expect(task('III.2.a').supportAgencies).toEqual(expect.arrayContaining(['SO_TU_PHAP', 'TAND', ...DISTRICTS]));

    expect(task('III.3.a').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('III.3.a').supportAgencies).toEqual(expect.arrayContaining(['CAT', 'VP_UBND', ...DISTRICTS]));

    expect(task('III.3.d').leadAgencies).toEqual(['CAT']);
    expect(task('III.3.d').supportAgencies).toEqual(['SO_TU_PHAP', 'SO_TTTT']);

    expect(task('III.3.g').leadAgencies).toEqual(['SO_TTTT', 'VP_UBND']);
    expect(task('III.3.g').supportAgencies).toContain('CAT');

    expect(task('III.3.l').leadAgencies).toEqual(['CAT', 'SO_TTTT', 'VP_UBND']);

    for (const id of ['III.3.k', 'III.3.m']) {
      expect(task(id).leadAgencies).toEqual([]);
      expect(task(id).executingAgencies).toEqual(['CAT', 'TAND', 'CQ_DV_LIEN_QUAN']);
      expect(task(id).responsible).toEqual(['CAT', 'TAND']);
    }

    expect(task('III.4.b').supportAgencies).toContain('DOANH_NGHIEP');
    expect(task('III.5.a').executingAgencies).toEqual(['CAT', 'CQ_DV_LIEN_QUAN']);

    expect(task('III.6.a.1').executingAgencies).toEqual(['CAT', 'BHXH']);
    expect(task('III.6.a.5').executingAgencies).toEqual(['CAT', 'THANH_TRA']);
    expect(task('III.6.a.7').executingAgencies).toEqual(['CAT', 'SO_NOI_VU']);
    expect(task('III.6.b.1').executingAgencies).toEqual(['CAT', 'SO_TAI_CHINH']);
    expect(task('III.6.b.9').executingAgencies).toEqual(['CAT', 'VKSND']);
    expect(task('III.6.b.11').executingAgencies).toEqual(['CAT', 'BCH_QUAN_SU', 'SO_TU_PHAP', 'CUC_THADS']);

    expect(task('III.7.a').leadAgencies).toEqual(['CAT', 'CUC_THONG_KE']);
    expect(task('III.7.c').supportAgencies).toEqual(expect.arrayContaining(DISTRICTS));
    expect(task('III.8.a').leadAgencies).toEqual(['SO_TTTT', 'CAT']);
    expect(task('III.8.b').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('III.8.b').supportAgencies).toEqual(expect.arrayContaining(['HOI_NONG_DAN', 'TINH_DOAN', ...DISTRICTS]));
  });

  it('does not ask non-reporting bodies for a workbook', () => {
    const reporting = new Set(np.reportingAgencies.map((a) => a.code));
    for (const c of ['DOANH_NGHIEP', 'TC_DOANH_NGHIEP', 'CQ_TC_DN_LIEN_QUAN', 'CQ_DV_LIEN_QUAN']) expect(reporting.has(c)).toBe(false);
    for (const t of np.tasks) expect(t.responsible.length).toBeGreaterThan(0);
  });

  it('types every deadline with the plan’s own words', () => {
    expect(task('III.1').deadline).toEqual({ kind: 'month', month: '2022-03', text: 'Hoàn thành trong tháng 3/2022' });
    expect(task('III.2.a').deadline).toMatchObject({ kind: 'on-request', text: 'Theo yêu cầu của cơ quan chủ trì soạn thảo' });
    expect(task('III.2.b').deadline).toMatchObject({ kind: 'by-law', text: 'Theo quy định pháp luật' });
    expect(task('III.2.c').deadline).toEqual({ kind: 'by-date', date: '2022-03-19', text: 'Trước 20/3/2022' });
    expect(task('III.3.đ').deadline).toMatchObject({ kind: 'on-request', text: 'Theo yêu cầu của bộ, ngành liên quan' });
    expect(task('III.3.e').deadline).toMatchObject({
      kind: 'staged',
      stages: [
        { level: 'province', date: '2022-06-01' },
        { level: 'district', date: '2022-12-01' },
        { level: 'commune', date: '2023-06-01' },
      ],
    });
    expect(task('III.3.g').deadline).toEqual({ kind: 'month', month: '2022-06', text: 'Tháng 6/2022' });
    expect(task('III.3.h').deadline).toMatchObject({ kind: 'recurring', text: 'Thường xuyên' });
    expect(task('III.3.i').deadline).toMatchObject({ kind: 'year', year: 2022 });
    expect(task('III.3.m').deadline).toMatchObject({ kind: 'year', year: 2023 });
    expect(task('III.4.b').deadline).toMatchObject({ kind: 'month', month: '2023-01' });
    expect(task('III.6.a.7').deadline).toMatchObject({ kind: 'month', month: '2023-12' });
    expect(task('III.6.b.7').deadline).toMatchObject({ kind: 'month', month: '2022-12' });
    expect(task('III.6.c').deadline).toMatchObject({ kind: 'recurring', text: 'Thực hiện thường xuyên' });
    for (const t of np.tasks) expect(t.deadline.text, t.id).toBeTruthy();
  });

  it('writes every name in Unicode NFC', () => {
    const texts: string[] = [
      np.plan.title,
      np.plan.issuer,
      np.plan.province,
      np.plan.place,
      ...np.plan.recipients,
      ...np.plan.groups.map((g) => g.name),
      ...np.plan.agencies.flatMap((a) => [a.name, a.short ?? '']),
      ...np.plan.agencySets.map((s) => s.name),
      ...np.plan.headings.map((h) => h.title),
      ...np.tasks.flatMap((t) => [t.id, t.title, t.deadline.text ?? '', t.notes ?? '']),
    ];
    for (const s of texts) expect(s, s).toBe(s.normalize('NFC'));
  });
});
