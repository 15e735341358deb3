import type { Issue } from '../../../core/validation/catalogue.ts';
import { CATALOGUE } from '../../../core/validation/catalogue.ts';
import type { WorkbookModel } from '../../../core/workbook/model.ts';
import type { HostRead, Mark, TextFix, WorkbookHost } from '../host.ts';
import { legacyFixes, runCheck, type CheckOutcome, type PlanLibrary } from '../check/runCheck.ts';
import { count, h } from './dom.ts';
import { issueList } from './issueList.ts';
import { readNotes } from './readNotes.ts';

/**
 * The pane: plain TypeScript and DOM. In Excel it talks to a WorkbookHost; in a plain browser (the
 * standalone validator) it reads a chosen or dropped .xlsx with the same core validator.
 */

export type AppMode =
  | { kind: 'excel'; host: WorkbookHost }
  | { kind: 'standalone'; reason: 'no-office' | 'timeout' | 'other-host' }
  /** Excel too old for the add-in: the file check still works. */
  | { kind: 'unsupported' };

export interface AppDeps {
  library: PlanLibrary;
  /** Reads an .xlsx file's bytes into the model, or a reason the clerk can read. */
  readFile: (bytes: Uint8Array) => Promise<WorkbookModel | string>;
  today?: () => string;
}

type Notice = { kind: 'info' | 'success' | 'error'; text: string };

interface State {
  busy?: string;
  notice?: Notice;
  outcome?: CheckOutcome;
  model?: WorkbookModel;
  /** The standalone page: the file being shown. */
  fileName?: string;
  /** Sheets read only in part (too many rows or columns). */
  truncated: { sheet: string; rows: number; cols: number }[];
  /** What this Excel could not tell the check (merges, fonts). */
  unknown: Pick<HostRead, 'mergesUnknown' | 'fontsUnknown'>;
  /** The standalone page: a file that could not be read. */
  unreadable?: string;
  confirmFixes?: TextFix[];
  highlighted: boolean;
}

function excelError(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `Excel báo lỗi: ${detail}. Hãy thử lại; nếu trang tính bị khóa bằng mật khẩu, hãy mở khóa trước.`;
}

