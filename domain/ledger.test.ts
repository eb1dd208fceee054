import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { code } from '../test/helpers/error-code.js';
import { AppError } from './errors.js';
import {
  canSeeConversion,
  checkBoundAmount,
  checkConfirmImplementation,
  checkContract,
  checkConversion,
  checkEquity,
  checkOffPlatform,
  contractTransition,
  conversionBinding,
  resultConverted,
  type ContractInput,
  type ConversionFacts,
  type ImplementationFacts,
} from './ledger.js';
import { ACTOR_NAMES, actors, outcome, OWNER_ENT, type ActorName } from '../test/helpers/actors.js';

describe('route → binding price (措施四)', () => {
  it.each([
    [
      { route: 'deal', listing: { pricingMode: 'negotiated', matchRoute: 'notice', matchedPriceFen: 500 } },
      'agreed_price',
      500,
    ],
    [
      { route: 'deal', listing: { pricingMode: 'negotiated', matchRoute: 'window_agreed', matchedPriceFen: 500 } },
      'agreed_price',
      500,
    ],
    [
      { route: 'deal', listing: { pricingMode: 'fixed', matchRoute: 'claim', matchedPriceFen: 800 } },
      'listed_price',
      800,
    ],
    [
      { route: 'deal', listing: { pricingMode: 'auction', matchRoute: 'auction', matchedPriceFen: 900 } },
      'hammer_price',
      900,
    ],
    [
      { route: 'deal', listing: { pricingMode: 'negotiable', matchRoute: null, matchedPriceFen: null } },
      'negotiable',
      null,
    ],
    [{ route: 'paylater', feeFen: 3000 }, 'paylater_terms', 3000],
    [{ route: 'paylater', feeFen: null }, 'paylater_terms', 0],
    [{ route: 'demand', quoteFen: 10 }, 'proposal_quote', null],
    [{ route: 'off_platform' }, 'off_platform', null],
  ] as const)('%j → %s %s', (source, basis, price) => {
    const b = conversionBinding(source);
    expect(b.basis).toBe(basis);
    expect(b.priceFen).toBe(price);
  });

  it('the fixed amount must equal a bound price; a free one takes any whole 分', () => {
    const bound = conversionBinding({ route: 'paylater', feeFen: 3000 });
    expect(code(() => checkBoundAmount(bound, 3000))).toBeNull();
    expect(code(() => checkBoundAmount(bound, 2999))).toBe('PRICE_MISMATCH');
    const free = conversionBinding({ route: 'off_platform' });
    expect(code(() => checkBoundAmount(free, 1))).toBeNull();
    expect(code(() => checkBoundAmount(free, -1))).toBe('CONTRACT_AMOUNT_INVALID');
  });
});

const contract: ContractInput = {
  amountFen: 100_000,
  technologyAmountFen: 90_000,
  paymentMethods: ['instalments'],
  royaltyBp: null,
  royaltyBase: null,
  signedOn: '2026-03-01',
  termStartsOn: '2026-03-01',
  termEndsOn: '2027-03-01',
  registrationNo: null,
  registeredOn: null,
};

describe('checkContract (技术合同认定登记 fields)', () => {
  it.each<[string, Partial<ContractInput>, string, string | null]>([
    ['a complete contract', {}, 'license', null],
    [
      'technology amount above the contract amount',
      { technologyAmountFen: 100_001 },
      'license',
      'CONTRACT_AMOUNT_INVALID',
    ],
    ['negative amount', { amountFen: -1, technologyAmountFen: 0 }, 'license', 'CONTRACT_AMOUNT_INVALID'],
    ['fractional 分', { amountFen: 10.5, technologyAmountFen: 0 }, 'license', 'CONTRACT_AMOUNT_INVALID'],
    ['no payment method', { paymentMethods: [] }, 'license', 'PAYMENT_METHOD_REQUIRED'],
    ['royalty without a rate', { paymentMethods: ['royalty'] }, 'license', 'ROYALTY_RATE_REQUIRED'],
    [
      'royalty with rate and base',
      { paymentMethods: ['royalty'], royaltyBp: 300, royaltyBase: '销售额' },
      'license',
      null,
    ],
    [
      'a rate without the royalty method',
      { royaltyBp: 300, royaltyBase: '销售额' },
      'license',
      'ROYALTY_RATE_REQUIRED',
    ],
    [
      'rate above 100 %',
      { paymentMethods: ['royalty'], royaltyBp: 10_001, royaltyBase: '销售额' },
      'license',
      'ROYALTY_RATE_REQUIRED',
    ],
    ['入股 on a licence', { paymentMethods: ['equity'] }, 'license', 'EQUITY_ONLY_FOR_EQUITY_TYPE'],
    ['入股 on 作价投资', { paymentMethods: ['equity'] }, 'equity', null],
    ['term ending on its start', { termEndsOn: '2026-03-01' }, 'license', 'CONTRACT_TERM_INVALID'],
    ['term ending before its start', { termEndsOn: '2026-02-01' }, 'license', 'CONTRACT_TERM_INVALID'],
    ['signed after today', { signedOn: '2026-06-02', termStartsOn: null }, 'license', 'CONTRACT_SIGNED_DATE_INVALID'],
    ['term starting before signing', { termStartsOn: '2026-02-28' }, 'license', 'CONTRACT_SIGNED_DATE_INVALID'],
    ['registration number without a day', { registrationNo: '2026210100000123' }, 'license', 'VALIDATION_FAILED'],
    ['registered before signing', { registrationNo: 'X', registeredOn: '2026-02-01' }, 'license', 'VALIDATION_FAILED'],
    ['registered', { registrationNo: 'X', registeredOn: '2026-04-01' }, 'license', null],
  ])('%s', (_n, patch, type, expected) => {
    expect(code(() => checkContract({ ...contract, ...patch }, type as never, '2026-06-01'))).toBe(expected);
  });
});

