import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, outcome, OTHER_ENT } from '../test/helpers/actors.js';
import { DEMAND_STATUSES, SUPPLY_STATUSES } from './constants/listings.js';
import * as rules from './rewards.js';

// 措施八: 对"揭榜"成功、落地转化的项目，给予企业奖励性后补助支持 — from either list.
describe('the reward post-subsidy: every list × state × actor', () => {
  const subjects: rules.RewardSubject[] = [
    ...DEMAND_STATUSES.map((status) => ({ kind: 'demand' as const, status })),
    ...SUPPLY_STATUSES.flatMap((status) =>
      [false, true].map((landingConfirmed) => ({ kind: 'supply' as const, status, landingConfirmed })),
    ),
  ];
  const cases = subjects.flatMap((s) => ACTOR_NAMES.map((a) => [s, a] as const));
  it.each(cases)('%o by %s', (subject, a) => {
    const got = outcome(() => rules.confirmReward(subject, actors[a], false));
    const landed =
      subject.kind === 'demand'
        ? subject.status === 'landed'
        : subject.status === 'converted' && subject.landingConfirmed;
    expect(got).toBe(a !== 'operator' ? 'FORBIDDEN' : landed ? 'ok' : 'NOT_LANDED');
  });

  // Today only a landed demand could be confirmed; a converted supply deal whose enterprise confirmed
  // implementation could not.
  it('a converted supply-side deal with the enterprise’s landing confirmation is eligible', () => {
    expect(rules.rewardEligible({ kind: 'supply', status: 'converted', landingConfirmed: true })).toBe(true);
    expect(rules.rewardEligible({ kind: 'supply', status: 'converted', landingConfirmed: false })).toBe(false);
    expect(rules.rewardEligible({ kind: 'demand', status: 'landed' })).toBe(true);
  });

  it('once', () => {
    expect(outcome(() => rules.confirmReward({ kind: 'demand', status: 'landed' }, actors.operator, true))).toBe(
      'REWARD_ALREADY_CONFIRMED',
    );
  });
});

describe('the acquiring enterprise confirms a supply-side deal landed (落地)', () => {
  const deal = (extra: Partial<rules.SupplyDealFacts> = {}): rules.SupplyDealFacts => ({
    kind: 'supply',
    status: 'converted',
    counterpartyOrgId: OTHER_ENT,
    landingConfirmed: false,
    ...extra,
  });
  it.each(ACTOR_NAMES)('by %s', (a) => {
    const got = outcome(() => rules.confirmDealLanding(deal(), actors[a]));
    let want = 'FORBIDDEN';
    if (a === 'enterprise') want = 'ok';
    else if (a === 'unverifiedEnterprise') want = 'ORG_NOT_VERIFIED';
    else if (a === 'ownerInstitution' || a === 'institution' || a === 'unverifiedInstitution') want = 'WRONG_ORG_KIND';
    expect(got).toBe(want);
  });

  it.each([
    ['before the deal is recorded', deal({ status: 'matched' }), 'NOT_CONVERTED'],
    ['twice', deal({ landingConfirmed: true }), 'LANDING_ALREADY_CONFIRMED'],
    ['a counterparty named only (not registered)', deal({ counterpartyOrgId: null }), 'FORBIDDEN'],
  ] as const)('%s → %s', (_n, d, want) => {
    expect(outcome(() => rules.confirmDealLanding(d, actors.enterprise))).toBe(want);
  });
});
