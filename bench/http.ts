// npm run bench:http [-- --duration 30 --no-cache] — public reads and a signed-in write mix over
// loopback (autocannon in a worker thread, 50 connections), each beside a bare Fastify route that
// serves the same bytes, measured in the same run. Prints req/s, p50/p99 latency and the ratio to
// the bare route. Uses the demo data on a database of its own (jiebang_bench_http, recreated).
// --no-cache sets PUBLIC_CACHE_TTL=PT0S to show the same routes without the public read cache.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../db/seed/index.js';
import { loadConfig } from '../platform/config.js';
import { createRedis } from '../platform/redis.js';
import { hashPassword } from '../server/accounts/service.js';
import { buildApp } from '../server/app.js';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '30' }, 'no-cache': { type: 'boolean', default: false } },
});
const DURATION = Number(args.duration);
const CONNECTIONS = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'web/dist');
const DB = 'jiebang_bench_http';
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!existsSync(join(DIST, 'index.html'))) {
  console.log('building the web app …');
  execSync('npm run build:web', { cwd: ROOT, stdio: 'ignore' });
}
const admin = new pg.Client({ connectionString: BASE });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
const dbUrl = new URL(BASE);
dbUrl.pathname = `/${DB}`;
const config = loadConfig({
  NODE_ENV: 'development',
  DATABASE_URL: dbUrl.toString(),
  REDIS_PREFIX: 'benchhttp',
  LOG_LEVEL: 'silent',
  WEB_DIST: DIST,
  LOGIN_RATE_LIMIT: '100000',
  ...(args['no-cache'] ? { PUBLIC_CACHE_TTL: 'PT0S' } : {}),
});
await runMigrations(config.databaseUrl);
const database = createDatabase(config.databaseUrl);
await seedDemoData(database.db, { now: new Date(), hashPassword, periods: config.periods });
const redis = createRedis(config.redisUrl);
const app = await buildApp({ config, db: database.db, redis });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

// What the routes answer, to be served verbatim by the bare route.
const list = await fetch(`${base}/api/v1/listings?pageSize=20`);
const listBody = await list.text();
const firstId = (JSON.parse(listBody) as { items: { id: string }[] }).items[0]!.id;
const SEARCH = `/api/v1/search?q=${encodeURIComponent('电池')}`;

const member = DEMO_ACCOUNTS.find((a) => a.role !== 'operator')!;
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: member.email, password: DEMO_PASSWORD }),
});
if (login.status !== 200) throw new Error(`demo login failed: ${login.status} ${await login.text()}`);
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const { csrfToken } = (await login.json()) as { csrfToken: string };
const signedIn = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, requests?: autocannon.Request[]): Promise<Result> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    workers: 1,
    ...(requests ? { requests } : {}),
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

async function bare(body: string, contentType: string): Promise<Result> {
  const b = Fastify();
  b.get('/', (_req, reply) => reply.header('content-type', contentType).send(body));
  await b.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await load(`http://127.0.0.1:${(b.server.address() as { port: number }).port}/`);
  } finally {
    await b.close();
  }
}

const fmt = (r: Result) =>
  `${Math.round(r.rps).toLocaleString('en').padStart(7)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms${r.errors ? `  (${r.errors} errors/non-2xx)` : ''}`;

console.log(
  `\nbench:http — ${CONNECTIONS} connections, ${DURATION} s each, public read cache ${args['no-cache'] ? 'OFF' : `on (TTL ${config.publicCacheTtl.seconds} s)`}, Node ${process.version}`,
);
const baseline = await bare(listBody, 'application/json; charset=utf-8');
console.log(`  bare Fastify, same bytes as the list    ${fmt(baseline)}`);

const scenarios: Array<[string, () => Promise<Result>, number?]> = [
  ['anonymous listing list', () => load(`${base}/api/v1/listings?pageSize=20`), 2000],
  ['listing detail', () => load(`${base}/api/v1/listings/${firstId}`), 2000],
  ['search “电池”', () => load(`${base}${SEARCH}`), 800],
  ['home page (/ and /api/v1/stats)', () => load(base, [{ path: '/' }, { path: '/api/v1/stats' }])],
  [
    'signed-in mix (3 reads : 1 write)',
    () =>
      load(base, [
        { path: '/api/v1/notifications', headers: signedIn },
        { path: '/api/v1/listings?pageSize=20', headers: signedIn },
        { path: '/api/v1/me', headers: signedIn },
        { method: 'POST', path: '/api/v1/notifications/read-all', headers: signedIn, body: '{}' },
      ]),
  ],
];
for (const [name, run, target] of scenarios) {
  const r = await run();
  const ratio = `${((r.rps / baseline.rps) * 100).toFixed(1)}% of bare`;
  const goal = target ? `  target ≥ ${target.toLocaleString('en')}: ${r.rps >= target ? 'met' : 'NOT met'}` : '';
  console.log(`  ${name.padEnd(38)} ${fmt(r)}  ${ratio}${goal}`);
}

await app.close();
await redis.quit();
await database.close();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.end();
