import type { WorkbookModel } from '../workbook/model.ts';
import { SheetIndex, findSheet } from '../workbook/sheetIndex.ts';
import { INFO_LABELS, SHEETS, TEMPLATE_VERSION } from '../workbook/contract.ts';
import { infoFields, labelKey, readMeta } from '../workbook/identity.ts';
import { parsePeriodId, parsePeriodText, periodLabel, periodSpan } from '../period/period.ts';
import { shorten } from '../text/shorten.ts';
import { readDate, readText } from './cellReaders.ts';
import { headerKey, type RuleContext } from './context.ts';
import { formatShortDate } from '../text/dates.ts';

/**
 * Identity checks: is this our workbook, of this plan, agency and template version? Returns false
 * when nothing further can be checked.
 */
export function checkIdentity(ctx: RuleContext, model: WorkbookModel): boolean {
  const meta = readMeta(model);
  const { np, options } = ctx;
  if (!meta) {
    ctx.add('not-da06-workbook', '', '', 'Tệp này không phải biểu mẫu báo cáo Đề án 06 (thiếu thông tin nhận dạng). Hãy dùng đúng biểu mẫu đã được cấp cho đơn vị.');
    return false;
  }
  if (meta.plan !== np.plan.id) {
    ctx.add('plan-mismatch', '', '', `Biểu mẫu thuộc kế hoạch "${meta.plan}", không phải kế hoạch "${np.plan.id}" đang dùng. Hãy xin biểu mẫu đúng kế hoạch.`);
    return false;
  }
  const agency = np.agencies.get(meta.agency ?? '');
  if (!agency) {
    ctx.add('agency-unknown', '', '', `Mã đơn vị "${meta.agency}" không có trong kế hoạch. Hãy dùng đúng biểu mẫu đã được cấp cho đơn vị.`);
    return false;
  }
  ctx.agency = agency;
  if (options.agency && options.agency !== agency.code) {
    const expected = np.agencies.get(options.agency)?.name ?? options.agency;
    ctx.add('agency-mismatch', '', '', `Biểu mẫu này của ${agency.name}, không phải của ${expected}. Hãy dùng đúng biểu mẫu của đơn vị mình.`);
  }
  if (meta.templateVersion !== TEMPLATE_VERSION) {
    ctx.add('template-outdated', '', '', `Biểu mẫu phiên bản "${meta.templateVersion ?? '?'}" đã cũ (hiện dùng phiên bản ${TEMPLATE_VERSION}). Hãy xin biểu mẫu mới và chuyển số liệu sang.`);
  }
  if (meta.planHash && meta.planHash !== np.hash) {
    ctx.add('plan-version-changed', '', '', 'Kế hoạch đã được cập nhật sau khi biểu mẫu được tạo. Nếu danh sách nhiệm vụ không đổi thì vẫn gửi được; tốt nhất hãy xin biểu mẫu mới.');
  }
  ctx.period = parsePeriodId(meta.period ?? '');
  return true;
}

