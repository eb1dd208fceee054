import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEN_PER_WAN, fenToUnitText, formatFen, inputUnitForStep, parseUnitText } from './money.js';

describe('formatFen', () => {
  it.each([
    [0, '0.00 元'],
    [5, '0.05 元'],
    [100, '1.00 元'],
    [99_999_950, '99.99995 万元'],
    [999_999, '9,999.99 元'],
    [1_000_000, '1 万元'],
    [1_000_001, '1.000001 万元'],
    [18_000_000, '18 万元'],
    [180_000_000, '180 万元'],
    [123_456_789_00, '12,345.6789 万元'],
    [100_000_000_000, '100,000 万元'],
  ])('%i 分 → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('shows the empty text for no amount', () => {
    expect(formatFen(null)).toBe('面议');
    expect(formatFen(undefined, '—')).toBe('—');
  });

  it('never rounds: the text read back in its unit is the same 分', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        const [num, unit] = formatFen(fen).split(' ');
        expect(parseUnitText(num!, unit === '万元' ? 'wan' : 'yuan')).toBe(fen);
      }),
    );
  });

  it('refuses negative or fractional 分', () => {
    expect(() => fenToUnitText(-1, 'yuan')).toThrow(RangeError);
    expect(() => fenToUnitText(1.5, 'yuan')).toThrow(RangeError);
  });
});

describe('parseUnitText', () => {
  it.each([
    ['180', 'wan', 180_000_000],
    ['1.000001', 'wan', 1_000_001],
    ['1.0000001', 'wan', null],
    ['12,345.67', 'yuan', 1_234_567],
    ['12.345', 'yuan', null],
    ['-1', 'yuan', null],
    ['abc', 'wan', null],
    ['', 'wan', null],
    ['0.1', 'wan', 100_000],
  ] as const)('%s %s → %s', (text, unit, fen) => {
    expect(parseUnitText(text, unit)).toBe(fen);
  });
});

describe('inputUnitForStep', () => {
  it('types whole-万 steps in 万元 and anything else in 元', () => {
    expect(inputUnitForStep(FEN_PER_WAN)).toBe('wan');
    expect(inputUnitForStep(5 * FEN_PER_WAN)).toBe('wan');
    expect(inputUnitForStep(50_000)).toBe('yuan');
    expect(inputUnitForStep(1_500_000)).toBe('yuan');
  });
});
