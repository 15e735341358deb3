import { describe, it, expect } from 'vitest';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import type { ResolvedIndicator, ResolvedTask } from '../../core/plan/normalize.ts';

/**
 * The Bắc Giang 2022 plan file (Kế hoạch 395/KH-UBND ngày 26/01/2022) checked against its source,
 * ../shared/seeds/004_92c96998bf64fd37.txt (OCR without diacritics): tasks per agency III.1–III.22 and IV.2,
 * the 25 essential procedures of Phụ lục I as indicators, Phụ lục II and part II as reference.
 */
const np = loadPlan('bac-giang-2022');
const { plan } = np;

function task(id: string): ResolvedTask {
  const t = np.taskById.get(id);
  if (!t) throw new Error(`không có nhiệm vụ ${id}`);
  return t;
}

function indicator(id: string): ResolvedIndicator {
  const i = np.indicatorById.get(id);
  if (!i) throw new Error(`không có chỉ tiêu ${id}`);
  return i;
}

const DISTRICTS = [
  'TP_BAC_GIANG',
  'H_HIEP_HOA',
  'H_LANG_GIANG',
  'H_LUC_NAM',
  'H_LUC_NGAN',
  'H_SON_DONG',
  'H_TAN_YEN',
  'H_VIET_YEN',
  'H_YEN_DUNG',
  'H_YEN_THE',
];

