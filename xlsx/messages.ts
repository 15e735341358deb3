/** Pieces of the clerk's messages shared by the guard and the reader (Vietnamese number format, without Intl data). */

/** 20000 → "20.000". */
export function num(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function mb(n: number): string {
  return `${num(n / (1024 * 1024))} MB`;
}

export const RESAVE = 'Hãy mở tệp bằng Excel, lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)" rồi gửi lại.';

/** A reason for the clerk: the file is refused with this message. */
export class Rejected extends Error {}

/** Limits of core/workbook/limits.ts, in the clerk's words; `where` names the sheet. */
export function tooManyRows(where: string, maxRows: number): Rejected {
  return new Rejected(`${where} có quá nhiều dòng (hơn ${num(maxRows)}). Hãy xóa các dòng thừa rồi gửi lại.`);
}

/** Data at `cell` beyond the rows and columns every reader reads (the CLI's, the page's and the add-in's). */
export function outsideArea(sheet: string, cell: string, limits: { maxRows: number; maxCols: number }): Rejected {
  return new Rejected(
    `Trang "${sheet}" có dữ liệu ở ô ${cell}, ngoài vùng được phép (${num(limits.maxRows)} dòng, ${limits.maxCols} cột). Hãy xóa nội dung ở ô đó rồi gửi lại.`,
  );
}

export function tooManySheets(maxSheets: number): Rejected {
  return new Rejected(`Bảng tính có quá nhiều trang tính (hơn ${num(maxSheets)}; biểu mẫu chỉ có 5). Hãy xóa các trang tính thừa rồi gửi lại.`);
}

export function tooManyCells(maxCells: number): Rejected {
  return new Rejected(`Bảng tính có quá nhiều ô (hơn ${num(maxCells)}, kể cả các trang tính không dùng đến). Hãy xóa các trang tính hoặc vùng dữ liệu thừa rồi gửi lại.`);
}
