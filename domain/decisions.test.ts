import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { DECISION_TYPES, PARTY_DECISION_TYPES } from './constants/dossiers.js';
import { POOL_REMOVAL_REASONS } from './constants/pool.js';
import { LISTING_STATUS_LABELS, PRICING_MODES, type ListingStatus } from './constants/listings.js';
import {
  contractDecision,
  conversionDecision,
  decidedByRole,
  LISTING_DECISIONS,
  organisationVerificationDecision,
  listingDecision,
  paylaterDecision,
  paymentDecision,
  poolDecision,
  poolScanDecision,
} from './decisions.js';
import type { ListingAction, Transition } from './listings.js';

const ACTIONS: ListingAction[] = [
  'edit',
  'submit',
  'approve',
  'reject',
  'withdraw',
  'take_down',
  'notice_end',
  'objection_decide',
  'objection_lapse',
  'window_end',
  'showcase_expire',
  'renew',
  'demand_deadline',
  'award',
  'selection_end',
  'land',
  'convert',
];
const STATUSES = Object.keys(LISTING_STATUS_LABELS) as ListingStatus[];
const supply = { kind: 'supply' as const, pricingMode: 'negotiated' as const, priceFen: 120_000_000 };
const tr = (action: ListingAction, from: ListingStatus, to: ListingStatus, reason?: string): Transition => ({
  action,
  from,
  to,
  deadlines: {},
  ...(reason !== undefined ? { reason: { code: 'ip_unclear', text: reason } } : {}),
});

describe('which listing transitions are decisions', () => {
  it.each([
    ['submit', 'pricing'],
    ['approve', 'listing_review'],
    ['reject', 'listing_review'],
    ['take_down', 'listing_review'],
    ['notice_end', 'notice_outcome'],
    ['objection_decide', 'objection_decision'],
    ['objection_lapse', 'notice_outcome'],
    ['award', 'deal'],
    ['land', 'landing_confirmation'],
    ['edit', null],
    ['withdraw', null],
    ['window_end', null],
    ['showcase_expire', null],
    ['renew', null],
    ['demand_deadline', null],
    ['selection_end', null],
    // Recorded by the ledger where the conversion is recorded, with its price basis and appraisal.
    ['convert', null],
  ] as const)('%s → %s', (action, type) => {
    expect(listingDecision(supply, tr(action, 'draft', 'pending_review'), {})?.decisionType ?? null).toBe(type);
  });

  it('a demand’s submission is no pricing decision', () => {
    expect(
      listingDecision(
        { kind: 'demand', pricingMode: null, priceFen: 5_000_000 },
        tr('submit', 'draft', 'pending_review'),
        {},
      ),
    ).toBeNull();
  });

  it('the pricing record states the mode and the price', () => {
    const d = listingDecision(supply, tr('submit', 'draft', 'pending_review'), {})!;
    expect(d.summary).toBe('定价方式：协议定价；价格：120 万元');
    expect(d.details).toEqual({ pricingMode: 'negotiated', priceFen: 120_000_000 });
    expect(d.basis).toMatch(/^措施四/);
  });

  it('a rejection’s basis is the operator’s reason; an objection ruling’s is the institution’s, or 措施四', () => {
    expect(listingDecision(supply, tr('reject', 'pending_review', 'rejected', '权属不清'), {})!.basis).toBe('权属不清');
    const ruled = (reason: unknown) =>
      listingDecision(supply, tr('objection_decide', 'objection_review', 'listed'), { decision: 'list', reason })!;
    expect(ruled('同类成果市场价更高，挂牌交易').basis).toBe('同类成果市场价更高，挂牌交易');
    expect(ruled(null).basis).toMatch(/^措施四/);
    expect(ruled(null).summary).toBe(
      '异议处理决定：在技术市场挂牌交易（按公示价格，挂牌期半个月）（异议待决定 → 挂牌中）',
    );
    expect(ruled('   ').basis).toMatch(/^措施四/);
  });

  it('property: every decision a transition makes has a type, a summary and a non-empty basis', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...STATUSES),
        fc.constantFrom(...STATUSES),
        fc.constantFrom('supply' as const, 'demand' as const),
        fc.option(fc.constantFrom(...PRICING_MODES), { nil: null }),
        fc.option(fc.nat({ max: 10_000_000_000 }), { nil: null }),
        fc.option(fc.string(), { nil: undefined }),
        fc.dictionary(
          fc.constantFrom('reason', 'decision', 'standingObjections'),
          fc.oneof(fc.string(), fc.constant(null)),
        ),
        (action, from, to, kind, pricingMode, priceFen, reason, details) => {
          const d = listingDecision({ kind, pricingMode, priceFen }, tr(action, from, to, reason), details);
          if (d === null)
            return !LISTING_DECISIONS[action] || (action === 'submit' && (kind !== 'supply' || !pricingMode));
          return DECISION_TYPES.includes(d.decisionType) && d.summary.trim().length > 0 && d.basis.trim().length > 0;
        },
      ),
    );
  });
});

