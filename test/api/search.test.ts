// Search through the API with the real worker: listings indexed from published events, removed when
// they leave the public states, repaired by the reconciler; match notifications once per pair;
// /matches visibility; hostile and invalid queries.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchNotifications, notifications } from '../../db/schema/index.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, ok, verifiedEnterprise, waitFor } from '../helpers/lifecycle.js';

let t: TestContext;
let workers: WorkerHandle;
let operator: Session;
let inst: Session;
let ent: Session;
let ent2: Session;
let demandId: string;
let unrelatedDemandId: string;
let supplyId: string;

interface SearchBody {
  hits: Array<{
    id: string;
    kind: string;
    title: string;
    priceFen: number | null;
    highlights: { title: Array<{ text: string; hit: boolean }>; summary: Array<{ text: string; hit: boolean }> };
  }>;
  total: number;
  facets: Record<string, Array<{ value: string; count: number }>>;
}

const search = (query: string) => ok<SearchBody>(t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` }));

const found = (query: string, id: string) =>
  waitFor(
    () => search(query),
    (r) => r.hits.some((h) => h.id === id),
  );
const gone = (query: string, id: string) =>
  waitFor(
    () => search(query),
    (r) => !r.hits.some((h) => h.id === id),
  );

/**
 * Every change so far handed to the search worker and indexed: no outbox row left to publish and no
 * search job waiting, running or delayed (but the reconciler's own scheduled run, always delayed). A
 * test that changes rows behind the index's back waits for this first, or a late job from an earlier
 * step would index the change and hide what it tests.
 */
const searchIdle = () =>
  waitFor(
    async () => {
      const { rows } = await t.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from outbox where published_at is null`,
      );
      const queue = workers.queues.search;
      const jobs = await queue.getJobCounts('waiting', 'active', 'prioritized');
      const delayed = (await queue.getDelayed()).filter((j) => !j.repeatJobKey);
      return rows[0]!.n + Object.values(jobs).reduce((a, b) => a + b, 0) + delayed.length;
    },
    (pending) => pending === 0,
  );

async function approvedDemandWith(session: Session, body: Record<string, unknown>): Promise<string> {
  const member = as(t.app, session);
  const draft = await ok<{ id: string }>(
    member({
      method: 'POST',
      url: '/api/v1/listings',
      payload: {
        kind: 'demand',
        field: 'new_energy',
        region: 'shenyang',
        priceFen: 30_000_000,
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        contactName: '王经理',
        contactPhone: '13800000000',
        ...body,
      },
    }),
    201,
  );
  await ok(member({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }));
  return draft.id;
}

