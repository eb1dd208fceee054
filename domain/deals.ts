// Recording the deal (成交 / 转化), DESIGN §5: from `matched`, the owning institution records the
// counterparty, transaction type, amount and appraisal decision; the listing and the result become
// `converted`. Every deal is an attributable record (措施十四).
//
// 措施四 (通过协议定价的，应当在本单位公示科技成果名称和拟交易价格……半个月内无人摘牌，按协议定价交易):
// the amount is bound to the price the match came from — the noticed agreed price, the listed price
// or the hammer price (`bindingPrice`); only a 面议 showcase deal is free.
// 措施四 (转让、许可或作价投资给国有全资子企业的，可以不进行资产评估): `skipped_state_owned` only for a
// `state_wholly_owned` counterparty. The body says 国有全资子企业, the task list 国有全资企业; the
// product keeps the broader reading and records whether the counterparty is the institution's own
// subsidiary, so either reading can be reported (docs/policy.md).
// 措施十五: a counterparty registered outside the mainland needs the export-control confirmation of
// the result first (domain/export-control.ts).

import type { Actor } from './actor.js';
import type { AppraisalDecision, DealPriceBasis, MatchRoute } from './constants/lifecycle.js';
import { DEAL_PRICE_BASIS_LABELS } from './constants/lifecycle.js';
import type { LicenceScope, ListingKind, ListingStatus, PricingMode, TransactionType } from './constants/listings.js';
import type { Domicile, OwnershipType } from './constants/organisations.js';
import { AppError } from './errors.js';
import { checkExportControlGate } from './export-control.js';
import { requireOwnerMember } from './guards.js';
import type { Transition } from './listings.js';
import { formatFen } from './money.js';

export interface DealListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  transactionTypes: readonly TransactionType[];
  pricingMode: PricingMode | null;
  licenseScope: LicenceScope | null;
  matchRoute: MatchRoute | null;
  matchedPriceFen: number | null;
}

export interface DealInput {
  transactionType: TransactionType;
  amountFen: number;
  appraisal: AppraisalDecision;
  /** For a licence: the scope, which must be the one the listing offered (defaults to it). */
  licenseScope: LicenceScope | null;
  /** 措施四: whether the counterparty is the institution's own (state-wholly-owned) subsidiary. */
  counterpartyIsOwnSubsidiary: boolean;
}

/** The counterparty's facts the rules need: from its verified registration, or declared by the institution. */
export interface CounterpartyFacts {
  ownership: OwnershipType;
  domicile: Domicile;
}

/** The price a deal must be recorded at, and why. */
export interface BindingPrice {
  basis: DealPriceBasis;
  /** Null only for a `negotiable` (面议) deal, whose amount the parties agree. */
  priceFen: number | null;
  route: MatchRoute | null;
  /** Why this price binds, for users (措施四). */
  reason: string;
}

const ROUTE_BASIS: Record<MatchRoute, { basis: DealPriceBasis; reason: string }> = {
  notice: { basis: 'agreed_price', reason: '公示期满无异议，按公示的协议价成交（措施四）' },
  window_agreed: {
    basis: 'agreed_price',
    reason: '公示有异议后挂牌交易，半个月内无人摘牌，按协议定价交易（措施四）',
  },
  claim: { basis: 'listed_price', reason: '按挂牌价摘牌成交（措施四：在技术市场挂牌交易）' },
  auction: { basis: 'hammer_price', reason: '按拍卖成交价成交（措施四：拍卖方式确定价格）' },
};

/**
 * 措施四: the price the match came from binds the deal. A 面议 showcase has no price to bind; every
 * other route to `matched` recorded one (`matchedPriceFen`) with its route.
 */
export function bindingPrice(
  listing: Pick<DealListing, 'pricingMode' | 'matchRoute' | 'matchedPriceFen'>,
): BindingPrice {
  if (listing.pricingMode === 'negotiable') {
    return { basis: 'negotiable', priceFen: null, route: null, reason: '面议项目的成交价格由双方协商确定' };
  }
  if (listing.matchRoute === null || listing.matchedPriceFen === null) {
    throw new AppError('NOT_MATCHED', { reason: 'no_match_record' });
  }
  const r = ROUTE_BASIS[listing.matchRoute];
  return { basis: r.basis, priceFen: listing.matchedPriceFen, route: listing.matchRoute, reason: r.reason };
}

