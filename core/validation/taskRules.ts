import type { WorkbookModel } from '../workbook/model.ts';
import { REQUIRED_TASK_COLUMNS, SHEETS, TASK_COLUMNS } from '../workbook/contract.ts';
import { ROLE_LABEL } from '../plan/normalize.ts';
import { dueDate, deadlineText, isOngoing } from '../plan/deadline.ts';
import { periodCutoff } from '../period/period.ts';
import { displayText } from '../workbook/display.ts';
import type { TaskReport } from '../submission/schema.ts';
import { readDate, readPercent, readStatus, readText } from './cellReaders.ts';
import { locateTable, type RuleContext } from './context.ts';
import { checkMerges } from './mergeRules.ts';

type TaskColumn = keyof typeof TASK_COLUMNS;

/** Columns the clerk fills in; a merge over any of them hides input (see mergeRules). */
export const TASK_INPUT_COLUMNS: readonly TaskColumn[] = ['status', 'progress', 'completedOn', 'result', 'difficulties', 'proposals'];

/** Sheet Nhiệm vụ: every assigned task present once, and each row consistent with its status. */
export function checkTasks(ctx: RuleContext, model: WorkbookModel): TaskReport[] {
  const table = locateTable<TaskColumn>(ctx, model.sheets, SHEETS.tasks, TASK_COLUMNS, 'id', REQUIRED_TASK_COLUMNS);
  if (!table || !ctx.agency) return [];
  const { index, headerRow, columns, sheet } = table;
  const col = (k: TaskColumn): number => columns[k]!;
  const at = (row: number, k: TaskColumn): string => index.address(row, col(k));
  const shown = (row: number, k: TaskColumn): string => displayText(index.cell(row, col(k)));
  const agency = ctx.agency;
  const assigned = ctx.ix.tasks(agency.code);
  const rowOf = new Map<string, number>();
  const reports: TaskReport[] = [];
  const cutoff = ctx.period ? periodCutoff(ctx.period, ctx.np.plan.reporting) : undefined;
  const inputCols = new Set(TASK_INPUT_COLUMNS.map(col));
  checkMerges(ctx, sheet, index.maxRow, (r, c) => r > headerRow && inputCols.has(c));

  for (const row of index.rows()) {
    if (row <= headerRow) continue;
    const id = readText(index.cell(row, col('id')));
    if (!id) {
      const filled = TASK_INPUT_COLUMNS.some((k) => readText(index.cell(row, col(k))) !== '');
      if (filled) ctx.add('task-row-unexpected', sheet.name, at(row, 'id'), { row });
      continue;
    }
    const entry = assigned.get(id);
    if (!entry) {
      ctx.add('task-row-unexpected', sheet.name, at(row, 'id'), { row, id, ...(ctx.np.taskById.has(id) ? { otherAgency: agency.name } : {}) });
      continue;
    }
    if (rowOf.has(id)) {
      ctx.add('task-row-duplicate', sheet.name, at(row, 'id'), { id, row });
      continue;
    }
    rowOf.set(id, row);
    const { task, role } = entry;
    const status = readStatus(index.cell(row, col('status')));
    const progress = readPercent(index.cell(row, col('progress')));
    const completed = readDate(index.cell(row, col('completedOn')));
    const result = readText(index.cell(row, col('result')));
    const difficulties = readText(index.cell(row, col('difficulties')));
    const proposals = readText(index.cell(row, col('proposals')));
    const report: TaskReport = { id, role, result, difficulties, proposals, row };
    reports.push(report);

    if (status.kind === 'blank') {
      ctx.add('status-missing', sheet.name, at(row, 'status'), { task: id });
      continue;
    }
    if (status.kind === 'bad') {
      ctx.add('status-invalid', sheet.name, at(row, 'status'), { task: id, shown: shown(row, 'status') });
      continue;
    }
    report.status = status.value;
    let pct: number | undefined;
    if (progress.kind === 'bad' || (progress.kind === 'ok' && (progress.value < 0 || progress.value > 100))) {
      ctx.add('progress-invalid', sheet.name, at(row, 'progress'), { task: id, shown: shown(row, 'progress') });
    } else if (progress.kind === 'ok') {
      pct = progress.value;
      report.progress = pct;
    }
    if (completed.kind === 'bad') {
      ctx.add('completion-date-invalid', sheet.name, at(row, 'completedOn'), { task: id, shown: shown(row, 'completedOn') });
    } else if (completed.kind === 'ok') {
      report.completedOn = completed.value;
    }

    if (status.value === 'done') {
      if (pct === undefined && progress.kind === 'blank') report.progress = 100; // consolidation counts a done task as 100 %
      if (pct !== undefined && pct !== 100) {
        ctx.add('progress-not-100', sheet.name, at(row, 'progress'), { task: id, shown: shown(row, 'progress') });
      } else if (progress.kind === 'blank') {
        ctx.add('progress-not-100', sheet.name, at(row, 'progress'), { task: id });
      }
      if (completed.kind === 'blank') {
        ctx.add('completion-date-missing', sheet.name, at(row, 'completedOn'), { task: id });
      } else if (completed.kind === 'ok') {
        if (ctx.reportDate && completed.value > ctx.reportDate) {
          ctx.add('completion-date-after-report', sheet.name, at(row, 'completedOn'), { task: id, date: completed.value, reportDate: ctx.reportDate });
        }
        if (completed.value < ctx.np.plan.date) {
          ctx.add('completion-date-before-plan', sheet.name, at(row, 'completedOn'), { task: id, date: completed.value, planDate: ctx.np.plan.date });
        }
      }
    } else {
      if (status.value === 'inProgress' && progress.kind === 'blank') {
        ctx.add('progress-missing', sheet.name, at(row, 'progress'), { task: id });
      }
      if (status.value === 'notStarted') {
        if (pct !== undefined && pct !== 0) {
          ctx.add('progress-not-zero', sheet.name, at(row, 'progress'), { task: id, shown: shown(row, 'progress') });
        }
        if (pct === undefined && progress.kind === 'blank') report.progress = 0;
      }
      if (completed.kind === 'ok') {
        ctx.add('completion-date-not-done', sheet.name, at(row, 'completedOn'), { task: id });
      }
    }

    // Recurring tasks, and staged ones from their start ("từ ngày …"), are duties of every period.
    if (!result && isOngoing(task.deadline, agency.level, cutoff)) {
      ctx.add('recurring-result-missing', sheet.name, at(row, 'result'), { task: id, role: ROLE_LABEL[role].toLowerCase() });
    } else if (!result && status.value !== 'notStarted') {
      ctx.add('result-missing', sheet.name, at(row, 'result'), { task: id, done: status.value === 'done' });
    }

    const due = dueDate(task.deadline, agency.level);
    if (cutoff && due && due < cutoff && status.value !== 'done' && !difficulties) {
      ctx.add('overdue-explanation-missing', sheet.name, at(row, 'difficulties'), { task: id, deadline: deadlineText(task.deadline) });
    }
  }

  // A missing row is reported where it belongs: below the row of the plan's previous task present.
  let previous: { id: string; row: number } | undefined;
  for (const [id, { task }] of assigned) {
    const row = rowOf.get(id);
    if (row !== undefined) {
      previous = { id, row };
      continue;
    }
    const where = index.address(previous ? previous.row + 1 : headerRow + 1, col('id'));
    ctx.add('task-row-missing', sheet.name, where, { id, title: task.title, ...(previous ? { after: previous.id } : {}) });
  }
  return reports;
}