describe('contract life and converted', () => {
  it.each([
    ['draft', 'sign', '2026-01-01', null, 'effective'],
    ['draft', 'sign', null, null, 'CONTRACT_SIGNED_DATE_REQUIRED'],
    ['effective', 'sign', '2026-01-01', null, 'INVALID_STATE'],
    ['effective', 'complete', '2026-01-01', null, 'completed'],
    ['draft', 'complete', null, null, 'INVALID_STATE'],
    ['effective', 'terminate', '2026-01-01', '对方违约', 'terminated'],
    ['draft', 'terminate', null, '未签署', 'terminated'],
    ['effective', 'terminate', '2026-01-01', '', 'VALIDATION_FAILED'],
    ['completed', 'terminate', '2026-01-01', '对方违约', 'INVALID_STATE'],
    ['terminated', 'sign', '2026-01-01', null, 'INVALID_STATE'],
  ] as const)('%s + %s', (from, action, signedOn, reason, expected) => {
    let got: string;
    try {
      got = contractTransition(from, action, { signedOn, reason });
    } catch (err) {
      got = (err as AppError).code;
    }
    expect(got).toBe(expected);
  });

  it.each([
    [[], false],
    [['draft'], false],
    [['terminated'], false],
    [['effective'], true],
    [['completed'], true],
    [['terminated', 'effective'], true],
    [['terminated', 'draft'], false],
  ] as const)('statuses %j → converted %s', (statuses, converted) => {
    expect(resultConverted(statuses)).toBe(converted);
  });
});

const facts: ConversionFacts = {
  transactionType: 'license',
  licenseScope: 'non_exclusive',
  appraisal: 'not_appraised',
  counterpartyOwnership: 'private',
  classifiedApprovalRef: null,
  confidentialityAgreementRef: null,
  intermediary: null,
};

describe('checkConversion', () => {
  it.each<[string, Partial<ConversionFacts>, 'public' | 'classified' | null, string | null]>([
    ['a licence with its scope', {}, 'public', null],
    ['a licence without scope', { licenseScope: null }, 'public', 'LICENCE_SCOPE_REQUIRED'],
    ['a transfer with a scope', { transactionType: 'transfer' }, 'public', 'FIELD_NOT_ALLOWED'],
    [
      'a transfer without an appraisal decision',
      { transactionType: 'transfer', licenseScope: null, appraisal: null },
      'public',
      'APPRAISAL_REQUIRED',
    ],
    [
      'technology development needs no appraisal',
      { transactionType: 'development', licenseScope: null, appraisal: null },
      null,
      null,
    ],
    [
      'skipping the appraisal for a private party',
      { appraisal: 'skipped_state_owned' },
      'public',
      'APPRAISAL_SKIP_NOT_ALLOWED',
    ],
    [
      'skipping it for a state-wholly-owned party',
      { appraisal: 'skipped_state_owned', counterpartyOwnership: 'state_wholly_owned' },
      'public',
      null,
    ],
    ['classified without references', {}, 'classified', 'CLASSIFIED_REFERENCES_REQUIRED'],
    [
      'classified with one reference',
      { classifiedApprovalRef: '辽密备〔2026〕3号' },
      'classified',
      'CLASSIFIED_REFERENCES_REQUIRED',
    ],
    [
      'classified with both',
      { classifiedApprovalRef: '辽密备〔2026〕3号', confidentialityAgreementRef: 'BM-2026-01' },
      'classified',
      null,
    ],
    [
      'an intermediary with a commission',
      { intermediary: { kind: 'technology_manager', name: '王经理', commissionFen: 5000, commissionBp: null } },
      'public',
      null,
    ],
    [
      'a commission above the amount',
      { intermediary: { kind: 'transfer_office', name: '技术转移中心', commissionFen: 100_001, commissionBp: null } },
      'public',
      'INTERMEDIARY_INVALID',
    ],
    [
      'a commission share above 100 %',
      { intermediary: { kind: 'transfer_office', name: '技术转移中心', commissionFen: null, commissionBp: 10_001 } },
      'public',
      'INTERMEDIARY_INVALID',
    ],
  ])('%s', (_n, patch, security, expected) => {
    expect(code(() => checkConversion({ ...facts, ...patch }, security, 100_000))).toBe(expected);
  });

  it('off-platform needs evidence and a basis (措施十四)', () => {
    expect(code(() => checkOffPlatform({ evidenceRef: '合同编号 HT-1', basis: '评估报告' }))).toBeNull();
    expect(code(() => checkOffPlatform({ evidenceRef: ' ', basis: '评估报告' }))).toBe('EVIDENCE_REQUIRED');
    expect(code(() => checkOffPlatform({ evidenceRef: 'HT-1', basis: '' }))).toBe('BASIS_REQUIRED');
  });

  it('作价投资 records the company, the stake and the valuation', () => {
    const e = {
      companyName: '辽宁示例科技有限公司',
      companyCreditCode: '91210100MA0000000X',
      shares: null,
      stakeBp: 1500,
      valuationFen: 5_000_000_00,
      acquiredOn: '2026-05-01',
    };
    expect(code(() => checkEquity('equity', e, '2026-06-01'))).toBeNull();
    expect(code(() => checkEquity('equity', null, '2026-06-01'))).toBe('EQUITY_DETAILS_REQUIRED');
    expect(code(() => checkEquity('equity', { ...e, stakeBp: null }, '2026-06-01'))).toBe('EQUITY_DETAILS_REQUIRED');
    expect(code(() => checkEquity('equity', { ...e, acquiredOn: '2026-06-02' }, '2026-06-01'))).toBe(
      'EQUITY_DETAILS_REQUIRED',
    );
    expect(code(() => checkEquity('license', e, '2026-06-01'))).toBe('EQUITY_ONLY_FOR_EQUITY_TYPE');
  });
});

