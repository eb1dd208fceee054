import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOMICILES, SIZE_CLASSES } from './constants/organisations.js';
import { PAYLATER_APPLICATION_STATUSES, PAYLATER_PARTIES, type PayLaterApplicationStatus } from './constants/pool.js';
import { AppError } from './errors.js';
import {
  buildSchedule,
  checkApplicant,
  checkTerms,
  nextApplicationStatus,
  overdueAt,
  paymentState,
  reminderAt,
  type ApplicantFacts,
  type ApplicationAction,
  type PayLaterTerms,
} from './paylater.js';

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
}

const sme: ApplicantFacts = {
  kind: 'enterprise',
  verificationStatus: 'verified',
  sizeClass: 'small',
  domicile: 'mainland',
};

describe('措施五: who may apply for a pay-later licence', () => {
  it.each([
    ['a verified small enterprise', {}, false, 'ok'],
    ['a medium enterprise', { sizeClass: 'medium' }, false, 'ok'],
    ['a micro enterprise', { sizeClass: 'micro' }, false, 'ok'],
    ['a large enterprise', { sizeClass: 'large' }, false, 'PAYLATER_SME_ONLY'],
    // 措施十五 is about where a party is: outside the mainland the result's export review comes first.
    [
      'a Hong Kong-registered small enterprise, no export review',
      { domicile: 'hk_macao_taiwan' },
      false,
      'EXPORT_CONTROL_REQUIRED',
    ],
    ['a Hong Kong-registered small enterprise, export review confirmed', { domicile: 'hk_macao_taiwan' }, true, 'ok'],
    ['an enterprise registered abroad, no export review', { domicile: 'abroad' }, false, 'EXPORT_CONTROL_REQUIRED'],
    ['an unverified enterprise', { verificationStatus: 'pending_verification' }, false, 'PAYLATER_ORG_NOT_VERIFIED'],
    ['an institution', { kind: 'institution', sizeClass: null }, false, 'WRONG_ORG_KIND'],
  ] as const)('%s → %s', (_name, patch, confirmed, want) => {
    expect(code(() => checkApplicant({ ...sme, ...patch }, confirmed))).toBe(want);
  });

  // 措施五 covers 中小微企业 without exclusion: a mainland-registered 外资 SME may take one, which
  // today's rule refused (PAYLATER_DOMESTIC_ONLY). Ownership is no longer even an input.
  it('refuses every large enterprise, and one outside the mainland without the export review; accepts every other', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIZE_CLASSES),
        fc.constantFrom(...DOMICILES),
        fc.boolean(),
        (sizeClass, domicile, confirmed) => {
          const ok = code(() => checkApplicant({ ...sme, sizeClass, domicile }, confirmed)) === 'ok';
          expect(ok).toBe(sizeClass !== 'large' && (domicile === 'mainland' || confirmed));
        },
      ),
    );
  });

  it('explains the refusal of a large enterprise in Chinese', () => {
    try {
      checkApplicant({ ...sme, sizeClass: 'large' }, false);
    } catch (err) {
      expect((err as AppError).message).toContain('中小微企业');
      expect((err as AppError).status).toBe(403);
    }
  });
});

const terms: PayLaterTerms = {
  feeFen: 500_000_00,
  royaltyBp: null,
  paymentTiming: 'after_signing',
  paymentDelayMonths: 12,
  termYears: 3,
  paymentConditions: '产品投产并实现销售后支付',
};

describe('措施五: terms', () => {
  it('needs a fee or a royalty', () => {
    expect(code(() => checkTerms({ ...terms, feeFen: null, royaltyBp: null }))).toBe('PAYLATER_FEE_REQUIRED');
    expect(code(() => checkTerms({ ...terms, feeFen: 0, royaltyBp: 0 }))).toBe('PAYLATER_FEE_REQUIRED');
    expect(checkTerms({ ...terms, feeFen: 0, royaltyBp: 300 })).toMatchObject({ feeFen: null, royaltyBp: 300 });
    expect(checkTerms({ ...terms, paymentConditions: '  分期  ' }).paymentConditions).toBe('分期');
  });
});

