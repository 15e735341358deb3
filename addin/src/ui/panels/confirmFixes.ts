import type { TextFix } from '../../host.ts';
import { count, h } from '../dom.ts';

/** "Sửa bảng mã": the cells, their text before and after, and the clerk's go-ahead. */
export function confirmFixes(list: readonly TextFix[], onConfirm: () => void, onCancel: () => void): HTMLElement {
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
      h('button', { type: 'button', id: 'fix-confirm', className: 'btn btn-primary', onclick: onConfirm }, 'Sửa'),
      h('button', { type: 'button', id: 'fix-cancel', className: 'btn', onclick: onCancel }, 'Hủy'),
    ),
  );
}
