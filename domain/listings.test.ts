import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import {
  DEMAND_STATUSES,
  LICENCE_SCOPES,
  PRICING_MODES,
  PUBLIC_LISTING_STATUSES,
  SUPPLY_STATUSES,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
} from './constants/listings.js';
import { parseDuration } from './duration.js';
import { AppError, type ErrorCode } from './errors.js';
import * as rules from './listings.js';

const OWNER_ORG = 'org-owner';
const now = new Date('2026-03-01T08:00:00Z');
const periods: rules.Periods = {
  notice: parseDuration('P15D')!,
  listing: parseDuration('P15D')!,
  showcase: parseDuration('P180D')!,
};

const actors = {
  owner: { type: 'member', userId: 'u1', orgId: OWNER_ORG, orgKind: 'institution', orgVerification: 'verified' },
  unverifiedOwner: {
    type: 'member',
    userId: 'u1',
    orgId: OWNER_ORG,
    orgKind: 'institution',
    orgVerification: 'pending_verification',
  },
  otherMember: { type: 'member', userId: 'u2', orgId: 'org-other', orgKind: 'enterprise', orgVerification: 'verified' },
  operator: { type: 'operator', userId: 'u3', orgId: 'org-op' },
  system: { type: 'system' },
} as const satisfies Record<string, Actor>;
type ActorName = keyof typeof actors;

function listing(
  kind: ListingKind,
  status: ListingStatus,
  extra: Partial<rules.ListingFacts> = {},
): rules.ListingFacts {
  return {
    kind,
    status,
    organisationId: OWNER_ORG,
    pricingMode: kind === 'supply' ? 'fixed' : null,
    deadline: kind === 'demand' ? new Date(now.getTime() + 86_400_000) : null,
    hasResponses: false,
    ...extra,
  };
}

function outcome(fn: () => rules.Transition): ListingStatus | ErrorCode {
  try {
    return fn().to;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const reject = { code: 'incomplete_information', text: '缺少材料' } as const;
const takeDown = { code: 'violation', text: '违规' } as const;

const commands: Record<string, (l: rules.ListingFacts, a: Actor) => rules.Transition> = {
  edit: (l, a) => rules.edit(l, a),
  submit: (l, a) => rules.submit(l, a, now),
  approve: (l, a) => rules.approve(l, a, now, periods),
  reject: (l, a) => rules.reject(l, a, reject),
  withdraw: (l, a) => rules.withdraw(l, a),
  take_down: (l, a) => rules.takeDown(l, a, takeDown),
};

/** The expected outcome of every command, for every state, by every actor. */
function expected(
  kind: ListingKind,
  status: ListingStatus,
  command: string,
  actor: ActorName,
): ListingStatus | ErrorCode {
  const ownerLike = actor === 'owner' || actor === 'unverifiedOwner';
  switch (command) {
    case 'edit':
      if (!ownerLike) return 'FORBIDDEN';
      return ['draft', 'rejected'].includes(status) ? 'draft' : 'INVALID_STATE';
    case 'submit':
      if (!ownerLike) return 'FORBIDDEN';
      if (!['draft', 'rejected'].includes(status)) return 'INVALID_STATE';
      return actor === 'unverifiedOwner' ? 'ORG_NOT_VERIFIED' : 'pending_review';
    case 'approve':
      if (actor !== 'operator') return 'FORBIDDEN';
      if (status !== 'pending_review') return 'INVALID_STATE';
      return kind === 'demand' ? 'open' : 'listed';
    case 'reject':
      if (actor !== 'operator') return 'FORBIDDEN';
      return status === 'pending_review' ? 'rejected' : 'INVALID_STATE';
    case 'withdraw':
      if (!ownerLike) return 'FORBIDDEN';
      return ['draft', 'pending_review', 'rejected', 'showcase', 'notice', 'listed', 'open'].includes(status)
        ? 'withdrawn'
        : 'INVALID_STATE';
    case 'take_down':
      if (actor !== 'operator') return 'FORBIDDEN';
      return ['showcase', 'notice', 'objection_review', 'listed', 'auction', 'open', 'selecting'].includes(status)
        ? 'taken_down'
        : 'INVALID_STATE';
  }
  throw new Error(command);
}

describe('listing transitions: every command × state × actor', () => {
  const cases: Array<[ListingKind, ListingStatus, string, ActorName]> = [];
  for (const [kind, statuses] of [
    ['supply', SUPPLY_STATUSES],
    ['demand', DEMAND_STATUSES],
  ] as const) {
    for (const status of statuses) {
      for (const command of Object.keys(commands)) {
        for (const actor of Object.keys(actors) as ActorName[]) cases.push([kind, status, command, actor]);
      }
    }
  }

  it.each(cases)('%s %s: %s by %s', (kind, status, command, actor) => {
    const got = outcome(() => commands[command]!(listing(kind, status), actors[actor]));
    expect(got).toBe(expected(kind, status, command, actor));
  });
});

describe('approval starts the state and the deadline that the pricing mode calls for (DESIGN §5, 措施四)', () => {
  const table: Array<[PricingMode, ListingStatus, keyof rules.DeadlineColumns | null]> = [
    ['negotiable', 'showcase', 'expiresAt'],
    ['negotiated', 'notice', 'noticeEndsAt'],
    ['fixed', 'listed', 'listingEndsAt'],
    ['auction', 'auction', null],
  ];
  it('covers every pricing mode', () => expect(table.map((r) => r[0]).sort()).toEqual([...PRICING_MODES].sort()));

  it.each(table)('%s → %s', (pricingMode, to, column) => {
    const t = rules.approve(listing('supply', 'pending_review', { pricingMode }), actors.operator, now, periods);
    expect(t.to).toBe(to);
    if (column)
      expect(t.deadlines[column]).toEqual(new Date(now.getTime() + (column === 'expiresAt' ? 180 : 15) * 86_400_000));
    else expect(t.deadlines).toEqual({});
  });

  it('refuses to open a demand whose deadline passed while it waited for review', () => {
    const l = listing('demand', 'pending_review', { deadline: new Date(now.getTime() - 1) });
    expect(outcome(() => rules.approve(l, actors.operator, now, periods))).toBe('DEADLINE_IN_PAST');
  });

  it('refuses to submit a demand whose deadline is already past', () => {
    const l = listing('demand', 'draft', { deadline: now });
    expect(outcome(() => rules.submit(l, actors.owner, now))).toBe('DEADLINE_IN_PAST');
  });

  it('refuses to withdraw a public listing that has responses, but allows a draft', () => {
    expect(outcome(() => rules.withdraw(listing('supply', 'listed', { hasResponses: true }), actors.owner))).toBe(
      'INVALID_STATE',
    );
    expect(outcome(() => rules.withdraw(listing('demand', 'open', { hasResponses: true }), actors.owner))).toBe(
      'INVALID_STATE',
    );
    expect(outcome(() => rules.withdraw(listing('supply', 'draft', { hasResponses: true }), actors.owner))).toBe(
      'withdrawn',
    );
  });
});

describe('visibility', () => {
  it('shows public states to everyone and the rest only to the owner and operators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUPPLY_STATUSES, ...DEMAND_STATUSES),
        fc.constantFrom(null, ...Object.values(actors)),
        (status, actor) => {
          const visible = rules.canView({ status, organisationId: OWNER_ORG }, actor);
          const isPublic = (PUBLIC_LISTING_STATUSES as readonly string[]).includes(status);
          const privileged = actor?.type === 'operator' || (actor?.type === 'member' && actor.orgId === OWNER_ORG);
          expect(visible).toBe(isPublic || privileged);
        },
      ),
    );
  });
});

