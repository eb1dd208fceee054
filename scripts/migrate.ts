// `npm run db:migrate`: create the database if needed and apply migrations; exits non-zero on failure.
import { createDatabase } from '../db/client.js';
import { ensureDatabase, runMigrations } from '../db/migrate.js';
import { loadConfig } from '../platform/config.js';

const config = loadConfig();
await ensureDatabase(config.databaseUrl);
const database = createDatabase(config.databaseUrl, 1);
try {
  await runMigrations(database.db);
  console.log('migrations applied');
} catch (err) {
  console.error('migration failed:', err);
  process.exitCode = 1;
} finally {
  await database.close();
}
