import { describe, expect, it } from 'vitest';
import {
  ACTOR_NAMES,
  actors,
  DAY,
  later,
  now,
  outcome,
  OTHER_ENT,
  OWNER_INST,
  type ActorName,
} from '../test/helpers/actors.js';
import { DEMAND_STATUSES, SUPPLY_STATUSES, type ListingStatus } from './constants/listings.js';
import { OBJECTION_STATUSES } from './constants/lifecycle.js';
import { parseDuration } from './duration.js';
import * as rules from './notices.js';

function listing(status: ListingStatus, extra: Partial<rules.NoticeListing> = {}): rules.NoticeListing {
  return {
    kind: 'supply',
    status,
    organisationId: OWNER_INST,
    pricingMode: 'negotiated',
    priceFen: 1_000_000,
    noticeEndsAt: later(DAY),
    counterpartyName: '某拟受让公司',
    counterpartyOrgId: OTHER_ENT,
    ...extra,
  };
}

const standing: rules.ObjectionFacts = { organisationId: OTHER_ENT, status: 'standing', responded: false };
const member = (a: ActorName) => a !== 'operator' && a !== 'system';
const verified = (a: ActorName) => !a.startsWith('unverified');
const STATES = [
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
];

describe('filing an objection: every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() =>
      rules.fileObjection(listing(status, { kind }), actors[a], now, {
        reason: '拟交易价格明显偏低',
        alreadyFiled: false,
      }),
    );
    let want: string;
    if (!member(a)) want = 'FORBIDDEN';
    else if (!verified(a)) want = 'ORG_NOT_VERIFIED';
    else if (kind !== 'supply' || status !== 'notice') want = 'NOT_IN_NOTICE';
    else if (a === 'ownerInstitution') want = 'OWN_LISTING';
    else want = 'ok';
    expect(got).toBe(want);
  });

  it.each([
    [
      'at the exact end of the notice',
      () =>
        rules.fileObjection(listing('notice', { noticeEndsAt: now }), actors.enterprise, now, {
          reason: '价格偏低请说明',
          alreadyFiled: false,
        }),
      'NOTICE_ENDED',
    ],
    [
      'after the end',
      () =>
        rules.fileObjection(listing('notice', { noticeEndsAt: later(-1) }), actors.enterprise, now, {
          reason: '价格偏低请说明',
          alreadyFiled: false,
        }),
      'NOTICE_ENDED',
    ],
    [
      'a second time',
      () =>
        rules.fileObjection(listing('notice'), actors.enterprise, now, {
          reason: '价格偏低请说明',
          alreadyFiled: true,
        }),
      'OBJECTION_EXISTS',
    ],
    [
      'without a real reason',
      () => rules.fileObjection(listing('notice'), actors.enterprise, now, { reason: '  太低  ', alreadyFiled: false }),
      'VALIDATION_FAILED',
    ],
    [
      'by an institution',
      () =>
        rules.fileObjection(listing('notice'), actors.institution, now, {
          reason: '价格偏低请说明',
          alreadyFiled: false,
        }),
      'ok',
    ],
  ])('%s → %s', (_name, fn, want) => expect(outcome(fn)).toBe(want));

  it('returns the trimmed reason', () => {
    expect(
      rules.fileObjection(listing('notice'), actors.enterprise, now, {
        reason: '  价格偏低请说明 ',
        alreadyFiled: false,
      }),
    ).toBe('价格偏低请说明');
  });
});

