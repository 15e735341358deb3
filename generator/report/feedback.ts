import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { formatShortDate } from '../../core/text/dates.ts';

/** A plain-text note for one rejected file, ready to paste into an e-mail to the agency. */
export function feedbackNote(report: ConsolidatedReport, rejected: ConsolidatedReport['rejected'][number]): string {
  const errors = rejected.issues.filter((i) => i.severity === 'error');
  const warnings = rejected.issues.filter((i) => i.severity === 'warning');
  const line = (i: (typeof rejected.issues)[number]) => `- ${i.sheet ? `Trang "${i.sheet}"${i.cell ? `, ô ${i.cell}` : ''}: ` : ''}${i.message}`;
  return [
    `Kính gửi: ${rejected.name ?? 'đơn vị gửi báo cáo'}`,
    '',
    `${report.standing.name} đã nhận tệp "${rejected.file}" (báo cáo Đề án 06, ${report.period.label.toLowerCase()}), nhưng chưa thể tổng hợp vì tệp còn ${errors.length} lỗi${warnings.length ? ` và ${warnings.length} cảnh báo` : ''}:`,
    '',
    ...errors.map(line),
    ...(warnings.length ? ['', 'Cảnh báo (nên sửa):', ...warnings.map(line)] : []),
    '',
    `Đề nghị đơn vị sửa các nội dung trên (có thể dùng nút "Kiểm tra báo cáo" trong Excel để kiểm tra lại) và gửi lại sớm nhất (hạn nộp của kỳ: ${formatShortDate(report.period.due)}).`,
    '',
  ].join('\n');
}
