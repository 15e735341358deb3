import { z } from 'zod';

/**
 * The plan file schema: the single source of truth for what a province's Đề án 06 plan holds.
 * Plan files (plans/*.yaml) are parsed against it; every other module takes the inferred types.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng phải có dạng YYYY-MM');
const code = z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'mã chỉ gồm chữ in hoa không dấu, số, "_" và "-"');

/** Administrative level, used by staged deadlines ("cấp tỉnh từ …; cấp huyện từ …; cấp xã từ …"). */
export const LevelSchema = z.enum(['province', 'district', 'commune']);

/** A task's deadline as a typed value; `text` keeps the plan's own wording for the report. */
export const DeadlineSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('by-date'), date: isoDate, text: z.string().optional() }),
  z.strictObject({ kind: z.literal('month'), month: isoMonth, text: z.string().optional() }),
  z.strictObject({
    kind: z.literal('quarter'),
    year: z.number().int(),
    quarter: z.number().int().min(1).max(4),
    text: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('half-year'), year: z.number().int(), half: z.number().int().min(1).max(2), text: z.string().optional() }),
  z.strictObject({ kind: z.literal('year'), year: z.number().int(), text: z.string().optional() }),
  /** A span such as "giai đoạn 2023–2025": due at the end of `to`. */
  z.strictObject({ kind: z.literal('range'), from: isoMonth, to: isoMonth, text: z.string().optional() }),
  z.strictObject({
    kind: z.literal('staged'),
    stages: z.array(z.strictObject({ level: LevelSchema, date: isoDate })).min(1),
    text: z.string().optional(),
  }),
  /** "Thường xuyên": never overdue, but a result is due every period. */
  z.strictObject({ kind: z.literal('recurring'), text: z.string().optional() }),
  z.strictObject({ kind: z.literal('by-law'), text: z.string().optional() }),
  z.strictObject({ kind: z.literal('on-request'), text: z.string().optional() }),
  z.strictObject({ kind: z.literal('when-guided'), text: z.string().optional() }),
]);

export const AgencyKindSchema = z.enum([
  'standing', // the standing agency (Công an tỉnh / thành phố)
  'department', // sở, ban, ngành and offices of the provincial People's Committee
  'central', // central agencies located in the province (BHXH, Cục Thống kê, Tòa án, Viện KSND, …)
  'mass-org', // hội, đoàn thể (Ủy ban MTTQ, Tỉnh đoàn, Hội LHPN, …)
  'district', // UBND huyện, thị xã, thành phố; quận
  'commune', // UBND xã, phường, thị trấn, đặc khu
  'enterprise', // doanh nghiệp: named by the plan, never asked to report
  'other', // any other body the plan names that does not report
]);

export const AgencySchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** Short name for tables, e.g. "Sở TT&TT". */
  short: z.string().optional(),
  kind: AgencyKindSchema,
  /** Whether the agency receives a workbook and is expected to report. */
  reports: z.boolean().default(true),
  level: LevelSchema.default('province'),
  /** Which kind of commune-level unit (a two-tier province has xã, phường and đặc khu, no districts). */
  commune: z.enum(['xa', 'phuong', 'thi-tran', 'dac-khu']).optional(),
  /**
   * Codes of the agencies this one replaced ("thay cho SO_TTTT"): a form made under an old code is
   * credited to this agency, and the previous period's figures of the old code count as its own.
   */
  replaces: z.array(code).optional(),
  note: z.string().optional(),
});

/** A named set of agencies as the plan writes it ("UBND các huyện, thị xã, thành phố"). */
export const AgencySetSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** Agency codes or other set codes; sets expand recursively. */
  members: z.array(code).default([]),
  /** Every agency of these kinds, in plan order, besides `members` ("UBND các xã, phường, đặc khu"). */
  kinds: z.array(AgencyKindSchema).optional(),
  note: z.string().optional(),
});

export const GroupSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** One of the 5 groups of utilities of Đề án 06 (numbered 1–5); other groups have none. */
  utility: z.number().int().min(1).max(5).optional(),
});

/** A numbered heading of the plan (III.3, III.6.a) that groups tasks but is not reported itself. */
export const HeadingSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  group: code.optional(),
});

