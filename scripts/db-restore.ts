// `npm run db:restore -- file [--replace]`: restores a `db:backup` file into DATABASE_URL, creating
// the database when it does not exist, then applies any migrations newer than the backup. Refuses a
// database that already has tables unless --replace is given (which drops what the backup holds
// first). Stop the api and the worker before restoring over a live database (README, "Backups").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { ensureDatabase, runMigrations } from '../db/migrate.js';
import { loadConfig } from '../platform/config.js';

const args = process.argv.slice(2);
const replace = args.includes('--replace');
const file = args.find((a) => !a.startsWith('--'));
if (!file || !existsSync(file)) {
  console.error(`usage: npm run db:restore -- <backup file> [--replace]${file ? ` (no such file: ${file})` : ''}`);
  process.exit(2);
}

const config = loadConfig();
await ensureDatabase(config.databaseUrl);
const client = new pg.Client({ connectionString: config.databaseUrl });
await client.connect();
const { rows } = await client.query<{ n: number }>(
  `select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`,
);
await client.end();
if (rows[0]!.n > 0 && !replace) {
  console.error(
    `refusing to restore: ${new URL(config.databaseUrl).pathname.slice(1)} already has ${rows[0]!.n} tables (use --replace to overwrite them)`,
  );
  process.exit(1);
}

const restore = spawnSync(
  'pg_restore',
  [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    ...(replace ? ['--clean', '--if-exists'] : []),
    `--dbname=${config.databaseUrl}`,
    file,
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (restore.error) {
  console.error(`pg_restore could not run: ${restore.error.message}`);
  process.exit(1);
}
if (restore.status !== 0) process.exit(restore.status ?? 1);
await runMigrations(config.databaseUrl);
console.log(`restored ${file} into ${new URL(config.databaseUrl).pathname.slice(1)}`);
