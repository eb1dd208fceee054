// The typed job registry: every queue's name and payload type, in one place. Payloads carry ids,
// never row snapshots; job ids are deterministic and free of ':' (BullMQ refuses it).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TimerKind } from '../domain/constants/lifecycle.js';
import type { DependencyHealth } from './dependency-health.js';

/** The pay-later pool's jobs (措施五): schedulers for the scan, editions and the timer reconciler, and payment timers. */
export type PoolJob =
  /** Daily: include newly eligible results, remove those no longer eligible. */
  | { task: 'scan' }
  /** Per period: scan, then publish the period's edition (the period is the job's scheduled time). */
  | { task: 'edition' }
  /** At boot and every minute: (re)create the ledger's schedule-line timers due within a day. */
  | { task: 'reconcile-timers' }
  /** A wake-up call for one schedule line of the ledger: the handler re-reads the row and acts only if still due. */
  | { task: 'payment-timer'; timer: 'reminder' | 'overdue'; scheduleItemId: string };

/** The api request whose change scheduled the job (X-Request-Id): for log lines, never for logic. */
export interface Traced {
  requestId?: string;
}

export interface JobPayloads {
  /** Daily housekeeping: purge expired sessions, and published outbox rows older than OUTBOX_RETENTION. */
  maintenance:
    | { task: 'purge-sessions' }
    | { task: 'purge-outbox' }
    /** Issue 21: zero-result queries older than 30 days. */
    | { task: 'purge-zero-results' }
    /** 措施十三 statistics: rebuild the stale months (every 15 s) or everything (nightly). */
    | { task: 'stats-rollup' }
    | { task: 'stats-rebuild' };
  /**
   * A listing deadline (domain/timers.ts): job id `<kind prefix>-<listing id>`, delayed to the
   * deadline. The handler re-reads the row; the payload is only which row and which deadline.
   */
  timers: { kind: TimerKind; listingId: string } & Traced;
  /**
   * Auction timers (workers/auctions.ts): `start` / `close` wake-ups named `auction-<action>-<auctionId>`,
   * the periodic `sweep` (start/close anything overdue) and `reconcile` (re-add missing wake-ups).
   */
  auctions: { action: 'start' | 'close'; auctionId: string } | { action: 'sweep' | 'reconcile' };
  pool: PoolJob;
  /**
   * The search index (workers/search.ts): `index` re-reads the listings a published outbox batch
   * named from PostgreSQL and writes or removes their documents, in one job per batch (job id
   * `search-<first event id>-<last event id>`; `requestIds` are the requests behind it);
   * `reconcile` repairs whatever lags (scheduler `search-reconcile`, and once at boot).
   */
  search:
    | { task: 'index'; listingIds: string[]; requestIds?: string[] }
    /** One listing: what an earlier version queued (still processed after an upgrade, no longer added). */
    | ({ task: 'index'; listingId: string } & Traced)
    | { task: 'reconcile' };
}

export type QueueName = keyof JobPayloads;
export const QUEUE_NAMES = [
  'maintenance',
  'timers',
  'auctions',
  'pool',
  'search',
] as const satisfies readonly QueueName[];

/** Each queue's tuning, in one place. */
export const QUEUE_SETTINGS: Record<QueueName, { concurrency: number; defaultJobOptions: JobsOptions }> = {
  maintenance: {
    concurrency: 1,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  },
  timers: {
    // Each firing is one short transaction whose time is mostly waiting on PostgreSQL (statements and
    // the commit's WAL flush); 16 in parallel let commits group, measured best in bench/timers.ts.
    concurrency: 16,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      // Removed on completion, so the same deterministic id can be scheduled again (a renewed showcase).
      removeOnComplete: true,
      removeOnFail: 1_000,
    },
  },
  auctions: {
    // Handlers lock one auction row each, so many may run at once.
    concurrency: 16,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      // Removed when done, so a deterministic job id can be added again (a re-scheduled timer).
      removeOnComplete: true,
      removeOnFail: 200,
    },
  },
  pool: {
    concurrency: 2,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      // Completed timers are dropped at once, so the reconciler can re-create a timer whose handler
      // found it early ('not_yet'); the deterministic id still refuses duplicates while one waits.
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  },
  search: {
    // An index job is a few reads and one upsert; several run at once while PostgreSQL writes.
    concurrency: 4,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: true,
      // A failed job is repaired by the reconciler anyway; keep a few for diagnosis.
      removeOnFail: 200,
    },
  },
};