describe('listing content rules', () => {
  const ownResult = { institutionId: OWNER_ORG, securityClass: 'public' } as const;
  const supply = (over: Partial<rules.ListingContent> = {}): rules.ListingContent => ({
    kind: 'supply',
    resultId: 'r1',
    pricingMode: 'fixed',
    priceFen: 100,
    counterpartyName: null,
    deadline: null,
    supportSought: [],
    transactionTypes: ['transfer'],
    ...over,
  });
  const demand = (over: Partial<rules.ListingContent> = {}): rules.ListingContent => ({
    kind: 'demand',
    resultId: null,
    pricingMode: null,
    priceFen: 100,
    counterpartyName: null,
    deadline: now,
    supportSought: ['rd'],
    transactionTypes: [],
    ...over,
  });
  const check = (c: rules.ListingContent, result: rules.ResultFacts | null = ownResult) => {
    try {
      rules.checkListingContent(c, OWNER_ORG, result);
      return 'ok';
    } catch (err) {
      return (err as AppError).code;
    }
  };

  it.each([
    ['a complete fixed-price supply listing', supply(), ownResult, 'ok'],
    ['no result', supply({ resultId: null }), null, 'RESULT_REQUIRED'],
    ["another institution's result", supply(), { institutionId: 'x', securityClass: 'public' }, 'RESULT_NOT_OWNED'],
    [
      'a classified result (措施十五)',
      supply(),
      { institutionId: OWNER_ORG, securityClass: 'classified' },
      'RESULT_CLASSIFIED',
    ],
    ['a restricted result may be listed', supply(), { institutionId: OWNER_ORG, securityClass: 'restricted' }, 'ok'],
    ['no pricing mode', supply({ pricingMode: null }), ownResult, 'PRICING_MODE_REQUIRED'],
    ['no transaction type', supply({ transactionTypes: [] }), ownResult, 'TRANSACTION_TYPE_REQUIRED'],
    [
      'negotiated without counterparty (措施四)',
      supply({ pricingMode: 'negotiated' }),
      ownResult,
      'COUNTERPARTY_REQUIRED',
    ],
    [
      'negotiated without price',
      supply({ pricingMode: 'negotiated', counterpartyName: '甲公司', priceFen: null }),
      ownResult,
      'PRICE_REQUIRED',
    ],
    ['negotiated complete', supply({ pricingMode: 'negotiated', counterpartyName: '甲公司' }), ownResult, 'ok'],
    ['fixed without price', supply({ priceFen: null }), ownResult, 'PRICE_REQUIRED'],
    ['auction without start price', supply({ pricingMode: 'auction', priceFen: null }), ownResult, 'PRICE_REQUIRED'],
    ['negotiable without price', supply({ pricingMode: 'negotiable', priceFen: null }), ownResult, 'ok'],
    ['counterparty on a fixed listing', supply({ counterpartyName: '甲公司' }), ownResult, 'FIELD_NOT_ALLOWED'],
    ['deadline on supply', supply({ deadline: now }), ownResult, 'FIELD_NOT_ALLOWED'],
    ['support sought on supply', supply({ supportSought: ['rd'] }), ownResult, 'FIELD_NOT_ALLOWED'],
    // A licence says its scope (独占 / 排他 / 普通许可); nothing else has one.
    ['a licence without its scope', supply({ transactionTypes: ['license'] }), ownResult, 'LICENCE_SCOPE_REQUIRED'],
    ['a licence with its scope', supply({ transactionTypes: ['license'], licenseScope: 'sole' }), ownResult, 'ok'],
    ['a scope without a licence', supply({ licenseScope: 'exclusive' }), ownResult, 'FIELD_NOT_ALLOWED'],
    ['a negotiable budget on supply', supply({ budgetNegotiable: true }), ownResult, 'FIELD_NOT_ALLOWED'],
    ['a complete demand', demand(), null, 'ok'],
    // 措施八: a demand states its budget or says it is negotiable — today neither was accepted by the API.
    ['a demand with neither budget nor 面议', demand({ priceFen: null }), null, 'BUDGET_REQUIRED'],
    ['a demand whose budget is 面议', demand({ priceFen: null, budgetNegotiable: true }), null, 'ok'],
    ['a demand with a budget and 面议', demand({ budgetNegotiable: true }), null, 'VALIDATION_FAILED'],
    ['a demand with a licence scope', demand({ licenseScope: 'sole' }), null, 'FIELD_NOT_ALLOWED'],
    ['demand without deadline', demand({ deadline: null }), null, 'DEADLINE_REQUIRED'],
    ['demand with a pricing mode', demand({ pricingMode: 'fixed' }), null, 'FIELD_NOT_ALLOWED'],
    ['demand with a result', demand({ resultId: 'r1' }), null, 'FIELD_NOT_ALLOWED'],
  ] as const)('%s → %s', (_name, content, result, want) => {
    expect(check(content, result)).toBe(want);
  });

  it('lets only enterprises create demands and only institutions create supply listings', () => {
    const enterprise: Actor = { ...actors.otherMember };
    expect(() => rules.checkCanCreate('demand', enterprise)).not.toThrow();
    expect(() => rules.checkCanCreate('supply', enterprise)).toThrow(AppError);
    expect(() => rules.checkCanCreate('supply', actors.owner)).not.toThrow();
    expect(() => rules.checkCanCreate('demand', actors.owner)).toThrow(AppError);
    expect(() => rules.checkCanCreate('demand', actors.operator)).toThrow(AppError);
  });
});

