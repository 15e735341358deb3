import type { Issue } from '../../../core/validation/catalogue.ts';
import type { WorkbookModel } from '../../../core/workbook/model.ts';
import type { Mark, TextFix } from '../host.ts';
import { legacyFixes, runCheck, type CheckOutcome } from '../check/runCheck.ts';
import { count, h } from './dom.ts';
import { issueList } from './panels/issueList.ts';
import { initialState, type AppDeps, type AppMode, type Notice, type State } from './state.ts';
import { footer, header } from './panels/frame.ts';
import { toolbar } from './panels/toolbar.ts';
import { acceptDrops, dropZone } from './panels/dropZone.ts';
import { modeNote, noticeBox } from './panels/notices.ts';
import { confirmFixes } from './panels/confirmFixes.ts';
import { summary } from './panels/summary.ts';

export type { AppDeps, AppMode } from './state.ts';

/**
 * The pane: plain TypeScript and DOM. It holds the state and the actions; each panel (panels/) is a
 * small function of the state that receives the actions it triggers. In Excel it talks to a
 * WorkbookHost; in a plain browser (the standalone validator) it reads a chosen or dropped .xlsx
 * with the same core check.
 */

function excelError(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `Excel báo lỗi: ${detail}. Hãy thử lại; nếu trang tính bị khóa bằng mật khẩu, hãy mở khóa trước.`;
}

