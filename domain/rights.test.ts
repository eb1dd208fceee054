import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OwnershipMode } from './constants/results.js';
import { RIGHTS_GRANT_KINDS } from './constants/rights.js';
import { AppError } from './errors.js';
import {
  checkGrantDecision,
  checkStillApplicable,
  formalityKindFor,
  formalityReminderDue,
  formalityTransition,
  grantOutcome,
  grantPurpose,
  needsFormalities,
  rightsAfter,
  type GrantDecisionInput,
  type GrantFacts,
  type TeamFacts,
} from './rights.js';

const TODAY = '2026-12-06';
const result: GrantFacts = {
  ownership: 'institution',
  coOwners: [],
  longTermUseStartsOn: null,
  longTermUseEndsOn: null,
  securityClass: 'public',
};
const ltu: GrantFacts = {
  ...result,
  ownership: 'long_term_use',
  longTermUseStartsOn: '2020-01-01',
  longTermUseEndsOn: '2030-12-31',
};
const team: TeamFacts = { linkedUserIds: ['u1', 'u2'], needsConfirmation: false };
const decision = { decisionBody: '成果转化领导小组', decidedOn: '2026-12-01', basis: '赋权管理办法第八条' };
const coOwn = (i: number, t: number): GrantDecisionInput => ({
  kind: 'co_ownership',
  institutionShareBp: i,
  teamShareBp: t,
  ...decision,
});

