import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, outcome, OWNER_INST } from '../test/helpers/actors.js';
import { APPRAISAL_DECISIONS, MATCH_ROUTES, type MatchRoute } from './constants/lifecycle.js';
import { DEMAND_STATUSES, LICENCE_SCOPES, SUPPLY_STATUSES, type ListingStatus } from './constants/listings.js';
import { DOMICILES, OWNERSHIP_TYPES, type Domicile, type OwnershipType } from './constants/organisations.js';
import * as rules from './deals.js';
import { AppError } from './errors.js';

const PRICE = 1_000_000;

function listing(status: ListingStatus, extra: Partial<rules.DealListing> = {}): rules.DealListing {
  return {
    kind: 'supply',
    status,
    organisationId: OWNER_INST,
    transactionTypes: ['transfer', 'license'],
    pricingMode: 'negotiated',
    licenseScope: 'non_exclusive',
    matchRoute: 'notice',
    matchedPriceFen: PRICE,
    ...extra,
  };
}

const input: rules.DealInput = {
  transactionType: 'transfer',
  amountFen: PRICE,
  appraisal: 'appraised',
  licenseScope: null,
  counterpartyIsOwnSubsidiary: false,
};
const party = (ownership: OwnershipType = 'private', domicile: Domicile = 'mainland'): rules.CounterpartyFacts => ({
  ownership,
  domicile,
});
const STATES = [
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
];

describe('recording a deal: every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.recordDeal(listing(status, { kind }), actors[a], input, party(), false));
    const want =
      a !== 'ownerInstitution' ? 'FORBIDDEN' : kind !== 'supply' || status !== 'matched' ? 'NOT_MATCHED' : 'converted';
    expect(got).toBe(want);
  });
});

describe('措施四: the price the match came from binds the deal', () => {
  const ROUTES: Array<[MatchRoute, 'agreed_price' | 'listed_price' | 'hammer_price']> = [
    ['notice', 'agreed_price'],
    ['window_agreed', 'agreed_price'],
    ['claim', 'listed_price'],
    ['auction', 'hammer_price'],
  ];
  it('names a basis for every route to matched', () => {
    expect(ROUTES.map(([r]) => r).sort()).toEqual([...MATCH_ROUTES].sort());
  });

  // Today's rule accepted any non-negative amount: 1 分 on an agreed price of 10 000 元 converted the result.
  it.each(
    ROUTES.flatMap(([route, basis]) =>
      [
        [PRICE, 'converted'],
        [1, 'PRICE_MISMATCH'],
        [PRICE - 1, 'PRICE_MISMATCH'],
        [PRICE + 1, 'PRICE_MISMATCH'],
        [0, 'PRICE_MISMATCH'],
      ].map(([amount, want]) => [route, basis, amount as number, want as string] as const),
    ),
  )('route %s (%s), amount %i → %s', (route, basis, amountFen, want) => {
    const l = listing('matched', { matchRoute: route, pricingMode: route === 'claim' ? 'fixed' : 'negotiated' });
    expect(rules.bindingPrice(l)).toMatchObject({ basis, priceFen: PRICE, route });
    expect(outcome(() => rules.recordDeal(l, actors.ownerInstitution, { ...input, amountFen }, party(), false))).toBe(
      want,
    );
  });

  it('the refusal says which price binds and why', () => {
    try {
      rules.recordDeal(listing('matched'), actors.ownerInstitution, { ...input, amountFen: 1 }, party(), false);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('PRICE_MISMATCH');
      expect(e.status).toBe(422);
      expect(e.message).toContain('公示的协议价 1 万元');
      expect(e.message).toContain('公示期满无异议');
      expect(e.details).toMatchObject({ bindingPriceFen: PRICE, basis: 'agreed_price', route: 'notice', amountFen: 1 });
    }
  });

  it('only a 面议 showcase deal is free', () => {
    const showcase = listing('matched', { pricingMode: 'negotiable', matchRoute: null, matchedPriceFen: null });
    expect(rules.bindingPrice(showcase)).toMatchObject({ basis: 'negotiable', priceFen: null });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (amountFen) => {
        const d = rules.recordDeal(showcase, actors.ownerInstitution, { ...input, amountFen }, party(), false);
        expect(d.binding.basis).toBe('negotiable');
      }),
    );
  });

  it('any amount other than the bound price is refused, whatever the price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom(...MATCH_ROUTES),
        (price, amount, route) => {
          const l = listing('matched', { matchRoute: route, matchedPriceFen: price });
          const got = outcome(() =>
            rules.recordDeal(l, actors.ownerInstitution, { ...input, amountFen: amount }, party(), false),
          );
          expect(got).toBe(amount === price ? 'converted' : 'PRICE_MISMATCH');
        },
      ),
    );
  });

  it('a matched listing without its match record binds nothing it could be checked against', () => {
    expect(outcome(() => rules.bindingPrice(listing('matched', { matchRoute: null })))).toBe('NOT_MATCHED');
  });
});

