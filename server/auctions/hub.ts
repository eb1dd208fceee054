// Live auction rooms of one api instance (DESIGN §9, §10). The instance subscribes once to the
// auctions' pub/sub channel and fans each event out to the sockets of its local room. Every
// instance's rooms therefore show the same stream, whichever instance accepted the bid.
//
// Ordering and gaps. Bids are published after commit by whichever instance accepted them (which
// also hands them to its own rooms directly, `deliver`), so two publishes can arrive out of order,
// and a publish can be lost (a crash between commit and publish, a Redis blip). The room therefore keeps `lastSeq` and forwards bid n only after bid n-1: early
// arrivals wait in a small buffer, and a gap that does not close within GAP_FILL_MS is filled from
// the bid log in PostgreSQL, as is anything behind the database on every heartbeat. Each socket
// has its own `sentSeq`; a socket that is behind (it asked to resume) is caught up from the room's
// recent bids or the bid log before live events reach it again. So every client receives a
// gap-free, in-order prefix of the stored log.
//
// This file holds the rooms of the instance and what happens to them: joining, events in, the
// heartbeat. One room's state and its sending (with the back-pressure rule) are in live-room.ts;
// what a room reads from the bid log (its load, gap fills, a socket's catch-up) is in live-log.ts.
import type { FastifyBaseLogger } from 'fastify';
import type { DependencyHealth } from '../../platform/dependency-health.js';
import { watchRedis } from '../../platform/redis.js';
import type { Redis } from 'ioredis';
import { isAuctionOver, type CloseSummary, type PublicBid, type ServerMessage } from '../../domain/auction-protocol.js';
import type { Db } from '../../db/client.js';
import { catchUp, fillFromLog, loadRoom } from './live-log.js';
import {
  applyBid,
  drainEarly,
  finishClose,
  sendAll,
  sendMessage,
  sendRaw,
  type LiveClient,
  type Room,
} from './live-room.js';
import { getAuction } from './reads.js';
import { auctionLiveChannel, type LiveEnvelope } from './signals.js';

// Each beat pings every socket and tells it the latest seq; often enough to notice a dead
// connection or a lost publish within seconds, rare enough to cost little beside the bids.
export const HEARTBEAT_MS = 10_000;
// A room's sockets are beaten in BEAT_SLOTS turns spread over HEARTBEAT_MS, not all at once: a
// ping and a message to 5,000 sockets in one go held the next bid's push back by ~0.5 s.
const BEAT_SLOTS = 10;
export const GAP_FILL_MS = 150;
const SNAPSHOT_BIDS = 20;

export class AuctionHub {
  private readonly rooms = new Map<string, Room>();
  private readonly subscriber: Redis;
  private heartbeat: NodeJS.Timeout | null = null;
  private beatTurn = 0;
  private joined = 0;
  private closing = false;

  constructor(
    private readonly db: Db,
    redis: Redis,
    private readonly prefix: string,
    private readonly log: FastifyBaseLogger,
    redisState: DependencyHealth,
  ) {
    this.subscriber = watchRedis(redis.duplicate(), redisState, 'auction-hub');
  }

  /** Settles once the pub/sub subscription is in place (ioredis renews it after reconnects). */
  subscribed: Promise<void> = Promise.resolve();

  /** Starts listening. Does not wait for Redis: the api serves (and /readyz reports) without it. */
  start(): void {
    this.subscriber.on('message', (_channel: string, raw: string) => this.onPublished(raw));
    this.subscribed = this.subscriber.subscribe(auctionLiveChannel(this.prefix)).then(
      () => undefined,
      (err: unknown) => this.log.warn({ err }, 'auction live channel: subscribe failed'),
    );
    this.heartbeat = setInterval(() => void this.tick(), HEARTBEAT_MS / BEAT_SLOTS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const room of this.rooms.values()) {
      if (room.gapTimer) clearTimeout(room.gapTimer);
      for (const c of room.clients) c.socket.close(1001, 'server shutting down');
    }
    this.rooms.clear();
    await this.subscriber
      .quit()
      .catch((err: unknown) => this.log.debug({ err }, 'auction hub subscriber already closed'));
  }

