// The pool's job schedulers as the worker process registers them, and two worker processes running
// the edition schedule side by side: one edition per scheduled period, numbered without gaps.
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import type { JobPayloads } from '../../platform/queues.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember } from '../helpers/factories.js';

let t: TestContext;
const workers: WorkerHandle[] = [];

beforeAll(async () => {
  // Every third second: short periods through configuration, never through test-only branches.
  t = await setupTestApp({ POOL_SCAN_CRON: '15 2 * * *', POOL_EDITION_CRON: '*/3 * * * * *' });
  const operator = await createOperator(t.app, t.database.db);
  const inst = await verifiedMember(t.app, operator, 'institution');
  await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await t.close();
});

describe('pool job schedulers', () => {
  it('two workers publish exactly one edition per period, the scan having filled the pool first', async () => {
    workers.push(await startWorkers(t.config, t.database.db, t.redis));
    workers.push(await startWorkers(t.config, t.database.db, t.redis));

    const connection = createRedis(t.config.redisUrl, { forBullmq: true });
    const queue = new Queue<JobPayloads['pool'], unknown, string>('pool', { connection, prefix: t.config.redisPrefix });
    try {
      const scan = await queue.getJobScheduler('pool-scan');
      expect(scan).toMatchObject({ pattern: '15 2 * * *', tz: 'Asia/Shanghai' });
      const edition = await queue.getJobScheduler('pool-edition');
      expect(edition).toMatchObject({ pattern: '*/3 * * * * *', tz: 'Asia/Shanghai' });
      expect(await queue.getJobScheduler('paylater-reconcile')).toMatchObject({ every: 60_000 });

      const editions = async () =>
        (
          await t.database.db.execute<{ number: number; period_key: string; entry_count: number }>(
            sql`select number, period_key, entry_count from pool_editions order by number`,
          )
        ).rows;
      await expect.poll(async () => (await editions()).length, { interval: 250 }).toBeGreaterThanOrEqual(2);
      const rows = await editions();
      expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
      expect(new Set(rows.map((r) => r.period_key)).size).toBe(rows.length);
      // Periods are the scheduled seconds, three apart, in Shanghai time.
      for (const r of rows) expect(Number(r.period_key.slice(17)) % 3).toBe(0);
      expect(rows[0]!.entry_count).toBe(1);
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});
