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