/**
 * PostgreSQL connections the worker process can use at once: one per job slot of every queue, plus
 * the outbox relay and the timer reconciler. Its pool is sized to this (scripts/start.ts), so no job
 * waits for a connection while holding a BullMQ lock, and a burst of timers cannot starve the api's
 * requests in a single-process `npm start` (the api keeps its own pool).
 */
export function workerConnections(): number {
  return QUEUE_NAMES.reduce((n, q) => n + QUEUE_SETTINGS[q].concurrency, 0) + 2;
}

export type Queues = { [N in QueueName]: Queue<JobPayloads[N], unknown, string> };

/**
 * The typed queues on one connection. A queue re-emits its connection's errors (ioredis retries
 * them; each operation's own failure rejects its promise); without a listener BullMQ would print
 * each one raw to stderr, so they go to `onError` — the process's structured log.
 */
export function createQueues(
  connection: Redis,
  prefix: string,
  onError: (err: Error, queue: QueueName) => void,
): Queues {
  const make = <N extends QueueName>(name: N) => {
    const queue = new Queue<JobPayloads[N], unknown, string>(name, {
      connection,
      prefix,
      defaultJobOptions: QUEUE_SETTINGS[name].defaultJobOptions,
    });
    queue.on('error', (err) => onError(err, name));
    return queue;
  };
  return {
    maintenance: make('maintenance'),
    timers: make('timers'),
    auctions: make('auctions'),
    pool: make('pool'),
    search: make('search'),
  };
}

/**
 * Routes every queue's `error` events (its Redis connection's) to the Redis health line: without a
 * listener BullMQ prints each one raw to stderr, many a second while Redis is down.
 */
export function watchQueues(queues: Queues, health: DependencyHealth): void {
  for (const q of Object.values(queues)) q.on('error', (err) => health.failed(err, { queue: q.name }));
}

/**
 * Whether a BullMQ job call failed because the job moved on in between (promoted, taken by a worker,
 * completed, removed): an expected race, unlike a lost connection.
 */
export function isJobStateRace(err: unknown): boolean {
  return (
    err instanceof Error &&
    /Missing key for job|is not in the \w+ state|locked by another worker|could not be removed/.test(err.message)
  );
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

/**
 * Job id of the indexing job of one published outbox batch: its listings' latest event ids, first and
 * last. Deterministic, so a relay that publishes the same batch twice adds it once; made of event
 * ids rather than listing ids, because a job for the same listings could be running (having read
 * the rows before this change) and a second add with its id would be dropped.
 */
export function searchJobId(eventIds: readonly number[]): string {
  return `search-${Math.min(...eventIds)}-${Math.max(...eventIds)}`;
}

/** Deterministic wake-up job id of an auction timer (no ':' — BullMQ refuses it). */
export function auctionJobId(action: 'start' | 'close', auctionId: string): string {
  return `auction-${action}-${auctionId}`;
}

/**
 * Makes sure the wake-up job `auction-<action>-<id>` fires at `at`: moves a delayed one
 * (changeDelay — adding an existing job id again would keep its old delay), leaves a waiting or
 * running one alone (a handler that fires early re-delays itself), and adds it otherwise.
 */
export async function scheduleAuctionTimer(
  queue: Queues['auctions'],
  action: 'start' | 'close',
  auctionId: string,
  at: Date,
): Promise<void> {
  const jobId = auctionJobId(action, auctionId);
  const delay = Math.max(0, at.getTime() - Date.now());
  const existing = await queue.getJob(jobId);
  if (existing) {
    try {
      await existing.changeDelay(delay);
      return;
    } catch (err) {
      if (!isJobStateRace(err)) throw err;
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove().catch((removeErr: unknown) => {
        // Removed or taken by another scheduler in between: the add below then finds its id taken.
        if (!isJobStateRace(removeErr)) throw removeErr;
      });
    }
  }
  await queue.add(action, { action, auctionId }, { jobId, delay });
}
