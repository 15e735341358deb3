import { CATALOGUE } from '../../../../core/validation/catalogue.ts';
import { count, h } from '../dom.ts';
import { readNotes } from './readNotes.ts';
import type { AppMode, State } from '../state.ts';

/** The verdict: valid or not with its counts, what to do next, and what this Excel could not check. */
export function summary(mode: AppMode, state: State, canEdit: boolean): HTMLElement | null {
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
    ...readNotes({ ...state.unknown, canEdit: mode.kind !== 'excel' || canEdit }),
    state.truncated.length
      ? h(
          'p',
          { className: 'summary-note' },
          `Chỉ kiểm tra phần đầu của ${state.truncated.map((t) => `trang “${t.sheet}” (${t.rows.toLocaleString('vi-VN')} dòng)`).join(', ')}: hãy xóa các dòng, cột thừa.`,
        )
      : null,
  );
}
