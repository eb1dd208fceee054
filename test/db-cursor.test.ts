// db/cursor.ts: a server-side cursor reads one snapshot in batches and always gives its connection back;
// a streamed read can have a connection of its own, outside the pool, a few at a time.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import { cursorBatches, openReadConnection } from '../db/cursor.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

describe('cursorBatches', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase(testDb.url, 2);
    await database.db.execute(sql`create table cursor_rows (n int primary key)`);
    await database.db.execute(sql`insert into cursor_rows select generate_series(1, 4500)`);
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  const query = (from: number) => sql`select n from cursor_rows where n >= ${from} order by n`;
  const idleInTransaction = async () => {
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    return rows[0]!.n;
  };

  it('yields every row in batches from one snapshot, with bound parameters', async () => {
    const sizes: number[] = [];
    const seen: number[] = [];
    for await (const batch of cursorBatches<{ n: number }>(database.db, query(2), { batch: 2_000 })) {
      sizes.push(batch.length);
      seen.push(...batch.map((r) => r.n));
      // Written after the read began: not in its snapshot.
      if (sizes.length === 1) await database.db.execute(sql`insert into cursor_rows values (9999)`);
    }
    expect(sizes).toEqual([2_000, 2_000, 499]);
    expect(seen).toEqual(Array.from({ length: 4499 }, (_, i) => i + 2));
    await database.db.execute(sql`delete from cursor_rows where n = 9999`);
    expect(database.pool.idleCount).toBe(database.pool.totalCount);
  });

  it('ends its transaction and returns the connection when the reader stops early', async () => {
    for await (const batch of cursorBatches<{ n: number }>(database.db, query(1), { batch: 100 })) {
      expect(batch).toHaveLength(100);
      break;
    }
    expect(database.pool.idleCount).toBe(database.pool.totalCount);
    expect(await idleInTransaction()).toBe(0);
  });

  it('reports a failing query and still returns the connection', async () => {
    const read = async () => {
      for await (const batch of cursorBatches(database.db, sql`select 1 / (n - 3) from cursor_rows order by n`, {
        batch: 10,
      })) {
        expect(batch).toBeDefined();
      }
    };
    await expect(read()).rejects.toMatchObject({ code: '22012' });
    expect(database.pool.idleCount).toBe(database.pool.totalCount);
  });

  it('gives up a read left idle past its timeout instead of holding the snapshot', async () => {
    const reader = cursorBatches<{ n: number }>(database.db, query(1), { batch: 10, idleTimeout: '200ms' })[
      Symbol.asyncIterator
    ]();
    expect((await reader.next()).value).toHaveLength(10);
    expect(await idleInTransaction()).toBe(1);
    // The reader stops reading (a stalled download) until the server has ended the session …
    await expect.poll(idleInTransaction).toBe(0);
    // … then the next fetch fails, and the pool replaces the connection.
    await expect(reader.next()).rejects.toThrow();
    const { rows } = await database.db.execute<{ n: number }>(sql`select 1 as n`);
    expect(rows[0]!.n).toBe(1);
  });

  const backends = async () => {
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
    );
    return rows[0]!.n;
  };

  it('reads on a connection of its own, leaves the pool alone and closes the connection at the end', async () => {
    await database.db.execute(sql`select 1`); // the pool's connections open before counting
    const before = await backends();
    const own = await openReadConnection(database.db, { max: 2, waitMs: 1_000 });
    expect(own).not.toBeNull();
    let n = 0;
    for await (const batch of cursorBatches<{ n: number }>(own!, query(1), { batch: 1_000 })) {
      n += batch.length;
      expect(database.pool.idleCount).toBe(database.pool.totalCount);
      expect(await backends()).toBe(before + 1);
    }
    expect(n).toBe(4500);
    await expect.poll(backends).toBe(before);
  });

  it('opens at most `max` at once: a further one waits for a turn, or gets none in time', async () => {
    const limits = { max: 1, waitMs: 5_000 };
    const first = (await openReadConnection(database.db, limits))!;
    expect(await openReadConnection(database.db, { max: 1, waitMs: 50 })).toBeNull();
    let second: Awaited<ReturnType<typeof openReadConnection>> | undefined;
    const waiting = openReadConnection(database.db, limits).then((c) => (second = c));
    await first.client.query('select 1');
    expect(second).toBeUndefined();
    await first.close();
    await first.close(); // twice is once
    await waiting;
    expect(second).not.toBeNull();
    const { rows } = await second!.client.query<{ n: number }>('select 2 as n');
    expect(rows[0]!.n).toBe(2);
    await second!.close();
    // The slot is free again: the next opens at once.
    const third = await openReadConnection(database.db, { max: 1, waitMs: 0 });
    expect(third).not.toBeNull();
    await third!.close();
  });
});
