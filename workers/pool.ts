// The pay-later pool's processor (措施五): the daily scan, edition publication, and the payment
// timers with their reconciler. Every handler is safe to run twice; the rows decide.
import type { Job, Queue } from 'bullmq';
import { editionPeriodKey } from '../domain/pool.js';
import { publishEdition } from '../server/pool/editions.js';
import { runPoolScan } from '../server/pool/scan.js';
import { dueTimers, firePaymentTimer } from '../server/pool/paylater-timers.js';
import type { ServiceContext } from '../platform/context.js';
import type { JobPayloads, PoolJob } from '../platform/queues.js';

type PoolQueue = Queue<JobPayloads['pool'], unknown, string>;

/** Scheduler ids (job ids of their runs are derived by BullMQ; none contains ':' of ours). */
export const POOL_SCHEDULERS = {
  scan: 'pool-scan',
  edition: 'pool-edition',
  reconcile: 'paylater-reconcile',
} as const;

export const RECONCILE_EVERY_MS = 60_000;

/** Adds every timer due within the horizon; existing jobs with the same id are left alone. */
export async function reconcileTimers(ctx: ServiceContext, queue: PoolQueue): Promise<number> {
  const timers = await dueTimers(ctx);
  const now = ctx.now().getTime();
  for (const t of timers) {
    // A timer whose attempts ran out (the database was away, say) would block its id for good; the
    // row still says it is due, so it gets a fresh job.
    const stuck = await queue.getJob(t.jobId);
    if (stuck && (await stuck.isFailed())) await stuck.remove();
    await queue.add(
      'payment-timer',
      { task: 'payment-timer', timer: t.timer, paymentId: t.paymentId },
      { jobId: t.jobId, delay: Math.max(0, t.firesAt.getTime() - now) },
    );
  }
  return timers.length;
}

export async function processPool(ctx: ServiceContext, queue: PoolQueue, job: Job<PoolJob>): Promise<unknown> {
  const data = job.data;
  switch (data.task) {
    case 'scan':
      return runPoolScan(ctx);
    case 'edition': {
      // The edition shows the pool as of today's rules, so the scan runs first. The period is the
      // run's scheduled instant, identical for every worker that might pick the run up.
      const scan = await runPoolScan(ctx);
      const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp);
      const { edition, created } = await publishEdition(ctx, editionPeriodKey(scheduledAt));
      return { scan, edition: edition.number, created };
    }
    case 'reconcile-timers':
      return { enqueued: await reconcileTimers(ctx, queue) };
    case 'payment-timer':
      return firePaymentTimer(ctx, data.timer, data.paymentId);
  }
}