  /** Number of sockets watching, for tests and the bench. */
  watchers(auctionId?: string): number {
    if (auctionId) return this.rooms.get(auctionId)?.clients.size ?? 0;
    let n = 0;
    for (const r of this.rooms.values()) n += r.clients.size;
    return n;
  }

  // ---- Joining and leaving ----

  /**
   * Adds a socket to its auction's room and sends the snapshot (then, with `afterSeq`, every bid
   * after it). Throws AUCTION_NOT_FOUND (from the room load) for an unknown auction.
   */
  async join(auctionId: string, client: LiveClient, afterSeq: number | null = null): Promise<void> {
    const room = this.roomFor(auctionId);
    try {
      await room.ready;
    } catch (err) {
      if (this.rooms.get(auctionId) === room && room.clients.size === 0) this.rooms.delete(auctionId);
      throw err;
    }
    if (client.socket.readyState !== client.socket.OPEN) return;
    client.sentSeq = room.lastSeq;
    client.beatSlot = this.joined++ % BEAT_SLOTS;
    room.clients.add(client);
    const sent = this.send(client, {
      type: 'snapshot',
      seq: room.lastSeq,
      serverTime: new Date().toISOString(),
      auction: room.auction!,
      recentBids: room.recent.slice(-SNAPSHOT_BIDS),
      you: client.you,
    });
    if (!sent) {
      this.leave(auctionId, client);
      return;
    }
    // A reconnecting page names the last bid it has: it gets everything after it, then the live stream.
    if (afterSeq !== null && afterSeq < room.lastSeq) {
      client.sentSeq = afterSeq;
      void catchUp(this.db, this.log, room, client);
    }
  }

  leave(auctionId: string, client: LiveClient): void {
    const room = this.rooms.get(auctionId);
    if (!room) return;
    room.clients.delete(client);
    if (room.clients.size === 0 && room.loaded) {
      if (room.gapTimer) clearTimeout(room.gapTimer);
      this.rooms.delete(auctionId);
    }
  }

  /** `resume {afterSeq}`: (re)send every bid after afterSeq, then the live stream. */
  resume(auctionId: string, client: LiveClient, afterSeq: number): void {
    const room = this.rooms.get(auctionId);
    if (!room || !room.clients.has(client)) return;
    client.sentSeq = afterSeq;
    void catchUp(this.db, this.log, room, client);
  }

  private roomFor(auctionId: string): Room {
    const room = this.rooms.get(auctionId);
    if (room) return room;
    const created: Room = {
      auctionId,
      clients: new Set(),
      ready: Promise.resolve(),
      loaded: false,
      auction: null,
      closed: null,
      lastSeq: 0,
      recent: [],
      early: new Map(),
      gapTimer: null,
      filling: null,
    };
    created.ready = loadRoom(this.db, created);
    this.rooms.set(auctionId, created);
    return created;
  }

  // ---- Events in ----

  private onPublished(raw: string): void {
    let env: LiveEnvelope;
    try {
      env = JSON.parse(raw) as LiveEnvelope;
    } catch (err) {
      this.log.warn({ err, raw: raw.slice(0, 200) }, 'unreadable message on the auction live channel');
      return;
    }
    this.deliver(env);
  }

  /**
   * One event for the local rooms: from pub/sub, or directly from this instance's own publish (so
   * its sockets do not wait for the Redis round trip). Delivering an event twice is harmless: bids
   * at or below the room's seq are dropped, and `started`/`closed` apply once.
   */
  deliver(env: LiveEnvelope): void {
    if (this.closing) return;
    const room = this.rooms.get(env.auctionId);
    if (!room) return;
    const m = env.message;
    switch (m.type) {
      case 'bid':
        this.onBid(room, { seq: m.seq, bidder: m.bidder, amount: m.amount, at: m.at, endsAt: m.endsAt, hash: m.hash });
        return;
      case 'started':
        if (!room.loaded) return; // the load reads the new status
        if (room.auction && room.auction.status === 'scheduled') {
          room.auction = { ...room.auction, status: 'live', startsAt: m.startsAt, endsAt: m.endsAt };
          sendAll(room, m);
        }
        return;
      case 'closed':
        this.onClosed(room, m.result);
        return;
      default:
        // `extended` is derived locally from each bid's endsAt, in seq order; nothing else is published.
        return;
    }
  }

