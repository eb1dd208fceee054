// Two api instances on different ports share PostgreSQL and the Redis prefix (DESIGN §10): a bid
// accepted by one reaches websocket watchers on the other, and every watcher's stream is a gap-free
// prefix of the stored log — also after a forced reconnect, and when a publish is lost.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberActor } from '../../domain/actor.js';
import { buildApp } from '../../server/app.js';
import { AuctionHub } from '../../server/auctions/hub.js';
import { MAX_BUFFERED_BYTES, type LiveClient } from '../../server/auctions/live-room.js';
import { auctionLiveChannel, noSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
import { placeBid } from '../../server/auctions/bidding.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, bidOf, registerBidders, setEnd, startNow } from '../helpers/auctions.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { waitFor } from '../helpers/lifecycle.js';
import { Watcher } from '../helpers/live.js';
import { redisHealth } from '../../platform/redis.js';

let t: TestContext;
let other: FastifyInstance;
let otherRedis: Redis;
let urlA: string;
let urlB: string;
let auctionId: string;
let bidders: Array<Session & { alias: string }>;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `127.0.0.1:${address.port}`;
}

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', REGISTER_RATE_LIMIT: '1000', BID_RATE_LIMIT: '10000' });
  otherRedis = createRedis(t.config.redisUrl);
  other = await buildApp({ config: t.config, db: t.database.db, redis: otherRedis, pluginTimeoutMs: 180_000 });
  await other.ready();
  urlA = await listen(t.app);
  urlB = await listen(other);
  await Promise.all([t.app.auctionHub.subscribed, other.auctionHub.subscribed]);
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  bidders = await registerBidders(t.app, operator, auctionId, 4);
  await startNow(t.database.db, auctionId, 10 * 60_000);
});

afterAll(async () => {
  await other?.close();
  await otherRedis?.quit();
  await t.close();
});

const roomUrl = (host: string) => `ws://${host}/api/v1/auctions/${auctionId}/live`;

async function storedLog() {
  const rows = await t.database.db.execute<{ seq: number; bidder: string; amount: string; hash: string }>(
    sql`select seq, bidder, amount_fen as amount, hash from bids where auction_id = ${auctionId} order by seq`,
  );
  return rows.rows.map((r) => ({ seq: r.seq, bidder: r.bidder, amount: Number(r.amount), hash: r.hash }));
}

function expectPrefixOfLog(w: Watcher, log: Awaited<ReturnType<typeof storedLog>>) {
  expect(w.gaps).toEqual([]);
  const got = w.applied.map((b) => ({ seq: b.seq, bidder: b.bidder, amount: b.amount, hash: b.hash }));
  expect(got).toEqual(log.slice(0, got.length));
}

