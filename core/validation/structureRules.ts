import type { WorkbookModel } from '../workbook/model.ts';
import { SheetIndex, findSheet } from '../workbook/sheetIndex.ts';
import { INFO_LABELS, SHEETS, TEMPLATE_VERSION } from '../workbook/contract.ts';
import { infoFields, labelKey, readMeta, unitNameKey } from '../workbook/identity.ts';
import { displayText } from '../workbook/display.ts';
import { toA1 } from '../workbook/address.ts';
import { parsePeriodId, parsePeriodText, periodLabel, periodSpan } from '../period/period.ts';
import { readDate, readText } from './cellReaders.ts';
import type { RuleContext } from './context.ts';
import { checkMerges } from './mergeRules.ts';
import { currentAgency } from '../plan/successors.ts';

/**
 * Identity checks: is this our workbook, of this plan, agency and template version? Returns false
 * when nothing further can be checked.
 */
export function checkIdentity(ctx: RuleContext, model: WorkbookModel): boolean {
  const meta = readMeta(model);
  const { np, options } = ctx;
  if (!meta) {
    ctx.add('not-da06-workbook', '', '', {});
    return false;
  }
  if (meta.plan !== np.plan.id) {
    ctx.add('plan-mismatch', '', '', { named: meta.plan ?? '', expected: np.plan.id });
    return false;
  }
  // A form made under a code the plan has since replaced is credited to the successor.
  const current = currentAgency(np.plan, meta.agency ?? '');
  const agency = current?.agency;
  if (!agency) {
    ctx.add('agency-unknown', '', '', { code: meta.agency ?? '' });
    return false;
  }
  ctx.agency = agency;
  if (current.replaced) {
    ctx.replaced = current.replaced;
    ctx.add('agency-replaced', '', '', { old: current.replaced, successor: agency.name });
  }
  if (options.agency && options.agency !== agency.code) {
    ctx.add('agency-mismatch', '', '', { form: agency.name, expected: np.agencies.get(options.agency)?.name ?? options.agency });
  }
  if (meta.templateVersion !== TEMPLATE_VERSION) {
    ctx.add('template-outdated', '', '', { version: meta.templateVersion ?? '?', current: TEMPLATE_VERSION });
  }
  if (meta.planHash && meta.planHash !== np.hash) ctx.add('plan-version-changed', '', '', {});
  ctx.period = parsePeriodId(meta.period ?? '');
  return true;
}

/** Sheet Thông tin: the four labelled values, each in the cell right of its label. */
export function checkInfo(ctx: RuleContext, model: WorkbookModel): { preparer: string; phone: string } {
  const out = { preparer: '', phone: '' };
  const sheet = findSheet(model, SHEETS.info);
  if (!sheet) {
    ctx.add('sheet-missing', SHEETS.info, '', { sheet: SHEETS.info });
    return out;
  }
  const index = new SheetIndex(sheet);
  const fields = infoFields(sheet);
  const inputs = new Set(Object.values(INFO_LABELS).map((l) => fields.get(labelKey(l))?.address));
  checkMerges(ctx, sheet, index.maxRow, (r, c) => inputs.has(toA1(r, c)));
  const valueCell = (label: string) => {
    const at = fields.get(labelKey(label));
    if (!at) ctx.add('header-missing', sheet.name, 'A1', { sheet: sheet.name, label });
    return at;
  };

  const agencyAt = valueCell(INFO_LABELS.agency);
  // A successor's name differs from the old form's by design; the old code already said whose it is.
  if (agencyAt && ctx.agency && !ctx.replaced) {
    // The visible name must be the hidden identity's: otherwise no one knows whose report this is.
    const written = readText(index.cell(agencyAt.row, agencyAt.col));
    const key = unitNameKey(written);
    if (!ctx.ix.nameKeys.get(ctx.agency.code)?.has(key)) {
      const other = ctx.ix.byNameKey.get(key);
      ctx.add('agency-name-mismatch', sheet.name, agencyAt.address, { shown: written, form: ctx.agency.name, ...(other ? { other: `${other.name}, mã ${other.code}` } : {}) });
      ctx.identityDoubtful = true;
    }
  }

  const periodAt = valueCell(INFO_LABELS.period);
  if (periodAt) {
    const text = readText(index.cell(periodAt.row, periodAt.col));
    const written = text ? parsePeriodText(text) : undefined;
    if (!text) ctx.add('period-missing', sheet.name, periodAt.address, {});
    else if (!written) ctx.add('period-malformed', sheet.name, periodAt.address, { shown: displayText(index.cell(periodAt.row, periodAt.col)) });
    else if (ctx.period && written.id !== ctx.period.id) {
      ctx.add('period-mismatch', sheet.name, periodAt.address, { shown: displayText(index.cell(periodAt.row, periodAt.col)), period: periodLabel(ctx.period) });
    }
    ctx.period ??= written;
  }
  const { options } = ctx;
  if (ctx.period && options.period && ctx.period.id !== options.period) {
    const wanted = parsePeriodId(options.period);
    ctx.add('period-mismatch', SHEETS.info, periodAt?.address ?? '', { period: periodLabel(ctx.period), wanted: wanted ? periodLabel(wanted) : options.period });
  }
  if (ctx.period && options.today && periodSpan(ctx.period).start > options.today) {
    ctx.add('period-future', SHEETS.info, periodAt?.address ?? '', { period: periodLabel(ctx.period) });
  }

  const preparerAt = valueCell(INFO_LABELS.preparer);
  if (preparerAt) {
    out.preparer = readText(index.cell(preparerAt.row, preparerAt.col));
    if (!out.preparer) ctx.add('preparer-missing', sheet.name, preparerAt.address, {});
  }

  const dateAt = valueCell(INFO_LABELS.date);
  if (dateAt) {
    const cell = index.cell(dateAt.row, dateAt.col);
    const date = readDate(cell);
    if (date.kind === 'blank') ctx.add('report-date-missing', sheet.name, dateAt.address, {});
    else if (date.kind === 'bad') {
      if (cell?.value.t !== 'error') ctx.add('report-date-invalid', sheet.name, dateAt.address, { shown: displayText(cell) });
    } else {
      ctx.reportDate = date.value;
      const tooEarly = !!ctx.period && date.value < periodSpan(ctx.period).start;
      const tooLate = !!options.today && date.value > options.today;
      if (tooEarly || tooLate) ctx.add('report-date-out-of-period', sheet.name, dateAt.address, { date: date.value, tooEarly });
    }
  }
  const phoneAt = fields.get(labelKey(INFO_LABELS.phone));
  if (phoneAt) out.phone = readText(index.cell(phoneAt.row, phoneAt.col));
  return out;
}