describe('negotiation', () => {
  const table: Array<[PayLaterApplicationStatus, 'enterprise' | 'institution', ApplicationAction, string]> = [
    ['pending', 'institution', 'accept', 'accepted'],
    ['pending', 'institution', 'counter', 'countered'],
    ['pending', 'institution', 'decline', 'declined'],
    ['pending', 'enterprise', 'withdraw', 'withdrawn'],
    ['pending', 'enterprise', 'accept', 'FORBIDDEN'],
    ['pending', 'enterprise', 'counter', 'FORBIDDEN'],
    ['pending', 'institution', 'withdraw', 'FORBIDDEN'],
    ['countered', 'enterprise', 'accept', 'accepted'],
    ['countered', 'enterprise', 'decline', 'counter_declined'],
    ['countered', 'institution', 'accept', 'FORBIDDEN'],
    ['countered', 'institution', 'counter', 'INVALID_STATE'],
    ['countered', 'enterprise', 'withdraw', 'INVALID_STATE'],
    ['accepted', 'institution', 'decline', 'INVALID_STATE'],
    ['declined', 'institution', 'accept', 'INVALID_STATE'],
  ];
  it.each(table)('%s: %s %s → %s', (status, party, action, want) => {
    let got: string;
    try {
      got = nextApplicationStatus(status, party, action);
    } catch (err) {
      got = (err as AppError).code;
    }
    expect(got).toBe(want);
  });

  it('closed applications accept no move from anyone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAYLATER_APPLICATION_STATUSES.filter((s) => s !== 'pending' && s !== 'countered')),
        fc.constantFrom(...PAYLATER_PARTIES),
        fc.constantFrom<ApplicationAction>('accept', 'counter', 'decline', 'withdraw'),
        (status, party, action) => {
          expect(code(() => nextApplicationStatus(status, party, action))).toBe('INVALID_STATE');
        },
      ),
    );
  });
});

describe('payment schedule', () => {
  it('a fee counted from signing falls due N months later (clamped to month end)', () => {
    expect(buildSchedule({ ...terms, paymentDelayMonths: 1 }, '2026-01-31', null)).toEqual([
      { seq: 1, kind: 'fee', amountFen: 500_000_00, dueOn: '2026-02-28' },
    ]);
  });

  it('royalties are settled once per licence year', () => {
    const rows = buildSchedule({ ...terms, royaltyBp: 250, termYears: 3, paymentDelayMonths: 6 }, '2026-03-15', null);
    expect(rows).toEqual([
      { seq: 1, kind: 'fee', amountFen: 500_000_00, dueOn: '2026-09-15' },
      { seq: 2, kind: 'royalty', amountFen: null, dueOn: '2026-09-15' },
      { seq: 3, kind: 'royalty', amountFen: null, dueOn: '2027-09-15' },
      { seq: 4, kind: 'royalty', amountFen: null, dueOn: '2028-09-15' },
    ]);
  });

  it('counted from first sales, the schedule has no dates until they are reported', () => {
    const t = { ...terms, paymentTiming: 'after_first_sales' as const, paymentDelayMonths: 3 };
    expect(buildSchedule(t, '2026-03-15', null)).toEqual([{ seq: 1, kind: 'fee', amountFen: 500_000_00, dueOn: null }]);
    expect(buildSchedule(t, '2026-03-15', '2026-10-08')[0]!.dueOn).toBe('2027-01-08');
  });

  it('reminds before the due day begins in Shanghai and flags it overdue once the day has ended', () => {
    expect(
      reminderAt('2026-09-15', { years: 0, months: 0, weeks: 0, days: 7, hours: 0, minutes: 0, seconds: 0 }),
    ).toEqual(new Date('2026-09-07T16:00:00Z'));
    expect(overdueAt('2026-09-15')).toEqual(new Date('2026-09-15T16:00:00Z'));
    expect(paymentState({ status: 'scheduled', dueOn: '2026-09-15' }, '2026-09-15')).toBe('scheduled');
    expect(paymentState({ status: 'scheduled', dueOn: '2026-09-15' }, '2026-09-16')).toBe('overdue');
    expect(paymentState({ status: 'paid', dueOn: '2026-09-15' }, '2026-09-16')).toBe('paid');
    expect(paymentState({ status: 'scheduled', dueOn: null }, '2026-09-16')).toBe('awaiting_first_sales');
  });
});
