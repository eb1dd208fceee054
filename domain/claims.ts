// The listing window (挂牌期) and claims (摘牌), DESIGN §5 and 措施四 (在技术市场挂牌交易).
//
// Verified enterprises other than the owner accept the listed price, one claim per organisation,
// strictly before `listingEndsAt`. When the window ends, the claims made before the end decide:
//
// | origin                              | 0 claims                        | 1 claim             | ≥ 2 claims             |
// |-------------------------------------|---------------------------------|---------------------|------------------------|
// | fixed price                         | expired                         | matched (claimant)  | auction (claimants)    |
// | negotiated (objected during notice) | matched (counterparty, agreed)  | auction (claimants + original counterparty)  |
//
// 措施四: 公示期间有异议的，在技术市场挂牌交易，半个月内无人摘牌的，按照协议价格交易. If claims arrive, the
// original counterparty competes with the claimants at auction. An auction needs two distinct
// bidders: when the only claimant is the counterparty itself, it is matched at the agreed price.

import type { Actor } from './actor.js';
import type { AuctionParticipantSource } from './constants/lifecycle.js';
import type { ListingKind, ListingStatus, PricingMode } from './constants/listings.js';
import { defaultIncrement } from './auctions.js';
import { addDuration, durationMs, type Duration } from './duration.js';
import { AppError } from './errors.js';
import type { Domicile } from './constants/organisations.js';
import { checkExportControlGate } from './export-control.js';
import { isBefore, requireVerifiedMember } from './guards.js';
import type { Transition } from './listings.js';
import type { MatchFacts } from './notices.js';

// The increment rule lives with the other auction rules; window hand-overs use the same one.
export { defaultIncrement };

export interface WindowListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  pricingMode: PricingMode | null;
  priceFen: number | null;
  listingEndsAt: Date | null;
  counterpartyName: string | null;
  counterpartyOrgId: string | null;
}

export interface ClaimFacts {
  id: string;
  organisationId: string;
  organisationName: string;
  createdAt: Date;
}

/** The claimant's domicile and whether the result's export-control review is confirmed (措施十五). */
export interface ClaimantFacts {
  domicile: Domicile;
  exportControlConfirmed: boolean;
}

/**
 * 摘牌: a verified enterprise, not the owner, once, strictly inside the window; one registered outside
 * the mainland only once the result's export-control review is confirmed (措施十五).
 */
export function checkClaim(
  listing: WindowListing,
  actor: Actor,
  now: Date,
  alreadyClaimed: boolean,
  claimant: ClaimantFacts,
): void {
  const member = requireVerifiedMember(actor, 'enterprise');
  if (listing.kind !== 'supply' || listing.status !== 'listed') {
    throw new AppError('NOT_LISTED', { status: listing.status });
  }
  // The end instant itself is outside the window: the window-end transition counts claims made before it.
  if (!isBefore(now, listing.listingEndsAt)) throw new AppError('LISTING_WINDOW_CLOSED');
  if (member.orgId === listing.organisationId) throw new AppError('OWN_LISTING');
  if (alreadyClaimed) throw new AppError('ALREADY_CLAIMED');
  checkExportControlGate('claim', claimant.domicile, claimant.exportControlConfirmed);
}

export interface ParticipantPlan {
  organisationId: string | null;
  name: string;
  source: Extract<AuctionParticipantSource, 'claim' | 'counterparty'>;
  claimId: string | null;
}

export type WindowEndDecision =
  | { outcome: 'expired'; transition: Transition; countedClaims: number }
  | { outcome: 'matched'; transition: Transition; match: MatchFacts; countedClaims: number }
  | { outcome: 'auction'; transition: Transition; participants: ParticipantPlan[]; countedClaims: number };

/** The window-end table above. `claims` may be in any order; only claims made before the end count. */
export function decideWindowEnd(listing: WindowListing, claims: readonly ClaimFacts[], now: Date): WindowEndDecision {
  if (listing.kind !== 'supply' || listing.status !== 'listed' || listing.listingEndsAt === null) {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.listingEndsAt)) throw new AppError('INVALID_STATE', { reason: 'window_running' });
  if (listing.priceFen === null) throw new AppError('PRICE_REQUIRED');
  const end = listing.listingEndsAt.getTime();
  const counted = claims
    .filter((c) => c.createdAt.getTime() < end)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const base = { action: 'window_end' as const, from: listing.status };
  const price = listing.priceFen;

  const participants: ParticipantPlan[] = counted.map((c) => ({
    organisationId: c.organisationId,
    name: c.organisationName,
    source: 'claim',
    claimId: c.id,
  }));
  const negotiated = listing.pricingMode === 'negotiated';
  if (negotiated) {
    if (!listing.counterpartyName) throw new AppError('COUNTERPARTY_REQUIRED');
    const alreadyIn = participants.some((p) =>
      listing.counterpartyOrgId ? p.organisationId === listing.counterpartyOrgId : p.name === listing.counterpartyName,
    );
    if (!alreadyIn) {
      participants.push({
        organisationId: listing.counterpartyOrgId,
        name: listing.counterpartyName,
        source: 'counterparty',
        claimId: null,
      });
    }
  }

  if (participants.length === 0) {
    return { outcome: 'expired', transition: { ...base, to: 'expired', deadlines: {} }, countedClaims: 0 };
  }
  if (participants.length === 1) {
    const only = participants[0]!;
    return {
      outcome: 'matched',
      transition: { ...base, to: 'matched', deadlines: {} },
      // 措施四: nobody but the counterparty came forward within half a month — trade at the agreed price.
      match: {
        route: negotiated ? 'window_agreed' : 'claim',
        orgId: only.organisationId,
        name: only.name,
        priceFen: price,
      },
      countedClaims: counted.length,
    };
  }
  return {
    outcome: 'auction',
    transition: { ...base, to: 'auction', deadlines: {} },
    participants,
    countedClaims: counted.length,
  };
}

export interface AuctionPeriods {
  auctionStartLead: Duration;
  auctionDuration: Duration;
  auctionSoftClose: Duration;
}

export interface HandOverTerms {
  startPriceFen: number;
  incrementFen: number;
  reservePriceFen: number | null;
  startsAt: Date;
  endsAt: Date;
  softCloseMs: number;
}

/**
 * Terms of the auction a window hands over: start price = listed price (nobody may win below what
 * every claimant already accepted, so there is no separate reserve), start after AUCTION_START_LEAD,
 * end AUCTION_DURATION later.
 */
export function handOverTerms(listedPriceFen: number, now: Date, periods: AuctionPeriods): HandOverTerms {
  const startsAt = addDuration(now, periods.auctionStartLead);
  return {
    startPriceFen: listedPriceFen,
    incrementFen: defaultIncrement(listedPriceFen),
    reservePriceFen: null,
    startsAt,
    endsAt: addDuration(startsAt, periods.auctionDuration),
    softCloseMs: durationMs(periods.auctionSoftClose),
  };
}
