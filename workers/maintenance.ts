// Daily housekeeping. Each task is a plain delete that is safe to run twice or concurrently.
import { lt, sql } from 'drizzle-orm';
import type { Job } from 'bullmq';
import type { Duration } from '../domain/duration.js';
import type { Db } from '../db/client.js';
import { sessions } from '../db/schema/index.js';
import type { Config } from '../platform/config.js';
import type { JobPayloads } from '../platform/queues.js';
import { purgeZeroResults } from '../server/search/zero-results.js';
import { rollUp } from '../server/statistics/rollup.js';

/** Rows deleted per statement: short transactions, no long lock on the relay's table. */
export const OUTBOX_PURGE_BATCH = 5_000;

/**
 * Deletes published outbox rows older than `retention` (counted on PostgreSQL's clock, which also
 * stamped published_at). Never an unpublished row: the relay still owes it. Walks the primary key
 * from the oldest id, so each batch reads only old rows and the table needs no extra index; rows the
 * relay holds (FOR UPDATE SKIP LOCKED) are skipped here too, and picked up the next day.
 */
export async function purgePublishedOutbox(db: Db, retention: Duration, batch = OUTBOX_PURGE_BATCH): Promise<number> {
  const interval = sql`make_interval(${retention.years}, ${retention.months}, ${retention.weeks}, ${retention.days},
    ${retention.hours}, ${retention.minutes}, ${retention.seconds})`;
  let purged = 0;
  for (;;) {
    const res = await db.execute(sql`
      delete from outbox where id in (
        select id from outbox
        where published_at is not null and published_at < now() - ${interval}
        order by id limit ${batch}
        for update skip locked)`);
    const n = res.rowCount ?? 0;
    purged += n;
    if (n < batch) return purged;
  }
}

export async function processMaintenance(
  db: Db,
  config: Pick<Config, 'outboxRetention'>,
  job: Job<JobPayloads['maintenance']>,
): Promise<{ purged?: number; rebuilt?: number }> {
  switch (job.data.task) {
    case 'purge-sessions': {
      const purged = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, new Date()))
        .returning({ t: sessions.tokenHash });
      return { purged: purged.length };
    }
    case 'purge-outbox':
      return { purged: await purgePublishedOutbox(db, config.outboxRetention) };
    case 'purge-zero-results':
      return { purged: await purgeZeroResults(db) };
    case 'stats-rollup':
      return { rebuilt: (await rollUp(db)).rebuilt };
    case 'stats-rebuild':
      return { rebuilt: (await rollUp(db, { full: true })).rebuilt };
  }
}