export function mountApp(root: HTMLElement, mode: AppMode, deps: AppDeps): { check: () => Promise<void> } {
  const state: State = initialState();
  const host = mode.kind === 'excel' ? mode.host : undefined;
  /** Cells can be painted and fixed here; otherwise legacy text is offered to copy. */
  const canEdit = !!host?.abilities.edit;

  const issues = (): Issue[] => (state.outcome?.kind === 'checked' ? state.outcome.result.issues : []);
  const marks = (): Mark[] => issues().filter((i) => i.sheet && i.cell).map((i) => ({ sheet: i.sheet, cell: i.cell, severity: i.severity }));
  let fixCache: { outcome?: CheckOutcome; list: TextFix[] } = { list: [] };
  const fixes = (): TextFix[] => {
    if (fixCache.outcome !== state.outcome) fixCache = { outcome: state.outcome, list: canEdit && state.model ? legacyFixes(state.model, issues()) : [] };
    return fixCache.list;
  };

  async function task(busy: string, work: () => Promise<void>, focusSelector?: string): Promise<void> {
    state.busy = busy;
    state.notice = undefined;
    render();
    try {
      await work();
    } catch (e) {
      state.notice = { kind: 'error', text: host ? excelError(e) : `Có lỗi khi kiểm tra: ${e instanceof Error ? e.message : String(e)}` };
    }
    state.busy = undefined;
    render();
    if (focusSelector) root.querySelector<HTMLElement>(focusSelector)?.focus();
  }

  function checkModel(model: WorkbookModel, fileName?: string): void {
    state.model = model;
    state.outcome = runCheck(deps.library, model, { ...(deps.today ? { today: deps.today() } : {}), ...(fileName ? { fileName } : {}) });
  }

  async function readAndCheck(): Promise<void> {
    const read = await host!.read();
    state.unreadable = read.unreadable;
    if (read.unreadable) {
      state.outcome = undefined;
      state.model = undefined;
      return;
    }
    state.truncated = read.truncated;
    state.unknown = { mergesUnknown: read.mergesUnknown, fontsUnknown: read.fontsUnknown };
    checkModel(read.model, read.fileName);
  }

  async function checkWorkbook(): Promise<void> {
    if (!host) return;
    await task('Đang đọc và kiểm tra bảng tính…', readAndCheck, '#summary');
  }

  async function checkFile(file: File): Promise<void> {
    await task(
      `Đang đọc tệp ${file.name}…`,
      async () => {
        state.fileName = file.name;
        state.outcome = undefined;
        state.model = undefined;
        state.unreadable = undefined;
        if (!/\.xlsx$/i.test(file.name)) {
          state.unreadable = 'Chỉ kiểm tra được tệp Excel dạng .xlsx. Với tệp .xls hoặc .ods, hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx.';
          return;
        }
        const model = await deps.readFile(new Uint8Array(await file.arrayBuffer()));
        if (typeof model === 'string') state.unreadable = model;
        else checkModel(model, file.name);
      },
      '#summary',
    );
  }

  async function select(issue: Issue): Promise<void> {
    if (!host || !issue.sheet) return;
    const live = root.querySelector('#live');
    try {
      await host.select(issue.sheet, issue.cell);
      if (live) live.textContent = issue.cell ? `Đã chọn ô ${issue.cell} trên trang “${issue.sheet}”.` : `Đã mở trang “${issue.sheet}”.`;
    } catch (e) {
      state.notice = { kind: 'error', text: excelError(e) };
      render();
    }
  }

  async function highlight(): Promise<void> {
    if (!host) return;
    await task('Đang đánh dấu ô lỗi…', async () => {
      const result = await host.highlight(marks());
      state.highlighted = result.painted > 0;
      const keep = host.abilities.fillsSaved
        ? 'Bấm “Xóa đánh dấu” để trả lại màu nền cũ.'
        : 'Màu nền cũ chỉ được ghi nhớ trong ngăn này: hãy bấm “Xóa đánh dấu” trước khi đóng ngăn hoặc đóng tệp.';
      state.notice = {
        kind: 'success',
        text: result.painted ? `Đã tô màu ${count(result.painted, 'ô')}: đỏ là lỗi, vàng là cảnh báo. ${keep}` : 'Không có ô nào cần đánh dấu.',
      };
    });
  }

  async function clearHighlight(): Promise<void> {
    if (!host) return;
    await task('Đang xóa đánh dấu…', async () => {
      const result = await host.clearHighlight();
      state.highlighted = false;
      const kept = result.kept ? ` ${count(result.kept, 'ô')} đã được đổi màu sau khi đánh dấu nên được giữ nguyên.` : '';
      state.notice = {
        kind: result.restored || result.kept ? 'success' : 'info',
        text: result.restored || result.kept ? `Đã xóa đánh dấu và trả lại màu nền cũ cho ${count(result.restored, 'ô')}.${kept}` : 'Không có ô nào đang được đánh dấu.',
      };
    });
  }

  function askFixes(): void {
    state.confirmFixes = fixes();
    state.notice = undefined;
    render();
    root.querySelector<HTMLElement>('#confirm-title')?.focus();
  }

  async function applyFixes(): Promise<void> {
    const list = state.confirmFixes ?? [];
    state.confirmFixes = undefined;
    if (!host || !list.length) return render();
    let message: Notice | undefined;
    await task('Đang sửa bảng mã…', async () => {
      const result = await host.applyFixes(list);
      const skipped = result.skipped.length ? ` ${count(result.skipped.length, 'ô')} đã bị sửa sau lần kiểm tra nên được giữ nguyên.` : '';
      message = { kind: 'success', text: `Đã chuyển ${count(result.fixed.length, 'ô')} sang chữ Unicode (phông Times New Roman).${skipped}` };
      await readAndCheck();
    }, '#summary');
    if (message && state.notice?.kind !== 'error') {
      state.notice = message;
      render();
    }
  }

  function cancelFixes(): void {
    state.confirmFixes = undefined;
    render();
    root.querySelector<HTMLElement>('#fix-button')?.focus();
  }

  function render(): void {
    const outcome = state.outcome;
    const list =
      outcome?.kind === 'checked' && outcome.result.issues.length
        ? issueList(outcome.result.issues, { ...(host ? { onActivate: (i: Issue) => void select(i) } : {}), fixButton: canEdit })
        : null;
    const controls = host
      ? toolbar({
          busy: !!state.busy,
          canEdit,
          markCount: state.outcome?.kind === 'checked' ? marks().length : 0,
          fixCount: fixes().length,
          confirming: !!state.confirmFixes,
          onCheck: () => void checkWorkbook(),
          onHighlight: () => void highlight(),
          onClear: () => void clearHighlight(),
          onFix: askFixes,
        })
      : dropZone((file) => void checkFile(file));
    root.replaceChildren(
      header(mode, outcome),
      h(
        'main',
        { className: 'app-main', 'aria-busy': state.busy ? 'true' : 'false' },
        modeNote(mode),
        controls,
        noticeBox(state.busy, state.notice),
        state.confirmFixes ? confirmFixes(state.confirmFixes, () => void applyFixes(), cancelFixes) : null,
        summary(mode, state, canEdit),
        list,
        h('p', { id: 'live', className: 'visually-hidden', 'aria-live': 'polite' }),
      ),
      footer(mode, outcome),
    );
  }

  if (!host) acceptDrops(root.ownerDocument, root, (file) => void checkFile(file));

  render();
  return { check: checkWorkbook };
}
