/**
 * Clerk text at the model boundary (issue 12, items 4 and 6): every reader (the xlsx reader, the
 * add-in's Office.js reader) passes cell text through `sanitizeText` once, so no output (DOCX,
 * annex, JSON, feedback) ever receives a character that XML 1.0 forbids or one that reorders text.
 *
 * Removed:
 * - C0 controls except tab, LF and CR (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F);
 * - U+FFFE and U+FFFF (non-characters, forbidden by XML 1.0);
 * - lone surrogates (half of a UTF-16 pair, which no encoder can write);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), with which
 *   "Tên ‮slx.exe" displays as "Tên exe.xls".
 */
// A surrogate pair is matched first and kept; a surrogate on its own is matched by the last two alternatives.
const UNSAFE = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/g;
const QUICK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

export interface Sanitized {
  text: string;
  /** True when something was removed. */
  changed: boolean;
}

/** The text without XML-illegal code points and bidi controls; `changed` says whether any were removed. */
export function sanitizeText(text: string): Sanitized {
  if (!QUICK.test(text)) return { text, changed: false };
  let changed = false;
  const out = text.replace(UNSAFE, (m) => {
    if (m.length === 2) return m; // a well-formed surrogate pair (an astral character)
    changed = true;
    return '';
  });
  return { text: out, changed };
}

/** Longest error value quoted in a message: Excel's own are at most 7 characters ("#VALUE!"). */
const MAX_ERROR_TEXT = 64;

/**
 * A cell's text or error value made safe, for every reader. A text made only of removed characters
 * becomes empty; the caller keeps the cell, flagged, so the warning has a place to point at.
 */
export function sanitizeCellValue<V extends { t: string; v?: unknown }>(value: V): { value: V | { t: 'empty' }; changed: boolean } {
  if (value.t === 'text' && typeof value.v === 'string') {
    const clean = sanitizeText(value.v);
    if (!clean.changed) return { value, changed: false };
    return { value: clean.text === '' ? { t: 'empty' } : ({ ...value, v: clean.text } as V), changed: true };
  }
  if (value.t === 'error' && typeof value.v === 'string') {
    const clean = sanitizeText(value.v.slice(0, MAX_ERROR_TEXT));
    if (!clean.changed && value.v.length <= MAX_ERROR_TEXT) return { value, changed: false };
    return { value: { ...value, v: clean.text } as V, changed: true };
  }
  return { value, changed: false };
}
