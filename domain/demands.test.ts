import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, DAY, later, now, outcome, OTHER_INST, OWNER_ENT } from '../test/helpers/actors.js';
import { DEMAND_STATUSES, SUPPLY_STATUSES, type ListingStatus } from './constants/listings.js';
import { PROPOSAL_STATUSES, type ProposalStatus } from './constants/lifecycle.js';
import * as rules from './demands.js';
import { parseDuration } from './duration.js';

function demand(status: ListingStatus, extra: Partial<rules.DemandListing> = {}): rules.DemandListing {
  return {
    kind: 'demand',
    status,
    organisationId: OWNER_ENT,
    deadline: later(DAY),
    selectionEndsAt: later(DAY),
    ...extra,
  };
}

function proposal(status: ProposalStatus, extra: Partial<rules.ProposalFacts> = {}): rules.ProposalFacts {
  return {
    id: 'p1',
    organisationId: OTHER_INST,
    status,
    enterpriseConfirmed: false,
    institutionConfirmed: false,
    ...extra,
  };
}

const STATES = [
  ...DEMAND_STATUSES.map((s) => ['demand', s] as const),
  ...SUPPLY_STATUSES.map((s) => ['supply', s] as const),
];
const periods = { selection: parseDuration('P15D')! };

describe('submitting a proposal: every state × actor', () => {
  const cases = STATES.flatMap(([kind, status]) => ACTOR_NAMES.map((a) => [kind, status, a] as const));
  it.each(cases)('%s %s by %s', (kind, status, a) => {
    const got = outcome(() => rules.checkSubmitProposal(demand(status, { kind }), actors[a], now, false));
    let want: string;
    if (a === 'operator' || a === 'system') want = 'FORBIDDEN';
    else if (!a.toLowerCase().includes('institution')) want = 'WRONG_ORG_KIND';
    else if (a === 'unverifiedInstitution') want = 'ORG_NOT_VERIFIED';
    else if (kind !== 'demand' || status !== 'open') want = 'DEMAND_NOT_OPEN';
    else want = 'ok';
    expect(got).toBe(want);
  });

  it.each([
    ['at the deadline', demand('open', { deadline: now }), false, 'DEMAND_DEADLINE_PASSED'],
    ['after the deadline', demand('open', { deadline: later(-1) }), false, 'DEMAND_DEADLINE_PASSED'],
    ['a second live proposal', demand('open'), true, 'PROPOSAL_EXISTS'],
  ] as const)('%s → %s', (_n, d, already, want) => {
    expect(outcome(() => rules.checkSubmitProposal(d, actors.institution, now, already))).toBe(want);
  });
});

describe('withdrawing a proposal', () => {
  const cases = PROPOSAL_STATUSES.flatMap((s) => ACTOR_NAMES.map((a) => [s, a] as const));
  it.each(cases)('%s by %s', (status, a) => {
    const got = outcome(() => rules.checkWithdrawProposal(demand('open'), proposal(status), actors[a], now));
    const want = a !== 'institution' ? 'FORBIDDEN' : status !== 'submitted' ? 'PROPOSAL_NOT_ACTIVE' : 'ok';
    expect(got).toBe(want);
  });

  it.each(DEMAND_STATUSES.filter((s) => s !== 'open'))('not once the demand is %s', (status) => {
    expect(
      outcome(() => rules.checkWithdrawProposal(demand(status), proposal('submitted'), actors.institution, now)),
    ).toBe('DEMAND_NOT_OPEN');
  });

  it('not after the deadline', () => {
    const d = demand('open', { deadline: now });
    expect(outcome(() => rules.checkWithdrawProposal(d, proposal('submitted'), actors.institution, now))).toBe(
      'DEMAND_DEADLINE_PASSED',
    );
  });
});

describe('who sees a proposal', () => {
  it.each(ACTOR_NAMES)('%s', (a) => {
    const want = ['ownerEnterprise', 'institution', 'operator'].includes(a);
    expect(rules.canViewProposal(demand('open'), proposal('submitted'), actors[a])).toBe(want);
  });

  it('nobody anonymous', () => expect(rules.canViewProposal(demand('open'), proposal('submitted'), null)).toBe(false));
});

