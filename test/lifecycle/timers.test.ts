// Timers are wake-up calls, not truth (DESIGN §3): delivered twice, early, after a Redis flush or
// across a worker restart, each deadline makes exactly one transition, at or after the deadline.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timerJobId } from '../../domain/timers.js';
import { auditLog, notifications } from '../../db/schema/index.js';
import { fireTimer } from '../../server/lifecycle/timers.js';
import type { WorkerHandle } from '../../workers/main.js';
import { scheduleTimer } from '../../workers/timers.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, listingRow, sleep, startTestWorkers, waitFor, waitForStatus } from '../helpers/lifecycle.js';

let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;

beforeAll(async () => {
  t = await setupTestApp({ NOTICE_PERIOD: 'PT3S', TIMER_RECONCILE_INTERVAL: 'PT1S' });
  worker = await startTestWorkers(t);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

const negotiated = { pricingMode: 'negotiated', priceFen: 10_000_000, counterpartyName: '大连某装备有限公司' };

async function transitions(listingId: string, action = 'listing.notice_end') {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, listingId), eq(auditLog.action, action)));
}

async function jobState(listingId: string): Promise<string | null> {
  const job = await worker.queues.timers.getJob(timerJobId('notice_end', listingId));
  return job ? await job.getState() : null;
}

/** Exactly one transition, made at or after the deadline, and one notification per recipient. */
async function expectOnce(listingId: string) {
  const row = await waitForStatus(t, listingId, 'matched');
  await sleep(1_500); // any duplicate delivery or reconciler pass has had its chance
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
    const row = await listingRow(t, listing.id);
    const delay = row.noticeEndsAt!.getTime() - Date.now();
    // Extra deliveries of the same wake-up call, besides the scheduled one.
    for (let i = 0; i < 3; i++) {
      await worker.queues.timers.add(
        'notice_end',
        { kind: 'notice_end', listingId: listing.id },
        { jobId: `dup${i}-notice-end-${listing.id}`, delay },
      );
    }
    // And five handlers run directly, all at once, just after the deadline.
    await sleep(Math.max(0, delay + 5));
    const direct = await Promise.all(Array.from({ length: 5 }, () => fireTimer(t.ctx, 'notice_end', listing.id)));
    expect(direct.filter((r) => r.type === 'fired').length).toBeLessThanOrEqual(1);
    await expectOnce(listing.id);
  });

  it('a job that fires early (its deadline moved) waits again and fires at the deadline', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    await waitFor(
      () => jobState(listing.id),
      (s) => s === 'delayed',
    );
    // Pull the job forward to now: the handler finds the deadline ahead and puts it back.
    expect(
      await scheduleTimer(worker.queues.timers, { kind: 'notice_end', listingId: listing.id, dueAt: new Date() }),
    ).toBe('moved');
    await sleep(500);
    expect((await listingRow(t, listing.id)).status).toBe('notice');
    expect(await jobState(listing.id)).toBe('delayed');
    await expectOnce(listing.id);
  });

  it('after Redis loses every key of this deployment, the reconciler restores the timer and it fires', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    await waitFor(
      () => jobState(listing.id),
      (s) => s === 'delayed',
    );
    // FLUSHALL would also wipe the other test files sharing this Redis, so this deletes every key
    // under this file's prefix instead — for this deployment, the same loss as a flush.
    // (Other queues' keys come and go meanwhile, so what counts is that the timer's key is gone.)
    const jobKey = `${t.config.redisPrefix}:timers:${timerJobId('notice_end', listing.id)}`;
    const keys = await t.redis.keys(`${t.config.redisPrefix}:*`);
    expect(keys).toContain(jobKey);
    await t.redis.del(...keys);
    expect(await t.redis.exists(jobKey)).toBe(0);

    // The reconciler (every second here, every minute by default) puts the job and the job
    // schedulers back before the deadline.
    await waitFor(
      () => jobState(listing.id),
      (s) => s === 'delayed',
      2_500,
    );
    await waitFor(
      () => worker.queues.maintenance.getJobScheduler('purge-sessions'),
      (s) => s !== undefined,
      2_500,
    );
    await expectOnce(listing.id);
  });

  it('a worker stopped mid-period and started after the deadline makes the transition once', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    await waitFor(
      () => jobState(listing.id),
      (s) => s === 'delayed',
    );
    await worker.stop();
    const row = await listingRow(t, listing.id);
    await sleep(row.noticeEndsAt!.getTime() - Date.now() + 1_000);
    expect((await listingRow(t, listing.id)).status).toBe('notice');

    // Restarted: the stale job in Redis and the reconciler's start-up pass both try; one wins.
    worker = await startTestWorkers(t);
    await expectOnce(listing.id);
  });

  it('a worker restarted after both its downtime and a flush still fires the overdue deadline', async () => {
    const listing = await approvedSupply(t.app, inst, operator, negotiated);
    await waitFor(
      () => jobState(listing.id),
      (s) => s === 'delayed',
    );
    await worker.stop();
    const keys = await t.redis.keys(`${t.config.redisPrefix}:*`);
    if (keys.length) await t.redis.del(...keys);
    const row = await listingRow(t, listing.id);
    await sleep(row.noticeEndsAt!.getTime() - Date.now() + 500);
    worker = await startTestWorkers(t);
    await expectOnce(listing.id);
  });
});
