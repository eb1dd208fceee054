// The ledger's schedule-line timers on BullMQ (docs/timers.md "Ledger instalments"): one delayed
// wake-up per line and timer, `ledger-reminder-<line id>` / `ledger-overdue-<line id>` on the pool
// queue. Armed after the commit (the relay hands over the published ledger events: a schedule
// replaced, a payment recorded, a contract signed or ended, a conversion recorded), cancelled when a
// line is paid, cancelled or gone, and restored by the reconciler from PostgreSQL. The handler
// (server/ledger/timers.ts fireScheduleTimer) decides from the row, so a lost cancel is harmless.
import type { Queue } from 'bullmq';
import type { ServiceContext } from '../platform/context.js';
import type { PublishedEvent } from '../platform/outbox.js';
import { isJobStateRace, type JobPayloads } from '../platform/queues.js';
import { dueScheduleTimers, fireScheduleTimer, scheduleTimersOf, type DueTimer } from '../server/ledger/timers.js';

type PoolQueue = Queue<JobPayloads['pool'], unknown, string>;

const LEDGER_TOPICS = new Set([
  'conversion.recorded',
  'contract.status_changed',
  'schedule.changed',
  'payment.recorded',
]);

async function arm(queue: PoolQueue, t: DueTimer, nowMs: number): Promise<void> {
  const data = { task: 'payment-timer' as const, timer: t.timer, scheduleItemId: t.scheduleItemId };
  const opts = { jobId: t.jobId, delay: Math.max(0, t.firesAt.getTime() - nowMs) };
  const job = await queue.getJob(t.jobId);
  try {
    if (!job) {
      await queue.add('payment-timer', data, opts);
      return;
    }
    const state = await job.getState();
    if (state === 'delayed') {
      // A due day moved: the same id keeps its old delay unless it is moved.
      await job.changeDelay(opts.delay);
    } else if (state === 'completed' || state === 'failed' || state === 'unknown') {
      // A timer whose attempts ran out, or one that ran for an earlier due day, would block its id.
      await job.remove();
      await queue.add('payment-timer', data, opts);
    }
    // Waiting or active: it runs now and the handler re-reads the row.
  } catch (err) {
    if (!isJobStateRace(err)) throw err;
  }
}

async function cancel(queue: PoolQueue, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (!job) return;
  try {
    const state = await job.getState();
    if (state === 'delayed' || state === 'waiting' || state === 'completed' || state === 'failed') await job.remove();
  } catch (err) {
    // Taken by a worker meanwhile: its handler finds the line no longer waiting and does nothing.
    if (!isJobStateRace(err)) throw err;
  }
}

/** The conversions named by published ledger events, and the lines a replaced schedule dropped. */
export function ledgerChangesOf(events: PublishedEvent[]): { conversionIds: string[]; droppedLineIds: string[] } {
  const conversionIds = new Set<string>();
  const droppedLineIds: string[] = [];
  for (const e of events) {
    if (!LEDGER_TOPICS.has(e.topic)) continue;
    const id = e.payload.conversionId;
    if (typeof id === 'string') conversionIds.add(id);
    const dropped = e.payload.droppedScheduleItemIds;
    if (Array.isArray(dropped)) droppedLineIds.push(...dropped.filter((d): d is string => typeof d === 'string'));
  }
  return { conversionIds: [...conversionIds], droppedLineIds };
}

/** Re-arms or cancels the timers of the lines of the conversions named by published events. */
export async function syncScheduleTimers(
  ctx: ServiceContext,
  queue: PoolQueue,
  events: PublishedEvent[],
): Promise<{ armed: number; cancelled: number }> {
  const { conversionIds, droppedLineIds } = ledgerChangesOf(events);
  if (conversionIds.length === 0 && droppedLineIds.length === 0) return { armed: 0, cancelled: 0 };
  const now = ctx.now();
  const plan = await scheduleTimersOf(ctx.db, conversionIds, now, ctx.config.pool.reminderLead);
  const dropped = droppedLineIds.flatMap((id) => [`ledger-reminder-${id}`, `ledger-overdue-${id}`]);
  const cancels = [...plan.cancel, ...dropped];
  await Promise.all(plan.arm.map((t) => arm(queue, t, now.getTime())));
  await Promise.all(cancels.map((id) => cancel(queue, id)));
  return { armed: plan.arm.length, cancelled: cancels.length };
}

export interface ScheduleReconcileReport {
  /** Timers whose moment has passed, fired from the rows rather than waiting for a job. */
  overdue: number;
  fired: number;
  /** Timers ahead within the horizon, (re)added under their ids. */
  enqueued: number;
}

/**
 * Restores the timers from PostgreSQL: a timer whose moment has passed is fired now (its job may be
 * gone, or still delayed to a moment a moved clock has passed); one due within the horizon gets its
 * job back (an existing delayed job with that id is left alone). Safe to run any number of times.
 */
export async function reconcileScheduleTimers(ctx: ServiceContext, queue: PoolQueue): Promise<ScheduleReconcileReport> {
  const timers = await dueScheduleTimers(ctx);
  const now = ctx.now().getTime();
  let fired = 0;
  const overdue = timers.filter((t) => t.firesAt.getTime() <= now);
  for (const t of overdue) {
    if ((await fireScheduleTimer(ctx, t.timer, t.scheduleItemId)) === 'fired') fired++;
    await cancel(queue, t.jobId);
  }
  const ahead = timers.filter((t) => t.firesAt.getTime() > now);
  for (const t of ahead) {
    // A timer whose attempts ran out (the database was away, say) would block its id for good; the
    // row still says it is due, so it gets a fresh job.
    const stuck = await queue.getJob(t.jobId);
    if (stuck && (await stuck.isFailed())) await stuck.remove();
    await queue.add(
      'payment-timer',
      { task: 'payment-timer', timer: t.timer, scheduleItemId: t.scheduleItemId },
      { jobId: t.jobId, delay: t.firesAt.getTime() - now },
    );
  }
  return { overdue: overdue.length, fired, enqueued: ahead.length };
}
