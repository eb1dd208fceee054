// The worker's probes on WORKER_PORT: /healthz while the process runs, /readyz 503 naming Redis while a
// (private) Redis is stopped, 200 when it is back.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../platform/redis.js';
import { startWorkerProbes } from '../../workers/probes.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { PrivateRedis } from '../helpers/redis-server.js';

let t: TestContext;
let server: PrivateRedis;
let redis: Redis;
let probes: Server;
let base: string;

beforeAll(async () => {
  t = await setupTestApp();
  server = await PrivateRedis.start();
  redis = createRedis(server.url);
  probes = await startWorkerProbes(0, '127.0.0.1', { db: t.database.db, redis, log: pino({ level: 'silent' }) });
  base = `http://127.0.0.1:${(probes.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => probes?.close(r));
  redis?.disconnect();
  await server?.stop();
  await t?.close();
});

describe('worker probes', () => {
  it('report liveness always and readiness only with PostgreSQL and Redis', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await server.stop();
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'not_ready', postgres: 'ok', redis: 'down' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await server.restart();
    const until = Date.now() + 60_000;
    while (redis.status !== 'ready' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
