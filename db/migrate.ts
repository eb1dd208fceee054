import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The advisory-lock key every migrator takes (one bigint, any fixed value: "jiebang" in ASCII).
 * Session-level, so it is released when the migrator's connection ends, even if the process dies.
 */
export const MIGRATION_LOCK_KEY = '29952231694495335'; // 0x6a696562616e67

// Another session creating the same database at the same moment: 42P04 duplicate_database, or the
// unique index of pg_database (23505) when both passed the existence check together.
const DATABASE_EXISTS = new Set(['42P04', '23505']);

/** Creates the database named in the URL if it does not exist (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-zA-Z0-9_-]+$/.test(name)) throw new Error(`refusing to create database with name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  } catch (err) {
    if (DATABASE_EXISTS.has((err as { code?: string }).code ?? '')) return false;
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations, one process at a time: each migrator takes a PostgreSQL advisory
 * lock on a connection of its own, so when the api replicas, the worker and the one-shot `migrate`
 * service start together on a fresh database, one applies and the others wait, then find nothing
 * left to do. (Without the lock they raced on drizzle's `create schema if not exists` and died on
 * a duplicate key.)
 */
export async function runMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'jiebang-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
