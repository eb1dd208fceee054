import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { pino } from 'pino';
import * as schema from './schema/index.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; store functions accept either a Db or a Tx as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Where connection failures go: platform/dependency-health.ts logs them once per state change. */
export interface ConnectionHealth {
  failed(err: unknown, context?: Record<string, unknown>): void;
  recovered(): void;
}

function connectionError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { code, severity } = err as Error & { code?: string; severity?: string };
  return { type: err.name, message: err.message, code, severity };
}

/** Without a health tracker, each lost connection is one warning line (one per connection, not per query). */
function warnEach(): ConnectionHealth {
  const log = pino({ base: { role: 'db' } });
  return {
    // The error alone: pg-pool hangs the whole Client (its connection, parsed statements…) on an idle
    // client's error as `err.client`, which pino would print in full.
    failed: (err, context) =>
      log.warn({ dependency: 'postgres', err: connectionError(err), ...context }, 'postgres connection lost'),
    recovered: () => undefined,
  };
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A pool whose checked-out clients go back by themselves when their connection is lost.
 *
 * drizzle's `db.transaction` takes a client from the pool and sends `begin` *before* the try whose
 * `finally` releases it (drizzle-orm 0.45, node-postgres session): when the backend is already gone,
 * `begin` throws and the client is never released. Each such loss kept one of the pool's `max` slots
 * forever, so after enough of them every request waited for a connection that never came, and
 * `pool.end()` waited for them too (test/faults/postgres-terminate.test.ts hung in its teardown).
 * A client whose connection ends while checked out is handed back at once — the pool drops a client
 * that is not queryable — and its holder's own `release()` afterwards does nothing.
 */
class GuardedPool extends pg.Pool {
  // Only the promise form: pool.query and other callback users release on every path themselves.
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then(releasedWhenLost);
  }
}

function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release;
  let handedBack = false;
  const lost = () => {
    handedBack = true;
    release(new Error('connection lost while checked out'));
  };
  client.once('end', lost);
  client.release = (err?: Error | boolean) => {
    if (handedBack) return;
    client.removeListener('end', lost);
    release(err); // a second release by the holder still throws, as pg's does
  };
  return client;
}

/**
 * A pool of up to `max` connections, opened as they are first needed and then kept: a fixed-size
 * pool (`min` = `max`). pg's default closes a connection after 10 s idle, so after every burst
 * (the bids of a soft close) it tore its connections down, PostgreSQL ended those backends on the
 * same cores that were committing the next bids (one such teardown held a bid's answer back
 * ~200 ms in bench:auction), and the next burst paid to fork them again. `max` is what is counted
 * against max_connections anyway (README, "Running the parts separately").
 *
 * Connection loss is survivable: pg-pool listens for `error` only on idle clients and removes that
 * listener while a client is checked out, so a backend terminated between two statements of a
 * transaction emitted an unhandled `error` on the Client and killed the process. Every client gets its
 * own listener for its whole life; the statement in flight fails (the api answers 503, see
 * server/plugins/errors.ts), the broken client is dropped on release and the pool opens a new one.
 */
export function createDatabase(url: string, max = 10, health: ConnectionHealth = warnEach()): Database {
  const dbHealth = health;
  const pool = new GuardedPool({ connectionString: url, max, min: max });
  pool.on('error', (err) => dbHealth.failed(err, { where: 'idle client' }));
  pool.on('connect', (client) => {
    client.on('error', (err) => dbHealth.failed(err, { where: 'client' }));
    dbHealth.recovered();
  });
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { db, pool, close: () => pool.end() };
}