describe('the ledger’s, the pool’s and pay-later’s records', () => {
  it('a conversion without its own basis falls back to its price basis', () => {
    const base = {
      route: 'deal',
      transactionType: 'transfer',
      priceBasis: 'agreed_price',
      boundPriceFen: 1_000,
      amountFen: 1_000,
      appraisal: 'appraised',
    };
    expect(conversionDecision({ ...base, basis: '评估报告' }).basis).toBe('评估报告');
    expect(conversionDecision({ ...base, basis: '  ' }).basis.trim()).not.toBe('');
    expect(conversionDecision({ ...base, basis: '' }).details).toMatchObject({
      appraisal: 'appraised',
      boundPriceFen: 1_000,
    });
  });

  it.each([
    [contractDecision('terminate', 'effective', 'terminated', '对方违约'), 'contract', '对方违约'],
    [contractDecision('sign', 'draft', 'effective', null), 'contract', '合同经双方签订生效'],
    [
      paymentDecision({ amountFen: 100, receivedOn: '2026-01-02', evidenceRef: '回单', overpaymentReason: null }),
      'payment_confirmation',
      '到账凭证：回单',
    ],
    [poolDecision('opt_out', '拟作价投资'), 'pool_inclusion', '拟作价投资'],
    [poolDecision('include', ''), 'pool_inclusion', '措施五：科研单位自愿纳入成果池'],
    [paylaterDecision('decline', 'pending', 'declined', '不符合条件'), 'paylater_approval', '不符合条件'],
  ])('%#: %s', (d, type, basis) => {
    expect(d.decisionType).toBe(type);
    expect(d.basis).toBe(basis);
  });

  it('names the decider’s role from the actor', () => {
    const roles: Array<[Actor, string]> = [
      [{ type: 'operator', userId: 'u', orgId: 'o' }, '平台运营方'],
      [{ type: 'system' }, '平台（按规则自动处理）'],
      [{ type: 'oversight', userId: 'u', orgId: 'o', scope: 'provincial' }, '省科学技术厅'],
      [
        { type: 'member', userId: 'u', orgId: 'o', orgKind: 'institution', orgVerification: 'verified' },
        '科研单位经办人',
      ],
      [{ type: 'member', userId: 'u', orgId: 'o', orgKind: 'enterprise', orgVerification: 'verified' }, '企业经办人'],
    ];
    for (const [actor, role] of roles) expect(decidedByRole(actor)).toBe(role);
  });
});

describe('the platform’s own decisions: organisation verification and the pool scan', () => {
  const scan = { scanDate: '2026-12-06', grantedOnOrBefore: '2023-12-06' };

  it('a verification names the operator’s check; a rejection its reason, or the rule when none is given', () => {
    const ok = organisationVerificationDecision('verify', 'pending_verification', null);
    expect(ok).toMatchObject({
      decisionType: 'organisation_verification',
      summary: '机构认证通过',
      details: { decision: 'verify', from: 'pending_verification', to: 'verified', reason: null },
    });
    const no = organisationVerificationDecision('reject_verification', 'pending_verification', ' 信用代码与名称不符 ');
    expect([no.summary, no.basis]).toEqual(['机构认证不通过：信用代码与名称不符', '信用代码与名称不符']);
    expect(organisationVerificationDecision('reject_verification', 'rejected', '  ').basis).toMatch(/^平台认证规则/);
  });

  it('the platform’s reviews are never recorded by a party', () => {
    expect(PARTY_DECISION_TYPES).not.toContain('organisation_verification');
    expect(PARTY_DECISION_TYPES).not.toContain('listing_review');
    expect(PARTY_DECISION_TYPES).toContain('pool_inclusion');
  });

  it('a scan move cites 措施五 (or 措施十五), the rule and the dates it applied', () => {
    const inc = poolScanDecision({ move: 'include' }, scan);
    expect(inc.basis).toMatch(/^措施五/);
    expect(inc.basis).toContain('2023-12-06');
    expect(inc.procedure).toContain('2026-12-06');
    expect(inc.details).toMatchObject({ move: 'include', automatic: true, reason: 'auto_3y', ...scan });
    expect(poolScanDecision({ move: 'remove', reason: 'reclassified' }, scan).basis).toMatch(/^措施十五/);
    for (const reason of POOL_REMOVAL_REASONS) {
      const d = poolScanDecision({ move: 'remove', reason }, scan);
      expect(d.decisionType).toBe('pool_inclusion');
      expect(d.summary).toMatch(/^按规则自动移出成果池：/);
      expect(d.details).toMatchObject({ move: 'remove', automatic: true, reason });
    }
  });

  it('a system actor is named as the platform', () => {
    expect(decidedByRole({ type: 'system' })).toBe('平台（按规则自动处理）');
  });
});
