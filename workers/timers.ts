// Listing deadlines on BullMQ (DESIGN §3, §5 "Timers").
//
// - One deterministic job per (listing, deadline kind): `notice-end-<uuid>`, delayed to the deadline.
// - Scheduled after the commit that set the deadline: the outbox relay hands every published
//   `listing.*` event to `syncListings`, which reads the committed row and adds the job, or moves an
//   existing one with `changeDelay` (re-adding an existing id would keep the old delay).
// - The handler (`processTimerJob`) applies server/lifecycle/timers.ts fireTimer: it re-reads the row
//   under FOR UPDATE and acts only if the deadline passed and the status still matches. Early (the
//   deadline moved later) it waits again via moveToDelayed; stale or repeated it does nothing.
// - The reconciler runs at worker start and every TIMER_RECONCILE_INTERVAL: it fires what is
//   overdue straight from PostgreSQL and re-adds every running deadline's job (`addBulk` ignores ids
//   that exist), so a Redis flush or restart loses nothing.
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { TIMER_KINDS, type TimerKind } from '../domain/constants/lifecycle.js';
import { timerJobId } from '../domain/timers.js';
import type { ServiceContext } from '../platform/context.js';
import { fireTimer, runningTimers, timersOf, type FireResult, type TimedListing } from '../server/lifecycle/timers.js';
import type { PublishedEvent } from '../platform/outbox.js';
import type { Logger } from 'pino';
import { isJobStateRace, type JobPayloads } from '../platform/queues.js';

export type TimersQueue = Queue<JobPayloads['timers'], unknown, string>;

/** Where a job-fired deadline spent its time (bench/timers.ts traces lateness with it). */
export interface TimerJobTiming {
  /** When the relay or the reconciler added the job (BullMQ's job timestamp). */
  addedAt: number;
  /** When a worker took it (moved it to active). */
  startedAt: number;
}

/**
 * Called after a deadline transition committed (by a job or by the reconciler): metrics, benches.
 * `job` is present when a BullMQ job fired it.
 */
export type OnTimerFired = (
  kind: TimerKind,
  listingId: string,
  result: Extract<FireResult, { type: 'fired' }>,
  job?: TimerJobTiming,
) => void;

export type ScheduleOutcome = 'added' | 'moved' | 'kept' | 'replaced';

function jobFor(t: TimedListing, now: number, requestId?: string) {
  return {
    name: t.kind,
    data: requestId ? { kind: t.kind, listingId: t.listingId, requestId } : { kind: t.kind, listingId: t.listingId },
    opts: { jobId: timerJobId(t.kind, t.listingId), delay: Math.max(0, t.dueAt.getTime() - now) },
  };
}

/** Makes the job of one deadline exist and fire at `dueAt`. */
export async function scheduleTimer(
  queue: TimersQueue,
  t: TimedListing,
  now = Date.now(),
  requestId?: string,
): Promise<ScheduleOutcome> {
  const { name, data, opts } = jobFor(t, now, requestId);
  const job = await queue.getJob(opts.jobId);
  if (!job) {
    await queue.add(name, data, opts);
    return 'added';
  }
  const state = await job.getState();
  try {
    if (state === 'delayed') {
      await job.changeDelay(opts.delay);
      return 'moved';
    }
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      await job.remove();
      await queue.add(name, data, opts);
      return 'replaced';
    }
  } catch (err) {
    // Promoted or taken by a worker in between: the handler re-checks the row and waits again if early.
    if (!isJobStateRace(err)) throw err;
  }
  // Waiting or active: it runs now; if the deadline is still ahead, the handler moves it back.
  return 'kept';
}

/** Schedules the running deadlines of the listings named by published `listing.*` events. */
export async function syncListings(
  ctx: ServiceContext,
  queue: TimersQueue,
  ids: string[],
  requestOf: ReadonlyMap<string, string> = new Map(),
): Promise<number> {
  const timers = await timersOf(ctx.db, [...new Set(ids)]);
  const now = Date.now();
  await Promise.all(timers.map((t) => scheduleTimer(queue, t, now, requestOf.get(t.listingId))));
  return timers.length;
}

