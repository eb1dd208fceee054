import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, DAY, later, now, outcome, OWNER_INST } from '../test/helpers/actors.js';
import { DEMAND_STATUSES, PRICING_MODES, SUPPLY_STATUSES, type ListingStatus } from './constants/listings.js';
import { parseDuration } from './duration.js';
import * as rules from './showcase.js';

function listing(status: ListingStatus, extra: Partial<rules.ShowcaseListing> = {}): rules.ShowcaseListing {
  return {
    kind: 'supply',
    status,
    organisationId: OWNER_INST,
    pricingMode: 'negotiable',
    expiresAt: later(DAY),
    ...extra,
  };
}

const STATES = [
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
];
const periods = { showcase: parseDuration('P180D')! };

describe('inquiries: every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.checkInquiry(listing(status, { kind }), actors[a], now));
    let want: string;
    if (a === 'operator' || a === 'system') want = 'FORBIDDEN';
    else if (!a.toLowerCase().includes('enterprise')) want = 'WRONG_ORG_KIND';
    else if (a === 'unverifiedEnterprise') want = 'ORG_NOT_VERIFIED';
    else if (kind !== 'supply' || status !== 'showcase') want = 'NOT_IN_SHOWCASE';
    else want = 'ok';
    expect(got).toBe(want);
  });

  it('not once the showcase period is over, even before the timer ran', () => {
    expect(outcome(() => rules.checkInquiry(listing('showcase', { expiresAt: now }), actors.enterprise, now))).toBe(
      'NOT_IN_SHOWCASE',
    );
  });
});

describe('expiry and renewal', () => {
  it.each(SUPPLY_STATUSES)('the expiry timer on a listing in %s', (status) => {
    const got = outcome(() => rules.decideShowcaseExpiry(listing(status, { expiresAt: now }), now));
    expect(got).toBe(status === 'showcase' ? 'expired' : 'INVALID_STATE');
  });

  it('the expiry timer before the end', () => {
    expect(outcome(() => rules.decideShowcaseExpiry(listing('showcase', { expiresAt: later(1) }), now))).toBe(
      'INVALID_STATE',
    );
  });

  const renewCases = SUPPLY_STATUSES.flatMap((s) =>
    PRICING_MODES.flatMap((m) => ACTOR_NAMES.map((a) => [s, m, a] as const)),
  );
  it.each(renewCases)('renewing %s (%s) by %s', (status, mode, a) => {
    const got = outcome(() => rules.renew(listing(status, { pricingMode: mode }), actors[a], now, periods));
    let want: string;
    if (a !== 'ownerInstitution') want = 'FORBIDDEN';
    else if (status !== 'expired' || mode !== 'negotiable') want = 'INVALID_STATE';
    else want = 'showcase';
    expect(got).toBe(want);
  });

  it('a renewal runs a fresh showcase period', () => {
    const t = rules.renew(listing('expired', { expiresAt: later(-DAY) }), actors.ownerInstitution, now, periods);
    expect(t.deadlines.expiresAt).toEqual(later(180 * DAY));
  });
});
