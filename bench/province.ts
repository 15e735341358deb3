import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { stringify } from 'yaml';
import { PlanSchema, type Deadline, type Plan } from '../core/plan/schema.ts';
import { normalizePlan, type NormalizedPlan } from '../core/plan/normalize.ts';

/**
 * A synthetic province for the benchmark: a plan built in code (the post-2025 two-level shape: 30
 * departments and central agencies, 180 communes, the standing agency) with 72 tasks per workbook,
 * and every agency's filled workbook for 5 months, made by the template writer and the sample
 * filler (buildTemplate + fillWorkbook(validFilling)). Generated once, in parallel, and cached in
 * the OS temp folder under a hash of the plan and of the generator's sources.
 */

export const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];

const DEPARTMENTS = [
  'Sở Nội vụ', 'Sở Tư pháp', 'Sở Tài chính', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', 'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Dân tộc và Tôn giáo', 'Sở Ngoại vụ', 'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh', 'Ban Quản lý các khu công nghiệp', 'Bảo hiểm xã hội tỉnh', 'Thuế tỉnh', 'Kho bạc Nhà nước khu vực', 'Ngân hàng Nhà nước chi nhánh tỉnh',
  'Thống kê tỉnh', 'Tòa án nhân dân tỉnh', 'Viện Kiểm sát nhân dân tỉnh', 'Cục Thi hành án dân sự', 'Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
  'Đài Phát thanh và Truyền hình tỉnh', 'Báo tỉnh', 'Trung tâm Phục vụ hành chính công', 'Điện lực tỉnh', 'Bưu điện tỉnh',
];
const PLACE_A = ['An', 'Bình', 'Đức', 'Hòa', 'Nghĩa', 'Phổ', 'Tịnh', 'Trà', 'Sơn', 'Ba', 'Minh', 'Long'];
const PLACE_B = ['Phú', 'Thạnh', 'Hiệp', 'Lợi', 'Tân', 'Hưng', 'Thuận', 'Mỹ', 'Hải', 'Lâm', 'Trung', 'Bắc', 'Nam', 'Đông', 'Tây'];

const TASK_TITLES = [
  'Triển khai tiếp nhận, giải quyết thủ tục hành chính trên Cổng dịch vụ công sử dụng tài khoản định danh điện tử',
  'Rà soát, làm sạch dữ liệu chuyên ngành, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư',
  'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực',
  'Tuyên truyền, hướng dẫn người dân kích hoạt và sử dụng tài khoản định danh điện tử mức độ 2',
  'Triển khai thanh toán không dùng tiền mặt trong thu phí, lệ phí và dịch vụ công',
  'Bảo đảm an ninh, an toàn hệ thống thông tin phục vụ kết nối, chia sẻ dữ liệu',
  'Kết nối, chia sẻ dữ liệu giữa hệ thống thông tin giải quyết thủ tục hành chính và Cơ sở dữ liệu quốc gia về dân cư',
  'Sử dụng thẻ căn cước, ứng dụng định danh quốc gia thay thế giấy tờ trong giao dịch',
  'Kiện toàn tổ công tác triển khai Đề án 06 và phân công cán bộ đầu mối',
];

