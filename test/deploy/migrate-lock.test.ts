// One migrator at a time (db/migrate.ts): processes started together on a database that does not
// exist yet — the api replicas, the worker and compose's one-shot `migrate` service on a first
// deploy — all succeed, and every migration is applied exactly once.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../db/migrate.js';
import { adminUrl, databaseUrl } from '../helpers/db.js';

const run = promisify(execFile);
const name = `jiebang_t_mig_${randomBytes(5).toString('hex')}`;
const url = databaseUrl(name);

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('npm run db:migrate, three at once on a fresh database', () => {
  it('all exit 0 and each migration is recorded once', async () => {
    const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' };
    const migrators = Array.from({ length: 3 }, () =>
      run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env }),
    );
    const outcomes = await Promise.allSettled(migrators);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);

    const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
      entries: { when: number }[];
    };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ created_at: string }>(
        'select created_at from drizzle.__drizzle_migrations order by created_at',
      );
      expect(rows.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
    } finally {
      await client.end();
    }
  });
});
