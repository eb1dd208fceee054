import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, DAY, later, now, outcome, OTHER_ENT, OWNER_INST } from '../test/helpers/actors.js';
import * as rules from './claims.js';
import { DEMAND_STATUSES, SUPPLY_STATUSES, type ListingStatus, type PricingMode } from './constants/listings.js';
import { DOMICILES } from './constants/organisations.js';
import { parseDuration } from './duration.js';

function listing(status: ListingStatus, extra: Partial<rules.WindowListing> = {}): rules.WindowListing {
  return {
    kind: 'supply',
    status,
    organisationId: OWNER_INST,
    pricingMode: 'fixed',
    priceFen: 800_000,
    listingEndsAt: later(DAY),
    counterpartyName: null,
    counterpartyOrgId: null,
    ...extra,
  };
}

const claim = (i: number, atMs = -1000): rules.ClaimFacts => ({
  id: `claim-${i}`,
  organisationId: `org-claimant-${i}`,
  organisationName: `企业${i}`,
  createdAt: new Date(now.getTime() + atMs),
});

const MAINLAND: rules.ClaimantFacts = { domicile: 'mainland', exportControlConfirmed: false };

const STATES = [
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
];

describe('claiming (摘牌): every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.checkClaim(listing(status, { kind }), actors[a], now, false, MAINLAND));
    let want: string;
    if (a === 'operator' || a === 'system') want = 'FORBIDDEN';
    else if (!['ownerEnterprise', 'enterprise', 'unverifiedEnterprise'].includes(a)) want = 'WRONG_ORG_KIND';
    else if (a === 'unverifiedEnterprise') want = 'ORG_NOT_VERIFIED';
    else if (kind !== 'supply' || status !== 'listed') want = 'NOT_LISTED';
    else want = 'ok';
    expect(got).toBe(want);
  });

  it.each([
    ['1 ms before the end', later(1), false, 'ok'],
    ['at the exact end', now, false, 'LISTING_WINDOW_CLOSED'],
    ['after the end', later(-1), false, 'LISTING_WINDOW_CLOSED'],
    ['twice by one organisation', later(DAY), true, 'ALREADY_CLAIMED'],
  ] as const)('%s → %s', (_name, endsAt, already, want) => {
    expect(
      outcome(() =>
        rules.checkClaim(listing('listed', { listingEndsAt: endsAt }), actors.enterprise, now, already, MAINLAND),
      ),
    ).toBe(want);
  });

  it('refuses an enterprise claiming its own listing', () => {
    const own = listing('listed', { organisationId: actors.enterprise.orgId });
    expect(outcome(() => rules.checkClaim(own, actors.enterprise, now, false, MAINLAND))).toBe('OWN_LISTING');
  });
});

describe('措施十五: a claimant registered outside the mainland, by domicile not ownership', () => {
  // Today's rule asked nothing at the claim; the measure applies to every 向境外 conversion.
  it.each(DOMICILES.flatMap((domicile) => [false, true].map((confirmed) => [domicile, confirmed] as const)))(
    '%s claimant, export control confirmed: %s',
    (domicile, confirmed) => {
      const got = outcome(() =>
        rules.checkClaim(listing('listed'), actors.enterprise, now, false, {
          domicile,
          exportControlConfirmed: confirmed,
        }),
      );
      expect(got).toBe(domicile !== 'mainland' && !confirmed ? 'EXPORT_CONTROL_REQUIRED' : 'ok');
    },
  );

  it('says why, and where to turn', () => {
    try {
      rules.checkClaim(listing('listed'), actors.enterprise, now, false, {
        domicile: 'abroad',
        exportControlConfirmed: false,
      });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/境外.*技术出口.*暂不能摘牌.*发布单位/);
    }
  });
});

