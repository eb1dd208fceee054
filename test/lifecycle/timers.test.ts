// Timers are wake-up calls, not truth (docs/timers.md): delivered twice, early, after a Redis flush or
// across a worker restart, each deadline makes exactly one transition, at or after the deadline.
// The notice period is an hour on the injectable clock: a test moves the clock past the deadline and
// delivers the job now (promotes it) or runs the reconciler, then waits for the state it expects, so
// nothing races a real deadline on a loaded machine.
import { Queue } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../domain/timers.js';
import { auditLog, notifications } from '../../db/schema/index.js';
import { fireTimer } from '../../server/lifecycle/timers.js';
import type { WorkerHandle } from '../../workers/main.js';
import { scheduleTimer, type TimersQueue } from '../../workers/timers.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  CLOCKED_PERIODS,
  HOUR,
  listingRow,
  reconcileFresh,
  startTestWorkers,
  testClock,
  waitFor,
  waitForStatus,
} from '../helpers/lifecycle.js';

const clock = testClock();

let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;
/** The timers queue as the test sees it: usable while the worker is stopped. */
let timers: TimersQueue;
let timersConnection: ReturnType<TestContext['redis']['duplicate']>;

beforeAll(async () => {
  t = await setupTestApp(CLOCKED_PERIODS, { now: clock.now });
  timersConnection = t.redis.duplicate();
  timers = new Queue('timers', { connection: timersConnection, prefix: t.config.redisPrefix });
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
});
afterAll(async () => {
  await worker.stop();
  await timers.close();
  await timersConnection.quit();
  await t.close();
});

const negotiated = { pricingMode: 'negotiated', priceFen: 10_000_000, counterpartyName: '大连某装备有限公司' };

async function transitions(listingId: string, action = 'listing.notice_end') {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, listingId), eq(auditLog.action, action)));
}

async function jobState(jobId: string): Promise<string | null> {
  const job = await timers.getJob(jobId);
  return job ? await job.getState() : null;
}

/** The notice-end job of a freshly approved listing, once the relay has scheduled it. */
async function scheduledJob(listingId: string): Promise<string> {
  const jobId = timerJobId('notice_end', listingId);
  await waitFor(
    () => jobState(jobId),
    (s) => s === 'delayed',
  );
  return jobId;
}

/** Delivers a delayed wake-up call now, as if its delay had run out. */
async function deliverNow(jobId: string) {
  const job = await timers.getJob(jobId);
  expect(job).toBeDefined();
  await job!.promote();
}

/** Every delivery of these jobs has been handled (completed timer jobs are removed at once). */
async function handled(jobIds: string[]) {
  await waitFor(
    () => Promise.all(jobIds.map(jobState)),
    (states) => states.every((s) => s === null || s === 'completed'),
  );
}

/** The notice period ends on the test clock (an hour and a second pass at once). */
const deadlinePasses = () => clock.advance(HOUR + 1_000);

/** Exactly one transition, made at or after the deadline, and one notification per recipient. */
async function expectOnce(listingId: string, jobIds: string[] = [timerJobId('notice_end', listingId)]) {
  const row = await waitForStatus(t, listingId, 'matched');
  // Every delivery has run, and a reconciler pass has had its chance: none may transition again.
  await handled(jobIds);
  expect((await reconcileFresh(worker)).fired).toBe(0);
  const rows = await transitions(listingId);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(row.noticeEndsAt!.getTime());
  const sent = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.listingId, listingId), eq(notifications.kind, 'notice_ended')));
  expect(sent).toHaveLength(1);
  return rows[0]!;
}

