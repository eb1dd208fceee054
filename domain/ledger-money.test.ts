import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code } from '../test/helpers/error-code.js';
import {
  checkPayment,
  checkSchedule,
  equalInstalments,
  incomeByPeriod,
  outstandingFen,
  periodKey,
  royaltyOn,
  scheduleItemState,
  splitFen,
  type PaymentInput,
  type ScheduleLine,
} from './ledger-money.js';

describe('splitFen (largest remainder)', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 2], [33, 67]],
    [1, [1, 1], [1, 0]],
    [0, [3, 7], [0, 0]],
    [1000, [5000, 3000, 2000], [500, 300, 200]],
    [7, [1, 1, 1, 1], [2, 2, 2, 1]],
  ])('%i by %j → %j', (total, weights, expected) => {
    expect(splitFen(total, weights)).toEqual(expected);
  });

  it('parts always add up to the total, are whole 分, never negative, and within 1 分 of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = splitFen(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isSafeInteger(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            const exact = (BigInt(total) * BigInt(weights[i]!)) / BigInt(sum);
            expect(BigInt(p) - exact >= 0n && BigInt(p) - exact <= 1n).toBe(true);
          });
        },
      ),
    );
  });

  it('equal instalments differ by at most 1 分 and the earlier take the odd 分', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 120 }), (total, n) => {
        const parts = equalInstalments(total, n);
        expect(parts).toHaveLength(n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect([...parts].sort((a, b) => b - a)).toEqual(parts);
      }),
    );
  });

  it('refuses negative or fractional totals', () => {
    expect(() => splitFen(-1, [1])).toThrow(RangeError);
    expect(() => splitFen(1.5, [1])).toThrow(RangeError);
    expect(() => splitFen(10, [0, 0])).toThrow(RangeError);
  });
});

const inst = (amountFen: number, dueOn = '2026-03-01'): ScheduleLine => ({ kind: 'instalment', amountFen, dueOn });
const royalty = (dueOn = '2026-12-31'): ScheduleLine => ({ kind: 'royalty', amountFen: null, dueOn });

describe('checkSchedule', () => {
  const fixed = { amountFen: 1000, paymentMethods: ['instalments'] as const, signedOn: '2026-01-10' };
  const royaltyBased = { amountFen: 1000, paymentMethods: ['lump_sum', 'royalty'] as const, signedOn: '2026-01-10' };
  it.each<[string, Parameters<typeof checkSchedule>[0], ScheduleLine[], string | null]>([
    ['instalments summing to the amount', fixed, [inst(400), inst(600)], null],
    ['no schedule yet', fixed, [], null],
    ['instalments short of the amount', fixed, [inst(400), inst(500)], 'SCHEDULE_SUM_MISMATCH'],
    ['instalments over the amount', fixed, [inst(400), inst(700)], 'SCHEDULE_SUM_MISMATCH'],
    ['royalty-based: fixed part below the amount', royaltyBased, [inst(500), royalty()], null],
    ['royalty-based: fixed part over the amount', royaltyBased, [inst(1001), royalty()], 'SCHEDULE_EXCEEDS_AMOUNT'],
    ['a royalty line without royalty method', fixed, [inst(1000), royalty()], 'ROYALTY_NOT_APPLICABLE'],
    ['due before signing', fixed, [inst(1000, '2026-01-09')], 'SCHEDULE_DATE_INVALID'],
    ['due on the signing day', fixed, [inst(1000, '2026-01-10')], null],
    ['negative instalment', fixed, [inst(-1), inst(1001)], 'VALIDATION_FAILED'],
    ['fractional 分', fixed, [inst(0.5), inst(999.5)], 'VALIDATION_FAILED'],
    [
      'royalty period ending before it starts',
      royaltyBased,
      [{ kind: 'royalty', amountFen: null, dueOn: null, periodStartsOn: '2026-06-01', periodEndsOn: '2026-05-31' }],
      'SCHEDULE_DATE_INVALID',
    ],
  ])('%s', (_name, contract, lines, expected) => {
    expect(code(() => checkSchedule(contract, lines))).toBe(expected);
  });

  it('any split of the amount into instalments passes; off by one 分 fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 1, max: 24 }), (amount, n) => {
        const parts = equalInstalments(amount, n);
        const c = { amountFen: amount, paymentMethods: ['instalments'] as const, signedOn: '2026-01-01' };
        expect(
          code(() =>
            checkSchedule(
              c,
              parts.map((p) => inst(p)),
            ),
          ),
        ).toBeNull();
        const off = parts.map((p, i) => inst(i === 0 ? p + 1 : p));
        expect(code(() => checkSchedule(c, off))).toBe('SCHEDULE_SUM_MISMATCH');
      }),
    );
  });
});