/** Every string in a value, depth first. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('plans/bac-giang-2022.yaml', () => {
  it('has the plan metadata and reporting of IV.1', () => {
    expect(plan.id).toBe('bac-giang-2022');
    expect(plan.number).toBe('395/KH-UBND');
    expect(plan.date).toBe('2022-01-26');
    expect(plan.issuer).toBe('UBND tỉnh Bắc Giang');
    expect(plan.place).toBe('Bắc Giang');
    expect(plan.standing).toMatchObject({ agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' });
    expect(np.agencies.get('CAT')).toMatchObject({ name: 'Công an tỉnh Bắc Giang', kind: 'standing' });
    // “trước ngày 15 hằng tháng (qua Công an tỉnh)”; cut-off not stated → 14.
    expect(plan.reporting).toMatchObject({ frequency: 'monthly', dueDay: 14, dueInLastMonth: true, cutoffDay: 14 });
    expect(plan.reporting.text).toContain('trước ngày 15 hằng tháng');
    expect(plan.recipients).toContain('Văn phòng Chính phủ (để b/c)');
    expect(plan.recipients).toContain('Bộ Công an (C06) (để b/c)');
    expect(plan.recipients.some((r) => r.includes('Lưu'))).toBe(false);
  });

  it('defines the 5 utility groups and the other groups', () => {
    const utilities = plan.groups.filter((g) => g.utility).map((g) => [g.code, g.utility]);
    expect(utilities).toEqual([['G1', 1], ['G2', 2], ['G3', 3], ['G4', 4], ['G5', 5]]);
    expect(plan.groups.map((g) => g.code)).toEqual(expect.arrayContaining(['TRIEN_KHAI', 'TUYEN_TRUYEN', 'HA_TANG', 'CHINH_SACH']));
  });

  it('defines the 10 district units of 2022 and the agencies the plan names', () => {
    const districts = plan.agencies.filter((a) => a.kind === 'district');
    expect(districts.map((a) => a.code)).toEqual(DISTRICTS);
    expect(districts.every((a) => a.level === 'district' && a.reports)).toBe(true);
    expect(np.agencies.get('H_HIEP_HOA')?.name).toBe('UBND huyện Hiệp Hòa');
    expect(np.agencies.get('H_LUC_NGAN')?.name).toBe('UBND huyện Lục Ngạn');
    expect(np.agencies.get('SO_LDTBXH')?.name).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(np.agencies.get('SO_TTTT')?.name).toBe('Sở Thông tin và Truyền thông');
    expect(np.agencies.get('BCH_QUAN_SU')?.name).toBe('Bộ Chỉ huy Quân sự tỉnh');
    const departments = plan.agencies.filter((a) => a.kind === 'department').map((a) => a.code);
    expect(departments).toHaveLength(14);
    const central = plan.agencies.filter((a) => a.kind === 'central').map((a) => a.code);
    expect(central).toEqual(['BCH_QUAN_SU', 'VKSND', 'TAND', 'NHNN', 'BHXH']);
    // Non-reporting bodies named by the plan.
    for (const code of ['BCA_CUC_ANM', 'BCA_CUC_KTNV', 'CA_CAP_HUYEN', 'TCTD', 'DV_LIEN_QUAN', 'CQ_LIEN_QUAN']) {
      expect(np.agencies.get(code)?.reports, code).toBe(false);
    }
    // Reporting agencies: CAT, 14 departments, 5 central, 10 districts, Điện lực (indicators 24–25 only).
    expect(np.reportingAgencies).toHaveLength(31);
  });

  it('has every duty of III.1–III.22 and IV.2, with the count per agency section', () => {
    const perSection: Record<string, number> = {};
    for (const t of np.tasks) perSection[t.heading ?? ''] = (perSection[t.heading ?? ''] ?? 0) + 1;
    expect(perSection).toEqual({
      'III.1': 2, 'III.2': 5, 'III.3': 4, 'III.4': 2, 'III.5': 2, 'III.6': 2, 'III.7': 2, 'III.8': 1, 'III.9': 1,
      'III.10': 1, 'III.11': 1, 'III.12': 1, 'III.13': 1, 'III.14': 2, 'III.15': 1, 'III.16': 1, 'III.17': 1,
      'III.18': 1, 'III.19': 1, 'III.20': 1, 'III.21': 3, 'III.22': 6, IV: 1,
    });
    expect(np.tasks).toHaveLength(43);
    expect(plan.headings.map((h) => h.id)).toEqual([...Array.from({ length: 22 }, (_, i) => `III.${i + 1}`), 'IV']);
    expect(plan.headings.find((h) => h.id === 'III.17')?.title).toBe('Đề nghị Viện Kiểm sát nhân dân tỉnh');
    expect(np.tasks.every((t) => t.kind === 'task')).toBe(true);
    // Each task's id starts with its heading.
    expect(np.tasks.every((t) => t.id.startsWith(`${t.heading}.`) || t.id === t.heading || t.id === 'IV.2')).toBe(true);
  });

  it('gives each section to its agency as lead, with support as written', () => {
    expect(task('III.1.1').leadAgencies).toEqual(['VP_UBND']);
    expect(task('III.1.1').supportAgencies).toContain('CAT');
    expect(task('III.1.1').supportAgencies).toContain('SO_TU_PHAP'); // “các sở, ngành liên quan”
    expect(task('III.2.2').leadAgencies).toEqual(['CAT']);
    expect(task('III.2.2').supportAgencies).toEqual(['BCA_CUC_ANM', 'BCA_CUC_KTNV', 'SO_TTTT']);
    expect(task('III.3.1').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('III.3.1').group).toBe('TUYEN_TRUYEN');
    expect(task('III.4.2').supportAgencies).toEqual(['CAT', 'CQ_LIEN_QUAN']);
    expect(task('III.6.1').leadAgencies).toEqual(['SO_TU_PHAP']);
    expect(task('III.6.1').supportAgencies).toEqual(['CAT', 'VP_UBND', 'SO_TTTT']);
    expect(task('III.7.2').supportAgencies).toEqual(['CAT', 'SO_TTTT']);
    expect(task('III.16.1').leadAgencies).toEqual(['THANH_TRA']);
    expect(task('III.16.1').supportAgencies).toEqual(['CAT']);
    expect(task('III.17.1').leadAgencies).toEqual(['VKSND']);
    expect(task('III.18.1').leadAgencies).toEqual(['TAND']);
    expect(task('III.19.1').leadAgencies).toEqual(['NHNN']);
    expect(task('III.19.1').executingAgencies).toEqual(['TCTD']);
    expect(task('III.20.1').leadAgencies).toEqual(['BHXH']);
    expect(task('III.22.3').supportAgencies).toEqual(['CA_CAP_HUYEN']);
    expect(task('IV.2').leadAgencies).toEqual(['CAT']);
    expect(task('IV.2').supportAgencies).toEqual(['VP_UBND']);
  });

  it('expands “Các sở, ngành có liên quan” and “UBND các huyện, thành phố”', () => {
    const t = task('III.21.1');
    expect(t.leadAgencies).toHaveLength(19);
    expect(t.leadAgencies).toContain('SO_NNPTNT');
    expect(t.leadAgencies).toContain('BHXH');
    expect(t.leadAgencies).not.toContain('CAT');
    // Sở TT&TT is one of the related departments, so it leads (for its own systems) rather than supports.
    expect(task('III.21.3').supportAgencies).toEqual(['CAT']);
    for (const id of ['III.22.1', 'III.22.2', 'III.22.3', 'III.22.4', 'III.22.5', 'III.22.6']) {
      expect(task(id).leadAgencies, id).toEqual(DISTRICTS);
      expect(task(id).responsible, id).toEqual(DISTRICTS);
    }
  });

  it('types every deadline', () => {
    expect(task('III.22.1').deadline).toEqual({ kind: 'by-date', date: '2022-02-09', text: 'Trước ngày 10/02/2022' });
    expect(task('III.2.2').deadline).toMatchObject({ kind: 'recurring', text: 'Thường xuyên' });
    expect(task('III.21.3').deadline).toMatchObject({ kind: 'recurring', text: 'Định kỳ, thường xuyên' });
    expect(task('III.6.1').deadline).toMatchObject({ kind: 'when-guided', text: 'Theo hướng dẫn, chỉ đạo của Bộ Công an và Bộ Tư pháp' });
    expect(task('III.3.2').deadline).toMatchObject({ kind: 'when-guided', text: 'Theo hướng dẫn, yêu cầu của Bộ Công an' });
    expect(task('III.19.1').deadline.kind).toBe('when-guided');
    expect(task('III.21.1').deadline).toMatchObject({ kind: 'by-law' });
    expect(task('III.22.5').deadline).toMatchObject({ kind: 'by-law' });
    expect(task('III.4.2').deadline).toMatchObject({ kind: 'recurring' });
    const kinds = new Set(np.tasks.map((t) => t.deadline.kind));
    expect([...kinds].every((k) => ['by-date', 'recurring', 'when-guided', 'by-law'].includes(k))).toBe(true);
    expect(np.tasks.every((t) => typeof t.deadline.text === 'string' && t.deadline.text.length > 0)).toBe(true);
    // The national milestone of Phụ lục II is noted, not used as the province's deadline.
    expect(task('III.6.1').notes).toContain('V.11');
    expect(task('III.7.1').notes).toContain('tháng 12/2023');
  });

  it('has the 25 essential procedures of Phụ lục I as indicators and the 3 targets of the body', () => {
    expect(np.indicators).toHaveLength(28);
    const pl1 = np.indicators.filter((i) => i.id.startsWith('PL1-'));
    expect(pl1).toHaveLength(25);
    for (const i of pl1) {
      expect(i.unit, i.id).toBe('percent');
      expect(i.numeratorLabel, i.id).toBe('Số hồ sơ nộp trực tuyến');
      expect(i.denominatorLabel, i.id).toBe('Tổng số hồ sơ tiếp nhận');
      expect(i.reportingAgencies.length, i.id).toBe(1);
      expect(i.targets, i.id).toHaveLength(1);
      expect(i.source, i.id).toMatch(/^Phụ lục I, mục \d+\. /);
    }
    // Timeline: items 1–14 from 3/2022, items 15–25 from 5/2022.
    expect(pl1.slice(0, 14).every((i) => i.targets[0]?.from === '2022-03')).toBe(true);
    expect(pl1.slice(14).every((i) => i.targets[0]?.from === '2022-05')).toBe(true);
    expect(indicator('PL1-03').name).toContain('Đăng ký thường trú');
    expect(indicator('PL1-03').targets[0]).toMatchObject({ comparator: '>', value: 0, from: '2022-03' });
    expect(indicator('PL1-03').targets[0]?.text).toContain('mức độ 4');
    expect(indicator('PL1-02').targets[0]?.text).toContain('mức độ 3');
    // Reporting agency per procedure.
    const by = (id: string): string[] => indicator(id).reportingAgencies;
    expect(by('PL1-01')).toEqual(['CAT']);
    expect(by('PL1-08')).toEqual(['CAT']);
    expect(by('PL1-09')).toEqual(['SO_TU_PHAP']);
    expect(by('PL1-15')).toEqual(['SO_TU_PHAP']);
    expect(by('PL1-17')).toEqual(['BHXH']);
    expect(by('PL1-18')).toEqual(['SO_TAI_CHINH']);
    expect(by('PL1-19')).toEqual(['SO_TNMT']);
    expect(by('PL1-20')).toEqual(['SO_GTVT']);
    expect(by('PL1-21')).toEqual(['SO_GDDT']);
    expect(by('PL1-22')).toEqual(['SO_TU_PHAP']);
    expect(by('PL1-23')).toEqual(['SO_LDTBXH']);
    expect(by('PL1-24')).toEqual(['DIEN_LUC']);
    expect(pl1.filter((i) => i.reportingAgencies[0] === 'CAT')).toHaveLength(11);
    // Body targets.
    expect(indicator('II.2-DVC').targets[0]).toMatchObject({ comparator: '>=', value: 100, from: '2022-12' });
    expect(indicator('II.2-TTHC25').unit).toBe('count');
    expect(indicator('II.2-TTHC25').denominatorLabel).toBeUndefined();
    expect(indicator('II.2-TTHC25').targets[0]).toMatchObject({ comparator: '>=', value: 25, from: '2022-05' });
    expect(indicator('III.2.5-CCCD').targets[0]).toMatchObject({ comparator: '>=', value: 100 });
    expect(indicator('III.2.5-CCCD').reportingAgencies).toEqual(['CAT']);
  });

  it('keeps Phụ lục II and part II as reference, not as tasks', () => {
    const pl2 = plan.reference.filter((r) => r.id.startsWith('PL2.'));
    const count = (part: string): number => pl2.filter((r) => r.id.startsWith(`PL2.${part}.`)).length;
    expect([count('I'), count('II'), count('III'), count('IV'), count('V'), count('VI')]).toEqual([11, 13, 4, 2, 19, 3]);
    expect(pl2).toHaveLength(52);
    expect(plan.reference.filter((r) => /^II\.\d$/.test(r.id))).toHaveLength(9);
    const v11 = pl2.find((r) => r.id === 'PL2.V.11');
    expect(v11).toMatchObject({ lead: 'Bộ Công an, Bộ Tư pháp', deadline: 'Tháng 3/2022' });
    expect(pl2.find((r) => r.id === 'PL2.II.7')?.deadline).toContain('cấp huyện từ ngày 01/12/2022');
    expect(np.tasks.some((t) => t.id.startsWith('PL2'))).toBe(false);
  });

  it('records the discrepancies inside the source', () => {
    expect(plan.discrepancies).toHaveLength(4);
    const where = plan.discrepancies.map((d) => d.where);
    expect(where.some((w) => w.includes('Kèm theo'))).toBe(true);
    expect(where.some((w) => w.includes('II.6'))).toBe(true);
    expect(where.some((w) => w.includes('III.16'))).toBe(true);
    expect(where.some((w) => w.includes('II.3'))).toBe(true);
  });

  it('writes all text with diacritics, in NFC', () => {
    const all = strings(plan);
    expect(all.every((s) => s === s.normalize('NFC'))).toBe(true);
    // No OCR spellings left in names and titles.
    const visible = [...plan.agencies.map((a) => a.name), ...plan.tasks.map((t) => t.title), ...plan.indicators.map((i) => i.name)];
    for (const ocr of ['Cong an tinh', 'So Thong tin', 'Co so du lieu', 'Uy ban', 'thu tuc hanh chinh']) {
      expect(visible.some((s) => s.includes(ocr)), ocr).toBe(false);
    }
    expect(task('III.2.5').title).toContain('“đúng, đủ, sạch, sống”');
  });
});
