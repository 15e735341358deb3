import { z } from 'zod';
import { IssueSchema } from '../validation/catalogue.ts';
import { TaskStatusSchema } from '../submission/schema.ts';

/**
 * The consolidated report: what consolidation computes from the accepted submissions and what the
 * DOCX, XLSX annex, JSON output and templates consume. Dates are "YYYY-MM-DD".
 */

/** Reporting status of one agency, in DHIS2's terms: on time, late, missing, rejected. */
export const AgencyReportStatusSchema = z.enum(['on-time', 'late', 'missing', 'rejected']);

export const AgencyRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  short: z.string(),
  kind: z.string(),
  /** Administrative level (province, district, commune) and how the report names it ("huyện, thị xã, thành phố"). */
  level: z.string(),
  levelLabel: z.string(),
  status: AgencyReportStatusSchema,
  file: z.string().optional(),
  reportDate: z.string().optional(),
  preparer: z.string().optional(),
  phone: z.string().optional(),
  /** Older files of the same agency that this one replaced. */
  superseded: z.array(z.string()),
  /** Errors and warnings of the accepted or rejected file. */
  errors: z.number().int(),
  warnings: z.number().int(),
});

/** A task's status across agencies: `noReport` when none of its responsible agencies reported it. */
export const ConsolidatedStatusSchema = z.enum(['done', 'inProgress', 'notStarted', 'noReport']);

export const SpreadPartSchema = z.object({
  level: z.string(),
  label: z.string(),
  total: z.number(),
  done: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  noReport: z.number(),
});

export const AgencyTaskStatusSchema = z.object({
  agency: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'support', 'executing']),
  status: z.union([TaskStatusSchema, z.literal('noReport')]),
  progress: z.number().optional(),
  completedOn: z.string().optional(),
  result: z.string(),
  difficulties: z.string(),
  /** Period of the last report this status comes from, when the agency did not report it this period ("theo báo cáo kỳ trước"). */
  carriedFrom: z.string().optional(),
  /** Administrative level of the agency, for per-level counts. */
  level: z.string().optional(),
});

export const TaskSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  group: z.string(),
  heading: z.string().optional(),
  kind: z.string(),
  deadline: z.string(),
  /** Date by which the task is due for the earliest-due responsible agency; absent when it never falls due. */
  due: z.string().optional(),
  status: ConsolidatedStatusSchema,
  /** Past its deadline at the period's cut-off and not done. */
  overdue: z.boolean(),
  /** Mean progress (%) of the responsible agencies that reported. */
  progress: z.number().optional(),
  leads: z.array(AgencyTaskStatusSchema),
  /** Supporting agencies that reported on the task, with what they said. */
  supports: z.array(AgencyTaskStatusSchema),
  /**
   * For tasks with many responsible agencies: counts per level that leads it, e.g.
   * "24/37 sở, ngành; 12/13 huyện, thị xã, thành phố đã hoàn thành". `level`, `total`, … repeat
   * the first part for older readers.
   */
  spread: z
    .object({
      level: z.string(),
      total: z.number(),
      done: z.number(),
      inProgress: z.number(),
      notStarted: z.number(),
      noReport: z.number(),
      text: z.string(),
      parts: z.array(SpreadPartSchema).optional(),
    })
    .optional(),
  /** Responsible agencies whose status is carried forward from an earlier period. */
  carried: z.number().optional(),
  /** Done now and not done at the end of the previous period (or completed inside this period). */
  completedInPeriod: z.boolean().optional(),
  /** Overdue now and not overdue at the end of the previous period (or fell due inside this period). */
  newlyOverdue: z.boolean().optional(),
  /** Status in the previous period, when its submissions were available. */
  previousStatus: ConsolidatedStatusSchema.optional(),
});

export const GroupSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  utility: z.number().optional(),
  total: z.number(),
  done: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  noReport: z.number(),
  overdue: z.number(),
});

export const IndicatorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.enum(['percent', 'count', 'number']),
  numeratorLabel: z.string(),
  denominatorLabel: z.string().optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** Percent for ratio indicators, the sum for counts; absent without data. */
  value: z.number().optional(),
  /** The target in force for the period, as text ("≥ 80%"), and its typed form. */
  target: z.string().optional(),
  comparator: z.string().optional(),
  targetValue: z.number().optional(),
  /** Đạt / chưa đạt; absent when there is no target or no data. */
  met: z.boolean().optional(),
  reported: z.number(),
  expected: z.number(),
  byAgency: z.array(z.object({ agency: z.string(), name: z.string(), numerator: z.number().optional(), denominator: z.number().optional(), value: z.number().optional(), met: z.boolean().optional() })),
  /** Names of the agencies that should have reported it and did not. */
  pending: z.array(z.string()),
  previousValue: z.number().optional(),
});

