// The close (DESIGN §5: live → closed | unsold, the listing → matched | unsold): one guarded update
// however often the close job fires, its audit rows and events, and the notices to everyone involved.
import { and, eq, sql } from 'drizzle-orm';
import { decideClose, decideStart, listingStatusAfterClose, type CloseResult } from '../../domain/auctions.js';
import type { Db, Tx } from '../../db/client.js';
import { auctionParticipants, auctions, listings } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { afterCommit, type AuctionSignals } from './signals.js';
import { notifyEach } from '../notifications/service.js';
import { lockAuction, clock, stateOf, sellerOf } from './locking.js';

export interface CloseSummaryRow {
  status: 'closed' | 'unsold';
  result: CloseResult;
  winner: string | null;
  winnerParticipantId: string | null;
  priceFen: number | null;
  hashHead: string;
  bidCount: number;
  closedAt: Date;
  endsAt: Date;
}

export type CloseOutcome =
  | { closed: true; summary: CloseSummaryRow }
  | { closed: false; reason: 'AUCTION_NOT_ENDED'; endsAt: Date }
  | { closed: false; reason: 'INVALID_STATE' | 'AUCTION_NOT_STARTED'; status: string };

/**
 * live → closed (winner, if the reserve is met) | unsold, once the end has passed; the listing
 * moves to `matched` or `unsold` in the same transaction (DESIGN §5). The write is one guarded
 * update (`status = 'live' AND ends_at <= now`), so however often and however concurrently the
 * close job fires, exactly one close happens. An auction whose start never ran is started first.
 */
