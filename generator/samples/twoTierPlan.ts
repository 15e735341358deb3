import { PlanSchema, type Agency, type Plan } from '../../core/plan/schema.ts';
import { parseDeadlineText } from '../../core/plan/deadlineText.ts';

/**
 * An illustrative two-tier province for the demonstration and the trainer's guide: the departments
 * after the 2025 mergers and 100 communes (xã, phường, đặc khu) reporting to the province directly,
 * no districts. Every name says it is an example ("Xã Minh họa 01"); it is no real province's list.
 * The plan is written as the officer would write it: deadlines in the document's own words.
 */

export const TWO_TIER_PLAN_ID = 'tinh-minh-hoa-2026';
/** The demo period of its submissions. */
export const TWO_TIER_PERIOD = '2026-09';
export const TWO_TIER_COUNTS = { xa: 78, phuong: 20, 'dac-khu': 2 } as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

const department = (code: string, name: string, short: string, replaces?: string[]): Agency => ({
  code,
  name,
  short,
  kind: 'department',
  reports: true,
  level: 'province',
  ...(replaces ? { replaces } : {}),
});
const central = (code: string, name: string, short: string): Agency => ({ code, name, short, kind: 'central', reports: true, level: 'province' });

const DEPARTMENTS: Agency[] = [
  department('VP_UBND', 'Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND tỉnh'),
  department('SO_NOI_VU', 'Sở Nội vụ', 'Sở Nội vụ', ['SO_LD_TB_XH']),
  department('SO_TU_PHAP', 'Sở Tư pháp', 'Sở Tư pháp'),
  department('SO_TAI_CHINH', 'Sở Tài chính', 'Sở Tài chính', ['SO_KH_DT']),
  department('SO_CONG_THUONG', 'Sở Công Thương', 'Sở Công Thương'),
  department('SO_NN_MT', 'Sở Nông nghiệp và Môi trường', 'Sở NN&MT', ['SO_TN_MT', 'SO_NN_PTNT']),
  department('SO_XAY_DUNG', 'Sở Xây dựng', 'Sở Xây dựng', ['SO_GTVT']),
  department('SO_KH_CN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN', ['SO_TTTT']),
  department('SO_VH_TT_DL', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTTDL'),
  department('SO_GD_DT', 'Sở Giáo dục và Đào tạo', 'Sở GD&ĐT'),
  department('SO_Y_TE', 'Sở Y tế', 'Sở Y tế'),
  department('SO_DT_TG', 'Sở Dân tộc và Tôn giáo', 'Sở DT&TG'),
  department('SO_NGOAI_VU', 'Sở Ngoại vụ', 'Sở Ngoại vụ'),
  department('THANH_TRA', 'Thanh tra tỉnh', 'Thanh tra tỉnh'),
  department('BQL_KKT', 'Ban Quản lý Khu kinh tế tỉnh', 'BQL KKT'),
  central('BHXH', 'Bảo hiểm xã hội tỉnh', 'BHXH tỉnh'),
  central('THUE_TINH', 'Thuế tỉnh', 'Thuế tỉnh'),
  central('KBNN', 'Kho bạc Nhà nước khu vực', 'KBNN khu vực'),
  central('NHNN', 'Ngân hàng Nhà nước chi nhánh khu vực', 'NHNN khu vực'),
  central('TAND', 'Tòa án nhân dân tỉnh', 'TAND tỉnh'),
  central('VKSND', 'Viện kiểm sát nhân dân tỉnh', 'VKSND tỉnh'),
  central('THADS', 'Thi hành án dân sự tỉnh', 'THADS tỉnh'),
  central('BCH_QUAN_SU', 'Bộ Chỉ huy Quân sự tỉnh', 'BCH Quân sự'),
  { code: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', short: 'UBMTTQ tỉnh', kind: 'mass-org', reports: true, level: 'province' },
];

function communes(): Agency[] {
  const out: Agency[] = [];
  const make = (kind: keyof typeof TWO_TIER_COUNTS, prefix: string, word: string) => {
    for (let i = 1; i <= TWO_TIER_COUNTS[kind]; i++) {
      out.push({ code: `${prefix}_${pad2(i)}`, name: `${word} Minh họa ${pad2(i)}`, kind: 'commune', commune: kind, reports: true, level: 'commune' });
    }
  };
  make('xa', 'XA_MH', 'Xã');
  make('phuong', 'PHUONG_MH', 'Phường');
  make('dac-khu', 'DAC_KHU_MH', 'Đặc khu');
  return out;
}

interface TaskRow {
  id: string;
  heading?: string;
  group: string;
  title: string;
  lead?: string[];
  support?: string[];
  executing?: string[];
  /** The plan's own words. */
  deadline: string;
  /** How the words are read, when they are not one of the parser's forms. */
  meaning?: string;
}

const TASKS: TaskRow[] = [
  { id: 'II.1', heading: 'II', group: 'TRIEN_KHAI', title: 'Rà soát, ban hành kế hoạch triển khai Đề án 06 của từng sở, ngành và từng xã, phường, đặc khu sau sắp xếp đơn vị hành chính', executing: ['SO_BAN_NGANH', 'UBND_CAP_XA'], deadline: 'Trước 20/3/2026' },
  { id: 'II.2', heading: 'II', group: 'TRIEN_KHAI', title: 'Kiện toàn Tổ công tác triển khai Đề án 06 cấp xã; phân công cán bộ đầu mối báo cáo', executing: ['UBND_CAP_XA'], support: ['SO_NOI_VU'], deadline: 'Trong tháng 3/2026' },
  { id: 'III.1.a', heading: 'III.1', group: 'G1', title: 'Tiếp nhận, giải quyết thủ tục hành chính trên môi trường điện tử tại bộ phận một cửa, sử dụng dữ liệu dân cư thay cho giấy tờ', lead: ['VP_UBND'], executing: ['SO_BAN_NGANH', 'UBND_CAP_XA'], deadline: 'Cấp tỉnh từ ngày 01/4/2026; cấp xã từ ngày 01/7/2026' },
  { id: 'III.1.b', heading: 'III.1', group: 'G1', title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực', executing: ['UBND_CAP_XA'], support: ['VP_UBND'], deadline: 'Thường xuyên' },
  { id: 'III.1.c', heading: 'III.1', group: 'G1', title: 'Kết nối cơ sở dữ liệu đất đai của tỉnh với Cơ sở dữ liệu quốc gia về dân cư', lead: ['SO_NN_MT'], support: ['CAT', 'SO_KH_CN'], deadline: 'Trong quý II/2026' },
  { id: 'III.1.d', heading: 'III.1', group: 'G1', title: 'Đăng ký khai sinh, khai tử trực tuyến liên thông; làm sạch dữ liệu hộ tịch', lead: ['SO_TU_PHAP'], executing: ['UBND_CAP_XA'], support: ['CAT'], deadline: 'Trước ngày 01/9/2026' },
  { id: 'III.2.a', heading: 'III.2', group: 'G2', title: 'Chi trả trợ cấp, an sinh xã hội không dùng tiền mặt qua tài khoản của người dân', lead: ['SO_NOI_VU'], support: ['NHNN', 'BHXH'], executing: ['UBND_CAP_XA'], deadline: '6 tháng đầu năm 2026' },
  { id: 'III.2.b', heading: 'III.2', group: 'G2', title: 'Khám chữa bệnh bảo hiểm y tế bằng căn cước, ứng dụng định danh điện tử VNeID', lead: ['SO_Y_TE'], support: ['BHXH'], deadline: 'Trong tháng 5/2026' },
  { id: 'III.3.a', heading: 'III.3', group: 'G3', title: 'Hướng dẫn tích hợp dữ liệu thuế, giấy phép kinh doanh với định danh điện tử của doanh nghiệp', lead: ['THUE_TINH'], support: ['SO_TAI_CHINH'], deadline: 'Khi có hướng dẫn của Bộ Tài chính' },
  { id: 'III.4.a', heading: 'III.4', group: 'G4', title: 'Hạ tầng kết nối, an toàn thông tin cho bộ phận một cửa của các xã, phường, đặc khu', lead: ['SO_KH_CN'], support: ['CAT'], executing: ['UBND_CAP_XA'], deadline: 'Trong năm 2026' },
  { id: 'III.4.b', heading: 'III.4', group: 'G4', title: 'Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã', lead: ['SO_NOI_VU'], executing: ['UBND_CAP_XA'], deadline: 'Theo lộ trình của Đề án', meaning: 'Thường xuyên' },
  { id: 'III.5.a', heading: 'III.5', group: 'G5', title: 'Tuyên truyền, hướng dẫn người dân kích hoạt và sử dụng tài khoản định danh điện tử', lead: ['CAT'], support: ['SO_VH_TT_DL', 'MTTQ'], executing: ['UBND_CAP_XA'], deadline: 'Định kỳ, thường xuyên' },
  { id: 'IV.1', heading: 'IV', group: 'TRIEN_KHAI', title: 'Báo cáo kết quả thực hiện Đề án 06 về Công an tỉnh (qua Phòng PC06)', executing: ['SO_BAN_NGANH', 'CQ_TRUNG_UONG', 'UBND_CAP_XA'], deadline: 'Trước ngày 15 hằng tháng' },
];

/** The illustrative plan, checked by the plan schema. */
export function twoTierPlan(): Plan {
  const agencies: Agency[] = [
    { code: 'CAT', name: 'Công an tỉnh', short: 'Công an tỉnh', kind: 'standing', reports: true, level: 'province' },
    ...DEPARTMENTS,
    { code: 'VNPT', name: 'VNPT tỉnh (minh họa)', kind: 'enterprise', reports: false, level: 'province' },
    { code: 'VIETTEL', name: 'Viettel tỉnh (minh họa)', kind: 'enterprise', reports: false, level: 'province' },
    ...communes(),
  ];
  const levels = [...new Set(agencies.map((a) => a.level))];
  const tasks = TASKS.map((t) => {
    const read = parseDeadlineText(t.meaning ?? t.deadline, { year: 2026, levels });
    if (!read.ok) throw new Error(`Thời hạn mẫu không đọc được: ${t.deadline}`);
    return {
      id: t.id,
      title: t.title,
      heading: t.heading,
      group: t.group,
      lead: t.lead ?? [],
      support: t.support ?? [],
      executing: t.executing ?? [],
      deadline: { ...read.deadline, text: t.deadline },
      kind: 'task' as const,
    };
  });
  return PlanSchema.parse({
    id: TWO_TIER_PLAN_ID,
    title: 'Kế hoạch (minh họa) triển khai Đề án 06 năm 2026 trên địa bàn tỉnh Minh Họa',
    number: '01/KH-UBND (minh họa)',
    date: '2026-02-10',
    issuer: 'Ủy ban nhân dân tỉnh Minh Họa',
    province: 'tỉnh Minh Họa',
    place: 'Minh Họa',
    standing: { agency: 'CAT', reportSymbol: 'BC-CAT-PC06', signerTitle: 'GIÁM ĐỐC', signerName: 'Nguyễn Văn Minh (minh họa)' },
    reporting: {
      frequency: 'monthly',
      dueDay: 14,
      dueInLastMonth: true,
      cutoffDay: 14,
      text: 'Báo cáo hằng tháng trước ngày 15; số liệu tính từ ngày 15 tháng trước đến ngày 14 của tháng báo cáo',
    },
    recipients: ['Bộ Công an (C06)', 'Thường trực Tỉnh ủy', 'Chủ tịch UBND tỉnh'],
    groups: [
      { code: 'G1', utility: 1, name: 'Phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến' },
      { code: 'G2', utility: 2, name: 'Phục vụ phát triển kinh tế, xã hội' },
      { code: 'G3', utility: 3, name: 'Phục vụ công dân số' },
      { code: 'G4', utility: 4, name: 'Hoàn thiện hệ sinh thái phục vụ kết nối, khai thác, bổ sung làm giàu dữ liệu dân cư' },
      { code: 'G5', utility: 5, name: 'Phục vụ chỉ đạo, điều hành của lãnh đạo các cấp' },
      { code: 'TRIEN_KHAI', name: 'Tổ chức triển khai' },
    ],
    agencies,
    agencySets: [
      { code: 'SO_BAN_NGANH', name: 'Các sở, ban, ngành', members: DEPARTMENTS.filter((a) => a.kind === 'department').map((a) => a.code) },
      { code: 'CQ_TRUNG_UONG', name: 'Các cơ quan Trung ương đóng trên địa bàn tỉnh', members: DEPARTMENTS.filter((a) => a.kind === 'central').map((a) => a.code) },
      { code: 'UBND_CAP_XA', name: 'UBND các xã, phường, đặc khu', members: [], kinds: ['commune'] },
    ],
    headings: [
      { id: 'II', title: 'Tổ chức triển khai sau sắp xếp đơn vị hành chính', group: 'TRIEN_KHAI' },
      { id: 'III.1', title: 'Nhóm tiện ích phục vụ giải quyết thủ tục hành chính', group: 'G1' },
      { id: 'III.2', title: 'Nhóm tiện ích phục vụ phát triển kinh tế, xã hội', group: 'G2' },
      { id: 'III.3', title: 'Nhóm tiện ích phục vụ công dân số', group: 'G3' },
      { id: 'III.4', title: 'Hoàn thiện hệ sinh thái dữ liệu', group: 'G4' },
      { id: 'III.5', title: 'Phục vụ chỉ đạo, điều hành', group: 'G5' },
      { id: 'IV', title: 'Chế độ báo cáo', group: 'TRIEN_KHAI' },
    ],
    tasks,
    indicators: [
      {
        id: 'CT.1',
        name: 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa',
        unit: 'percent',
        group: 'G1',
        numeratorLabel: 'Số hồ sơ đã số hóa trong kỳ',
        denominatorLabel: 'Số hồ sơ tiếp nhận trong kỳ',
        targets: [
          { comparator: '>=', value: 60, to: '2026-06', text: 'Đạt ít nhất 60% trong 6 tháng đầu năm' },
          { comparator: '>=', value: 80, from: '2026-07', text: 'Đạt ít nhất 80% từ tháng 7/2026' },
        ],
        agencies: ['UBND_CAP_XA'],
        aggregate: 'sum',
      },
      {
        id: 'CT.2',
        name: 'Số tài khoản định danh điện tử mức 2 được kích hoạt trong kỳ',
        unit: 'count',
        group: 'G3',
        numeratorLabel: 'Số tài khoản được kích hoạt',
        targets: [],
        agencies: ['UBND_CAP_XA'],
        aggregate: 'sum',
      },
      {
        id: 'CT.3',
        name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
        unit: 'percent',
        group: 'G1',
        numeratorLabel: 'Số hồ sơ trực tuyến toàn trình',
        denominatorLabel: 'Tổng số hồ sơ tiếp nhận',
        targets: [{ comparator: '>=', value: 50, from: '2026-04', text: 'Ít nhất 50% từ tháng 4/2026' }],
        agencies: ['SO_BAN_NGANH'],
        aggregate: 'sum',
      },
    ],
    discrepancies: [
      {
        where: 'Mục III.1.c và Phụ lục (ví dụ minh họa)',
        body: 'Trong quý II/2026',
        appendix: 'Trong tháng 6/2026',
        used: 'Trong quý II/2026',
        why: 'Thân văn bản là căn cứ; phụ lục chỉ tóm tắt (ví dụ để tập huấn cách ghi chênh lệch).',
      },
    ],
    notes: 'DỮ LIỆU MINH HỌA dùng để tập huấn và trình diễn: tỉnh hai cấp (sở, ngành và 100 xã, phường, đặc khu, không có cấp huyện) sau sắp xếp năm 2025. Tên đơn vị và nội dung là ví dụ, không phải danh sách của một tỉnh thật.',
  });
}

/**
 * The plan as it stood before a mid-year change, for the demonstration of successors: Sở Khoa học
 * và Công nghệ was still Sở Thông tin và Truyền thông (SO_TTTT), with the same tasks.
 */
export function beforeMerger(plan: Plan, successor: string, old: { code: string; name: string; short: string }): Plan {
  const swap = (codes: string[]): string[] => codes.map((c) => (c === successor ? old.code : c));
  return {
    ...plan,
    agencies: plan.agencies.map((a) => (a.code === successor ? { ...a, code: old.code, name: old.name, short: old.short, replaces: undefined } : a)),
    agencySets: plan.agencySets.map((s) => ({ ...s, members: swap(s.members) })),
    tasks: plan.tasks.map((t) => ({ ...t, lead: swap(t.lead), support: swap(t.support), executing: swap(t.executing) })),
    indicators: plan.indicators.map((i) => ({ ...i, agencies: swap(i.agencies) })),
  };
}
