// Fault: the deployment's Redis (a private redis-server of this file) stops for about 10 s and comes
// back empty while the api serves a steady stream of bids, the worker runs its timers and the
// outbox relay runs. Nothing committed may be lost: every bid answered 201 is in the record and
// reached the live watchers in seq order (a watcher that lost its socket resumes by seq); every
// notice deadline — those falling due during the outage and those set during it — fires exactly
// once; outbox rows written or claimed during the outage are published once Redis is back, never
// marked before. Login keeps working on the in-process limiter; bids answer 503 with Retry-After
// over HTTP and the websocket; reads and ordinary writes keep working.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../../platform/outbox.js';
import { emit } from '../../platform/audit.js';
import { dependencyHealth, type DependencyHealth } from '../../platform/dependency-health.js';
import { eventsChannel, relayBatch, startOutboxRelay } from '../../platform/outbox.js';
import { createRedis } from '../../platform/redis.js';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, registerBidders, startNow } from '../helpers/auctions.js';
import { as, createOperator, PASSWORD, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply } from '../helpers/lifecycle.js';
import { Watcher } from '../helpers/live.js';
import { PrivateRedis } from '../helpers/redis-server.js';

/** How long Redis stays down (at least; longer if the deadlines due in it have not fired yet). */
const OUTAGE_MS = 10_000;
/** Notices approved before the outage (their jobs then lost with Redis) and during it (scheduled from the backlog). */
const BEFORE = 3;
const DURING = 2;

let server: PrivateRedis;
let t: TestContext;
let worker: WorkerHandle;
let relayRedis: Redis;
let subscriber: Redis;
const received = new Set<number>();
const fired = new Map<string, number>();
let auctionId: string;
let bidders: Array<Session & { alias: string }>;
let institution: Session;
let operator: Session;
let counterparty: Session;
let host: string;

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  return (await t.database.db.execute<{ n: number }>(query)).rows[0]!.n;
}

