import { strFromU8, strToU8 } from 'fflate';

/**
 * exceljs marks every shared string with a line break or edge spaces `<t xml:space="preserve">`, which
 * Excel accepts but the ISO/IEC 29500 Transitional schema does not (SpreadsheetML's `t` is a plain
 * string type). The attribute changes nothing for SpreadsheetML readers, which keep the text as it
 * is; this removes it so that the package validates.
 */
export function schemaValidSharedStrings(entries: Record<string, Uint8Array>): Record<string, Uint8Array> {
  const name = 'xl/sharedStrings.xml';
  const xml = entries[name];
  if (!xml) return entries;
  const text = strFromU8(xml);
  if (!text.includes('xml:space=')) return entries;
  return { ...entries, [name]: strToU8(text.replace(/<t xml:space="preserve">/g, '<t>')) };
}
