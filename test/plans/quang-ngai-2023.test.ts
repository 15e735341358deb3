import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planLookups } from '../helpers/plans.ts';
import { loadPlan, REPO_ROOT } from '../../generator/plan/loadPlan.ts';

const np = loadPlan('quang-ngai-2023');
const { plan } = np;
const { task, indicator } = planLookups(np);
const DISTRICTS = [
  'TP_QUANG_NGAI', 'TX_DUC_PHO', 'H_BINH_SON', 'H_SON_TINH', 'H_TU_NGHIA', 'H_NGHIA_HANH', 'H_MO_DUC',
  'H_BA_TO', 'H_MINH_LONG', 'H_SON_HA', 'H_SON_TAY', 'H_TRA_BONG', 'H_LY_SON',
];

/** The seed's text with emphasis marks dropped and whitespace (incl. page breaks) collapsed. */
function seedText(): string {
  // A copy of the plan's text kept with the tests (test/fixtures/seeds/README.md says where it comes from).
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seeds', 'quang-ngai-2023.txt'), 'utf8').replace(/\*/g, '').replace(/\s+/g, ' ');
}
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('quang-ngai-2023: metadata', () => {
  it('has the standing agency, report symbol and reporting cycle of the plan', () => {
    expect(plan.id).toBe('quang-ngai-2023');
    expect(plan.standing).toMatchObject({ agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' });
    expect(np.agencies.get('CAT')?.name).toBe('Công an tỉnh Quảng Ngãi');
    expect(plan.reporting).toMatchObject({ frequency: 'monthly', alsoPeriods: ['quarterly'], dueDay: 14, dueInLastMonth: true, cutoffDay: 14 });
    expect(plan.date).toBe('2023-02-01');
    expect(plan.recipients).toContain('Bộ Công an (C06) (để b/c)');
    expect(plan.recipients).toContain('Văn phòng Chính phủ (để b/c)');
    expect(plan.recipients.some((r) => r.startsWith('Chủ tịch UBND tỉnh - Tổ trưởng Tổ công tác Đề án 06'))).toBe(true);
    expect(plan.recipients.some((r) => r.includes('Lưu'))).toBe(false);
  });

  it('defines the 5 groups of utilities and the plan\'s own groups', () => {
    for (let u = 1; u <= 5; u++) expect(plan.groups.find((g) => g.code === `G${u}`)?.utility).toBe(u);
    expect(plan.groups.map((g) => g.code)).toEqual(expect.arrayContaining(['TRIEN_KHAI', 'AN_NINH', 'TUYEN_TRUYEN', 'DOT_PHA']));
  });

  it('uses the shared Quảng Ngãi agency codes and adds the bodies this plan names', () => {
    const shared = [
      'SO_NOI_VU', 'SO_TU_PHAP', 'SO_KH_DT', 'SO_TAI_CHINH', 'SO_CONG_THUONG', 'SO_NN_PTNT', 'SO_GTVT', 'SO_XAY_DUNG', 'SO_TN_MT',
      'SO_TTTT', 'SO_LD_TB_XH', 'SO_VH_TT_DL', 'SO_KH_CN', 'SO_GD_DT', 'SO_Y_TE', 'SO_NGOAI_VU', 'THANH_TRA', 'VP_UBND',
      'BAN_DAN_TOC', 'BQL_KKT', 'BHXH', 'CUC_THONG_KE', 'CUC_THUE', 'KBNN', 'NHNN', 'CUC_HAI_QUAN', 'TAND', 'VKSND',
      'CUC_THADS', 'BCH_QUAN_SU', 'BCH_BIEN_PHONG', 'MTTQ', 'TINH_DOAN', 'HOI_LHPN', 'HOI_NONG_DAN', 'HOI_CCB', 'LDLD',
      ...DISTRICTS,
    ];
    for (const code of shared) expect(np.agencies.has(code), code).toBe(true);
    expect(np.agencies.get('DAI_PTTH')?.name).toBe('Đài Phát thanh - Truyền hình Quảng Ngãi');
    expect(np.agencies.get('BAO_QUANG_NGAI')?.reports).toBe(true);
    expect(np.agencies.get('DIEN_LUC')?.kind).toBe('enterprise');
    expect(np.agencies.get('BAN_NOI_CHINH')).toMatchObject({ name: 'Ban Nội chính Tỉnh ủy', reports: false });
    expect(np.agencies.get('DN_VIEN_THONG')).toMatchObject({ kind: 'enterprise', reports: false });
    expect(np.agencies.get('CQ_DV_LIEN_QUAN')?.reports).toBe(false);
    expect(np.agencies.get('CQ_TC_DN_LIEN_QUAN')?.reports).toBe(false);
    for (const d of DISTRICTS) expect(np.agencies.get(d)).toMatchObject({ kind: 'district', level: 'district' });
  });
});

describe('quang-ngai-2023: tasks of part III', () => {
  it('has every task, model, linked service and breakthrough task', () => {
    expect(np.tasks).toHaveLength(47);
    const byKind = (k: string) => np.tasks.filter((t) => t.kind === k).map((t) => t.id);
    expect(byKind('task')).toHaveLength(32);
    expect(byKind('model')).toEqual(['III.2.g.1', 'III.2.g.2', 'III.2.g.3', 'III.2.g.4', 'III.2.g.5']);
    expect(byKind('linked-service')).toEqual(['III.2.h.1', 'III.2.h.2']);
    expect(byKind('breakthrough')).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `III.8.b.${n}`));
  });

  it('has the document\'s items per section', () => {
    const section = (s: string) => np.tasks.filter((t) => t.id.startsWith(`${s}.`)).map((t) => t.id);
    expect(section('III.1')).toEqual(['III.1.a', 'III.1.b', 'III.1.c', 'III.1.d', 'III.1.đ']);
    expect(section('III.2')).toHaveLength(13);
    expect(section('III.3')).toEqual(['III.3.a', 'III.3.b', 'III.3.c', 'III.3.d', 'III.3.đ', 'III.3.e', 'III.3.g']);
    expect(section('III.4')).toEqual(['III.4.a', 'III.4.b', 'III.4.c']);
    expect(section('III.5')).toEqual(['III.5.a', 'III.5.b', 'III.5.c', 'III.5.d', 'III.5.đ', 'III.5.e']);
    expect(section('III.6')).toEqual(['III.6.a', 'III.6.b']);
    expect(section('III.7')).toEqual(['III.7.a', 'III.7.b']);
    expect(section('III.8')).toHaveLength(9);
  });

  it('puts each section in its group', () => {
    expect(task('III.1.b').group).toBe('TRIEN_KHAI');
    expect(task('III.2.c').group).toBe('G1');
    expect(task('III.3.b').group).toBe('G2');
    expect(task('III.4.a').group).toBe('G3');
    expect(task('III.5.b').group).toBe('G4');
    expect(task('III.6.a').group).toBe('AN_NINH');
    expect(task('III.7.b').group).toBe('TUYEN_TRUYEN');
    expect(task('III.8.b.3').group).toBe('DOT_PHA');
    expect(task('III.2.g.4').heading).toBe('III.2.g');
    expect(task('III.8.b.6').heading).toBe('III.8.b');
  });

  it('assigns lead and support agencies as the plan writes them', () => {
    expect(task('III.1.a').leadAgencies).toEqual(['CAT']);
    expect(task('III.1.a').supportAgencies).toEqual(['BAN_NOI_CHINH']);
    expect(task('III.1.b').supportAgencies).toEqual(['VP_UBND', 'SO_NOI_VU', 'SO_TU_PHAP', 'SO_TTTT', 'SO_Y_TE', 'SO_GD_DT', 'SO_TAI_CHINH', 'SO_KH_DT', 'BHXH']);
    expect(task('III.1.d').leadAgencies).toEqual(['CAT', 'VP_UBND']);
    expect(task('III.1.d').supportAgencies).toContain('SO_NGOAI_VU');
    expect(task('III.1.d').supportAgencies).toEqual(expect.arrayContaining(DISTRICTS));
    expect(task('III.2.a').leadAgencies).toEqual(['SO_TU_PHAP', 'SO_LD_TB_XH', 'SO_GTVT', 'SO_TN_MT', 'SO_GD_DT', 'CAT', 'BHXH', 'CUC_THUE', 'DIEN_LUC']);
    expect(task('III.2.b').executingAgencies).toHaveLength(20 + 13);
    expect(task('III.2.c').leadAgencies).toEqual(['SO_TU_PHAP', 'SO_TN_MT']);
    expect(task('III.2.g.2').leadAgencies).toEqual(DISTRICTS);
    expect(task('III.2.g.2').supportAgencies).toEqual(['CAT', 'SO_Y_TE', 'SO_LD_TB_XH', 'SO_GD_DT']);
    expect(task('III.2.h.2').leadAgencies).toEqual(['SO_TU_PHAP']);
    expect(task('III.2.h.2').supportAgencies.slice(0, 3)).toEqual(['CAT', 'BHXH', 'SO_LD_TB_XH']);
    expect(task('III.3.d').leadAgencies).toEqual(['CAT', 'SO_VH_TT_DL', 'SO_Y_TE']);
    expect(task('III.3.e').supportAgencies).toEqual(['DN_VIEN_THONG']);
    expect(task('III.4.b').supportAgencies).toEqual([...DISTRICTS, 'DAI_PTTH', 'BAO_QUANG_NGAI']);
    expect(task('III.4.c').executingAgencies).toEqual(['CAT', 'CQ_DV_LIEN_QUAN']);
    expect(task('III.4.c').responsible).toEqual(['CAT']);
    expect(task('III.5.d').supportAgencies).toEqual(expect.arrayContaining(['MTTQ', 'LDLD', 'H_LY_SON', 'BQL_KKT']));
    expect(task('III.5.e').leadAgencies).toEqual(['CAT', 'SO_TU_PHAP', 'CUC_THADS']);
    expect(task('III.5.e').supportAgencies).toEqual(['SO_TTTT', 'TAND']);
    expect(task('III.6.a').leadAgencies).toEqual(['SO_NOI_VU']);
    expect(task('III.7.a').leadAgencies).toEqual(['CAT', 'DAI_PTTH', 'BAO_QUANG_NGAI']);
    expect(task('III.7.b').leadAgencies).toEqual(['TINH_DOAN']);
    expect(task('III.7.b').supportAgencies).not.toContain('TINH_DOAN');
    expect(task('III.8.a').executingAgencies).toEqual(['H_BINH_SON', 'TP_QUANG_NGAI', 'TX_DUC_PHO']);
  });

  it('gives the 8 breakthrough tasks to the 8 agencies named in III.8.b', () => {
    const agencies = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => task(`III.8.b.${n}`).executingAgencies);
    expect(agencies).toEqual([['CAT'], ['SO_TU_PHAP'], ['SO_LD_TB_XH'], ['SO_TTTT'], ['SO_GTVT'], ['SO_Y_TE'], ['SO_TN_MT'], ['BHXH']]);
    for (let n = 1; n <= 8; n++) expect(task(`III.8.b.${n}`).objective, `III.8.b.${n}`).toBeTruthy();
    // III.1.đ: the breakthrough tasks are registered with the same 7 supporting agencies
    expect(new Set(task('III.1.đ').supportAgencies)).toEqual(new Set(agencies.flat().filter((c) => c !== 'CAT')));
  });

  it('types every deadline and keeps the plan\'s wording', () => {
    expect(task('III.1.a').deadline).toEqual({ kind: 'month', month: '2023-02', text: 'Tháng 02/2023' });
    expect(task('III.1.d').deadline).toMatchObject({ kind: 'quarter', year: 2023, quarter: 1, text: 'Trong Quý I/2023' });
    expect(task('III.1.đ').deadline).toMatchObject({ kind: 'month', month: '2023-02' });
    expect(task('III.2.a').deadline.kind).toBe('recurring');
    expect(task('III.2.e').deadline).toMatchObject({ kind: 'year', year: 2023, text: 'Trong năm 2023' });
    expect(task('III.2.đ').deadline).toMatchObject({
      kind: 'staged',
      stages: [
        { level: 'province', date: '2022-06-01' },
        { level: 'district', date: '2022-12-01' },
        { level: 'commune', date: '2023-06-01' },
      ],
    });
    expect(task('III.2.h.1').deadline.kind).toBe('when-guided');
    expect(task('III.3.e').deadline).toMatchObject({ kind: 'quarter', year: 2023, quarter: 2 });
    expect(task('III.3.g').deadline).toMatchObject({ kind: 'when-guided', text: 'Sau khi Bộ Công an triển khai (dự kiến trong tháng 6/2023)' });
    expect(task('III.5.a').deadline).toMatchObject({ kind: 'quarter', year: 2023, quarter: 1 });
    expect(task('III.8.b.7').deadline).toMatchObject({ kind: 'year', year: 2023 });
    for (const t of np.tasks) expect(t.deadline.text, t.id).toBeTruthy();
  });

  it('copies task titles from the seed', () => {
    const seed = seedText();
    const composed = new Set(['III.8.b.4']); // two "Nhiệm vụ" bullets joined into one
    for (const t of np.tasks) if (!composed.has(t.id)) expect(seed.includes(collapse(t.title)), t.id).toBe(true);
  });
});