  private onBid(room: Room, bid: PublicBid): void {
    if (!room.loaded) {
      room.early.set(bid.seq, bid);
      return;
    }
    if (bid.seq <= room.lastSeq) return;
    if (bid.seq === room.lastSeq + 1) {
      applyBid(room, bid, true);
      drainEarly(room);
      return;
    }
    room.early.set(bid.seq, bid);
    if (!room.gapTimer) {
      room.gapTimer = setTimeout(() => {
        room.gapTimer = null;
        void fillFromLog(this.db, this.log, room);
      }, GAP_FILL_MS);
    }
  }

  private onClosed(room: Room, summary: CloseSummary): void {
    room.closed = summary;
    if (!room.loaded) return;
    if (room.lastSeq >= summary.bidCount) finishClose(room);
    else void fillFromLog(this.db, this.log, room);
  }

  // ---- Heartbeat ----

  /**
   * Every HEARTBEAT_MS: re-read every local room's auction (one query), fill what pub/sub lost,
   * tell each socket the server time and latest seq, and drop sockets that stopped answering pings.
   * Runs BEAT_SLOTS times as often: the re-read on the first turn, each turn beating its sockets.
   */
  private async tick(): Promise<void> {
    if (this.closing) return;
    const turn = this.beatTurn;
    this.beatTurn = (turn + 1) % BEAT_SLOTS;
    for (const room of this.rooms.values()) {
      if (!room.loaded) continue;
      if (turn === 0) await this.reread(room);
      const beat = Buffer.from(
        JSON.stringify({
          type: 'heartbeat',
          serverTime: new Date().toISOString(),
          seq: room.lastSeq,
          status: room.auction!.status,
          endsAt: room.auction!.endsAt,
        } satisfies ServerMessage),
      );
      for (const c of room.clients) {
        if ((c.beatSlot ?? 0) !== turn) continue;
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
        sendRaw(c, beat);
      }
    }
  }

  /** The room's auction as PostgreSQL has it: bids pub/sub lost, a start or a close it missed. */
  private async reread(room: Room): Promise<void> {
    try {
      const { auction } = await getAuction(this.db, null, room.auctionId, { internal: true });
      if (auction.seq > room.lastSeq) await fillFromLog(this.db, this.log, room);
      // Registrations happen through REST, not the room: the count a new joiner sees comes from here.
      room.auction = { ...room.auction!, participantCount: auction.participantCount };
      const was = room.auction;
      if (was.status === 'scheduled' && auction.status !== 'scheduled') {
        room.auction = { ...was, status: 'live', startsAt: auction.startsAt, endsAt: auction.endsAt };
        sendAll(room, { type: 'started', startsAt: auction.startsAt, endsAt: auction.endsAt });
      }
      if (isAuctionOver(auction.status) && !room.closed) {
        this.onClosed(room, {
          status: auction.status,
          result: auction.result!,
          winner: auction.winner,
          priceFen: auction.result === 'sold' ? auction.currentPriceFen : null,
          hashHead: auction.hashHead,
          bidCount: auction.seq,
          closedAt: auction.closedAt!,
          endsAt: auction.endsAt,
        });
      }
    } catch (err) {
      this.log.warn({ err, auctionId: room.auctionId }, 'live heartbeat could not read the auction');
    }
  }

  // ---- Sending ----

  send(client: LiveClient, message: ServerMessage): boolean {
    return sendMessage(client, message);
  }
}
