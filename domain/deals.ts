// Recording the deal (成交 / 转化), DESIGN §5: from `matched`, the owning institution records the
// counterparty, transaction type, amount and appraisal decision; the listing and the result become
// `converted`. Every deal is an attributable record (措施十四).
//
// 措施四: 向国有全资企业转化的，可以不进行资产评估 — `skipped_state_owned` only for a `state_wholly_owned`
// counterparty; otherwise the institution decides whether to appraise (`appraised` / `not_appraised`).
// 措施十五: 向境外转移的，按照技术出口有关规定办理 — a foreign counterparty needs the institution's
// export-control confirmation before the deal can be recorded.

import type { Actor } from './actor.js';
import type { AppraisalDecision } from './constants/lifecycle.js';
import type { ListingKind, ListingStatus, TransactionType } from './constants/listings.js';
import type { OwnershipType } from './constants/organisations.js';
import { AppError } from './errors.js';
import { requireOwnerMember } from './guards.js';
import type { Transition } from './listings.js';

export interface DealListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  transactionTypes: readonly TransactionType[];
}

export interface DealInput {
  transactionType: TransactionType;
  amountFen: number;
  appraisal: AppraisalDecision;
}

/**
 * The counterparty's ownership type: from its verified registration when it is on the platform,
 * otherwise as declared by the institution (a negotiated counterparty need not be registered).
 */
export function counterpartyOwnership(
  registered: OwnershipType | null,
  isRegistered: boolean,
  declared: OwnershipType | null,
): OwnershipType {
  if (isRegistered) {
    if (declared !== null && declared !== registered) throw new AppError('COUNTERPARTY_OWNERSHIP_FIXED');
    if (registered === null) throw new AppError('COUNTERPARTY_OWNERSHIP_REQUIRED');
    return registered;
  }
  if (declared === null) throw new AppError('COUNTERPARTY_OWNERSHIP_REQUIRED');
  return declared;
}

function requireMatchedSupply(listing: DealListing): void {
  if (listing.kind !== 'supply' || listing.status !== 'matched') {
    throw new AppError('NOT_MATCHED', { status: listing.status });
  }
}

/** 措施十五: the institution confirms the export-control review for a transfer abroad. */
export function checkExportControl(listing: DealListing, actor: Actor, alreadyConfirmed: boolean): void {
  requireOwnerMember(listing.organisationId, actor);
  requireMatchedSupply(listing);
  if (alreadyConfirmed) throw new AppError('EXPORT_CONTROL_ALREADY_CONFIRMED');
}

export function requiresExportControl(ownership: OwnershipType): boolean {
  return ownership === 'foreign';
}

/** Who may record and when: the owning institution, on a matched listing. Checked before anything about the counterparty. */
export function checkCanRecordDeal(listing: DealListing, actor: Actor): void {
  requireOwnerMember(listing.organisationId, actor);
  requireMatchedSupply(listing);
}

export function recordDeal(
  listing: DealListing,
  actor: Actor,
  input: DealInput,
  ownership: OwnershipType,
  exportControlConfirmed: boolean,
): Transition {
  checkCanRecordDeal(listing, actor);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 0) {
    throw new AppError('VALIDATION_FAILED', [{ path: '/amountFen', message: '成交金额须为非负整数（分）' }]);
  }
  if (!listing.transactionTypes.includes(input.transactionType)) {
    throw new AppError('TRANSACTION_TYPE_NOT_OFFERED', { offered: listing.transactionTypes });
  }
  // 措施四: only a state-wholly-owned counterparty allows skipping the appraisal on that ground.
  if (input.appraisal === 'skipped_state_owned' && ownership !== 'state_wholly_owned') {
    throw new AppError('APPRAISAL_SKIP_NOT_ALLOWED', { ownership });
  }
  // 措施十五: a transfer to a foreign party follows the technology-export rules first.
  if (requiresExportControl(ownership) && !exportControlConfirmed) throw new AppError('EXPORT_CONTROL_REQUIRED');
  return { action: 'convert', from: listing.status, to: 'converted', deadlines: {} };
}
