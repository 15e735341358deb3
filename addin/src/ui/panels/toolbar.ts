import { count, h } from '../dom.ts';

/** Excel's buttons: check, highlight and clear (where cells can be painted), the encoding fix. */

export interface ToolbarProps {
  busy: boolean;
  /** Painting and fixing are possible in this Excel. */
  canEdit: boolean;
  /** Cells with issues to paint (0 before a check). */
  markCount: number;
  /** Legacy-encoded cells the fix would convert. */
  fixCount: number;
  confirming: boolean;
  onCheck: () => void;
  onHighlight: () => void;
  onClear: () => void;
  onFix: () => void;
}

export function toolbar(p: ToolbarProps): HTMLElement {
  return h(
    'div',
    { className: 'toolbar', role: 'toolbar', 'aria-label': 'Thao tác' },
    h('button', { type: 'button', id: 'check-button', className: 'btn btn-primary btn-wide', disabled: p.busy, onclick: p.onCheck }, 'Kiểm tra báo cáo'),
    p.canEdit &&
      h(
        'div',
        { className: 'toolbar-row' },
        h('button', { type: 'button', id: 'highlight-button', className: 'btn', disabled: p.busy || p.markCount === 0, onclick: p.onHighlight }, 'Đánh dấu ô lỗi'),
        h('button', { type: 'button', id: 'clear-button', className: 'btn', disabled: p.busy, onclick: p.onClear }, 'Xóa đánh dấu'),
      ),
    p.fixCount
      ? h('button', { type: 'button', id: 'fix-button', className: 'btn btn-wide', disabled: p.busy || p.confirming, onclick: p.onFix }, `Sửa bảng mã (${count(p.fixCount, 'ô')})`)
      : null,
  );
}
