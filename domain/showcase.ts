// The 面议 showcase (DESIGN §5): a result shown without a price; verified enterprises send inquiries
// that reach the owner. At `expiresAt` it is delisted (expired); the owner may renew it afterwards for
// another SHOWCASE_PERIOD.

import type { Actor } from './actor.js';
import type { ListingKind, ListingStatus, PricingMode } from './constants/listings.js';
import { addDuration, type Duration } from './duration.js';
import { AppError } from './errors.js';
import { isBefore, requireOwnerMember, requireVerifiedMember } from './guards.js';
import type { Transition } from './listings.js';

export interface ShowcaseListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  pricingMode: PricingMode | null;
  expiresAt: Date | null;
}

export function checkInquiry(listing: ShowcaseListing, actor: Actor, now: Date): void {
  const member = requireVerifiedMember(actor, 'enterprise');
  if (listing.kind !== 'supply' || listing.status !== 'showcase' || !isBefore(now, listing.expiresAt)) {
    throw new AppError('NOT_IN_SHOWCASE', { status: listing.status });
  }
  if (member.orgId === listing.organisationId) throw new AppError('OWN_LISTING');
}

/** Timer: the showcase period is over (the caller has checked the deadline passed). */
export function decideShowcaseExpiry(listing: ShowcaseListing, now: Date): Transition {
  if (listing.status !== 'showcase') throw new AppError('INVALID_STATE', { status: listing.status });
  if (isBefore(now, listing.expiresAt)) throw new AppError('INVALID_STATE', { reason: 'showcase_running' });
  return { action: 'showcase_expire', from: listing.status, to: 'expired', deadlines: {} };
}

/** The owner puts an expired showcase back on display for a fresh period. */
export function renew(listing: ShowcaseListing, actor: Actor, now: Date, periods: { showcase: Duration }): Transition {
  requireOwnerMember(listing.organisationId, actor);
  if (listing.kind !== 'supply' || listing.pricingMode !== 'negotiable' || listing.status !== 'expired') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  return {
    action: 'renew',
    from: listing.status,
    to: 'showcase',
    deadlines: { expiresAt: addDuration(now, periods.showcase) },
  };
}
