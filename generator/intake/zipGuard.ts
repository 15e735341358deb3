import { unzip, type UnzipFileInfo } from 'fflate';

/**
 * Checks an upload before any XML parser sees it: is it a zip at all, and would inflating it stay
 * within bounds? Declared sizes are checked from the central directory; actual inflated sizes are
 * counted while inflating, since a header can lie.
 */
export const ZIP_LIMITS = {
  /** Largest file accepted as it arrives. */
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 2_000,
  /** Per entry and in total, once inflated. */
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  /** Inflated/compressed ratio above which an entry is treated as a bomb (real sheets stay under ~100). */
  maxRatio: 200,
};

export type GuardResult = { ok: true } | { ok: false; reason: string };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => data[i] === b);
}

function containsUtf16(data: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= Math.min(data.length, 4 * 1024 * 1024); i++) {
    for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Recognises the common non-xlsx files by their first bytes, with a message for the clerk. */
export function sniffFormat(data: Uint8Array): GuardResult {
  if (data.length === 0) return { ok: false, reason: 'Tệp rỗng (0 byte).' };
  if (data.length > ZIP_LIMITS.maxFileBytes) return { ok: false, reason: `Tệp quá lớn (${Math.round(data.length / 1048576)} MB; tối đa ${ZIP_LIMITS.maxFileBytes / 1048576} MB).` };
  if (startsWith(data, OLE2)) {
    return containsUtf16(data, 'EncryptionInfo')
      ? { ok: false, reason: 'Tệp được đặt mật khẩu (mã hóa). Hãy gỡ mật khẩu rồi lưu lại dạng .xlsx.' }
      : { ok: false, reason: 'Tệp là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dạng "Sổ làm việc Excel (*.xlsx)".' };
  }
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return { ok: false, reason: 'Tệp không phải bảng tính Excel (.xlsx).' };
  return { ok: true };
}

/** Full guard: format, entry count, declared and actual inflated sizes, compression ratio. */
export function guardZip(data: Uint8Array): Promise<GuardResult> {
  const sniff = sniffFormat(data);
  if (!sniff.ok) return Promise.resolve(sniff);
  return new Promise((resolve) => {
    let entries = 0;
    let declaredTotal = 0;
    let verdict: GuardResult | undefined;
    const reject = (reason: string): false => {
      verdict ??= { ok: false, reason };
      return false;
    };
    const filter = (f: UnzipFileInfo): boolean => {
      if (verdict) return false;
      entries++;
      declaredTotal += f.originalSize;
      if (entries > ZIP_LIMITS.maxEntries) return reject(`Tệp có quá nhiều thành phần (hơn ${ZIP_LIMITS.maxEntries}).`);
      if (f.originalSize > ZIP_LIMITS.maxEntryBytes || declaredTotal > ZIP_LIMITS.maxTotalBytes) {
        return reject('Tệp khi giải nén quá lớn (nghi là "bom nén"). Hãy lưu lại bảng tính và gửi lại.');
      }
      if (f.size > 0 && f.originalSize / f.size > ZIP_LIMITS.maxRatio && f.originalSize > 1024 * 1024) {
        return reject('Tỷ lệ nén bất thường (nghi là "bom nén"). Hãy lưu lại bảng tính và gửi lại.');
      }
      // Only the parts a reader parses are inflated here, to measure their true size.
      return /\.(xml|rels)$/i.test(f.name);
    };
    try {
      unzip(data, { filter }, (err, files) => {
        if (verdict) return resolve(verdict);
        if (err) return resolve({ ok: false, reason: 'Tệp bị hỏng hoặc không đầy đủ (không giải nén được). Hãy lưu lại và gửi lại.' });
        let total = 0;
        for (const [name, bytes] of Object.entries(files)) {
          total += bytes.length;
          if (bytes.length > ZIP_LIMITS.maxEntryBytes || total > ZIP_LIMITS.maxTotalBytes) {
            return resolve({ ok: false, reason: `Thành phần "${name}" khi giải nén quá lớn so với khai báo (nghi là "bom nén").` });
          }
        }
        if (!files['[Content_Types].xml'] || !Object.keys(files).some((n) => /^xl\/workbook\.xml$/i.test(n))) {
          return resolve({ ok: false, reason: 'Tệp nén không phải bảng tính Excel (.xlsx) (thiếu xl/workbook.xml).' });
        }
        resolve({ ok: true });
      });
    } catch {
      resolve({ ok: false, reason: 'Tệp bị hỏng hoặc không đầy đủ (không giải nén được). Hãy lưu lại và gửi lại.' });
    }
  });
}
