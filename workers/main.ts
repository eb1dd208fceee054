// The worker process: BullMQ processors, job schedulers and the outbox relay. Shutdown closes the
// workers first (letting running jobs finish), then the relay, then the connections.
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import type { Config } from '../server/config.js';
import { processMaintenance } from './maintenance.js';
import { POOL_SCHEDULERS, processPool, RECONCILE_EVERY_MS } from './pool.js';
import { startOutboxRelay } from './outbox-relay.js';
import { closeQueues, createQueues, QUEUE_SETTINGS } from './queues.js';
import { createRedis } from './redis.js';

export interface WorkerHandle {
  stop(): Promise<void>;
}

export async function startWorkers(config: Config, db: Db, redis: Redis): Promise<WorkerHandle> {
  const bullConnection = createRedis(config.redisUrl, { forBullmq: true });
  const queues = createQueues(bullConnection, config.redisPrefix);
  const ctx = { db, config, now: () => new Date() };

  const workers = [
    new Worker('maintenance', (job) => processMaintenance(db, job), {
      connection: bullConnection,
      prefix: config.redisPrefix,
      concurrency: QUEUE_SETTINGS.maintenance.concurrency,
    }),
    new Worker('pool', (job) => processPool(ctx, queues.pool, job), {
      connection: bullConnection,
      prefix: config.redisPrefix,
      concurrency: QUEUE_SETTINGS.pool.concurrency,
    }),
  ];
  for (const w of workers) w.on('error', () => {});

  await queues.maintenance.upsertJobScheduler(
    'purge-sessions',
    { pattern: '17 3 * * *', tz: 'Asia/Shanghai' },
    { name: 'maintenance', data: { task: 'purge-sessions' } },
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
  await queues.pool.add('reconcile-timers', { task: 'reconcile-timers' }, { jobId: 'paylater-reconcile-boot' });

  const relay = startOutboxRelay(db, redis, config.redisPrefix);

  return {
    async stop() {
      await Promise.all(workers.map((w) => w.close()));
      await relay.stop();
      await closeQueues(queues);
      await bullConnection.quit().catch(() => {});
    },
  };
}
