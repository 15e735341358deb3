import { tasksForAgency, indicatorsForAgency, type NormalizedPlan } from '../../core/plan/normalize.ts';
import { dueDate, isOngoing } from '../../core/plan/deadline.ts';
import { indicatorDue } from '../../core/validation/indicatorRules.ts';
import { periodCutoff, periodDueDate, type Period } from '../../core/period/period.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { hashText } from '../../core/text/hash.ts';
import { isoDate, type Filling } from './fillWorkbook.ts';

/** A small seeded generator (mulberry32): samples are the same on every run and machine. */
export function seededRandom(seed: string): () => number {
  let a = parseInt(hashText(seed).slice(-8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESULTS_DONE = [
  'Đã ban hành văn bản triển khai và tổ chức thực hiện đầy đủ các nội dung được giao.',
  'Đã hoàn thành kết nối, chia sẻ dữ liệu; hệ thống vận hành ổn định.',
  'Đã tổ chức quán triệt đến 100% cán bộ, công chức, viên chức của đơn vị.',
  'Đã hoàn thành rà soát và báo cáo kết quả về Công an tỉnh.',
];
const RESULTS_PROGRESS = [
  'Đang phối hợp với Công an tỉnh rà soát dữ liệu, làm sạch thông tin công dân.',
  'Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các đơn vị liên quan.',
  'Đang triển khai thử nghiệm tại bộ phận một cửa; đã tiếp nhận hồ sơ trực tuyến.',
  'Đã tổ chức tuyên truyền trên cổng thông tin điện tử và hệ thống truyền thanh cơ sở.',
];
const DIFFICULTIES = [
  'Hạ tầng công nghệ thông tin chưa đồng bộ, đường truyền còn chậm.',
  'Chưa có hướng dẫn kỹ thuật kết nối từ bộ, ngành trung ương.',
  'Thiếu nhân lực chuyên trách về công nghệ thông tin.',
  'Kinh phí thực hiện chưa được bố trí.',
];
const PROPOSALS = [
  'Đề nghị Sở Thông tin và Truyền thông hỗ trợ kỹ thuật kết nối.',
  'Đề nghị UBND tỉnh bố trí kinh phí thực hiện trong năm.',
  'Đề nghị Công an tỉnh tổ chức tập huấn cho cán bộ đầu mối.',
];
const PREPARERS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Võ Thị Giang', 'Đặng Văn Hùng', 'Bùi Thị Lan'];

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

export interface ScenarioOptions {
  /** "Ngày lập"; on time by default (a few days before the due date). */
  reportDate?: string;
  /** Share of tasks reported done, 0–1. */
  doneShare?: number;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A correct, plausible filling of an agency's workbook for a period. */
export function validFilling(np: NormalizedPlan, agencyCode: string, period: Period, options: ScenarioOptions = {}): Filling {
  const rng = seededRandom(`${np.plan.id}|${agencyCode}|${period.id}`);
  const agency = np.agencies.get(agencyCode)!;
  const cutoff = periodCutoff(period, np.plan.reporting);
  const proposed = options.reportDate ?? addDays(periodDueDate(period, np.plan.reporting), -1 - Math.floor(rng() * 4));
  // A period that starts with the plan cannot be reported before the plan exists.
  const reportDate = proposed < np.plan.date ? np.plan.date : proposed;
  const doneShare = options.doneShare ?? 0.55;
  const filling: Filling = {
    info: { preparer: pick(rng, PREPARERS), date: isoDate(reportDate), phone: `0255 3${String(Math.floor(rng() * 1e6)).padStart(6, '0')}` },
    tasks: {},
    indicators: {},
  };
  for (const { task } of tasksForAgency(np, agencyCode)) {
    const due = dueDate(task.deadline, agency.level);
    const r = rng();
    const canBeDone = !due || due <= reportDate || r < doneShare;
    // Recurring, or staged and started ("từ ngày …"): a result every period, never done.
    const recurring = isOngoing(task.deadline, agency.level, cutoff);
    if (!recurring && canBeDone && r < doneShare + (due && due < cutoff ? 0.25 : 0)) {
      const latest = due && due < reportDate ? due : reportDate;
      const completedOn = latest < np.plan.date ? np.plan.date : addDays(latest, -Math.floor(rng() * 10));
      filling.tasks![task.id] = { status: STATUS.done, progress: 100, completedOn: isoDate(completedOn < np.plan.date ? np.plan.date : completedOn), result: pick(rng, RESULTS_DONE) };
    } else if (!recurring && r > 0.93) {
      filling.tasks![task.id] = { status: STATUS.notStarted, progress: 0, ...(due && due < cutoff ? { difficulties: pick(rng, DIFFICULTIES) } : {}) };
    } else {
      const overdue = !!due && due < cutoff;
      filling.tasks![task.id] = {
        status: STATUS.inProgress,
        progress: 10 * (1 + Math.floor(rng() * 9)),
        result: pick(rng, RESULTS_PROGRESS),
        ...(overdue || rng() < 0.2 ? { difficulties: pick(rng, DIFFICULTIES) } : {}),
        ...(rng() < 0.25 ? { proposals: pick(rng, PROPOSALS) } : {}),
      };
    }
  }
  for (const ind of indicatorsForAgency(np, agencyCode)) {
    if (!indicatorDue(ind, period)) continue;
    const denominator = 200 + Math.floor(rng() * 5000);
    const share = 0.5 + rng() * 0.5;
    filling.indicators![ind.id] = ind.unit === 'percent'
      ? { numerator: Math.round(denominator * share), denominator }
      : { numerator: Math.floor(rng() * 2000) };
  }
  return filling;
}
