import { unzipSync, zipSync, type Zippable } from 'fflate';

/** A fixed timestamp for every zip entry: the same inputs give the same bytes in any time zone. */
// fflate encodes DOS dates from local-time fields, so build the date from local fields too.
const FIXED_MTIME = new Date(2000, 0, 1, 12, 0, 0);

/**
 * Re-packs an OOXML package (xlsx, docx) with fixed entry dates, keeping the entry order the writer
 * chose ([Content_Types].xml first, as Office expects). Writers stamp entries with the current
 * local time; this removes the only varying bytes.
 */
export function deterministicZip(data: Uint8Array): Uint8Array {
  return zipDeterministic(Object.entries(unzipSync(data)));
}

/** Zips entries, in the order given, the way deterministicZip does (for writers that have the parts before zipping). */
export function zipDeterministic(entries: Iterable<[string, Uint8Array]>): Uint8Array {
  const out: Zippable = {};
  for (const [name, bytes] of entries) {
    if (name.endsWith('/')) continue;
    out[name] = [bytes, { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(out, { mtime: FIXED_MTIME });
}
