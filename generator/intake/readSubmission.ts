import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ZIP_LIMITS } from '../../xlsx/zipGuard.ts';

export type ReadSubmission = { data: Uint8Array; mtime: string } | { error: string; mtime: string };

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

/**
 * Reads one submitted file, safely: opened without blocking (a FIFO named x.xlsx would otherwise
 * wait forever for a writer), then only if fstat says it is a regular file no larger than the
 * guard's limit, and never more than fstat said.
 */
export async function readSubmission(file: string, maxBytes: number = ZIP_LIMITS.maxFileBytes): Promise<ReadSubmission> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { error: 'Không mở được tệp (không tồn tại hoặc không có quyền đọc).', mtime: '' };
  }
  try {
    const st = await handle.stat();
    const mtime = st.mtime.toISOString();
    if (!st.isFile()) return { error: 'Không phải tệp thông thường (thư mục, thiết bị hoặc ống dẫn), không đọc.', mtime };
    const tooBig = (n: number) => ({ error: `Tệp quá lớn (${mb(n)}; tối đa ${mb(maxBytes)}). Biểu mẫu báo cáo bình thường chỉ vài trăm KB: hãy xóa ảnh, dòng hoặc trang tính thừa rồi gửi lại.`, mtime });
    if (st.size > maxBytes) return tooBig(st.size);
    // Never more than fstat said, so a file that grows while being read stays within the limit.
    const buf = new Uint8Array(st.size);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { data: buf.subarray(0, got), mtime };
  } catch {
    return { error: 'Không đọc được tệp (lỗi khi đọc từ đĩa).', mtime: '' };
  } finally {
    await handle.close();
  }
}
