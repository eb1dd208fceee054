// Public notice (公示) of a negotiated price and its objections (异议), DESIGN §5 and 措施四:
// 通过协议定价的，应当在本单位公示科技成果名称和拟交易价格；存在异议的，可在技术市场挂牌交易，半个月内
// 无人摘牌，按协议定价交易.
//
// The notice is the institution's own (在本单位公示): its staff may object, each for themselves, as may
// any verified organisation — except the named counterparty, whose deal the notice is about. Staff
// objections are seen by the institution and operators only (as every objection is seen only by its
// filer, the institution and operators). The owner may answer once; the filer may withdraw (a staff
// objection only by the member who filed it); an operator may dismiss an abusive objection. An answer
// does not remove an objection: only withdrawal or dismissal does.
//
// At the end of the notice, no standing objection means the deal goes ahead with the named
// counterparty at the noticed price. A standing objection does not send the listing anywhere by
// itself: 可 is a permission, so the institution decides within OBJECTION_DECISION_PERIOD — list it on
// the market (the half-month window at the noticed price), revise the price and notice it again, or
// withdraw. Without a decision by then the listing is withdrawn, never listed by default.

import type { Actor } from './actor.js';
import type { ListingKind, ListingStatus, PricingMode } from './constants/listings.js';
import type { MatchRoute, ObjectionDecision, ObjectionStatus } from './constants/lifecycle.js';
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
  /** Filed by a member of the owning institution (its staff). */
  internal: boolean;
  filedBy: string;
  /** Filed against the notice that runs now (false: an earlier notice of a re-noticed listing). */
  current: boolean;
}