describe('one result, one buyer of exclusive rights', () => {
  const holder = { id: 'l-holder', title: '高镍正极材料挂牌转让' };
  const TYPE_SETS = [['transfer'], ['equity'], ['license'], ['transfer', 'license'], ['license', 'equity']] as const;
  const SCOPES = [null, ...LICENCE_SCOPES] as const;

  it.each(TYPE_SETS.flatMap((types) => SCOPES.map((scope) => [types, scope] as const)))(
    '%j with scope %s',
    (types, scope) => {
      const exclusive =
        types.some((t) => t === 'transfer' || t === 'equity') ||
        (types.includes('license' as never) && (scope === 'exclusive' || scope === 'sole'));
      const c = { kind: 'supply' as const, transactionTypes: types, licenseScope: scope };
      expect(rules.offersExclusiveRights(c)).toBe(exclusive);
      // Today a second such listing of the same result was accepted.
      const got = (() => {
        try {
          rules.checkResultAvailable(c, holder);
          return 'ok';
        } catch (err) {
          return (err as AppError).code;
        }
      })();
      expect(got).toBe(exclusive ? 'RESULT_EXCLUSIVELY_OFFERED' : 'ok');
      expect(() => rules.checkResultAvailable(c, null)).not.toThrow();
    },
  );

  it('names the listing that holds the result', () => {
    try {
      rules.checkResultAvailable({ kind: 'supply', transactionTypes: ['transfer'] }, holder);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).message).toContain('高镍正极材料挂牌转让');
      expect((err as AppError).details).toEqual({ listingId: 'l-holder', title: '高镍正极材料挂牌转让' });
    }
  });

  it.each(SUPPLY_STATUSES)('%s holds the result: from submission until the deal', (status) => {
    const holds = ['pending_review', 'showcase', 'notice', 'objection_review', 'listed', 'auction', 'matched'].includes(
      status,
    );
    expect(rules.holdsResult(status)).toBe(holds);
  });
});
