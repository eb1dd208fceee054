// The listing state machine of DESIGN.md §5, for the transitions the platform foundation owns:
// edit, submit, moderation (approve / reject), withdraw and take-down. Pure: callers pass the
// current row, the actor and the clock, and get back the new status and deadline columns, or an
// AppError saying why not.

import type { Actor } from './actor.js';
import {
  EDITABLE_STATUSES,
  EXCLUSIVE_LICENCE_SCOPES,
  EXCLUSIVE_TRANSACTION_TYPES,
  PUBLIC_LISTING_STATUSES,
  RESULT_HOLDING_STATUSES,
  SUBMITTABLE_STATUSES,
  TAKE_DOWN_FROM,
  WITHDRAWABLE_STATUSES,
  type LicenceScope,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
  type RejectionReasonCode,
  type TakeDownReasonCode,
} from './constants/listings.js';
import { addDuration, type Duration } from './duration.js';
import { AppError } from './errors.js';

export { TAKE_DOWN_FROM };

export interface ListingFacts {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  pricingMode: PricingMode | null;
  /** Demand only: 揭榜截止. */
  deadline: Date | null;
  /** Claims (摘牌) or proposals (揭榜) already received; both block withdrawal. */
  hasResponses: boolean;
}

export interface Periods {
  notice: Duration;
  listing: Duration;
  showcase: Duration;
}

export interface DeadlineColumns {
  noticeEndsAt?: Date | null;
  objectionDecisionEndsAt?: Date | null;
  listingEndsAt?: Date | null;
  expiresAt?: Date | null;
  selectionEndsAt?: Date | null;
}

/** The foundation's moderation actions and the lifecycle's (domain/notices, claims, showcase, demands, deals). */
export type ListingAction =
  | 'edit'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'withdraw'
  | 'take_down'
  | 'notice_end'
  | 'objection_decide'
  | 'objection_lapse'
  | 'window_end'
  | 'showcase_expire'
  | 'renew'
  | 'demand_deadline'
  | 'award'
  | 'selection_end'
  | 'land'
  | 'convert';

export interface Transition {
  action: ListingAction;
  from: ListingStatus;
  to: ListingStatus;
  deadlines: DeadlineColumns;
  reason?: { code: RejectionReasonCode | TakeDownReasonCode; text: string };
}

const CLEARED_DEADLINES: DeadlineColumns = {
  noticeEndsAt: null,
  objectionDecisionEndsAt: null,
  listingEndsAt: null,
  expiresAt: null,
};

export function isPublicStatus(status: ListingStatus): boolean {
  return (PUBLIC_LISTING_STATUSES as readonly ListingStatus[]).includes(status);
}

function isOwner(listing: ListingFacts, actor: Actor): boolean {
  return actor.type === 'member' && actor.orgId === listing.organisationId;
}

function requireOwner(listing: ListingFacts, actor: Actor): void {
  if (!isOwner(listing, actor)) throw new AppError('FORBIDDEN');
}

function requireOperator(actor: Actor): void {
  if (actor.type !== 'operator') throw new AppError('FORBIDDEN');
}