export async function closeAuction(
  db: Db,
  signals: AuctionSignals,
  auctionId: string,
  onSignalError?: (err: unknown) => void,
): Promise<CloseOutcome> {
  const outcome = await db.transaction(async (tx): Promise<CloseOutcome> => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    let state = stateOf(row);
    if (state.status === 'scheduled') {
      const s = decideStart(state, now);
      if (s.refused) return { closed: false, reason: 'AUCTION_NOT_STARTED', status: state.status };
      if (now < state.endsAt) return { closed: false, reason: 'AUCTION_NOT_ENDED', endsAt: state.endsAt };
      state = s.accepted.newState;
      await tx
        .update(auctions)
        .set({ status: 'live', startedAt: now, updatedAt: now })
        .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'scheduled')));
      // Started and closed at once (its start never ran and nobody could bid): the close says it all.
    }
    const d = decideClose(state, now);
    if (d.refused) {
      return d.refused.code === 'AUCTION_NOT_ENDED'
        ? { closed: false, reason: 'AUCTION_NOT_ENDED', endsAt: state.endsAt }
        : { closed: false, reason: 'INVALID_STATE', status: state.status };
    }
    const { newState, result, winnerParticipantId, priceFen } = d.accepted;
    const status = newState.status as 'closed' | 'unsold';
    const guarded = await tx
      .update(auctions)
      .set({ status, result, winnerParticipantId, closedAt: now, updatedAt: now })
      .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'live'), sql`${auctions.endsAt} <= ${now}`))
      .returning({ id: auctions.id });
    if (guarded.length !== 1) return { closed: false, reason: 'INVALID_STATE', status: state.status };

    const parts = await tx
      .select({
        id: auctionParticipants.id,
        organisationId: auctionParticipants.organisationId,
        alias: auctionParticipants.alias,
        displayName: auctionParticipants.displayName,
      })
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auctionId));
    const winner = parts.find((p) => p.id === winnerParticipantId) ?? null;
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'auction.close',
      targetType: 'auction',
      targetId: auctionId,
      beforeStatus: 'live',
      afterStatus: status,
      details: { result, priceFen, winnerParticipantId, bids: state.seq, hashHead: state.hashHead },
      at: now,
    });

    // The listing follows (DESIGN §5: auction → matched | unsold), if it is still in auction — an
    // operator may have taken it down meanwhile, and then the result stands only in the auction.
    const [listing] = await tx.select().from(listings).where(eq(listings.id, row.listingId)).for('no key update');
    if (listing && listing.status === 'auction') {
      const to = listingStatusAfterClose(result);
      // A sale records its match like every other route to `matched`: the deal form (措施四) reads
      // the counterparty and price from it.
      const match =
        to === 'matched' && winner && priceFen !== null
          ? {
              matchedOrgId: winner.organisationId,
              matchedName: winner.displayName,
              matchedPriceFen: priceFen,
              matchedAt: now,
              matchRoute: 'auction' as const,
            }
          : {};
      await tx
        .update(listings)
        .set({ status: to, version: listing.version + 1, updatedAt: now, ...match })
        .where(eq(listings.id, listing.id));
      await writeAudit(tx, {
        actor: { type: 'system' },
        action: 'listing.auction_close',
        targetType: 'listing',
        targetId: listing.id,
        beforeStatus: 'auction',
        afterStatus: to,
        details: {
          version: listing.version + 1,
          auctionId,
          result,
          priceFen,
          winnerOrgId: winner?.organisationId ?? null,
        },
        at: now,
      });
      await emit(tx, 'listing.auction_close', {
        listingId: listing.id,
        organisationId: listing.organisationId,
        kind: listing.kind,
        from: 'auction',
        to,
        version: listing.version + 1,
        reason: null,
      });
    }
    // Everyone involved is told (the seller, every participant): the notification inbox reads this.
    await emit(tx, 'auction.closed', {
      auctionId,
      listingId: row.listingId,
      sellerOrgId: listing?.organisationId ?? null,
      status,
      result,
      priceFen,
      winnerParticipantId,
      winnerOrgId: winner?.organisationId ?? null,
      winnerAlias: winner?.alias ?? null,
      participants: parts.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
      hashHead: state.hashHead,
      bidCount: state.seq,
    });
    const seller = await sellerOf(tx, row.listingId);
    await notifyClosed(tx, {
      auctionId,
      listingId: row.listingId,
      listingTitle: seller.title,
      sellerOrgId: seller.organisationId,
      result,
      priceFen,
      winner,
      participants: parts,
      // Deposits (保证金) are the operators' to refund or apply once the auction is over.
      operators: row.depositFen !== null,
      at: now,
    });
    return {
      closed: true,
      summary: {
        status,
        result,
        winner: winner?.alias ?? null,
        winnerParticipantId,
        priceFen,
        hashHead: state.hashHead,
        bidCount: state.seq,
        closedAt: now,
        endsAt: state.endsAt,
      },
    };
  });
  if (outcome.closed) {
    const s = outcome.summary;
    await afterCommit(
      [
        signals.publish(auctionId, {
          type: 'closed',
          seq: s.bidCount,
          result: {
            status: s.status,
            result: s.result,
            winner: s.winner,
            priceFen: s.priceFen,
            hashHead: s.hashHead,
            bidCount: s.bidCount,
            closedAt: s.closedAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
          },
        }),
      ],
      onSignalError,
    );
  }
  return outcome;
}
interface CloseNotice {
  auctionId: string;
  listingId: string;
  listingTitle: string;
  sellerOrgId: string;
  result: CloseResult;
  priceFen: number | null;
  winner: { id: string; organisationId: string | null; alias: string; displayName: string } | null;
  participants: Array<{ id: string; organisationId: string | null }>;
  operators: boolean;
  at: Date;
}

/**
 * live → closed | unsold: the winner (auction_won), every other bidder (the price and the winning
 * 竞买号, never the winner's name), the seller (and operators, when deposits are held) with the
 * winner's organisation, which they may see after the close (DESIGN §9). One statement.
 */
async function notifyClosed(tx: Tx, c: CloseNotice): Promise<void> {
  const base = { listingId: c.listingId, listingTitle: c.listingTitle, closeResult: c.result, priceFen: c.priceFen };
  const data = { auctionId: c.auctionId, result: c.result, priceFen: c.priceFen };
  const others = c.participants.filter((p) => p.id !== c.winner?.id).map((p) => p.organisationId);
  const named = { ...base, alias: c.winner?.alias ?? null, orgName: c.winner?.displayName ?? null };
  await notifyEach(
    tx,
    [
      ...(c.winner?.organisationId
        ? [
            {
              recipients: { orgIds: [c.winner.organisationId] },
              kind: 'auction_won' as const,
              params: { ...base, alias: c.winner.alias },
              data,
            },
          ]
        : []),
      { recipients: { orgIds: others }, kind: 'auction_closed', params: { ...base, alias: c.winner?.alias }, data },
      { recipients: { orgIds: [c.sellerOrgId], operators: c.operators }, kind: 'auction_closed', params: named, data },
    ],
    c.at,
  );
}
