// The conversion ledger's rules (docs/ledger.md): what a conversion needs whatever its route, the
// price that binds its contract's fixed amount, the contract's life and what makes a result
// converted, who sees a conversion. Arithmetic in 分 is in domain/ledger-money.ts.
//
// 措施二: the institution decides 转让、许可或者作价投资 itself; the conversion is recorded for it.
// 措施四: the fixed amount of a conversion that came from a priced match is bound to that price
//   (bindingPrice of domain/deals.ts); royalties are not bound; skipping the appraisal needs a
//   state-wholly-owned counterparty.
// 措施五: a pay-later licence is a conversion; its accepted fee binds the fixed amount.
// 措施十四: an off-platform conversion states its evidence and the basis of its pricing decision.
// 措施十五: a conversion of a classified result needs the approval (涉密审批备案) and confidentiality
//   agreement (保密协议) references and is seen by the institution, the counterparty and oversight only.

import type { Actor } from './actor.js';
import type { AppraisalDecision } from './constants/lifecycle.js';
import {
  CONVERTING_CONTRACT_STATUSES,
  type ContractStatus,
  type ContractType,
  type ConversionPriceBasis,
  type ConversionRoute,
  type ConversionType,
  type IntermediaryKind,
  type PaymentMethod,
} from './constants/ledger.js';
import type { LicenceScope } from './constants/listings.js';
import type { OwnershipType } from './constants/organisations.js';
import type { SecurityClass } from './constants/results.js';
import { bindingPrice, type DealListing } from './deals.js';
import { AppError } from './errors.js';
import { requireVerifiedMember } from './guards.js';
import { formatFen } from './money.js';

/** The price a conversion's fixed contract amount is bound to, if any, and why (措施四). */
export interface ConversionBinding {
  basis: ConversionPriceBasis;
  priceFen: number | null;
  reason: string;
}

export type BindingSource =
  | { route: 'deal'; listing: Pick<DealListing, 'pricingMode' | 'matchRoute' | 'matchedPriceFen'> }
  | { route: 'paylater'; feeFen: number | null }
  | { route: 'demand'; quoteFen: number }
  | { route: 'off_platform' };

/** Route → the price binding the contract's fixed amount. Royalty parts are never bound. */
export function conversionBinding(source: BindingSource): ConversionBinding {
  switch (source.route) {
    case 'deal': {
      const b = bindingPrice(source.listing);
      return { basis: b.basis, priceFen: b.priceFen, reason: b.reason };
    }
    case 'paylater':
      return {
        basis: 'paylater_terms',
        priceFen: source.feeFen ?? 0,
        reason: '先使用后付费许可的固定许可费以双方接受的许可条件为准（措施五）',
      };
    case 'demand':
      return { basis: 'proposal_quote', priceFen: null, reason: '揭榜项目的技术开发合同金额由双方在合同中约定' };
    case 'off_platform':
      return {
        basis: 'off_platform',
        priceFen: null,
        reason: '平台外转化的价格由单位自主决定并说明依据（措施四、十四）',
      };
  }
}

/** The contract's fixed amount equals the bound price when one binds. */
export function checkBoundAmount(binding: ConversionBinding, amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new AppError('CONTRACT_AMOUNT_INVALID');
  if (binding.priceFen === null || amountFen === binding.priceFen) return;
  throw new AppError(
    'PRICE_MISMATCH',
    { bindingPriceFen: binding.priceFen, basis: binding.basis, amountFen },
    `合同固定金额须为 ${formatFen(binding.priceFen)}：${binding.reason}。`,
  );
}

/** The registration category a conversion's contract defaults to (作价投资 registers as 技术转让). */
export function defaultContractType(type: ConversionType): ContractType {
  return type === 'equity' ? 'transfer' : type;
}

export interface ContractInput {
  amountFen: number;
  technologyAmountFen: number;
  paymentMethods: readonly PaymentMethod[];
  royaltyBp: number | null;
  royaltyBase: string | null;
  signedOn: string | null;
  termStartsOn: string | null;
  termEndsOn: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
}

