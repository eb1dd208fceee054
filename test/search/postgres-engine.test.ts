import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { PostgresSearchEngine } from '../../search/postgres-engine.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/lifecycle.js';
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
    await waitFor(
      () => reader.search({ region: 'huludao' }),
      (r) => r.total === 1,
    );
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
    // The first rebuild holds the lease (it is waiting for its second batch).
    await waitFor(
      () => second.rebuildRunning(),
      (held) => held,
    );
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

  it('builds a rebuild in docno-range partitions, each with its GIN index, and keeps later writes', async () => {
    const engine = new PostgresSearchEngine(a.db, { rebuildPartitionSize: 3, maxStalenessMs: 0 });
    await engine.reset();
    const docs = Array.from({ length: 10 }, (_, i) =>
      makeDocument({ title: `分区重建测试${'甲乙丙丁戊己庚辛壬癸'[i]}` }),
    );
    // Batches that do not line up with the partitions: slices must not straddle them.
    async function* source() {
      yield docs.slice(0, 4);
      yield docs.slice(4, 5);
      yield docs.slice(5);
    }
    expect(await engine.rebuild(source())).toMatchObject({ indexed: 10 });
    const partitions = await a.db.execute<{ name: string; bound: string; indexes: string }>(sql`
      select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound,
        (select string_agg(i.indexdef, ';') from pg_indexes i
          where i.schemaname = 'search' and i.tablename = c.relname) as indexes
      from pg_inherits h join pg_class c on c.oid = h.inhrelid
      where h.inhparent = 'search.terms'::regclass order by c.relname`);
    const bounds = partitions.rows.map((r) => r.bound);
    expect(bounds).toEqual(
      expect.arrayContaining([
        "FOR VALUES FROM ('1') TO ('4')",
        "FOR VALUES FROM ('4') TO ('7')",
        "FOR VALUES FROM ('7') TO ('10')",
        "FOR VALUES FROM ('10') TO ('13')",
        "FOR VALUES FROM ('13') TO (MAXVALUE)",
      ]),
    );
    expect(bounds).toHaveLength(5);
    for (const row of partitions.rows) expect(row.indexes).toContain('USING gin (tsv)');
    for (const doc of docs) expect((await engine.search({ q: doc.title })).hits[0]?.id).toBe(doc.id);

    // New documents fill the last partition, then the open-ended one.
    const later = Array.from({ length: 4 }, (_, i) => makeDocument({ title: `重建后写入${'子丑寅卯'[i]}` }));
    await engine.upsert(later);
    for (const doc of later) expect((await engine.search({ q: doc.title })).hits[0]?.id).toBe(doc.id);
    const placed = await a.db.execute<{ partition: string; n: string }>(
      sql`select tableoid::regclass::text as partition, count(*) as n from search.terms group by 1`,
    );
    expect(placed.rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(14);
    expect(placed.rows.find((r) => r.partition.endsWith('_tail'))?.n).toBe('2');

    // The next rebuild's partitions replace these (their names never collide).
    async function* again() {
      yield later;
    }
    expect(await engine.rebuild(again())).toMatchObject({ indexed: 4, removed: 10 });
    expect((await engine.search({ q: '重建后写入' })).total).toBe(4);
    // The old documents are gone (the query's words still match the new ones in part).
    const old = new Set(docs.map((d) => d.id));
    expect((await engine.search({ q: '分区重建测试', pageSize: 50 })).hits.some((h) => old.has(h.id))).toBe(false);
  });

  it('leaves the live index untouched and nothing half-built when a rebuild fails', async () => {
    const engine = new PostgresSearchEngine(a.db, { rebuildPartitionSize: 2, maxStalenessMs: 0 });
    await engine.reset();
    const live = makeDocument({ title: '失败重建前的文档' });
    await engine.upsert([live]);
    async function* broken() {
      yield Array.from({ length: 5 }, () => makeDocument({ title: '半途而废的重建' }));
      throw new Error('source lost');
    }
    await expect(engine.rebuild(broken())).rejects.toThrow('source lost');
    expect((await engine.search({ q: '失败重建前' })).hits.map((h) => h.id)).toEqual([live.id]);
    const leftovers = await a.db.execute<{ relname: string }>(
      sql`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'search' and c.relkind in ('r', 'p') and relname like '%next%'`,
    );
    expect(leftovers.rows).toEqual([]);
    const orphans = await a.db.execute<{ relname: string }>(
      sql`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'search' and c.relkind = 'r' and c.relname like 'terms%' and not c.relispartition`,
    );
    expect(orphans.rows).toEqual([]);
  });
});

describe('postgres engine on an index made before terms were partitioned', () => {
  it('searches the plain terms table, and the next rebuild partitions it', async () => {
    const testDb = await createTestDatabase();
    const database = createDatabase(testDb.url, 3);
    try {
      await database.db.execute(sql`create schema search`);
      await database.db.execute(sql`create sequence search.docno_seq`);
      await database.db.execute(
        sql`create table search.terms (docno bigint primary key, tsv tsvector compression lz4 not null)`,
      );
      const engine = new PostgresSearchEngine(database.db, { maxStalenessMs: 0 });
      await engine.init();
      const doc = makeDocument({ title: '旧版索引表中的文档' });
      await engine.upsert([doc]);
      expect((await engine.search({ q: '旧版索引' })).hits.map((h) => h.id)).toEqual([doc.id]);
      async function* source() {
        yield [doc];
      }
      await engine.rebuild(source());
      const kind = await database.db.execute<{ relkind: string }>(
        sql`select relkind from pg_class where oid = 'search.terms'::regclass`,
      );
      expect(kind.rows[0]!.relkind).toBe('p');
      expect((await engine.search({ q: '旧版索引' })).hits.map((h) => h.id)).toEqual([doc.id]);
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
});

describe('postgres engine rebuild by binary COPY', () => {
  it('stores exactly the vectors the upserts store as text literals', async () => {
    const testDb = await createTestDatabase();
    const database = createDatabase(testDb.url, 3);
    try {
      const engine = new PostgresSearchEngine(database.db, { maxStalenessMs: 0 });
      await engine.init();
      const docs = [
        makeDocument({ title: '锂电池正极材料的制备方法', ipNumbers: ['ZL202310123456.7'] }),
        // Traditional characters, an astral character, Latin words with connectors and an apostrophe.
        makeDocument({ title: '鋰電池𠮷隔膜 Ti-6Al-4V', summary: "PM2.5 O'Brien 5G 基站" }),
        // A word repeated past tsvector's 256 positions, and text past the 16,383 position limit.
        makeDocument({ title: '重复', description: '氢能储运'.repeat(300) + '尾部'.repeat(6_000) }),
        makeDocument({ title: '无', summary: '', kind: 'demand' }),
      ];
      await engine.upsert(docs);
      const read = async () => {
        const rows = await database.db.execute<{ id: string; tsv: string }>(
          sql`select d.id, t.tsv::text as tsv from search.documents d join search.terms t using (docno)`,
        );
        return new Map(rows.rows.map((r) => [r.id, r.tsv]));
      };
      const upserted = await read();
      async function* source() {
        yield docs;
      }
      await engine.rebuild(source());
      const rebuilt = await read();
      expect(rebuilt.size).toBe(docs.length);
      for (const doc of docs) expect(rebuilt.get(doc.id)).toBe(upserted.get(doc.id));
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
});
