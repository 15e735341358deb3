import type { Sheet, WorkbookModel } from './model.ts';
import { SheetIndex, findSheet } from './sheetIndex.ts';
import { INFO_LABELS, META_KEYS, SHEETS, type MetaKey } from './contract.ts';
import { toA1 } from './address.ts';
import { cellText } from './cellText.ts';

/** The hidden identity of a workbook (sheet `_da06`): plan id and hash, agency, period, template version. */
export type Meta = Partial<Record<MetaKey, string>>;

/** Reads `_da06`; undefined when the workbook is not one of ours (no sheet, or no plan and agency). */
export function readMeta(model: WorkbookModel): Meta | undefined {
  const sheet = findSheet(model, SHEETS.meta);
  if (!sheet) return undefined;
  const index = new SheetIndex(sheet);
  const meta: Meta = {};
  for (const row of index.rows()) {
    const key = cellText(index.cell(row, 1)) as MetaKey;
    if ((META_KEYS as readonly string[]).includes(key)) meta[key] = cellText(index.cell(row, 2));
  }
  return meta.plan && meta.agency ? meta : undefined;
}

/** The same few labels and headers come in every file: their keys are remembered (bounded). */
const keys = new Map<string, string>();

/** Label or header text as compared: NFC, lower case, single spaces, no trailing colon. */
export function labelKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[:：]$/, '').trim();
    if (keys.size >= 4096) keys.clear();
    if (text.length <= 200) keys.set(text, key);
  }
  return key;
}

/** Old-style tone placement ("uỷ", "hoà") to the new one ("ủy", "hòa"): both are typed for one name. */
const TONE_PLACEMENT: [RegExp, string][] = [
  [/o([àáảãạ])/g, 'ò|ó|ỏ|õ|ọ'],
  [/o([èéẻẽẹ])/g, 'ò|ó|ỏ|õ|ọ'],
  [/u([ỳýỷỹỵ])/g, 'ù|ú|ủ|ũ|ụ'],
];
const BARE: Record<string, string> = { à: 'a', á: 'a', ả: 'a', ã: 'a', ạ: 'a', è: 'e', é: 'e', ẻ: 'e', ẽ: 'e', ẹ: 'e', ỳ: 'y', ý: 'y', ỷ: 'y', ỹ: 'y', ỵ: 'y' };
const TONE_INDEX: Record<string, number> = { à: 0, á: 1, ả: 2, ã: 3, ạ: 4, è: 0, é: 1, ẻ: 2, ẽ: 3, ẹ: 4, ỳ: 0, ý: 1, ỷ: 2, ỹ: 3, ỵ: 4 };

/**
 * A unit's name as compared: labelKey, one tone placement, and the usual abbreviations spelt out
 * the same way on both sides ("Ủy ban nhân dân" = "UBND", "thành phố" = "TP.", "thị xã" = "TX."),
 * so that a clerk who writes the name in full or in short is not told the form is someone else's.
 */
export function unitNameKey(text: string): string {
  let key = labelKey(text);
  for (const [re, tones] of TONE_PLACEMENT) key = key.replace(re, (_, v: string) => `${tones.split('|')[TONE_INDEX[v]!]}${BARE[v]}`);
  return key
    .replace(/(^|\s)ủy ban nhân dân(?=\s|$)/g, '$1ubnd')
    .replace(/(^|\s)tp(\.\s*|\s+)/g, '$1thành phố ')
    .replace(/(^|\s)tx(\.\s*|\s+)/g, '$1thị xã ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface InfoField {
  row: number;
  col: number;
  address: string;
}

/** Sheet Thông tin: where each label's value is (the cell right of the label's first occurrence). */
export function infoFields(sheet: Sheet): Map<string, InfoField> {
  const out = new Map<string, InfoField>();
  for (const cell of sheet.cells) {
    if (cell.value.t !== 'text') continue;
    const key = labelKey(cell.value.v);
    if (!out.has(key)) out.set(key, { row: cell.row, col: cell.col + 1, address: toA1(cell.row, cell.col + 1) });
  }
  return out;
}

export interface Identity {
  /** The hidden identity, when the workbook has one. */
  meta?: Meta;
  /** The unit name written on Thông tin, with its cell; undefined when the sheet or label is missing. */
  visibleAgency?: { text: string; sheet: string; cell: string };
}

/** Who the workbook says it is: the hidden `_da06` sheet and the visible "Đơn vị" on Thông tin. */
export function readIdentity(model: WorkbookModel): Identity {
  const meta = readMeta(model);
  const info = findSheet(model, SHEETS.info);
  const at = info ? infoFields(info).get(labelKey(INFO_LABELS.agency)) : undefined;
  if (!info || !at) return { meta };
  const text = cellText(new SheetIndex(info).cell(at.row, at.col));
  return { meta, visibleAgency: { text, sheet: info.name, cell: at.address } };
}
