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
import { OBJECTION_DECISIONS, OBJECTION_STATUSES } from './constants/lifecycle.js';
import type { Actor } from './actor.js';
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
    counterpartyOrgId: COUNTERPARTY,
    ...extra,
  };
}

const COUNTERPARTY = 'org-counterparty';
const counterparty: Actor = { ...actors.enterprise, userId: 'u-cp', orgId: COUNTERPARTY };
const standing: rules.ObjectionFacts = {
  organisationId: OTHER_ENT,
  status: 'standing',
  responded: false,
  internal: false,
  filedBy: actors.enterprise.userId,
  current: true,
};
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
    // 在本单位公示: the owning institution's own staff may object (today they were refused).
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

  it('returns the trimmed reason, marking a staff objection internal', () => {
    expect(
      rules.fileObjection(listing('notice'), actors.enterprise, now, {
        reason: '  价格偏低请说明 ',
        alreadyFiled: false,
      }),
    ).toEqual({ reason: '价格偏低请说明', internal: false });
    expect(
      rules.fileObjection(listing('notice'), actors.ownerInstitution, now, {
        reason: '本单位评估价高于拟交易价格',
        alreadyFiled: false,
      }),
    ).toEqual({ reason: '本单位评估价高于拟交易价格', internal: true });
  });

  // 措施四: the notice is about the counterparty's own deal — today it could object to it.
  it('refuses the named counterparty', () => {
    expect(
      outcome(() =>
        rules.fileObjection(listing('notice'), counterparty, now, { reason: '价格偏低请说明', alreadyFiled: false }),
      ),
    ).toBe('COUNTERPARTY_CANNOT_OBJECT');
    // A counterparty named only (not registered) is nobody on the platform: every member may object.
    expect(
      outcome(() =>
        rules.fileObjection(listing('notice', { counterpartyOrgId: null }), counterparty, now, {
          reason: '价格偏低请说明',
          alreadyFiled: false,
        }),
      ),
    ).toBe('ok');
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

  it('a staff objection is withdrawn only by the member who filed it, not by the institution', () => {
    const staff = { ...standing, organisationId: OWNER_INST, internal: true, filedBy: 'u-staff' };
    const filer: Actor = { ...actors.ownerInstitution, userId: 'u-staff' };
    expect(outcome(() => rules.withdrawObjection(listing('notice'), staff, filer, now))).toBe('ok');
    expect(outcome(() => rules.withdrawObjection(listing('notice'), staff, actors.ownerInstitution, now))).toBe(
      'FORBIDDEN',
    );
  });

  it('an objection to an earlier notice of a re-noticed listing is closed with it', () => {
    const old = { ...standing, current: false };
    expect(outcome(() => rules.withdrawObjection(listing('notice'), old, actors.enterprise, now))).toBe('NOTICE_ENDED');
    expect(outcome(() => rules.dismissObjection(listing('notice'), old, actors.operator, now, '与本项目无关'))).toBe(
      'NOTICE_ENDED',
    );
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
  const periods = { objectionDecision: parseDuration('P15D')! };

  it.each([0, 1, 2, 5])('%i standing objection(s)', (n) => {
    const d = rules.decideNoticeEnd(listing('notice', { noticeEndsAt: now }), n, now, periods);
    if (n === 0) {
      expect(d.transition).toMatchObject({ from: 'notice', to: 'matched', action: 'notice_end' });
      expect(d.match).toEqual({ route: 'notice', orgId: COUNTERPARTY, name: '某拟受让公司', priceFen: 1_000_000 });
    } else {
      // 存在异议的，可在技术市场挂牌交易: the institution decides; today the listing went to `listed` by itself.
      expect(d.transition).toMatchObject({
        to: 'objection_review',
        deadlines: { objectionDecisionEndsAt: later(15 * DAY) },
      });
      expect(d.transition.deadlines.listingEndsAt).toBeUndefined();
      expect(d.match).toBeNull();
    }
  });

  it('a late timer still gives the institution its full decision period', () => {
    const d = rules.decideNoticeEnd(listing('notice', { noticeEndsAt: later(-DAY) }), 1, now, periods);
    expect(d.transition.deadlines.objectionDecisionEndsAt).toEqual(later(15 * DAY));
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

describe('the institution decides after a standing objection (措施四 可)', () => {
  const periods = { listing: parseDuration('P15D')!, notice: parseDuration('P15D')! };
  const awaiting = (extra: Partial<rules.ObjectionDecisionListing> = {}): rules.ObjectionDecisionListing => ({
    ...listing('objection_review'),
    noticeEndsAt: later(-DAY),
    objectionDecisionEndsAt: later(DAY),
    ...extra,
  });
  const decide = (l: rules.ObjectionDecisionListing, a: Actor, input: rules.ObjectionDecisionInput, at: Date = now) =>
    rules.decideObjection(l, a, at, input, periods);

  it.each(
    STATES.flatMap(([kind, status]) =>
      ACTOR_NAMES.flatMap((a) => OBJECTION_DECISIONS.map((decision) => [kind, status, a, decision] as const)),
    ),
  )('%s %s by %s: %s', (kind, status, a, decision) => {
    const got = outcome(() =>
      decide(awaiting({ kind, status }), actors[a], { decision, priceFen: decision === 'renotice' ? 900_000 : null }),
    );
    let want: string;
    if (a !== 'ownerInstitution') want = 'FORBIDDEN';
    else if (kind !== 'supply' || status !== 'objection_review') want = 'NOT_AWAITING_OBJECTION_DECISION';
    else want = { list: 'listed', renotice: 'notice', withdraw: 'withdrawn' }[decision];
    expect(got).toBe(want);
  });

  it('list: the half-month window at the noticed price', () => {
    const d = decide(awaiting(), actors.ownerInstitution, { decision: 'list', priceFen: null });
    expect(d.transition).toMatchObject({
      action: 'objection_decide',
      to: 'listed',
      deadlines: { listingEndsAt: later(15 * DAY), objectionDecisionEndsAt: null },
    });
    expect(d.newPriceFen).toBeNull();
  });

  it('renotice: a new notice, its full period, at a revised price', () => {
    const d = decide(awaiting(), actors.ownerInstitution, { decision: 'renotice', priceFen: 1_200_000 });
    expect(d.transition).toMatchObject({
      to: 'notice',
      deadlines: { noticeEndsAt: later(15 * DAY), objectionDecisionEndsAt: null },
    });
    expect(d.newPriceFen).toBe(1_200_000);
  });

  it.each([
    ['no price', null],
    ['the same price', 1_000_000],
    ['a negative price', -1],
    ['a fractional price', 0.5],
  ])('renotice with %s → NEW_PRICE_REQUIRED', (_n, priceFen) => {
    expect(outcome(() => decide(awaiting(), actors.ownerInstitution, { decision: 'renotice', priceFen }))).toBe(
      'NEW_PRICE_REQUIRED',
    );
  });

  it('a price is only for a new notice', () => {
    expect(outcome(() => decide(awaiting(), actors.ownerInstitution, { decision: 'list', priceFen: 1 }))).toBe(
      'FIELD_NOT_ALLOWED',
    );
  });

  it.each([
    ['at the deadline', now],
    ['after it', later(-1)],
  ])('too late %s', (_n, endsAt) => {
    expect(
      outcome(() =>
        decide(awaiting({ objectionDecisionEndsAt: endsAt }), actors.ownerInstitution, {
          decision: 'list',
          priceFen: null,
        }),
      ),
    ).toBe('OBJECTION_DECISION_ENDED');
  });

  it('without a decision by the deadline the listing is withdrawn, never listed by default', () => {
    expect(rules.decideObjectionLapse(awaiting({ objectionDecisionEndsAt: now }), now)).toMatchObject({
      action: 'objection_lapse',
      from: 'objection_review',
      to: 'withdrawn',
    });
    expect(outcome(() => rules.decideObjectionLapse(awaiting(), now))).toBe('INVALID_STATE');
    expect(outcome(() => rules.decideObjectionLapse(listing('notice', { noticeEndsAt: now }) as never, now))).toBe(
      'INVALID_STATE',
    );
  });
});