describe('deadline timers', () => {
  it('a job delivered several times, and handlers racing each other, make one transition', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    const jobId = await scheduledJob(listing.id);
    // Extra deliveries of the same wake-up call, besides the scheduled one.
    const dups = [0, 1, 2].map((i) => `dup${i}-notice-end-${listing.id}`);
    for (const id of dups) {
      await timers.add('notice_end', { kind: 'notice_end', listingId: listing.id }, { jobId: id, delay: HOUR });
    }
    // Before the deadline, a handler run directly changes nothing.
    expect((await fireTimer(t.ctx, 'notice_end', listing.id)).type).toBe('not_due');
    deadlinePasses();
    // All four deliveries at once, and five handlers run directly beside them.
    const [, direct] = await Promise.all([
      Promise.all([jobId, ...dups].map(deliverNow)),
      Promise.all(Array.from({ length: 5 }, () => fireTimer(t.ctx, 'notice_end', listing.id))),
    ]);
    expect(direct.filter((r) => r.type === 'fired').length).toBeLessThanOrEqual(1);
    await expectOnce(listing.id, [jobId, ...dups]);
  });

  it('a job that fires early (its deadline moved) waits again and fires at the deadline', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    const jobId = await scheduledJob(listing.id);
    // Pull the job forward to now: the handler finds the deadline ahead and puts it back.
    expect(await scheduleTimer(timers, { kind: 'notice_end', listingId: listing.id, dueAt: new Date() })).toBe('moved');
    const job = await waitFor(
      async () => {
        const j = await timers.getJob(jobId);
        return { started: j?.attemptsStarted ?? 0, state: j ? await j.getState() : null };
      },
      (j) => j.started > 0 && j.state === 'delayed',
    );
    expect(job.state).toBe('delayed');
    // Never early by the platform's clock: the listing is still under notice.
    expect((await listingRow(t, listing.id)).status).toBe('notice');
    expect((await transitions(listing.id)).length).toBe(0);

    deadlinePasses();
    await deliverNow(jobId);
    await expectOnce(listing.id);
  });

  it('after Redis loses every key of this deployment, the reconciler restores the timer and it fires', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    const jobId = await scheduledJob(listing.id);
    // FLUSHALL would also wipe the other test files sharing this Redis, so this deletes every key
    // under this file's prefix instead — for this deployment, the same loss as a flush.
    // (Other queues' keys come and go meanwhile, so what counts is that the timer's key is gone.)
    const jobKey = `${t.config.redisPrefix}:timers:${jobId}`;
    const keys = await t.redis.keys(`${t.config.redisPrefix}:*`);
    expect(keys).toContain(jobKey);
    await t.redis.del(...keys);
    expect(await t.redis.exists(jobKey)).toBe(0);

    // The reconciler (every minute by default; run here on demand) puts the job and the job
    // schedulers back before the deadline, without firing anything early.
    const report = await reconcileFresh(worker);
    expect(report.enqueued).toBeGreaterThanOrEqual(1);
    expect(await jobState(jobId)).toBe('delayed');
    expect(await worker.queues.maintenance.getJobScheduler('purge-sessions')).toBeDefined();
    expect((await listingRow(t, listing.id)).status).toBe('notice');

    // The restored job is the one that fires.
    deadlinePasses();
    await deliverNow(jobId);
    await expectOnce(listing.id);
  });

  it('a worker stopped mid-period and started after the deadline makes the transition once', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    const jobId = await scheduledJob(listing.id);
    await worker.stop();
    deadlinePasses();
    // No worker, no transition, although the deadline has passed.
    expect((await listingRow(t, listing.id)).status).toBe('notice');
    // The job's delay ran out while the worker was down.
    await deliverNow(jobId);

    // Restarted: the stale job in Redis and the reconciler's start-up pass both try; one wins.
    worker = await startTestWorkers(t, undefined, clock.now);
    await expectOnce(listing.id);
  });

  it('a worker restarted after both its downtime and a flush still fires the overdue deadline', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    await scheduledJob(listing.id);
    await worker.stop();
    const keys = await t.redis.keys(`${t.config.redisPrefix}:*`);
    if (keys.length) await t.redis.del(...keys);
    deadlinePasses();
    // Nothing in Redis names the deadline any more: the start-up reconcile fires it from PostgreSQL.
    worker = await startTestWorkers(t, undefined, clock.now);
    await expectOnce(listing.id);
  });
});
