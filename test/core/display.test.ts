import { describe, it, expect } from 'vitest';
import { displayText } from '../../core/workbook/display.ts';
import type { Cell } from '../../core/workbook/model.ts';

/** Cells as Excel shows them (Vietnamese separators), for quoting in messages. */
const cell = (value: Cell['value'], numFmt?: string): Cell => ({ address: 'A1', row: 1, col: 1, value, ...(numFmt ? { numFmt } : {}) });

describe('displayText', () => {
  it.each([
    [cell({ t: 'number', v: 100 }, '0%'), '10000%'],
    [cell({ t: 'number', v: 0.125 }, '0.0%'), '12,5%'],
    [cell({ t: 'number', v: 1250 }, '#,##0'), '1.250'],
    [cell({ t: 'number', v: 1250.5 }), '1250,5'],
    [cell({ t: 'number', v: 12.5 }, '0.##'), '12,5'],
    [cell({ t: 'number', v: 3 }, '0.00'), '3,00'],
    [cell({ t: 'date', v: '2023-01-01', serial: 44927 }, 'mm/yyyy'), '01/2023'],
    [cell({ t: 'date', v: '2023-01-05', serial: 44931 }, 'dd/mm/yyyy'), '05/01/2023'],
    [cell({ t: 'date', v: '2023-01-05', serial: 44931 }, 'd/m/yy'), '5/1/23'],
    [cell({ t: 'date', v: '2023-01-05', serial: 44931 }), '05/01/2023'],
    [cell({ t: 'number', v: 44927 }, 'mm/yyyy'), '01/2023'],
    [cell({ t: 'error', v: '#REF!' }), '#REF!'],
    [cell({ t: 'text', v: '  Xong ' }), 'Xong'],
    [cell({ t: 'boolean', v: true }), 'TRUE'],
  ])('%j → %s', (c, shown) => {
    expect(displayText(c)).toBe(shown);
  });

  it('an absent or empty cell shows nothing', () => {
    expect(displayText(undefined)).toBe('');
    expect(displayText(cell({ t: 'empty' }))).toBe('');
  });
});
