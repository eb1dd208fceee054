// Prometheus metrics (issue "Resilience" item 5), one registry per process: in `npm start all` the
// api's and the worker's families come out of the same scrape. Counters and histograms are updated
// where things happen; gauges that describe a state (pool, queues, outbox) are read at scrape time
// from the sources each part registers (`addMetricsSource`), so a scrape shows the state now.
// Served by the api (GET /metrics) and the worker's probe port behind METRICS_TOKEN, or on
// METRICS_PORT (scripts/start.ts).
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Queues } from './queues.js';

export const registry = new Registry();
// Process metrics, among them the event-loop delay (nodejs_eventloop_lag_seconds and its percentiles).
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

export const httpDuration = new Histogram({
  name: 'jiebang_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern (not the raw URL), method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const websocketConnections = new Gauge({
  name: 'jiebang_websocket_connections',
  help: 'Open websocket connections by endpoint (route pattern)',
  labelNames: ['endpoint'] as const,
  registers: [registry],
});

export const bids = new Counter({
  name: 'jiebang_bids_total',
  help: 'Bid attempts by outcome (accepted, refused) and reason (new, replay, or the refusal code)',
  labelNames: ['outcome', 'reason'] as const,
  registers: [registry],
});

/** Counts one bid attempt: accepted (new or an idempotent replay), or refused with its error code. */
export function countBid(outcome: { accepted: true; replay: boolean } | { accepted: false; code: string }): void {
  if (outcome.accepted) bids.inc({ outcome: 'accepted', reason: outcome.replay ? 'replay' : 'new' });
  else bids.inc({ outcome: 'refused', reason: outcome.code });
}

export const outboxBacklog = new Gauge({
  name: 'jiebang_outbox_backlog',
  help: 'Outbox rows not yet published',
  registers: [registry],
});

export const outboxLag = new Gauge({
  name: 'jiebang_outbox_lag_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when none)',
  registers: [registry],
});

export const queueDepth = new Gauge({
  name: 'jiebang_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, prioritized, failed)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

export const queueOldestAge = new Gauge({
  name: 'jiebang_queue_oldest_waiting_age_seconds',
  help: 'How long the oldest waiting job of each queue has been due (0 when none waits)',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'jiebang_job_duration_seconds',
  help: 'BullMQ job processing time by queue and job name',
  labelNames: ['queue', 'name'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const jobFailures = new Counter({
  name: 'jiebang_job_failures_total',
  help: 'Failed BullMQ job attempts by queue and job name (retried per the queue settings)',
  labelNames: ['queue', 'name'] as const,
  registers: [registry],
});

export const timerLateness = new Histogram({
  name: 'jiebang_timer_lateness_seconds',
  help: 'Listing deadline timers: deadline to committed transition',
  labelNames: ['kind'] as const,
  buckets: LAG_BUCKETS,
  registers: [registry],
});

export const searchIndexLag = new Histogram({
  name: 'jiebang_search_index_lag_seconds',
  help: 'Search index: from the indexing job being enqueued (the change published) to its document written',
  buckets: LAG_BUCKETS,
  registers: [registry],
});

export const pgPool = new Gauge({
  name: 'jiebang_pg_pool_clients',
  help: 'PostgreSQL pool clients by pool and state (in_use, idle, waiting = requests queued for a client)',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
});

const sourceErrors = new Counter({
  name: 'jiebang_metrics_source_errors_total',
  help: 'Scrape-time metric sources that failed (their gauges are missing from that scrape)',
  labelNames: ['source'] as const,
  registers: [registry],
});

/** Gauges that only scrape-time sources set: cleared before each scrape, so a gone source leaves no stale series. */
const SCRAPED = [outboxBacklog, outboxLag, queueDepth, queueOldestAge, pgPool];

type Source = { name: string; read: () => Promise<void> | void; log?: Logger };
const sources = new Set<Source>();

/** Registers a scrape-time reader; returns its removal (call it when the part it reads closes). */
export function addMetricsSource(name: string, read: Source['read'], log?: Logger): () => void {
  const source: Source = { name, read, log };
  sources.add(source);
  return () => void sources.delete(source);
}

/** Reads the clients of the pg pool behind a drizzle database at scrape time. */
export function watchPool(db: Db, name: string): () => void {
  const pool = (db as unknown as { $client?: pg.Pool }).$client;
  if (!pool || typeof pool.totalCount !== 'number') return () => undefined;
  return addMetricsSource(`pg pool ${name}`, () => {
    pgPool.set({ pool: name, state: 'in_use' }, pool.totalCount - pool.idleCount);
    pgPool.set({ pool: name, state: 'idle' }, pool.idleCount);
    pgPool.set({ pool: name, state: 'waiting' }, pool.waitingCount);
  });
}

/** Reads every queue's job counts and the age of its oldest waiting job at scrape time. */
export function watchQueueMetrics(queues: Queues, log?: Logger): () => void {
  return addMetricsSource(
    'queues',
    async () => {
      const now = Date.now();
      await Promise.all(
        Object.values(queues).map(async (q) => {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
          for (const [state, n] of Object.entries(counts)) queueDepth.set({ queue: q.name, state }, n);
          // The oldest job of the wait list; a promoted delayed job has been due since timestamp + delay.
          const [oldest] = await q.getJobs(['wait'], 0, 0, true);
          const dueAt = oldest ? oldest.timestamp + (oldest.opts.delay ?? 0) : now;
          queueOldestAge.set({ queue: q.name }, Math.max(0, now - dueAt) / 1000);
        }),
      );
    },
    log,
  );
}

/** Reads the outbox backlog (unpublished rows) and the age of its oldest row at scrape time. */
export function watchOutbox(db: Db, log?: Logger): () => void {
  return addMetricsSource(
    'outbox',
    async () => {
      const r = await db.execute<{ n: number; age: number | null }>(
        sql`select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age
            from outbox where published_at is null`,
      );
      outboxBacklog.set(r.rows[0]?.n ?? 0);
      outboxLag.set(Math.max(0, r.rows[0]?.age ?? 0));
    },
    log,
  );
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

/** The text exposition of every metric, after the scrape-time sources ran (each within 2 s). */
export async function scrape(): Promise<string> {
  for (const g of SCRAPED) g.reset();
  await Promise.all(
    [...sources].map(async (s) => {
      try {
        await within(Promise.resolve(s.read()), 2_000);
      } catch (err) {
        sourceErrors.inc({ source: s.name });
        s.log?.warn({ err, source: s.name }, 'metrics source failed; its gauges are missing from this scrape');
      }
    }),
  );
  return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;

/** Whether an Authorization header carries the metrics bearer token (compared in constant time). */
export function metricsAuthorized(header: string | undefined, token: string | null): boolean {
  if (!token || !header) return false;
  const m = /^Bearer (.+)$/i.exec(header);
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * METRICS_PORT: a listener serving only GET /metrics, meant for a private network. With
 * METRICS_TOKEN set it asks for the token here too.
 */
export async function startMetricsServer(
  port: number,
  host: string,
  token: string | null,
  log: Logger,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (token && !metricsAuthorized(req.headers.authorization, token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized');
      return;
    }
    scrape().then(
      (body) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(body),
      (err: unknown) => {
        log.error({ err }, 'metrics scrape failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('scrape failed');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  log.info({ port }, 'metrics listening');
  return server;
}
