import { h } from '../dom.ts';

/**
 * The standalone page's file picker. The input is never a Tab stop of its own (an invisible one
 * would swallow the first Tab): the visible "Chọn tệp…" button opens it.
 */
export function dropZone(onFile: (file: File) => void): HTMLElement {
  const input = h('input', {
    type: 'file',
    id: 'file-input',
    hidden: true,
    tabindex: -1,
    'aria-hidden': 'true',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    onchange: () => {
      const file = input.files?.[0];
      if (file) onFile(file);
      input.value = '';
    },
  });
  return h(
    'div',
    { className: 'drop-zone', id: 'drop-zone' },
    h('p', { className: 'drop-title' }, 'Kéo thả tệp báo cáo (.xlsx) vào đây'),
    h('p', { className: 'drop-or' }, 'hoặc'),
    input,
    h('button', { type: 'button', id: 'choose-file', className: 'btn btn-primary', onclick: () => input.click() }, 'Chọn tệp…'),
    h('p', { className: 'drop-hint' }, 'Tệp được đọc và kiểm tra ngay trong trình duyệt, không cần mạng và không gửi đi đâu.'),
  );
}

/** Dropping a file anywhere on the page checks it. */
export function acceptDrops(doc: Document, root: HTMLElement, onFile: (file: File) => void): void {
  const prevent = (e: DragEvent) => {
    e.preventDefault();
    root.querySelector('#drop-zone')?.classList.toggle('drop-active', e.type === 'dragover');
  };
  doc.addEventListener('dragover', prevent);
  doc.addEventListener('dragleave', prevent);
  doc.addEventListener('drop', (e) => {
    prevent(e);
    const file = e.dataTransfer?.files?.[0];
    if (file) onFile(file);
  });
}
