import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
}

export function adminUrl(): string {
  return databaseUrl('postgres');
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from this run's template (test/global-setup.ts). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `jiebang_t_${randomBytes(6).toString('hex')}`;
  const template = inject('templateDb');
  // Cloning needs the template to have no other sessions; retry briefly if another file is cloning.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`create database ${name} template ${template}`));
      break;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/**
 * Holds a cluster-wide advisory lock while a file uses many connections at once. One suite peaks at
 * ~65 of PostgreSQL's default max_connections = 100 (auction-concurrency's 50 bidders on 50
 * connections); two suites on one server (a CI run beside another `npm test`) ran out with
 * "too many clients" when both reached that file together. The second now waits for the first.
 * Returns the release; the lock also goes if the process dies, with its connection.
 */
export async function connectionHeavy(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(`select pg_advisory_lock(hashtext('jiebang-test: connection-heavy file'))`);
  return () => client.end();
}