export const TaskSchema = z.strictObject({
  /** The document's own hierarchical id, e.g. "III.3.a" or "III.6.a.2". */
  id: z.string().regex(/^[A-Za-z0-9.\-đĐ]+$/, 'mã nhiệm vụ không được chứa khoảng trắng'),
  title: z.string().min(1),
  /** Nearest heading id, when the task sits under one. */
  heading: z.string().optional(),
  group: code,
  lead: z.array(code).default([]),
  support: z.array(code).default([]),
  /** "Cơ quan thực hiện": agencies that carry the task out themselves. */
  executing: z.array(code).default([]),
  deadline: DeadlineSchema,
  /** Pilot models (mô hình điểm), breakthrough tasks and linked services are tasks with more to say. */
  kind: z.enum(['task', 'model', 'breakthrough', 'linked-service']).default('task'),
  objective: z.string().optional(),
  forces: z.string().optional(),
  platform: z.string().optional(),
  notes: z.string().optional(),
});

export const ComparatorSchema = z.enum(['>=', '>', '=', '<=', '<']);

export const IndicatorTargetSchema = z.strictObject({
  comparator: ComparatorSchema,
  value: z.number(),
  /** Months (inclusive) in which the target applies; open ends allowed. */
  from: isoMonth.optional(),
  to: isoMonth.optional(),
  /** Agencies the target is set for; all reporting agencies of the indicator when absent. */
  agencies: z.array(code).optional(),
  text: z.string().optional(),
});

export const IndicatorSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9.\-_đĐ]+$/),
  name: z.string().min(1),
  /** "percent": numerator / denominator × 100; "count": a whole number, no denominator. */
  unit: z.enum(['percent', 'count', 'number']),
  group: code.optional(),
  numeratorLabel: z.string().min(1),
  denominatorLabel: z.string().optional(),
  targets: z.array(IndicatorTargetSchema).default([]),
  /** Months in which agencies must report the indicator; always when absent. */
  from: isoMonth.optional(),
  to: isoMonth.optional(),
  /** Agency or set codes that report it. */
  agencies: z.array(code).min(1),
  aggregate: z.enum(['sum', 'none']).default('sum'),
  source: z.string().optional(),
});

export const FrequencySchema = z.enum(['monthly', 'quarterly', 'half-yearly', 'yearly']);

export const ReportingSchema = z.strictObject({
  /** How often agencies send their workbook. */
  frequency: FrequencySchema,
  /** Further period kinds agencies may also be asked for (e.g. a year report besides half-years). */
  alsoPeriods: z.array(FrequencySchema).default([]),
  /** Last day of the month after the period's end, or of its last month when `dueInLastMonth`, on which a report is on time. */
  dueDay: z.number().int().min(1).max(31),
  /** True when the report is due within the period's own last month (cut-off before month end). */
  dueInLastMonth: z.boolean().default(false),
  /** Day of month at which a period's data is cut off (Nghị định 09/2019/NĐ-CP: the 14th). */
  cutoffDay: z.number().int().min(1).max(31),
  text: z.string().optional(),
});

export const DiscrepancySchema = z.strictObject({
  where: z.string().min(1),
  body: z.string().min(1),
  appendix: z.string().optional(),
  used: z.string().min(1),
  why: z.string().min(1),
});

export const PlanSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  number: z.string().optional(),
  date: isoDate,
  issuer: z.string().min(1),
  province: z.string().min(1),
  /** Place name used in the report's date line ("Quảng Ngãi, ngày …"). */
  place: z.string().min(1),
  standing: z.strictObject({
    agency: code,
    /** Report number suffix, e.g. "BC-CAT-PC06". */
    reportSymbol: z.string().min(1),
    signerTitle: z.string().min(1),
    signerName: z.string().optional(),
  }),
  reporting: ReportingSchema,
  recipients: z.array(z.string().min(1)).min(1),
  groups: z.array(GroupSchema).min(1),
  agencies: z.array(AgencySchema).min(1),
  agencySets: z.array(AgencySetSchema).default([]),
  headings: z.array(HeadingSchema).default([]),
  tasks: z.array(TaskSchema).min(1),
  indicators: z.array(IndicatorSchema).default([]),
  discrepancies: z.array(DiscrepancySchema).default([]),
  /** Material kept for reference only, never turned into rows to report (e.g. a national task list). */
  reference: z
    .array(z.strictObject({ id: z.string(), title: z.string(), lead: z.string().optional(), support: z.string().optional(), deadline: z.string().optional() }))
    .default([]),
  notes: z.string().optional(),
});

export type Level = z.infer<typeof LevelSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type AgencyKind = z.infer<typeof AgencyKindSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type AgencySet = z.infer<typeof AgencySetSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Heading = z.infer<typeof HeadingSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
export type IndicatorTarget = z.infer<typeof IndicatorTargetSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Frequency = z.infer<typeof FrequencySchema>;
export type Reporting = z.infer<typeof ReportingSchema>;
export type Plan = z.infer<typeof PlanSchema>;
