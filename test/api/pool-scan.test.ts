// 措施五 / 措施十五: who enters the pay-later pool and who leaves it — the daily scan at its date
// boundaries, security classes, conversion, opt-outs and voluntary inclusion.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let inst: Session;

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

/** The scan as the worker runs it, at a chosen instant. */
const scanAt = (iso: string) => runPoolScan({ ...t.ctx, now: () => new Date(iso) });

async function newResult(grantDates: (string | null)[], overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({
      ipItems: grantDates.map((grantDate, i) => ({
        type: 'invention_patent',
        number: `ZL2020${String(Math.random()).slice(2, 8)}.${i}`,
        grantDate,
      })),
      ...overrides,
    }),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function inPool(resultId: string): Promise<{ reason: string } | null> {
  const r = await t.database.db.execute<{ reason: string }>(
    sql`select reason from pool_entries where result_id = ${resultId} and removed_at is null`,
  );
  return r.rows[0] ?? null;
}

async function publiclyListed(resultId: string): Promise<boolean> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/pool/results/${resultId}` });
  return res.statusCode === 200;
}

async function lastClosed(resultId: string): Promise<string | null> {
  const r = await t.database.db.execute<{ removal_reason: string }>(sql`
    select removal_reason from pool_entries where result_id = ${resultId} and removed_at is not null
    order by removed_at desc limit 1`);
  return r.rows[0]?.removal_reason ?? null;
}

describe('措施五: IP held three years, in Shanghai calendar days', () => {
  it('includes a result on the day its earliest grant turns three, not the day before (Shanghai midnight, not UTC)', async () => {
    const exactly = await newResult(['2023-06-01']);
    const dayAfter = await newResult(['2023-06-02']);
    // 2026-05-31T15:59:59Z is still 31 May in Shanghai.
    await scanAt('2026-05-31T15:59:59Z');
    expect(await inPool(exactly)).toBeNull();
    // 16:00 UTC is midnight in Shanghai: 1 June 2026, exactly three years after 1 June 2023.
    await scanAt('2026-05-31T16:00:00Z');
    expect(await inPool(exactly)).toEqual({ reason: 'auto_3y' });
    expect(await inPool(dayAfter)).toBeNull();
    await scanAt('2026-06-01T16:00:00Z');
    expect(await inPool(dayAfter)).toEqual({ reason: 'auto_3y' });
  });

  it('IP granted on 29 February turns three on 28 February of a common year', async () => {
    const leap = await newResult(['2024-02-29']);
    const march = await newResult(['2024-03-01']);
    await scanAt('2027-02-27T15:59:59Z'); // Shanghai 27 Feb
    expect(await inPool(leap)).toBeNull();
    await scanAt('2027-02-27T16:00:00Z'); // Shanghai 28 Feb
    expect(await inPool(leap)).toEqual({ reason: 'auto_3y' });
    expect(await inPool(march)).toBeNull();
    await scanAt('2027-02-28T16:00:00Z'); // Shanghai 1 Mar
    expect(await inPool(march)).toEqual({ reason: 'auto_3y' });
  });

  it('counts from the earliest grant date; ungranted IP does not count', async () => {
    const mixed = await newResult(['2026-01-01', '2020-03-01']);
    const ungranted = await newResult([null]);
    const none = await newResult([]);
    await scanAt('2026-11-01T00:00:00Z');
    expect(await inPool(mixed)).toEqual({ reason: 'auto_3y' });
    expect(await inPool(ungranted)).toBeNull();
    expect(await inPool(none)).toBeNull();
  });

  it('writes one audit row per result and one event per institution, and tells the institution', async () => {
    const a = await newResult(['2019-01-01']);
    const b = await newResult(['2019-02-01']);
    const { added } = await scanAt('2026-11-02T00:00:00Z');
    expect(added).toBeGreaterThanOrEqual(2);
    const audit = await t.database.db.execute<{ target_id: string; actor_user_id: string | null; reason: string }>(sql`
      select target_id, actor_user_id, reason from audit_log
      where action = 'pool.include' and target_type = 'result' and target_id in (${a}, ${b})`);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows.every((r) => r.actor_user_id === null && r.reason === 'auto_3y')).toBe(true);
    const events = await t.database.db.execute<{ payload: { institutionId: string; results: { resultId: string }[] } }>(
      sql`select payload from outbox where topic = 'pool.included' order by id desc limit 1`,
    );
    const payload = events.rows[0]!.payload;
    expect(payload.institutionId).toBe(inst.orgId);
    expect(payload.results.map((r) => r.resultId)).toEqual(expect.arrayContaining([a, b]));
    // The institution sees it on its own pool page.
    const mine = await as(t.app, inst)({ method: 'GET', url: '/api/v1/pool/mine?pageSize=100' });
    expect(mine.json().items.find((r: { resultId: string }) => r.resultId === a).state).toBe('in_pool');
  });

  it('run twice, the scan leaves the same pool and writes nothing more', async () => {
    await newResult(['2018-05-05']);
    await scanAt('2026-11-03T00:00:00Z');
    const snapshot = async () =>
      (
        await t.database.db.execute(sql`
          select result_id, reason, included_at from pool_entries where removed_at is null order by result_id`)
      ).rows;
    const counts = async () =>
      (
        await t.database.db.execute<{ n: string }>(
          sql`select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from pool_entries) as n`,
        )
      ).rows[0]!.n;
    const before = await snapshot();
    const written = await counts();
    const again = await scanAt('2026-11-03T00:00:00Z');
    expect(again).toMatchObject({ added: 0, removed: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await counts()).toBe(written);
  });
});

describe('措施十五: security classes', () => {
  it('a restricted or classified result never enters, by scan or by choice', async () => {
    const restricted = await newResult(['2015-01-01'], { securityClass: 'restricted' });
    const classified = await newResult(['2015-01-01'], { securityClass: 'classified' });
    await scanAt('2026-11-04T00:00:00Z');
    expect(await inPool(restricted)).toBeNull();
    expect(await inPool(classified)).toBeNull();
    for (const id of [restricted, classified]) {
      const res = await as(t.app, inst)({ method: 'POST', url: `/api/v1/pool/results/${id}/include` });
      expect([res.statusCode, res.json().error.code]).toEqual([422, 'POOL_SECURITY_EXCLUDED']);
      expect(await inPool(id)).toBeNull();
    }
    const mine = await as(t.app, inst)({ method: 'GET', url: '/api/v1/pool/mine?pageSize=100' });
    expect(mine.json().items.find((r: { resultId: string }) => r.resultId === restricted).state).toBe('excluded');
  });

  it('a pooled result reclassified through the registry leaves the pool in the same transaction', async () => {
    const id = await newResult(['2015-01-01']);
    await scanAt('2026-11-05T00:00:00Z');
    expect(await publiclyListed(id)).toBe(true);
    const current = (await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${id}` })).json();
    const res = await as(
      t.app,
      inst,
    )({
      method: 'PUT',
      url: `/api/v1/results/${id}`,
      payload: { ...resultBody({ securityClass: 'restricted', ipItems: current.ipItems }), version: current.version },
    });
    expect(res.statusCode).toBe(200);
    expect(await inPool(id)).toBeNull();
    expect(await lastClosed(id)).toBe('reclassified');
    expect(await publiclyListed(id)).toBe(false);
    // The next scan does not bring it back.
    await scanAt('2026-11-06T00:00:00Z');
    expect(await inPool(id)).toBeNull();
  });

  it('a result reclassified by any other path is hidden at once and removed by the next scan', async () => {
    const id = await newResult(['2015-01-01']);
    await scanAt('2026-11-07T00:00:00Z');
    await t.database.db.execute(sql`update results set security_class = 'classified' where id = ${id}`);
    expect(await publiclyListed(id)).toBe(false);
    const { removed } = await scanAt('2026-11-08T00:00:00Z');
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await lastClosed(id)).toBe('reclassified');
    const audit = await t.database.db.execute<{ n: string }>(sql`
      select count(*) as n from audit_log where action = 'pool.remove' and target_id = ${id} and reason = 'reclassified'`);
    expect(audit.rows[0]!.n).toBe('1');
  });
});

