import { describe, it, expect } from 'vitest';
import { planLookups } from '../helpers/plans.ts';
import { loadPlan } from '../../generator/plan/loadPlan.ts';

/** Kế hoạch 63/KH-UBND ngày 18/3/2022 của UBND thành phố Cần Thơ (seed 001_ff05d6367b91a9d7.txt). */
const np = loadPlan('can-tho-2022');
const { plan } = np;
const { task, indicator } = planLookups(np);
const DISTRICTS = ['Q_NINH_KIEU', 'Q_BINH_THUY', 'Q_CAI_RANG', 'Q_O_MON', 'Q_THOT_NOT', 'H_PHONG_DIEN', 'H_CO_DO', 'H_VINH_THANH', 'H_THOI_LAI'];

describe('Cần Thơ 2022: metadata', () => {
  it('is plan 63/KH-UBND of 18/3/2022 of the city', () => {
    expect(plan.id).toBe('can-tho-2022');
    expect(plan.number).toBe('63/KH-UBND');
    expect(plan.date).toBe('2022-03-18');
    expect(plan.issuer).toBe('Ủy ban nhân dân thành phố Cần Thơ');
    expect(plan.place).toBe('Cần Thơ');
    expect(plan.province).toBe('thành phố Cần Thơ');
  });

  it('has Công an thành phố as the standing agency', () => {
    expect(plan.standing).toMatchObject({ agency: 'CATP', reportSymbol: 'BC-CATP-PC06', signerTitle: 'GIÁM ĐỐC' });
    expect(np.agencies.get('CATP')).toMatchObject({ name: 'Công an thành phố Cần Thơ', kind: 'standing' });
  });

  it('reports every 6 months and yearly (V.2.c), due the 15th, cut off on the 14th', () => {
    expect(plan.reporting).toMatchObject({ frequency: 'half-yearly', alsoPeriods: ['yearly'], dueDay: 15, dueInLastMonth: false, cutoffDay: 14 });
    expect(plan.reporting.text).toContain('Định kỳ 06 tháng và hằng năm');
    expect(plan.notes).toContain('Định kỳ hàng tháng');
  });

  it('sends the consolidated report to Bộ Công an (C06) and the Chairman, without "Lưu"', () => {
    expect(plan.recipients.some((r) => r.includes('Bộ Công an') && r.includes('C06'))).toBe(true);
    expect(plan.recipients.some((r) => r.startsWith('Chủ tịch Ủy ban nhân dân thành phố'))).toBe(true);
    expect(plan.recipients.some((r) => r.startsWith('Lưu'))).toBe(false);
  });
});

describe('Cần Thơ 2022: agencies', () => {
  it('has the 5 quận and 4 huyện of the city, expanded from "Ủy ban nhân dân quận, huyện"', () => {
    const districts = plan.agencies.filter((a) => a.kind === 'district');
    expect(districts.map((a) => a.code)).toEqual(DISTRICTS);
    expect(districts.every((a) => a.level === 'district')).toBe(true);
    expect(np.agencies.get('Q_O_MON')?.name).toBe('Ủy ban nhân dân quận Ô Môn');
    expect(np.agencies.get('H_CO_DO')?.name).toBe('Ủy ban nhân dân huyện Cờ Đỏ');
    expect(task('III.1').supportAgencies.filter((c) => c.startsWith('Q_') || c.startsWith('H_'))).toEqual(DISTRICTS);
  });

  it('defines the departments and central agencies the plan names', () => {
    expect(plan.agencies.filter((a) => a.kind === 'department')).toHaveLength(15);
    expect(plan.agencies.filter((a) => a.kind === 'central').map((a) => a.code)).toEqual([
      'BHXH',
      'CUC_THUE',
      'CHI_CUC_DANG_KIEM',
      'TAND',
      'VKSND',
      'CUC_THADS',
    ]);
    expect(np.agencies.get('DAI_PTTH')?.name).toBe('Đài Phát thanh và Truyền hình thành phố Cần Thơ');
    expect(np.agencies.get('SO_LDTBXH')?.name).toBe('Sở Lao động - Thương binh và Xã hội');
  });

  it('keeps ministries as non-reporting bodies', () => {
    expect(np.agencies.get('BO_CONG_AN')).toMatchObject({ reports: false, kind: 'other' });
    expect(np.reportingAgencies.map((a) => a.code)).not.toContain('BO_NGANH_TW');
    expect(np.reportingAgencies).toHaveLength(31);
  });
});

