// The auction writes the listing lifecycle makes inside its own transactions (DESIGN §5 "Auction",
// issue 6): creation (from the listing window and from approval of auction-priced listings), and
// the stop when an operator takes the listing down. The other auction writes have files of their
// own: registration.ts (registration, terms, deposits), bidding.ts, timers.ts (start, sweeper) and
// closing.ts; locking.ts holds the row lock and the clock they all share.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { aliasFor } from '../../domain/auction-aliases.js';
import {
  decideTerminate,
  initialAuctionState,
  type AuctionOrigin,
  type AuctionParticipantSource,
} from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import { CLASSIFIED_REDACTED_TITLE } from '../../domain/listings.js';
import type { Tx } from '../../db/client.js';
import { auctionParticipants, auctions, listings, organisations } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { notify } from '../notifications/service.js';
import { stateOf, sellerOf } from './locking.js';

// ---- Creation --------------------------------------------------------------------------------------

export interface NewAuctionParticipant {
  /** Null for a negotiated counterparty not registered on the platform (cannot bid until linked). */
  organisationId: string | null;
  source: AuctionParticipantSource;
  /** Shown to the seller and operators; defaults to the organisation's name. */
  displayName?: string;
  claimId?: string | null;
}

export interface NewAuction {
  listingId: string;
  startPriceFen: number;
  incrementFen: number;
  reservePriceFen: number | null;
  startsAt: Date;
  endsAt: Date;
  softCloseMs: number;
  /** In registration order: the order decides the 竞买号 (through a keyed permutation, so it cannot be read back). */
  participants: NewAuctionParticipant[];
  now: Date;
  /** `window` (default): handed over by the listing window; `direct`: an auction-priced listing. */
  origin?: AuctionOrigin;
  /** 保证金 every participant must have confirmed before bidding; null = none. */
  depositFen?: number | null;
  /** Who caused it (the audit row); the system (timer) by default. */
  actor?: Actor;
}

/**
 * Creates a `scheduled` auction with its participants, inside the caller's transaction — the
 * listing lifecycle calls this in the transaction that moves the listing to `auction`. Returns the
 * auction id.
 *
 * Timers: this writes an outbox event `auction.scheduled` {auctionId, listingId, startsAt, endsAt,
 * participants}. The auction worker (workers/auctions.ts) turns it into the delayed jobs
 * `auction-start-<id>` and `auction-close-<id>`, and its sweeper (every AUCTION_SWEEP_INTERVAL)
 * starts and closes anything overdue whether or not a job ever ran; a reconciler re-adds missing
 * jobs at worker start and every minute. The caller need not schedule anything.
 */
export async function createAuction(tx: Tx, input: NewAuction): Promise<string> {
  const id = randomUUID();
  const state = initialAuctionState({
    id,
    startPriceFen: input.startPriceFen,
    incrementFen: input.incrementFen,
    reservePriceFen: input.reservePriceFen,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    softCloseMs: input.softCloseMs,
  });
  const depositFen = input.depositFen ?? null;
  if (depositFen !== null && !(Number.isSafeInteger(depositFen) && depositFen > 0)) {
    throw new AppError('VALIDATION_FAILED', { field: 'depositFen' });
  }
  const aliasSecret = randomBytes(32).toString('hex');
  await tx.insert(auctions).values({
    id,
    listingId: input.listingId,
    origin: input.origin ?? 'window',
    status: 'scheduled',
    startPriceFen: state.startPriceFen,
    incrementFen: state.incrementFen,
    reservePriceFen: state.reservePriceFen,
    startsAt: state.startsAt,
    initialEndsAt: state.endsAt,
    endsAt: state.endsAt,
    softCloseMs: state.softCloseMs,
    seq: 0,
    hashHead: state.hashHead,
    aliasSecret,
    depositFen,
    createdAt: input.now,
    updatedAt: input.now,
  });

  const orgIds = input.participants.map((p) => p.organisationId).filter((o): o is string => o !== null);
  const names = new Map<string, string>();
  if (orgIds.length) {
    const rows = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, orgIds));
    for (const r of rows) names.set(r.id, r.name);
  }
  const participantRows = input.participants.map((p, position) => ({
    auctionId: id,
    organisationId: p.organisationId,
    displayName: p.displayName ?? (p.organisationId ? names.get(p.organisationId) : undefined) ?? '未注册受让方',
    source: p.source,
    claimId: p.claimId ?? null,
    position,
    alias: aliasFor(id, position, aliasSecret),
    depositRequired: depositFen !== null,
    depositFen,
    createdAt: input.now,
  }));
  if (participantRows.length) await tx.insert(auctionParticipants).values(participantRows);

  const actor = input.actor ?? { type: 'system' as const };
  await writeAudit(tx, {
    actor,
    action: 'auction.create',
    targetType: 'auction',
    targetId: id,
    afterStatus: 'scheduled',
    details: {
      listingId: input.listingId,
      origin: input.origin ?? 'window',
      startPriceFen: state.startPriceFen,
      incrementFen: state.incrementFen,
      hasReserve: state.reservePriceFen !== null,
      startsAt: state.startsAt.toISOString(),
      endsAt: state.endsAt.toISOString(),
      softCloseMs: state.softCloseMs,
      participants: participantRows.length,
    },
    at: input.now,
  });
  await emit(tx, 'auction.scheduled', {
    auctionId: id,
    listingId: input.listingId,
    startsAt: state.startsAt.toISOString(),
    endsAt: state.endsAt.toISOString(),
    startPriceFen: state.startPriceFen,
    participants: participantRows.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
  });
  // The seller of a direct auction learns when it starts (and may still set increment and reserve
  // until then: `seller` sends it to the manage page). A window hand-over tells its seller and
  // bidders itself (claims.ts closeWindow); bidders who register later hear at registration.
  if ((input.origin ?? 'window') === 'direct') {
    const seller = await sellerOf(tx, input.listingId);
    await notify(
      tx,
      { orgIds: [seller.organisationId] },
      'auction_scheduled',
      { listingId: input.listingId, listingTitle: seller.title, priceFen: state.startPriceFen, at: state.startsAt },
      input.now,
      { auctionId: id, seller: true },
    );
  }
  return id;
}
// ---- Take-down -------------------------------------------------------------------------------------

