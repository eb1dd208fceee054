// Backups (README, "Backups and recovery"): `npm run db:backup` writes a pg_dump custom-format file;
// `npm run db:restore` brings it back into a fresh database with the same rows, and refuses to
// overwrite a database that has tables unless told to.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.js';
import { seedDemoData } from '../../db/seed/index.js';
import { parseDuration } from '../../domain/duration.js';
import { adminUrl, createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/db.js';

const run = promisify(execFile);
const script = (name: string, url: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
  });

const TABLES = ['organisations', 'users', 'results', 'listings', 'outbox', 'drizzle.__drizzle_migrations'];

async function counts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await c.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
    return out;
  } finally {
    await c.end();
  }
}

describe('db:backup and db:restore', () => {
  let source: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-backup-'));
  const file = join(dir, 'demo.dump');
  const restoredName = `jiebang_t_rst_${randomBytes(5).toString('hex')}`;
  const restoredUrl = databaseUrl(restoredName);

  beforeAll(async () => {
    source = await createTestDatabase();
    const database = createDatabase(source.url, 2);
    const d = (s: string) => parseDuration(s)!;
    await seedDemoData(database.db, {
      now: new Date(),
      hashPassword: async (pw) => `x:${pw}`,
      periods: {
        notice: d('P15D'),
        objectionDecision: d('P15D'),
        listing: d('P15D'),
        showcase: d('P180D'),
        selection: d('P15D'),
      },
    });
    await database.close();
  });

  afterAll(async () => {
    await source?.drop();
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    await c.query(`drop database if exists ${restoredName} with (force)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup into a database that did not exist, with every row', async () => {
    const before = await counts(source.url);
    expect(before.listings).toBeGreaterThan(0);

    await script('db-backup', source.url, [file]);
    expect(statSync(file).size).toBeGreaterThan(0);
    await script('db-restore', restoredUrl, [file]);

    expect(await counts(restoredUrl)).toEqual(before);
    const titles = async (url: string) => {
      const k = new pg.Client({ connectionString: url });
      await k.connect();
      const r = await k.query<{ title: string }>('select title from listings order by id');
      await k.end();
      return r.rows.map((x) => x.title);
    };
    expect(await titles(restoredUrl)).toEqual(await titles(source.url));
  });

  it('refuses to restore over a database that has tables, and leaves it as it was', async () => {
    const before = await counts(source.url);
    await expect(script('db-restore', source.url, [file])).rejects.toThrow(/refusing to restore/);
    expect(await counts(source.url)).toEqual(before);
  });
});
