import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { PostgresSearchEngine } from '../../search/postgres-engine.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { makeDocument, runEngineContract } from './contract.js';

runEngineContract('postgres', async () => {
  const testDb = await createTestDatabase();
  const database = createDatabase(testDb.url, 4);
  return {
    engine: new PostgresSearchEngine(database.db),
    db: database.db,
    teardown: async () => {
      await database.close();
      await testDb.drop();
    },
  };
});

describe('postgres engine across processes', () => {
  let testDb: TestDatabase;
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = createDatabase(testDb.url, 3);
    b = createDatabase(testDb.url, 3);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await testDb?.drop();
  });

  it("sees another instance's writes, removals and rebuilds in its facets and totals", async () => {
    // Two engines on two pools stand for two processes (api and worker) with their own doc values.
    const writer = new PostgresSearchEngine(a.db);
    const reader = new PostgresSearchEngine(b.db, { maxStalenessMs: 0 });
    await Promise.all([writer.init(), reader.init()]);
    const first = makeDocument({ title: '跨进程同步测试甲', field: 'marine' });
    await writer.upsert([first]);
    expect((await reader.search({ field: 'marine' })).total).toBe(1);

    const second = makeDocument({ title: '跨进程同步测试乙', field: 'marine' });
    await writer.upsert([second, { ...first, field: 'aerospace', version: 2 }]);
    let r = await reader.search({});
    expect(r.facets.field).toEqual([
      { value: 'aerospace', count: 1 },
      { value: 'marine', count: 1 },
    ]);

    await writer.remove([second.id]);
    r = await reader.search({});
    expect(r.total).toBe(1);
    expect(r.facets.field).toEqual([{ value: 'aerospace', count: 1 }]);

    async function* source() {
      yield [makeDocument({ title: '重建后的唯一文档', field: 'biomedicine' })];
    }
    await writer.rebuild(source());
    r = await reader.search({});
    expect(r.hits.map((h) => h.title)).toEqual(['重建后的唯一文档']);
    expect(r.facets.field).toEqual([{ value: 'biomedicine', count: 1 }]);
    // Docnos restart with each rebuild (they size every process's doc values); new rows follow on.
    const extra = makeDocument({ title: '重建之后新增', field: 'biomedicine' });
    await writer.upsert([extra]);
    const docnos = await a.db.execute<{ docno: string }>(sql`select docno from search.documents order by docno`);
    expect(docnos.rows.map((row) => Number(row.docno))).toEqual([1, 2]);
    expect((await reader.search({ field: 'biomedicine' })).total).toBe(2);
  });

  it('keeps every write when many commit concurrently', async () => {
    const writer = new PostgresSearchEngine(a.db);
    const reader = new PostgresSearchEngine(b.db, { maxStalenessMs: 0 });
    await reader.reset();
    await reader.search({}); // the reader's copy starts now
    const docs = Array.from({ length: 40 }, (_, i) => makeDocument({ title: `并发写入测试${i}`, region: 'panjin' }));
    await Promise.all(docs.map((d) => writer.upsert([d])));
    expect((await reader.search({ region: 'panjin', pageSize: 50 })).total).toBe(40);
  });

  it('answers from its copy for maxStalenessMs, then catches up', async () => {
    const writer = new PostgresSearchEngine(a.db);
    const reader = new PostgresSearchEngine(b.db, { maxStalenessMs: 300 });
    await reader.search({});
    const doc = makeDocument({ title: '延迟可见测试', region: 'chaoyang' });
    await writer.upsert([doc]);
    // A text match unknown to the copy makes it catch up at once …
    expect((await reader.search({ q: '延迟可见' })).hits.map((h) => h.id)).toEqual([doc.id]);
    // … and filter-only searches see changes within maxStalenessMs.
    await writer.upsert([{ ...doc, region: 'huludao', version: 2 }]);
    await new Promise((r) => setTimeout(r, 350));
    expect((await reader.search({ region: 'huludao' })).total).toBe(1);
    expect((await reader.search({ region: 'chaoyang' })).total).toBe(0);
  });

  it('runs one rebuild at a time', async () => {
    const first = new PostgresSearchEngine(a.db);
    const second = new PostgresSearchEngine(b.db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield [makeDocument({ title: '重建互斥测试甲' })];
      await gate;
      yield [makeDocument({ title: '重建互斥测试乙' })];
    }
    const running = first.rebuild(slow());
    await new Promise((r) => setTimeout(r, 200));
    await expect(second.rebuild(slow())).rejects.toMatchObject({ code: 'INVALID_STATE', status: 409 });
    release();
    expect(await running).toMatchObject({ indexed: 2 });
    // The lease is released: the next rebuild runs.
    async function* one() {
      yield [makeDocument({ title: '重建互斥测试丙' })];
    }
    expect(await second.rebuild(one())).toMatchObject({ indexed: 1, removed: 2 });
  });

  it('stores the tsvector built from the segmenter, with title marks', async () => {
    const engine = new PostgresSearchEngine(a.db);
    const doc = makeDocument({ title: '锂电池正极', summary: '面向5G基站备电' });
    await engine.upsert([doc]);
    const row = await a.db.execute<{ tsv: string }>(
      sql`select t.tsv::text as tsv from search.terms t join search.documents d using (docno) where d.id = ${doc.id}`,
    );
    const tsv = row.rows[0]!.tsv;
    expect(tsv).toContain("'锂电池':1A");
    expect(tsv).toContain("'^锂电池'");
    expect(tsv).toContain("'5g':");
    expect(tsv).not.toMatch(/'\^5g'/); // summary words are not title words
  });
});
