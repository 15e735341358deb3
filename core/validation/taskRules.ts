import type { WorkbookModel } from '../workbook/model.ts';
import { REQUIRED_TASK_COLUMNS, SHEETS, STATUS, TASK_COLUMNS } from '../workbook/contract.ts';
import { tasksForAgency, ROLE_LABEL } from '../plan/normalize.ts';
import { dueDate, deadlineText } from '../plan/deadline.ts';
import { periodCutoff } from '../period/period.ts';
import { formatShortDate } from '../text/dates.ts';
import type { TaskReport } from '../submission/schema.ts';
import { shorten } from '../text/shorten.ts';
import { readDate, readPercent, readStatus, readText } from './cellReaders.ts';
import { locateTable, type RuleContext } from './context.ts';

type TaskColumn = keyof typeof TASK_COLUMNS;

/** Sheet Nhiệm vụ: every assigned task present once, and each row consistent with its status. */
export function checkTasks(ctx: RuleContext, model: WorkbookModel): TaskReport[] {
  const table = locateTable<TaskColumn>(ctx, model.sheets, SHEETS.tasks, TASK_COLUMNS, 'id', REQUIRED_TASK_COLUMNS);
  if (!table || !ctx.agency) return [];
  const { index, headerRow, columns, sheet } = table;
  const col = (k: TaskColumn): number => columns[k]!;
  const at = (row: number, k: TaskColumn): string => index.address(row, col(k));
  const agency = ctx.agency;
  const assigned = new Map(tasksForAgency(ctx.np, agency.code).map((a) => [a.task.id, a]));
  const seen = new Set<string>();
  const reports: TaskReport[] = [];
  const cutoff = ctx.period ? periodCutoff(ctx.period, ctx.np.plan.reporting) : undefined;
  const inputColumns: TaskColumn[] = ['status', 'progress', 'completedOn', 'result', 'difficulties', 'proposals'];

  for (const row of index.rows()) {
    if (row <= headerRow) continue;
    const id = readText(index.cell(row, col('id')));
    if (!id) {
      const filled = inputColumns.some((k) => readText(index.cell(row, col(k))) !== '');
      if (filled) ctx.add('task-row-unexpected', sheet.name, at(row, 'id'), `Dòng ${row} có nội dung nhưng không có mã nhiệm vụ. Không thêm dòng vào bảng; hãy ghi nội dung vào nhiệm vụ liên quan.`);
      continue;
    }
    const entry = assigned.get(id);
    if (!entry) {
      const known = ctx.np.taskById.has(id);
      ctx.add('task-row-unexpected', sheet.name, at(row, 'id'), known
        ? `Nhiệm vụ ${id} không được giao cho ${agency.name}. Hãy xóa dòng này.`
        : `Mã nhiệm vụ "${id}" không có trong kế hoạch. Không thêm hay sửa mã nhiệm vụ; hãy xóa dòng này.`);
      continue;
    }
    if (seen.has(id)) {
      ctx.add('task-row-duplicate', sheet.name, at(row, 'id'), `Nhiệm vụ ${id} xuất hiện nhiều lần. Hãy giữ một dòng và xóa dòng lặp ở dòng ${row}.`);
      continue;
    }
    seen.add(id);
    const { task, role } = entry;
    const label = `Nhiệm vụ ${id}`;
    const status = readStatus(index.cell(row, col('status')));
    const progress = readPercent(index.cell(row, col('progress')));
    const completed = readDate(index.cell(row, col('completedOn')));
    const result = readText(index.cell(row, col('result')));
    const difficulties = readText(index.cell(row, col('difficulties')));
    const proposals = readText(index.cell(row, col('proposals')));
    const report: TaskReport = { id, role, result, difficulties, proposals, row };
    reports.push(report);

    if (status.kind === 'blank') {
      ctx.add('status-missing', sheet.name, at(row, 'status'), `${label}: chưa chọn trạng thái. Hãy chọn "${STATUS.done}", "${STATUS.inProgress}" hoặc "${STATUS.notStarted}".`);
      continue;
    }
    if (status.kind === 'bad') {
      ctx.add('status-invalid', sheet.name, at(row, 'status'), `${label}: trạng thái "${shorten(readText(index.cell(row, col('status'))))}" không hợp lệ. Hãy chọn "${STATUS.done}", "${STATUS.inProgress}" hoặc "${STATUS.notStarted}".`);
      continue;
    }
    report.status = status.value;
    let pct: number | undefined;
    if (progress.kind === 'bad' || (progress.kind === 'ok' && (progress.value < 0 || progress.value > 100))) {
      ctx.add('progress-invalid', sheet.name, at(row, 'progress'), `${label}: tiến độ "${shorten(readText(index.cell(row, col('progress'))))}" không hợp lệ. Hãy ghi một số từ 0 đến 100.`);
    } else if (progress.kind === 'ok') {
      pct = progress.value;
      report.progress = pct;
    }
    if (completed.kind === 'bad') {
      ctx.add('completion-date-invalid', sheet.name, at(row, 'completedOn'), `${label}: ngày hoàn thành "${shorten(readText(index.cell(row, col('completedOn'))))}" không phải là ngày. Hãy ghi dạng ngày/tháng/năm.`);
    } else if (completed.kind === 'ok') {
      report.completedOn = completed.value;
    }

    if (status.value === 'done') {
      if (pct === undefined && progress.kind === 'blank') report.progress = 100; // consolidation counts a done task as 100 %
      if (pct !== undefined && pct !== 100) {
        ctx.add('progress-not-100', sheet.name, at(row, 'progress'), `${label} đã hoàn thành nhưng tiến độ ghi ${pct}%. Hãy ghi 100, hoặc đổi trạng thái thành "${STATUS.inProgress}".`);
      } else if (progress.kind === 'blank') {
        ctx.add('progress-not-100', sheet.name, at(row, 'progress'), `${label} đã hoàn thành nhưng chưa ghi tiến độ. Hãy ghi 100.`);
      }
      if (completed.kind === 'blank') {
        ctx.add('completion-date-missing', sheet.name, at(row, 'completedOn'), `${label} đã hoàn thành nhưng chưa ghi ngày hoàn thành. Hãy ghi ngày dạng ngày/tháng/năm.`);
      } else if (completed.kind === 'ok') {
        if (ctx.reportDate && completed.value > ctx.reportDate) {
          ctx.add('completion-date-after-report', sheet.name, at(row, 'completedOn'), `${label}: ngày hoàn thành ${formatShortDate(completed.value)} sau ngày lập báo cáo ${formatShortDate(ctx.reportDate)}. Hãy sửa lại ngày.`);
        }
        if (completed.value < ctx.np.plan.date) {
          ctx.add('completion-date-before-plan', sheet.name, at(row, 'completedOn'), `${label}: ngày hoàn thành ${formatShortDate(completed.value)} trước ngày kế hoạch ${formatShortDate(ctx.np.plan.date)}. Hãy kiểm tra lại năm.`);
        }
      }
    } else {
      if (status.value === 'inProgress' && progress.kind === 'blank') {
        ctx.add('progress-missing', sheet.name, at(row, 'progress'), `${label} đang thực hiện nhưng chưa ghi tiến độ. Hãy ghi một số từ 0 đến 100.`);
      }
      if (status.value === 'notStarted') {
        if (pct !== undefined && pct !== 0) {
          ctx.add('progress-not-zero', sheet.name, at(row, 'progress'), `${label} chưa thực hiện nhưng tiến độ ghi ${pct}%. Hãy ghi 0, hoặc đổi trạng thái thành "${STATUS.inProgress}".`);
        }
        if (pct === undefined && progress.kind === 'blank') report.progress = 0;
      }
      if (completed.kind === 'ok') {
        ctx.add('completion-date-not-done', sheet.name, at(row, 'completedOn'), `${label} chưa hoàn thành nhưng có ngày hoàn thành. Hãy xóa ngày, hoặc đổi trạng thái thành "${STATUS.done}".`);
      }
    }

    const recurring = task.deadline.kind === 'recurring';
    if (!result && recurring) {
      ctx.add('recurring-result-missing', sheet.name, at(row, 'result'), `${label} là nhiệm vụ thường xuyên (${ROLE_LABEL[role].toLowerCase()}): phải báo cáo kết quả mỗi kỳ. Hãy ghi kết quả thực hiện trong kỳ.`);
    } else if (!result && status.value !== 'notStarted') {
      ctx.add('result-missing', sheet.name, at(row, 'result'), `${label} ${status.value === 'done' ? 'đã hoàn thành' : 'đang thực hiện'} nhưng chưa nêu kết quả. Hãy ghi tóm tắt kết quả vào cột "${TASK_COLUMNS.result}".`);
    }

    const due = dueDate(task.deadline, agency.level);
    if (cutoff && due && due < cutoff && status.value !== 'done' && !difficulties) {
      ctx.add('overdue-explanation-missing', sheet.name, at(row, 'difficulties'), `${label} đã quá thời hạn (${deadlineText(task.deadline)}) mà chưa hoàn thành. Hãy nêu khó khăn, vướng mắc và lý do chậm vào cột "${TASK_COLUMNS.difficulties}".`);
    }
  }

  for (const [id, { task }] of assigned) {
    if (!seen.has(id)) {
      ctx.add('task-row-missing', sheet.name, index.address(headerRow + 1, col('id')), `Thiếu dòng của nhiệm vụ ${id} (${shorten(task.title, 80)}). Không xóa dòng nhiệm vụ; hãy dùng lại biểu mẫu gốc.`);
    }
  }
  return reports;
}
