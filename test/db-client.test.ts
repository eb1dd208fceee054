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