/** Locks a listing's scheduled or live auction, if any (FOR UPDATE), before its listing is locked. */
export async function lockOpenAuctions(tx: Tx, listingId: string): Promise<void> {
  await tx
    .select({ id: auctions.id })
    .from(auctions)
    .where(and(eq(auctions.listingId, listingId), inArray(auctions.status, ['scheduled', 'live'])))
    .for('update');
}

/**
 * Stops the pending or running auction of a listing an operator takes down, in the take-down's
 * transaction: unsold with result `taken_down`, so no bid is accepted after it and no winner comes of
 * it. The live rooms learn it on their next heartbeat. Returns the auction id, if there was one.
 *
 * `classified` (措施十五, the result became 涉密): the auction is `cancelled` instead (result
 * `cancelled_classified`), and the bidders' notice does not repeat the listing's title.
 */
export async function terminateForTakeDown(
  tx: Tx,
  listingId: string,
  actor: Actor,
  now: Date,
  opts: { classified?: boolean } = {},
): Promise<string | null> {
  const status = opts.classified ? ('cancelled' as const) : ('unsold' as const);
  const result = opts.classified ? ('cancelled_classified' as const) : ('taken_down' as const);
  const [row] = await tx
    .select()
    .from(auctions)
    .where(and(eq(auctions.listingId, listingId), inArray(auctions.status, ['scheduled', 'live'])))
    .for('update');
  if (!row) return null;
  const d = decideTerminate(stateOf(row));
  if (d.refused) return null;
  await tx
    .update(auctions)
    .set({ status, result, winnerParticipantId: null, closedAt: now, updatedAt: now })
    .where(and(eq(auctions.id, row.id), inArray(auctions.status, ['scheduled', 'live'])));
  await writeAudit(tx, {
    actor,
    action: 'auction.terminate',
    targetType: 'auction',
    targetId: row.id,
    beforeStatus: row.status,
    afterStatus: status,
    details: {
      reason: opts.classified ? 'result_classified' : 'listing_taken_down',
      bids: row.seq,
      hashHead: row.hashHead,
    },
    at: now,
  });
  const [seller] = await tx
    .select({ organisationId: listings.organisationId })
    .from(listings)
    .where(eq(listings.id, listingId));
  const parts = await tx
    .select({
      organisationId: auctionParticipants.organisationId,
      alias: auctionParticipants.alias,
      source: auctionParticipants.source,
    })
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, row.id));
  // Claimants hear of the take-down as responders to the listing (listings.ts takeDownListing); the
  // registered bidders and a negotiated counterparty hear it here. The seller is told by the take-down.
  const [listing] = await tx.select({ title: listings.title }).from(listings).where(eq(listings.id, listingId));
  await notify(
    tx,
    { orgIds: parts.filter((p) => p.source !== 'claim').map((p) => p.organisationId) },
    'auction_closed',
    {
      listingId,
      listingTitle: opts.classified ? CLASSIFIED_REDACTED_TITLE : (listing?.title ?? ''),
      closeResult: result,
    },
    now,
    { auctionId: row.id },
  );
  await emit(tx, 'auction.closed', {
    auctionId: row.id,
    listingId,
    sellerOrgId: seller?.organisationId ?? null,
    participants: parts.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
    winnerOrgId: null,
    winnerAlias: null,
    status,
    result,
    priceFen: null,
    winnerParticipantId: null,
    hashHead: row.hashHead,
    bidCount: row.seq,
  });
  return row.id;
}
