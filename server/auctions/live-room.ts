// One live auction room's state and its sending (DESIGN §9, §10), apart from the hub (hub.ts) that
// does the I/O around it: pub/sub, the bid log, the heartbeat. Synchronous: a bid is applied only
// right after the one before it, early arrivals are drained in seq order, and the close goes out once
// every bid before it has.
//
// Back-pressure. A socket whose unsent data exceeds MAX_BUFFERED_BYTES is terminated: one slow
// client must not hold memory for everyone. Its page reconnects and resumes from its last seq.
import type { WebSocket } from 'ws';
import type { MemberActor } from '../../domain/actor.js';
import {
  isAuctionOver,
  type AuctionViewer,
  type CloseSummary,
  type PublicAuction,
  type PublicBid,
  type ServerMessage,
} from '../../domain/auction-protocol.js';

export const MAX_BUFFERED_BYTES = 256 * 1024;
export const RECENT = 100;

export interface LiveClient {
  socket: WebSocket;
  actor: MemberActor | null;
  you: AuctionViewer | null;
  /** The last bid seq this socket has been sent (or, after `resume`, has said it has). */
  sentSeq: number;
  catchingUp: boolean;
  alive: boolean;
  /** Which turn of the heartbeat this socket is beaten in (set by `join`; unset: the first). */
  beatSlot?: number;
}

export interface Room {
  auctionId: string;
  clients: Set<LiveClient>;
  ready: Promise<void>;
  loaded: boolean;
  auction: PublicAuction | null;
  closed: CloseSummary | null;
  lastSeq: number;
  recent: PublicBid[];
  /** Bids that arrived ahead of lastSeq + 1, by seq. */
  early: Map<number, PublicBid>;
  gapTimer: NodeJS.Timeout | null;
  filling: Promise<void> | null;
}

export function applyBid(room: Room, bid: PublicBid, broadcast: boolean): void {
  const before = room.auction!;
  const extended = Date.parse(bid.endsAt) > Date.parse(before.endsAt);
  room.auction = {
    ...before,
    seq: bid.seq,
    currentPriceFen: bid.amount,
    leader: bid.bidder,
    endsAt: bid.endsAt,
    hashHead: bid.hash,
    nextMinimumFen: bid.amount + before.incrementFen,
  };
  room.lastSeq = bid.seq;
  room.recent.push(bid);
  if (room.recent.length > RECENT * 2) room.recent.splice(0, room.recent.length - RECENT);
  if (!broadcast) return;
  // Encoded once for the whole room, not once per socket.
  const data = Buffer.from(JSON.stringify({ type: 'bid', ...bid } satisfies ServerMessage));
  const ext = extended
    ? Buffer.from(JSON.stringify({ type: 'extended', seq: bid.seq, endsAt: bid.endsAt } satisfies ServerMessage))
    : null;
  for (const c of room.clients) {
    // Only a socket exactly one behind gets it live; one that is behind is being caught up.
    if (c.sentSeq !== bid.seq - 1 || c.catchingUp) continue;
    if (!sendRaw(c, data)) continue;
    c.sentSeq = bid.seq;
    if (ext) sendRaw(c, ext);
  }
}

export function drainEarly(room: Room): void {
  for (const seq of [...room.early.keys()].sort((a, b) => a - b)) {
    const bid = room.early.get(seq)!;
    room.early.delete(seq);
    if (seq <= room.lastSeq) continue;
    if (seq !== room.lastSeq + 1) {
      room.early.set(seq, bid);
      break;
    }
    applyBid(room, bid, true);
  }
  if (room.early.size === 0 && room.gapTimer) {
    clearTimeout(room.gapTimer);
    room.gapTimer = null;
  }
  if (room.closed && room.lastSeq >= room.closed.bidCount) finishClose(room);
}

export function finishClose(room: Room): void {
  const summary = room.closed!;
  if (room.auction && isAuctionOver(room.auction.status) && room.auction.closedAt) return;
  room.auction = {
    ...room.auction!,
    status: summary.status,
    result: summary.result,
    winner: summary.winner,
    closedAt: summary.closedAt,
    endsAt: summary.endsAt,
    hashHead: summary.hashHead,
  };
  const data = Buffer.from(
    JSON.stringify({ type: 'closed', seq: summary.bidCount, result: summary } satisfies ServerMessage),
  );
  for (const c of room.clients) if (!c.catchingUp && c.sentSeq >= summary.bidCount) sendRaw(c, data);
}

export function sendAll(room: Room, message: ServerMessage): void {
  const data = Buffer.from(JSON.stringify(message));
  for (const c of room.clients) sendRaw(c, data);
}

/** One message to one socket (AuctionHub.send). */
export function sendMessage(client: LiveClient, message: ServerMessage): boolean {
  return sendRaw(client, JSON.stringify(message));
}

/** Sends unless the socket is closed or too far behind; a socket too far behind is cut off. */
export function sendRaw(client: LiveClient, data: string | Buffer): boolean {
  const s = client.socket;
  if (s.readyState !== s.OPEN) return false;
  if (s.bufferedAmount > MAX_BUFFERED_BYTES) {
    s.terminate();
    return false;
  }
  s.send(data, { binary: false });
  return true;
}