/** Contract fields of 技术合同认定登记: amounts in 分, methods, dates consistent. */
export function checkContract(c: ContractInput, transactionType: ConversionType, today: string): void {
  if (
    !Number.isSafeInteger(c.amountFen) ||
    !Number.isSafeInteger(c.technologyAmountFen) ||
    c.amountFen < 0 ||
    c.technologyAmountFen < 0 ||
    c.technologyAmountFen > c.amountFen
  ) {
    throw new AppError('CONTRACT_AMOUNT_INVALID');
  }
  if (c.paymentMethods.length === 0) throw new AppError('PAYMENT_METHOD_REQUIRED');
  if (
    c.paymentMethods.includes('royalty') !== (c.royaltyBp !== null) ||
    (c.royaltyBp !== null && !c.royaltyBase?.trim())
  ) {
    throw new AppError('ROYALTY_RATE_REQUIRED');
  }
  if (c.royaltyBp !== null && (!Number.isSafeInteger(c.royaltyBp) || c.royaltyBp < 1 || c.royaltyBp > 10000)) {
    throw new AppError('ROYALTY_RATE_REQUIRED');
  }
  if (c.paymentMethods.includes('equity') && transactionType !== 'equity') {
    throw new AppError('EQUITY_ONLY_FOR_EQUITY_TYPE');
  }
  if (c.termStartsOn && c.termEndsOn && c.termEndsOn <= c.termStartsOn) throw new AppError('CONTRACT_TERM_INVALID');
  if (c.signedOn && (c.signedOn > today || (c.termStartsOn !== null && c.termStartsOn < c.signedOn))) {
    throw new AppError('CONTRACT_SIGNED_DATE_INVALID');
  }
  if ((c.registrationNo === null) !== (c.registeredOn === null)) {
    throw new AppError('VALIDATION_FAILED', [{ path: '/registeredOn', message: '认定登记编号和登记日期须同时填写' }]);
  }
  if (c.registeredOn && (c.signedOn === null || c.registeredOn < c.signedOn || c.registeredOn > today)) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/registeredOn', message: '登记日期须在签订日期之后且不晚于今天' },
    ]);
  }
}