describe('the deadline and the selection period', () => {
  it.each([
    [0, 'expired'],
    [1, 'selecting'],
    [4, 'selecting'],
  ] as const)('%i live proposal(s) at the deadline → %s', (n, want) => {
    const t = rules.decideDemandDeadline(demand('open', { deadline: now }), n, now, periods);
    expect(t.to).toBe(want);
    if (want === 'selecting') expect(t.deadlines.selectionEndsAt).toEqual(later(15 * DAY));
  });

  it.each(DEMAND_STATUSES.filter((s) => s !== 'open'))('the deadline timer on a demand in %s', (status) => {
    expect(outcome(() => rules.decideDemandDeadline(demand(status, { deadline: now }), 1, now, periods))).toBe(
      'INVALID_STATE',
    );
  });

  it('the deadline timer before the deadline', () => {
    expect(outcome(() => rules.decideDemandDeadline(demand('open'), 1, now, periods))).toBe('INVALID_STATE');
  });

  it.each(DEMAND_STATUSES)('the selection timer on a demand in %s', (status) => {
    const got = outcome(() => rules.decideSelectionEnd(demand(status, { selectionEndsAt: now }), now));
    expect(got).toBe(status === 'selecting' ? 'expired' : 'INVALID_STATE');
  });

  it('the selection timer before its end', () => {
    expect(outcome(() => rules.decideSelectionEnd(demand('selecting'), now))).toBe('INVALID_STATE');
  });
});

describe('awarding: every state × actor', () => {
  const proposals = [
    proposal('submitted', { id: 'a' }),
    proposal('submitted', { id: 'b' }),
    proposal('withdrawn', { id: 'c' }),
  ];
  const cases = DEMAND_STATUSES.flatMap((s) => ACTOR_NAMES.map((a) => [s, a] as const));
  it.each(cases)('%s by %s', (status, a) => {
    const got = outcome(() => rules.award(demand(status), actors[a], now, proposals, ['a']));
    const want = a !== 'ownerEnterprise' ? 'FORBIDDEN' : status !== 'selecting' ? 'NOT_SELECTING' : 'awarded';
    expect(got).toBe(want);
  });

  it('awards the chosen and leaves the rest not selected', () => {
    const d = rules.award(demand('selecting'), actors.ownerEnterprise, now, proposals, ['b', 'b']);
    expect(d).toMatchObject({ awarded: ['b'], notSelected: ['a'], transition: { to: 'awarded' } });
  });

  it.each([
    ['nothing', []],
    ['a withdrawn proposal', ['c']],
    ['a proposal of another demand', ['zzz']],
  ] as const)('refuses awarding %s', (_n, ids) => {
    expect(outcome(() => rules.award(demand('selecting'), actors.ownerEnterprise, now, proposals, ids))).toBe(
      'PROPOSAL_NOT_AWARDABLE',
    );
  });

  it('refuses after the selection period', () => {
    const d = demand('selecting', { selectionEndsAt: now });
    expect(outcome(() => rules.award(d, actors.ownerEnterprise, now, proposals, ['a']))).toBe('SELECTION_ENDED');
  });
});

describe('landing: both sides confirm', () => {
  const cases = (['awarded', 'landed', 'selecting', 'open', 'expired'] as const).flatMap((s) =>
    PROPOSAL_STATUSES.flatMap((ps) => ACTOR_NAMES.map((a) => [s, ps, a] as const)),
  );
  it.each(cases)('demand %s, proposal %s, by %s', (status, ps, a) => {
    const got = outcome(() => rules.confirmLanding(demand(status), proposal(ps), actors[a]));
    let want: string;
    if (a !== 'ownerEnterprise' && a !== 'institution') want = 'FORBIDDEN';
    else if (status !== 'awarded' && status !== 'landed') want = 'INVALID_STATE';
    else if (ps !== 'awarded') want = 'PROPOSAL_NOT_AWARDED';
    else want = 'ok';
    expect(got).toBe(want);
  });

  it('the second side lands the demand; the first only records its confirmation', () => {
    const first = rules.confirmLanding(demand('awarded'), proposal('awarded'), actors.ownerEnterprise);
    expect(first).toEqual({ side: 'enterprise', projectLanded: false, transition: null });
    const second = rules.confirmLanding(
      demand('awarded'),
      proposal('awarded', { enterpriseConfirmed: true }),
      actors.institution,
    );
    expect(second).toMatchObject({
      side: 'institution',
      projectLanded: true,
      transition: { from: 'awarded', to: 'landed' },
    });
  });

  it('a further awarded project landing on a landed demand changes no status', () => {
    const d = rules.confirmLanding(
      demand('landed'),
      proposal('awarded', { institutionConfirmed: true }),
      actors.ownerEnterprise,
    );
    expect(d).toMatchObject({ projectLanded: true, transition: null });
  });

  it('each side confirms once', () => {
    const p = proposal('awarded', { enterpriseConfirmed: true });
    expect(outcome(() => rules.confirmLanding(demand('awarded'), p, actors.ownerEnterprise))).toBe(
      'LANDING_ALREADY_CONFIRMED',
    );
  });
});