function code(input: GrantDecisionInput, r: GrantFacts = result, tf: TeamFacts = team): string {
  try {
    checkGrantDecision(input, r, tf, TODAY);
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('措施一、六、十四、十五: grant decisions', () => {
  it.each<[string, GrantDecisionInput, GrantFacts, TeamFacts, string]>([
    ['co-ownership 30/70', coOwn(3000, 7000), result, team, 'ok'],
    ['co-ownership with the institution at 0', coOwn(0, 10000), result, team, 'CO_OWNER_INSTITUTION_REQUIRED'],
    ['co-ownership with the team at 0', coOwn(10000, 0), result, team, 'CO_OWNERS_REQUIRED'],
    ['co-ownership not adding up', coOwn(3000, 6999), result, team, 'SHARES_MUST_TOTAL_100'],
    [
      'co-ownership of a restricted result (措施十五)',
      coOwn(3000, 7000),
      { ...result, securityClass: 'restricted' },
      team,
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'co-ownership of a classified result (措施十五)',
      coOwn(3000, 7000),
      { ...result, securityClass: 'classified' },
      team,
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'co-ownership of a co-owned result',
      coOwn(3000, 7000),
      { ...result, ownership: 'co_owned' },
      team,
      'GRANT_NOT_APPLICABLE',
    ],
    ['long-term use converted to ownership', coOwn(2000, 8000), ltu, team, 'ok'],
    [
      'no decision body (措施十四)',
      { ...coOwn(3000, 7000), decisionBody: ' ' },
      result,
      team,
      'RIGHTS_DECISION_BODY_REQUIRED',
    ],
    ['no basis (措施十四)', { ...coOwn(3000, 7000), basis: '' }, result, team, 'DECISION_BASIS_REQUIRED'],
    [
      'a decision dated tomorrow',
      { ...coOwn(3000, 7000), decidedOn: '2026-12-07' },
      result,
      team,
      'RIGHTS_DECISION_DATE_INVALID',
    ],
    [
      'a team nobody is linked in',
      coOwn(3000, 7000),
      result,
      { linkedUserIds: [], needsConfirmation: false },
      'GRANT_TEAM_NOT_LINKED',
    ],
    [
      'a migrated team not yet confirmed',
      coOwn(3000, 7000),
      result,
      { ...team, needsConfirmation: true },
      'GRANT_TEAM_NOT_CONFIRMED',
    ],
    [
      'long-term use of exactly 10 years',
      { kind: 'long_term_use', startsOn: '2026-12-01', endsOn: '2036-12-01', ...decision },
      result,
      team,
      'ok',
    ],
    [
      'long-term use a day short of 10 years',
      { kind: 'long_term_use', startsOn: '2026-12-01', endsOn: '2036-11-30', ...decision },
      result,
      team,
      'LONG_TERM_USE_TOO_SHORT',
    ],
    [
      'long-term use from 29 Feb (ends 28 Feb)',
      { kind: 'long_term_use', startsOn: '2024-02-29', endsOn: '2034-02-28', ...decision },
      result,
      team,
      'ok',
    ],
    [
      'long-term use already ended',
      { kind: 'long_term_use', startsOn: '2000-01-01', endsOn: '2020-01-01', ...decision },
      result,
      team,
      'LONG_TERM_USE_ENDED',
    ],
    [
      'long-term use without dates',
      { kind: 'long_term_use', ...decision },
      result,
      team,
      'LONG_TERM_USE_TERMS_REQUIRED',
    ],
    ['extension to a later end', { kind: 'long_term_use', endsOn: '2035-12-31', ...decision }, ltu, team, 'ok'],
    [
      'extension to an earlier end',
      { kind: 'long_term_use', endsOn: '2030-06-30', ...decision },
      { ...ltu, longTermUseStartsOn: '2019-01-01' },
      team,
      'LONG_TERM_USE_EXTENSION_SHORTER',
    ],
    [
      'long-term use on a co-owned result',
      { kind: 'long_term_use', startsOn: '2026-12-01', endsOn: '2040-01-01', ...decision },
      { ...result, ownership: 'co_owned' },
      team,
      'GRANT_NOT_APPLICABLE',
    ],
    [
      'share transfer for a fee',
      { kind: 'share_transfer', feeFen: 5_000_000, feeDueOn: '2027-01-31', ...decision },
      { ...result, ownership: 'co_owned' },
      team,
      'ok',
    ],
    [
      'share transfer without a fee',
      { kind: 'share_transfer', feeDueOn: '2027-01-31', ...decision },
      { ...result, ownership: 'co_owned' },
      team,
      'RESOURCE_FEE_REQUIRED',
    ],
    [
      'share transfer due before the decision',
      { kind: 'share_transfer', feeFen: 100, feeDueOn: '2026-11-30', ...decision },
      result,
      team,
      'RESOURCE_FEE_REQUIRED',
    ],
    [
      'share transfer of a team-owned result',
      { kind: 'share_transfer', feeFen: 100, feeDueOn: '2027-01-31', ...decision },
      { ...result, ownership: 'team_owned' },
      team,
      'GRANT_NOT_APPLICABLE',
    ],
    [
      'agreed return',
      { kind: 'agreed_return', companyName: '辽宁星桥科技有限公司', agreedReturnBp: 1500, ...decision },
      result,
      team,
      'ok',
    ],
    [
      'agreed return without a company',
      { kind: 'agreed_return', agreedReturnBp: 1500, ...decision },
      result,
      team,
      'AGREED_RETURN_REQUIRED',
    ],
    [
      'agreed return of 0 %',
      { kind: 'agreed_return', companyName: '某公司', agreedReturnBp: 0, ...decision },
      result,
      team,
      'AGREED_RETURN_REQUIRED',
    ],
    [
      'agreed return on a restricted result',
      { kind: 'agreed_return', companyName: '某公司', agreedReturnBp: 100, ...decision },
      { ...result, securityClass: 'restricted' },
      team,
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
  ])('%s', (_name, input, r, tf, expected) => {
    expect(code(input, r, tf)).toBe(expected);
  });

  it('an extension keeps the right’s first day', () => {
    const g = checkGrantDecision(
      { kind: 'long_term_use', startsOn: '2026-01-01', endsOn: '2035-12-31', ...decision },
      ltu,
      team,
      TODAY,
    );
    expect([g.purpose, g.startsOn, g.endsOn]).toEqual(['extension', '2020-01-01', '2035-12-31']);
  });

  it('purpose by kind and current ownership', () => {
    const table: [string, OwnershipMode, string][] = [
      ['co_ownership', 'institution', 'grant'],
      ['co_ownership', 'long_term_use', 'conversion'],
      ['long_term_use', 'institution', 'grant'],
      ['long_term_use', 'long_term_use', 'extension'],
      ['share_transfer', 'co_owned', 'transfer'],
      ['agreed_return', 'institution', 'transfer'],
    ];
    for (const [kind, own, purpose] of table) expect(grantPurpose(kind as never, own)).toBe(purpose);
  });

  // 措施一: shares in basis points; a decision is accepted exactly when both are positive and add up to 10,000.
  it('property: co-ownership shares are accepted iff both > 0 and they sum to 10,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 10_010 }), fc.integer({ min: -10, max: 10_010 }), (i, t) => {
        const ok = code(coOwn(i, t)) === 'ok';
        expect(ok).toBe(i > 0 && t > 0 && i + t === 10_000);
        if (ok) {
          const g = checkGrantDecision(coOwn(i, t), result, team, TODAY);
          const after = rightsAfter(g, { institution: '北辰工业大学', team: '团队' });
          expect(after.ownership).toBe('co_owned');
          expect(after.coOwners.reduce((s, c) => s + c.shareBp, 0)).toBe(10_000);
          expect(after.coOwners.find((c) => c.party === 'institution')!.shareBp).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('property: an institution share drawn in 1..9,999 with the complement is always accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), (i) => {
        expect(code(coOwn(i, 10_000 - i))).toBe('ok');
      }),
    );
  });
});

describe('the team accepts: every linked member', () => {
  it.each<[string, ('accepted' | 'declined' | null)[], string]>([
    ['no answers yet', [null, null], 'pending'],
    ['one of two accepted', ['accepted', null], 'pending'],
    ['all accepted', ['accepted', 'accepted'], 'accepted'],
    ['one declined, one silent', ['declined', null], 'declined'],
    ['one declined after another accepted', ['accepted', 'declined'], 'declined'],
    ['nobody asked', [], 'pending'],
  ])('%s', (_n, answers, outcome) => expect(grantOutcome(answers)).toBe(outcome));

  it('refuses an acceptance once the result changed or was reclassified', () => {
    expect(() => checkStillApplicable('institution', { ...result, ownership: 'co_owned' })).toThrow(AppError);
    expect(() => checkStillApplicable('institution', { ...result, securityClass: 'restricted' })).toThrow(AppError);
    expect(() => checkStillApplicable('institution', result)).not.toThrow();
  });
});

describe('rights after acceptance and the formalities', () => {
  it('maps each kind to the result’s ownership', () => {
    const base = { institutionShareBp: null, teamShareBp: null, startsOn: null, endsOn: null };
    const names = { institution: 'I', team: 'T' };
    expect(
      rightsAfter({ ...base, kind: 'long_term_use', startsOn: '2026-01-01', endsOn: '2036-01-01' }, names),
    ).toEqual({
      ownership: 'long_term_use',
      coOwners: [],
      longTermUseStartsOn: '2026-01-01',
      longTermUseEndsOn: '2036-01-01',
    });
    expect(rightsAfter({ ...base, kind: 'share_transfer' }, names).ownership).toBe('team_owned');
    expect(rightsAfter({ ...base, kind: 'agreed_return' }, names).ownership).toBe('team_owned');
    expect(RIGHTS_GRANT_KINDS.filter(needsFormalities)).toEqual(['co_ownership', 'share_transfer', 'agreed_return']);
  });

  it.each([
    ['invention_patent', '2022-01-01', 'patent_ownership_change'],
    ['utility_model', null, 'patent_application_change'],
    ['software_copyright', '2022-01-01', 'other_registration_change'],
  ] as const)('%s granted %s → %s', (type, grant, kind) => expect(formalityKindFor(type, grant)).toBe(kind));

  it('formalities go to_file → filed → approved, dated, in order', () => {
    expect(formalityTransition('to_file', 'file', '2026-12-01', null, TODAY)).toBe('filed');
    expect(formalityTransition('filed', 'approve', '2026-12-05', '2026-12-01', TODAY)).toBe('approved');
    const refused = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(refused(() => formalityTransition('to_file', 'approve', '2026-12-01', null, TODAY))).toBe('FORMALITY_STATE');
    expect(refused(() => formalityTransition('approved', 'file', '2026-12-01', null, TODAY))).toBe('FORMALITY_STATE');
    expect(refused(() => formalityTransition('to_file', 'file', '2026-12-07', null, TODAY))).toBe(
      'FORMALITY_DATE_INVALID',
    );
    expect(refused(() => formalityTransition('filed', 'approve', '2026-11-30', '2026-12-01', TODAY))).toBe(
      'FORMALITY_DATE_INVALID',
    );
  });

  it('reminds open formalities every 30 days', () => {
    expect(formalityReminderDue('to_file', '2026-11-06', TODAY)).toBe(true);
    expect(formalityReminderDue('filed', '2026-11-07', TODAY)).toBe(false);
    expect(formalityReminderDue('approved', '2026-01-01', TODAY)).toBe(false);
  });
});