describe('the window-end decision table (DESIGN §5, 措施四)', () => {
  const ended = (mode: PricingMode, extra: Partial<rules.WindowListing> = {}) =>
    listing('listed', {
      pricingMode: mode,
      listingEndsAt: now,
      ...(mode === 'negotiated' ? { counterpartyName: '原拟受让方', counterpartyOrgId: OTHER_ENT } : {}),
      ...extra,
    });

  it.each([
    // origin, claims, outcome, route, participants
    ['fixed', 0, 'expired', null, 0],
    ['fixed', 1, 'matched', 'claim', 0],
    ['fixed', 2, 'auction', null, 2],
    ['fixed', 5, 'auction', null, 5],
    ['negotiated', 0, 'matched', 'window_agreed', 0],
    ['negotiated', 1, 'auction', null, 2],
    ['negotiated', 3, 'auction', null, 4],
  ] as const)('%s price with %i claim(s) → %s', (mode, n, want, route, participants) => {
    const d = rules.decideWindowEnd(
      ended(mode),
      Array.from({ length: n }, (_, i) => claim(i)),
      now,
    );
    expect(d.outcome).toBe(want);
    expect(d.transition).toMatchObject({ action: 'window_end', from: 'listed', to: want });
    expect(d.countedClaims).toBe(n);
    if (d.outcome === 'matched') {
      expect(d.match.route).toBe(route);
      expect(d.match.priceFen).toBe(800_000);
      expect(d.match.orgId).toBe(mode === 'negotiated' ? OTHER_ENT : 'org-claimant-0');
    }
    if (d.outcome === 'auction') {
      expect(d.participants).toHaveLength(participants);
      if (mode === 'negotiated') {
        expect(d.participants.at(-1)).toMatchObject({
          organisationId: OTHER_ENT,
          source: 'counterparty',
          claimId: null,
        });
      }
    }
  });

  it('negotiated: the counterparty as the only claimant is matched at the agreed price, not auctioned alone', () => {
    const own = { ...claim(0), organisationId: OTHER_ENT };
    const d = rules.decideWindowEnd(ended('negotiated'), [own], now);
    expect(d).toMatchObject({ outcome: 'matched', match: { route: 'window_agreed', orgId: OTHER_ENT } });
  });

  it('negotiated: the counterparty among several claimants takes part once', () => {
    const d = rules.decideWindowEnd(ended('negotiated'), [claim(1), { ...claim(2), organisationId: OTHER_ENT }], now);
    expect(d.outcome).toBe('auction');
    if (d.outcome === 'auction') {
      expect(d.participants.map((p) => p.organisationId)).toEqual(['org-claimant-1', OTHER_ENT]);
      expect(d.participants.every((p) => p.source === 'claim')).toBe(true);
    }
  });

  it('negotiated: an unregistered counterparty joins the auction by name', () => {
    const d = rules.decideWindowEnd(ended('negotiated', { counterpartyOrgId: null }), [claim(1)], now);
    expect(d.outcome === 'auction' && d.participants[1]).toMatchObject({ organisationId: null, name: '原拟受让方' });
  });

  it('claims made at or after the end are not counted', () => {
    const d = rules.decideWindowEnd(ended('fixed'), [claim(0, -1), claim(1, 0), claim(2, 5)], now);
    expect(d).toMatchObject({ outcome: 'matched', countedClaims: 1, match: { orgId: 'org-claimant-0' } });
  });

  it('participants are in claim order', () => {
    const d = rules.decideWindowEnd(ended('fixed'), [claim(0, -10), claim(1, -30), claim(2, -20)], now);
    expect(d.outcome === 'auction' && d.participants.map((p) => p.claimId)).toEqual(['claim-1', 'claim-2', 'claim-0']);
  });

  it.each(SUPPLY_STATUSES.filter((s) => s !== 'listed'))('refuses a listing in %s', (status) => {
    expect(outcome(() => rules.decideWindowEnd(listing(status, { listingEndsAt: now }), [], now))).toBe(
      'INVALID_STATE',
    );
  });

  it('refuses before the end', () => {
    expect(outcome(() => rules.decideWindowEnd(listing('listed', { listingEndsAt: later(1) }), [], now))).toBe(
      'INVALID_STATE',
    );
  });

  it('agrees with the table for any claims around the end (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PricingMode>('fixed', 'negotiated'),
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { maxLength: 12 }),
        fc.boolean(),
        (mode, offsets, counterpartyClaims) => {
          const claims = offsets.map((o, i) => claim(i, o));
          if (counterpartyClaims && claims[0]) claims[0] = { ...claims[0], organisationId: OTHER_ENT };
          const d = rules.decideWindowEnd(ended(mode), claims, now);
          const counted = claims.filter((c) => c.createdAt < now);
          expect(d.countedClaims).toBe(counted.length);
          const distinct = new Set(counted.map((c) => c.organisationId));
          if (mode === 'negotiated') distinct.add(OTHER_ENT);
          const want = distinct.size === 0 ? 'expired' : distinct.size === 1 ? 'matched' : 'auction';
          expect(d.outcome).toBe(want);
          if (d.outcome === 'auction') expect(new Set(d.participants.map((p) => p.organisationId))).toEqual(distinct);
        },
      ),
    );
  });
});

describe('the hand-over to auction', () => {
  const periods = {
    auctionStartLead: parseDuration('P3D')!,
    auctionDuration: parseDuration('P1D')!,
    auctionSoftClose: parseDuration('PT5M')!,
  };

  it('starts at the listed price after the lead time, with no separate reserve', () => {
    expect(rules.handOverTerms(1_234_500, now, periods)).toEqual({
      startPriceFen: 1_234_500,
      incrementFen: 12_400,
      reservePriceFen: null,
      startsAt: later(3 * DAY),
      endsAt: later(4 * DAY),
      softCloseMs: 300_000,
    });
  });

  it.each([
    [0, 100],
    [9_999, 100],
    [1_000_000, 10_000],
    [1_000_001, 10_100],
  ])('increment for %i 分 is %i 分 (1 %, whole 元, at least 1 元)', (price, inc) => {
    expect(rules.defaultIncrement(price)).toBe(inc);
  });
});
