import type { CheckOutcome } from '../../check/runCheck.ts';
import { h } from '../dom.ts';
import type { AppMode } from '../state.ts';

/** The pane's heading (whose report, which period) and its footer (which plan). */

export function header(mode: AppMode, outcome: CheckOutcome | undefined): HTMLElement {
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

export function footer(mode: AppMode, outcome: CheckOutcome | undefined): HTMLElement {
  const planId = outcome?.kind === 'checked' ? outcome.result.plan : undefined;
  const text =
    mode.kind === 'excel'
      ? 'Add-in kiểm tra biểu mẫu Đề án 06 trong Excel.'
      : 'Trang kiểm tra độc lập dành cho người dùng LibreOffice, WPS hoặc Excel không cài add-in.';
  return h('footer', { className: 'app-footer' }, h('p', {}, text), planId ? h('p', {}, `Kế hoạch: ${planId}`) : null);
}