/** The request behind the latest `listing.*` event of each listing in a published batch. */
export function requestsOf(events: PublishedEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const id = e.payload.listingId;
    if (e.topic.startsWith('listing.') && typeof id === 'string' && e.requestId) out.set(id, e.requestId);
  }
  return out;
}

export function listingIdsOf(events: PublishedEvent[]): string[] {
  const ids: string[] = [];
  for (const e of events) {
    const id = e.payload.listingId;
    if (e.topic.startsWith('listing.') && typeof id === 'string') ids.push(id);
  }
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function processTimerJob(
  ctx: ServiceContext,
  job: Job<JobPayloads['timers']>,
  token: string | undefined,
  onFired?: OnTimerFired,
): Promise<FireResult['type']> {
  const { kind, listingId } = job.data ?? {};
  // Payloads are validated before processing; a malformed one is never retried.
  if (!(TIMER_KINDS as readonly string[]).includes(kind) || typeof listingId !== 'string' || !UUID.test(listingId)) {
    throw new UnrecoverableError(`invalid timer payload ${JSON.stringify(job.data)}`);
  }
  const result = await fireTimer(ctx, kind, listingId);
  if (result.type === 'not_due') {
    // Fired early (the deadline moved later): wait again until the new deadline.
    await job.moveToDelayed(result.notBefore.getTime(), token);
    throw new DelayedError();
  }
  if (result.type === 'fired')
    onFired?.(kind, listingId, result, { addedAt: job.timestamp, startedAt: job.processedOn ?? Date.now() });
  return result.type;
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

export interface ReconcileReport {
  running: number;
  overdue: number;
  fired: number;
  /** Overdue deadlines whose transition failed (retried by the next pass). */
  failed: number;
  enqueued: number;
  ms: number;
}

/**
 * Restores Redis from PostgreSQL: every overdue deadline is fired now (PostgreSQL only, so a Redis
 * outage does not hold deadlines back by more than one pass), then every running one gets its job
 * back (existing ids are left as they are). While `redisUp()` says Redis is down the enqueue is
 * skipped rather than queued behind the reconnect (the BullMQ connection retries commands forever,
 * and a pass stuck there would stop the next passes from firing); the next pass adds them.
 */
export async function reconcileTimers(
  ctx: ServiceContext,
  queue: TimersQueue,
  onFired?: OnTimerFired,
  log?: Logger,
  redisUp: () => boolean = () => true,
): Promise<ReconcileReport> {
  const started = Date.now();
  const timers = await runningTimers(ctx.db);
  const now = ctx.now().getTime();
  const overdue = timers.filter((t) => t.dueAt.getTime() <= now);
  const ahead = timers.filter((t) => t.dueAt.getTime() > now);
  let fired = 0;
  let failed = 0;
  await mapLimit(overdue, 8, async (t) => {
    const result = await fireTimer(ctx, t.kind, t.listingId).catch((err: unknown) => {
      failed++;
      log?.warn({ err, kind: t.kind, listingId: t.listingId }, 'overdue deadline not fired; retried next pass');
      return null;
    });
    if (result?.type === 'fired') {
      fired++;
      onFired?.(t.kind, t.listingId, result);
    }
  });
  let enqueued = 0;
  if (redisUp()) {
    const enqueuedAt = Date.now();
    for (let i = 0; i < ahead.length; i += 1_000) {
      await queue.addBulk(ahead.slice(i, i + 1_000).map((t) => jobFor(t, enqueuedAt)));
    }
    enqueued = ahead.length;
  }
  return {
    running: timers.length,
    overdue: overdue.length,
    fired,
    failed,
    enqueued,
    ms: Date.now() - started,
  };
}