describe('Cần Thơ 2022: tasks of part III', () => {
  it('has every task: III.1–III.5, III.6.a–đ, III.7.a.1–7, III.7.b.1–11', () => {
    expect(np.tasks).toHaveLength(28);
    const ids = np.tasks.map((t) => t.id);
    expect(ids.filter((id) => /^III\.[1-5]$/.test(id))).toHaveLength(5);
    expect(ids.filter((id) => id.startsWith('III.6.'))).toEqual(['III.6.a', 'III.6.b', 'III.6.c', 'III.6.d', 'III.6.đ']);
    expect(ids.filter((id) => id.startsWith('III.7.a.'))).toHaveLength(7);
    expect(ids.filter((id) => id.startsWith('III.7.b.'))).toHaveLength(11);
    expect(plan.headings.map((h) => h.id)).toEqual(['III.6', 'III.7', 'III.7.a', 'III.7.b']);
    expect(np.tasks.every((t) => t.kind === 'task')).toBe(true);
  });

  it('puts tasks in the right groups', () => {
    expect(task('III.1').group).toBe('TRIEN_KHAI');
    expect(task('III.4').group).toBe('TUYEN_TRUYEN');
    expect(task('III.5').group).toBe('CHINH_SACH');
    expect(np.tasks.filter((t) => t.group === 'G1')).toHaveLength(5);
    expect(np.tasks.filter((t) => t.group === 'G4')).toHaveLength(19);
    expect(plan.groups.filter((g) => g.utility).map((g) => g.utility)).toEqual([1, 2, 3, 4, 5]);
  });

  it('assigns leads, supports and executing agencies as the plan writes them', () => {
    expect(task('III.1').leadAgencies).toEqual(['CATP']);
    expect(task('III.1').supportAgencies).toContain('SO_TU_PHAP');
    expect(task('III.2').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('III.2').supportAgencies).toContain('CATP');
    expect(task('III.3').executingAgencies).toEqual(['CATP']);
    expect(task('III.3').leadAgencies).toEqual([]);
    expect(task('III.4').executingAgencies.slice(0, 2)).toEqual(['SO_TTTT', 'DAI_PTTH']);
    expect(task('III.4').executingAgencies).toEqual(expect.arrayContaining(DISTRICTS));
    expect(task('III.5').supportAgencies).toEqual(expect.arrayContaining(['BO_CONG_AN', 'BO_NGANH_TW']));
    expect(task('III.6.b').leadAgencies).toEqual(['CATP']);
    expect(task('III.6.b').supportAgencies).toContain('SO_Y_TE');
    expect(task('III.6.a').executingAgencies.slice(0, 3)).toEqual(['CATP', 'SO_TTTT', 'VP_UBND']);
    expect(task('III.7.a.1').executingAgencies).toEqual(['CATP', 'BHXH']);
    expect(task('III.7.a.5').executingAgencies).toEqual(['CATP', 'THANH_TRA']);
    expect(task('III.7.b.1').executingAgencies).toEqual(['CATP', 'CUC_THUE']);
    expect(task('III.7.b.3').executingAgencies).toEqual(['CATP', 'SO_GTVT', 'CHI_CUC_DANG_KIEM']);
    expect(task('III.7.b.4').executingAgencies).toEqual(['CATP', 'SO_TTTT', 'SO_TU_PHAP']);
    expect(task('III.7.b.9').executingAgencies).toEqual(['CATP', 'VKSND']);
    expect(task('III.7.b.11').executingAgencies).toEqual(['CATP', 'SO_TTTT', 'SO_TU_PHAP', 'CUC_THADS']);
  });

  it('types every deadline and keeps the wording', () => {
    expect(task('III.1').deadline).toEqual({ kind: 'year', year: 2022, text: 'Trong năm 2022.' });
    expect(task('III.4').deadline.kind).toBe('recurring');
    expect(task('III.6.d').deadline).toMatchObject({
      kind: 'staged',
      stages: [
        { level: 'province', date: '2022-06-01' },
        { level: 'district', date: '2022-12-01' },
        { level: 'commune', date: '2023-06-01' },
      ],
    });
    expect(task('III.7.a.2').deadline).toMatchObject({ kind: 'month', month: '2022-04' });
    expect(task('III.7.a.3').deadline).toMatchObject({ kind: 'month', month: '2022-06' });
    expect(task('III.7.a.7').deadline).toMatchObject({ kind: 'month', month: '2023-12' });
    expect(task('III.7.b.1').deadline).toMatchObject({ kind: 'month', month: '2022-03' });
    expect(task('III.7.b.6').deadline).toMatchObject({ kind: 'month', month: '2022-04' });
    expect(task('III.7.b.11').deadline).toMatchObject({ kind: 'month', month: '2023-06' });
    expect(np.tasks.every((t) => typeof t.deadline.text === 'string' && t.deadline.text.length > 0)).toBe(true);
  });
});