export const CONTRACT_ACTIONS = ['sign', 'complete', 'terminate'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

const CONTRACT_MOVES: Record<ContractAction, { from: readonly ContractStatus[]; to: ContractStatus }> = {
  sign: { from: ['draft'], to: 'effective' },
  complete: { from: ['effective'], to: 'completed' },
  terminate: { from: ['draft', 'effective'], to: 'terminated' },
};

/** draft → effective (signed) → completed, or terminated from draft or effective (with a reason). */
export function contractTransition(
  status: ContractStatus,
  action: ContractAction,
  facts: { signedOn: string | null; reason: string | null },
): ContractStatus {
  const move = CONTRACT_MOVES[action];
  if (!move.from.includes(status)) throw new AppError('INVALID_STATE', { status, action });
  if (action === 'sign' && facts.signedOn === null) throw new AppError('CONTRACT_SIGNED_DATE_REQUIRED');
  if (action === 'terminate' && (facts.reason?.trim().length ?? 0) < 2) {
    throw new AppError('VALIDATION_FAILED', [{ path: '/reason', message: '终止合同须说明原因' }]);
  }
  return move.to;
}

/** A result is converted (已转化) while it has a conversion whose contract is effective or completed. */
export function isConverting(status: ContractStatus): boolean {
  return (CONVERTING_CONTRACT_STATUSES as readonly ContractStatus[]).includes(status);
}

export function resultConverted(contractStatuses: readonly ContractStatus[]): boolean {
  return contractStatuses.some(isConverting);
}

export interface ConversionFacts {
  transactionType: ConversionType;
  licenseScope: LicenceScope | null;
  appraisal: AppraisalDecision | null;
  counterpartyOwnership: OwnershipType | null;
  classifiedApprovalRef: string | null;
  confidentialityAgreementRef: string | null;
  intermediary: {
    kind: IntermediaryKind;
    name: string;
    commissionFen: number | null;
    commissionBp: number | null;
  } | null;
}

/** The rules every conversion follows, whatever its route. */
export function checkConversion(f: ConversionFacts, securityClass: SecurityClass | null, amountFen: number): void {
  if ((f.transactionType === 'license') !== (f.licenseScope !== null)) {
    throw new AppError(f.transactionType === 'license' ? 'LICENCE_SCOPE_REQUIRED' : 'FIELD_NOT_ALLOWED', {
      field: 'licenseScope',
    });
  }
  // 措施四: 转让、许可或者作价投资 states the appraisal decision; only a state-wholly-owned party allows skipping it on that ground.
  if (['transfer', 'license', 'equity'].includes(f.transactionType) && f.appraisal === null) {
    throw new AppError('APPRAISAL_REQUIRED');
  }
  if (f.appraisal === 'skipped_state_owned' && f.counterpartyOwnership !== 'state_wholly_owned') {
    throw new AppError('APPRAISAL_SKIP_NOT_ALLOWED', { ownership: f.counterpartyOwnership });
  }
  // 措施十五: 涉密 results convert only with the approval filing and a confidentiality agreement.
  if (securityClass === 'classified' && (!f.classifiedApprovalRef?.trim() || !f.confidentialityAgreementRef?.trim())) {
    throw new AppError('CLASSIFIED_REFERENCES_REQUIRED');
  }
  const m = f.intermediary;
  if (m) {
    const badFen =
      m.commissionFen !== null &&
      (!Number.isSafeInteger(m.commissionFen) || m.commissionFen < 0 || m.commissionFen > amountFen);
    const badBp =
      m.commissionBp !== null &&
      (!Number.isSafeInteger(m.commissionBp) || m.commissionBp < 0 || m.commissionBp > 10000);
    if (m.name.trim().length < 2 || badFen || badBp) throw new AppError('INTERMEDIARY_INVALID');
  }
}

/** 措施十四: an off-platform conversion carries its evidence and the basis of its pricing decision. */
export function checkOffPlatform(input: { evidenceRef: string | null; basis: string }): void {
  if (!input.evidenceRef?.trim()) throw new AppError('EVIDENCE_REQUIRED');
  if (input.basis.trim().length < 2) throw new AppError('BASIS_REQUIRED');
}

export interface EquityInput {
  companyName: string;
  companyCreditCode: string;
  shares: number | null;
  stakeBp: number | null;
  valuationFen: number;
  acquiredOn: string;
}

/** 作价投资: the company, the stake (shares or basis points), the valuation and its day. */
export function checkEquity(type: ConversionType, equity: EquityInput | null, today: string): void {
  if (type !== 'equity') {
    if (equity !== null) throw new AppError('EQUITY_ONLY_FOR_EQUITY_TYPE');
    return;
  }
  const ok =
    equity !== null &&
    equity.companyName.trim().length >= 2 &&
    equity.companyCreditCode.trim().length > 0 &&
    ((equity.shares !== null && Number.isSafeInteger(equity.shares) && equity.shares > 0) ||
      (equity.stakeBp !== null &&
        Number.isSafeInteger(equity.stakeBp) &&
        equity.stakeBp >= 1 &&
        equity.stakeBp <= 10000)) &&
    Number.isSafeInteger(equity.valuationFen) &&
    equity.valuationFen >= 0 &&
    equity.acquiredOn <= today;
  if (!ok) throw new AppError('EQUITY_DETAILS_REQUIRED');
}

/** The parties of a conversion as visibility sees them. */
export interface ConversionParties {
  institutionId: string;
  counterpartyOrgId: string | null;
  intermediaryOrgId: string | null;
  securityClass: SecurityClass | null;
}

/**
 * Who sees a conversion: the institution, the counterparty and operators (oversight); a registered
 * intermediary too, except on a classified result (措施十五: institution, counterparty, oversight only).
 */
export function canSeeConversion(c: ConversionParties, actor: Actor | null): boolean {
  if (!actor || actor.type === 'system') return actor?.type === 'system';
  if (actor.type === 'operator') return true;
  // 措施十二: a researcher sees their rewards from a conversion, not the conversion's contract and payments.
  if (actor.type === 'researcher') return false;
  if (actor.orgId === c.institutionId || actor.orgId === c.counterpartyOrgId) return true;
  return c.securityClass !== 'classified' && c.intermediaryOrgId !== null && actor.orgId === c.intermediaryOrgId;
}

/** Ledger changes (contract, schedule, payments, equity) are the institution's, its members only. */
export function requireInstitutionOf(c: { institutionId: string }, actor: Actor): void {
  if (actor.type !== 'member' || actor.orgId !== c.institutionId) throw new AppError('FORBIDDEN');
}

/**
 * 措施八 (落地): routes whose implementation the enterprise confirms on the conversion itself. A deal
 * and a landed demand are confirmed through their listing and proposal (server/lifecycle), where
 * the operator's reward confirmation follows.
 */
export const IMPLEMENTATION_ROUTES = ['off_platform', 'paylater'] as const satisfies readonly ConversionRoute[];

export interface ImplementationFacts {
  route: ConversionRoute;
  /** The counterparty's organisation when it is registered on the platform (null: named only). */
  counterpartyOrgId: string | null;
  contractStatus: ContractStatus;
  implementationConfirmed: boolean;
}

/**
 * The enterprise that is the conversion's counterparty confirms that the technology is implemented
 * (落地实施) in it, once, while the contract is in force (effective or completed).
 */
export function checkConfirmImplementation(f: ImplementationFacts, actor: Actor): void {
  const member = requireVerifiedMember(actor, 'enterprise');
  if (f.counterpartyOrgId === null || member.orgId !== f.counterpartyOrgId) throw new AppError('FORBIDDEN');
  if (!(IMPLEMENTATION_ROUTES as readonly ConversionRoute[]).includes(f.route)) {
    throw new AppError('IMPLEMENTATION_VIA_ROUTE', { route: f.route });
  }
  if (!isConverting(f.contractStatus)) throw new AppError('IMPLEMENTATION_NOT_EFFECTIVE', { status: f.contractStatus });
  if (f.implementationConfirmed) throw new AppError('LANDING_ALREADY_CONFIRMED');
}

export const ROUTES_NEEDING_EVIDENCE: readonly ConversionRoute[] = ['off_platform'];
