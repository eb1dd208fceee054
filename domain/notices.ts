// Public notice (公示) of a negotiated price and its objections (异议), DESIGN §5 and 措施四:
// 通过协议定价的，应当公示科技成果名称和拟交易价格；公示期间有异议的，在技术市场挂牌交易.
//
// Any verified organisation other than the owner may object, with a reason, while the notice runs.
// The owner may answer once; the filer may withdraw; an operator may dismiss an abusive objection.
// An answer does not remove an objection: only withdrawal or dismissal does. At the end of the
// notice a standing objection sends the listing to the market for LISTING_PERIOD; none means the
// deal goes ahead with the named counterparty at the agreed price.

import type { Actor } from './actor.js';
import type { ListingKind, ListingStatus, PricingMode } from './constants/listings.js';
import type { MatchRoute, ObjectionStatus } from './constants/lifecycle.js';
import { addDuration, type Duration } from './duration.js';
import { AppError } from './errors.js';
import { isBefore, requireOperatorActor, requireOwnerMember, requireVerifiedMember } from './guards.js';
import type { Transition } from './listings.js';

export interface NoticeListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  pricingMode: PricingMode | null;
  priceFen: number | null;
  noticeEndsAt: Date | null;
  counterpartyName: string | null;
  counterpartyOrgId: string | null;
}

export interface ObjectionFacts {
  organisationId: string;
  status: ObjectionStatus;
  responded: boolean;
}

/** The outcome a `matched` transition records: who, at what price, by which route. */
export interface MatchFacts {
  route: MatchRoute;
  orgId: string | null;
  name: string;
  priceFen: number;
}

function requireRunningNotice(listing: NoticeListing, now: Date): void {
  if (listing.kind !== 'supply' || listing.status !== 'notice') {
    throw new AppError('NOT_IN_NOTICE', { status: listing.status });
  }
  if (!isBefore(now, listing.noticeEndsAt)) throw new AppError('NOTICE_ENDED');
}

export const MIN_REASON_LENGTH = 5;

export function checkReason(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length < MIN_REASON_LENGTH) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/reason', message: `请说明理由（至少 ${MIN_REASON_LENGTH} 个字）` },
    ]);
  }
  return trimmed;
}

/** 措施四: any verified organisation may object during the notice — one objection per organisation. */
export function fileObjection(
  listing: NoticeListing,
  actor: Actor,
  now: Date,
  input: { reason: string; alreadyFiled: boolean },
): string {
  const member = requireVerifiedMember(actor);
  requireRunningNotice(listing, now);
  if (member.orgId === listing.organisationId) throw new AppError('OWN_LISTING');
  if (input.alreadyFiled) throw new AppError('OBJECTION_EXISTS');
  return checkReason(input.reason);
}

export function respondToObjection(
  listing: NoticeListing,
  objection: ObjectionFacts,
  actor: Actor,
  now: Date,
  text: string,
): string {
  requireOwnerMember(listing.organisationId, actor);
  requireRunningNotice(listing, now);
  if (objection.status !== 'standing') throw new AppError('OBJECTION_NOT_STANDING');
  if (objection.responded) throw new AppError('OBJECTION_ALREADY_ANSWERED');
  return checkReason(text);
}

export function withdrawObjection(listing: NoticeListing, objection: ObjectionFacts, actor: Actor, now: Date): void {
  if (actor.type !== 'member' || actor.orgId !== objection.organisationId) throw new AppError('FORBIDDEN');
  requireRunningNotice(listing, now);
  if (objection.status !== 'standing') throw new AppError('OBJECTION_NOT_STANDING');
}

/** An operator removes an abusive objection; the reason is recorded (措施十四). */
export function dismissObjection(
  listing: NoticeListing,
  objection: ObjectionFacts,
  actor: Actor,
  now: Date,
  reason: string,
): string {
  requireOperatorActor(actor);
  requireRunningNotice(listing, now);
  if (objection.status !== 'standing') throw new AppError('OBJECTION_NOT_STANDING');
  return checkReason(reason);
}

export interface NoticeEndDecision {
  transition: Transition;
  /** Set when the notice ends without a standing objection. */
  match: MatchFacts | null;
  standingObjections: number;
}

/**
 * The end of the notice (timer; the caller has checked the deadline passed). 措施四: objected →
 * listed on the market for LISTING_PERIOD from now; unobjected → matched with the named counterparty.
 */
export function decideNoticeEnd(
  listing: NoticeListing,
  standingObjections: number,
  now: Date,
  periods: { listing: Duration },
): NoticeEndDecision {
  if (listing.kind !== 'supply' || listing.status !== 'notice') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.noticeEndsAt)) throw new AppError('INVALID_STATE', { reason: 'notice_running' });
  const base = { action: 'notice_end' as const, from: listing.status };
  if (standingObjections > 0) {
    return {
      // The full window runs from the moment the listing appears on the market, so a late timer never shortens it.
      transition: { ...base, to: 'listed', deadlines: { listingEndsAt: addDuration(now, periods.listing) } },
      match: null,
      standingObjections,
    };
  }
  if (listing.priceFen === null || !listing.counterpartyName) throw new AppError('COUNTERPARTY_REQUIRED');
  return {
    transition: { ...base, to: 'matched', deadlines: {} },
    match: {
      route: 'notice',
      orgId: listing.counterpartyOrgId,
      name: listing.counterpartyName,
      priceFen: listing.priceFen,
    },
    standingObjections: 0,
  };
}
