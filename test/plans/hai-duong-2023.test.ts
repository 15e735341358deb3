import { describe, it, expect } from 'vitest';
import { loadPlan } from '../../generator/plan/loadPlan.ts';
import type { ResolvedTask } from '../../core/plan/normalize.ts';

/**
 * The Hải Dương 2023 plan file (Kế hoạch số 4337/KH-UBND ngày 14/11/2023: 18 mô hình điểm của
 * Đề án 06) checked against its source: body section II (5 groups, 18 models), section IV and the
 * appendix table, whose disagreements with the body must be recorded.
 */
const np = loadPlan('hai-duong-2023');

function task(id: string): ResolvedTask {
  const t = np.taskById.get(id);
  if (!t) throw new Error(`không có nhiệm vụ ${id}`);
  return t;
}

const DISTRICTS = [
  'TP_HAI_DUONG',
  'TP_CHI_LINH',
  'TX_KINH_MON',
  'H_BINH_GIANG',
  'H_CAM_GIANG',
  'H_GIA_LOC',
  'H_KIM_THANH',
  'H_NAM_SACH',
  'H_NINH_GIANG',
  'H_THANH_HA',
  'H_THANH_MIEN',
  'H_TU_KY',
];

const models = np.tasks.filter((t) => t.kind === 'model');