describe('quang-ngai-2023: indicators', () => {
  it('has one indicator per measured quantity, reported by its own agency', () => {
    expect(np.indicators).toHaveLength(14);
    expect(np.indicators.filter((i) => i.group === 'DOT_PHA')).toHaveLength(10);
    expect(np.indicators.filter((i) => i.group !== 'DOT_PHA').map((i) => i.id)).toEqual(['III.2.e-1', 'III.3.dd-1', 'III.5.a-1', 'III.5.dd-1']);
    const byAgency = (c: string) => np.indicators.filter((i) => i.reportingAgencies.includes(c)).length;
    expect(byAgency('CAT')).toBe(3);
    expect(byAgency('SO_Y_TE')).toBe(2);
    expect(byAgency('SO_TTTT')).toBe(0);
    for (const i of np.indicators) {
      expect(i.reportingAgencies, i.id).toHaveLength(1);
      expect(i.unit, i.id).toBe('percent');
      expect(i.numeratorLabel && i.denominatorLabel, i.id).toBeTruthy();
      expect(i.targets.length, i.id).toBeGreaterThan(0);
    }
  });

  it('types the targets with comparator, value and window', () => {
    expect(indicator('III.8.b.1-1').targets).toEqual([expect.objectContaining({ comparator: '>=', value: 100, from: '2023-03' })]);
    expect(indicator('III.8.b.1-2').targets).toEqual([
      expect.objectContaining({ comparator: '>=', value: 80, from: '2023-06', to: '2023-06' }),
      expect.objectContaining({ comparator: '>', value: 80, from: '2023-07' }),
    ]);
    expect(indicator('III.8.b.1-3').targets[0]).toMatchObject({ comparator: '>=', value: 100 });
    expect(indicator('III.8.b.1-3').targets[0]?.from).toBeUndefined();
    expect(indicator('III.8.b.2-1').targets).toEqual([
      expect.objectContaining({ comparator: '>=', value: 70, from: '2023-01', to: '2023-12' }),
      expect.objectContaining({ comparator: '>', value: 70, from: '2025-01' }),
    ]);
    expect(indicator('III.8.b.2-1').reportingAgencies).toEqual(['SO_TU_PHAP']);
    expect(indicator('III.8.b.3-1')).toMatchObject({ reportingAgencies: ['SO_LD_TB_XH'], targets: [{ comparator: '>=', value: 10, from: '2023-01', to: '2023-12' }] });
    expect(indicator('III.8.b.5-1')).toMatchObject({ reportingAgencies: ['SO_GTVT'], targets: [{ comparator: '>=', value: 30, from: '2023-01', to: '2023-12' }] });
    expect(indicator('III.8.b.6-1').targets[0]).toMatchObject({ comparator: '>=', value: 100 });
    expect(indicator('III.8.b.6-2').targets[0]).toMatchObject({ comparator: '>=', value: 40, from: '2023-01', to: '2023-12' });
    expect(indicator('III.8.b.7-1')).toMatchObject({ reportingAgencies: ['SO_TN_MT'], targets: [{ comparator: '>=', value: 40, from: '2023-04' }] });
    expect(indicator('III.8.b.7-1').targets[0]?.to).toBeUndefined();
    expect(indicator('III.8.b.8-1')).toMatchObject({ reportingAgencies: ['BHXH'], targets: [{ comparator: '>=', value: 30, from: '2023-01', to: '2023-12' }] });
    expect(indicator('III.3.dd-1')).toMatchObject({ reportingAgencies: ['SO_LD_TB_XH'], targets: [{ comparator: '>=', value: 70 }] });
    expect(indicator('III.5.a-1').targets[0]).toMatchObject({ comparator: '>=', value: 100, from: '2023-03' });
    expect(indicator('III.2.e-1').targets[0]).toMatchObject({ comparator: '>=', value: 100, from: '2023-12' });
  });
});

describe('quang-ngai-2023: discrepancies and text', () => {
  it('records the discrepancies inside the source', () => {
    expect(plan.discrepancies).toHaveLength(2);
    expect(plan.discrepancies[0]).toMatchObject({ used: 'giai đoạn 2022 - 2025' });
    expect(plan.discrepancies[1]?.where).toContain('III.8.b (1)');
    expect(plan.discrepancies[1]?.used).toContain('tháng 7/2023');
  });

  it('keeps parts IV–VI for reference only', () => {
    expect(plan.reference.map((r) => r.id)).toEqual(['IV', 'V', 'VI.1', 'VI.2']);
  });

  it('writes all text in Unicode NFC', () => {
    const bad: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') {
        if (v !== v.normalize('NFC')) bad.push(path);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(plan, 'plan');
    expect(bad).toEqual([]);
    const raw = readFileSync(join(REPO_ROOT, 'plans', 'quang-ngai-2023.yaml'), 'utf8');
    expect(raw === raw.normalize('NFC')).toBe(true);
  });
});
