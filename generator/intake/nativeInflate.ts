import { inflateRawSync } from 'node:zlib';
import { fflateInflate, type RawInflate } from '../../xlsx/zipGuard.ts';

/**
 * The zip guard's one-shot inflater on Node: native zlib, about twice as fast as fflate on a
 * workbook's parts (211 province workbooks: ~35-45 ms against ~85 ms). Its verdicts are fflate's:
 * output past `limit` is not produced (zlib refuses it; the guard then sees `limit` bytes, more
 * than declared, and rejects the part as fflate's cut result makes it do), and empty input, which
 * fflate answers with its whole output buffer rather than an error, goes to fflate itself.
 */
export const nativeInflate: RawInflate = (compressed, limit) => {
  if (compressed.length === 0) return fflateInflate(compressed, limit);
  try {
    return inflateRawSync(compressed, { maxOutputLength: limit });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return new Uint8Array(limit);
    throw e;
  }
};