describe('Cần Thơ 2022: indicators from part II', () => {
  it('has 24 indicators: 18 in II.2.a, 4 in II.2.c, 2 in II.2.d', () => {
    expect(np.indicators).toHaveLength(24);
    expect(np.indicators.filter((i) => i.group === 'G1')).toHaveLength(18);
    expect(np.indicators.filter((i) => i.group === 'G3')).toHaveLength(4);
    expect(np.indicators.filter((i) => i.group === 'G4')).toHaveLength(2);
  });

  it('gives percent indicators both labels and count indicators only a numerator', () => {
    for (const i of np.indicators) {
      expect(i.numeratorLabel.length).toBeGreaterThan(0);
      if (i.unit === 'percent') expect(i.denominatorLabel, i.id).toBeTruthy();
      else expect(i.denominatorLabel, i.id).toBeUndefined();
      expect(i.reportingAgencies.length, i.id).toBeGreaterThan(0);
      expect(i.source, i.id).toMatch(/^II\.2\./);
    }
  });

  it('types the targets with their phase windows', () => {
    expect(indicator('I1.04')).toMatchObject({ unit: 'count', targets: [{ comparator: '>=', value: 20, from: '2022-01', to: '2022-12' }] });
    expect(indicator('I1.12').targets).toMatchObject([
      { comparator: '>=', value: 50, from: '2023-01', to: '2025-12' },
      { comparator: '>=', value: 70, from: '2026-01', to: '2030-12' },
    ]);
    expect(indicator('I1.13').targets).toMatchObject([{ comparator: '>=', value: 90, from: '2023-01', to: '2025-12' }]);
    expect(indicator('I1.15').targets.map((t) => t.value)).toEqual([90, 100]);
    expect(indicator('I1.16').targets.map((t) => t.value)).toEqual([80, 100]);
    expect(indicator('I1.17').targets.map((t) => t.value)).toEqual([60, 80]);
    expect(indicator('I3.03')).toMatchObject({
      unit: 'count',
      targets: [
        { comparator: '>', value: 100000, from: '2023-01', to: '2025-12' },
        { comparator: '>', value: 300000, from: '2026-01', to: '2030-12' },
      ],
    });
    expect(indicator('I4.02').targets).toMatchObject([{ comparator: '>=', value: 100, from: '2022-01', to: '2022-12' }]);
  });

  it('never lets two targets of one indicator overlap (2025 belongs to 2023–2025)', () => {
    for (const i of np.indicators) {
      const sorted = [...i.targets].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
      for (let k = 1; k < sorted.length; k++) expect((sorted[k]!.from ?? '') > (sorted[k - 1]!.to ?? ''), i.id).toBe(true);
    }
  });

  it('names who reports each indicator', () => {
    expect(indicator('I1.02').reportingAgencies).toEqual(['CUC_THUE']);
    expect(indicator('I1.06').reportingAgencies).toEqual(['VP_UBND', ...DISTRICTS]);
    expect(indicator('I1.13').reportingAgencies).toEqual(['CATP', 'SO_TU_PHAP']);
    expect(indicator('I1.17').reportingAgencies).toEqual(DISTRICTS);
    expect(indicator('I3.03').reportingAgencies).toEqual(['CATP']);
  });
});

describe('Cần Thơ 2022: discrepancies and text', () => {
  it('records the discrepancies inside the plan', () => {
    expect(plan.discrepancies).toHaveLength(3);
    expect(plan.discrepancies.some((d) => d.where.includes('III.6.c') && d.body.includes('quý I năm 2022'))).toBe(true);
    expect(plan.discrepancies.some((d) => d.body.includes('34/2001/QĐ-TTg') && d.used.includes('34/2021/QĐ-TTg'))).toBe(true);
    expect(plan.discrepancies.some((d) => d.body.includes('2026 - 2030') && d.used.includes('2026-01'))).toBe(true);
  });

  it('keeps parts IV and V as reference only', () => {
    expect(plan.reference.map((r) => r.id)).toEqual(['IV.1', 'IV.2', 'V.1.a', 'V.1.b', 'V.2.a', 'V.2.b', 'V.2.c', 'V.3.a', 'V.3.b', 'V.4']);
  });

  it('writes all text in Unicode NFC', () => {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(plan);
    expect(strings.length).toBeGreaterThan(200);
    for (const s of strings) expect(s === s.normalize('NFC'), s).toBe(true);
  });
});
