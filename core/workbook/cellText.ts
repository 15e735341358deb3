import type { Cell } from './model.ts';

/** A cell's value as trimmed NFC text ('' when empty); numbers as String(n), dates as ISO. */
export function cellText(cell: Cell | undefined): string {
  const v = cell?.value;
  if (!v) return '';
  switch (v.t) {
    case 'text':
      return v.v.normalize('NFC').trim();
    case 'number':
      return String(v.v);
    case 'date':
      return v.v;
    case 'boolean':
      return String(v.v);
    default:
      return '';
  }
}
