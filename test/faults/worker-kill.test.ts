// Fault: the worker (the real `start.ts worker` process, on a private Redis and this file's database)
// is killed with SIGKILL while deadline jobs are running, then restarted, while the api serves a steady
// stream of requests. Some jobs had committed, some were inside their transaction: every deadline's
// effect (the transition, its audit row, its outbox event, the parties' notifications) happens exactly
// once, and no request of the stream fails.
import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../domain/timers.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, waitFor } from '../helpers/lifecycle.js';
import { ProductProcess } from '../helpers/processes.js';
import { PrivateRedis } from '../helpers/redis-server.js';

const N = 6;
/** Listings whose job is held inside its transaction (a row lock of the test's) when the worker dies. */
const HELD = 3;

let server: PrivateRedis;
let t: TestContext;
let worker: ProductProcess;
let timers: Queue;
let institution: Session;
const ids: string[] = [];

beforeAll(async () => {
  server = await PrivateRedis.start();
  // Deadlines an hour ahead (the test brings them forward) and no reconciler pass but the one at start.
  const env = {
    REDIS_URL: server.url,
    NOTICE_PERIOD: 'PT1H',
    TIMER_RECONCILE_INTERVAL: 'PT1H',
    REGISTER_RATE_LIMIT: '1000',
  };
  t = await setupTestApp(env);
  const starting = ProductProcess.start('worker', {
    ...env,
    DATABASE_URL: t.config.databaseUrl,
    REDIS_PREFIX: t.config.redisPrefix,
    // Its timer reconciler's passes are logged at debug: the test waits for the one at start.
    LOG_LEVEL: 'debug',
  });
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  const counterparty = await verifiedMember(t.app, operator, 'enterprise');
  // 措施四: a negotiated price with a named counterparty goes under public notice first.
  const negotiated = {
    pricingMode: 'negotiated',
    priceFen: 12_000_000,
    transactionTypes: ['transfer'],
    counterpartyOrgId: counterparty.orgId,
  };
  for (let i = 0; i < N; i++) {
    const l = await approvedSupply(t.app, institution, operator, negotiated);
    if (l.status !== 'notice') throw new Error(`expected notice, got ${l.status}`);
    ids.push(l.id);
  }
  worker = await starting;
  // The reconciler's pass at start runs after readiness; on a loaded machine it could still be reading
  // the listings when the test brings their deadlines forward, and fire them itself (a CI run beside
  // another saw a job no longer delayed). The test moves time only once that pass is over.
  await worker.printed(/"reconciler":"timers"/);
  timers = new Queue('timers', {
    connection: createRedis(server.url, { forBullmq: true }),
    prefix: t.config.redisPrefix,
  });
}, 600_000);

afterAll(async () => {
  await worker?.kill();
  await timers?.close();
  await t?.close();
  await server?.stop();
});

const jobOf = (id: string) => timers.getJob(timerJobId('notice_end', id));

async function count(query: ReturnType<typeof sql>): Promise<number> {
  return (await t.database.db.execute<{ n: number }>(query)).rows[0]!.n;
}

describe('worker killed mid-job and restarted', () => {
  it("makes each deadline's effect happen exactly once", async () => {
    // The steady stream: writes and reads through the api for the whole test; all must succeed.
    let streaming = true;
    const failures: string[] = [];
    let requests = 0;
    const stream = (async () => {
      const inst = as(t.app, institution);
      while (streaming) {
        try {
          const res = await (requests % 2 === 0
            ? inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })
            : t.app.inject({ method: 'GET', url: '/api/v1/stats' }));
          requests++;
          if (res.statusCode >= 300) failures.push(`${res.statusCode} ${res.body}`);
        } catch (err) {
          // The app closed under the stream (a failed test's teardown): stop, and say so.
          failures.push(String(err));
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // The relay scheduled every deadline's job (an hour ahead).
    await waitFor(
      async () =>
        (await Promise.all(ids.map(async (id) => (await jobOf(id))?.getState()))).filter((s) => s === 'delayed'),
      (delayed) => delayed.length === N,
      300_000,
    );

    // Time passes: every deadline is now (the jobs still wait an hour; no reconciler pass runs).
    await t.database.db.execute(
      sql`update listings set notice_ends_at = clock_timestamp() where id = any(${sql.param(ids)}::uuid[])`,
    );
    // Half the listings are then locked by the test (after the update, which would wait for the lock),
    // so their jobs will sit inside fireTimer's transaction.
    const locker = new pg.Client({ connectionString: t.config.databaseUrl });
    // Should the test fail while it holds the lock, the teardown's drop of the database ends this
    // connection: that is not a second error.
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('begin');
    await locker.query('select id from listings where id = any($1::uuid[]) for update', [ids.slice(0, HELD)]);

    // Every job is due.
    for (const id of ids) await (await jobOf(id))!.promote();

    // The free ones committed; the held ones are running (active, blocked on the lock).
    await waitFor(
      () =>
        count(
          sql`select count(*)::int as n from listings where id = any(${sql.param(ids.slice(HELD))}::uuid[]) and status <> 'notice'`,
        ),
      (n) => n === N - HELD,
      300_000,
    );
    await waitFor(
      async () => await Promise.all(ids.slice(0, HELD).map(async (id) => (await jobOf(id))?.getState())),
      (states) => states.every((s) => s === 'active'),
      300_000,
    );

    // SIGKILL mid-job, then the held transactions' locks go away; the dead worker's never commit.
    await worker.kill('SIGKILL');
    await locker.query('commit');
    await locker.end();
    expect(
      await count(
        sql`select count(*)::int as n from listings where id = any(${sql.param(ids.slice(0, HELD))}::uuid[]) and status = 'notice'`,
      ),
    ).toBe(HELD);

    // Restarted: its reconciler fires the overdue deadlines from PostgreSQL.
    await worker.restart();
    await waitFor(
      () =>
        count(
          sql`select count(*)::int as n from listings where id = any(${sql.param(ids)}::uuid[]) and status = 'notice'`,
        ),
      (n) => n === 0,
      300_000,
    );
    streaming = false;
    await stream;

    // Exactly once, per listing: one transition in the audit log, one outbox event, one notice per user.
    for (const id of ids) {
      expect(
        await count(sql`select count(*)::int as n from audit_log where target_id = ${id} and before_status = 'notice'`),
      ).toBe(1);
      expect(
        await count(
          sql`select count(*)::int as n from outbox where payload->>'listingId' = ${id} and payload->>'from' = 'notice'`,
        ),
      ).toBe(1);
      expect(
        await count(sql`select coalesce(max(n), 0)::int as n from (
          select count(*) as n from notifications where listing_id = ${id} and kind = 'notice_ended' group by user_id) c`),
      ).toBe(1);
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(0);
  }, 600_000);
});
