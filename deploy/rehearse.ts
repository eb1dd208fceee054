// `npm run deploy:rehearse`: the production image's steps without Docker. Compiles the server to
// dist/ (and the web app into dist/web/dist), installs production dependencies only into a scratch
// directory, starts `node dist/scripts/start.js all` there against a fresh database, and waits for
// /readyz to answer 200; then checks a public page and the API, and that SIGTERM ends it cleanly.
// Fails (exit 1) on any step, on an EBADENGINE warning, or if a devDependency was installed.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const skipWeb = process.argv.includes('--skip-web');

const step = (what: string) => console.log(`\n== ${what}`);
const sh = (cmd: string, args: string[], cwd = ROOT) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

function fail(message: string): never {
  console.error(`REHEARSAL FAILED: ${message}`);
  process.exit(1);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function admin(query: string): Promise<void> {
  const u = new URL(BASE_DB);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

step(skipWeb ? 'compile the server to dist/ (web build skipped)' : 'build the web app and compile the server to dist/');
if (!skipWeb) sh('npm', ['run', 'build:web']);
sh('npm', ['run', 'build:server']);
if (!existsSync(join(ROOT, 'dist/scripts/start.js'))) fail('dist/scripts/start.js was not built');
if (!existsSync(join(ROOT, 'dist/db/migrations/meta/_journal.json'))) fail('migrations were not copied into dist/');

step('install production dependencies only into a scratch directory');
const scratch = mkdtempSync(join(tmpdir(), 'jiebang-rehearsal-'));
for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(scratch, f));
cpSync(join(ROOT, 'dist'), join(scratch, 'dist'), { recursive: true });
const install = spawn('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: scratch });
let installLog = '';
install.stdout.on('data', (d: Buffer) => (installLog += d));
install.stderr.on('data', (d: Buffer) => (installLog += d));
const installCode = await new Promise<number | null>((r) => install.on('close', r));
if (installCode !== 0) fail(`npm ci --omit=dev exited ${installCode}\n${installLog}`);
if (/EBADENGINE/.test(installLog)) fail(`npm ci printed an engine warning on Node ${process.version}\n${installLog}`);
for (const dev of ['typescript', 'tsx', 'vitest', 'vite', 'drizzle-kit', 'eslint']) {
  if (existsSync(join(scratch, 'node_modules', dev))) fail(`devDependency ${dev} was installed`);
}
console.log(
  `installed: ${sh('du', ['-sh', 'node_modules'], scratch).trim()}, no engine warning on Node ${process.version}`,
);

const dbName = `jiebang_rehearsal_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(BASE_DB);
dbUrl.pathname = `/${dbName}`;
const port = await freePort();
const redisPrefix = `rh${randomBytes(4).toString('hex')}`;

step(`start node dist/scripts/start.js all (NODE_ENV=production, database ${dbName}, port ${port})`);
const app = spawn(process.execPath, ['dist/scripts/start.js', 'all'], {
  cwd: scratch,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let appLog = '';
app.stdout.on('data', (d: Buffer) => (appLog += d));
app.stderr.on('data', (d: Buffer) => (appLog += d));
const exited = new Promise<number | null>((r) => app.on('exit', r));

async function cleanup(): Promise<void> {
  if (app.exitCode === null) app.kill('SIGKILL');
  await admin(`drop database if exists ${dbName} with (force)`).catch((err: unknown) =>
    console.error('could not drop the rehearsal database', err),
  );
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  rmSync(scratch, { recursive: true, force: true });
}

try {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let ready = 0;
  while (Date.now() < deadline && app.exitCode === null) {
    ready = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (ready === 200) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (ready !== 200) fail(`/readyz never answered 200 (last ${ready})\n${appLog}`);
  console.log('/readyz 200');

  const listings = await fetch(`${base}/api/v1/listings`);
  const body = (await listings.json()) as { total?: number };
  if (listings.status !== 200 || !body.total) fail(`GET /api/v1/listings: ${listings.status} ${JSON.stringify(body)}`);
  console.log(`GET /api/v1/listings 200 (${body.total} seeded listings)`);
  if (!skipWeb) {
    const home = await fetch(`${base}/`);
    const html = await home.text();
    if (home.status !== 200 || !html.includes('<div id="root">')) fail(`GET /: ${home.status}`);
    console.log('GET / 200 (the web app from dist/web/dist)');
  }

  step('SIGTERM: a clean shutdown within the 15 s timeout');
  app.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
  if (code !== 0) fail(`exit ${code} after SIGTERM\n${appLog}`);
  console.log('exited 0');
  console.log('\nrehearsal passed');
} finally {
  await cleanup();
}
