import type { AgencyReportStatus, ConsolidatedStatus } from './schema.ts';

/** Vietnamese names of a task's consolidated status, shared by the DOCX, the annex and the chart. */
export const TASK_STATUS_LABEL: Record<ConsolidatedStatus, string> = {
  done: 'Đã hoàn thành',
  inProgress: 'Đang thực hiện',
  notStarted: 'Chưa thực hiện',
  noReport: 'Chưa báo cáo',
};

/** Vietnamese names of an agency's reporting status (DHIS2's on time, late, missing; and rejected). */
export const AGENCY_STATUS_LABEL: Record<AgencyReportStatus, string> = {
  'on-time': 'Đúng hạn',
  late: 'Nộp muộn',
  missing: 'Chưa nộp',
  rejected: 'Bị trả lại',
};
