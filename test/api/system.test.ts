import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeQueues, createQueues } from '../../platform/queues.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { waitFor } from '../helpers/lifecycle.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

describe('probes and documentation', () => {
  it('reports alive and ready when PostgreSQL and Redis answer', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok' });
  });

  it('reports not ready when Redis is unreachable', async () => {
    const t2 = await setupTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await t2.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().redis).toBe('down');
    } finally {
      await t2.app.close();
      t2.redis.disconnect();
      await t2.database.close();
      await t2.testDb.drop();
    }
  });

  it('hands queue connection errors to the structured log instead of printing them raw', async () => {
    const stderr = vi.spyOn(console, 'error');
    const dead = createRedis('redis://127.0.0.1:1', { forBullmq: true });
    const seen: string[] = [];
    const queues = createQueues(dead, 'dead', (err, queue) => {
      seen.push(`${queue} ${(err as NodeJS.ErrnoException).code}`);
    });
    try {
      await waitFor(
        async () => seen,
        (s) => s.includes('timers ECONNREFUSED'),
      );
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      dead.disconnect();
      await closeQueues(queues);
    }
  });

  it('documents every API route in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => l.includes('/api/v1'));
    expect(routes.length).toBeGreaterThan(0);
    for (const path of [
      '/api/v1/listings',
      '/api/v1/auth/register',
      '/api/v1/operator/listings/{id}/approve',
      '/api/v1/results/{id}',
    ]) {
      expect([...documented].some((d) => d.endsWith(` ${path}`))).toBe(true);
    }
    expect(documented.size).toBeGreaterThanOrEqual(25);
  });

  it('answers unknown API paths with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, requestId: expect.any(String) });
  });
});
