import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, monthOf, periodKey, periodLabel } from './periods.js';
import { histogramOf, mergeHistograms, quantile } from './quantiles.js';
import { MIN_PUBLIC_COUNT, suppressList, suppressTable } from './suppression.js';

describe('periods (Asia/Shanghai)', () => {
  it.each([
    ['2026-12-31T15:59:59Z', '2026-12-01'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['2026-02-28T16:30:00Z', '2026-03-01'],
  ])('%s falls in the month of %s', (at, month) => {
    expect(monthOf(new Date(at))).toBe(month);
  });

  it.each([
    ['2026-05-01', 'month', '2026-05', '2026年5月'],
    ['2026-05-01', 'quarter', '2026-Q2', '2026年第二季度'],
    ['2026-12-01', 'quarter', '2026-Q4', '2026年第四季度'],
    ['2026-01-01', 'year', '2026', '2026年'],
  ] as const)('%s at %s grain is %s (%s)', (month, grain, key, label) => {
    expect(periodKey(month, grain)).toBe(key);
    expect(periodLabel(key)).toBe(label);
  });

  it('counts calendar days in Shanghai, not 24-hour spans', () => {
    expect(calendarDaysBetween(new Date('2026-03-01T15:00:00Z'), new Date('2026-03-01T17:00:00Z'))).toBe(1);
    expect(calendarDaysBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T15:00:00Z'))).toBe(0);
    expect(calendarDaysBetween(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe(0);
  });
});

describe('nearest-rank quantiles over histograms', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.9, 4],
    [[7], 0.5, 7],
    [[5, 1, 3], 0.5, 3],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 90],
    [[], 0.5, null],
  ])('%j at %s is %s', (values, q, expected) => {
    expect(quantile(histogramOf(values), q)).toBe(expected);
  });

  it('equals the sorted-list definition on any data and any split into cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(0.5, 0.9),
        (cells, q) => {
          const all = cells.flat().sort((a, b) => a - b);
          const expected = all.length === 0 ? null : all[Math.ceil(q * all.length) - 1];
          expect(quantile(mergeHistograms(cells.map(histogramOf)), q)).toBe(expected);
        },
      ),
    );
  });
});

describe('small-cell suppression', () => {
  it.each([
    ['nothing sensitive', [5, 4, 0, 9], [false, false, false, false], false],
    ['one small cell takes the next smallest with it', [5, 1, 4, 9], [false, true, true, false], false],
    ['two small cells protect each other', [5, 1, 2, 9], [false, true, true, false], false],
    ['a zero is taken only when nothing else is left', [1, 0], [true, true], false],
    ['a single small cell hides the total', [2], [true], true],
    ['zero is not sensitive', [0, 3], [false, false], false],
  ])('%s', (_name, counts, cells, totalHidden) => {
    expect(suppressList(counts)).toEqual({ cells, totalHidden });
  });

  it('protects rows and columns of a two-way table with its margins', () => {
    const s = suppressTable(
      [
        [10, 1, 7],
        [6, 8, 9],
        [12, 15, 4],
      ],
      { rowTotals: true, columnTotals: true },
    );
    // The 1 is hidden; its row and its column each need a second hidden cell, and those in turn
    // need partners in their own lines.
    for (const line of linesOf(s.cells)) expect(line.filter(Boolean).length).not.toBe(1);
    expect(s.cells[0]![1]).toBe(true);
  });

  it('on any table: every sensitive cell is hidden and no published line hides exactly one cell', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((columns) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: columns, maxLength: columns }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        fc.boolean(),
        fc.boolean(),
        (counts, rowTotals, columnTotals) => {
          const s = suppressTable(counts, { rowTotals, columnTotals });
          counts.forEach((row, r) =>
            row.forEach((n, c) => {
              if (n > 0 && n < MIN_PUBLIC_COUNT) expect(s.cells[r]![c]).toBe(true);
            }),
          );
          if (rowTotals) {
            s.cells.forEach((row, r) => {
              if (!s.rowTotals[r]) expect(row.filter(Boolean).length).not.toBe(1);
            });
          }
          if (columnTotals) {
            counts[0]!.forEach((_, c) => {
              if (!s.columnTotals[c]) expect(s.cells.filter((row) => row[c]).length).not.toBe(1);
            });
          }
        },
      ),
    );
  });
});

function linesOf(cells: boolean[][]): boolean[][] {
  return [...cells, ...cells[0]!.map((_, c) => cells.map((row) => row[c]!))];
}
