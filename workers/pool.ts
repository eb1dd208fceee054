// The pay-later pool's processor (措施五): the daily scan, edition publication, and the ledger's
// schedule-line timers with their reconciler (workers/ledger-timers.ts; pay-later payments
// are lines). Every handler is safe to run twice; the rows decide.
import type { Job, Queue } from 'bullmq';
import { editionPeriodKey } from '../domain/pool.js';
import { publishEdition } from '../server/pool/editions.js';
import { runPoolScan } from '../server/pool/scan.js';
import { fireScheduleTimer } from '../server/ledger/timers.js';
import type { ServiceContext } from '../platform/context.js';
import type { JobPayloads, PoolJob } from '../platform/queues.js';
import { reconcileScheduleTimers } from './ledger-timers.js';

type PoolQueue = Queue<JobPayloads['pool'], unknown, string>;

/** Scheduler ids (job ids of their runs are derived by BullMQ; none contains ':' of ours). */
export const POOL_SCHEDULERS = {
  scan: 'pool-scan',
  edition: 'pool-edition',
  reconcile: 'paylater-reconcile',
} as const;

export const RECONCILE_EVERY_MS = 60_000;

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
      return reconcileScheduleTimers(ctx, queue);
    case 'payment-timer':
      return fireScheduleTimer(ctx, data.timer, data.scheduleItemId);
  }
}
