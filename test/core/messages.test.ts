import { describe, expect, it } from 'vitest';
import { shorten } from '../../core/text/shorten.ts';
import { STATUS } from '../../core/workbook/contract.ts';
import { validFilling } from '../../generator/samples/scenario.ts';
import { check, period, plan } from '../helpers/workbooks.ts';

describe('messages quote what the clerk typed, briefly', () => {
  it('shorten keeps short text and cuts long text with an ellipsis, by characters', () => {
    expect(shorten('Xong rồi')).toBe('Xong rồi');
    const long = 'Đã hoàn thành '.repeat(400);
    const cut = shorten(long);
    expect([...cut].length).toBeLessThanOrEqual(60);
    expect([...cut].length).toBeGreaterThan(50);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('a status cell holding pages of pasted text gives a one-line message', async () => {
    const filling = validFilling(plan('quang-ngai-2022'), 'SO_TTTT', period('2023-01'));
    const pasted = `${STATUS.done} — ${'nội dung dán nhầm '.repeat(300)}`;
    filling.tasks!['III.3.a'] = { ...filling.tasks!['III.3.a'], status: pasted };
    const { issues } = await check({ agency: 'SO_TTTT', period: '2023-01', filling });
    const issue = issues.find((i) => i.code === 'status-invalid')!;
    expect(issue.message.length).toBeLessThan(220);
    expect(issue.message).toContain('…');
  });
});
