// Publishes outbox rows after their transaction committed: each event goes to the Redis pub/sub
// channel `<prefix>:events` (live pushes on every api instance). Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several relays never publish the same row twice concurrently.
// After a batch is marked published, `onPublished` gets it for follow-up work — the worker uses it to
// schedule the timers of listings whose deadlines the committed change set (workers/timers.ts).
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { DependencyHealth } from './dependency-health.js';
import { redisIsUp } from './redis.js';

export interface PublishedEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** The api request that caused it, when there was one. */
  requestId: string | null;
}

export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}

export type OnPublished = (events: PublishedEvent[]) => Promise<void>;

/** What one relay pass did: rows published, and rows whose publish failed (left for the next pass). */
export interface RelayOutcome {
  published: number;
  failed: number;
}

/** Publishes one batch; returns how many rows it published and how many it could not. */
export async function relayBatch(
  db: Db,
  redis: Redis,
  prefix: string,
  batchSize = 200,
  onPublished?: OnPublished,
  log?: Logger,
): Promise<RelayOutcome> {
  const { events, failed } = await publishBatch(db, redis, prefix, batchSize);
  // Follow-up work is best effort: a failure here is repaired by the timer and search reconcilers.
  if (events.length && onPublished) {
    await onPublished(events).catch((err: unknown) =>
      log?.warn({ err, events: events.length }, 'outbox follow-up failed; the reconcilers repair it'),
    );
  }
  return { published: events.length, failed };
}

async function publishBatch(
  db: Db,
  redis: Redis,
  prefix: string,
  batchSize: number,
): Promise<{ events: PublishedEvent[]; failed: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      id: string;
      topic: string;
      payload: Record<string, unknown>;
      created_at: Date;
      request_id: string | null;
    }>(sql`
      select id, topic, payload, created_at, request_id from outbox
      where published_at is null
      order by id
      limit ${batchSize}
      for update skip locked`);
    if (rows.rows.length === 0) return { events: [], failed: 0 };
    const pipeline = redis.pipeline();
    const events = rows.rows.map((r): PublishedEvent => ({
      id: Number(r.id),
      topic: r.topic,
      payload: r.payload,
      createdAt: new Date(r.created_at).toISOString(),
      requestId: r.request_id,
    }));
    for (const event of events) pipeline.publish(eventsChannel(prefix), JSON.stringify(event));
    // exec() resolves even when commands fail (Redis went away mid-batch): each command has its own
    // [error, result]. A row is marked only when its own PUBLISH succeeded; the others stay
    // unpublished and are retried (a repeat is harmless, delivery is at least once).
    const results = (await pipeline.exec()) ?? [];
    const sent = events.filter((_, i) => results[i] !== undefined && results[i]![0] === null);
    if (sent.length) {
      const ids = sent.map((e) => e.id);
      await tx.execute(sql`update outbox set published_at = now() where id = any(${sql.param(ids)}::bigint[])`);
    }
    return { events: sent, failed: events.length - sent.length };
  });
}

/** Backoff after a failed pass: doubles from the idle poll up to 10 s, reset by the next success. */
export function relayBackoffMs(idleMs: number, consecutiveFailures: number): number {
  return Math.min(10_000, idleMs * 2 ** Math.min(consecutiveFailures, 10));
}

/**
 * Runs the relay until stopped: drains quickly while there is work, polls every `idleMs` otherwise,
 * and backs off while Redis or PostgreSQL is unreachable (without holding row locks: a pass starts
 * only when Redis is connected). Outages are logged through `health`, once per state change.
 */
export function startOutboxRelay(
  db: Db,
  redis: Redis,
  prefix: string,
  opts: { idleMs?: number; onPublished?: OnPublished; health?: DependencyHealth; log?: Logger } = {},
): { stop(): Promise<void> } {
  const idleMs = opts.idleMs ?? 250;
  let stopped = false;
  let wake: (() => void) | null = null;
  let failures = 0;
  // Redis back: publish now rather than at the end of a backoff of up to 10 s (timers scheduled by
  // the backlog, and live pushes, would wait that long after every outage).
  const onReady = () => wake?.();
  redis.on('ready', onReady);
  const loop = (async () => {
    while (!stopped) {
      let outcome: RelayOutcome = { published: 0, failed: 0 };
      try {
        if (!redisIsUp(redis)) throw new Error(`redis ${redis.status}`);
        outcome = await relayBatch(db, redis, prefix, 200, opts.onPublished, opts.log);
        if (outcome.failed > 0) throw new Error(`${outcome.failed} outbox events not published`);
        failures = 0;
        opts.health?.recovered();
      } catch (err) {
        failures++;
        opts.health?.failed(err, { published: outcome.published, failed: outcome.failed });
      }
      const pause = failures > 0 ? relayBackoffMs(idleMs, failures) : outcome.published === 0 ? idleMs : 0;
      if (pause > 0 && !stopped) await new Promise<void>((r) => ((wake = r), setTimeout(r, pause)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      redis.off('ready', onReady);
    },
  };
}
