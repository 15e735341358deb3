import { createHash } from 'node:crypto';
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

/** Bytes allowed for a note's name: far below the 255 of common file systems, with room for ".txt". */
const MAX_NAME_BYTES = 120;

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * One distinct, safe note name (without ".txt") per rejected file, from its path relative to the
 * submissions folder: `a/bao-cao.xlsx` → `a--bao-cao`. Names that would clash on a case-insensitive
 * file system (X.xlsx and X.XLSX), or that are too long, get a hash of the whole path.
 */
export function feedbackNoteNames(files: string[]): string[] {
  const base = files.map((f) => {
    const stem = f
      .normalize('NFC')
      .replace(/\.xlsx$/i, '')
      .split(/[\\/]+/)
      .filter((part) => part && part !== '.' && part !== '..')
      .join('--')
      // Characters that Windows or a shell would trip on, and control characters.
      .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
      .replace(/^[.\s]+|[.\s]+$/g, '');
    return stem || 'tep';
  });
  const clashes = new Map<string, number>();
  for (const b of base) clashes.set(b.toLowerCase(), (clashes.get(b.toLowerCase()) ?? 0) + 1);
  return base.map((b, i) => {
    const unique = (clashes.get(b.toLowerCase()) ?? 0) > 1;
    if (!unique && Buffer.byteLength(b) <= MAX_NAME_BYTES) return b;
    const suffix = `-${shortHash(files[i]!)}`;
    let cut = b;
    // Cut by code points, so that a Vietnamese letter is never split.
    while (Buffer.byteLength(cut) + suffix.length > MAX_NAME_BYTES) cut = [...cut].slice(0, -1).join('');
    return `${cut}${suffix}`;
  });
}
