// What every auction write starts with (DESIGN §5 "Auction", issue 6): the row lock, the clock read
// under it, and the row as the pure rules of domain/auctions.ts see it. Shared by the writes in
// service.ts, registration.ts, timers.ts and closing.ts.
//
// Every write locks the auction row (SELECT … FOR UPDATE) and decides with the pure rules of
// domain/auctions.ts inside that lock — bids with place_bid (migration 0007, bidding.ts), the same
// rules run by PostgreSQL within one statement — so two bids never both see the same state:
// validation and write are one step, never check-then-act. The clock is PostgreSQL's
// clock_timestamp() read after the lock, truncated to milliseconds (what the hash chain records), so
// the late-bid rule and the guarded close (`status = 'live' AND ends_at <= now`) always agree.
//
// Live pushes and timer jobs are post-commit work (signals.ts), run once the transaction committed.
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { AuctionState } from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { auctions, listings, type Auction } from '../../db/schema/index.js';

export async function lockAuction(tx: Tx, id: string): Promise<Auction> {
  const [row] = await tx.select().from(auctions).where(eq(auctions.id, id)).for('update');
  if (!row) throw new AppError('AUCTION_NOT_FOUND');
  return row;
}

/** The server clock after the lock, at the millisecond precision the hash chain records. */
export async function clock(tx: DbOrTx): Promise<Date> {
  const r = await tx.execute<{ now: string }>(sql`select ${NOW_MS} as now`);
  return new Date(Number(r.rows[0]!.now));
}

// Raw statements get timestamps as epoch milliseconds: drizzle's driver hands timestamps over as text.
const NOW_MS = sql.raw(`floor(extract(epoch from clock_timestamp()) * 1000)::int8`);

export function stateOf(row: Auction): AuctionState {
  return {
    id: row.id,
    status: row.status,
    startPriceFen: row.startPriceFen,
    incrementFen: row.incrementFen,
    reservePriceFen: row.reservePriceFen,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    softCloseMs: row.softCloseMs,
    currentPriceFen: row.currentPriceFen,
    leaderParticipantId: row.leaderParticipantId,
    seq: row.seq,
    hashHead: row.hashHead,
  };
}

export async function sellerOf(tx: DbOrTx, listingId: string): Promise<{ organisationId: string; title: string }> {
  const [l] = await tx
    .select({ organisationId: listings.organisationId, title: listings.title })
    .from(listings)
    .where(eq(listings.id, listingId));
  if (!l) throw new AppError('LISTING_NOT_FOUND');
  return l;
}

export function isSellerOrOperator(actor: Actor, sellerOrgId: string): boolean {
  return actor.type === 'operator' || (actor.type === 'member' && actor.orgId === sellerOrgId);
}
