// `npm run db:migrate`: create the database if needed and apply migrations; exits non-zero on failure.
import { ensureDatabase, runMigrations } from '../db/migrate.js';
import { loadConfig } from '../platform/config.js';

const config = loadConfig();
await ensureDatabase(config.databaseUrl);
try {
  await runMigrations(config.databaseUrl);
  console.log('migrations applied');
} catch (err) {
  console.error('migration failed:', err);
  process.exitCode = 1;
}
