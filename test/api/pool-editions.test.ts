// 措施五 "定期发布更新": numbered editions with what was added and removed, exactly one per period
// however many workers publish, and their downloads (CSV with BOM, JSON) and Atom feed.
import type { Job } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { publishEdition } from '../../server/pool/editions.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { processPool } from '../../workers/pool.js';
import type { PoolJob } from '../../platform/queues.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let inst: Session;
let second: Database;
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

const at = (iso: string) => ({ ...t.ctx, now: () => new Date(iso) });

async function newResult(title: string, grantDate: string): Promise<string> {
  const res = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({
      title,
      ipItems: [{ type: 'invention_patent', number: `ZL${title.length}${Math.random()}`.slice(0, 20), grantDate }],
    }),
  });
  return res.json().id;
}

beforeAll(async () => {
  t = await setupTestApp();
  // A second connection pool: a second worker process, as far as PostgreSQL can tell.
  second = createDatabase(t.config.databaseUrl, 3);
  const operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  ids.a = await newResult('甲 高强韧铝合金板材轧制工艺', '2018-01-01');
  ids.b = await newResult('乙 燃料电池膜电极批量制备', '2019-01-01');
  // A title a spreadsheet would run as a formula.
  ids.c = await newResult('=HYPERLINK("http://example.com","丙")', '2019-06-01');
  ids.d = await newResult('丁 盐碱地水稻抗逆品种', '2025-06-01');
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('editions', () => {
  it('publishes edition 1 with the whole pool marked added', async () => {
    await runPoolScan(at('2026-11-01T00:00:00Z'));
    const { edition, created } = await publishEdition(at('2026-11-01T00:05:00Z'), '2026-11-01T08:00');
    expect(created).toBe(true);
    expect(edition).toMatchObject({ number: 1, entryCount: 3, addedCount: 3, removedCount: 0, asOf: '2026-11-01' });
    const listed = (await get('/api/v1/pool/editions/1/items?view=listed')).json();
    expect(listed.total).toBe(3);
    expect(listed.items.map((i: { resultId: string }) => i.resultId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
  });

  it('edition 2 lists what was added and what was removed, and why', async () => {
    // b leaves (opted out), d comes in voluntarily.
    await as(
      t.app,
      inst,
    )({ method: 'POST', url: `/api/v1/pool/results/${ids.b}/opt-out`, payload: { reason: '拟独占许可' } });
    await as(t.app, inst)({ method: 'POST', url: `/api/v1/pool/results/${ids.d}/include` });
    const { edition } = await publishEdition(at('2026-12-01T00:05:00Z'), '2026-12-01T08:00');
    expect(edition).toMatchObject({ number: 2, entryCount: 3, addedCount: 1, removedCount: 1 });
    const added = (await get('/api/v1/pool/editions/2/items?view=added')).json();
    expect(added.items).toEqual([expect.objectContaining({ resultId: ids.d, change: 'added', reason: 'voluntary' })]);
    const removed = (await get('/api/v1/pool/editions/2/items?view=removed')).json();
    expect(removed.items).toEqual([
      expect.objectContaining({ resultId: ids.b, change: 'removed', removalReason: 'opted_out' }),
    ]);
    // Published editions do not change when a result is edited later.
    await t.database.db.execute(sql`update results set title = '改名后的标题' where id = ${ids.a}`);
    const first = (await get('/api/v1/pool/editions/1/items?view=listed&pageSize=100')).json();
    expect(first.items.find((i: { resultId: string }) => i.resultId === ids.a).title).toBe(
      '甲 高强韧铝合金板材轧制工艺',
    );
  });

  it('a period already published is not published again', async () => {
    const again = await publishEdition(at('2026-12-01T09:00:00Z'), '2026-12-01T08:00');
    expect(again).toMatchObject({ created: false, edition: { number: 2 } });
  });

  it('two workers publishing the same period concurrently leave exactly one edition', async () => {
    const ctxA = at('2027-01-01T00:00:00Z');
    const ctxB = { ...ctxA, db: second.db };
    const outcomes = await Promise.all([
      publishEdition(ctxA, '2027-01-01T08:00'),
      publishEdition(ctxB, '2027-01-01T08:00'),
      publishEdition(ctxA, '2027-01-01T08:00'),
      publishEdition(ctxB, '2027-01-01T08:00'),
    ]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.edition.id)).size).toBe(1);
    const rows = await t.database.db.execute<{ period_key: string; n: string }>(sql`
      select period_key, count(*) as n from pool_editions group by period_key order by period_key`);
    expect(rows.rows.map((r) => [r.period_key, r.n])).toEqual([
      ['2026-11-01T08:00', '1'],
      ['2026-12-01T08:00', '1'],
      ['2027-01-01T08:00', '1'],
    ]);
    const numbers = await t.database.db.execute<{ number: number }>(
      sql`select number from pool_editions order by number`,
    );
    expect(numbers.rows.map((r) => r.number)).toEqual([1, 2, 3]);
    const items = await t.database.db.execute<{ n: string }>(sql`
      select count(*) as n from pool_edition_items i join pool_editions e on e.id = i.edition_id where e.number = 3`);
    expect(items.rows[0]!.n).toBe('3');
  });

  it('the worker derives the period from the scheduled run, so two workers running it publish once', async () => {
    const scheduled = new Date('2027-01-31T19:00:00Z').getTime(); // 1 Feb 03:00 in Shanghai
    const job = { data: { task: 'edition' }, opts: { prevMillis: scheduled }, timestamp: scheduled } as Job<PoolJob>;
    const ctxA = at('2027-01-31T19:00:01Z');
    const ctxB = { ...ctxA, db: second.db };
    const [x, y] = (await Promise.all([
      processPool(ctxA, null as never, job),
      processPool(ctxB, null as never, job),
    ])) as { edition: number; created: boolean }[];
    expect([x!.created, y!.created].sort()).toEqual([false, true]);
    expect(x!.edition).toBe(4);
    expect(y!.edition).toBe(4);
    expect((await get('/api/v1/pool/editions/4')).json()).toMatchObject({
      number: 4,
      periodKey: '2027-02-01T03:00:00',
    });
  });
});

describe('public pages, downloads and feed', () => {
  it('lists editions newest first and refuses unknown or malformed numbers', async () => {
    const list = (await get('/api/v1/pool/editions')).json();
    expect(list.items.map((e: { number: number }) => e.number)).toEqual([4, 3, 2, 1]);
    const missing = await get('/api/v1/pool/editions/99');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'POOL_EDITION_NOT_FOUND']);
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const res = await get(`/api/v1/pool/editions/${bad}`);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await get('/api/v1/pool/editions/2/items?view=everything')).statusCode).toBe(400);
    expect((await get('/api/v1/pool/editions/2/download?format=xlsx')).statusCode).toBe(400);
    expect((await get('/api/v1/pool/editions/2/download')).statusCode).toBe(400);
  });

  it('downloads an edition as UTF-8 CSV with a BOM, one row per item, formulas defused', async () => {
    const res = await get('/api/v1/pool/editions/2/download?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('先用后付成果池-第2期-2026-12-01.csv')}`,
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '期次,变动,成果编号,成果名称,科研单位,所在地区,行业领域,知识产权,最早授权日,纳入方式,纳入时间,移出原因',
    );
    expect(lines).toHaveLength(1 + 4); // 3 in the pool + 1 removed
    expect(lines[1]).toMatch(/^2,新增,/);
    expect(lines.at(-1)).toMatch(/^2,移出,.*科研单位申请不纳入$/);
    const formula = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(formula).toContain(`"'=HYPERLINK(""http://example.com"",""丙"")"`);
  });

  it('downloads an edition as JSON', async () => {
    const res = await get('/api/v1/pool/editions/2/download?format=json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body.edition).toMatchObject({ number: 2, entryCount: 3, addedCount: 1, removedCount: 1 });
    expect(body.items).toHaveLength(4);
    expect(body.items.map((i: { change: string }) => i.change)).toEqual(['added', 'retained', 'retained', 'removed']);
  });

  it('publishes an Atom feed of editions', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/pool/editions.atom',
      headers: { host: 'jb.example.cn' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml.match(/<entry>/g)).toHaveLength(4);
    expect(xml).toContain('<title>先用后付成果池 第4期（2027-02-01）</title>');
    // Links come from PUBLIC_URL, never from the request's Host header (a client could pick it).
    expect(xml).toContain(`href="${t.config.publicUrl}/pool/editions/2"`);
    expect(xml).toContain(`href="${t.config.publicUrl}/api/v1/pool/editions/2/download?format=csv"`);
    expect(xml).not.toContain('jb.example.cn');
    expect(xml).toMatch(/<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
  });

  it('streams a large edition in batches', async () => {
    // 4,500 pooled results: more than two keyset batches of the download.
    await t.database.db.execute(sql`
      with r as (
        insert into results (institution_id, title, summary, field, maturity)
        select ${inst.orgId}::uuid, '批量成果 ' || lpad(g::text, 5, '0'), '用于分批下载测试的成果摘要', 'new_materials', 'lab'
        from generate_series(1, 4500) g
        returning id
      )
      insert into result_ip_items (result_id, type, number, grant_date)
      select id, 'invention_patent', 'ZL' || id, '2015-01-01' from r`);
    await runPoolScan(at('2027-03-01T00:00:00Z'));
    const { edition } = await publishEdition(at('2027-03-01T00:05:00Z'), '2027-03-01T08:00');
    expect(edition.addedCount).toBe(4500);
    const csv = await get(`/api/v1/pool/editions/${edition.number}/download?format=csv`);
    const lines = csv.rawPayload.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + edition.entryCount + edition.removedCount);
    const resultIds = lines.slice(1).map((l) => l.split(',')[2]);
    expect(new Set(resultIds).size).toBe(resultIds.length);
    const json = (await get(`/api/v1/pool/editions/${edition.number}/download?format=json`)).json();
    expect(json.items).toHaveLength(edition.entryCount + edition.removedCount);
  });
});
