// `npm run db:backup [-- file]`: a consistent snapshot of DATABASE_URL in pg_dump's custom format
// (compressed; `pg_restore` can restore all of it or single tables). Default file:
// backups/jiebang-<UTC timestamp>.dump. pg_dump takes one transaction snapshot, so the api and the
// worker keep running while it reads. Needs pg_dump of PostgreSQL 15 or newer on PATH.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../platform/config.js';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = process.argv[2] ?? `backups/jiebang-${stamp}.dump`;
mkdirSync(dirname(file), { recursive: true });

const dump = spawnSync(
  'pg_dump',
  ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${config.databaseUrl}`],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (dump.error) {
  console.error(`pg_dump could not run: ${dump.error.message}`);
  process.exit(1);
}
if (dump.status !== 0) process.exit(dump.status ?? 1);
console.log(`backup written: ${file} (${statSync(file).size} bytes)`);