function code2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The plan, built in code and checked by the schema like any plan file. */
export function syntheticPlan(): Plan {
  const departments = DEPARTMENTS.map((name, i) => ({ code: `SO_${code2(i + 1)}`, name, kind: i >= 15 && i < 25 ? ('central' as const) : ('department' as const), level: 'province' as const }));
  const communes = PLACE_A.flatMap((a, i) =>
    PLACE_B.map((b, j) => {
      const n = i * PLACE_B.length + j + 1;
      const word = n % 9 === 0 ? 'phường' : n === 180 ? 'đặc khu' : 'xã';
      return { code: `XA_${String(n).padStart(3, '0')}`, name: `UBND ${word} ${a} ${b}`, kind: 'commune' as const, level: 'commune' as const };
    }),
  );
  const deadlines = (i: number): Deadline => {
    switch (i % 6) {
      case 0:
        return { kind: 'recurring', text: 'Thường xuyên' };
      case 1:
        return { kind: 'by-date', date: `2024-0${1 + (i % 9)}-15` };
      case 2:
        return { kind: 'staged', stages: [{ level: 'province', date: '2023-12-31' }, { level: 'commune', date: '2024-06-30' }], text: 'Cấp tỉnh trong năm 2023; cấp xã trước 30/6/2024' };
      case 3:
        return { kind: 'quarter', year: 2024, quarter: 1 + (i % 4) };
      case 4:
        return { kind: 'year', year: 2024 };
      default:
        return { kind: 'month', month: `2024-${code2(1 + (i % 12))}` };
    }
  };
  const tasks = Array.from({ length: 72 }, (_, i) => {
    const section = Math.floor(i / 12) + 1;
    const id = `III.${section}.${(i % 12) + 1}`;
    const communesOnly = i % 6 === 5;
    return {
      id,
      title: `${TASK_TITLES[i % TASK_TITLES.length]} (nội dung ${i + 1})`,
      group: `G${(i % 5) + 1}`,
      lead: communesOnly ? [] : i % 10 === 0 ? ['CAT'] : [departments[i % departments.length]!.code],
      support: communesOnly ? ['CAT'] : ['SO_ALL', 'CAT'],
      executing: ['XA_ALL'],
      deadline: deadlines(i),
    };
  });
  return PlanSchema.parse({
    id: 'bench-tinh-tong-hop',
    title: 'Kế hoạch triển khai Đề án 06 năm 2024 (tỉnh giả lập cho đo hiệu năng)',
    number: '999/KH-UBND',
    date: '2023-06-01',
    issuer: 'UBND tỉnh Giả Lập',
    province: 'tỉnh Giả Lập',
    place: 'Giả Lập',
    standing: { agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC' },
    reporting: { frequency: 'monthly', dueDay: 14, dueInLastMonth: true, cutoffDay: 14 },
    recipients: ['UBND tỉnh', 'Bộ Công an (C06)'],
    groups: [
      { code: 'G1', name: 'Phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến', utility: 1 },
      { code: 'G2', name: 'Phục vụ phát triển kinh tế, xã hội', utility: 2 },
      { code: 'G3', name: 'Phục vụ công dân số', utility: 3 },
      { code: 'G4', name: 'Hoàn thiện hệ sinh thái phục vụ kết nối, khai thác, bổ sung làm giàu dữ liệu dân cư', utility: 4 },
      { code: 'G5', name: 'Phục vụ chỉ đạo, điều hành của lãnh đạo các cấp', utility: 5 },
    ],
    agencies: [{ code: 'CAT', name: 'Công an tỉnh', kind: 'standing' }, ...departments, ...communes],
    agencySets: [
      { code: 'SO_ALL', name: 'Các sở, ban, ngành', members: departments.map((d) => d.code) },
      { code: 'XA_ALL', name: 'UBND các xã, phường, đặc khu', members: communes.map((c) => c.code) },
    ],
    tasks,
    indicators: [
      { id: 'CT1', name: 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa', unit: 'percent', group: 'G1', numeratorLabel: 'Số hồ sơ đã số hóa', denominatorLabel: 'Tổng số hồ sơ', targets: [{ comparator: '>=', value: 80 }], agencies: ['XA_ALL', 'SO_ALL'] },
      { id: 'CT2', name: 'Số tài khoản định danh điện tử được kích hoạt', unit: 'count', group: 'G3', numeratorLabel: 'Số tài khoản kích hoạt trong kỳ', agencies: ['XA_ALL'] },
      { id: 'CT3', name: 'Tỷ lệ giao dịch thanh toán không dùng tiền mặt', unit: 'percent', group: 'G2', numeratorLabel: 'Số giao dịch không dùng tiền mặt', denominatorLabel: 'Tổng số giao dịch', targets: [{ comparator: '>=', value: 50 }], agencies: ['SO_ALL'] },
    ],
  });
}

/** A plan with `taskCount` tasks all given to one department: for the validator's 500-row timing. */
export function oneAgencyPlan(taskCount: number): Plan {
  const base = syntheticPlan();
  return PlanSchema.parse({
    ...base,
    id: 'bench-mot-don-vi',
    tasks: Array.from({ length: taskCount }, (_, i) => ({
      id: `T.${Math.floor(i / 50) + 1}.${(i % 50) + 1}`,
      title: `${TASK_TITLES[i % TASK_TITLES.length]} (nội dung ${i + 1})`,
      group: `G${(i % 5) + 1}`,
      lead: ['SO_01'],
      support: [],
      executing: [],
      deadline: i % 3 === 0 ? { kind: 'recurring' } : { kind: 'by-date', date: i % 3 === 1 ? '2023-12-31' : '2024-12-31' },
    })),
    indicators: [],
  });
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Sources whose change makes different workbooks: part of the cache key. */
const GENERATOR_SOURCES = [
  'bench/province.ts',
  'bench/generateWorker.ts',
  'generator/template/writeTemplate.ts',
  'generator/samples/fillWorkbook.ts',
  'generator/samples/scenario.ts',
  'generator/output/deterministicZip.ts',
  'core/workbook/contract.ts',
];

export interface Province {
  dir: string;
  planFile: string;
  np: NormalizedPlan;
  /** Submissions per month, absolute paths. */
  files: Record<string, string[]>;
  generatedMs: number;
  cached: boolean;
}

/** Writes the plan as a plan file (workers load plans by path) and makes or reuses the submissions. */
export async function province(log: (s: string) => void): Promise<Province> {
  const plan = syntheticPlan();
  const yaml = stringify(plan);
  const hash = createHash('sha256');
  hash.update(yaml).update(MONTHS.join(','));
  for (const f of GENERATOR_SOURCES) hash.update(readFileSync(join(ROOT, f)));
  const dir = join(tmpdir(), `da06-bench-${hash.digest('hex').slice(0, 16)}`);
  const planFile = join(dir, 'plan.yaml');
  const np = normalizePlan(plan);
  const agencies = np.reportingAgencies.map((a) => a.code);
  const files: Record<string, string[]> = Object.fromEntries(MONTHS.map((m) => [m, agencies.map((a) => join(dir, m, `${a}.xlsx`))]));
  const done = join(dir, 'complete.json');
  if (existsSync(done)) return { dir, planFile, np, files, generatedMs: 0, cached: true };

  mkdirSync(dir, { recursive: true });
  writeFileSync(planFile, yaml);
  for (const m of MONTHS) mkdirSync(join(dir, m), { recursive: true });
  const jobs = MONTHS.flatMap((m) => agencies.map((a) => ({ agency: a, period: m, out: join(dir, m, `${a}.xlsx`) }))).filter((j) => !existsSync(j.out));
  log(`Tạo ${jobs.length} tệp nộp giả lập trong ${dir} (một lần, sau đó dùng lại)…`);
  const started = Date.now();
  const workers = 2;
  let made = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = jobs.filter((_, i) => i % workers === w);
      return new Promise<void>((resolve, reject) => {
        // Child processes rather than threads: each loads tsx as the CLI does.
        const child = fork(fileURLToPath(new URL('./generateWorker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.on('message', () => {
          made++;
          if (made % 100 === 0) log(`  ${made}/${jobs.length}`);
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator process exited ${code}`))));
        child.send({ planFile, jobs: share });
      });
    }),
  );
  const count = MONTHS.reduce((n, m) => n + readdirSync(join(dir, m)).length, 0);
  writeFileSync(done, JSON.stringify({ files: count, generatedMs: Date.now() - started }));
  return { dir, planFile, np, files, generatedMs: Date.now() - started, cached: false };
}
