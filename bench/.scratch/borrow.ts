import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
const probe: any = wb.model;
(wb.xlsx as any).prepareModel(probe, {});
console.log(probe.sharedStrings.constructor.name, probe.styles.constructor.name, typeof (wb.xlsx as any)._processWorksheetEntry, typeof (wb.xlsx as any).parseRels, typeof (wb.xlsx as any).parseWorkbook, typeof (wb.xlsx as any).reconcile);