describe('checkPayment', () => {
  const ctx = { signedOn: '2026-01-10', today: '2026-06-01', outstandingFen: 500 };
  const base: PaymentInput = { amountFen: 500, receivedOn: '2026-02-01', overpayment: false, overpaymentReason: null };
  it.each<[string, Partial<PaymentInput>, Partial<typeof ctx>, string | null]>([
    ['exactly the outstanding amount', {}, {}, null],
    ['part of it', { amountFen: 1 }, {}, null],
    ['more than outstanding', { amountFen: 501 }, {}, 'PAYMENT_EXCEEDS_OUTSTANDING'],
    [
      'more, marked as overpayment with a reason',
      { amountFen: 501, overpayment: true, overpaymentReason: '含滞纳金' },
      {},
      null,
    ],
    [
      'marked without a reason',
      { amountFen: 501, overpayment: true, overpaymentReason: ' ' },
      {},
      'OVERPAYMENT_REASON_REQUIRED',
    ],
    ['zero', { amountFen: 0 }, {}, 'PAYMENT_AMOUNT_INVALID'],
    ['negative', { amountFen: -5 }, {}, 'PAYMENT_AMOUNT_INVALID'],
    ['fractional', { amountFen: 1.5 }, {}, 'PAYMENT_AMOUNT_INVALID'],
    ['before signing', { receivedOn: '2026-01-09' }, {}, 'PAYMENT_BEFORE_SIGNING'],
    ['on the signing day', { receivedOn: '2026-01-10' }, {}, null],
    ['in the future', { receivedOn: '2026-06-02' }, {}, 'PAYMENT_BEFORE_SIGNING'],
    ['unsigned contract', {}, { signedOn: null as unknown as string }, 'CONTRACT_NOT_EFFECTIVE'],
  ])('%s', (_name, input, c, expected) => {
    expect(code(() => checkPayment({ ...base, ...input }, { ...ctx, ...c }))).toBe(expected);
  });
});

describe('schedule line state and outstanding', () => {
  it.each([
    [{ kind: 'instalment', status: 'open', amountFen: 10, dueOn: '2026-05-31' }, 'overdue'],
    [{ kind: 'instalment', status: 'open', amountFen: 10, dueOn: '2026-06-01' }, 'open'],
    [{ kind: 'instalment', status: 'paid', amountFen: 10, dueOn: '2026-05-01' }, 'paid'],
    [{ kind: 'royalty', status: 'open', amountFen: null, dueOn: '2026-05-01' }, 'awaiting_report'],
    [{ kind: 'instalment', status: 'open', amountFen: 10, dueOn: null }, 'awaiting_date'],
    [{ kind: 'instalment', status: 'cancelled', amountFen: 10, dueOn: '2026-05-01' }, 'cancelled'],
  ] as const)('%j → %s', (item, state) => {
    expect(scheduleItemState(item, '2026-06-01')).toBe(state);
  });
  it('outstanding is never negative', () => {
    expect(outstandingFen(100, 150)).toBe(0);
    expect(outstandingFen(100, 40)).toBe(60);
    expect(outstandingFen(null, 40)).toBe(0);
  });
});

describe('income per period (措施二)', () => {
  it.each([
    ['2026-01-31', 'month', '2026-01'],
    ['2026-03-31', 'quarter', '2026-Q1'],
    ['2026-04-01', 'quarter', '2026-Q2'],
    ['2026-12-31', 'year', '2026'],
  ] as const)('%s by %s is %s', (day, g, key) => {
    expect(periodKey(day, g)).toBe(key);
  });

  it('sums to the total received, whatever the granularity', () => {
    const day = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 10 ** 10 }), receivedOn: day })), (ps) => {
        const total = ps.reduce((a, p) => a + p.amountFen, 0);
        for (const g of ['month', 'quarter', 'year'] as const) {
          const rows = incomeByPeriod(ps, g);
          expect(rows.reduce((a, r) => a + r.incomeFen, 0)).toBe(total);
          expect(rows.reduce((a, r) => a + r.payments, 0)).toBe(ps.length);
          expect(rows.map((r) => r.period)).toEqual([...rows.map((r) => r.period)].sort());
        }
      }),
    );
  });

  it('royalty rounds half up to whole 分', () => {
    expect(royaltyOn(10_000, 350)).toBe(350);
    expect(royaltyOn(1, 5000)).toBe(1);
    expect(royaltyOn(1, 4999)).toBe(0);
    expect(royaltyOn(0, 10000)).toBe(0);
  });
});