const matchRows = () => t.database.db.select().from(matchNotifications);
const matchFound = (orgUserId: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(sql`${notifications.userId} = ${orgUserId} and ${notifications.kind} = 'match_found'`);

beforeAll(async () => {
  // The reconciler runs when a test says so (reconcileSearchNow), not every minute of real time: a
  // scheduled run between a change behind the index's back and the assertion would repair it early.
  t = await setupTestApp({ SEARCH_RECONCILE_INTERVAL: 'PT1H' });
  workers = await startWorkers(t.config, t.database.db, t.redis, { searchEngine: t.app.searchEngine });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedEnterprise(t.app, operator);
  ent2 = await verifiedEnterprise(t.app, operator);
  demandId = await approvedDemandWith(ent, {
    title: '高镍三元正极材料制备技术需求',
    summary: '寻求高镍三元正极材料的中试工艺包，用于年产千吨级产线建设，并需要技术指导。',
    description: '现有产线良率偏低，希望引入成熟的共沉淀工艺。',
  });
  unrelatedDemandId = await approvedDemandWith(ent2, {
    title: '光伏组件清洗机器人需求',
    summary: '寻求适用于大型地面电站的光伏组件自动清洗机器人，节水并可夜间作业，兼顾正极接线盒检测。',
    priceFen: 5_000_000,
  });
  await found('q=正极材料&kind=demand', demandId);
  await found('q=光伏', unrelatedDemandId);
  supplyId = (await approvedSupply(t.app, inst, operator)).id;
  await found('q=高镍', supplyId);
});

afterAll(async () => {
  await workers?.stop();
  await t?.close();
});

describe('indexing through the worker', () => {
  it('finds an approved listing by a 2-character substring with highlights and facet counts', async () => {
    const r = await search('q=' + encodeURIComponent('正极'));
    expect(r.total).toBeGreaterThanOrEqual(2);
    const supply = r.hits.find((h) => h.id === supplyId)!;
    expect(supply.highlights.title.filter((s) => s.hit).map((s) => s.text)).toContain('正极');
    expect(supply.highlights.title.map((s) => s.text).join('')).toBe(supply.title);
    expect(r.facets.kind).toEqual(
      expect.arrayContaining([
        { value: 'supply', count: 1 },
        { value: 'demand', count: 2 },
      ]),
    );
  });

  it('filters, sorts and pages', async () => {
    const demands = await search('kind=demand&field=new_energy&sort=price');
    expect(demands.hits.map((h) => h.id)).toEqual([unrelatedDemandId, demandId]);
    // The kind facet is counted without its own filter, so the sidebar can offer the other kind.
    expect(demands.facets.kind).toEqual(expect.arrayContaining([{ value: 'supply', count: 1 }]));
    const cheap = await search('min=0&max=10000000');
    expect(cheap.hits.map((h) => h.id)).toEqual([unrelatedDemandId]);
    const paged = await search('pageSize=1&page=2&sort=price');
    expect(paged.hits).toHaveLength(1);
    expect(paged.total).toBe(3);
  });

  it('marks a listing whose result enters the pay-later pool, and unmarks it when it leaves', async () => {
    expect((await search('inPool=true')).total).toBe(0);
    // The daily scan includes the result (its patent was granted in 2021): a pool.included event
    // names the result, and the listing offering it is re-indexed.
    await runPoolScan(t.ctx);
    const inPool = await found('inPool=true', supplyId);
    expect(inPool.total).toBe(1);
    expect((await search('inPool=false')).hits.map((h) => h.id)).not.toContain(supplyId);
    // Left the pool behind the index's back: the reconciler compares the flag, not only versions.
    await t.database.db.execute(sql`update pool_entries set removed_at = now(), removal_reason = 'opted_out'`);
    await workers.reconcileSearchNow();
    expect((await search('inPool=true')).total).toBe(0);
  });

  it('re-indexes the listings offering a result when the result is edited', async () => {
    const [row] = (
      await t.database.db.execute<{ result_id: string }>(sql`select result_id from listings where id = ${supplyId}`)
    ).rows;
    const url = `/api/v1/results/${row!.result_id}`;
    const current = await ok<{ version: number }>(as(t.app, inst)({ method: 'GET', url }));
    await ok(
      as(
        t.app,
        inst,
      )({
        method: 'PUT',
        url,
        payload: { ...resultBody({ title: '高镍三元与磷酸锰铁锂复合正极材料' }), version: current.version },
      }),
    );
    await found('q=' + encodeURIComponent('磷酸锰铁锂'), supplyId);
  });

  it('suggests titles for what is being typed', async () => {
    const r = await ok<{ items: Array<{ id: string; title: string }> }>(
      t.app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=${encodeURIComponent('高镍三')}` }),
    );
    expect(r.items.map((i) => i.id)).toEqual(expect.arrayContaining([supplyId, demandId]));
    const none = await ok<{ items: unknown[] }>(t.app.inject({ method: 'GET', url: '/api/v1/search/suggest?q=' }));
    expect(none.items).toEqual([]);
  });
});

describe('match notifications', () => {
  it('tells the owner of a strong match once, and not the owner of a weak one', async () => {
    const entUser = await waitFor(
      () => matchFound(ent.userId),
      (rows) => rows.length > 0,
    );
    expect(entUser).toHaveLength(1);
    expect(entUser[0]!.listingId).toBe(supplyId);
    expect(entUser[0]!.body).toContain('高镍三元正极材料制备技术转让');
    expect(entUser[0]!.data).toMatchObject({ matchedListingId: demandId });
    const pairs = await matchRows();
    expect(pairs).toHaveLength(1);
    const [low, high] = [supplyId, demandId].sort();
    expect(pairs[0]).toMatchObject({ lowListingId: low, highListingId: high });
    expect(await matchFound(ent2.userId)).toHaveLength(0);

    // Re-indexed (the listing left the index and came back, as after a removal): still one per pair.
    await t.app.searchEngine.remove([supplyId]);
    await workers.reconcileSearchNow();
    expect(await t.app.searchEngine.indexedVersions([supplyId])).toHaveProperty('size', 1);
    expect(await matchRows()).toHaveLength(1);
    expect(await matchFound(ent.userId)).toHaveLength(1);
  });
});

describe('/listings/:id/matches', () => {
  it('lists the best listings of the other kind with score and matched terms', async () => {
    const r = await ok<{ items: Array<{ id: string; kind: string; score: number; matchedTerms: string[] }> }>(
      t.app.inject({ method: 'GET', url: `/api/v1/listings/${supplyId}/matches` }),
    );
    expect(r.items[0]).toMatchObject({ id: demandId, kind: 'demand' });
    expect(r.items[0]!.score).toBeGreaterThanOrEqual(0.55);
    expect(r.items[0]!.matchedTerms).toEqual(expect.arrayContaining(['正极', '三元']));
    const back = await ok<{ items: Array<{ id: string }> }>(
      t.app.inject({ method: 'GET', url: `/api/v1/listings/${demandId}/matches?limit=3` }),
    );
    expect(back.items.map((i) => i.id)).toContain(supplyId);
  });

  it('answers for a draft only to its owner and operators', async () => {
    const draft = await ok<{ id: string }>(
      as(
        t.app,
        ent,
      )({
        method: 'POST',
        url: '/api/v1/listings',
        payload: {
          kind: 'demand',
          title: '高镍正极材料中试工艺需求',
          summary: '寻求高镍三元正极材料中试工艺包与技术指导。',
          field: 'new_energy',
          region: 'shenyang',
          budgetNegotiable: true,
          deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      }),
      201,
    );
    const url = `/api/v1/listings/${draft.id}/matches`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await as(t.app, ent2)({ method: 'GET', url })).statusCode).toBe(404);
    expect((await as(t.app, inst)({ method: 'GET', url })).statusCode).toBe(404);
    const own = await ok<{ items: Array<{ id: string }> }>(as(t.app, ent)({ method: 'GET', url }));
    expect(own.items.map((i) => i.id)).toContain(supplyId);
    expect((await as(t.app, operator)({ method: 'GET', url })).statusCode).toBe(200);
    // Drafts are never searchable.
    expect((await search('q=' + encodeURIComponent('中试工艺需求'))).hits.map((h) => h.id)).not.toContain(draft.id);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/listings/00000000-0000-4000-8000-000000000000/matches',
    });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/listings/nope/matches' })).statusCode).toBe(400);
  });
});

describe('the reconciler', () => {
  it('re-indexes a listing whose change was committed without its job, and removes what left', async () => {
    // A commit whose enqueue was lost: no outbox row, a new version.
    await searchIdle();
    await t.database.db.execute(
      sql`update listings set summary = '新增：钠离子电池层状氧化物正极。' || summary, version = version + 1 where id = ${demandId}`,
    );
    expect((await search('q=' + encodeURIComponent('钠离子'))).total).toBe(0);
    const report = await workers.reconcileSearchNow();
    expect(report.lagging).toBeGreaterThanOrEqual(1);
    expect((await search('q=' + encodeURIComponent('钠离子'))).hits.map((h) => h.id)).toEqual([demandId]);

    // Left the public states behind the index's back.
    await t.database.db.execute(sql`update listings set status = 'withdrawn' where id = ${unrelatedDemandId}`);
    const second = await workers.reconcileSearchNow();
    expect(second.stale).toBe(1);
    expect(second.removed).toEqual([unrelatedDemandId]);
    expect((await search('q=' + encodeURIComponent('光伏'))).total).toBe(0);
  });

  it('never keeps a classified result searchable (措施十五)', async () => {
    const [row] = await t.database.db
      .execute<{ result_id: string }>(sql`select result_id from listings where id = ${supplyId}`)
      .then((r) => r.rows);
    await t.database.db.execute(sql`update results set security_class = 'classified' where id = ${row!.result_id}`);
    await workers.reconcileSearchNow();
    expect((await search('q=' + encodeURIComponent('高镍'))).hits.map((h) => h.id)).not.toContain(supplyId);
    expect((await t.app.searchEngine.indexedVersions([supplyId])).size).toBe(0);
    // A job for it (any later event) removes rather than writes it.
    const jobId = `search-${supplyId}-x`;
    await workers.queues.search.add('index', { task: 'index', listingId: supplyId }, { jobId });
    // Completed search jobs are removed at once: gone from the queue means the worker has run it.
    await waitFor(
      async () => (await workers.queues.search.getJob(jobId))?.getState() ?? 'done',
      (state) => state === 'done',
    );
    expect((await t.app.searchEngine.indexedVersions([supplyId])).size).toBe(0);
    await t.database.db.execute(sql`update results set security_class = 'public' where id = ${row!.result_id}`);
  });

  it('rebuilds an empty index at boot without announcing old listings as new', async () => {
    const pairsBefore = (await matchRows()).length;
    await t.app.searchEngine.reset();
    const report = await workers.reconcileSearchNow(true);
    expect(report.rebuilt).toBe(true);
    expect((await search('q=' + encodeURIComponent('正极'))).hits.map((h) => h.id)).toContain(demandId);
    expect((await matchRows()).length).toBe(pairsBefore);
  });

  it("defers to another process's rebuild: an index empty behind it announces nothing", async () => {
    const pairsBefore = (await matchRows()).length;
    await t.app.searchEngine.reset();
    // Another worker holds the rebuild lease (it booted first and is filling the new tables).
    await t.database.db.execute(sql`update search.meta set rebuild_started_at = now()`);
    try {
      for (const atBoot of [false, true]) {
        const report = await workers.reconcileSearchNow(atBoot);
        expect(report).toMatchObject({ deferred: true, rebuilt: false, indexed: [], added: [] });
      }
      expect((await search('q=' + encodeURIComponent('正极'))).total).toBe(0);
    } finally {
      // As if that rebuild crashed an hour and more ago: its lease is no longer honoured.
      await t.database.db.execute(sql`update search.meta set rebuild_started_at = now() - interval '61 minutes'`);
    }
    expect(await workers.reconcileSearchNow(true)).toMatchObject({ rebuilt: true, deferred: false });
    expect((await search('q=' + encodeURIComponent('正极'))).hits.map((h) => h.id)).toContain(demandId);
    expect((await matchRows()).length).toBe(pairsBefore);
  });

  it('removes a listing taken down through the API', async () => {
    await workers.reconcileSearchNow();
    await found('q=' + encodeURIComponent('高镍'), supplyId);
    await ok(
      as(
        t.app,
        operator,
      )({
        method: 'POST',
        url: `/api/v1/operator/listings/${supplyId}/take-down`,
        payload: { reasonCode: 'other', reasonText: '测试下架' },
      }),
    );
    await gone('q=' + encodeURIComponent('高镍'), supplyId);
  });
});

describe('npm run search:reindex', () => {
  it('rebuilds the index from PostgreSQL and reports progress without a terminal', async () => {
    await t.app.searchEngine.reset();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/search-reindex.ts'], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl, REDIS_PREFIX: t.config.redisPrefix },
      timeout: 240_000,
    });
    expect(stdout).toMatch(/重建搜索索引（postgres）：\d+ 个公开项目/);
    expect(stdout).toMatch(/\d+\/\d+ \(100%\)/);
    expect(stdout).toMatch(/完成：索引 \d+ 个/);
    expect((await search('q=' + encodeURIComponent('正极'))).hits.map((h) => h.id)).toContain(demandId);
  }, 300_000);
});

describe('hostile and invalid input', () => {
  const hostile = [
    'a & b | !c',
    '(电池):*',
    "'电池' & !'锂'",
    '"锂电池',
    "'; drop table listings; --",
    "1' or '1'='1",
    '\\\\ \\x00 \u0000 \u0007 \u001b[31m',
    '<script>alert(1)</script>',
    '::*&&||!!',
    '电池'.repeat(99) + '!',
    '\uFFFF\uFEFF\u202E',
    '%',
    '_',
  ];
  for (const q of hostile) {
    it(`answers ${JSON.stringify(q).slice(0, 40)} without a 5xx`, async () => {
      for (const url of [
        `/api/v1/search?q=${encodeURIComponent(q)}`,
        `/api/v1/search/suggest?q=${encodeURIComponent(q)}`,
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect([200, 400]).toContain(res.statusCode);
        if (res.statusCode === 400) expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });
  }

  it('answers malformed percent-encoding and invalid UTF-8 without a 5xx', async () => {
    for (const raw of ['%', '%FF%FE', '%ED%A0%80', '%C0%AF', '%00']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${raw}` });
      expect(res.statusCode, raw).toBeLessThan(500);
    }
  });

  it('refuses a 10,000-character query with a clear 4xx', async () => {
    // Percent-encoded it is a 90 kB request line: refused before routing, in the standard shape.
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${'锂'.repeat(10_000)}` });
    expect(res.statusCode).toBe(414);
    expect(res.json().error).toMatchObject({ code: 'URI_TOO_LONG', message: '请求地址过长' });
    const long = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${'锂'.repeat(400)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的数据不符合要求' });
  });

  it.each([
    ['kind=robot', 400],
    ['status=draft', 400],
    ['sort=random', 400],
    ['page=0', 400],
    ['pageSize=51', 400],
    ['page=300&pageSize=50', 400],
    ['min=-1', 400],
    ['min=abc', 400],
    ['min=500&max=100', 400],
    ['unknown=1', 400],
    [
      'field=new_energy&region=dalian&pricingMode=fixed&status=listed&transactionType=license&maturity=pilot&inPool=false',
      200,
    ],
  ])('GET /search?%s → %i', async (query, status) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400) expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad suggest and matches parameters', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/suggest' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/suggest?q=a&limit=99' })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/listings/${demandId}/matches?limit=0` });
    expect(res.statusCode).toBe(400);
  });
});
