// Fault: the deployment's Redis (a private redis-server of this file) stops and comes back empty
// while the api serves and the outbox relay runs. Nothing committed may be lost: outbox rows written
// or claimed during the outage are published once Redis is back, never marked before; login keeps
// working on the in-process limiter; bids answer 503 with Retry-After over HTTP and the websocket;
// reads and ordinary writes keep working.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../../platform/outbox.js';
import { emit } from '../../platform/audit.js';
import { dependencyHealth, type DependencyHealth } from '../../platform/dependency-health.js';
import { eventsChannel, relayBatch, startOutboxRelay } from '../../platform/outbox.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, registerBidders, startNow } from '../helpers/auctions.js';
import { as, createOperator, PASSWORD, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { Watcher } from '../helpers/live.js';
import { PrivateRedis } from '../helpers/redis-server.js';
import { pino } from 'pino';

let server: PrivateRedis;
let t: TestContext;
let relayRedis: Redis;
let subscriber: Redis;
const received = new Set<number>();
let auctionId: string;
let bidders: Array<Session & { alias: string }>;
let institution: Session;
let host: string;

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function unpublished(ids: number[]): Promise<number> {
  const r = await t.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from outbox where published_at is null and id = any(${sql.param(ids)}::bigint[])`,
  );
  return r.rows[0]!.n;
}

async function emitEvents(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    await t.database.db.transaction((tx) => emit(tx, 'fault.probe', { n: i, key: randomUUID() }));
  }
  const r = await t.database.db.execute<{ id: string }>(
    sql`select id from outbox where topic = 'fault.probe' order by id desc limit ${n}`,
  );
  for (const row of r.rows) ids.push(Number(row.id));
  return ids;
}

beforeAll(async () => {
  server = await PrivateRedis.start();
  t = await setupTestApp({
    REDIS_URL: server.url,
    AUCTION_START_LEAD: 'PT1H',
    REGISTER_RATE_LIMIT: '1000',
    BID_RATE_LIMIT: '10000',
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  host = `127.0.0.1:${address.port}`;
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  bidders = await registerBidders(t.app, operator, auctionId, 2);
  await startNow(t.database.db, auctionId, 10 * 60_000, t.app.auctionSignals);
  // Everything written so far is published before the outage starts.
  await relayBatch(t.database.db, t.redis, t.config.redisPrefix, 10_000);

  relayRedis = createRedis(server.url);
  // The listener reconnects quickly, so it is subscribed again before the relay's backoff ends.
  subscriber = createRedis(server.url);
  subscriber.options.retryStrategy = () => 20;
  subscriber.on('message', (_c: string, raw: string) => received.add((JSON.parse(raw) as PublishedEvent).id));
  await subscriber.subscribe(eventsChannel(t.config.redisPrefix));
});

afterAll(async () => {
  await server.restart().catch(() => undefined); // already running when the test passed
  subscriber?.disconnect();
  relayRedis?.disconnect();
  await t?.close();
  await server?.stop();
});

describe('Redis stopped and restarted empty', () => {
  it('loses no outbox event, keeps login and reads, and refuses bids with 503 while down', async () => {
    const member = new Watcher(`ws://${host}/api/v1/auctions/${auctionId}/live`, bidders[0]!.cookie);
    const snap = await member.connect();
    const relayState: DependencyHealth = dependencyHealth('outbox relay', pino({ level: 'silent' }));
    let relayFailures = 0;
    const counting: DependencyHealth = {
      name: relayState.name,
      get down() {
        return relayState.down;
      },
      failed: (err, c) => (relayFailures++, relayState.failed(err, c)),
      recovered: () => relayState.recovered(),
    };

    await server.stop();
    await waitFor('the api to see Redis down', () => t.redis.status !== 'ready');

    // Events committed during the outage, and a relay pass that tries to publish them.
    const during = await emitEvents(20);
    const pass = await relayBatch(t.database.db, t.redis, t.config.redisPrefix, 10_000);
    expect(pass.published).toBe(0);
    expect(await unpublished(during)).toBe(during.length);

    // The relay loop, running through the outage, marks nothing either.
    const relay = startOutboxRelay(t.database.db, relayRedis, t.config.redisPrefix, { health: counting });
    await waitFor('the relay to retry', () => relayFailures >= 3);
    expect(await unpublished(during)).toBe(during.length);

    // Login: the in-process limiter, not a 500.
    const loggedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: bidders[1]!.email, password: PASSWORD },
    });
    expect(loggedIn.statusCode).toBe(200);

    // Reads and ordinary writes keep working.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stats' })).statusCode).toBe(200);
    const created = await as(t.app, institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    expect(created.statusCode).toBe(201);

    // Bids: 503 with Retry-After over HTTP, UNAVAILABLE over the websocket, nothing written.
    const bid = await as(
      t.app,
      bidders[1]!,
    )({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/bids`,
      payload: { amount: snap.auction.nextMinimumFen, idempotencyKey: randomUUID() },
    });
    expect(bid.statusCode).toBe(503);
    expect(bid.headers['retry-after']).toBe('5');
    expect(bid.json()).toMatchObject({ error: { code: 'UNAVAILABLE' }, requestId: expect.any(String) });
    member.send({ type: 'bid', amount: snap.auction.nextMinimumFen, idempotencyKey: 'fault-ws-000001' });
    expect(await member.waitFor((m) => m.type === 'bidResult')).toMatchObject({
      accepted: false,
      error: { code: 'UNAVAILABLE', details: { retryAfter: 5 } },
    });
    const bids = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from bids where auction_id = ${auctionId}`,
    );
    expect(bids.rows[0]!.n).toBe(snap.seq);

    // Back, empty: every event of the outage is delivered, and bidding resumes.
    await server.restart();
    await waitFor('every outage event delivered', async () => during.every((id) => received.has(id)));
    expect(await unpublished(during)).toBe(0);
    await waitFor('the api to see Redis back', () => t.redis.status === 'ready');
    const after = await as(
      t.app,
      bidders[1]!,
    )({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/bids`,
      payload: { amount: snap.auction.nextMinimumFen, idempotencyKey: randomUUID() },
    });
    expect(after.statusCode).toBe(201);
    await member.waitForSeq(snap.seq + 1);
    expect(member.gaps).toEqual([]);
    member.close();
    await relay.stop();
  });
});
