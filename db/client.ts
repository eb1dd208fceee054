import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; store functions accept either a Db or a Tx as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A pool of up to `max` connections, opened as they are first needed and then kept: a fixed-size
 * pool (`min` = `max`). pg's default closes a connection after 10 s idle, so after every burst
 * (the bids of a soft close) it tore its connections down, PostgreSQL ended those backends on the
 * same cores that were committing the next bids (one such teardown held a bid's answer back
 * ~200 ms in bench:auction), and the next burst paid to fork them again. `max` is what is counted
 * against max_connections anyway (README, "Running the parts separately").
 */
export function createDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, min: max });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { db, pool, close: () => pool.end() };
}