/** Sheet Thông tin: the four labelled values, each in the cell right of its label. */
export function checkInfo(ctx: RuleContext, model: WorkbookModel): { preparer: string; phone: string } {
  const out = { preparer: '', phone: '' };
  const sheet = findSheet(model, SHEETS.info);
  if (!sheet) {
    ctx.add('sheet-missing', SHEETS.info, '', `Không tìm thấy trang tính "${SHEETS.info}". Không xóa hay đổi tên trang tính này; hãy dùng lại biểu mẫu gốc.`);
    return out;
  }
  const index = new SheetIndex(sheet);
  const fields = infoFields(sheet);
  const valueCell = (label: string) => {
    const at = fields.get(labelKey(label));
    if (!at) ctx.add('header-missing', sheet.name, 'A1', `Trang "${sheet.name}" thiếu dòng "${label}". Hãy dùng lại biểu mẫu gốc.`);
    return at;
  };

  const agencyAt = valueCell(INFO_LABELS.agency);
  if (agencyAt && ctx.agency) {
    const written = readText(index.cell(agencyAt.row, agencyAt.col));
    if (headerKey(written) !== headerKey(ctx.agency.name)) {
      ctx.add('agency-name-mismatch', sheet.name, agencyAt.address, `Tên đơn vị "${shorten(written)}" khác với tên trong kế hoạch "${ctx.agency.name}". Hãy giữ nguyên tên đơn vị.`);
    }
  }

  const periodAt = valueCell(INFO_LABELS.period);
  if (periodAt) {
    const text = readText(index.cell(periodAt.row, periodAt.col));
    const written = text ? parsePeriodText(text) : undefined;
    if (!text) ctx.add('period-missing', sheet.name, periodAt.address, 'Ô "Kỳ báo cáo" để trống. Hãy ghi kỳ báo cáo, ví dụ "Tháng 01/2023".');
    else if (!written) ctx.add('period-malformed', sheet.name, periodAt.address, `Không đọc được kỳ báo cáo "${shorten(text)}". Hãy ghi theo mẫu "Tháng 01/2023", "Quý I/2023", "6 tháng đầu năm 2023" hoặc "Năm 2023".`);
    else if (ctx.period && written.id !== ctx.period.id) {
      ctx.add('period-mismatch', sheet.name, periodAt.address, `Kỳ báo cáo "${shorten(text)}" khác với kỳ của biểu mẫu (${periodLabel(ctx.period)}). Hãy dùng biểu mẫu của đúng kỳ báo cáo.`);
    }
    ctx.period ??= written;
  }
  const { options } = ctx;
  if (ctx.period && options.period && ctx.period.id !== options.period) {
    const wanted = parsePeriodId(options.period);
    ctx.add('period-mismatch', SHEETS.info, periodAt?.address ?? '', `Báo cáo này của kỳ ${periodLabel(ctx.period)}, không phải kỳ ${wanted ? periodLabel(wanted) : options.period} đang tổng hợp. Hãy gửi báo cáo của kỳ ${wanted ? periodLabel(wanted) : options.period}.`);
  }
  if (ctx.period && options.today && periodSpan(ctx.period).start > options.today) {
    ctx.add('period-future', SHEETS.info, periodAt?.address ?? '', `Kỳ báo cáo ${periodLabel(ctx.period)} chưa bắt đầu. Hãy sửa lại kỳ báo cáo cho đúng.`);
  }

  const preparerAt = valueCell(INFO_LABELS.preparer);
  if (preparerAt) {
    out.preparer = readText(index.cell(preparerAt.row, preparerAt.col));
    if (!out.preparer) ctx.add('preparer-missing', sheet.name, preparerAt.address, 'Ô "Người lập" để trống. Hãy ghi họ và tên cán bộ lập báo cáo.');
  }

  const dateAt = valueCell(INFO_LABELS.date);
  if (dateAt) {
    const date = readDate(index.cell(dateAt.row, dateAt.col));
    if (date.kind === 'blank') ctx.add('report-date-missing', sheet.name, dateAt.address, 'Ô "Ngày lập" để trống. Hãy ghi ngày lập báo cáo dạng ngày/tháng/năm, ví dụ 12/01/2023.');
    else if (date.kind === 'bad') ctx.add('report-date-invalid', sheet.name, dateAt.address, `Ô "Ngày lập" có giá trị "${shorten(readText(index.cell(dateAt.row, dateAt.col)))}" không phải là ngày. Hãy ghi dạng ngày/tháng/năm, ví dụ 12/01/2023.`);
    else {
      ctx.reportDate = date.value;
      const tooEarly = ctx.period && date.value < periodSpan(ctx.period).start;
      const tooLate = options.today && date.value > options.today;
      if (tooEarly || tooLate) {
        ctx.add('report-date-out-of-period', sheet.name, dateAt.address, `Ngày lập ${formatShortDate(date.value)} ${tooEarly ? 'trước khi kỳ báo cáo bắt đầu' : 'sau ngày hôm nay'}. Hãy kiểm tra lại.`);
      }
    }
  }
  const phoneAt = fields.get(labelKey(INFO_LABELS.phone));
  if (phoneAt) out.phone = readText(index.cell(phoneAt.row, phoneAt.col));
  return out;
}
