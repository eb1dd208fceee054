// The worker process: BullMQ processors, job schedulers, the outbox relay and the timer reconciler.
// Shutdown stops the reconciler, closes the workers first (letting running jobs finish), then the
// relay, then the connections.
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { durationMs } from '../domain/duration.js';
import type { Db } from '../db/client.js';
import type { Config } from '../platform/config.js';
import { createAuctionSignals } from '../server/auctions/redis-signals.js';
import type { ServiceContext } from '../platform/context.js';
import { sendDeadlineReminders, type ReminderReport } from '../server/lifecycle/reminders.js';
import { remindOpenFormalities } from '../server/rights/formalities.js';
import { createSearchEngine, type ReconcileOutcome, type SearchEngine } from '../search/index.js';
import { listenForScheduledAuctions, processAuctionJob } from './auctions.js';
import { ensureThesaurus } from '../server/search/thesaurus.js';
import { STATS_ROLLUP_EVERY_MS } from '../server/statistics/rollup.js';
import { processMaintenance } from './maintenance.js';
import { syncScheduleTimers } from './ledger-timers.js';
import { POOL_SCHEDULERS, processPool, RECONCILE_EVERY_MS } from './pool.js';
import { startOutboxRelay } from '../platform/outbox.js';
import { closeQueues, createQueues, QUEUE_SETTINGS, type JobPayloads, type Queues } from '../platform/queues.js';
import { dependencyHealth } from '../platform/dependency-health.js';
import {
  jobDuration,
  jobFailures,
  searchIndexLag,
  timerLateness,
  watchOutbox,
  watchPool,
  watchQueueMetrics,
} from '../platform/metrics.js';
import { createRedis, redisHealth, redisIsUp } from '../platform/redis.js';
import {
  enqueueIndexing,
  processSearchJob,
  runSearchReconcile,
  SEARCH_RECONCILE_SCHEDULER,
  type SearchJobDeps,
} from './search.js';
import {
  listingIdsOf,
  processTimerJob,
  reconcileTimers,
  requestsOf,
  syncListings,
  type OnTimerFired,
  type ReconcileReport,
} from './timers.js';

export interface WorkerHandle {
  /**
   * Runs the timer reconciler now (it also runs at start and every TIMER_RECONCILE_INTERVAL), then
   * the reminder pass for deadlines within REMINDER_LEAD.
   */
  reconcileNow(): Promise<ReconcileReport & { reminders: ReminderReport | null; formalityReminders: number | null }>;
  /** Runs the search reconciler now (it also runs at start and every SEARCH_RECONCILE_INTERVAL). */
  reconcileSearchNow(atBoot?: boolean): Promise<ReconcileOutcome>;
  queues: Queues;
  searchEngine: SearchEngine;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** The clock; the same one the api uses. */
  now?: () => Date;
  /** Observes every committed deadline transition. */
  onTimerFired?: OnTimerFired;
  /** Where failures go; by default pino on stdout at LOG_LEVEL, like the api's. */
  logger?: Logger;
  /**
   * Runs the pool's daily scan once at start (npm start sets it): a scan missed while no worker ran
   * is caught up, and a fresh demo database shows its pool at once instead of after 02:00.
   */
  poolScanAtStart?: boolean;
  /** The search engine, when the process already has one (npm start shares the api's); else one is created. */
  searchEngine?: SearchEngine;
}

