import type { WorkbookModel } from '../workbook/model.ts';
import { SHEETS } from '../workbook/contract.ts';
import { findSheet } from '../workbook/sheetIndex.ts';
import { detectLegacy } from '../text/legacyEncoding.ts';
import type { RuleContext } from './context.ts';

const CHECKED_SHEETS = [SHEETS.info, SHEETS.tasks, SHEETS.indicators];

/** Cells showing a formula error, text typed in the legacy TCVN3 or VNI encodings, and text the reader had to clean. */
export function checkCells(ctx: RuleContext, model: WorkbookModel): void {
  for (const name of CHECKED_SHEETS) {
    const sheet = findSheet(model, name);
    if (!sheet) continue;
    for (const cell of sheet.cells) {
      const v = cell.value;
      if (cell.sanitized) {
        ctx.add('invalid-characters-removed', sheet.name, cell.address, `Ô ${cell.address}: ký tự điều khiển không hợp lệ đã bị bỏ. Hãy kiểm tra lại nội dung ô.`);
      }
      if (v.t === 'error') {
        ctx.add('formula-error', sheet.name, cell.address, `Ô ${cell.address} hiển thị lỗi ${v.v}. Hãy sửa công thức hoặc ghi trực tiếp giá trị.`);
      } else if (v.t === 'text') {
        const legacy = detectLegacy(v.v, cell.font);
        if (legacy) {
          const name = legacy.encoding === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI';
          ctx.add(
            legacy.encoding === 'tcvn3' ? 'legacy-tcvn3' : 'legacy-vni',
            sheet.name,
            cell.address,
            `Ô ${cell.address} được gõ bằng bảng mã ${name}. Nội dung đúng là: "${legacy.converted}". Hãy dùng nút "Sửa bảng mã" hoặc gõ lại bằng Unicode.`,
            { replacement: legacy.converted },
          );
        }
      }
    }
  }
}
