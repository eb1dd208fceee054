// Metrics (issue "Resilience" item 5): the api's GET /metrics and the worker's probe port serve every
// family in Prometheus text format behind METRICS_TOKEN, and refuse a scrape without it.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import { startWorkerProbes } from '../../workers/probes.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, registerBidders, startNow } from '../helpers/auctions.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { Watcher } from '../helpers/live.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const silent = pino({ level: 'silent' });
let t: TestContext;
let workers: WorkerHandle;
let probes: Server;
let probesWithoutToken: Server;
let host: string;
let auctionId: string;
let bidders: Array<Session & { alias: string }>;

const portOf = (s: Server) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  t = await setupTestApp({ METRICS_TOKEN: TOKEN, AUCTION_START_LEAD: 'PT1H', BID_RATE_LIMIT: '10000' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  host = `127.0.0.1:${portOf(t.app.server)}`;
  workers = await startWorkers(t.config, t.database.db, t.redis, { logger: silent });
  probes = await startWorkerProbes(0, '127.0.0.1', {
    db: t.database.db,
    redis: t.redis,
    log: silent,
    metricsToken: TOKEN,
  });
  probesWithoutToken = await startWorkerProbes(0, '127.0.0.1', { db: t.database.db, redis: t.redis, log: silent });
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId } = await auctionListing(t.app, institution, operator));
  bidders = await registerBidders(t.app, operator, auctionId, 1);
  await startNow(t.database.db, auctionId, 10 * 60_000, t.app.auctionSignals);
});

afterAll(async () => {
  await new Promise((r) => probes?.close(r));
  await new Promise((r) => probesWithoutToken?.close(r));
  await workers?.stop();
  await t?.close();
});

describe('GET /metrics', () => {
  it('is refused without the bearer token, with a wrong one, and to a signed-in user', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(none.body).not.toContain('jiebang_');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const member = await as(t.app, bidders[0]!)({ method: 'GET', url: '/metrics' });
    expect(member.statusCode).toBe(401);
    const worker = await fetch(`http://127.0.0.1:${portOf(probes)}/metrics`);
    expect(worker.status).toBe(401);
    expect(await worker.text()).not.toContain('jiebang_');
    // A worker without METRICS_TOKEN has no /metrics on its probe port.
    expect((await fetch(`http://127.0.0.1:${portOf(probesWithoutToken)}/metrics`)).status).toBe(404);
  });

  it('serves every family, with routes by pattern, websockets by endpoint and bids by outcome', async () => {
    const watcher = new Watcher(`ws://${host}/api/v1/auctions/${auctionId}/live`, bidders[0]!.cookie);
    const snap = await watcher.connect();
    const bid = await as(
      t.app,
      bidders[0]!,
    )({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/bids`,
      payload: { amount: snap.auction.nextMinimumFen, idempotencyKey: randomUUID() },
    });
    expect(bid.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/listings/${randomUUID()}` })).statusCode).toBe(404);

    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    for (const [family, type] of [
      ['jiebang_http_request_duration_seconds', 'histogram'],
      ['jiebang_websocket_connections', 'gauge'],
      ['jiebang_bids_total', 'counter'],
      ['jiebang_outbox_backlog', 'gauge'],
      ['jiebang_outbox_lag_seconds', 'gauge'],
      ['jiebang_queue_jobs', 'gauge'],
      ['jiebang_queue_oldest_waiting_age_seconds', 'gauge'],
      ['jiebang_job_duration_seconds', 'histogram'],
      ['jiebang_job_failures_total', 'counter'],
      ['jiebang_timer_lateness_seconds', 'histogram'],
      ['jiebang_search_index_lag_seconds', 'histogram'],
      ['jiebang_pg_pool_clients', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
    ] as const) {
      expect(body, family).toContain(`# TYPE ${family} ${type}`);
    }
    // The route pattern, never the raw URL (no listing id in any label).
    expect(body).toMatch(
      /jiebang_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/listings\/:id",status="404"\} \d+/,
    );
    expect(body).not.toMatch(/route="\/api\/v1\/listings\/[0-9a-f]{8}-/);
    expect(body).toContain('jiebang_websocket_connections{endpoint="/api/v1/auctions/:id/live"} 1');
    expect(body).toMatch(/jiebang_bids_total\{outcome="accepted",reason="new"\} [1-9]/);
    for (const q of ['maintenance', 'timers', 'auctions', 'pool', 'search'])
      expect(body).toContain(`jiebang_queue_jobs{queue="${q}",state="delayed"}`);
    expect(body).toMatch(/jiebang_outbox_backlog \d+/);
    expect(body).toMatch(/jiebang_pg_pool_clients\{pool="api",state="in_use"\} \d+/);
    expect(body).toMatch(/jiebang_pg_pool_clients\{pool="worker",state="waiting"\} \d+/);

    // The worker's probe port serves the same registry with the token.
    const worker = await fetch(`http://127.0.0.1:${portOf(probes)}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(worker.status).toBe(200);
    expect(await worker.text()).toContain('# TYPE jiebang_queue_jobs gauge');

    watcher.close();
  });
});