async function upsertSchedulers(queues: Queues, config: Config): Promise<void> {
  await queues.maintenance.upsertJobScheduler(
    'purge-sessions',
    { pattern: '17 3 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'purge-sessions' } },
  );
  await queues.maintenance.upsertJobScheduler(
    'purge-outbox',
    { pattern: '47 3 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'purge-outbox' } },
  );
  await queues.maintenance.upsertJobScheduler(
    'purge-zero-results',
    { pattern: '27 3 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'purge-zero-results' } },
  );
  // 措施十三 statistics lag the ledger by at most STATS_ROLLUP_EVERY_MS (plus one roll-up); a nightly
  // full rebuild also catches dimension edits that leave no month mark (server/statistics/rollup.ts).
  await queues.maintenance.upsertJobScheduler(
    'stats-rollup',
    { every: STATS_ROLLUP_EVERY_MS },
    { name: 'maintenance', data: { task: 'stats-rollup' } },
  );
  await queues.maintenance.upsertJobScheduler(
    'stats-rebuild',
    { pattern: '7 4 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'stats-rebuild' } },
  );
  // Auction timers: the sweeper every AUCTION_SWEEP_INTERVAL, the reconciler every minute (an `every`
  // scheduler's first run is at once, so also at boot).
  await queues.auctions.upsertJobScheduler(
    'auction-sweep',
    { every: Math.max(500, durationMs(config.auctionSweepInterval)) },
    { name: 'sweep', data: { action: 'sweep' } },
  );
  await queues.auctions.upsertJobScheduler(
    'auction-reconcile',
    { every: 60_000 },
    { name: 'reconcile', data: { action: 'reconcile' } },
  );
  // 措施五: the pool fills itself daily and is published per period (cron in Shanghai time).
  await queues.pool.upsertJobScheduler(
    POOL_SCHEDULERS.scan,
    { pattern: config.pool.scanCron, tz: 'Asia/Shanghai' },
    { name: 'pool-scan', data: { task: 'scan' } },
  );
  await queues.pool.upsertJobScheduler(
    POOL_SCHEDULERS.edition,
    { pattern: config.pool.editionCron, tz: 'Asia/Shanghai' },
    { name: 'pool-edition', data: { task: 'edition' } },
  );
  // Payment timers are re-created from the rows at boot and every minute (DESIGN §3).
  await queues.pool.upsertJobScheduler(
    POOL_SCHEDULERS.reconcile,
    { every: RECONCILE_EVERY_MS },
    { name: 'reconcile-timers', data: { task: 'reconcile-timers' } },
  );
  // DESIGN §7: whatever the index missed (a crash between commit and enqueue) is repaired from PostgreSQL.
  await queues.search.upsertJobScheduler(
    SEARCH_RECONCILE_SCHEDULER,
    { every: Math.max(1_000, durationMs(config.searchReconcileInterval)) },
    { name: 'reconcile', data: { task: 'reconcile' } },
  );
}

/**
 * Waits for `work` unless the connection is lost first: BullMQ's connection queues commands until
 * Redis is back, so a reconcile pass caught mid-enqueue by an outage would otherwise hold every
 * later pass (and the deadlines they fire from PostgreSQL) for the whole outage. The abandoned
 * work completes or fails on its own when Redis is back; both are idempotent.
 */
async function unlessRedisLost<T>(connection: Redis, work: Promise<T>, log: Logger): Promise<T | 'lost'> {
  // Once abandoned, its failure is the next pass's business; awaited, the caller sees it.
  work.catch((err: unknown) => log.debug({ err }, 'timer reconcile step ended with an error'));
  let onClose!: () => void;
  const lost = new Promise<'lost'>((resolve) => {
    onClose = () => resolve('lost');
    connection.once('close', onClose);
  });
  try {
    return await Promise.race([work, lost]);
  } finally {
    connection.off('close', onClose);
  }
}

export async function startWorkers(
  config: Config,
  db: Db,
  redis: Redis,
  opts: WorkerOptions = {},
): Promise<WorkerHandle> {
  const ctx: ServiceContext = { db, config, now: opts.now ?? (() => new Date()) };
  const log = opts.logger ?? pino({ level: config.logLevel, base: { role: 'worker' } });
  // Every committed deadline transition (job or reconciler): its lateness, then the caller's observer.
  const onTimerFired: OnTimerFired = (kind, listingId, result, job) => {
    timerLateness.observe({ kind }, Math.max(0, result.at.getTime() - result.dueAt.getTime()) / 1000);
    opts.onTimerFired?.(kind, listingId, result, job);
  };
  // One line per state change of Redis for everything this worker holds (issue "Resilience").
  const redisState = redisHealth(log);
  const bullConnection = createRedis(config.redisUrl, { forBullmq: true, health: redisState, role: 'bullmq' });
  const queues = createQueues(bullConnection, config.redisPrefix, (err, queue) => redisState.failed(err, { queue }));
  const common = { connection: bullConnection, prefix: config.redisPrefix };
  const auctionSignals = createAuctionSignals(redis, config.redisPrefix, queues.auctions);
  const ownEngine = !opts.searchEngine;
  const searchEngine = opts.searchEngine ?? createSearchEngine(config, db);
  // The operators' thesaurus first, or Meilisearch's init would send the data file's (issue 21).
  await ensureThesaurus(db);
  await searchEngine.init();
  // The search reconciler at start (in this process, so an empty index — first start, the demo
  // seed — is built before anything else); then the scheduler above runs it as a job.
  let searchRunning: Promise<ReconcileOutcome> | null = null;
  const reconcileSearchNow = (atBoot = false) => {
    searchRunning ??= runSearchReconcile({ ctx, engine: searchEngine }, atBoot).finally(() => {
      searchRunning = null;
    });
    return searchRunning;
  };
  // Started before any processor exists: index jobs in this process wait for it (a job racing the
  // boot rebuild would find its listing missing and announce old matches as new).
  const searchBoot = reconcileSearchNow(true).catch((err: unknown) => {
    log.error({ err }, 'search reconcile at start failed; the scheduler retries it');
  });
  const searchDeps: SearchJobDeps = {
    ctx,
    engine: searchEngine,
    // A scheduled run that finds one in progress returns at once (deferred): awaiting it would hold
    // a job slot for as long, and a slow run (a loaded machine, a large index) then held all four,
    // so no indexing job ran until it ended.
    reconcile: () =>
      searchRunning
        ? Promise.resolve({
            indexed: [],
            removed: [],
            added: [],
            lagging: 0,
            stale: 0,
            rebuilt: false,
            deferred: true,
            ms: 0,
          })
        : reconcileSearchNow(),
    ready: searchBoot,
  };

  const workers = [
    new Worker('maintenance', (job) => processMaintenance(db, config, job), {
      ...common,
      concurrency: QUEUE_SETTINGS.maintenance.concurrency,
    }),
    new Worker<JobPayloads['timers']>('timers', (job, token) => processTimerJob(ctx, job, token, onTimerFired), {
      ...common,
      concurrency: QUEUE_SETTINGS.timers.concurrency,
    }),
    new Worker(
      'auctions',
      (job: Job<JobPayloads['auctions']>, token?: string) =>
        processAuctionJob(db, auctionSignals, queues.auctions, job, token),
      { ...common, concurrency: QUEUE_SETTINGS.auctions.concurrency },
    ),
    new Worker<JobPayloads['pool']>('pool', (job) => processPool(ctx, queues.pool, job), {
      ...common,
      concurrency: QUEUE_SETTINGS.pool.concurrency,
    }),
    new Worker<JobPayloads['search']>('search', (job) => processSearchJob(searchDeps, job), {
      ...common,
      concurrency: QUEUE_SETTINGS.search.concurrency,
    }),
  ];
  for (const w of workers) {
    w.on('completed', (job) => {
      if (job.processedOn && job.finishedOn) {
        jobDuration.observe({ queue: w.name, name: job.name }, (job.finishedOn - job.processedOn) / 1000);
        if (w.name === 'search' && job.name === 'index')
          searchIndexLag.observe((job.finishedOn - job.timestamp) / 1000);
      }
    });
    // Connection errors repeat many times a second while Redis is down: they go to its health line.
    w.on('error', (err) => redisState.failed(err, { queue: w.name }));
    // A failed job is retried by BullMQ (QUEUE_SETTINGS) or repaired by a reconciler; say so.
    w.on('failed', (job, err) => {
      jobFailures.inc({ queue: w.name, name: job?.name ?? 'unknown' });
      log.warn(
        {
          err,
          queue: w.name,
          job: job?.name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          requestId: (job?.data as { requestId?: unknown } | undefined)?.requestId,
          requestIds: (job?.data as { requestIds?: unknown } | undefined)?.requestIds,
        },
        'job failed',
      );
    });
  }
  // Scrape-time gauges: queue depths and ages, the outbox backlog, this worker's pool.
  const unwatch = [watchQueueMetrics(queues, log), watchOutbox(db, log), watchPool(db, 'worker')];
  const stopAuctionListener = await listenForScheduledAuctions(
    redis,
    config.redisPrefix,
    queues.auctions,
    redisState,
    log,
  );

  await upsertSchedulers(queues, config);
  await queues.pool.add('reconcile-timers', { task: 'reconcile-timers' }, { jobId: 'paylater-reconcile-boot' });
  // 措施五: the scan is idempotent (nothing changes on a second run the same day), so a boot run is safe.
  if (opts.poolScanAtStart) await queues.pool.add('scan', { task: 'scan' }, { jobId: 'pool-scan-boot' });

  // Timers are scheduled from committed changes only: the relay hands over what it published.
  const relay = startOutboxRelay(db, redis, config.redisPrefix, {
    health: dependencyHealth('outbox relay', log),
    log,
    onPublished: async (events) => {
      const ids = listingIdsOf(events);
      // Independent follow-ups: a failure of one must not skip the other (each has its reconciler).
      await Promise.allSettled([
        ids.length ? syncListings(ctx, queues.timers, ids, requestsOf(events)) : Promise.resolve(0),
        enqueueIndexing(queues.search, events, db),
        syncScheduleTimers(ctx, queues.pool, events),
      ]);
    },
  });

  // The reconciler: at start and on an interval. Runs never overlap; a failed run is retried next time.
  let running: Promise<
    ReconcileReport & { reminders: ReminderReport | null; formalityReminders: number | null }
  > | null = null;
  const reconcileNow = () => {
    running ??= (async () => {
      try {
        let timers: { report: ReconcileReport } | { error: unknown };
        try {
          // Overdue deadlines first, from PostgreSQL alone: they fire even while Redis is down.
          const redisUp = () => redisIsUp(bullConnection);
          const report = await unlessRedisLost(
            bullConnection,
            reconcileTimers(ctx, queues.timers, onTimerFired, log, redisUp),
            log,
          );
          if (report === 'lost') throw new Error('Redis lost during the timer reconcile; the next pass finishes it');
          // A flush also loses the job schedulers; restoring them is part of restoring Redis.
          if (redisUp()) await unlessRedisLost(bullConnection, upsertSchedulers(queues, config), log);
          timers = { report };
          // A pass that repaired something says what and how many (a quiet pass stays at debug).
          log[report.fired > 0 || report.failed > 0 ? 'info' : 'debug'](
            { reconciler: 'timers', ...report },
            report.fired > 0 ? `timer reconcile fired ${report.fired} overdue deadline(s)` : 'timer reconcile pass',
          );
        } catch (error) {
          log.error({ err: error }, 'timer reconcile failed; retried next interval');
          timers = { error };
        }
        // Reminders ride on the same interval: their precision (a minute) is ample for a lead of days.
        // They need only PostgreSQL, so a Redis outage does not stop them; a failed pass is retried
        // next time (its rows and notifications rolled back together).
        const reminders = await sendDeadlineReminders(ctx, durationMs(config.reminderLead)).catch((err: unknown) => {
          log.error({ err }, 'deadline reminders failed; retried next interval');
          return null;
        });
        if (reminders && reminders.reminded > 0)
          log.info({ reconciler: 'reminders', ...reminders }, 'deadline reminders sent');
        // 措施一: open ownership-change formalities (专利权属变更) are reminded to their institution
        // every FORMALITY_REMINDER_DAYS until approved; PostgreSQL only, once per day however many passes.
        const formalityReminders = await remindOpenFormalities(ctx).catch((err: unknown) => {
          log.error({ err }, 'formality reminders failed; retried next interval');
          return null;
        });
        if (formalityReminders)
          log.info({ reconciler: 'formalities', reminded: formalityReminders }, 'formality reminders sent');
        if ('error' in timers) throw timers.error;
        return { ...timers.report, reminders, formalityReminders };
      } finally {
        running = null;
      }
    })();
    return running;
  };
  // A failed run has logged why above and is retried on the next interval.
  const reconcileInBackground = () =>
    void reconcileNow().catch((err: unknown) => log.debug({ err }, 'timer reconcile run failed'));
  reconcileInBackground();
  const interval = setInterval(reconcileInBackground, Math.max(1_000, durationMs(config.timerReconcileInterval)));
  interval.unref();

  return {
    reconcileNow,
    reconcileSearchNow: (atBoot?: boolean) => reconcileSearchNow(atBoot),
    queues,
    searchEngine,
    async stop() {
      clearInterval(interval);
      for (const u of unwatch) u();
      // Stopping: a failing last run was logged where it failed; only its end is awaited here.
      await running?.catch((err: unknown) => log.debug({ err }, 'reconcile ended with an error at shutdown'));
      await searchBoot;
      await searchRunning?.catch((err: unknown) =>
        log.debug({ err }, 'search reconcile ended with an error at shutdown'),
      );
      await Promise.all(workers.map((w) => w.close()));
      await relay.stop();
      await stopAuctionListener();
      await closeQueues(queues);
      if (ownEngine) await searchEngine.close();
      await bullConnection.quit().catch((err: unknown) => log.debug({ err }, 'bullmq connection already closed'));
    },
  };
}
