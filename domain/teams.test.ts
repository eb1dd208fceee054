import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code } from '../test/helpers/error-code.js';
import { checkTeam, equalShares, largestRemainder, splitInventorNames, type TeamMemberInput } from './teams.js';

describe('largestRemainder', () => {
  it('sums exactly and keeps every part within 1 of its ideal (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = largestRemainder(total, weights);
          const sum = weights.reduce((a, w) => a + w, 0);
          expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            const ideal = (total * weights[i]!) / sum;
            expect(Math.abs(p - ideal)).toBeLessThan(1 + 1e-6);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });

  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [10_000, [1, 1, 1], [3334, 3333, 3333]],
    [10_000, [1, 1, 1, 1, 1, 1, 1], [1429, 1429, 1429, 1429, 1428, 1428, 1428]],
    [1, [5000, 5000], [1, 0]],
    [0, [3, 7], [0, 0]],
    [999, [6000, 3000, 1000], [599, 300, 100]],
  ])('%i over %j → %j', (total, weights, parts) => {
    expect(largestRemainder(total, weights)).toEqual(parts);
  });

  it('refuses what cannot be split', () => {
    expect(() => largestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => largestRemainder(10, [])).toThrow(RangeError);
    expect(() => largestRemainder(10, [0, 0])).toThrow(RangeError);
  });
});

describe('equalShares', () => {
  it('gives n members basis points summing to 10,000, none more than 1 bp apart (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const s = equalShares(n);
        expect(s).toHaveLength(n);
        expect(s.reduce((a, b) => a + b, 0)).toBe(10_000);
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('splitInventorNames', () => {
  it.each([
    ['李明、张华、王磊', ['李明', '张华', '王磊']],
    ['李明，张华,王磊', ['李明', '张华', '王磊']],
    ['李明；张华;王磊', ['李明', '张华', '王磊']],
    ['李明/张华／王磊|赵强', ['李明', '张华', '王磊', '赵强']],
    ['李明\n张华\r\n王磊', ['李明', '张华', '王磊']],
    ['  李明 、、 张华 ', ['李明', '张华']],
    ['李明、张华等', ['李明', '张华']],
    ['王磊等人', ['王磊']],
    ['李明、李明、张华', ['李明', '张华']],
    ['John Smith, 李明', ['John Smith', '李明']],
    ['', []],
    ['、，', []],
  ])('%j → %j', (text, names) => {
    expect(splitInventorNames(text)).toEqual(names);
  });
});

describe('checkTeam', () => {
  const m = (shareBp: number, extra: Partial<TeamMemberInput> = {}): TeamMemberInput => ({
    name: '李明',
    shareBp,
    ...extra,
  });
  it.each<[string, TeamMemberInput[], string | null]>([
    ['one member with everything', [m(10_000)], null],
    ['shares summing to 100 %', [m(6000), m(3000, { name: '张华' }), m(1000, { name: '王磊' })], null],
    ['no member', [], 'TEAM_EMPTY'],
    ['51 members', Array.from({ length: 51 }, () => m(196)), 'TEAM_TOO_LARGE'],
    ['sum below 100 %', [m(5000), m(4999)], 'TEAM_SHARES_MUST_TOTAL_100'],
    ['sum above 100 %', [m(5000), m(5001)], 'TEAM_SHARES_MUST_TOTAL_100'],
    ['a zero share', [m(10_000), m(0)], 'TEAM_SHARE_INVALID'],
    ['a fractional share', [m(5000.5), m(4999.5)], 'TEAM_SHARE_INVALID'],
    ['a blank name', [m(10_000, { name: '  ' })], 'VALIDATION_FAILED'],
    ['one account twice', [m(5000, { userId: 'u1' }), m(5000, { userId: 'u1' })], 'TEAM_ACCOUNT_TWICE'],
  ])('%s', (_name, members, expected) => {
    expect(code(() => checkTeam(members))).toBe(expected);
  });
});