/** Difficulties or proposals of one theme: how many agencies, the three most affected, a few texts. */
export const ThemeSummarySchema = z.object({
  code: z.string(),
  label: z.string(),
  agencies: z.number(),
  top: z.array(z.string()),
  /** The standing agency wrote it too (it is neither counted nor named: it writes the report). */
  self: z.boolean(),
  texts: z.array(z.string()),
  more: z.number(),
});

/** Reporting counts in DHIS2's terms: expected, submitted (on time + late), missing, rejected. */
const ReportingCountsSchema = z.object({
  expected: z.number(),
  submitted: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  rejected: z.number(),
});

/** Reporting counts of one administrative level ("sở, ngành": 27/37). */
export const LevelReportingSchema = ReportingCountsSchema.extend({ level: z.string(), label: z.string() });

/** A difficulty or proposal, once per distinct text, with every agency (and task) that wrote it. */
export const QuoteSchema = z.object({
  text: z.string(),
  sources: z.array(z.object({ agency: z.string(), name: z.string(), task: z.string().optional() })).min(1),
});

export const ConsolidatedReportSchema = z.object({
  plan: z.object({ id: z.string(), title: z.string(), number: z.string().optional(), date: z.string(), province: z.string(), place: z.string(), issuer: z.string() }),
  /** `start` is the first day of the period's data: the day after the previous period's cut-off (Nghị định 09/2019/NĐ-CP). */
  period: z.object({ id: z.string(), kind: z.string(), label: z.string(), phrase: z.string(), start: z.string(), end: z.string(), cutoff: z.string(), due: z.string(), months: z.array(z.string()) }),
  /** Date printed on the report (the compiler may change it by option). */
  reportDate: z.string(),
  standing: z.object({ code: z.string(), name: z.string(), reportSymbol: z.string(), signerTitle: z.string(), signerName: z.string().optional() }),
  recipients: z.array(z.string()),
  agencies: ReportingCountsSchema.extend({
    /** Submitted ÷ expected and on time ÷ expected, in percent. */
    rate: z.number(),
    onTimeRate: z.number(),
  }),
  agencyRows: z.array(AgencyRowSchema),
  rejected: z.array(
    z.object({
      file: z.string(),
      agency: z.string().optional(),
      name: z.string().optional(),
      issues: z.array(IssueSchema),
      /** Number of errors and the most frequent kinds (catalogue titles), for "bị trả lại do …". */
      errors: z.number(),
      mainKinds: z.array(z.string()),
    }),
  ),
  superseded: z.array(z.object({ file: z.string(), agency: z.string(), by: z.string() })),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  tasks: z.array(TaskSummarySchema),
  groups: z.array(GroupSummarySchema),
  indicators: z.array(IndicatorSummarySchema),
  difficulties: z.array(QuoteSchema),
  proposals: z.array(QuoteSchema),
  /** The same, grouped by theme for the body of the report. */
  difficultyThemes: z.array(ThemeSummarySchema),
  proposalThemes: z.array(ThemeSummarySchema),
  /** Reporting counts per administrative level, in the order province, district, commune. */
  reportingByLevel: z.array(LevelReportingSchema),
  /** Months whose submissions were merged (one for a monthly report, several for a roll-up). */
  sources: z.array(z.object({ period: z.string(), folder: z.string(), files: z.number() })),
  previous: z.object({ period: z.string(), done: z.number(), overdue: z.number(), submitted: z.number() }).optional(),
});

export type AgencyReportStatus = z.infer<typeof AgencyReportStatusSchema>;
export type AgencyRow = z.infer<typeof AgencyRowSchema>;
export type ConsolidatedStatus = z.infer<typeof ConsolidatedStatusSchema>;
export type AgencyTaskStatus = z.infer<typeof AgencyTaskStatusSchema>;
export type TaskSummary = z.infer<typeof TaskSummarySchema>;
export type GroupSummary = z.infer<typeof GroupSummarySchema>;
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type ThemeSummary = z.infer<typeof ThemeSummarySchema>;
export type SpreadPart = z.infer<typeof SpreadPartSchema>;
export type LevelReporting = z.infer<typeof LevelReportingSchema>;
export type ConsolidatedReport = z.infer<typeof ConsolidatedReportSchema>;