describe('responding, withdrawing and dismissing: every objection status × actor', () => {
  const cases = OBJECTION_STATUSES.flatMap((s) =>
    [false, true].flatMap((responded) => ACTOR_NAMES.map((a) => [s, responded, a] as const)),
  );

  it.each(cases)('respond to %s (answered %s) by %s', (status, responded, a) => {
    const got = outcome(() =>
      rules.respondToObjection(listing('notice'), { ...standing, status, responded }, actors[a], now, '价格经评估确定'),
    );
    let want = 'ok';
    if (a !== 'ownerInstitution') want = 'FORBIDDEN';
    else if (status !== 'standing') want = 'OBJECTION_NOT_STANDING';
    else if (responded) want = 'OBJECTION_ALREADY_ANSWERED';
    expect(got).toBe(want);
  });

  it.each(cases)('withdraw %s (answered %s) by %s', (status, responded, a) => {
    const got = outcome(() =>
      rules.withdrawObjection(listing('notice'), { ...standing, status, responded }, actors[a], now),
    );
    let want = 'ok';
    if (a !== 'enterprise') want = 'FORBIDDEN';
    else if (status !== 'standing') want = 'OBJECTION_NOT_STANDING';
    expect(got).toBe(want);
  });

  it.each(cases)('dismiss %s (answered %s) by %s', (status, responded, a) => {
    const got = outcome(() =>
      rules.dismissObjection(listing('notice'), { ...standing, status, responded }, actors[a], now, '与本项目无关'),
    );
    let want = 'ok';
    if (a !== 'operator') want = 'FORBIDDEN';
    else if (status !== 'standing') want = 'OBJECTION_NOT_STANDING';
    expect(got).toBe(want);
  });

  it.each(SUPPLY_STATUSES)('none of them outside the notice (%s), nor after its end', (status) => {
    const l = status === 'notice' ? listing('notice', { noticeEndsAt: now }) : listing(status);
    const want = status === 'notice' ? 'NOTICE_ENDED' : 'NOT_IN_NOTICE';
    expect(outcome(() => rules.respondToObjection(l, standing, actors.ownerInstitution, now, '价格经评估确定'))).toBe(
      want,
    );
    expect(outcome(() => rules.withdrawObjection(l, standing, actors.enterprise, now))).toBe(want);
    expect(outcome(() => rules.dismissObjection(l, standing, actors.operator, now, '与本项目无关'))).toBe(want);
  });

  it('a dismissal needs a reason', () => {
    expect(outcome(() => rules.dismissObjection(listing('notice'), standing, actors.operator, now, ''))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('the end of the notice (措施四)', () => {
  const periods = { listing: parseDuration('P15D')! };

  it.each([0, 1, 2, 5])('%i standing objection(s)', (n) => {
    const d = rules.decideNoticeEnd(listing('notice', { noticeEndsAt: now }), n, now, periods);
    if (n === 0) {
      expect(d.transition).toMatchObject({ from: 'notice', to: 'matched', action: 'notice_end' });
      expect(d.match).toEqual({ route: 'notice', orgId: OTHER_ENT, name: '某拟受让公司', priceFen: 1_000_000 });
    } else {
      // 公示期间有异议的，在技术市场挂牌交易 — for half a month from now.
      expect(d.transition).toMatchObject({ to: 'listed', deadlines: { listingEndsAt: later(15 * DAY) } });
      expect(d.match).toBeNull();
    }
  });

  it('a late timer still gives the market a full window', () => {
    const d = rules.decideNoticeEnd(listing('notice', { noticeEndsAt: later(-DAY) }), 1, now, periods);
    expect(d.transition.deadlines.listingEndsAt).toEqual(later(15 * DAY));
  });

  it.each(SUPPLY_STATUSES.filter((s) => s !== 'notice'))('refuses a listing in %s', (status) => {
    expect(outcome(() => rules.decideNoticeEnd(listing(status), 0, now, periods))).toBe('INVALID_STATE');
  });

  it('refuses before the deadline', () => {
    expect(outcome(() => rules.decideNoticeEnd(listing('notice', { noticeEndsAt: later(1) }), 0, now, periods))).toBe(
      'INVALID_STATE',
    );
  });

  it('matches an unregistered counterparty by name', () => {
    const d = rules.decideNoticeEnd(listing('notice', { noticeEndsAt: now, counterpartyOrgId: null }), 0, now, periods);
    expect(d.match).toMatchObject({ orgId: null, name: '某拟受让公司' });
  });
});
