// The queue dashboard (issue "Resilience" item 6): bull-board at /operator/queues for operators only,
// read-only (a retry, a pause or an added job is refused and changes nothing). The app also serves
// a web build here, so the board's static files live beside the app's own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues } from '../../platform/queues.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let member: Session;

beforeAll(async () => {
  const webDist = mkdtempSync(join(tmpdir(), 'jb-board-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>web</title>');
  t = await setupTestApp({ SERVE_WEB: 'true', WEB_DIST: webDist });
  operator = await createOperator(t.app, t.database.db);
  member = await verifiedMember(t.app, operator, 'enterprise');
});

afterAll(async () => {
  await t?.close();
});

describe('/operator/queues', () => {
  it('shows every queue to an operator, read-only', async () => {
    const page = await as(t.app, operator)({ method: 'GET', url: '/operator/queues' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<base href="/operator/queues/" />');
    // Its inline tags carry the response's CSP nonce, so the policy needs no 'unsafe-inline'.
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    const inline = page.body.match(/<(script|style)(?![^>]*\ssrc=)[^>]*>/g) ?? [];
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
    const asset = page.body.match(/src="(static\/js\/main[^"]+\.js)"/)?.[1];
    expect(asset).toBeTruthy();
    expect((await as(t.app, operator)({ method: 'GET', url: `/operator/queues/${asset}` })).statusCode).toBe(200);

    const api = await as(t.app, operator)({ method: 'GET', url: '/operator/queues/api/queues?activeQueue=timers' });
    expect(api.statusCode).toBe(200);
    const queues = (api.json() as { queues: Array<{ name: string; readOnlyMode: boolean }> }).queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['auctions', 'maintenance', 'pool', 'search', 'timers']);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    // The web app is still served beside it.
    expect((await t.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
  });

  it('refuses to change a queue, even for an operator', async () => {
    const timers = createQueues(t.redis, t.config.redisPrefix, () => undefined);
    for (const [method, url] of [
      ['PUT', '/operator/queues/api/queues/timers/pause'],
      ['PUT', '/operator/queues/api/queues/timers/retry/failed'],
      ['POST', '/operator/queues/api/queues/timers/add'],
    ] as const) {
      const res = await as(t.app, operator)({ method, url, payload: { name: 'x', data: {} } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(await timers.timers.isPaused()).toBe(false);
    expect(await timers.timers.count()).toBe(0);
    await Promise.all(Object.values(timers).map((q) => q.close()));
  });

  it('is refused to anonymous callers and to members', async () => {
    for (const url of ['/operator/queues', '/operator/queues/api/queues']) {
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const asMember = await as(t.app, member)({ method: 'GET', url });
      expect(asMember.statusCode, url).toBe(403);
      expect(asMember.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
  });
});