async function unpublished(ids: number[]): Promise<number> {
  return count(
    sql`select count(*)::int as n from outbox where published_at is null and id = any(${sql.param(ids)}::bigint[])`,
  );
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

/** A notice (措施四: negotiated price, named counterparty) approved through the api; ends NOTICE_PERIOD later. */
async function notice(): Promise<string> {
  const l = await approvedSupply(t.app, institution, operator, {
    pricingMode: 'negotiated',
    priceFen: 12_000_000,
    transactionTypes: ['transfer'],
    counterpartyOrgId: counterparty.orgId,
  });
  if (l.status !== 'notice') throw new Error(`expected notice, got ${l.status}`);
  return l.id;
}

beforeAll(async () => {
  server = await PrivateRedis.start();
  t = await setupTestApp({
    REDIS_URL: server.url,
    AUCTION_START_LEAD: 'PT1H',
    REGISTER_RATE_LIMIT: '1000',
    BID_RATE_LIMIT: '100000',
    // Real deadlines a few seconds out, and a reconciler every second: what the outage must not break.
    NOTICE_PERIOD: 'PT4S',
    TIMER_RECONCILE_INTERVAL: 'PT1S',
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  host = `127.0.0.1:${address.port}`;
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  counterparty = await verifiedMember(t.app, operator, 'enterprise');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  bidders = await registerBidders(t.app, operator, auctionId, 2);
  await startNow(t.database.db, auctionId, 30 * 60_000, t.app.auctionSignals);
  // Everything written so far is published before the outage starts.
  await relayBatch(t.database.db, t.redis, t.config.redisPrefix, 10_000);

  relayRedis = createRedis(server.url);
  // The listener reconnects quickly (the test checks it is subscribed before releasing the backlog).
  subscriber = createRedis(server.url);
  subscriber.options.retryStrategy = () => 20;
  subscriber.on('message', (_c: string, raw: string) => received.add((JSON.parse(raw) as PublishedEvent).id));
  await subscriber.subscribe(eventsChannel(t.config.redisPrefix));
  // The real worker: timers, the relay, the reconciler; every committed deadline transition counted.
  worker = await startWorkers(t.config, t.database.db, t.redis, {
    logger: pino({ level: 'silent' }),
    onTimerFired: (_kind, listingId) => fired.set(listingId, (fired.get(listingId) ?? 0) + 1),
  });
}, 600_000);

afterAll(async () => {
  await server.restart().catch(() => undefined); // already running when the test passed
  await worker?.stop();
  subscriber?.disconnect();
  relayRedis?.disconnect();
  await t?.close();
  await server?.stop();
});

describe('Redis stopped for ~10 s and restarted empty', () => {
  it('loses no bid, deadline or outbox event, keeps login and reads, and refuses bids with 503 while down', async () => {
    const member = new Watcher(`ws://${host}/api/v1/auctions/${auctionId}/live`, bidders[0]!.cookie);
    const dropped = new Watcher(`ws://${host}/api/v1/auctions/${auctionId}/live`);
    const snap = await member.connect();
    await dropped.connect();
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

    // Deadlines that fall due during the outage: their jobs are scheduled, then lost with Redis.
    const dueDuring: string[] = [];
    for (let i = 0; i < BEFORE; i++) dueDuring.push(await notice());
    // Scheduled (or, on a slow machine, already fired: a completed job is removed at once).
    await waitFor('their jobs scheduled', async () => {
      const jobs = await Promise.all(dueDuring.map((id) => worker.queues.timers.getJob(`notice-end-${id}`)));
      return jobs.every((j, i) => j || fired.has(dueDuring[i]!));
    });

    // The steady stream of bids over HTTP: 201 while Redis is up, 503 with Retry-After while down.
    let bidding = true;
    const acceptedSeqs: number[] = [];
    const unclean: string[] = [];
    let refused503 = 0;
    let next = snap.auction.nextMinimumFen;
    const stream = (async () => {
      // The turn passes only when a bid is accepted: the leader may not outbid itself (ALREADY_LEADING).
      for (let turn = 0; bidding;) {
        const res = await as(
          t.app,
          bidders[turn % 2]!,
        )({
          method: 'POST',
          url: `/api/v1/auctions/${auctionId}/bids`,
          payload: { amount: next, idempotencyKey: randomUUID() },
        });
        if (res.statusCode === 201) {
          turn++;
          acceptedSeqs.push(res.json().bid.seq);
          next = res.json().nextMinimumFen;
        } else if (res.statusCode === 503 && res.headers['retry-after']) refused503++;
        else unclean.push(`${res.statusCode} ${res.body}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await waitFor('bids accepted before the outage', () => acceptedSeqs.length >= 3);

    const stoppedAt = Date.now();
    await server.stop();
    await waitFor('the api to see Redis down', () => t.redis.status !== 'ready');
    dropped.drop();

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

    // Reads and ordinary writes keep working: approvals too, whose deadlines are set now.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stats' })).statusCode).toBe(200);
    const created = await as(t.app, institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    expect(created.statusCode).toBe(201);
    const setDuring: string[] = [];
    for (let i = 0; i < DURING; i++) setDuring.push(await notice());

    // The websocket refuses bids with UNAVAILABLE; nothing written.
    member.send({ type: 'bid', amount: next, idempotencyKey: 'fault-ws-000001' });
    expect(await member.waitFor((m) => m.type === 'bidResult')).toMatchObject({
      accepted: false,
      error: { code: 'UNAVAILABLE', details: { retryAfter: 5 } },
    });

    // Deadlines due during the outage fire from PostgreSQL (the reconciler), Redis or not.
    await waitFor('the deadlines due in the outage fired', () => dueDuring.every((id) => fired.has(id)));
    await waitFor('bids refused while down', () => refused503 >= 3);
    const atRestart = await t.database.db.execute<{ id: string }>(
      sql`select id from outbox where published_at is null order by id`,
    );
    const backlog = atRestart.rows.map((r) => Number(r.id));
    expect(backlog).toEqual(expect.arrayContaining(during));
    // The backlog is held (row locks) until the test's listener is subscribed again, so that
    // "received" below proves delivery rather than a race between two reconnects.
    const holder = new pg.Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select id from outbox where id = any($1::bigint[]) for update', [backlog]);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));

    // Back, empty.
    await server.restart();
    await waitFor('the listener subscribed again', async () => {
      if (subscriber.status !== 'ready') return false;
      const probe = -Math.floor(Math.random() * 1e9) - 1;
      const sent = await relayRedis.publish(eventsChannel(t.config.redisPrefix), JSON.stringify({ id: probe })).then(
        (n) => n > 0,
        () => false, // the publishing connection is still reconnecting: try again
      );
      if (sent) await new Promise((r) => setTimeout(r, 50));
      return received.has(probe);
    });
    await holder.query('commit');
    await holder.end();
    await waitFor('every backlog event delivered', () => backlog.every((id) => received.has(id)));
    // A row is marked after its own publish succeeded, so delivery comes first: wait for the marks.
    await waitFor('every backlog event marked published', async () => (await unpublished(backlog)) === 0);

    // Bidding resumes; the deadlines set during the outage fire once Redis and the relay are back.
    await waitFor('the api to see Redis back', () => t.redis.status === 'ready');
    const acceptedBefore = acceptedSeqs.length;
    await waitFor('bids accepted again', () => acceptedSeqs.length >= acceptedBefore + 3);
    await waitFor('the deadlines set during the outage fired', () => setDuring.every((id) => fired.has(id)));
    bidding = false;
    await stream;

    // Every deadline exactly once: one transition (counted, and in the audit log) per listing.
    const deadlines = [...dueDuring, ...setDuring];
    await worker.reconcileNow();
    for (const id of deadlines) {
      expect(fired.get(id), id).toBe(1);
      expect(
        await count(sql`select count(*)::int as n from audit_log where target_id = ${id} and before_status = 'notice'`),
      ).toBe(1);
    }
    // Every outbox row is published, the transitions' own events included; none is left behind.
    await waitFor(
      'the outbox drained',
      async () => (await count(sql`select count(*)::int as n from outbox where published_at is null`)) === 0,
    );
    await relay.stop();

    // Every accepted bid is in the record, and the record is exactly the accepted bids.
    expect(unclean).toEqual([]);
    const stored = await t.database.db.execute<{ seq: number }>(
      sql`select seq from bids where auction_id = ${auctionId} order by seq`,
    );
    expect(stored.rows.map((r) => r.seq)).toEqual([...acceptedSeqs].sort((a, b) => a - b));
    const last = stored.rows.at(-1)!.seq;
    // Live clients: the one that stayed got every bid in order; the one that lost its socket resumes by seq.
    await member.waitForSeq(last, 120_000);
    expect(member.gaps).toEqual([]);
    await dropped.connect(true);
    await dropped.waitForSeq(last, 120_000);
    expect(dropped.gaps).toEqual([]);
    expect(dropped.applied.map((b) => b.seq)).toEqual(member.applied.map((b) => b.seq));
    member.close();
    dropped.close();
    console.log(
      `redis outage: ${Date.now() - stoppedAt} ms; ${acceptedSeqs.length} bids accepted, ${refused503} refused 503; ` +
        `${deadlines.length} deadlines fired once; ${backlog.length} backlog events delivered`,
    );
  }, 600_000);
});
