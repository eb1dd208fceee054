// The worker's probes, like the api's: /healthz (the process answers) and /readyz (PostgreSQL and
// Redis answer within a second), on WORKER_PORT, with /metrics behind METRICS_TOKEN. An orchestrator
// restarts a worker whose event loop is stuck and keeps one that cannot reach its dependencies out
// of rotation.
import { createServer, type Server } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { METRICS_CONTENT_TYPE, metricsAuthorized, scrape } from '../platform/metrics.js';

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

export async function readiness(db: Db, redis: Redis): Promise<{ postgres: 'ok' | 'down'; redis: 'ok' | 'down' }> {
  const [postgres, r] = await Promise.allSettled([
    within(db.execute(sql`select 1`), 1_000),
    within(redis.ping(), 1_000),
  ]);
  return { postgres: postgres.status === 'fulfilled' ? 'ok' : 'down', redis: r.status === 'fulfilled' ? 'ok' : 'down' };
}

export async function startWorkerProbes(
  port: number,
  host: string,
  deps: { db: Db; redis: Redis; log: Logger; metricsToken?: string | null },
): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/healthz') return send(200, { status: 'ok' });
    if (req.url === '/readyz') {
      void readiness(deps.db, deps.redis).then((checks) => {
        const ready = checks.postgres === 'ok' && checks.redis === 'ok';
        send(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', ...checks });
      });
      return;
    }
    // Prometheus metrics behind METRICS_TOKEN, as on the api (platform/metrics.ts).
    if (req.url === '/metrics' && deps.metricsToken) {
      if (!metricsAuthorized(req.headers.authorization, deps.metricsToken)) {
        res.setHeader('www-authenticate', 'Bearer');
        return send(401, { status: 'unauthorized' });
      }
      void scrape().then(
        (body) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(body),
        (err: unknown) => {
          deps.log.error({ err }, 'metrics scrape failed');
          send(500, { status: 'error' });
        },
      );
      return;
    }
    send(404, { status: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  deps.log.info({ port }, 'worker probes listening');
  return server;
}