function requireCurrentStanding(objection: ObjectionFacts): void {
  if (!objection.current) throw new AppError('NOTICE_ENDED', { reason: 'earlier_notice' });
  if (objection.status !== 'standing') throw new AppError('OBJECTION_NOT_STANDING');
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

export interface ObjectionFiling {
  reason: string;
  /** A staff objection of the owning institution (seen by it and operators only). */
  internal: boolean;
}

/**
 * 措施四 (在本单位公示): any verified organisation's member may object during the notice, once per
 * organisation — the owning institution's staff once each; the named counterparty may not.
 * `alreadyFiled`: this organisation (or, for staff, this member) already objected to this notice.
 */
export function fileObjection(
  listing: NoticeListing,
  actor: Actor,
  now: Date,
  input: { reason: string; alreadyFiled: boolean },
): ObjectionFiling {
  const member = requireVerifiedMember(actor);
  requireRunningNotice(listing, now);
  if (listing.counterpartyOrgId !== null && member.orgId === listing.counterpartyOrgId) {
    throw new AppError('COUNTERPARTY_CANNOT_OBJECT');
  }
  if (input.alreadyFiled) throw new AppError('OBJECTION_EXISTS');
  return { reason: checkReason(input.reason), internal: member.orgId === listing.organisationId };
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
  requireCurrentStanding(objection);
  if (objection.responded) throw new AppError('OBJECTION_ALREADY_ANSWERED');
  return checkReason(text);
}

/** The filer withdraws: any member of the filing organisation, or — for a staff objection — only the member who filed it. */
export function withdrawObjection(listing: NoticeListing, objection: ObjectionFacts, actor: Actor, now: Date): void {
  if (actor.type !== 'member' || actor.orgId !== objection.organisationId) throw new AppError('FORBIDDEN');
  // The institution must not withdraw its own staff's objection to its own price.
  if (objection.internal && actor.userId !== objection.filedBy) throw new AppError('FORBIDDEN');
  requireRunningNotice(listing, now);
  requireCurrentStanding(objection);
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
  requireCurrentStanding(objection);
  return checkReason(reason);
}

export interface NoticeEndDecision {
  transition: Transition;
  /** Set when the notice ends without a standing objection. */
  match: MatchFacts | null;
  standingObjections: number;
}

/**
 * The end of the notice (timer; the caller has checked the deadline passed). 措施四: objected → the
 * institution decides within OBJECTION_DECISION_PERIOD; unobjected → matched with the named
 * counterparty at the noticed price.
 */
export function decideNoticeEnd(
  listing: NoticeListing,
  standingObjections: number,
  now: Date,
  periods: { objectionDecision: Duration },
): NoticeEndDecision {
  if (listing.kind !== 'supply' || listing.status !== 'notice') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.noticeEndsAt)) throw new AppError('INVALID_STATE', { reason: 'notice_running' });
  const base = { action: 'notice_end' as const, from: listing.status };
  if (standingObjections > 0) {
    return {
      // The full decision period runs from the moment the notice ended, so a late timer never shortens it.
      transition: {
        ...base,
        to: 'objection_review',
        deadlines: { objectionDecisionEndsAt: addDuration(now, periods.objectionDecision) },
      },
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

export interface ObjectionDecisionListing extends NoticeListing {
  objectionDecisionEndsAt: Date | null;
}

export interface ObjectionDecisionInput {
  decision: ObjectionDecision;
  /** `renotice` only: the revised proposed price (拟交易价格), different from the noticed one. */
  priceFen: number | null;
}

export interface ObjectionDecisionResult {
  transition: Transition;
  /** Set for `renotice`: the price the new notice shows. */
  newPriceFen: number | null;
}

/**
 * 措施四 (存在异议的，可在技术市场挂牌交易): the institution's choice after a notice with a standing
 * objection, before OBJECTION_DECISION_PERIOD ends. `list`: the half-month window at the noticed
 * price (a window that ends without another claimant matches the counterparty at that price);
 * `renotice`: a new notice of the same result and counterparty at a revised price; `withdraw`.
 */
export function decideObjection(
  listing: ObjectionDecisionListing,
  actor: Actor,
  now: Date,
  input: ObjectionDecisionInput,
  periods: { listing: Duration; notice: Duration },
): ObjectionDecisionResult {
  requireOwnerMember(listing.organisationId, actor);
  if (listing.kind !== 'supply' || listing.status !== 'objection_review') {
    throw new AppError('NOT_AWAITING_OBJECTION_DECISION', { status: listing.status });
  }
  if (!isBefore(now, listing.objectionDecisionEndsAt)) throw new AppError('OBJECTION_DECISION_ENDED');
  const base = { action: 'objection_decide' as const, from: listing.status };
  switch (input.decision) {
    case 'list':
      if (input.priceFen !== null) throw new AppError('FIELD_NOT_ALLOWED', { field: 'priceFen' });
      return {
        transition: {
          ...base,
          to: 'listed',
          deadlines: { objectionDecisionEndsAt: null, listingEndsAt: addDuration(now, periods.listing) },
        },
        newPriceFen: null,
      };
    case 'renotice': {
      const price = input.priceFen;
      if (price === null || !Number.isSafeInteger(price) || price < 0 || price === listing.priceFen) {
        throw new AppError('NEW_PRICE_REQUIRED', { noticedPriceFen: listing.priceFen });
      }
      return {
        // 措施四: 公示科技成果名称和拟交易价格 — a changed price is a new notice, with its full period.
        transition: {
          ...base,
          to: 'notice',
          deadlines: { objectionDecisionEndsAt: null, noticeEndsAt: addDuration(now, periods.notice) },
        },
        newPriceFen: price,
      };
    }
    case 'withdraw':
      if (input.priceFen !== null) throw new AppError('FIELD_NOT_ALLOWED', { field: 'priceFen' });
      return {
        transition: { ...base, to: 'withdrawn', deadlines: { objectionDecisionEndsAt: null } },
        newPriceFen: null,
      };
  }
}

/** Timer: the decision period ended without a decision — withdrawn, never listed by default (措施四 可). */
export function decideObjectionLapse(listing: ObjectionDecisionListing, now: Date): Transition {
  if (listing.kind !== 'supply' || listing.status !== 'objection_review') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.objectionDecisionEndsAt))
    throw new AppError('INVALID_STATE', { reason: 'decision_running' });
  return {
    action: 'objection_lapse',
    from: listing.status,
    to: 'withdrawn',
    deadlines: { objectionDecisionEndsAt: null },
  };
}
