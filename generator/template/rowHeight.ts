import ExcelJS from 'exceljs';

/**
 * Row heights for wrapped text. Neither the file format nor exceljs fits a row to its text: Excel
 * shows a default-height row with the text cut after one line, LibreOffice lets it overflow into the
 * rows below. So every sheet that wraps sets each row's height from an estimate of its lines.
 *
 * The estimate errs on the tall side (a little white space is harmless, a cut line is not): glyph
 * widths are Times New Roman's, a line holds 8 % less than the cell's width (Excel rounds glyphs to
 * whole pixels on screen), words wrap greedily as Excel and Calc wrap them, and a line is as tall
 * as Excel makes it (Calc's lines are shorter).
 */

/**
 * Advance widths (thousandths of an em) of Times New Roman for the printable ASCII characters, space
 * to "~", as Liberation Serif (metric-compatible, the font LibreOffice substitutes) gives them.
 */
const ASCII_WIDTHS = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
/** Vietnamese letters with a width of their own; every other accented letter is as wide as its base letter. */
const OWN_WIDTHS: Record<string, number> = { ơ: 529, ư: 542, Ơ: 722, Ư: 776, đ: 500, Đ: 722, '–': 500, '—': 1000, '“': 444, '”': 444, '’': 333, '‘': 333, '…': 1000 };

function glyphEm(ch: string): number {
  const own = OWN_WIDTHS[ch] ?? OWN_WIDTHS[ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')];
  if (own !== undefined) return own / 1000;
  const base = ch.normalize('NFD').charCodeAt(0);
  return (ASCII_WIDTHS[base - 32] ?? 1000) / 1000;
}

/** Width of a text in points at a font size (bold runs about 6 % wider). */
export function textWidthPt(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) em += glyphEm(ch);
  return em * size * (bold ? 1.08 : 1);
}

/**
 * Usable width in points of a cell spanning columns of these widths (Excel's character units of
 * the default Calibri 11 font: 7 px a character plus 5 px padding; 0.75 pt a pixel), minus the
 * cell's inner margins and the safety share.
 */
export function cellWidthPt(columnWidths: readonly number[]): number {
  const px = columnWidths.reduce((sum, w) => sum + Math.trunc(w * 7 + 5), 0);
  return (px * 0.75 - 6) * 0.92;
}

/** Lines a text takes when wrapped into a width, word by word (a word longer than the line is broken). */
export function wrappedLines(text: string, widthPt: number, size: number, bold = false): number {
  let lines = 0;
  for (const paragraph of String(text).split(/\r?\n/)) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      const w = textWidthPt(word, size, bold);
      const space = used > 0 ? textWidthPt(' ', size, bold) : 0;
      if (used > 0 && used + space + w > widthPt) {
        lines += 1;
        used = 0;
      }
      if (w > widthPt) {
        // A long code or address breaks wherever the line ends.
        lines += Math.ceil(w / widthPt) - 1;
        used = w % widthPt;
      } else {
        used += (used > 0 ? space : 0) + w;
      }
    }
  }
  return lines;
}

/** Height in points of one line of text at a font size (Times New Roman 12 pt: 15.75 pt, as Excel sets it). */
export function lineHeightPt(size: number): number {
  return Math.ceil(size * 1.3125 * 4) / 4;
}

/** Points a row needs for texts in cells of given widths; never below one line. */
export function rowHeightFor(cells: readonly { text: string; widthPt: number; size: number; bold?: boolean }[], minLines = 1): number {
  let height = 0;
  for (const c of cells) {
    if (!c.text) continue;
    height = Math.max(height, wrappedLines(c.text, c.widthPt, c.size, c.bold) * lineHeightPt(c.size));
  }
  const size = Math.max(12, ...cells.map((c) => c.size));
  return Math.max(height, minLines * lineHeightPt(size)) + 3;
}

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return value instanceof Date ? '00/00/0000' : String(value);
}

/**
 * Sets the height of every row of a sheet from its wrapped text (rows from `fromRow` on), taking
 * column widths from the sheet and merged cells as wide as their columns together. Rows that hold
 * no text keep `minLines` lines. Also puts Excel's own descent on the sheet's default row format:
 * exceljs writes x14ac:dyDescent="55" there (Excel's value for its fonts is 0.25, which exceljs
 * writes on every row); an absurd descent makes Excel's own autofit and the default row wrong.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow = 1, minLines = 1): void {
  ws.properties.dyDescent = 0.25;
  const widths = (ws.columns ?? []).map((c) => c.width ?? 9);
  const colWidth = (c: number): number => widths[c - 1] ?? 9;
  const merges = Object.values((ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges);
  const mergeAt = new Map(merges.map((m) => [`${m.top}:${m.left}`, m]));
  for (let r = fromRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: { text: string; widthPt: number; size: number; bold?: boolean }[] = [];
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const m = mergeAt.get(`${r}:${Number(cell.col)}`);
      if (m && m.bottom > m.top) return; // a tall merge sets its own height
      const span = m ? Array.from({ length: m.right - m.left + 1 }, (_, i) => colWidth(m.left + i)) : [colWidth(Number(cell.col))];
      const size = cell.font?.size ?? 11;
      const text = textOf(cell.value);
      // A cell that does not wrap stays on one line (it overflows sideways instead).
      cells.push({ text: cell.alignment?.wrapText || !text ? text : '0', widthPt: cellWidthPt(span), size, bold: cell.font?.bold ?? false });
    });
    row.height = rowHeightFor(cells, minLines);
  }
}