describe('措施四 appraisal and own subsidiary × 措施十五 export control, for every counterparty', () => {
  const cases = OWNERSHIP_TYPES.flatMap((o) =>
    DOMICILES.flatMap((dom) =>
      APPRAISAL_DECISIONS.flatMap((ap) =>
        [false, true].flatMap((sub) => [false, true].map((ec) => [o, dom, ap, sub, ec] as const)),
      ),
    ),
  );
  it.each(cases)('%s, %s, %s, own subsidiary %s, export control %s', (ownership, domicile, appraisal, sub, ec) => {
    const got = outcome(() =>
      rules.recordDeal(
        listing('matched'),
        actors.ownerInstitution,
        { ...input, appraisal, counterpartyIsOwnSubsidiary: sub },
        party(ownership, domicile),
        ec,
      ),
    );
    let want = 'converted';
    if (appraisal === 'skipped_state_owned' && ownership !== 'state_wholly_owned') want = 'APPRAISAL_SKIP_NOT_ALLOWED';
    else if (sub && ownership !== 'state_wholly_owned') want = 'OWN_SUBSIDIARY_NOT_STATE_OWNED';
    // Keyed on where the party is registered: a mainland 外资 enterprise needs no confirmation,
    // a Hong Kong-registered private one does (today's rule had it the other way round).
    else if (domicile !== 'mainland' && !ec) want = 'EXPORT_CONTROL_REQUIRED';
    expect(got).toBe(want);
  });

  it.each([
    [
      'a type the listing does not offer',
      { ...input, transactionType: 'equity' as const },
      'TRANSACTION_TYPE_NOT_OFFERED',
    ],
    ['a negative amount', { ...input, amountFen: -1 }, 'VALIDATION_FAILED'],
    ['a fractional amount', { ...input, amountFen: 0.5 }, 'VALIDATION_FAILED'],
  ])('%s → %s', (_n, i, want) => {
    expect(outcome(() => rules.recordDeal(listing('matched'), actors.ownerInstitution, i, party(), false))).toBe(want);
  });
});

describe('licence scope on the deal', () => {
  it.each(LICENCE_SCOPES.flatMap((offered) => [null, ...LICENCE_SCOPES].map((given) => [offered, given] as const)))(
    'listing offers %s, deal says %s',
    (offered, given) => {
      const l = listing('matched', { licenseScope: offered });
      const run = () =>
        rules.recordDeal(
          l,
          actors.ownerInstitution,
          { ...input, transactionType: 'license', licenseScope: given },
          party(),
          false,
        );
      if (given !== null && given !== offered) expect(outcome(run)).toBe('LICENCE_SCOPE_MISMATCH');
      else expect(run().licenseScope).toBe(offered);
    },
  );

  it('a scope on a transfer is refused', () => {
    expect(
      outcome(() =>
        rules.recordDeal(
          listing('matched'),
          actors.ownerInstitution,
          { ...input, licenseScope: 'sole' },
          party(),
          false,
        ),
      ),
    ).toBe('FIELD_NOT_ALLOWED');
  });
});

describe('the counterparty facts: registered, or declared by the institution', () => {
  const owns: Array<OwnershipType | null> = [null, ...OWNERSHIP_TYPES];
  const doms: Array<Domicile | null> = [null, ...DOMICILES];
  const cases = [true, false].flatMap((isReg) => owns.flatMap((o) => doms.map((d) => [isReg, o, d] as const)));
  it.each(cases)('registered %s, declared ownership %s, domicile %s', (isRegistered, ownership, domicile) => {
    const registered = isRegistered ? party('state_controlled', 'mainland') : null;
    const got = outcome(() => rules.counterpartyFacts(registered, { ownership, domicile }));
    let want: string;
    if (registered) {
      if (ownership !== null && ownership !== registered.ownership) want = 'COUNTERPARTY_OWNERSHIP_FIXED';
      else if (domicile !== null && domicile !== registered.domicile) want = 'COUNTERPARTY_DOMICILE_FIXED';
      else want = 'ok';
    } else if (ownership === null) want = 'COUNTERPARTY_OWNERSHIP_REQUIRED';
    else if (domicile === null) want = 'COUNTERPARTY_DOMICILE_REQUIRED';
    else want = 'ok';
    expect(got).toBe(want);
  });
});
