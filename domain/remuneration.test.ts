import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemunerationEntryStatus } from './constants/remuneration.js';
import { AppError } from './errors.js';
import {
  cashAward,
  checkCorrection,
  checkHorizontalShare,
  checkPolicy,
  checkTerms,
  equityAward,
  nextEntryStatus,
  splitReward,
  teamShareBp,
  type PolicyInput,
} from './remuneration.js';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

/** A team: 1–20 members whose shares are positive basis points summing to exactly 10,000. */
const team = fc
  .array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 })
  .chain((weights) =>
    fc.array(fc.boolean(), { minLength: weights.length, maxLength: weights.length }).map((leaders) => {
      const sum = weights.reduce((a, w) => a + w, 0);
      const bp = weights.map((w) => Math.max(1, Math.floor((w * 10_000) / sum)));
      bp[0]! += 10_000 - bp.reduce((a, b) => a + b, 0);
      return bp.map((shareBp, i) => ({ shareBp, principalLeader: leaders[i]! }));
    }),
  )
  .filter((t) => t.every((m) => m.shareBp >= 1));

describe('splitReward (措施十二: by contribution share, largest remainder, in 分)', () => {
  it('parts always add up to the team reward and each is within 1 分 of its ideal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), team, (total, members) => {
        const parts = splitReward(total, members);
        expect(parts.reduce((a, p) => a + p.amount, 0)).toBe(total);
        parts.forEach((p, i) => {
          const ideal = (total * members[i]!.shareBp) / 10_000;
          expect(Math.abs(p.amount - ideal)).toBeLessThan(1 + 1e-6);
          expect(p.amount).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('正职 members get their computed part, flagged for the separate procedure; everyone else is pending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), team, (total, members) => {
        splitReward(total, members).forEach((p, i) =>
          expect(p.status).toBe(members[i]!.principalLeader ? 'separate' : 'pending'),
        );
      }),
    );
  });

  it('worked example: 100.00 元 over 1/3 shares', () => {
    const t = [3334, 3333, 3333].map((shareBp) => ({ shareBp, principalLeader: false }));
    expect(splitReward(10_000, t).map((p) => p.amount)).toEqual([3334, 3333, 3333]);
    expect(splitReward(1, t).map((p) => p.amount)).toEqual([1, 0, 0]);
  });

  it('refuses an empty team', () => {
    expect(code(() => splitReward(100, []))).toBe('REMUNERATION_TEAM_REQUIRED');
  });
});

