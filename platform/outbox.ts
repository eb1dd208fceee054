// Publishes outbox rows after their transaction committed: each event goes to the Redis pub/sub
// channel `<prefix>:events` (live pushes on every api instance). Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several relays never publish the same row twice concurrently.
// After a batch is marked published, `onPublished` gets it for follow-up work — the worker uses it to
// schedule the timers of listings whose deadlines the committed change set (workers/timers.ts).
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.js';

export interface PublishedEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}

export type OnPublished = (events: PublishedEvent[]) => Promise<void>;

/** Publishes one batch; returns how many rows it published. */
export async function relayBatch(
  db: Db,
  redis: Redis,
  prefix: string,
  batchSize = 200,
  onPublished?: OnPublished,
): Promise<number> {
  const events = await publishBatch(db, redis, prefix, batchSize);
  // Follow-up work is best effort: a failure here is repaired by the timer reconciler.
  if (events.length && onPublished) await onPublished(events).catch(() => {});
  return events.length;
}

async function publishBatch(db: Db, redis: Redis, prefix: string, batchSize: number): Promise<PublishedEvent[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      id: string;
      topic: string;
      payload: Record<string, unknown>;
      created_at: Date;
    }>(sql`
      select id, topic, payload, created_at from outbox
      where published_at is null
      order by id
      limit ${batchSize}
      for update skip locked`);
    if (rows.rows.length === 0) return [];
    const pipeline = redis.pipeline();
    const events = rows.rows.map((r): PublishedEvent => ({
      id: Number(r.id),
      topic: r.topic,
      payload: r.payload,
      createdAt: new Date(r.created_at).toISOString(),
    }));
    for (const event of events) pipeline.publish(eventsChannel(prefix), JSON.stringify(event));
    await pipeline.exec();
    const ids = events.map((e) => e.id);
    await tx.execute(sql`update outbox set published_at = now() where id = any(${sql.param(ids)}::bigint[])`);
    return events;
  });
}

/** Runs the relay until stopped: drains quickly while there is work, polls every `idleMs` otherwise. */
export function startOutboxRelay(
  db: Db,
  redis: Redis,
  prefix: string,
  opts: { idleMs?: number; onPublished?: OnPublished } = {},
): { stop(): Promise<void> } {
  const idleMs = opts.idleMs ?? 250;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await relayBatch(db, redis, prefix, 200, opts.onPublished);
      } catch {
        // PostgreSQL or Redis briefly unreachable: rows stay unpublished and are retried.
      }
      if (n === 0 && !stopped) await new Promise<void>((r) => ((wake = r), setTimeout(r, idleMs)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
