// `npm run operator:create -- --email a@b.cn --name 张三` — operators are never self-registered.
// The password is read from the OPERATOR_PASSWORD environment variable or prompted for, never
// taken from the command line (it would land in shell history).
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { createDatabase } from '../db/client.js';
import { ensureDatabase, runMigrations } from '../db/migrate.js';
import { loadConfig } from '../platform/config.js';
import { createOperator } from '../server/accounts/service.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email || !values.name) {
  console.error('usage: npm run operator:create -- --email <email> --name <显示名>');
  process.exit(2);
}
let password = process.env.OPERATOR_PASSWORD ?? '';
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('密码（至少 8 位）: ');
  rl.close();
}
if (password.length < 8) {
  console.error('密码至少 8 位');
  process.exit(2);
}
const config = loadConfig();
await ensureDatabase(config.databaseUrl);
const database = createDatabase(config.databaseUrl, 1);
try {
  await runMigrations(config.databaseUrl);
  const { userId } = await createOperator(database.db, { email: values.email, password, displayName: values.name });
  console.log(`operator created: ${userId}`);
} catch (err) {
  console.error('could not create operator:', (err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
