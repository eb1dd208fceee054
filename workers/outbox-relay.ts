// Publishes outbox rows after their transaction committed: each event goes to the Redis pub/sub
// channel `<prefix>:events` (live pushes on every api instance). Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several relays never publish the same row twice concurrently.
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

/** Publishes one batch; returns how many rows it published. */
export async function relayBatch(db: Db, redis: Redis, prefix: string, batchSize = 200): Promise<number> {
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
    if (rows.rows.length === 0) return 0;
    const pipeline = redis.pipeline();
    for (const r of rows.rows) {
      const event: PublishedEvent = {
        id: Number(r.id),
        topic: r.topic,
        payload: r.payload,
        createdAt: new Date(r.created_at).toISOString(),
      };
      pipeline.publish(eventsChannel(prefix), JSON.stringify(event));
    }
    await pipeline.exec();
    const ids = rows.rows.map((r) => Number(r.id));
    await tx.execute(sql`update outbox set published_at = now() where id = any(${ids}::bigint[])`);
    return ids.length;
  });
}

/** Runs the relay until stopped: drains quickly while there is work, polls every `idleMs` otherwise. */
export function startOutboxRelay(db: Db, redis: Redis, prefix: string, idleMs = 250): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await relayBatch(db, redis, prefix);
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
