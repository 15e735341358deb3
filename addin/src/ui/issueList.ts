import { CATALOGUE } from '../../../core/validation/catalogue.ts';
import type { Issue } from '../../../core/validation/catalogue.ts';
import { groupBySheet } from '../check/runCheck.ts';
import { count, h } from './dom.ts';

/**
 * The issue list: one section per sheet with its counts, one item per issue. In Excel an item is a
 * button (click or Enter selects the cell); each item has a help toggle with the catalogue's meaning
 * and fix for its code.
 */

export interface IssueListOptions {
  /** Called when the clerk activates an issue; absent in the standalone page (no sheet to go to). */
  onActivate?: (issue: Issue) => void;
}

const SEVERITY_LABEL = { error: 'Lỗi', warning: 'Cảnh báo' } as const;

function sheetTitle(sheet: string): string {
  return sheet === '' ? 'Toàn tệp' : `Trang “${sheet}”`;
}

function helpBlock(issue: Issue, id: string): HTMLElement {
  const entry = CATALOGUE[issue.code];
  return h(
    'div',
    { className: 'issue-help', id, hidden: true },
    h('p', {}, h('strong', {}, 'Ý nghĩa: '), entry.meaning),
    h('p', {}, h('strong', {}, 'Cách sửa: '), entry.fix),
    h('p', { className: 'issue-code' }, `Mã: ${issue.code}`),
  );
}

let helpIds = 0;

function issueItem(issue: Issue, options: IssueListOptions): HTMLElement {
  const entry = CATALOGUE[issue.code];
  const where = issue.cell
    ? [h('span', { className: 'visually-hidden' }, 'Ô '), issue.cell]
    : [issue.sheet ? 'Cả trang' : 'Cả tệp'];
  const body = [
    h('span', { className: `sev-icon sev-${issue.severity}`, 'aria-hidden': 'true' }, issue.severity === 'error' ? '✕' : '!'),
    h(
      'span',
      { className: 'issue-text' },
      h('span', { className: 'issue-head' }, h('span', { className: issue.cell ? 'issue-cell' : 'issue-cell issue-cell-wide' }, ...where), h('span', { className: 'issue-title' }, entry.title)),
      h('span', { className: 'issue-message' }, issue.message),
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
  const help = helpBlock(issue, helpId);
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
  return h('li', { className: `issue issue-${issue.severity}` }, h('div', { className: 'issue-row' }, main, toggle), help);
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