/** Refuses an amount other than the binding price, saying which price binds and why. */
export function checkDealAmount(binding: BindingPrice, amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new AppError('VALIDATION_FAILED', [{ path: '/amountFen', message: '成交金额须为非负整数（分）' }]);
  }
  if (binding.priceFen === null || amountFen === binding.priceFen) return;
  const label = DEAL_PRICE_BASIS_LABELS[binding.basis];
  throw new AppError(
    'PRICE_MISMATCH',
    { bindingPriceFen: binding.priceFen, basis: binding.basis, route: binding.route, amountFen },
    `成交金额须为${label} ${formatFen(binding.priceFen)}：${binding.reason}。协议定价项目变更价格须重新公示。`,
  );
}

/**
 * The counterparty's ownership and domicile: from its verified registration when it is on the
 * platform (`registered`), otherwise as declared by the institution (a negotiated counterparty need
 * not be registered). A registered party's facts cannot be overridden.
 */
export function counterpartyFacts(
  registered: CounterpartyFacts | null,
  declared: { ownership: OwnershipType | null; domicile: Domicile | null },
): CounterpartyFacts {
  if (registered) {
    if (declared.ownership !== null && declared.ownership !== registered.ownership) {
      throw new AppError('COUNTERPARTY_OWNERSHIP_FIXED');
    }
    if (declared.domicile !== null && declared.domicile !== registered.domicile) {
      throw new AppError('COUNTERPARTY_DOMICILE_FIXED');
    }
    return registered;
  }
  if (declared.ownership === null) throw new AppError('COUNTERPARTY_OWNERSHIP_REQUIRED');
  if (declared.domicile === null) throw new AppError('COUNTERPARTY_DOMICILE_REQUIRED');
  return { ownership: declared.ownership, domicile: declared.domicile };
}

function requireMatchedSupply(listing: Pick<DealListing, 'kind' | 'status'>): void {
  if (listing.kind !== 'supply' || listing.status !== 'matched') {
    throw new AppError('NOT_MATCHED', { status: listing.status });
  }
}

/** Who may record and when: the owning institution, on a matched listing. Checked before anything about the counterparty. */
export function checkCanRecordDeal(listing: DealListing, actor: Actor): void {
  requireOwnerMember(listing.organisationId, actor);
  requireMatchedSupply(listing);
}

export interface DealDecision {
  transition: Transition;
  binding: BindingPrice;
  /** The licence scope recorded (a licence only). */
  licenseScope: LicenceScope | null;
}

export function recordDeal(
  listing: DealListing,
  actor: Actor,
  input: DealInput,
  counterparty: CounterpartyFacts,
  exportControlConfirmed: boolean,
): DealDecision {
  checkCanRecordDeal(listing, actor);
  const binding = bindingPrice(listing);
  checkDealAmount(binding, input.amountFen);
  if (!listing.transactionTypes.includes(input.transactionType)) {
    throw new AppError('TRANSACTION_TYPE_NOT_OFFERED', { offered: listing.transactionTypes });
  }
  let licenseScope: LicenceScope | null = null;
  if (input.transactionType === 'license') {
    licenseScope = input.licenseScope ?? listing.licenseScope;
    if (licenseScope === null) throw new AppError('LICENCE_SCOPE_REQUIRED');
    if (listing.licenseScope !== null && licenseScope !== listing.licenseScope) {
      throw new AppError('LICENCE_SCOPE_MISMATCH', { offered: listing.licenseScope });
    }
  } else if (input.licenseScope !== null) {
    throw new AppError('FIELD_NOT_ALLOWED', { field: 'licenseScope' });
  }
  // 措施四: only a state-wholly-owned counterparty allows skipping the appraisal on that ground, and
  // the institution's own subsidiary is one (the body's 国有全资子企业).
  if (input.appraisal === 'skipped_state_owned' && counterparty.ownership !== 'state_wholly_owned') {
    throw new AppError('APPRAISAL_SKIP_NOT_ALLOWED', { ownership: counterparty.ownership });
  }
  if (input.counterpartyIsOwnSubsidiary && counterparty.ownership !== 'state_wholly_owned') {
    throw new AppError('OWN_SUBSIDIARY_NOT_STATE_OWNED', { ownership: counterparty.ownership });
  }
  // 措施十五: a transfer to a party registered outside the mainland follows the technology-export rules first.
  checkExportControlGate('deal', counterparty.domicile, exportControlConfirmed);
  return {
    transition: { action: 'convert', from: listing.status, to: 'converted', deadlines: {} },
    binding,
    licenseScope,
  };
}
