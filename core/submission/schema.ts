import { z } from 'zod';

/** What one agency reported for one period, as the validator reads it from the workbook. */
export const TaskStatusSchema = z.enum(['done', 'inProgress', 'notStarted']);

export const TaskReportSchema = z.object({
  id: z.string(),
  role: z.enum(['lead', 'support', 'executing']),
  status: TaskStatusSchema.optional(),
  progress: z.number().optional(),
  completedOn: z.string().optional(),
  result: z.string(),
  difficulties: z.string(),
  proposals: z.string(),
  /** Row in sheet Nhiệm vụ, for messages that point back at the file. */
  row: z.number().int(),
});

export const IndicatorReportSchema = z.object({
  id: z.string(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  note: z.string(),
  row: z.number().int(),
});

export const SubmissionSchema = z.object({
  plan: z.string(),
  agency: z.string(),
  period: z.string(),
  preparer: z.string(),
  phone: z.string(),
  /** Ngày lập, "YYYY-MM-DD". */
  reportDate: z.string().optional(),
  tasks: z.array(TaskReportSchema),
  indicators: z.array(IndicatorReportSchema),
});

export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type TaskReport = z.infer<typeof TaskReportSchema>;
export type IndicatorReport = z.infer<typeof IndicatorReportSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