describe('who sees a conversion (措施十五)', () => {
  const member = (orgId: string): Actor => ({
    type: 'member',
    userId: 'u',
    orgId,
    orgKind: 'enterprise',
    orgVerification: 'verified',
  });
  const c = {
    institutionId: 'inst',
    counterpartyOrgId: 'ent',
    intermediaryOrgId: 'mid',
    securityClass: 'public' as const,
  };
  it.each([
    [member('inst'), 'public', true],
    [member('ent'), 'public', true],
    [member('mid'), 'public', true],
    [member('other'), 'public', false],
    [{ type: 'operator', userId: 'o', orgId: 'op' } as Actor, 'public', true],
    [null, 'public', false],
    [member('inst'), 'classified', true],
    [member('ent'), 'classified', true],
    [member('mid'), 'classified', false],
    [{ type: 'operator', userId: 'o', orgId: 'op' } as Actor, 'classified', true],
  ] as const)('%j on %s → %s', (actor, security, seen) => {
    expect(canSeeConversion({ ...c, securityClass: security }, actor)).toBe(seen);
  });
});

// 措施八: the enterprise that is the counterparty confirms implementation (落地实施) of an off-platform
// or pay-later conversion on the conversion itself, once, while its contract is in force.
describe('confirming implementation on a conversion', () => {
  const facts = (over: Partial<ImplementationFacts> = {}): ImplementationFacts => ({
    route: 'off_platform',
    counterpartyOrgId: OWNER_ENT,
    contractStatus: 'effective',
    implementationConfirmed: false,
    ...over,
  });

  it.each(ACTOR_NAMES)('by %s', (a) => {
    const expected: Record<ActorName, string> = {
      ownerInstitution: 'WRONG_ORG_KIND',
      ownerEnterprise: 'ok',
      enterprise: 'FORBIDDEN',
      unverifiedEnterprise: 'ORG_NOT_VERIFIED',
      institution: 'WRONG_ORG_KIND',
      unverifiedInstitution: 'WRONG_ORG_KIND',
      operator: 'FORBIDDEN',
      system: 'FORBIDDEN',
    };
    expect(outcome(() => checkConfirmImplementation(facts(), actors[a]))).toBe(expected[a]);
  });

  const cases: [Partial<ImplementationFacts>, string][] = [
    [{ route: 'off_platform' }, 'ok'],
    [{ route: 'paylater' }, 'ok'],
    [{ route: 'deal' }, 'IMPLEMENTATION_VIA_ROUTE'],
    [{ route: 'demand' }, 'IMPLEMENTATION_VIA_ROUTE'],
    [{ contractStatus: 'draft' }, 'IMPLEMENTATION_NOT_EFFECTIVE'],
    [{ contractStatus: 'completed' }, 'ok'],
    [{ contractStatus: 'terminated' }, 'IMPLEMENTATION_NOT_EFFECTIVE'],
    [{ implementationConfirmed: true }, 'LANDING_ALREADY_CONFIRMED'],
    // A counterparty named only (not registered) has nobody who could confirm.
    [{ counterpartyOrgId: null }, 'FORBIDDEN'],
  ];
  it.each(cases)('%o → %s', (over, expected) => {
    expect(outcome(() => checkConfirmImplementation(facts(over), actors.ownerEnterprise))).toBe(expected);
  });
});
