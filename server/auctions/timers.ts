// What the auction timers run besides the close itself (closing.ts): the start job (scheduled →
// live), the sweeper under both jobs, and the list the reconciler re-creates jobs from
// (workers/auctions.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { decideStart } from '../../domain/auctions.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { auctionParticipants, auctions, type Auction } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { afterCommit, type AuctionSignals } from './signals.js';
import { notifyEach } from '../notifications/service.js';
import { lockAuction, clock, stateOf, sellerOf } from './locking.js';
import { closeAuction } from './closing.js';

export type StartOutcome = { started: true; endsAt: Date } | { started: false; reason: string; startsAt?: Date };

/** scheduled → live once its start time has come. Safe to run any number of times. */
export async function startAuction(
  db: Db,
  signals: AuctionSignals,
  auctionId: string,
  onSignalError?: (err: unknown) => void,
): Promise<StartOutcome> {
  const outcome = await db.transaction(async (tx): Promise<StartOutcome> => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    const d = decideStart(stateOf(row), now);
    if (d.refused) return { started: false, reason: d.refused.code, startsAt: row.startsAt };
    const updated = await tx
      .update(auctions)
      .set({ status: 'live', startedAt: now, updatedAt: now })
      .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'scheduled'), sql`${auctions.startsAt} <= ${now}`))
      .returning({ id: auctions.id });
    if (updated.length !== 1) return { started: false, reason: 'INVALID_STATE' };
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'auction.start',
      targetType: 'auction',
      targetId: auctionId,
      beforeStatus: 'scheduled',
      afterStatus: 'live',
      at: now,
    });
    await emit(tx, 'auction.started', { auctionId, listingId: row.listingId, endsAt: row.endsAt.toISOString() });
    await notifyStarted(tx, row, now);
    return { started: true, endsAt: row.endsAt };
  });
  if (outcome.started) {
    const row = await db.select({ startsAt: auctions.startsAt }).from(auctions).where(eq(auctions.id, auctionId));
    await afterCommit(
      [
        signals.publish(auctionId, {
          type: 'started',
          startsAt: row[0]!.startsAt.toISOString(),
          endsAt: outcome.endsAt.toISOString(),
        }),
        signals.scheduleClose(auctionId, outcome.endsAt),
      ],
      onSignalError,
    );
  }
  return outcome;
}
/** scheduled → live: every bidder (with its own 竞买号) and the seller, in one statement. */
async function notifyStarted(tx: Tx, row: Auction, at: Date): Promise<void> {
  const seller = await sellerOf(tx, row.listingId);
  const parts = await tx
    .select({ organisationId: auctionParticipants.organisationId, alias: auctionParticipants.alias })
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, row.id));
  const base = { listingId: row.listingId, listingTitle: seller.title, priceFen: row.startPriceFen, at: row.endsAt };
  const data = { auctionId: row.id };
  await notifyEach(
    tx,
    [
      { recipients: { orgIds: [seller.organisationId] }, kind: 'auction_started', params: base, data },
      ...parts
        .filter((p) => p.organisationId)
        .map((p) => ({
          recipients: { orgIds: [p.organisationId] },
          kind: 'auction_started' as const,
          params: { ...base, alias: p.alias },
          data,
        })),
    ],
    at,
  );
}
/**
 * The safety net under the timer jobs: starts every scheduled auction whose start has passed and
 * closes every live one whose end has passed (partial indexes auctions_scheduled_idx / _live_idx).
 */
export async function sweepOverdue(
  db: Db,
  signals: AuctionSignals,
  onSignalError?: (err: unknown) => void,
): Promise<{ started: number; closed: number }> {
  let started = 0;
  let closed = 0;
  const due = await db.execute<{ id: string; status: string }>(sql`
    (select id, status from auctions where status = 'scheduled' and starts_at <= clock_timestamp() order by starts_at limit 100)
    union all
    (select id, status from auctions where status = 'live' and ends_at <= clock_timestamp() order by ends_at limit 100)`);
  for (const { id, status } of due.rows) {
    if (status === 'scheduled' && (await startAuction(db, signals, id, onSignalError)).started) started++;
    if ((await closeAuction(db, signals, id, onSignalError)).closed) closed++;
  }
  return { started, closed };
}

/** Scheduled and live auctions with their timer instants: what the reconciler makes sure has a job. */
export async function pendingTimers(
  db: DbOrTx,
): Promise<Array<{ id: string; status: string; startsAt: Date; endsAt: Date }>> {
  return db
    .select({ id: auctions.id, status: auctions.status, startsAt: auctions.startsAt, endsAt: auctions.endsAt })
    .from(auctions)
    .where(inArray(auctions.status, ['scheduled', 'live']));
}
