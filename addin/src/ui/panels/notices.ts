import { h } from '../dom.ts';
import type { AppMode, Notice } from '../state.ts';

/** Excel too old for any add-in (said without API names), and the busy / result notice. */

export function modeNote(mode: AppMode): HTMLElement | null {
  if (mode.kind !== 'unsupported') return null;
  return h(
    'div',
    { className: 'notice notice-error', role: 'alert' },
    h('strong', {}, 'Phiên bản Excel này quá cũ, chưa chạy được add-in. '),
    'Add-in cần Excel 2016 trở lên, Microsoft 365 hoặc Excel trên web. Trong lúc chờ cập nhật, bạn vẫn có thể lưu tệp rồi chọn tệp đó bên dưới để kiểm tra.',
  );
}

export function noticeBox(busy: string | undefined, notice: Notice | undefined): HTMLElement | null {
  if (busy) return h('div', { className: 'notice notice-busy' }, h('span', { className: 'spinner', 'aria-hidden': 'true' }), busy);
  if (!notice) return null;
  return h('div', { className: `notice notice-${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status' }, notice.text);
}
