// What a live room reads from the bid log in PostgreSQL, the source of truth (DESIGN §9): its first
// load, the bids a lost or late publish left out, and the bids a resuming socket asks for again. The
// hub (hub.ts) calls these; the room's state and sending are in live-room.ts.
import type { FastifyBaseLogger } from 'fastify';
import { isAuctionOver, type PublicBid, type ServerMessage } from '../../domain/auction-protocol.js';
import type { Db } from '../../db/client.js';
import { bidsAfter, getAuction, recentBids } from './reads.js';
import { applyBid, drainEarly, RECENT, sendMessage, sendRaw, type LiveClient, type Room } from './live-room.js';

const CATCH_UP_PAGE = 500;

/** Reads the auction and its recent bids; pub/sub events that arrive meanwhile wait in `early`. */
export async function loadRoom(db: Db, room: Room): Promise<void> {
  const detail = await getAuction(db, null, room.auctionId, { internal: true });
  const recent = await recentBids(db, room.auctionId, RECENT);
  // Bids committed between the two reads are in `recent`; take the state as of its last bid.
  const last = recent.at(-1);
  room.auction = detail.auction;
  room.lastSeq = Math.max(detail.auction.seq, last?.seq ?? 0);
  if (last && last.seq > detail.auction.seq) applyBid(room, last, false);
  room.recent = recent;
  const a = detail.auction;
  if (isAuctionOver(a.status) && a.result && a.closedAt) {
    room.closed = {
      status: a.status,
      result: a.result,
      winner: a.winner,
      priceFen: a.result === 'sold' ? a.currentPriceFen : null,
      hashHead: a.hashHead,
      bidCount: a.seq,
      closedAt: a.closedAt,
      endsAt: a.endsAt,
    };
  }
  room.loaded = true;
  drainEarly(room);
}

/** Reads the bids the room is missing from PostgreSQL, the source of truth. */
export function fillFromLog(db: Db, log: FastifyBaseLogger, room: Room): Promise<void> {
  if (room.filling) return room.filling;
  room.filling = (async () => {
    try {
      for (;;) {
        const page = await bidsAfter(db, room.auctionId, room.lastSeq, CATCH_UP_PAGE);
        for (const bid of page) if (bid.seq === room.lastSeq + 1) applyBid(room, bid, true);
        if (page.length < CATCH_UP_PAGE) break;
      }
      drainEarly(room);
    } catch (err) {
      log.warn({ err, auctionId: room.auctionId }, 'live room could not fill a gap from the bid log');
    } finally {
      room.filling = null;
    }
  })();
  return room.filling;
}

export async function catchUp(db: Db, log: FastifyBaseLogger, room: Room, client: LiveClient): Promise<void> {
  if (client.catchingUp) return;
  client.catchingUp = true;
  try {
    while (client.sentSeq < room.lastSeq && client.socket.readyState === client.socket.OPEN) {
      const from = client.sentSeq + 1;
      const first = room.recent[0];
      let page: PublicBid[];
      if (first && first.seq <= from) {
        page = room.recent.slice(from - first.seq);
      } else {
        page = await bidsAfter(db, room.auctionId, client.sentSeq, CATCH_UP_PAGE);
        page = page.filter((b) => b.seq <= room.lastSeq);
      }
      if (page.length === 0) break;
      for (const bid of page) {
        if (bid.seq !== client.sentSeq + 1) continue;
        if (!sendRaw(client, JSON.stringify({ type: 'bid', ...bid } satisfies ServerMessage))) return;
        client.sentSeq = bid.seq;
      }
    }
  } catch (err) {
    log.warn({ err }, 'live catch-up failed');
    client.socket.close(1011, 'catch-up failed');
    return;
  } finally {
    client.catchingUp = false;
  }
  if (room.closed && room.auction?.closedAt && client.sentSeq >= room.closed.bidCount) {
    sendMessage(client, { type: 'closed', seq: room.closed.bidCount, result: room.closed });
  }
}
