// npm run bench:timers — deadline timers under load (issue "Listing lifecycle and timers", Measured).
//
// 1. Lateness: 1,000 public notices whose deadlines fall 3–5 s ahead are scheduled through the
//    production path (commit → outbox → relay → BullMQ delayed job → worker → fireTimer). Lateness is
//    deadline → transition committed (observed right after the commit). Target p99 ≤ 1 s. Two shapes:
//    spread over 5 s, and all at one instant (a burst: then lateness is mostly queueing behind the
//    other 999 transactions). Baseline, same run, per shape: another 1,000 deadlines fired by
//    in-process setTimeout calling the same fireTimer with the same concurrency — the cost of the
//    transitions themselves, without Redis and BullMQ.
// 2. Restore: 10,000 pending deadlines (1 h ahead); every key of this deployment's Redis prefix is
//    deleted (= FLUSHALL for this deployment, without disturbing anything else on the server), and
//    the reconciler restores them from PostgreSQL. Target ≤ 10 s. Baseline, same run: a bare BullMQ
//    addBulk of 10,000 delayed jobs (the Redis share of that work).
//
// Uses its own database (created and dropped) and a unique Redis prefix. Environment:
// BENCH_DATABASE_URL (an admin URL, default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDatabase, type Db } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { listings, memberships, organisations, outbox, results, users } from '../db/schema/index.js';
import { loadConfig } from '../platform/config.js';
import type { ServiceContext } from '../platform/context.js';
import { fireTimer } from '../server/lifecycle/timers.js';
import { startWorkers } from '../workers/main.js';
import type { TimerJobTiming } from '../workers/timers.js';
import { QUEUE_SETTINGS } from '../platform/queues.js';
import { createRedis } from '../platform/redis.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LATENESS_N = 1_000;
const RESTORE_N = 10_000;

function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
}

type Stats = ReturnType<typeof stats>;
/** One lateness measurement; `stages` splits a BullMQ run's lateness by where the time went. */
type Lateness = Stats & {
  complete: boolean;
  /** CPU time of this process (the worker and the bench) from the inserts to the last transition. */
  cpuMs: number;
  stages: { ahead: Stats; pickup: Stats; handler: Stats } | null;
};

