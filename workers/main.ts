// The worker process: BullMQ processors, job schedulers and the outbox relay. Shutdown closes the
// workers first (letting running jobs finish), then the relay, then the connections.
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import type { Config } from '../server/config.js';
import { durationMs } from '../domain/duration.js';
import { createAuctionSignals } from '../server/live/signals.js';
import { listenForScheduledAuctions, processAuctionJob } from './auctions.js';
import { processMaintenance } from './maintenance.js';
import { startOutboxRelay } from './outbox-relay.js';
import { closeQueues, createQueues, QUEUE_SETTINGS, type JobPayloads } from './queues.js';
import { createRedis } from './redis.js';

export interface WorkerHandle {
  stop(): Promise<void>;
}

export async function startWorkers(config: Config, db: Db, redis: Redis): Promise<WorkerHandle> {
  const bullConnection = createRedis(config.redisUrl, { forBullmq: true });
  const queues = createQueues(bullConnection, config.redisPrefix);

  const auctionSignals = createAuctionSignals(redis, config.redisPrefix, queues.auctions);

  const workers = [
    new Worker('maintenance', (job) => processMaintenance(db, job), {
      connection: bullConnection,
      prefix: config.redisPrefix,
      concurrency: QUEUE_SETTINGS.maintenance.concurrency,
    }),
    new Worker(
      'auctions',
      (job: Job<JobPayloads['auctions']>, token?: string) =>
        processAuctionJob(db, auctionSignals, queues.auctions, job, token),
      {
        connection: bullConnection,
        prefix: config.redisPrefix,
        concurrency: QUEUE_SETTINGS.auctions.concurrency,
      },
    ),
  ];
  for (const w of workers) w.on('error', () => {});

  await queues.maintenance.upsertJobScheduler(
    'purge-sessions',
    { pattern: '17 3 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'purge-sessions' } },
  );

  // Auction timers: the sweeper every AUCTION_SWEEP_INTERVAL, the reconciler at boot and every minute.
  await queues.auctions.upsertJobScheduler(
    'auction-sweep',
    { every: Math.max(500, durationMs(config.auctionSweepInterval)) },
    { name: 'sweep', data: { action: 'sweep' } },
  );
  await queues.auctions.upsertJobScheduler(
    'auction-reconcile',
    { every: 60_000, immediately: true },
    { name: 'reconcile', data: { action: 'reconcile' } },
  );
  const stopAuctionListener = await listenForScheduledAuctions(redis, config.redisPrefix, queues.auctions);

  const relay = startOutboxRelay(db, redis, config.redisPrefix);

  return {
    async stop() {
      await Promise.all(workers.map((w) => w.close()));
      await relay.stop();
      await stopAuctionListener();
      await closeQueues(queues);
      await bullConnection.quit().catch(() => {});
    },
  };
}