describe('cashAward (net income = income received − costs)', () => {
  it('after every payment the team has received floor(net × share) in all — or what it had, if costs came later', () => {
    const step = fc.oneof(
      fc.record({ pay: fc.integer({ min: 1, max: 100_000_000 }) }),
      fc.record({ cost: fc.integer({ min: 1, max: 50_000_000 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 10_000 }),
        (steps, shareBp) => {
          let income = 0;
          let costs = 0;
          let team = 0;
          for (const s of steps) {
            if ('cost' in s) {
              costs += s.cost;
              continue;
            }
            const a = cashAward({
              incomeBeforeFen: income,
              paymentFen: s.pay,
              costsFen: costs,
              teamBeforeFen: team,
              shareBp,
            });
            income += s.pay;
            expect(a.netIncomeFen).toBe(Math.max(0, income - costs));
            const share = Math.floor((a.netIncomeFen * shareBp) / 10_000);
            // Never negative: money paid out is not clawed back; a shortfall waits for later income.
            expect(a.teamFen).toBeGreaterThanOrEqual(0);
            expect(team + a.teamFen).toBe(Math.max(team, share));
            team += a.teamFen;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('worked examples', () => {
    // 50 万 received, 2 万 costs, 70 %: 33.6 万 to the team.
    expect(
      cashAward({ incomeBeforeFen: 0, paymentFen: 50_000_000, costsFen: 2_000_000, teamBeforeFen: 0, shareBp: 7000 }),
    ).toEqual({
      netIncomeFen: 48_000_000,
      teamFen: 33_600_000,
    });
    // Costs above income: nothing yet; the shortfall is carried to the next payment.
    expect(
      cashAward({ incomeBeforeFen: 0, paymentFen: 100, costsFen: 500, teamBeforeFen: 0, shareBp: 7000 }).teamFen,
    ).toBe(0);
    expect(
      cashAward({ incomeBeforeFen: 100, paymentFen: 1000, costsFen: 500, teamBeforeFen: 0, shareBp: 7000 }).teamFen,
    ).toBe(420);
  });
});

describe('equityAward (股份或出资比例)', () => {
  it('takes the policy share of the shares and of the valuation, rounding down', () => {
    expect(equityAward({ shares: 1_000_001, valuationFen: 300_000_000 }, 5000)).toEqual({
      teamShares: 500_000,
      teamFen: 150_000_000,
    });
    expect(equityAward({ shares: null, valuationFen: 99 }, 5000)).toEqual({ teamShares: null, teamFen: 49 });
  });
});

const policy = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  cashShareBp: 7000,
  equityShareBp: 7000,
  horizontalMinShareBp: 9000,
  horizontalJustification: null,
  decisionBody: '科技成果转化领导小组',
  basis: '本校科技成果转化管理办法',
  ...over,
});

describe('policy rules (措施三、十二、十四)', () => {
  it.each([
    ['the usual policy', policy(), null],
    ['90 % floor exactly', policy({ horizontalMinShareBp: 9000 }), null],
    ['above the floor', policy({ horizontalMinShareBp: 9500 }), null],
    ['below 90 % without a reason', policy({ horizontalMinShareBp: 8999 }), 'REMUNERATION_HORIZONTAL_JUSTIFICATION'],
    [
      'below 90 % with blank reason',
      policy({ horizontalMinShareBp: 8000, horizontalJustification: '  ' }),
      'REMUNERATION_HORIZONTAL_JUSTIFICATION',
    ],
    [
      'below 90 % with a reason',
      policy({ horizontalMinShareBp: 8000, horizontalJustification: '单位垫付中试费用' }),
      null,
    ],
    ['share over 100 %', policy({ cashShareBp: 10_001 }), 'REMUNERATION_SHARE_INVALID'],
    ['negative share', policy({ equityShareBp: -1 }), 'REMUNERATION_SHARE_INVALID'],
    ['fractional share', policy({ cashShareBp: 50.5 }), 'REMUNERATION_SHARE_INVALID'],
    ['no decision body', policy({ decisionBody: ' ' }), 'REMUNERATION_DECISION_BODY_REQUIRED'],
    ['no basis', policy({ basis: '' }), 'DECISION_BASIS_REQUIRED'],
  ])('%s', (_name, input, expected) => {
    expect(code(() => checkPolicy(input))).toBe(expected);
  });

  it.each([
    [{ funding: 'standard' as const, agreedShareBp: null, justification: null }, null],
    [{ funding: 'standard' as const, agreedShareBp: 9000, justification: null }, 'REMUNERATION_AGREED_SHARE_REQUIRED'],
    [
      { funding: 'horizontal_surplus' as const, agreedShareBp: null, justification: null },
      'REMUNERATION_AGREED_SHARE_REQUIRED',
    ],
    [{ funding: 'horizontal_surplus' as const, agreedShareBp: 9000, justification: null }, null],
    [
      { funding: 'horizontal_surplus' as const, agreedShareBp: 8500, justification: null },
      'REMUNERATION_HORIZONTAL_JUSTIFICATION',
    ],
    [{ funding: 'horizontal_surplus' as const, agreedShareBp: 8500, justification: '团队自愿让渡' }, null],
  ])('conversion terms %o → %s', (t, expected) => {
    expect(code(() => checkTerms({ ...t, decisionBody: '校长办公会', basis: '协议' }))).toBe(expected);
  });

  it('the 90 % floor holds for every share below it, with or without a reason', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.option(fc.string()), (bp, reason) => {
        const c = code(() => checkHorizontalShare(bp, reason));
        expect(c === null).toBe(bp >= 9000 || (reason ?? '').trim().length > 0);
      }),
    );
  });

  it('the team share: horizontal surplus takes the agreed share (or the floor), otherwise the policy by form', () => {
    const p = { cashShareBp: 7000, equityShareBp: 6000, horizontalMinShareBp: 9000 };
    expect(teamShareBp(p, null, 'cash')).toBe(7000);
    expect(teamShareBp(p, null, 'equity')).toBe(6000);
    expect(teamShareBp(p, { funding: 'standard', agreedShareBp: null }, 'cash')).toBe(7000);
    expect(teamShareBp(p, { funding: 'horizontal_surplus', agreedShareBp: 9500 }, 'cash')).toBe(9500);
    expect(teamShareBp(p, { funding: 'horizontal_surplus', agreedShareBp: null }, 'equity')).toBe(9000);
  });
});

describe('entry transitions (approve → pay; 正职 never; income received first)', () => {
  const today = '2026-06-30';
  it.each<[RemunerationEntryStatus, 'approve' | 'pay', string | null, RemunerationEntryStatus | string]>([
    ['pending', 'approve', '2026-06-01', 'approved'],
    ['pending', 'approve', '2026-06-30', 'approved'],
    ['pending', 'approve', '2026-07-01', 'REMUNERATION_INCOME_NOT_RECEIVED'],
    ['pending', 'approve', null, 'REMUNERATION_INCOME_NOT_RECEIVED'],
    ['pending', 'pay', '2026-06-01', 'REMUNERATION_ENTRY_STATE'],
    ['approved', 'pay', '2026-06-01', 'paid'],
    ['approved', 'approve', '2026-06-01', 'REMUNERATION_ENTRY_STATE'],
    ['paid', 'pay', '2026-06-01', 'REMUNERATION_ENTRY_STATE'],
    ['paid', 'approve', '2026-06-01', 'REMUNERATION_ENTRY_STATE'],
    ['separate', 'approve', '2026-06-01', 'REMUNERATION_PRINCIPAL_LEADER'],
    ['separate', 'pay', '2026-06-01', 'REMUNERATION_PRINCIPAL_LEADER'],
  ])('%s --%s (income %s) → %s', (status, action, incomeOn, expected) => {
    let got: string;
    try {
      got = nextEntryStatus(status, action, { incomeReceivedOn: incomeOn, today });
    } catch (e) {
      got = (e as AppError).code;
    }
    expect(got).toBe(expected);
  });

  it.each<[RemunerationEntryStatus, number, string, string | null]>([
    ['approved', -100, '多计', null],
    ['paid', 100, '少计', null],
    ['pending', 100, '少计', 'REMUNERATION_ENTRY_STATE'],
    ['separate', 100, '少计', 'REMUNERATION_ENTRY_STATE'],
    ['paid', 0, '无', 'REMUNERATION_CORRECTION_INVALID'],
    ['paid', 100, ' ', 'REMUNERATION_CORRECTION_INVALID'],
  ])('a correction of a %s entry by %i (%s) → %s', (status, delta, reason, expected) => {
    expect(code(() => checkCorrection({ status }, delta, reason))).toBe(expected);
  });
});
