// Auction timers against real Redis/BullMQ (DESIGN §3): the worker starts and closes an auction
// created at approval on its own; the reconciler re-adds wake-ups lost with Redis; a close job
// delivered many times at once closes once.
import { sql } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSignals } from '../../server/auctions/signals.js';
import { processAuctionJob, reconcileAuctionTimers } from '../../workers/auctions.js';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import { auctionJobId, createQueues, closeQueues, type JobPayloads, type Queues } from '../../platform/queues.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, setEnd, startNow } from '../helpers/auctions.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1S', AUCTION_DURATION: 'PT2S', AUCTION_SWEEP_INTERVAL: 'PT1S' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

const count = async (q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute<{ n: number }>(q)).rows[0] as { n: number }).n;

describe('auction timers', () => {
  it('start and close an auction created at approval without anyone calling them', async () => {
    const workers: WorkerHandle = await startWorkers(t.config, t.database.db, t.redis);
    try {
      const { listingId, auctionId } = await auctionListing(t.app, institution, operator);
      // The real start and close (1 s lead, 2 s long) are awaited as states, with a generous bound.
      const deadline = Date.now() + 90_000;
      let status = 'scheduled';
      while (Date.now() < deadline && status !== 'unsold') {
        await new Promise((r) => setTimeout(r, 250));
        status = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction.status;
      }
      expect(status).toBe('unsold');
      expect((await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listingId}` })).json().status).toBe(
        'unsold',
      );
      expect(
        await count(
          sql`select count(*)::int as n from audit_log where target_id = ${auctionId} and action in ('auction.start', 'auction.close')`,
        ),
      ).toBe(2);
    } finally {
      await workers.stop();
    }
  });

  it('re-adds lost wake-up jobs from PostgreSQL, moving a delayed one rather than duplicating it', async () => {
    const bull = createRedis(t.config.redisUrl, { forBullmq: true });
    const queues: Queues = createQueues(bull, t.config.redisPrefix, () => {
      // Redis is up here; a failure would reject the operations below.
    });
    try {
      const { auctionId } = await auctionListing(t.app, institution, operator);
      await t.database.db.execute(
        sql`update auctions set starts_at = clock_timestamp() + interval '1 hour', initial_ends_at = clock_timestamp() + interval '2 hours', ends_at = clock_timestamp() + interval '2 hours' where id = ${auctionId}`,
      );
      // As after a Redis flush: no job at all.
      await queues.auctions.obliterate({ force: true });
      await reconcileAuctionTimers(t.database.db, queues.auctions);
      const start = await queues.auctions.getJob(auctionJobId('start', auctionId));
      expect(start).toBeDefined();
      expect(await start!.getState()).toBe('delayed');
      expect(start!.delay).toBeGreaterThan(59 * 60_000);
      // Run again: still one job, its delay moved to the (unchanged) start.
      await reconcileAuctionTimers(t.database.db, queues.auctions);
      const delayed = await queues.auctions.getDelayed();
      expect(delayed.filter((j) => j.id === auctionJobId('start', auctionId))).toHaveLength(1);
    } finally {
      await queues.auctions.obliterate({ force: true });
      await closeQueues(queues);
      await bull.quit();
    }
  });

  it('closes once when the close job is delivered many times at once', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    await startNow(t.database.db, auctionId, 60_000);
    await setEnd(t.database.db, auctionId, -1);
    const job = { data: { action: 'close', auctionId } } as unknown as Job<JobPayloads['auctions']>;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => processAuctionJob(t.database.db, noSignals, undefined as never, job, undefined)),
    );
    expect(results.filter((r) => (r as { closed: boolean }).closed)).toHaveLength(1);
    expect(
      await count(
        sql`select count(*)::int as n from outbox where topic = 'auction.closed' and payload->>'auctionId' = ${auctionId}`,
      ),
    ).toBe(1);
  });
});
