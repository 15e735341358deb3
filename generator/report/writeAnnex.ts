import ExcelJS from 'exceljs';
import type { ConsolidatedReport } from '../../core/report/schema.ts';
import { AGENCY_STATUS_LABEL, TASK_STATUS_LABEL } from '../../core/report/labels.ts';
import { deterministicZip } from '../output/deterministicZip.ts';

function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][], rows: ExcelJS.CellValue[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  const head = ws.getRow(1);
  head.font = { name: 'Times New Roman', bold: true, size: 12 };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const r of rows) ws.addRow(r);
  ws.eachRow((row, n) => {
    if (n > 1) {
      row.font = { name: 'Times New Roman', size: 12 };
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/** The consolidated tables as an XLSX annex; deterministic bytes for the same report. */
export async function writeAnnexXlsx(report: ConsolidatedReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(`${report.reportDate}T00:00:00Z`);
  wb.creator = 'da06';
  wb.created = fixed;
  wb.modified = fixed;
  sheet(wb, 'Nhiệm vụ', [['Mã', 10], ['Nhiệm vụ', 60], ['Nhóm', 10], ['Thời hạn', 20], ['Trạng thái', 16], ['Tiến độ (%)', 10], ['Quá hạn', 9], ['Cơ quan chủ trì / thực hiện', 40], ['Tiến độ cấp huyện/xã', 22]],
    report.tasks.map((t) => [t.id, t.title, t.group, t.deadline, TASK_STATUS_LABEL[t.status], t.progress ?? null, t.overdue ? 'Quá hạn' : '', t.leads.map((l) => `${l.name}: ${l.status === 'noReport' ? 'chưa báo cáo' : TASK_STATUS_LABEL[l.status].toLowerCase()}`).join('; '), t.spread?.text ?? '']));
  sheet(wb, 'Nhóm nhiệm vụ', [['Mã', 14], ['Nhóm', 60], ['Tổng', 8], ['Đã hoàn thành', 12], ['Đang thực hiện', 12], ['Chưa thực hiện', 12], ['Chưa báo cáo', 12], ['Quá hạn', 10]],
    report.groups.map((g) => [g.code, g.name, g.total, g.done, g.inProgress, g.notStarted, g.noReport, g.overdue]));
  sheet(wb, 'Chỉ tiêu', [['Mã', 12], ['Chỉ tiêu', 55], ['Tử số', 12], ['Mẫu số', 12], ['Kết quả', 12], ['Chỉ tiêu KH', 18], ['Đánh giá', 12], ['Đơn vị đã báo cáo', 14]],
    report.indicators.map((i) => [i.id, i.name, i.numerator ?? null, i.denominator ?? null, i.value ?? null, i.target ?? '', i.met === undefined ? '' : i.met ? 'Đạt' : 'Chưa đạt', `${i.reported}/${i.expected}`]));
  sheet(wb, 'Đơn vị', [['Mã', 16], ['Đơn vị', 50], ['Tình trạng', 14], ['Ngày lập', 12], ['Người lập', 22], ['Tệp', 40], ['Lỗi', 8], ['Cảnh báo', 10]],
    report.agencyRows.map((a) => [a.code, a.name, AGENCY_STATUS_LABEL[a.status], a.reportDate ?? '', a.preparer ?? '', a.file ?? '', a.errors, a.warnings]));
  sheet(wb, 'Tệp bị trả lại', [['Tệp', 40], ['Đơn vị', 30], ['Mức độ', 10], ['Mã lỗi', 26], ['Trang', 14], ['Ô', 8], ['Nội dung', 80]],
    report.rejected.flatMap((r) => r.issues.map((i) => [r.file, r.name ?? '', i.severity === 'error' ? 'Lỗi' : 'Cảnh báo', i.code, i.sheet, i.cell, i.message])));
  return deterministicZip(new Uint8Array(await wb.xlsx.writeBuffer()));
}
