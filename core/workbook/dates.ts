import type { CellValue } from './model.ts';

/**
 * Excel serial dates (1900 system) as calendar dates, computed in UTC so that no machine's time
 * zone shifts a day. Serial 25569 is 1970-01-01.
 */
const EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

export function serialToIso(serial: number): string {
  return new Date(Math.round((Math.floor(serial) - EPOCH_SERIAL) * DAY_MS)).toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS + EPOCH_SERIAL;
}

/** exceljs hands dates over as JS Dates whose UTC fields hold the workbook's wall-clock value. */
export function dateObjectToSerial(date: Date): number {
  return date.getTime() / DAY_MS + EPOCH_SERIAL;
}

/** Whether a number format shows a date (d, m, y tokens outside quotes, brackets and escapes). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || numFmt === 'General' || numFmt === '@') return false;
  const stripped = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[dy]/i.test(stripped);
}

export function dateValue(serial: number): CellValue {
  return { t: 'date', v: serialToIso(serial), serial: Math.floor(serial) };
}

/** A number read from a cell becomes a date when its format says so (how Office.js delivers dates). */
export function numberCellValue(n: number, numFmt: string | undefined): CellValue {
  return isDateFormat(numFmt) && n >= 1 && n < 2_958_466 ? dateValue(n) : { t: 'number', v: n };
}

/** Parses a date typed as text the Vietnamese way (dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy) or ISO. */
export function parseDateText(text: string): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
