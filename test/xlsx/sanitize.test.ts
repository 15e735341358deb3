import { describe, it, expect } from 'vitest';
import { sanitizeText } from '../../core/text/sanitize.ts';
import { validateWorkbook } from '../../core/validation/validate.ts';
import { CATALOGUE } from '../../core/validation/catalogue.ts';
import { SHEETS } from '../../core/workbook/contract.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { cloneModel, makeWorkbook, period, plan, validateBytes } from '../helpers/workbooks.ts';

/** Issue 12, items 4 and 6: XML-illegal characters and bidi controls leave at the model boundary. */
describe('sanitizeText', () => {
  it('removes C0 controls except tab, LF and CR', () => {
    for (let c = 0; c < 0x20; c++) {
      const ch = String.fromCharCode(c);
      const kept = c === 0x09 || c === 0x0a || c === 0x0d;
      expect(sanitizeText(`a${ch}b`), `U+${c.toString(16)}`).toEqual(kept ? { text: `a${ch}b`, changed: false } : { text: 'ab', changed: true });
    }
  });

  it('removes U+FFFE, U+FFFF and lone surrogates, keeps surrogate pairs', () => {
    expect(sanitizeText('x\ufffey\uffffz')).toEqual({ text: 'xyz', changed: true });
    expect(sanitizeText('a\ud800b\udc00c')).toEqual({ text: 'abc', changed: true });
    expect(sanitizeText('trail\ud83d')).toEqual({ text: 'trail', changed: true });
    expect(sanitizeText('😀 Đã hoàn thành')).toEqual({ text: '😀 Đã hoàn thành', changed: false });
  });

  it('removes bidi embeddings, overrides and isolates: "Tên ‮slx.exe" no longer reads "Tên exe.xls"', () => {
    expect(sanitizeText('Tên \u202eslx.exe')).toEqual({ text: 'Tên slx.exe', changed: true });
    for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(sanitizeText(`a${String.fromCharCode(c)}b`).text).toBe('ab');
    }
    // Marks that only hint direction (LRM, RLM) are harmless and kept.
    expect(sanitizeText('a\u200eb').changed).toBe(false);
  });
});

describe('validator: a sanitised cell gets one warning at the cell', () => {
  it('warns "ký tự điều khiển không hợp lệ đã bị bỏ" at that cell, and nothing when clean', async () => {
    const np = plan('quang-ngai-2022');
    const agency = np.reportingAgencies.find((a) => a.kind === 'department')!.code;
    const filling = validFilling(np, agency, period('2023-03'));
    const clean = await validateBytes(await makeWorkbook({ agency, period: '2023-03', filling }), 'quang-ngai-2022', { period: '2023-03', today: '2023-04-30' });
    expect(clean.issues.filter((i) => i.code === 'invalid-characters-removed')).toEqual([]);
    const model = cloneModel(clean.model);
    const tasks = model.sheets.find((s) => s.name === SHEETS.tasks)!;
    const cell = tasks.cells.find((c) => c.value.t === 'text' && c.row > 5 && c.col > 6)!;
    cell.sanitized = true;
    const issues = validateWorkbook(np, model, { period: '2023-03', today: '2023-04-30' }).issues.filter((i) => i.code === 'invalid-characters-removed');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: SHEETS.tasks, cell: cell.address, severity: 'warning' });
    expect(issues[0]!.message).toContain('ký tự điều khiển không hợp lệ đã bị bỏ');
    expect(CATALOGUE['invalid-characters-removed'].severity).toBe('warning');
  });
});