export function mountApp(root: HTMLElement, mode: AppMode, deps: AppDeps): { check: () => Promise<void> } {
  const state: State = { truncated: [], unknown: { mergesUnknown: false, fontsUnknown: false }, highlighted: false };
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

  // ——— rendering ———

  function header(): HTMLElement {
    const outcome = state.outcome;
    const sub =
      outcome?.kind === 'checked' && outcome.agencyName
        ? [outcome.agencyName, outcome.periodLabel].filter(Boolean).join(' · ')
        : mode.kind === 'excel'
          ? 'Biểu mẫu báo cáo tháng Đề án 06'
          : 'Kiểm tra tệp báo cáo .xlsx ngay trên máy';
    return h(
      'header',
      { className: 'app-header' },
      h('img', { src: './assets/icon-32.png', alt: '', width: 24, height: 24 }),
      h('div', {}, h('h1', {}, mode.kind === 'excel' ? 'Kiểm tra báo cáo' : 'Kiểm tra báo cáo Đề án 06'), h('p', { className: 'subtitle' }, sub)),
    );
  }

  function toolbar(): HTMLElement {
    const busy = !!state.busy;
    const checked = state.outcome?.kind === 'checked';
    const fixCount = fixes().length;
    return h(
      'div',
      { className: 'toolbar', role: 'toolbar', 'aria-label': 'Thao tác' },
      h('button', { type: 'button', id: 'check-button', className: 'btn btn-primary btn-wide', disabled: busy, onclick: () => void checkWorkbook() }, 'Kiểm tra báo cáo'),
      canEdit &&
      h(
        'div',
        { className: 'toolbar-row' },
        h(
          'button',
          { type: 'button', id: 'highlight-button', className: 'btn', disabled: busy || !checked || marks().length === 0, onclick: () => void highlight() },
          'Đánh dấu ô lỗi',
        ),
        h('button', { type: 'button', id: 'clear-button', className: 'btn', disabled: busy, onclick: () => void clearHighlight() }, 'Xóa đánh dấu'),
      ),
      fixCount
        ? h('button', { type: 'button', id: 'fix-button', className: 'btn btn-wide', disabled: busy || !!state.confirmFixes, onclick: askFixes }, `Sửa bảng mã (${count(fixCount, 'ô')})`)
        : null,
    );
  }

  function dropZone(): HTMLElement {
    // The input is never a Tab stop of its own (an invisible one would swallow the first Tab): the
    // visible button opens it.
    const input = h('input', {
      type: 'file',
      id: 'file-input',
      hidden: true,
      tabindex: -1,
      'aria-hidden': 'true',
      accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      onchange: () => {
        const file = input.files?.[0];
        if (file) void checkFile(file);
        input.value = '';
      },
    });
    const zone = h(
      'div',
      { className: 'drop-zone', id: 'drop-zone' },
      h('p', { className: 'drop-title' }, 'Kéo thả tệp báo cáo (.xlsx) vào đây'),
      h('p', { className: 'drop-or' }, 'hoặc'),
      input,
      h('button', { type: 'button', id: 'choose-file', className: 'btn btn-primary', onclick: () => input.click() }, 'Chọn tệp…'),
      h('p', { className: 'drop-hint' }, 'Tệp được đọc và kiểm tra ngay trong trình duyệt, không cần mạng và không gửi đi đâu.'),
    );
    return zone;
  }

  function modeNote(): HTMLElement | null {
    if (mode.kind === 'unsupported') {
      return h(
        'div',
        { className: 'notice notice-error', role: 'alert' },
        h('strong', {}, 'Phiên bản Excel này quá cũ, chưa chạy được add-in. '),
        'Add-in cần Excel 2016 trở lên, Microsoft 365 hoặc Excel trên web. Trong lúc chờ cập nhật, bạn vẫn có thể lưu tệp rồi chọn tệp đó bên dưới để kiểm tra.',
      );
    }
    return null;
  }

  function noticeBox(): HTMLElement | null {
    if (state.busy) return h('div', { className: 'notice notice-busy' }, h('span', { className: 'spinner', 'aria-hidden': 'true' }), state.busy);
    if (!state.notice) return null;
    return h('div', { className: `notice notice-${state.notice.kind}`, role: state.notice.kind === 'error' ? 'alert' : 'status' }, state.notice.text);
  }

  function confirmPanel(): HTMLElement | null {
    const list = state.confirmFixes;
    if (!list) return null;
    return h(
      'div',
      { className: 'confirm', role: 'dialog', 'aria-labelledby': 'confirm-title', 'aria-modal': 'false' },
      h('h2', { id: 'confirm-title', tabindex: -1 }, `Sửa bảng mã cho ${count(list.length, 'ô')}?`),
      h('p', {}, 'Chữ gõ bằng bảng mã cũ (TCVN3/VNI) sẽ được thay bằng chữ Unicode và đổi sang phông Times New Roman:'),
      h(
        'ul',
        { className: 'fix-list' },
        list.map((f) =>
          h('li', {}, h('span', { className: 'issue-cell' }, `${f.sheet}!${f.cell}`), h('span', { className: 'fix-old' }, f.expected), h('span', { className: 'fix-new' }, `→ ${f.replacement}`)),
        ),
      ),
      h(
        'div',
        { className: 'toolbar-row' },
        h('button', { type: 'button', id: 'fix-confirm', className: 'btn btn-primary', onclick: () => void applyFixes() }, 'Sửa'),
        h('button', { type: 'button', id: 'fix-cancel', className: 'btn', onclick: cancelFixes }, 'Hủy'),
      ),
    );
  }

  function summary(): HTMLElement | null {
    if (state.unreadable) {
      return h(
        'div',
        { className: 'summary summary-error', id: 'summary', tabindex: -1 },
        h('p', { className: 'summary-title' }, CATALOGUE['file-unreadable'].title),
        h('p', {}, state.fileName ? `${state.fileName}: ${state.unreadable}` : state.unreadable),
      );
    }
    const outcome = state.outcome;
    if (!outcome) {
      if (mode.kind !== 'excel') return null;
      return h(
        'div',
        { className: 'summary summary-idle', id: 'summary', tabindex: -1 },
        h('p', {}, 'Bấm “Kiểm tra báo cáo” để kiểm tra bảng tính đang mở. Add-in chỉ thay đổi bảng tính khi bạn bấm “Đánh dấu ô lỗi”, “Xóa đánh dấu” hoặc “Sửa bảng mã”.'),
      );
    }
    if (outcome.kind === 'plan-error') {
      return h(
        'div',
        { className: 'summary summary-error', id: 'summary', tabindex: -1 },
        h('p', { className: 'summary-title' }, 'Tệp kế hoạch trong add-in bị lỗi'),
        h('p', {}, 'Hãy báo Công an tỉnh kèm nội dung sau:'),
        h('pre', {}, outcome.problems.join('\n')),
      );
    }
    const { errors, warnings } = outcome.result.counts;
    const valid = outcome.result.valid;
    const title = valid
      ? warnings
        ? `Báo cáo hợp lệ, còn ${count(warnings, 'cảnh báo')}`
        : 'Báo cáo hợp lệ'
      : `Báo cáo chưa hợp lệ: ${count(errors, 'lỗi')}${warnings ? `, ${count(warnings, 'cảnh báo')}` : ''}`;
    const advice = valid
      ? warnings
        ? 'Có thể gửi báo cáo; nên xem lại các cảnh báo bên dưới.'
        : 'Không phát hiện lỗi nào. Có thể lưu và gửi báo cáo.'
      : mode.kind === 'excel'
        ? 'Bấm vào từng mục để đến ô cần sửa, sửa xong bấm “Kiểm tra báo cáo” lại.'
        : 'Mở tệp bằng Excel hoặc LibreOffice, sửa các ô được nêu rồi kiểm tra lại.';
    return h(
      'div',
      { className: `summary ${valid ? (warnings ? 'summary-warning' : 'summary-ok') : 'summary-error'}`, id: 'summary', tabindex: -1, 'data-errors': errors, 'data-warnings': warnings },
      h('p', { className: 'summary-title' }, h('span', { className: `sev-icon ${valid ? 'sev-ok' : 'sev-error'}`, 'aria-hidden': 'true' }, valid ? '✓' : '✕'), title),
      state.fileName && mode.kind !== 'excel' ? h('p', { className: 'summary-file' }, `Tệp: ${state.fileName}`) : null,
      h('p', {}, advice),
      ...readNotes({ ...state.unknown, canEdit: !host || canEdit }),
      state.truncated.length
        ? h(
            'p',
            { className: 'summary-note' },
            `Chỉ kiểm tra phần đầu của ${state.truncated.map((t) => `trang “${t.sheet}” (${t.rows.toLocaleString('vi-VN')} dòng)`).join(', ')}: hãy xóa các dòng, cột thừa.`,
          )
        : null,
    );
  }

  function footer(): HTMLElement {
    const planId = state.outcome?.kind === 'checked' ? state.outcome.result.plan : undefined;
    const text =
      mode.kind === 'excel'
        ? 'Add-in kiểm tra biểu mẫu Đề án 06 trong Excel.'
        : 'Trang kiểm tra độc lập dành cho người dùng LibreOffice, WPS hoặc Excel không cài add-in.';
    return h('footer', { className: 'app-footer' }, h('p', {}, text), planId ? h('p', {}, `Kế hoạch: ${planId}`) : null);
  }

  function render(): void {
    const outcome = state.outcome;
    const list =
      outcome?.kind === 'checked' && outcome.result.issues.length
        ? issueList(outcome.result.issues, { ...(host ? { onActivate: (i: Issue) => void select(i) } : {}), fixButton: canEdit })
        : null;
    root.replaceChildren(
      header(),
      h(
        'main',
        { className: 'app-main', 'aria-busy': state.busy ? 'true' : 'false' },
        modeNote(),
        host ? toolbar() : dropZone(),
        noticeBox(),
        confirmPanel(),
        summary(),
        list,
        h('p', { id: 'live', className: 'visually-hidden', 'aria-live': 'polite' }),
      ),
      footer(),
    );
  }

  if (!host) {
    // Dropping a file anywhere on the page checks it.
    const prevent = (e: DragEvent) => {
      e.preventDefault();
      root.querySelector('#drop-zone')?.classList.toggle('drop-active', e.type === 'dragover');
    };
    root.ownerDocument.addEventListener('dragover', prevent);
    root.ownerDocument.addEventListener('dragleave', prevent);
    root.ownerDocument.addEventListener('drop', (e) => {
      prevent(e);
      const file = e.dataTransfer?.files?.[0];
      if (file) void checkFile(file);
    });
  }

  render();
  return { check: checkWorkbook };
}