describe('conversion', () => {
  it('a converted result is never included, and one converted while pooled is removed', async () => {
    const converted = await newResult(['2015-01-01']);
    const pooled = await newResult(['2015-01-01']);
    await t.database.db.execute(sql`update results set status = 'converted' where id = ${converted}`);
    await scanAt('2026-11-09T00:00:00Z');
    expect(await inPool(converted)).toBeNull();
    expect(await inPool(pooled)).not.toBeNull();
    // An exclusive deal marks the result converted (the listing lifecycle records deals).
    await t.database.db.execute(sql`update results set status = 'converted' where id = ${pooled}`);
    expect(await publiclyListed(pooled)).toBe(false);
    await scanAt('2026-11-10T00:00:00Z');
    expect(await inPool(pooled)).toBeNull();
    expect(await lastClosed(pooled)).toBe('converted');
    const event = await t.database.db.execute<{ payload: { results: { resultId: string; reason: string }[] } }>(
      sql`select payload from outbox where topic = 'pool.removed' order by id desc limit 1`,
    );
    expect(event.rows[0]!.payload.results).toContainEqual({ resultId: pooled, reason: 'converted' });
  });
});

describe('opting out and voluntary inclusion', () => {
  it('an opted-out result leaves the pool, stays out of the scan, and comes back only by choice', async () => {
    const id = await newResult(['2015-01-01']);
    await scanAt('2026-11-11T00:00:00Z');
    expect(await inPool(id)).not.toBeNull();
    const out = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/pool/results/${id}/opt-out`,
      payload: { reason: '该成果正与企业洽谈独占许可' },
    });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ state: 'opted_out', optOut: { reason: '该成果正与企业洽谈独占许可' } });
    expect(await inPool(id)).toBeNull();
    expect(await lastClosed(id)).toBe('opted_out');
    await scanAt('2026-11-12T00:00:00Z');
    expect(await inPool(id)).toBeNull();
    const twice = await as(
      t.app,
      inst,
    )({ method: 'POST', url: `/api/v1/pool/results/${id}/opt-out`, payload: { reason: '再次申请' } });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'POOL_ALREADY_OPTED_OUT']);

    const back = await as(t.app, inst)({ method: 'POST', url: `/api/v1/pool/results/${id}/include` });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ state: 'in_pool', entry: { reason: 'voluntary' }, optOut: null });
  });

  it('a young result may be included voluntarily and the scan keeps it', async () => {
    const young = await newResult(['2026-01-15']);
    const res = await as(t.app, inst)({ method: 'POST', url: `/api/v1/pool/results/${young}/include` });
    expect(res.json()).toMatchObject({ state: 'in_pool', entry: { reason: 'voluntary' } });
    await scanAt('2026-11-13T00:00:00Z');
    expect(await inPool(young)).toEqual({ reason: 'voluntary' });
    expect(await publiclyListed(young)).toBe(true);
    const again = await as(t.app, inst)({ method: 'POST', url: `/api/v1/pool/results/${young}/include` });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'POOL_ALREADY_IN']);
  });

  it('an automatic entry whose grant date is corrected to a recent one is removed', async () => {
    const id = await newResult(['2015-01-01']);
    await scanAt('2026-11-14T00:00:00Z');
    await t.database.db.execute(sql`update result_ip_items set grant_date = '2025-01-01' where result_id = ${id}`);
    await scanAt('2026-11-15T00:00:00Z');
    expect(await inPool(id)).toBeNull();
    expect(await lastClosed(id)).toBe('ip_not_held_3y');
  });
});

describe('the public pool', () => {
  it('filters by field, the institution region and a keyword', async () => {
    const id = await newResult(['2015-01-01'], { title: '海上风电叶片除冰涂层技术', field: 'marine' });
    await scanAt('2026-11-16T00:00:00Z');
    const get = (q: string) => t.app.inject({ method: 'GET', url: `/api/v1/pool?${q}` }).then((r) => r.json());
    const ids = (body: { items: { resultId: string }[] }) => body.items.map((i) => i.resultId);
    expect(ids(await get('field=marine'))).toContain(id);
    expect(ids(await get('field=biomedicine'))).not.toContain(id);
    expect(ids(await get('keyword=除冰'))).toContain(id);
    // Punctuation alone is matched literally, never as a wildcard: the summary says "成本降低 18%",
    // and no text of it holds "_" (as a wildcard, _ would match any character).
    expect(ids(await get('keyword=%25'))).toContain(id);
    expect(ids(await get('keyword=_'))).not.toContain(id);
    expect(ids(await get('region=dalian&keyword=除冰'))).toContain(id);
    expect(ids(await get('region=shenyang&keyword=除冰'))).not.toContain(id);
    const item = (await get('keyword=除冰')).items[0];
    expect(item).toMatchObject({ reason: 'auto_3y', firstGrantDate: '2015-01-01', institution: { id: inst.orgId } });
    // Only public fields: the ownership details of co-owners and the like are not part of it.
    expect(Object.keys(item)).not.toContain('coOwners');
  });

  // The keyword is read as search reads a query: cut into words, each (or a synonym) must occur.
  it.each([
    ['风电叶片', true],
    ['叶片 除冰', true],
    ['风电　涂层技术', true],
    ['ＡＩ 叶片', true],
    ['叶片 电池', false],
    ['锂电池', false],
    ['人工智能', true],
    ['基于人工智能的叶片巡检', true],
  ])('keyword %j finds the pooled result: %s', async (keyword, found) => {
    const id = await newResult(['2015-01-01'], {
      title: '基于人工智能的风电叶片除冰涂层技术',
      summary: '结合AI视觉识别的叶片巡检方法',
      field: 'marine',
    });
    await scanAt('2026-11-16T00:00:00Z');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/pool?keyword=${encodeURIComponent(keyword)}` });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: { resultId: string }[] }).items.map((i) => i.resultId);
    expect(ids.includes(id)).toBe(found);
  });
});
