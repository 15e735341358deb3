import { CATALOGUE, SEVERITY_LABEL } from '../../../../core/validation/catalogue.ts';
import type { Issue } from '../../../../core/validation/catalogue.ts';
import { groupBySheet } from '../../check/runCheck.ts';
import { count, h } from '../dom.ts';

/**
 * The issue list: one section per sheet with its counts, one item per issue. In Excel an item is a
 * button (click or Enter selects the cell); each item has a help toggle with the catalogue's meaning
 * and fix for its code.
 *
 * Legacy-encoded text: where the pane has no "Sửa bảng mã" button (the standalone page, LibreOffice
 * users; Excel that cannot lift the sheets' protection), the item shows the converted text to copy
 * instead of pointing at a button that is not there.
 */

export interface IssueListOptions {
  /** Called when the clerk activates an issue; absent in the standalone page (no sheet to go to). */
  onActivate?: (issue: Issue) => void;
  /** The pane has the "Sửa bảng mã" button; otherwise converted text is offered to copy. */
  fixButton?: boolean;
}

/** What to do with legacy text when there is no button: copy the Unicode text shown. */
export const COPY_FIX = 'Chép chữ đúng (chữ Unicode) ở dưới, dán vào ô thay cho chữ cũ rồi chọn phông Times New Roman; hoặc gõ lại bằng Unicode.';

function copyBlock(issue: Issue, replacement: string): HTMLElement {
  const text = h('textarea', { className: 'copy-text', readonly: true, rows: 2, 'aria-label': `Chữ đúng cho ô ${issue.cell}` });
  text.value = replacement;
  const status = h('span', { className: 'copy-status', 'aria-live': 'polite' });
  const button = h(
    'button',
    {
      type: 'button',
      className: 'btn btn-small copy-button',
      onclick: async () => {
        text.focus();
        text.select();
        try {
          await navigator.clipboard.writeText(replacement);
          status.textContent = 'Đã chép.';
        } catch {
          // No clipboard permission (an old browser, a file:// page): the text is selected for Ctrl+C.
          status.textContent = 'Bấm Ctrl+C để chép đoạn chữ đã chọn.';
        }
      },
    },
    'Chép chữ đúng',
  );
  return h('div', { className: 'copy-fix' }, h('p', { className: 'copy-hint' }, COPY_FIX), text, h('div', { className: 'copy-actions' }, button, status));
}

function sheetTitle(sheet: string): string {
  return sheet === '' ? 'Toàn tệp' : `Trang “${sheet}”`;
}

function helpBlock(issue: Issue, id: string, copying: boolean): HTMLElement {
  const entry = CATALOGUE[issue.code];
  return h(
    'div',
    { className: 'issue-help', id, hidden: true },
    h('p', {}, h('strong', {}, 'Ý nghĩa: '), entry.meaning),
    h('p', {}, h('strong', {}, 'Cách sửa: '), copying ? COPY_FIX : entry.fix),
    h('p', { className: 'issue-code' }, `Mã: ${issue.code}`),
  );
}

let helpIds = 0;

/** The message without its advice to press the add-in's button (the first sentence that names it). */
function withoutButtonAdvice(message: string): string {
  return message.replace(/\s*[^.]*"Sửa bảng mã"[^.]*\.?/g, '').trim();
}

function issueItem(issue: Issue, options: IssueListOptions): HTMLElement {
  const entry = CATALOGUE[issue.code];
  const copying = !!issue.fix && !options.fixButton;
  const where = issue.cell
    ? [h('span', { className: 'visually-hidden' }, 'Ô '), issue.cell]
    : [issue.sheet ? 'Cả trang' : 'Cả tệp'];
  const body = [
    h('span', { className: `sev-icon sev-${issue.severity}`, 'aria-hidden': 'true' }, issue.severity === 'error' ? '✕' : '!'),
    h(
      'span',
      { className: 'issue-text' },
      h('span', { className: 'issue-head' }, h('span', { className: issue.cell ? 'issue-cell' : 'issue-cell issue-cell-wide' }, ...where), h('span', { className: 'issue-title' }, entry.title)),
      h('span', { className: 'issue-message' }, copying ? withoutButtonAdvice(issue.message) : issue.message),
      h('span', { className: 'visually-hidden' }, ` (${SEVERITY_LABEL[issue.severity]})`),
    ),
  ];
  // Only an issue with a cell can be gone to (a missing sheet has none).
  const main = options.onActivate && issue.cell
    ? h(
        'button',
        {
          type: 'button',
          className: 'issue-main',
          title: `Chọn ô ${issue.cell} trên trang ${issue.sheet}`,
          'data-sheet': issue.sheet,
          'data-cell': issue.cell,
          'data-code': issue.code,
          onclick: () => options.onActivate?.(issue),
        },
        ...body,
      )
    : h('div', { className: 'issue-main', 'data-sheet': issue.sheet, 'data-cell': issue.cell, 'data-code': issue.code }, ...body);
  const helpId = `help-${++helpIds}`;
  const help = helpBlock(issue, helpId, copying);
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'help-toggle',
      'aria-expanded': 'false',
      'aria-controls': helpId,
      title: 'Giải thích và cách sửa',
      'aria-label': `Giải thích và cách sửa: ${entry.title}`,
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        help.hidden = !open;
      },
    },
    '?',
  );
  return h(
    'li',
    { className: `issue issue-${issue.severity}` },
    h('div', { className: 'issue-row' }, main, toggle),
    copying && issue.fix ? copyBlock(issue, issue.fix.replacement) : null,
    help,
  );
}

export function issueList(issues: readonly Issue[], options: IssueListOptions = {}): HTMLElement {
  const root = h('div', { className: 'groups' });
  for (const group of groupBySheet(issues)) {
    const listId = `group-${++helpIds}`;
    const list = h('ul', { className: 'issue-list', id: listId }, group.issues.map((i) => issueItem(i, options)));
    const toggle = h(
      'button',
      {
        type: 'button',
        className: 'group-toggle',
        'aria-expanded': 'true',
        'aria-controls': listId,
        onclick: () => {
          const open = toggle.getAttribute('aria-expanded') !== 'true';
          toggle.setAttribute('aria-expanded', String(open));
          list.hidden = !open;
        },
      },
      h('span', { className: 'chevron', 'aria-hidden': 'true' }),
      h('span', { className: 'group-name' }, sheetTitle(group.sheet)),
      group.errors ? h('span', { className: 'badge badge-error' }, count(group.errors, 'lỗi')) : null,
      group.warnings ? h('span', { className: 'badge badge-warning' }, count(group.warnings, 'cảnh báo')) : null,
    );
    root.append(h('section', { className: 'group', 'data-sheet': group.sheet }, h('h2', {}, toggle), list));
  }
  return root;
}