function requireStatus(listing: ListingFacts, allowed: readonly ListingStatus[]): void {
  if (!allowed.includes(listing.status)) {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
}

export function canView(listing: Pick<ListingFacts, 'status' | 'organisationId'>, actor: Actor | null): boolean {
  if (isPublicStatus(listing.status)) return true;
  if (!actor) return false;
  return actor.type === 'operator' || (actor.type === 'member' && actor.orgId === listing.organisationId);
}

/** Which organisation kind may own which listing kind: enterprises post needs, institutions post results. */
export function ownerKindFor(kind: ListingKind): 'enterprise' | 'institution' {
  return kind === 'demand' ? 'enterprise' : 'institution';
}

export function checkCanCreate(kind: ListingKind, actor: Actor): void {
  if (actor.type !== 'member') throw new AppError('FORBIDDEN');
  if (actor.orgKind !== ownerKindFor(kind)) throw new AppError('WRONG_ORG_KIND');
}

/** Editing a rejected listing turns it back into a draft (DESIGN §5: rejected → draft). */
export function edit(listing: ListingFacts, actor: Actor): Transition {
  requireOwner(listing, actor);
  requireStatus(listing, EDITABLE_STATUSES);
  return { action: 'edit', from: listing.status, to: 'draft', deadlines: {} };
}

export function submit(listing: ListingFacts, actor: Actor, now: Date): Transition {
  requireOwner(listing, actor);
  requireStatus(listing, SUBMITTABLE_STATUSES);
  if (actor.type === 'member' && actor.orgVerification !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  if (listing.kind === 'demand' && listing.deadline !== null && listing.deadline <= now) {
    throw new AppError('DEADLINE_IN_PAST');
  }
  return { action: 'submit', from: listing.status, to: 'pending_review', deadlines: {} };
}

/** The first public state of an approved listing and the deadline that starts running (DESIGN §5). */
export function approve(listing: ListingFacts, actor: Actor, now: Date, periods: Periods): Transition {
  requireOperator(actor);
  requireStatus(listing, ['pending_review']);
  const base = { action: 'approve' as const, from: listing.status };
  if (listing.kind === 'demand') {
    // A demand whose deadline passed while it waited for review cannot open.
    if (listing.deadline === null || listing.deadline <= now) throw new AppError('DEADLINE_IN_PAST');
    return { ...base, to: 'open', deadlines: {} };
  }
  switch (listing.pricingMode) {
    case 'negotiable':
      return { ...base, to: 'showcase', deadlines: { expiresAt: addDuration(now, periods.showcase) } };
    case 'negotiated':
      // 措施四: 通过协议定价的，应当公示科技成果名称和拟交易价格.
      return { ...base, to: 'notice', deadlines: { noticeEndsAt: addDuration(now, periods.notice) } };
    case 'fixed':
      // 措施四: 在技术市场挂牌交易; the claim window is half a month by default.
      return { ...base, to: 'listed', deadlines: { listingEndsAt: addDuration(now, periods.listing) } };
    case 'auction':
      return { ...base, to: 'auction', deadlines: {} };
    case null:
      throw new AppError('PRICING_MODE_REQUIRED');
  }
}

export function reject(
  listing: ListingFacts,
  actor: Actor,
  reason: { code: RejectionReasonCode; text: string },
): Transition {
  requireOperator(actor);
  requireStatus(listing, ['pending_review']);
  return { action: 'reject', from: listing.status, to: 'rejected', deadlines: {}, reason };
}

export function withdraw(listing: ListingFacts, actor: Actor): Transition {
  requireOwner(listing, actor);
  requireStatus(listing, WITHDRAWABLE_STATUSES);
  if (listing.hasResponses && isPublicStatus(listing.status)) {
    throw new AppError('INVALID_STATE', { status: listing.status, reason: 'has_responses' });
  }
  return {
    action: 'withdraw',
    from: listing.status,
    to: 'withdrawn',
    deadlines: CLEARED_DEADLINES,
  };
}

export function takeDown(
  listing: ListingFacts,
  actor: Actor,
  reason: { code: TakeDownReasonCode; text: string },
): Transition {
  requireOperator(actor);
  requireStatus(listing, TAKE_DOWN_FROM);
  return {
    action: 'take_down',
    from: listing.status,
    to: 'taken_down',
    deadlines: CLEARED_DEADLINES,
    reason,
  };
}

/** Why a listing is taken down when its result becomes classified (措施十五). */
export const CLASSIFIED_TAKE_DOWN_REASON = {
  code: 'security_concern',
  text: '所涉成果已调整为涉密，依措施十五不再公开交易，项目撤下',
} as const satisfies { code: TakeDownReasonCode; text: string };

/** What outsiders' notices say instead of a listing's title once its result is 涉密 (措施十五). */
export const CLASSIFIED_REDACTED_TITLE = '（所涉成果已调整为涉密，名称不再显示）';

/**
 * 措施十五: a result reclassified as 涉密 leaves every public procedure at once. The institution's own
 * reclassification takes its active listings down (no operator needed); the listing ends as if an
 * operator had taken it down, with the reason recorded.
 */
export function takeDownForClassification(listing: ListingFacts): Transition | null {
  if (!TAKE_DOWN_FROM.includes(listing.status)) return null;
  return {
    action: 'take_down',
    from: listing.status,
    to: 'taken_down',
    deadlines: CLEARED_DEADLINES,
    reason: CLASSIFIED_TAKE_DOWN_REASON,
  };
}

// ---- Content rules: what a listing must say before it can exist ----

export interface ListingContent {
  kind: ListingKind;
  resultId: string | null;
  pricingMode: PricingMode | null;
  priceFen: number | null;
  counterpartyName: string | null;
  /** Negotiated pricing: the named counterparty's organisation, when it is registered on the platform. */
  counterpartyOrgId?: string | null;
  deadline: Date | null;
  supportSought: readonly string[];
  transactionTypes: readonly string[];
  /** Supply offering a licence: 独占 / 排他 / 普通许可. */
  licenseScope?: LicenceScope | null;
  /** Demand only: the budget (榜额) is explicitly negotiable (面议) instead of stated in priceFen. */
  budgetNegotiable?: boolean;
}

export interface ResultFacts {
  institutionId: string;
  securityClass: 'public' | 'restricted' | 'classified';
  /** 措施六: a result whose remaining share went to the team (`team_owned`) is no longer the institution's to offer. */
  ownership?: string;
}

/**
 * Checks a listing's content against its kind. `result` is the referenced result (supply), looked up
 * by the caller; `ownerOrgId` the organisation that will own the listing.
 */
export function checkListingContent(c: ListingContent, ownerOrgId: string, result: ResultFacts | null): void {
  if (c.kind === 'supply') {
    if (!c.resultId || !result) throw new AppError('RESULT_REQUIRED');
    if (result.institutionId !== ownerOrgId) throw new AppError('RESULT_NOT_OWNED');
    if (result.ownership === 'team_owned') {
      throw new AppError(
        'RESULT_NOT_OWNED',
        undefined,
        '该成果的剩余权益已让渡给成果完成人团队（措施六），本单位不能再为其发布挂牌',
      );
    }
    // 措施十五: classified results are never shown publicly.
    if (result.securityClass === 'classified') throw new AppError('RESULT_CLASSIFIED');
    if (!c.pricingMode) throw new AppError('PRICING_MODE_REQUIRED');
    if (c.transactionTypes.length === 0) throw new AppError('TRANSACTION_TYPE_REQUIRED');
    if (c.deadline !== null) throw new AppError('FIELD_NOT_ALLOWED', { field: 'deadline' });
    if (c.supportSought.length) throw new AppError('FIELD_NOT_ALLOWED', { field: 'supportSought' });
    if (c.budgetNegotiable) throw new AppError('FIELD_NOT_ALLOWED', { field: 'budgetNegotiable' });
    // A licence says its scope: an exclusive or sole one goes to one buyer only, like a transfer.
    if (c.transactionTypes.includes('license')) {
      if (!c.licenseScope) throw new AppError('LICENCE_SCOPE_REQUIRED');
    } else if (c.licenseScope) {
      throw new AppError('FIELD_NOT_ALLOWED', { field: 'licenseScope' });
    }
    if (c.pricingMode === 'negotiated') {
      // 措施四: agreement pricing names the counterparty and the proposed price, both publicly noticed.
      if (!c.counterpartyName?.trim()) throw new AppError('COUNTERPARTY_REQUIRED');
      if (c.priceFen === null) throw new AppError('PRICE_REQUIRED');
    } else if (c.counterpartyName) {
      throw new AppError('FIELD_NOT_ALLOWED', { field: 'counterpartyName' });
    } else if (c.counterpartyOrgId) {
      throw new AppError('FIELD_NOT_ALLOWED', { field: 'counterpartyOrgId' });
    }
    if ((c.pricingMode === 'fixed' || c.pricingMode === 'auction') && c.priceFen === null) {
      throw new AppError('PRICE_REQUIRED');
    }
  } else {
    if (c.resultId) throw new AppError('FIELD_NOT_ALLOWED', { field: 'resultId' });
    if (c.pricingMode) throw new AppError('FIELD_NOT_ALLOWED', { field: 'pricingMode' });
    if (c.counterpartyName) throw new AppError('FIELD_NOT_ALLOWED', { field: 'counterpartyName' });
    if (c.counterpartyOrgId) throw new AppError('FIELD_NOT_ALLOWED', { field: 'counterpartyOrgId' });
    if (c.licenseScope) throw new AppError('FIELD_NOT_ALLOWED', { field: 'licenseScope' });
    if (c.deadline === null) throw new AppError('DEADLINE_REQUIRED');
    // 措施八 (企业找技术的榜单): a demand states its budget (榜额) or says explicitly that it is negotiable.
    if (c.budgetNegotiable && c.priceFen !== null) {
      throw new AppError('VALIDATION_FAILED', [
        { path: '/budgetNegotiable', message: '已填写榜额的需求不能同时选择榜额面议' },
      ]);
    }
    if (!c.budgetNegotiable && c.priceFen === null) throw new AppError('BUDGET_REQUIRED');
  }
}

// ---- One result, one buyer of exclusive rights ----

/**
 * Whether a listing can hand an exclusive right to a buyer: a transfer, an equity contribution, or
 * an exclusive (独占) or sole (排他) licence. A non-exclusive licence (普通许可) can be granted to many.
 */
export function offersExclusiveRights(c: {
  transactionTypes: readonly string[];
  licenseScope?: LicenceScope | null;
}): boolean {
  if (c.transactionTypes.some((t) => (EXCLUSIVE_TRANSACTION_TYPES as readonly string[]).includes(t))) return true;
  return (
    c.transactionTypes.includes('license') &&
    !!c.licenseScope &&
    (EXCLUSIVE_LICENCE_SCOPES as readonly string[]).includes(c.licenseScope)
  );
}

/** Whether a supply listing in this status holds its result (from submission until its deal). */
export function holdsResult(status: ListingStatus): boolean {
  return (RESULT_HOLDING_STATUSES as readonly ListingStatus[]).includes(status);
}

/**
 * A listing entering a holding status (submitted, or a showcase renewed) may offer exclusive rights
 * only if no other listing of the same result holds them; `holder` is that other listing, if any.
 */
export function checkResultAvailable(
  c: { kind: ListingKind; transactionTypes: readonly string[]; licenseScope?: LicenceScope | null },
  holder: { id: string; title: string } | null,
): void {
  if (c.kind !== 'supply' || !offersExclusiveRights(c) || holder === null) return;
  throw new AppError(
    'RESULT_EXCLUSIVELY_OFFERED',
    { listingId: holder.id, title: holder.title },
    `该成果已在项目“${holder.title}”中提供转让、作价投资、独占许可或排他许可；同一成果同时只能有一个此类项目，可改为普通许可，或待该项目结束后再提交。`,
  );
}
