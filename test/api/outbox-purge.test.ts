// Published outbox rows are purged after OUTBOX_RETENTION by a daily maintenance job; unpublished
// rows (the relay still owes them) and recent ones stay.
import type { Job } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../workers/main.js';
import { processMaintenance, purgePublishedOutbox } from '../../workers/maintenance.js';
import type { JobPayloads } from '../../platform/queues.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { startTestWorkers } from '../helpers/lifecycle.js';

let t: TestContext;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  t = await setupTestApp({ OUTBOX_RETENTION: 'P7D', LOG_LEVEL: 'error' });
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

async function seed(tag: string) {
  // old published, recent published, old unpublished (never purged), per tag.
  await t.database.db.execute(sql`
    insert into outbox (topic, payload, created_at, published_at) values
      ('test.old', jsonb_build_object('tag', ${tag}::text), now() - interval '30 days', now() - interval '8 days'),
      ('test.old', jsonb_build_object('tag', ${tag}::text), now() - interval '30 days', now() - interval '7 days 1 minute'),
      ('test.recent', jsonb_build_object('tag', ${tag}::text), now() - interval '6 days', now() - interval '6 days 23 hours'),
      ('test.unpublished', jsonb_build_object('tag', ${tag}::text), now() - interval '30 days', null)`);
}

async function left(tag: string): Promise<string[]> {
  const r = await t.database.db.execute<{ topic: string }>(
    sql`select topic from outbox where payload->>'tag' = ${tag} order by topic`,
  );
  return r.rows.map((x) => x.topic);
}

describe('outbox retention', () => {
  it('deletes published rows older than the retention, in batches, and nothing else', async () => {
    await seed('a');
    await seed('b');
    // Batches of one: the loop must go on until a batch comes back short.
    const purged = await purgePublishedOutbox(t.database.db, t.config.outboxRetention, 1);
    expect(purged).toBe(4);
    for (const tag of ['a', 'b']) expect(await left(tag)).toEqual(['test.recent', 'test.unpublished']);
    expect(await purgePublishedOutbox(t.database.db, t.config.outboxRetention, 1)).toBe(0);
  });

  it('runs as the maintenance job with the configured retention, and is scheduled daily', async () => {
    await seed('c');
    const job = { data: { task: 'purge-outbox' } } as Job<JobPayloads['maintenance']>;
    const res = await processMaintenance(
      t.database.db,
      { outboxRetention: { ...t.config.outboxRetention, days: 40 } },
      job,
    );
    expect(res.purged).toBe(0);
    expect(await left('c')).toHaveLength(4);
    expect((await processMaintenance(t.database.db, t.config, job)).purged).toBe(2);
    expect(await left('c')).toEqual(['test.recent', 'test.unpublished']);

    worker = await startTestWorkers(t);
    expect(await worker.queues.maintenance.getJobScheduler('purge-outbox')).toMatchObject({
      pattern: '47 3 * * *',
      tz: 'Asia/Shanghai',
    });
  });
});
