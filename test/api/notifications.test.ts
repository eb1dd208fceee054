// The inbox API and live pushes over GET /api/v1/live across two api instances sharing PostgreSQL and
// Redis: a change committed through instance A reaches the user's socket on instance B.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../server/app.js';
import type { WorkerHandle } from '../../workers/main.js';
import { createRedis } from '../../platform/redis.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, supplyBody, verifiedMember, type Session } from '../helpers/factories.js';
import { ok, startTestWorkers } from '../helpers/lifecycle.js';

let t: TestContext;
let other: FastifyInstance;
let otherRedis: ReturnType<typeof createRedis>;
let baseB: string;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;

beforeAll(async () => {
  t = await setupTestApp();
  otherRedis = createRedis(t.config.redisUrl);
  other = await buildApp({ config: t.config, db: t.database.db, redis: otherRedis, pluginTimeoutMs: 180_000 });
  await other.listen({ host: '127.0.0.1', port: 0 });
  const address = other.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  baseB = `ws://127.0.0.1:${address.port}`;
  worker = await startTestWorkers(t);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
});
afterAll(async () => {
  await worker.stop();
  await other.close();
  await otherRedis.quit();
  await t.close();
});

async function pendingListing(): Promise<string> {
  const member = as(t.app, inst);
  const result = await ok<{ id: string }>(
    member({ method: 'POST', url: '/api/v1/results', payload: resultBody() }),
    201,
  );
  const draft = await ok<{ id: string }>(
    member({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result.id) }),
    201,
  );
  await ok(member({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  return draft.id;
}

type Message = { type: string } & Record<string, unknown>;

function connect(session: Session | null, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${baseB}/api/v1/live`, {
    headers: { ...(session ? { cookie: `jb_sid=${session.cookie}` } : {}), ...headers },
  });
  const messages: Message[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Message);
    for (const w of waiters.splice(0)) w();
  });
  const next = async (type: string, timeoutMs = 60_000): Promise<Message> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return messages.splice(i, 1)[0]!;
      if (Date.now() > until) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return { socket, next };
}

function refusedStatus(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => reject(new Error('opened')));
    socket.on('error', reject);
  });
}

describe('the inbox', () => {
  it('lists, counts and marks notifications read, for their owner only', async () => {
    const id = await pendingListing();
    await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` }));
    const inbox = await ok<{
      items: Array<{ id: string; kind: string; body: string; readAt: null }>;
      unreadCount: number;
    }>(as(t.app, inst)({ method: 'GET', url: '/api/v1/notifications' }));
    const approved = inbox.items.find((n) => n.kind === 'listing_approved')!;
    expect(approved.body).toContain('已通过审核');
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);

    // Another user's notification does not exist for this one.
    const stranger = await as(t.app, operator)({ method: 'POST', url: `/api/v1/notifications/${approved.id}/read` });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);

    const read = await ok<{ unreadCount: number }>(
      as(t.app, inst)({ method: 'POST', url: `/api/v1/notifications/${approved.id}/read` }),
    );
    expect(read.unreadCount).toBe(inbox.unreadCount - 1);
    await ok(as(t.app, inst)({ method: 'POST', url: '/api/v1/notifications/read-all' }));
    const count = await ok<{ unreadCount: number }>(
      as(t.app, inst)({ method: 'GET', url: '/api/v1/notifications/unread-count' }),
    );
    expect(count.unreadCount).toBe(0);
    const unreadOnly = await ok<{ items: unknown[]; total: number }>(
      as(t.app, inst)({ method: 'GET', url: '/api/v1/notifications?unread=true&page=1&pageSize=5' }),
    );
    expect(unreadOnly).toMatchObject({ items: [], total: 0 });
  });
});

describe('GET /api/v1/live', () => {
  it('refuses an anonymous handshake and one from another origin', async () => {
    expect(await refusedStatus(connect(null).socket)).toBe(401);
    expect(await refusedStatus(connect(inst, { origin: 'https://evil.example' }).socket)).toBe(403);
  });

  it('pushes a notification committed through another instance to the signed-in user', async () => {
    const id = await pendingListing();
    const { socket, next } = connect(inst, { origin: baseB.replace('ws:', 'http:') });
    try {
      const hello = await next('hello');
      expect(typeof hello.unreadCount).toBe('number');
      socket.send(JSON.stringify({ type: 'ping' }));
      await next('pong');

      // The approval is made through instance A; the socket is held by instance B.
      await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` }));
      // An earlier test's notification may still be on its way through the relay: skip those.
      let n: { kind: string; listingId: string; id: string };
      do {
        n = (await next('notification')).notification as typeof n;
      } while (n.listingId !== id);
      expect(n).toMatchObject({ kind: 'listing_approved', listingId: id });
      // The pushed message is exactly what the inbox API returns for it.
      const inbox = await ok<{ items: Array<{ id: string }> }>(
        as(t.app, inst)({ method: 'GET', url: '/api/v1/notifications' }),
      );
      expect(inbox.items.find((x) => x.id === n.id)).toEqual(n);

      // Marking it read on A updates the bell on B.
      await ok(as(t.app, inst)({ method: 'POST', url: `/api/v1/notifications/${n.id}/read` }));
      // (Earlier tests' read events may still be on their way; the one for this notification arrives.)
      let read = await next('read');
      while ((read.ids as string[] | undefined)?.[0] !== n.id) read = await next('read');
      expect(read).toMatchObject({ ids: [n.id], unreadCount: expect.any(Number) });
    } finally {
      socket.close();
    }
  });

  it('does not push one user’s notifications to another', async () => {
    const id = await pendingListing();
    const { socket, next } = connect(operator);
    const owner = connect(inst, { origin: baseB.replace('ws:', 'http:') });
    try {
      await next('hello');
      await owner.next('hello');
      await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` }));
      // The owner's socket on the same instance gets it: the instance has handed the event out.
      let n: { listingId: string };
      do {
        n = (await owner.next('notification', 30_000)).notification as typeof n;
      } while (n.listingId !== id);
      // A ping sent now is answered after that hand-out; a socket delivers in order, so anything
      // pushed to the operator for it would arrive before the pong.
      socket.send(JSON.stringify({ type: 'ping' }));
      await next('pong', 30_000);
      await expect(next('notification', 0)).rejects.toThrow('no notification');
    } finally {
      socket.close();
      owner.socket.close();
    }
  });
});
