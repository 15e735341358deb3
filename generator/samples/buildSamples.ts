import type { NormalizedPlan } from '../../core/plan/normalize.ts';
import { tasksForAgency } from '../../core/plan/normalize.ts';
import { periodDueDate, periodLabel, previousPeriod, type Period } from '../../core/period/period.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { readWorkbook } from '../../xlsx/bytesToModel.ts';
import { buildTemplate } from '../template/writeTemplate.ts';
import { fillWorkbook, isoDate, type Filling } from './fillWorkbook.ts';
import { seededRandom, validFilling } from './scenario.ts';

/** One file of the sample kit: a path under samples/ and its bytes. */
export interface SampleFile {
  path: string;
  data: Uint8Array | string;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const folderFor = (np: NormalizedPlan, code: string): string => {
  const kind = np.agencies.get(code)!.kind;
  // A two-tier province's communes report to the province directly: their own folder.
  return kind === 'district' ? 'cap-huyen-xa/' : kind === 'commune' ? 'cap-xa/' : '';
};

/**
 * A demo period of submissions: most agencies on time, some late, a few missing, one rejected
 * (planted mistakes), one agency that sent twice (the older file superseded), one stray file.
 */
export async function demoSubmissions(np: NormalizedPlan, period: Period, dir: string): Promise<SampleFile[]> {
  const rng = seededRandom(`${np.plan.id}|demo|${period.id}`);
  const due = periodDueDate(period, np.plan.reporting);
  const agencies = np.reportingAgencies.filter((a) => a.code !== np.plan.standing.agency);
  const files: SampleFile[] = [];
  const rejectedAgency = agencies.find((a) => a.kind === 'department' && tasksForAgency(np, a.code).length >= 3)?.code;
  const twiceAgency = agencies.find((a) => a.kind === 'district')?.code ?? agencies[1]?.code;
  for (const a of [...np.reportingAgencies]) {
    const r = rng();
    if (a.code !== rejectedAgency && a.code !== twiceAgency && a.code !== np.plan.standing.agency && r < 0.1) continue; // missing
    const late = a.code !== np.plan.standing.agency && r >= 0.1 && r < 0.22;
    const reportDate = late ? addDays(due, 1 + Math.floor(rng() * 5)) : addDays(due, -1 - Math.floor(rng() * 4));
    const template = await buildTemplate(np, a.code, period);
    const filling = validFilling(np, a.code, period, { reportDate });
    const name = `${dir}/${folderFor(np, a.code)}${a.code}.xlsx`;
    if (a.code === rejectedAgency) {
      const ids = tasksForAgency(np, a.code).map((t) => t.task.id);
      filling.tasks![ids[0]!] = { status: null, progress: null, result: null };
      filling.tasks![ids[1]!] = { status: STATUS.done, progress: 80, completedOn: null, result: 'Đã triển khai.' };
      filling.info!.preparer = null;
    }
    if (a.code === twiceAgency) {
      const older = validFilling(np, a.code, period, { reportDate: addDays(reportDate, -3), doneShare: 0.2 });
      files.push({ path: `${dir}/${folderFor(np, a.code)}${a.code} (bản gửi lần 1).xlsx`, data: await fillWorkbook(template, older) });
    }
    files.push({ path: name, data: await fillWorkbook(template, filling) });
  }
  files.push({ path: `${dir}/ghi-chu-van-thu.txt`, data: `Thư mục báo cáo ${periodLabel(period).toLowerCase()} do văn thư lưu. Tệp này không phải báo cáo và sẽ được bỏ qua.\n` });
  return files;
}

interface Exercise {
  name: string;
  description: string;
  plant: (f: Filling, taskIds: string[]) => void;
  fonts?: Record<string, string>;
}

const EXERCISES: Exercise[] = [
  {
    name: 'bai-tap-1-thieu-thong-tin',
    description: 'Thiếu người lập, ngày lập và trạng thái một nhiệm vụ.',
    plant: (f, ids) => {
      f.info!.preparer = null;
      f.info!.date = null;
      f.tasks![ids[0]!] = { status: null, progress: null, result: null, completedOn: null };
    },
  },
  {
    name: 'bai-tap-2-trang-thai-tien-do',
    description: 'Trạng thái, tiến độ và ngày hoàn thành mâu thuẫn nhau.',
    plant: (f, ids) => {
      f.tasks![ids[0]!] = { status: STATUS.done, progress: 90, completedOn: null, result: 'Đã xong.' };
      f.tasks![ids[1]!] = { status: STATUS.notStarted, progress: 40, result: null };
      f.tasks![ids[2]!] = { status: 'Xong rồi', progress: 100, result: 'Đã xong.' };
    },
  },
  {
    name: 'bai-tap-3-ngay-thang',
    description: 'Ngày hoàn thành sau ngày lập, trước ngày ban hành kế hoạch, và không phải ngày.',
    plant: (f, ids) => {
      f.tasks![ids[0]!] = { status: STATUS.done, progress: 100, completedOn: isoDate('2030-01-01'), result: 'Đã xong.' };
      f.tasks![ids[1]!] = { status: STATUS.done, progress: 100, completedOn: isoDate('2019-05-01'), result: 'Đã xong.' };
      f.tasks![ids[2]!] = { status: STATUS.done, progress: 100, completedOn: '31/02/2023', result: 'Đã xong.' };
    },
  },
  {
    name: 'bai-tap-4-thieu-ket-qua',
    description: 'Nhiệm vụ đang thực hiện không nêu kết quả; tiến độ ghi sai.',
    plant: (f, ids) => {
      f.tasks![ids[0]!] = { status: STATUS.inProgress, progress: 50, result: null };
      f.tasks![ids[1]!] = { status: STATUS.inProgress, progress: '150%', result: 'Đang làm.' };
      f.tasks![ids[2]!] = { status: STATUS.inProgress, progress: 'khoảng một nửa', result: 'Đang làm.' };
    },
  },
  {
    name: 'bai-tap-5-bang-ma-cu',
    description: 'Kết quả gõ bằng bảng mã TCVN3 (phông .VnTime) và VNI (phông VNI-Times).',
    plant: (f, ids) => {
      f.tasks![ids[0]!] = { status: STATUS.inProgress, progress: 50, result: '§· tæ chøc qu¸n triÖt ®Õn c¸n bé, c«ng chøc' };
      f.tasks![ids[1]!] = { status: STATUS.inProgress, progress: 50, result: 'Ñaõ toå chöùc tuyeân truyeàn' };
    },
  },
];

export async function exercises(np: NormalizedPlan, period: Period, dir: string): Promise<SampleFile[]> {
  const agency = np.reportingAgencies.find((a) => a.kind === 'department' && tasksForAgency(np, a.code).length >= 3) ?? np.reportingAgencies[0]!;
  const ids = tasksForAgency(np, agency.code).map((t) => t.task.id);
  const template = await buildTemplate(np, agency.code, period);
  const files: SampleFile[] = [];
  const key: string[] = [
    `# Đáp án bài tập — ${np.plan.title}`,
    '',
    `Đơn vị trong bài tập: ${agency.name}; kỳ báo cáo: ${periodLabel(period)}. Đáp án do chính bộ kiểm tra tạo ra, dùng danh mục mã lỗi của sản phẩm.`,
    '',
  ];
  for (const ex of EXERCISES) {
    const filling = validFilling(np, agency.code, period);
    ex.plant(filling, ids);
    // TCVN3 and VNI text only shows its meaning in its own font, as on the clerk's machine.
    if (ex.name.includes('bang-ma')) {
      filling.fonts = {};
      const rowOf = (id: string) => 4 + ids.indexOf(id);
      filling.fonts[`Nhiệm vụ!I${rowOf(ids[0]!)}`] = '.VnTime';
      filling.fonts[`Nhiệm vụ!I${rowOf(ids[1]!)}`] = 'VNI-Times';
    }
    const data = await fillWorkbook(template, filling);
    files.push({ path: `${dir}/${ex.name}.xlsx`, data });
    const dueDay = addDays(periodDueDate(period, np.plan.reporting), 1);
    const result = validateWorkbook(np, await readWorkbook(data), { today: dueDay });
    key.push(`## ${ex.name}.xlsx`, '', ex.description, '', '| Trang | Ô | Mã lỗi | Lỗi | Cách sửa |', '|---|---|---|---|---|');
    for (const i of result.issues) {
      const entry = CATALOGUE[i.code];
      key.push(`| ${i.sheet} | ${i.cell} | \`${i.code}\` | ${entry.title} | ${entry.fix} |`);
    }
    key.push('');
  }
  files.push({ path: `${dir}/DAP-AN.md`, data: `${key.join('\n')}\n` });
  return files;
}

export interface PlanSampleSpec {
  planId: string;
  /** The demo period; the period before it is generated too, for "change since last period". */
  period: string;
  withPrevious?: boolean;
}

/** Everything under samples/<plan>/ for one plan. */
export async function planSamples(np: NormalizedPlan, period: Period, withPrevious: boolean): Promise<SampleFile[]> {
  const base = np.plan.id;
  const files: SampleFile[] = [];
  for (const a of np.reportingAgencies) files.push({ path: `${base}/bieu-mau-trong/${a.code}.xlsx`, data: await buildTemplate(np, a.code, period) });
  for (const a of np.reportingAgencies.filter((x) => ['standing', 'department', 'district'].includes(x.kind)).slice(0, 3)) {
    const template = await buildTemplate(np, a.code, period);
    files.push({ path: `${base}/filled/${a.code}.xlsx`, data: await fillWorkbook(template, validFilling(np, a.code, period)) });
  }
  files.push(...(await demoSubmissions(np, period, `${base}/submissions/${period.id}`)));
  if (withPrevious) {
    const prev = previousPeriod(period);
    files.push(...(await demoSubmissions(np, prev, `${base}/submissions/${prev.id}`)));
  }
  files.push(...(await exercises(np, period, `${base}/bai-tap`)));
  return files;
}
