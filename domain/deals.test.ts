import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, outcome, OWNER_INST } from '../test/helpers/actors.js';
import { APPRAISAL_DECISIONS } from './constants/lifecycle.js';
import { DEMAND_STATUSES, SUPPLY_STATUSES, type ListingStatus } from './constants/listings.js';
import { OWNERSHIP_TYPES, type OwnershipType } from './constants/organisations.js';
import * as rules from './deals.js';

function listing(status: ListingStatus, extra: Partial<rules.DealListing> = {}): rules.DealListing {
  return { kind: 'supply', status, organisationId: OWNER_INST, transactionTypes: ['transfer', 'license'], ...extra };
}

const input: rules.DealInput = { transactionType: 'transfer', amountFen: 1_000_000, appraisal: 'appraised' };
const STATES = [
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
];

describe('recording a deal: every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.recordDeal(listing(status, { kind }), actors[a], input, 'private', false));
    const want =
      a !== 'ownerInstitution' ? 'FORBIDDEN' : kind !== 'supply' || status !== 'matched' ? 'NOT_MATCHED' : 'converted';
    expect(got).toBe(want);
  });

  it.each(cases)('export-control confirmation: %s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.checkExportControl(listing(status, { kind }), actors[a], false));
    const want =
      a !== 'ownerInstitution' ? 'FORBIDDEN' : kind !== 'supply' || status !== 'matched' ? 'NOT_MATCHED' : 'ok';
    expect(got).toBe(want);
  });
});

describe('措施四 appraisal × 措施十五 export control, for every counterparty ownership', () => {
  const cases = OWNERSHIP_TYPES.flatMap((o) =>
    APPRAISAL_DECISIONS.flatMap((ap) => [false, true].map((ec) => [o, ap, ec] as const)),
  );
  it.each(cases)('%s counterparty, %s, export control confirmed: %s', (ownership, appraisal, confirmed) => {
    const got = outcome(() =>
      rules.recordDeal(listing('matched'), actors.ownerInstitution, { ...input, appraisal }, ownership, confirmed),
    );
    let want = 'converted';
    if (appraisal === 'skipped_state_owned' && ownership !== 'state_wholly_owned') want = 'APPRAISAL_SKIP_NOT_ALLOWED';
    else if (ownership === 'foreign' && !confirmed) want = 'EXPORT_CONTROL_REQUIRED';
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
    ['a zero amount (licence without fee)', { ...input, amountFen: 0 }, 'converted'],
  ])('%s → %s', (_n, i, want) => {
    expect(outcome(() => rules.recordDeal(listing('matched'), actors.ownerInstitution, i, 'private', false))).toBe(
      want,
    );
  });

  it('export control once', () => {
    expect(outcome(() => rules.checkExportControl(listing('matched'), actors.ownerInstitution, true))).toBe(
      'EXPORT_CONTROL_ALREADY_CONFIRMED',
    );
  });
});

describe('the counterparty ownership', () => {
  const values: Array<OwnershipType | null> = [null, ...OWNERSHIP_TYPES];
  const cases = values.flatMap((reg) =>
    values.flatMap((dec) => [true, false].map((isReg) => [reg, isReg, dec] as const)),
  );
  it.each(cases)('registered %s (%s), declared %s', (registered, isRegistered, declared) => {
    const got = outcome(() => rules.counterpartyOwnership(registered, isRegistered, declared));
    let want: string;
    if (isRegistered) {
      if (declared !== null && declared !== registered) want = 'COUNTERPARTY_OWNERSHIP_FIXED';
      else if (registered === null) want = 'COUNTERPARTY_OWNERSHIP_REQUIRED';
      else want = 'ok';
    } else want = declared === null ? 'COUNTERPARTY_OWNERSHIP_REQUIRED' : 'ok';
    expect(got).toBe(want);
    if (want === 'ok')
      expect(rules.counterpartyOwnership(registered, isRegistered, declared)).toBe(
        isRegistered ? registered : declared,
      );
  });
});
