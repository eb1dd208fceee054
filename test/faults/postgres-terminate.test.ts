// Fault: PostgreSQL drops the api's connections (pg_terminate_backend on this file's own database
// only) while requests stream in, including a transaction that sits between two statements. The
// process must stay up (a checked-out client's `error` used to be unhandled and kill it), every
// request either succeeds or fails cleanly with 503 in the error shape, no write is half done, and the
// pool reconnects by itself.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let institution: Session;
let killer: pg.Client;

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  killer = new pg.Client({ connectionString: t.config.databaseUrl });
  await killer.connect();
});

afterAll(async () => {
  await killer?.end();
  await t?.close();
});

/** Terminates every other connection to this test's database; returns how many. */
async function terminateOthers(): Promise<number> {
  const r = await killer.query<{ n: number }>(
    `select count(*) filter (where pg_terminate_backend(pid))::int as n
     from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return r.rows[0]!.n;
}

describe('PostgreSQL connections terminated mid-traffic', () => {
  it('keeps the process up, answers 2xx or a clean 503, writes nothing by halves and reconnects', async () => {
    const inst = as(t.app, institution);
    const statuses: number[] = [];
    const unclean: string[] = [];
    let terminated = 0;

    // A transaction holding a client between two statements when its backend goes away.
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const holding = new Promise<void>((r) => (inside = r));
    const held = t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        inside();
        await paused;
        await tx.execute(sql`select 2`);
      })
      .then(
        () => 'committed',
        () => 'failed',
      );
    await holding;

    const traffic = async (rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const res = await (i % 2 === 0
          ? inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })
          : t.app.inject({ method: 'GET', url: '/api/v1/stats' }));
        statuses.push(res.statusCode);
        if (res.statusCode >= 500) {
          const body = res.json();
          if (res.statusCode !== 503 || body.error?.code !== 'UNAVAILABLE' || !res.headers['retry-after'])
            unclean.push(`${res.statusCode} ${res.body}`);
        } else if (res.statusCode >= 300) unclean.push(`${res.statusCode} ${res.body}`);
      }
    };
    const streams = Promise.all([traffic(40), traffic(40), traffic(40)]);
    for (let i = 0; i < 4; i++) {
      terminated += await terminateOthers();
      if (i === 0) release();
      await new Promise((r) => setImmediate(r));
    }
    await streams;

    expect(await held).toBe('failed');
    expect(terminated).toBeGreaterThan(0);
    expect(unclean).toEqual([]);
    expect(statuses.length).toBe(120);

    // Every client the traffic took is back: none stays checked out behind a lost connection.
    await expect.poll(() => t.database.pool.totalCount - t.database.pool.idleCount).toBe(0);

    // Reconnected: probes and writes work again.
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).statusCode).toBe(201);

    // No half-done write: every stored result has the audit row its transaction wrote with it.
    const orphans = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from results r
      where not exists (select 1 from audit_log a where a.target_id = r.id)`);
    expect(orphans.rows[0]!.n).toBe(0);
  });
});
