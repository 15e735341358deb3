import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatPercent, formatVietnameseNumber, parseVietnameseNumber } from '../../core/text/numbers.ts';

describe('parseVietnameseNumber', () => {
  it.each([
    ['80', 80],
    ['0', 0],
    ['1.234,5', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['12,5', 12.5],
    ['0,5', 0.5],
    ['64,5%', 64.5],
    ['80%', 80],
    ['80 %', 80],
    [' 80 % ', 80],
    ['1.250', 1250],
    ['1.234.567', 1234567],
    ['12.5', 12.5],
    ['0.75', 0.75],
    ['1,234.5', 1234.5],
    ['1,234,567.25', 1234567.25],
    ['1 234,5', 1234.5],
    ['-3', -3],
    ['-1.234,5', -1234.5],
    ['+5', 5],
    ['12,5'.normalize('NFD'), 12.5],
  ])('%j → %d', (text, value) => {
    expect(parseVietnameseNumber(text)).toBe(value);
  });

  it.each(['', ' ', '%', 'abc', 'tám mươi', '1.2.3', '12.34,5', '1,2,3', '1.234,5,6', '80%%', '1e5', 'NaN', 'Infinity', '--5', '5-', '0x10', '١٢', '１２', '12 năm'])(
    'not a number: %j',
    (text) => {
      expect(parseVietnameseNumber(text)).toBeUndefined();
    },
  );

  it('never throws and gives a finite number or undefined for any text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+ 0-9.,%]{0,12}$/)), (text) => {
        const n = parseVietnameseNumber(text);
        return n === undefined || Number.isFinite(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatVietnameseNumber and formatPercent', () => {
  it.each([
    [1234.5, 1, false, '1.234,5'],
    [1234567.891, 2, false, '1.234.567,89'],
    [1234567, 1, false, '1.234.567'],
    [0, 1, false, '0'],
    [5, 2, true, '5,00'],
    [64.5, 1, false, '64,5'],
    [999.96, 1, false, '1.000'],
    [-1234.5, 1, false, '-1.234,5'],
    [-0.01, 1, false, '0'],
    [100, 0, false, '100'],
    [12.345, 2, false, '12,35'],
  ])('%d (digits %d, keepZeros %s) → %s', (n, digits, keepZeros, text) => {
    expect(formatVietnameseNumber(n, digits, keepZeros)).toBe(text);
  });

  it('percentages', () => {
    expect(formatPercent(64.5)).toBe('64,5%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(33.333)).toBe('33,3%');
    expect(formatPercent(33.333, 2)).toBe('33,33%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('format → parse gives the rounded number back (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 3 }), (n, digits) => {
        const text = formatVietnameseNumber(n, digits);
        const back = parseVietnameseNumber(text);
        const rounded = Number(Math.abs(n).toFixed(digits)) * (n < 0 ? -1 : 1);
        expect(back, text).toBeCloseTo(rounded === 0 ? 0 : rounded, digits);
      }),
      { numRuns: 500 },
    );
  });

  it('percent text parses back as the same percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (tenths) => {
        const p = tenths / 10;
        expect(parseVietnameseNumber(formatPercent(p))).toBeCloseTo(p, 6);
      }),
    );
  });
});