function cpuOf(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

/** Runs at most `n` tasks at a time. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task: () => Promise<void>) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

async function seedOwner(db: Db): Promise<{ orgId: string; resultId: string }> {
  const [org] = await db
    .insert(organisations)
    .values({
      kind: 'institution',
      name: '基准测试大学',
      creditCode: `12210100BENCH${randomBytes(2).toString('hex').toUpperCase()}X`.slice(0, 18),
      region: 'shenyang',
      institutionType: 'university',
      affiliation: 'provincial',
      verificationStatus: 'verified',
    })
    .returning({ id: organisations.id });
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${randomBytes(4).toString('hex')}@bench.cn`, passwordHash: 'x', displayName: '基准' })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role: 'admin' });
  const [result] = await db
    .insert(results)
    .values({
      institutionId: org!.id,
      title: '基准成果',
      summary: '基准测试',
      field: 'new_materials',
      maturity: 'pilot',
    })
    .returning({ id: results.id });
  return { orgId: org!.id, resultId: result!.id };
}

/** Listings in public notice with the given deadlines; with `announce`, each also gets the outbox event approval writes. */
async function insertNotices(
  db: Db,
  owner: { orgId: string; resultId: string },
  deadlines: Date[],
  announce: boolean,
): Promise<Map<string, Date>> {
  const due = new Map<string, Date>();
  for (let i = 0; i < deadlines.length; i += 1_000) {
    const chunk = deadlines.slice(i, i + 1_000).map((noticeEndsAt) => ({ id: randomUUID(), noticeEndsAt }));
    await db.transaction(async (tx) => {
      await tx.insert(listings).values(
        chunk.map((c) => ({
          id: c.id,
          kind: 'supply' as const,
          organisationId: owner.orgId,
          resultId: owner.resultId,
          title: '基准公示项目',
          summary: '基准测试',
          field: 'new_materials' as const,
          region: 'shenyang' as const,
          status: 'notice' as const,
          pricingMode: 'negotiated' as const,
          // 普通许可: a general licence holds no exclusive right, so 1,000 listings may share one result
          // (措施四's one-exclusive-listing-per-result index, listings_result_exclusive_key).
          transactionTypes: ['license' as const],
          licenseScope: 'non_exclusive' as const,
          priceFen: 1_000_000,
          counterpartyName: '基准受让方',
          noticeEndsAt: c.noticeEndsAt,
          publishedAt: new Date(),
        })),
      );
      if (announce) {
        await tx
          .insert(outbox)
          .values(chunk.map((c) => ({ topic: 'listing.approve', payload: { listingId: c.id, to: 'notice' } })));
      }
    });
    for (const c of chunk) due.set(c.id, c.noticeEndsAt);
  }
  return due;
}

function spreadAhead(n: number, fromMs: number, spanMs: number): Date[] {
  const base = Date.now() + fromMs;
  return Array.from({ length: n }, (_, i) => new Date(base + Math.floor((i * spanMs) / n)));
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return done();
}

async function main(): Promise<void> {
  const name = `jiebang_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const database = createDatabase(dbUrl(name), 20);
  const redis = createRedis(REDIS_URL);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl(name),
    REDIS_URL,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    // Only the explicit reconciler runs below are measured.
    TIMER_RECONCILE_INTERVAL: 'PT1H',
    // The restore measurement is about timers; the benched deadlines (an hour ahead) get no reminders.
    REMINDER_LEAD: 'PT1M',
  });
  const ctx: ServiceContext = { db: database.db, config, now: () => new Date() };
  console.log(`timers bench — ${os.cpus().length} CPU, node ${process.version}, db ${name}, redis prefix ${prefix}`);

  try {
    await runMigrations(dbUrl(name));
    const owner = await seedOwner(database.db);

    // ---- 1. Lateness through the production path, beside the in-process baseline ----
    const fired = new Map<string, number>();
    const traced = new Map<string, TimerJobTiming>();
    const worker = await startWorkers(config, database.db, redis, {
      onTimerFired: (_kind, listingId, _result, job) => {
        fired.set(listingId, Date.now());
        if (job) traced.set(listingId, job);
      },
    });
    const concurrency = QUEUE_SETTINGS.timers.concurrency;
    const limit = limiter(concurrency);

    // Each measurement starts on an idle worker: the previous one's follow-ups (relay, search
    // indexing) are done, so they neither delay its deadlines nor count in its CPU time.
    async function settle() {
      for (;;) {
        // Indexing jobs only: the search reconciler's scheduler always has a run delayed, and one
        // may be active for long on a loaded machine.
        const [pending, waiting, active] = await Promise.all([
          database.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where published_at is null`),
          worker.queues.search.getJobCounts('waiting', 'prioritized'),
          worker.queues.search.getActive(),
        ]);
        const idle = Object.values(waiting).every((n) => n === 0) && active.every((j) => j.name !== 'index');
        if (pending.rows[0]!.n === 0 && idle) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    async function viaBullmq(spanMs: number): Promise<Lateness> {
      await settle();
      const cpu = process.cpuUsage();
      const due = await insertNotices(database.db, owner, spreadAhead(LATENESS_N, 3_000, spanMs), true);
      const complete = await waitUntil(() => [...due.keys()].every((id) => fired.has(id)), 60_000);
      const cpuMs = cpuOf(cpu);
      // Where the time went, per job: added ahead of its deadline (negative: the relay added it late),
      // deadline → a worker took it (promotion and queueing), taken → transition committed (the handler).
      const stages = { ahead: [] as number[], pickup: [] as number[], handler: [] as number[] };
      for (const [id, at] of due) {
        const job = traced.get(id);
        if (!job || !fired.has(id)) continue;
        stages.ahead.push(at.getTime() - job.addedAt);
        stages.pickup.push(job.startedAt - at.getTime());
        stages.handler.push(fired.get(id)! - job.startedAt);
      }
      return {
        ...stats([...due].filter(([id]) => fired.has(id)).map(([id, at]) => fired.get(id)! - at.getTime())),
        complete,
        cpuMs,
        stages: { ahead: stats(stages.ahead), pickup: stats(stages.pickup), handler: stats(stages.handler) },
      };
    }

    // The same transitions fired by in-process setTimeout with the same concurrency: what the work itself costs.
    async function viaSetTimeout(spanMs: number): Promise<Lateness> {
      await settle();
      const cpu = process.cpuUsage();
      const due = await insertNotices(database.db, owner, spreadAhead(LATENESS_N, 3_000, spanMs), false);
      const done = new Map<string, number>();
      for (const [id, at] of due) {
        setTimeout(
          () =>
            void limit(async () => {
              const r = await fireTimer(ctx, 'notice_end', id);
              if (r.type === 'fired') done.set(id, Date.now());
            }),
          Math.max(0, at.getTime() - Date.now()),
        );
      }
      const complete = await waitUntil(() => done.size === due.size, 60_000);
      const cpuMs = cpuOf(cpu);
      return {
        cpuMs,
        ...stats([...due].filter(([id]) => done.has(id)).map(([id, at]) => done.get(id)! - at.getTime())),
        complete,
        stages: null,
      };
    }

    const line = (label: string, r: Lateness) =>
      console.log(
        `   ${label.padEnd(44)} p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}  fired ${r.n}/${LATENESS_N}${r.complete ? '' : ' (INCOMPLETE)'}  worker CPU ${(r.cpuMs / LATENESS_N).toFixed(2)} ms/deadline`,
      );
    console.log(
      `\n1) lateness, deadline → transition committed (${LATENESS_N} notices ending 3 s ahead; ×${concurrency})`,
    );
    const results: Array<[string, number, Lateness, Lateness]> = [];
    for (const [label, spanMs] of [
      ['spread over 5 s (200/s)', 5_000],
      ['all at the same instant', 0],
    ] as const) {
      const bull = await viaBullmq(spanMs);
      const base = await viaSetTimeout(spanMs);
      results.push([label, spanMs, bull, base]);
      console.log(`   ${label}:`);
      line('BullMQ timers (outbox → relay → delayed job)', bull);
      if (bull.stages) {
        const st = (label: string, r: Stats) =>
          console.log(`     ${label.padEnd(42)} p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}`);
        st('· job added ahead of its deadline', bull.stages.ahead);
        st('· deadline → a worker took the job', bull.stages.pickup);
        st('· taken → transition committed', bull.stages.handler);
      }
      line('baseline: in-process setTimeout', base);
    }
    // Issue 22: p99 ≤ 1 s and ≤ 4× the in-process baseline of the same run. A burst of 1,000 at one
    // instant cannot meet 1 s even in process (the baseline queues too), so there only the ratio counts.
    const [, , spread, spreadBase] = results[0]!;
    const [, , burst, burstBase] = results[1]!;
    const ratio = (r: Lateness, b: Lateness) => r.p99 / Math.max(b.p99, 1);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `   target p99 ≤ 1000 ms (spread): ${verdict(spread.p99 <= 1_000 && spread.complete)}; ` +
        `p99 ≤ 4× baseline: spread ${ratio(spread, spreadBase).toFixed(1)}× ${verdict(ratio(spread, spreadBase) <= 4)}, ` +
        `burst ${ratio(burst, burstBase).toFixed(1)}× ${verdict(ratio(burst, burstBase) <= 4 && burst.complete)}`,
    );

    // ---- 2. Restore 10,000 pending timers after a flush ----
    await insertNotices(database.db, owner, spreadAhead(RESTORE_N, 3_600_000, 600_000), false);
    const cold = await worker.reconcileNow();
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 1_000) await redis.del(...keys.slice(i, i + 1_000));
    const flushedCount = await worker.queues.timers.getDelayedCount();
    const started = Date.now();
    const restored = await worker.reconcileNow();
    const restoreMs = Date.now() - started;
    const delayed = await worker.queues.timers.getDelayedCount();

    // Baseline: the Redis share — a bare addBulk of as many delayed jobs into a scratch queue.
    const scratch = new Queue('bench-scratch', { connection: createRedis(REDIS_URL, { forBullmq: true }), prefix });
    const bareStart = Date.now();
    for (let i = 0; i < RESTORE_N; i += 1_000) {
      await scratch.addBulk(
        Array.from({ length: Math.min(1_000, RESTORE_N - i) }, (_, j) => ({
          name: 'x',
          data: { n: i + j },
          opts: { jobId: `bare-${i + j}`, delay: 3_600_000 },
        })),
      );
    }
    const bareMs = Date.now() - bareStart;
    await scratch.close();

    console.log(
      `\n2) reconciler restoring ${RESTORE_N.toLocaleString()} pending timers after all of this prefix's Redis keys were deleted`,
    );
    console.log(`   delayed jobs before flush ${cold.enqueued}, after flush ${flushedCount}, after restore ${delayed}`);
    console.log(
      `   restore: ${fmt(restoreMs)} (scan ${restored.running} rows, enqueue ${restored.enqueued})  — first scheduling pass ${fmt(cold.ms)}`,
    );
    console.log(`   baseline bare BullMQ addBulk of ${RESTORE_N.toLocaleString()} jobs: ${fmt(bareMs)}`);
    console.log(`   target ≤ 10000 ms: ${restoreMs <= 10_000 && delayed === RESTORE_N ? 'met' : 'NOT met'}`);

    await worker.stop();
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 1_000) await redis.del(...keys.slice(i, i + 1_000));
    await redis.quit();
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
