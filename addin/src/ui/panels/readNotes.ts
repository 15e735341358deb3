import { h } from '../dom.ts';

/**
 * Plain-Vietnamese notes for what this Excel could not let the check see or do (older Excel: see
 * addin/README.md). Said once under the verdict, never in terms of API versions.
 */
export interface ReadLimitsSeen {
  mergesUnknown: boolean;
  fontsUnknown: boolean;
  /** Cells can be painted and fixed (false in Excel whose sheets' protection cannot be lifted). */
  canEdit: boolean;
}

export const NOTES = {
  merges:
    'Phiên bản Excel này không cho add-in biết ô nào đang được gộp (Merge), nên chưa kiểm tra được lỗi gộp ô. Đừng gộp ô ở các cột cần ghi; Công an tỉnh sẽ kiểm tra lại khi nhận tệp.',
  fonts:
    'Với bảng tính lớn như thế này, phiên bản Excel này không cho add-in đọc phông chữ của từng ô: chữ gõ bằng bảng mã cũ (TCVN3, VNI) chỉ được nhận ra qua nội dung nên có thể sót.',
  edit: 'Phiên bản Excel này không cho add-in tô màu hay sửa ô trên trang tính được bảo vệ. Bấm vào từng mục để đến ô cần sửa; với chữ gõ bằng bảng mã cũ, chép chữ đúng ở mục đó và dán vào ô.',
} as const;

export function readNotes(seen: ReadLimitsSeen): HTMLElement[] {
  const notes: string[] = [];
  if (seen.mergesUnknown) notes.push(NOTES.merges);
  if (seen.fontsUnknown) notes.push(NOTES.fonts);
  if (!seen.canEdit) notes.push(NOTES.edit);
  return notes.map((text) => h('p', { className: 'summary-note read-note' }, text));
}
