/**
 * What the Excel at hand can do, asked once through `Office.context.requirements.isSetSupported`.
 * The manifest asks only for ExcelApi 1.1, so that Office 2016 (1.1) and volume-licensed Office 2019
 * (up to 1.7) show the add-in; everything newer is used only where this says it is there, and each
 * missing feature has a fallback (see addin/README.md for the table per Office version).
 *
 * The members below are those of Microsoft's requirement-set reference (the `[Api set: …]` of each
 * API in office-js's type definitions).
 */
export interface ExcelFeatures {
  /** `Worksheet.getUsedRange(valuesOnly)` (1.2): the used range without cells that are only formatted. */
  usedRangeValuesOnly: boolean;
  /** `Worksheet.protection` (1.2): lift a sheet's protection to paint or fix a cell, then put it back. */
  protection: boolean;
  /** `Workbook.settings` (1.4): the clerk's own fills saved in the file, so clearing works after a reload. */
  settings: boolean;
  /** `Range.getCellProperties` (1.9): every cell's font (and fill pattern) in one call. */
  cellProperties: boolean;
  /** `Worksheet.getRanges` / RangeAreas (1.9): many cells painted through one object. */
  rangeAreas: boolean;
  /** `Range.getMergedAreasOrNullObject` (1.13): which cells are merged. */
  mergedAreas: boolean;
}

/** The least Excel the add-in runs in at all (Office 2016). */
export const MIN_EXCEL_API = '1.1';

const SETS: Record<keyof ExcelFeatures, string> = {
  usedRangeValuesOnly: '1.2',
  protection: '1.2',
  settings: '1.4',
  cellProperties: '1.9',
  rangeAreas: '1.9',
  mergedAreas: '1.13',
};

export type IsSetSupported = (name: string, minVersion?: string) => boolean;

export function excelFeatures(isSetSupported: IsSetSupported): ExcelFeatures {
  const out = {} as ExcelFeatures;
  for (const [feature, version] of Object.entries(SETS) as [keyof ExcelFeatures, string][]) out[feature] = isSetSupported('ExcelApi', version);
  return out;
}

/** Everything there (Microsoft 365, Excel on the web, Office 2021 and later). */
export const ALL_FEATURES: ExcelFeatures = excelFeatures(() => true);