describe('plans/hai-duong-2023.yaml', () => {
  it('has the plan metadata and the monthly reporting of section IV.2', () => {
    const { plan } = np;
    expect(plan.id).toBe('hai-duong-2023');
    expect(plan.number).toBe('4337/KH-UBND');
    expect(plan.date).toBe('2023-11-14');
    expect(plan.issuer).toBe('UBND tỉnh Hải Dương');
    expect(plan.place).toBe('Hải Dương');
    expect(plan.standing).toMatchObject({ agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' });
    expect(np.agencies.get('CAT')).toMatchObject({ name: 'Công an tỉnh Hải Dương', kind: 'standing' });
    // "trước ngày 15 hằng tháng": the 14th of the reporting month; cut-off the 14th (plan silent).
    expect(plan.reporting).toMatchObject({ frequency: 'monthly', alsoPeriods: [], dueDay: 14, dueInLastMonth: true, cutoffDay: 14 });
    expect(plan.reporting.text).toContain('trước ngày 15 hằng tháng');
    expect(plan.recipients.some((r) => r.includes('Bộ Công an'))).toBe(true);
    expect(plan.recipients.some((r) => r.startsWith('Lưu'))).toBe(false);
  });

  it('has the 18 models in document order, in their 5 groups, plus the 4 tasks of section IV', () => {
    expect(models.map((t) => t.id)).toEqual(Array.from({ length: 18 }, (_, i) => `MH.${i + 1}`));
    const perGroup: Record<string, number> = {};
    for (const t of np.tasks) perGroup[t.group] = (perGroup[t.group] ?? 0) + 1;
    // Body counts: 02, 02, 08, 02, 04 models; section IV has 4 items.
    expect(perGroup).toEqual({ G1: 2, G2: 2, G3: 8, G4: 2, G5: 4, TRIEN_KHAI: 4 });
    expect(np.tasks).toHaveLength(22);
    expect(np.tasks.filter((t) => t.kind !== 'model').map((t) => t.id)).toEqual(['IV.1', 'IV.2', 'IV.3', 'IV.4']);
    expect(np.tasks.filter((t) => t.heading === 'II.3').map((t) => t.id)).toEqual(['MH.5', 'MH.6', 'MH.7', 'MH.8', 'MH.9', 'MH.10', 'MH.11', 'MH.12']);
    expect(np.tasks.filter((t) => t.heading === 'II.5').map((t) => t.id)).toEqual(['MH.15', 'MH.16', 'MH.17', 'MH.18']);
    const utilities = np.plan.groups.filter((g) => g.utility).map((g) => [g.code, g.utility]);
    expect(utilities).toEqual([['G1', 1], ['G2', 2], ['G3', 3], ['G4', 4], ['G5', 5]]);
  });

  it('gives every model its objective, forces and platform', () => {
    for (const m of models) {
      expect(m.objective, m.id).toBeTruthy();
      expect(m.forces, m.id).toBeTruthy();
      expect(m.platform, m.id).toBeTruthy();
      expect(m.notes, m.id).toMatch(/^Mục II\.\d\.\d/);
    }
    expect(task('MH.1').title).toBe('Triển khai 53 dịch vụ công thiết yếu');
    expect(task('MH.10').title).toBe('Triển khai tuyên truyền chính sách, hỗ trợ pháp lý qua ứng dụng VNeID, Call Center');
    expect(task('MH.18').title).toBe('Phân tích tình hình trật tự, an toàn xã hội trên địa bàn');
    expect(task('MH.4').platform).toBe('VNeID, CCCD gắn chíp điện tử');
    expect(task('MH.15').platform).toBe('Trung tâm tích hợp dữ liệu tỉnh Hải Dương');
    expect(task('MH.5').objective).toContain('100% người dân đảm bảo điều kiện');
  });

  it('has the 12 district-level units of 2023', () => {
    const districts = np.plan.agencies.filter((a) => a.kind === 'district');
    expect(districts.map((a) => a.code)).toEqual(DISTRICTS);
    expect(districts.every((a) => a.level === 'district' && a.reports)).toBe(true);
    expect(np.agencies.get('TX_KINH_MON')?.name).toBe('UBND thị xã Kinh Môn');
    expect(np.agencies.get('H_CAM_GIANG')?.name).toBe('UBND huyện Cẩm Giàng');
  });

  it('assigns leads, supports and executing agencies as the body does (appendix added to support)', () => {
    // Model 1: body Sở TT&TT leads (appendix: CAT); every agency mobilises staff (b).
    expect(task('MH.1').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('MH.1').executingAgencies).toEqual(expect.arrayContaining(['CAT', 'BHXH', ...DISTRICTS]));
    expect(task('MH.2').leadAgencies).toEqual(['CAT']);
    expect(task('MH.2').supportAgencies).toEqual(['CUC_C06', 'SO_TTTT']);
    expect(task('MH.3').leadAgencies).toEqual(['NHNN']);
    expect(task('MH.3').executingAgencies).toEqual(expect.arrayContaining(['CAT', 'SO_LDTBXH', 'NHCSXH', 'NHTM', ...DISTRICTS]));
    // Model 4: body Sở NN&PTNT leads (appendix: Sở VH,TT&DL).
    expect(task('MH.4').leadAgencies).toEqual(['SO_NNPTNT']);
    expect(task('MH.4').supportAgencies).toEqual(expect.arrayContaining(['SO_CONG_THUONG', 'CAT']));
    expect(task('MH.4').executingAgencies).toContain('SO_VHTTDL');
    expect(task('MH.5').leadAgencies).toEqual(['CAT', 'NHNN']);
    expect(task('MH.5').supportAgencies).toEqual(['SO_TTTT', 'DOANH_NGHIEP']);
    expect(task('MH.6').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('MH.7').supportAgencies).toEqual(['CAT', 'SO_NOI_VU', 'CUC_C06']);
    expect(task('MH.8').leadAgencies).toEqual(['CAT']);
    expect(task('MH.8').supportAgencies).toEqual(expect.arrayContaining(['SO_TTTT', 'SO_Y_TE']));
    expect(task('MH.8').executingAgencies).toEqual(expect.arrayContaining(DISTRICTS));
    expect(task('MH.10').leadAgencies).toEqual(['SO_TU_PHAP']);
    expect(task('MH.11').leadAgencies).toEqual(['SO_TU_PHAP']);
    expect(task('MH.11').executingAgencies).toEqual(['CUC_C06', 'BO_TU_PHAP', 'SO_TTTT']);
    expect(task('MH.12').leadAgencies).toEqual(['SO_Y_TE']);
    expect(task('MH.12').supportAgencies).toEqual(['SO_TTTT']);
    expect(task('MH.12').executingAgencies).toContain('SO_LDTBXH');
    expect(task('MH.13').leadAgencies).toEqual(expect.arrayContaining(['SO_TU_PHAP', 'CUC_THONG_KE', ...DISTRICTS]));
    expect(task('MH.13').executingAgencies).toEqual(['CUC_C06', 'CAT']);
    expect(task('MH.14').leadAgencies).toEqual(['SO_LDTBXH']);
    expect(task('MH.14').supportAgencies).toEqual(expect.arrayContaining(['CAT', 'NHNN']));
    expect(task('MH.15').leadAgencies).toEqual(['SO_TTTT']);
    expect(task('MH.16').leadAgencies).toEqual(['CUC_THONG_KE']);
    expect(task('MH.16').supportAgencies).toEqual(['BHXH']);
    expect(task('MH.17').leadAgencies).toEqual(['SO_VHTTDL', 'SO_TTTT']);
    expect(task('MH.17').supportAgencies).toEqual(['CAT']);
    expect(task('MH.18').leadAgencies).toEqual(['CAT']);
    expect(task('MH.18').executingAgencies).toContain('SO_TTTT');
    expect(task('IV.3').leadAgencies).toEqual(['CAT']);
    expect(task('IV.4').responsible).toEqual(['CAT']);
  });

  it('does not ask non-reporting bodies for a workbook, and every task has someone answerable', () => {
    const reporting = new Set(np.reportingAgencies.map((a) => a.code));
    for (const c of ['CUC_C06', 'BO_CONG_AN', 'BO_TU_PHAP', 'BO_Y_TE', 'BO_LDTBXH', 'DOANH_NGHIEP', 'NHTM', 'TCTD', 'NHCSXH', 'TT_TICH_HOP_DL']) {
      expect(reporting.has(c), c).toBe(false);
    }
    expect(reporting.size).toBe(29);
    for (const t of np.tasks) expect(t.responsible.length, t.id).toBeGreaterThan(0);
  });

  it('types every deadline with the body’s own words', () => {
    expect(task('MH.1').deadline).toEqual({ kind: 'recurring', text: 'Theo lộ trình Đề án 06/CP' });
    expect(task('MH.2').deadline).toEqual({ kind: 'when-guided', text: 'Khi có hướng dẫn của Bộ Công an' });
    expect(task('MH.3').deadline).toEqual({ kind: 'by-date', date: '2024-03-30', text: 'Thời gian hoàn thành: 30/3/2024' });
    expect(task('MH.4').deadline).toMatchObject({ kind: 'by-date', date: '2024-03-30' });
    expect(task('MH.5').deadline).toEqual({ kind: 'recurring', text: 'Thường xuyên' });
    expect(task('MH.6').deadline).toMatchObject({ kind: 'by-date', date: '2024-06-30' });
    expect(task('MH.9').deadline).toEqual({ kind: 'by-date', date: '2023-12-30', text: 'Thời gian triển khai: Ngày 30/12/2023' });
    expect(task('MH.10').deadline).toMatchObject({ kind: 'by-date', date: '2024-12-30' });
    expect(task('MH.12').deadline).toEqual({ kind: 'when-guided', text: 'Khi có hướng dẫn của cơ quan cấp Bộ' });
    expect(task('MH.14').deadline).toMatchObject({ kind: 'by-date', date: '2023-12-30' });
    expect(task('MH.16').deadline).toMatchObject({ kind: 'year', year: 2024 });
    expect(task('MH.17').deadline).toMatchObject({ kind: 'by-date', date: '2024-12-30' });
    expect(task('MH.18').deadline).toMatchObject({ kind: 'year', year: 2024 });
    expect(task('IV.2').deadline).toEqual({ kind: 'recurring', text: 'Trước ngày 15 hằng tháng' });
    for (const t of np.tasks) expect(t.deadline.text, t.id).toBeTruthy();
  });

  it('turns the numeric targets of models 5 and 14 into indicators linked from the models', () => {
    expect(np.indicators.map((i) => i.id)).toEqual(['MH5.TK_DDDT', 'MH5.TK_THANH_TOAN', 'MH5.CHU_KY_SO', 'MH14.ASXH_XAC_THUC']);
    const ind = (id: string) => np.indicatorById.get(id)!;
    expect(ind('MH5.TK_DDDT')).toMatchObject({ unit: 'percent', group: 'G3', reportingAgencies: ['CAT'] });
    expect(ind('MH5.TK_DDDT').targets).toEqual([expect.objectContaining({ comparator: '>=', value: 80, from: '2023-12' })]);
    expect(ind('MH5.TK_DDDT').targets[0]!.to).toBeUndefined();
    expect(ind('MH5.TK_THANH_TOAN')).toMatchObject({ reportingAgencies: ['NHNN'] });
    expect(ind('MH5.TK_THANH_TOAN').targets).toEqual([expect.objectContaining({ comparator: '>=', value: 100, from: '2023-12' })]);
    expect(ind('MH5.CHU_KY_SO')).toMatchObject({ reportingAgencies: ['SO_TTTT'] });
    expect(ind('MH5.CHU_KY_SO').targets).toEqual([expect.objectContaining({ comparator: '>=', value: 100, from: '2023-12' })]);
    expect(ind('MH14.ASXH_XAC_THUC')).toMatchObject({ unit: 'percent', group: 'G4', reportingAgencies: ['SO_LDTBXH'] });
    expect(ind('MH14.ASXH_XAC_THUC').targets).toEqual([expect.objectContaining({ comparator: '>=', value: 100, from: '2024-01' })]);
    for (const i of np.indicators) {
      expect(i.numeratorLabel, i.id).toBeTruthy();
      expect(i.denominatorLabel, i.id).toBeTruthy();
      const model = task(`MH.${i.id.match(/^MH(\d+)\./)![1]}`);
      expect(model.notes, i.id).toContain(i.id);
    }
  });

  it('records every disagreement between the body and the appendix', () => {
    const d = np.plan.discrepancies;
    const find = (where: string) => {
      const hit = d.find((x) => x.where.startsWith(where));
      if (!hit) throw new Error(`thiếu discrepancy "${where}"`);
      return hit;
    };
    expect(d).toHaveLength(31);
    expect(find('Nhóm 2')).toMatchObject({ used: '02 mô hình' });
    expect(find('Nhóm 2').appendix).toContain('08 mô hình');
    expect(find('Nhóm 3').appendix).toContain('09 mô hình');
    expect(find('Nhóm 3').used).toBe('08 mô hình');
    expect(find('Tổng số mô hình').appendix).toContain('25');
    expect(find('Mô hình 18: số thứ tự').appendix).toContain('Mô hình 25');
    expect(find('Mô hình 4: thời gian')).toMatchObject({ body: '30/3/2024', appendix: '30/3/2023', used: '30/3/2024' });
    expect(find('Mô hình 9: thời gian')).toMatchObject({ body: 'Ngày 30/12/2023', appendix: '30/10/2023', used: '30/12/2023' });
    expect(find('Mô hình 1: cơ quan chủ trì').appendix).toContain('CAT');
    expect(find('Mô hình 4: cơ quan chủ trì').appendix).toContain('Sở VH, TTDL');
    expect(find('Mô hình 10: tên').appendix).toContain('tuyên chuyển');
    expect(find('Mô hình 13: tên').appendix).toContain('hộ tịch');
    expect(find('Mô hình 16: cơ quan phối hợp').body).toContain('Bảo hiểm xã hội');
    expect(find('Mô hình 17: cơ quan phối hợp').body).toContain('Công an tỉnh');
    expect(find('Đánh số các mục').body).toContain('không có mục III');
    for (const x of d) expect(x.used, x.where).toBeTruthy();

    // Every model a discrepancy names exists; the values used are the ones in the file.
    for (const x of d) {
      const m = /^Mô hình (\d+)/.exec(x.where);
      if (m) expect(np.taskById.has(`MH.${m[1]}`), x.where).toBe(true);
    }
    const groups = np.plan.headings.filter((h) => h.id.startsWith('II.'));
    expect(groups.find((h) => h.id === 'II.2')?.title).toContain('02 mô hình');
    expect(groups.find((h) => h.id === 'II.3')?.title).toContain('08 mô hình');
    expect(task('MH.18').notes).toContain('Mô hình 25');
  });

  it('writes every text in Unicode NFC', () => {
    const { plan } = np;
    const texts: (string | undefined)[] = [
      plan.title,
      plan.issuer,
      plan.province,
      plan.place,
      plan.reporting.text ?? '',
      plan.notes ?? '',
      ...plan.recipients,
      ...plan.groups.map((g) => g.name),
      ...plan.agencies.flatMap((a) => [a.name, a.short ?? '', a.note ?? '']),
      ...plan.agencySets.flatMap((s) => [s.name, s.note ?? '']),
      ...plan.headings.map((h) => h.title),
      ...np.tasks.flatMap((t) => [t.id, t.title, t.deadline.text ?? '', t.notes ?? '', t.objective ?? '', t.forces ?? '', t.platform ?? '']),
      ...np.indicators.flatMap((i) => [i.name, i.numeratorLabel, i.denominatorLabel ?? '', i.source ?? '', ...i.targets.map((t) => t.text ?? '')]),
      ...plan.discrepancies.flatMap((x) => [x.where, x.body, x.appendix, x.used, x.why]),
    ];
    for (const s of texts) if (s) expect(s, s).toBe(s.normalize('NFC'));
    expect(texts.filter(Boolean).length).toBeGreaterThan(300);
  });
});