describe('live auction rooms across two api instances', () => {
  it('sends a snapshot with the server time and the auction by alias only', async () => {
    const w = new Watcher(roomUrl(urlB));
    const snap = await w.connect();
    expect(snap.seq).toBe(0);
    expect(Math.abs(Date.parse(snap.serverTime) - Date.now())).toBeLessThan(2_000);
    expect(snap.auction).toMatchObject({ id: auctionId, status: 'live', seq: 0 });
    expect(snap.you).toBeNull();
    expect(JSON.stringify(snap)).not.toContain(bidders[0]!.orgId);
    w.close();
  });

  it('delivers bids accepted on one instance to watchers on both, in order and gap-free, also after a reconnect', async () => {
    const onA = new Watcher(roomUrl(urlA));
    const onB = new Watcher(roomUrl(urlB));
    const dropping = new Watcher(roomUrl(urlB));
    await Promise.all([onA.connect(), onB.connect(), dropping.connect()]);
    const start = onB.lastSeq;

    const viaA = bidders.map((b) => bidOf(t.app, b, auctionId));
    const viaB = bidders.map((b) => bidOf(other, b, auctionId));
    let { nextMinimumFen: min, leader } = (
      await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })
    ).json().auction as { nextMinimumFen: number; leader: string | null };
    const ROUNDS = 40;
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate bidders and instances; every second round two bidders race on the two instances.
      const others = bidders.map((_, k) => k).filter((k) => bidders[k]!.alias !== leader);
      const who = others[i % others.length]!;
      const rival = others[(i + 1) % others.length]!;
      const first = (i % 2 === 0 ? viaA : viaB)[who]!(min);
      const racing = i % 2 === 1 ? (i % 4 === 1 ? viaA : viaB)[rival]!(min) : null;
      const results = await Promise.all([first, racing].filter((x) => x !== null));
      const ok = results.filter((r) => r.statusCode === 201);
      expect(ok.length).toBe(1);
      min = ok[0]!.json().nextMinimumFen;
      leader = ok[0]!.json().bid.bidder;
      if (i === 15) dropping.drop();
      if (i === 25) await dropping.connect(true);
    }
    const log = await storedLog();
    const last = log.at(-1)!.seq;
    expect(last - start).toBeGreaterThanOrEqual(ROUNDS);
    await Promise.all([onA.waitForSeq(last), onB.waitForSeq(last), dropping.waitForSeq(last)]);
    for (const w of [onA, onB, dropping]) expectPrefixOfLog(w, log.slice(start));
    // The reconnected watcher got the bids it missed replayed first, then the live stream.
    expect(dropping.applied.map((b) => b.seq)).toEqual(log.slice(start).map((b) => b.seq));
    for (const w of [onA, onB, dropping]) w.close();
  });

  it('fills a bid whose publish was lost from the bid log, before the next one', async () => {
    const w = new Watcher(roomUrl(urlB));
    await w.connect();
    const actor = (s: Session): MemberActor => ({
      type: 'member',
      userId: s.userId,
      orgId: s.orgId,
      orgKind: 'enterprise',
      orgVerification: 'verified',
    });
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    const leaderIdx = bidders.findIndex((b) => b.alias === current.leader);
    const [x, y] = [bidders[(leaderIdx + 1) % 4]!, bidders[(leaderIdx + 2) % 4]!];
    // Committed, but never published (as if the api died right after the commit).
    const silent = await placeBid(t.ctx, noSignals, actor(x), auctionId, {
      amountFen: current.nextMinimumFen,
      idempotencyKey: `silent-${Date.now()}`,
    });
    expect(silent.accepted).toBe(true);
    const loud = await placeBid(t.ctx, t.app.auctionSignals, actor(y), auctionId, {
      amountFen: current.nextMinimumFen + current.incrementFen,
      idempotencyKey: `loud-${Date.now()}`,
    });
    expect(loud.accepted).toBe(true);
    if (!loud.accepted) return;
    await w.waitForSeq(loud.bid.seq);
    expectPrefixOfLog(w, (await storedLog()).slice(current.seq));
    w.close();
  });

  it('takes bids over the websocket from participants only, with the same answers as HTTP', async () => {
    const [p] = bidders;
    const member = new Watcher(roomUrl(urlB), p!.cookie);
    const anonymous = new Watcher(roomUrl(urlB));
    const snap = await member.connect();
    await anonymous.connect();
    expect(snap.you).toMatchObject({ alias: p!.alias });

    anonymous.send({ type: 'bid', amount: snap.auction.nextMinimumFen, idempotencyKey: 'anon-key-0001' });
    const anonAnswer = await anonymous.waitFor((m) => m.type === 'bidResult');
    expect(anonAnswer).toMatchObject({ accepted: false, error: { code: 'UNAUTHENTICATED' } });

    if (snap.auction.leader === p!.alias) {
      member.send({ type: 'bid', amount: snap.auction.nextMinimumFen, idempotencyKey: 'ws-key-000001' });
      expect(await member.waitFor((m) => m.type === 'bidResult')).toMatchObject({
        accepted: false,
        error: { code: 'ALREADY_LEADING', message: '您已是最高出价者' },
      });
      return;
    }
    member.send({ type: 'bid', amount: snap.auction.nextMinimumFen - 1, idempotencyKey: 'ws-key-000002' });
    expect(await member.waitFor((m) => m.type === 'bidResult')).toMatchObject({
      accepted: false,
      error: { code: 'BID_TOO_LOW', message: '出价过低' },
    });
    member.send({ type: 'bid', amount: snap.auction.nextMinimumFen, idempotencyKey: 'ws-key-000003' });
    const ok = await member.waitFor((m) => m.type === 'bidResult' && m.idempotencyKey === 'ws-key-000003');
    expect(ok).toMatchObject({ accepted: true, bid: { seq: snap.seq + 1, bidder: p!.alias } });
    // Both the answer and the broadcast reach the bidder; watchers see the broadcast.
    await anonymous.waitForSeq(snap.seq + 1);

    member.send({ type: 'ping', clientTime: 42 });
    expect(await member.waitFor((m) => m.type === 'pong')).toMatchObject({ clientTime: 42 });
    member.send('not json');
    expect(await member.waitFor((m) => m.type === 'error')).toMatchObject({ error: { code: 'MALFORMED_REQUEST' } });
    member.close();
    anonymous.close();
  });

  it('cuts off a socket whose send buffer is over the bound (it recovers by reconnecting)', async () => {
    let terminated = false;
    const slow = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: MAX_BUFFERED_BYTES + 1,
      send: () => {
        throw new Error('must not queue more for a slow socket');
      },
      terminate: () => {
        terminated = true;
      },
    };
    await t.app.auctionHub.join(auctionId, {
      socket: slow as unknown as LiveClient['socket'],
      actor: null,
      you: null,
      sentSeq: 0,
      catchingUp: false,
      alive: true,
    });
    expect(terminated).toBe(true);
  });

  it("pushes a bid to its own instance's watchers without the trip through Redis, and only once", async () => {
    const subscriber = (t.app.auctionHub as unknown as { subscriber: Redis }).subscriber;
    const channel = auctionLiveChannel(t.config.redisPrefix);
    const w = new Watcher(roomUrl(urlA));
    await w.connect();
    const bidOnA = async () => {
      const current = (await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
      const next = bidders.find((b) => b.alias !== current.leader)!;
      const res = await bidOf(t.app, next, auctionId)(current.nextMinimumFen);
      expect(res.statusCode).toBe(201);
      return res.json().bid.seq as number;
    };
    // A's pub/sub is cut: only the direct hand-over can bring the bid before the next heartbeat re-read.
    await subscriber.unsubscribe(channel);
    try {
      const seq = await bidOnA();
      await w.waitForSeq(seq, 1_000);
    } finally {
      await subscriber.subscribe(channel);
    }
    // With pub/sub back, the instance's own copy from Redis arrives too and is dropped. This listener
    // runs after the hub's (which handles a message synchronously), so once it has seen the copy the
    // hub has dealt with it.
    const copies: number[] = [];
    const seen = (_channel: string, raw: string) => {
      const env = JSON.parse(raw) as { auctionId: string; message: { type: string; seq?: number } };
      if (env.auctionId === auctionId && env.message.type === 'bid') copies.push(env.message.seq!);
    };
    subscriber.on('message', seen);
    let seq: number;
    try {
      seq = await bidOnA();
      await w.waitForSeq(seq);
      await waitFor(
        async () => copies,
        (c) => c.includes(seq),
      );
    } finally {
      subscriber.off('message', seen);
    }
    // A later bid reaches the socket after anything the hub sent for the copy (a socket is ordered).
    await w.waitForSeq(await bidOnA());
    expect(w.received.filter((m) => m.type === 'bid' && m.seq === seq)).toHaveLength(1);
    expect(w.gaps).toEqual([]);
    w.close();
  });

  it('beats a room in turns spread over the heartbeat, each socket once per heartbeat', async () => {
    // A hub of its own, not started: its turns run only when the test says.
    const hub = new AuctionHub(t.database.db, t.redis, t.config.redisPrefix, t.app.log, redisHealth());
    const pings: number[][] = [];
    const sockets = Array.from({ length: 50 }, (_, i) => ({
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      send: () => {},
      ping: () => pings.at(-1)!.push(i),
      terminate: () => {},
      close: () => {},
    }));
    try {
      for (const socket of sockets) {
        await hub.join(auctionId, {
          socket: socket as unknown as LiveClient['socket'],
          actor: null,
          you: null,
          sentSeq: 0,
          catchingUp: false,
          alive: true,
        });
      }
      const tick = () => (hub as unknown as { tick(): Promise<void> }).tick();
      for (let turn = 0; turn < 10; turn++) {
        pings.push([]);
        await tick();
      }
      expect(pings.map((p) => p.length)).toEqual(Array(10).fill(5));
      expect(pings.flat().sort((a, b) => a - b)).toEqual(sockets.map((_, i) => i));
    } finally {
      await hub.stop();
    }
  });

  it('announces an extension and the close to every watcher, and refuses unknown auctions', async () => {
    // The test moves the end behind the rooms' backs, so it lets the rooms empty and reload first.
    await setEnd(t.database.db, auctionId, 60_000);
    while (t.app.auctionHub.watchers(auctionId) + other.auctionHub.watchers(auctionId) > 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const onA = new Watcher(roomUrl(urlA));
    const onB = new Watcher(roomUrl(urlB));
    await Promise.all([onA.connect(), onB.connect()]);
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    const next = bidders.find((b) => b.alias !== current.leader)!;
    const res = await bidOf(other, next, auctionId)(current.nextMinimumFen);
    expect(res.statusCode).toBe(201);
    const ext = await onA.waitFor((m) => m.type === 'extended');
    expect(ext).toMatchObject({ seq: res.json().bid.seq, endsAt: res.json().bid.endsAt });

    await setEnd(t.database.db, auctionId, -1);
    const closed = await closeAuction(t.database.db, t.app.auctionSignals, auctionId);
    expect(closed.closed).toBe(true);
    for (const w of [onA, onB]) {
      const m = await w.waitFor((x) => x.type === 'closed');
      expect(m).toMatchObject({ result: { status: 'closed', result: 'sold', winner: next.alias } });
      w.close();
    }

    const nowhere = new Watcher(`ws://${urlB}/api/v1/auctions/00000000-0000-4000-8000-000000000000/live`);
    await expect(nowhere.connect()).rejects.toThrow();
    expect(nowhere.received[0]).toMatchObject({ type: 'error', error: { code: 'AUCTION_NOT_FOUND' } });
  });
});
