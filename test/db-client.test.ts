import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

describe('createDatabase', () => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase(testDb.url, 3);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await database.close();
    await testDb.drop();
  });

  it('keeps the connections a burst opened, however long they then stay idle', async () => {
    // pg's pool would close each one 10 s after its last use (its idle timer is a plain setTimeout).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
    expect(database.pool.totalCount).toBe(3);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(database.pool.totalCount).toBe(3);
    expect(database.pool.idleCount).toBe(3);
    vi.useRealTimers();
    // And they still answer.
    const r = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`,
    );
    expect(r.rows[0]!.n).toBeGreaterThanOrEqual(3);
  });
});

describe('a connection lost while checked out', () => {
  let testDb: TestDatabase;
  let database: Database;
  let killer: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase(testDb.url, 2);
    killer = createDatabase(testDb.url, 1);
  });
  afterAll(async () => {
    await killer.close();
    await database.close();
    await testDb.drop();
  });

  const terminate = (pid: number) => killer.db.execute(sql`select pg_terminate_backend(${pid})`);
  // pg's Client has it at runtime; @types/pg does not declare it.
  const backendPid = (client: object) => (client as { processID: number }).processID;
  const ended = (client: { once(event: 'end', fn: () => void): unknown }) =>
    new Promise<void>((resolve) => client.once('end', resolve));

  it('goes back to the pool, which drops it; the holder releasing it afterwards changes nothing', async () => {
    const client = await database.pool.connect();
    expect(database.pool.totalCount - database.pool.idleCount).toBe(1);
    const gone = ended(client);
    await terminate(backendPid(client));
    await gone;
    await expect.poll(() => database.pool.totalCount - database.pool.idleCount).toBe(0);
    expect(() => client.release()).not.toThrow();
    // The pool still serves.
    const r = await database.db.execute<{ one: number }>(sql`select 1 as one`);
    expect(r.rows[0]!.one).toBe(1);
  });

  it('a transaction whose begin fails leaves no client checked out, so the pool can still end', async () => {
    // drizzle sends `begin` outside the try that releases the client; a dead connection made it leak.
    const held = await database.pool.connect();
    const pid = backendPid(held);
    held.release();
    // The pool hands this idle client out again; kill it between checkout and begin.
    const connect = database.pool.connect.bind(database.pool);
    let killed = false;
    const spy = vi.spyOn(database.pool, 'connect').mockImplementation((async () => {
      const client = await connect();
      if (!killed && backendPid(client) === pid) {
        killed = true;
        // Stop the client noticing before begin is written: terminate and wait for the socket to end.
        const gone = ended(client);
        await terminate(pid);
        await gone;
      }
      return client;
    }) as never);
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    spy.mockRestore();
    expect(killed).toBe(true);
    await expect.poll(() => database.pool.totalCount - database.pool.idleCount).toBe(0);
  });
});
