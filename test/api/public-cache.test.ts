// The public read cache (server/plugins/public-cache.ts): anonymous list, detail and search answers
// come from memory with an ETag, and a committed change reaches them through the outbox event, or at
// once when this instance made it. Signed-in viewers never get a cached answer.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayBatch } from '../../platform/outbox.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, ok, waitFor } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let listingId: string;
/** Topics of the events this instance received from the relay. */
const seen: string[] = [];

const anon = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const relay = async () => (await relayBatch(t.database.db, t.redis, t.config.redisPrefix)).published;
const hits = () => t.app.publicCache.stats().hits;

/** A change made behind this instance's back (another replica, the worker): rows plus its outbox event. */
async function retitleElsewhere(id: string, title: string): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`update listings set title = ${title} where id = ${id}`);
    await tx.execute(
      sql`insert into outbox (topic, payload) values ('listing.edit', ${JSON.stringify({ listingId: id })}::jsonb)`,
    );
  });
}

beforeAll(async () => {
  // A long TTL, so only events and writes can be what refreshes an entry here.
  t = await setupTestApp({ PUBLIC_CACHE_TTL: 'PT10M' });
  t.app.live.onAnyEvent((e) => seen.push(e.topic));
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  listingId = (await approvedSupply(t.app, inst, operator, { title: '缓存测试：数控机床热误差补偿技术' })).id;
  await relay();
});

afterAll(async () => {
  await t?.close();
});

describe('anonymous public reads', () => {
  it('are served from memory with an ETag, and 304 when the client has it', async () => {
    const first = await anon('/api/v1/listings?pageSize=5');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');

    const before = hits();
    const second = await anon('/api/v1/listings?pageSize=5');
    expect(hits()).toBe(before + 1);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['content-type']).toMatch(/^application\/json/);

    const revalidated = await anon('/api/v1/listings?pageSize=5', { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('show another instance’s change once its outbox event is published, not before', async () => {
    const url = `/api/v1/listings/${listingId}`;
    expect((await anon(url)).json().title).toBe('缓存测试：数控机床热误差补偿技术');

    await retitleElsewhere(listingId, '缓存测试：改名之后');
    // Committed but not yet relayed: the cached answer still stands (this is what the cache saves).
    expect((await anon(url)).json().title).toBe('缓存测试：数控机床热误差补偿技术');
    // A signed-in viewer reads PostgreSQL and sees it already.
    expect((await as(t.app, inst)({ method: 'GET', url })).json().title).toBe('缓存测试：改名之后');

    expect(await relay()).toBeGreaterThan(0);
    await waitFor(
      async () => (await anon(url)).json().title,
      (title) => title === '缓存测试：改名之后',
    );
    const list = (await anon('/api/v1/listings?pageSize=5')).json() as { items: { id: string; title: string }[] };
    expect(list.items.find((i) => i.id === listingId)?.title).toBe('缓存测试：改名之后');
  });

  it('are not dropped by events no public read shows (notifications)', async () => {
    const url = `/api/v1/listings/${listingId}`;
    await anon(url);
    await t.database.db.execute(
      sql`insert into outbox (topic, payload) values ('notification.read', '{"userId":"x","all":true,"unreadCount":0}'::jsonb)`,
    );
    await relay();
    await waitFor(async () => seen.includes('notification.read'), Boolean);
    const before = hits();
    await anon(url);
    expect(hits()).toBe(before + 1);
  });

  it('show a write made through this instance’s API once its event is relayed', async () => {
    const before = (await anon('/api/v1/listings?pageSize=50')).json() as { total: number };
    const fresh = await approvedSupply(t.app, inst, operator, { title: '缓存测试：新发布的成果' });
    // The writer is signed in and sees it at once; anonymous readers after the outbox event.
    const mine = await ok<{ id: string }>(as(t.app, inst)({ method: 'GET', url: `/api/v1/listings/${fresh.id}` }));
    expect(mine.id).toBe(fresh.id);
    expect(await relay()).toBeGreaterThan(0);
    const after = await waitFor(
      async () => (await anon('/api/v1/listings?pageSize=50')).json() as { total: number; items: { id: string }[] },
      (page) => page.total === before.total + 1,
    );
    expect(after.items.some((i) => i.id === fresh.id)).toBe(true);
  });

  it('search answers are cached too, and dropped by the same events', async () => {
    const url = '/api/v1/search?q=%E7%BC%93%E5%AD%98%E6%B5%8B%E8%AF%95';
    await ok(anon(url));
    let before = t.app.publicCache.stats();
    await ok(anon(url));
    expect(t.app.publicCache.stats().hits).toBe(before.hits + 1);

    seen.length = 0;
    await retitleElsewhere(listingId, '缓存测试：搜索之后');
    await relay();
    await waitFor(async () => seen.includes('listing.edit'), Boolean);
    before = t.app.publicCache.stats();
    await ok(anon(url));
    expect(t.app.publicCache.stats()).toMatchObject({ hits: before.hits, misses: before.misses + 1 });
  });
});

describe('signed-in reads', () => {
  it('never come from the cache or go into it', async () => {
    const url = '/api/v1/listings?pageSize=7';
    const member = as(t.app, inst);
    const before = t.app.publicCache.stats();
    await ok(member({ method: 'GET', url }));
    await ok(member({ method: 'GET', url }));
    const after = t.app.publicCache.stats();
    expect(after.hits).toBe(before.hits);
    expect(after.misses).toBe(before.misses);
    expect((await member({ method: 'GET', url })).headers.etag).toBeUndefined();
  });
});
