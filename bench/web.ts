// npm run bench:web — builds the web app, serves it with the demo data, and prints
//  (1) the gzip size of the JavaScript the home and browse pages load (counted from what headless
//      Chromium actually requests, gzipped here at level 9), and
//  (2) the time to first render of the browse page: navigation start → first listing card painted,
//      median of several cold loads, beside the baseline measured in the same run: the time for the
//      same listings to arrive from the API alone (what no front end can beat).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { seedDemoData } from '../db/seed/index.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../platform/config.js';
import { hashPassword } from '../server/accounts/service.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { createRedis } from '../platform/redis.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'web/dist');
const DB = 'jiebang_bench_web';
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

console.log('building the web app …');
execSync('npm run build:web', { cwd: ROOT, stdio: 'ignore' });

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
const config = loadConfig({
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`,
  REDIS_PREFIX: 'benchweb',
  LOG_LEVEL: 'silent',
  WEB_DIST: DIST,
});
const database = createDatabase(config.databaseUrl);
await runMigrations(config.databaseUrl);
await seedDemoData(database.db, { now: new Date(), hashPassword, periods: config.periods });
const redis = createRedis(config.redisUrl);
const app = await buildApp({ config, db: database.db, redis });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await launchBrowser();
try {
  console.log('\nJavaScript loaded (gzip -9):');
  for (const [name, path] of [
    ['home', '/'],
    ['browse', '/demands'],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    let raw = 0;
    let gz = 0;
    for (const s of scripts) {
      const body = readFileSync(join(DIST, s));
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    console.log(
      `  ${name.padEnd(7)} ${String(scripts.size).padStart(3)} files  ${kb(raw).padStart(10)} raw  ${kb(gz).padStart(9)} gzip`,
    );
    await context.close();
  }

  const render: number[] = [];
  const apiOnly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/demands`);
    await page.locator('h3 a[href^="/listings/"]').first().waitFor();
    render.push(await page.evaluate(() => performance.now()));
    await context.close();

    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/listings?kind=demand&page=1&pageSize=20`);
    await res.json();
    apiOnly.push(performance.now() - t0);
  }
  console.log(`\nbrowse page, time to first render (median of ${RUNS} cold loads): ${median(render).toFixed(0)} ms`);
  console.log(`baseline, the same listings from the API alone:               ${median(apiOnly).toFixed(1)} ms`);
  console.log(
    `front-end cost (render − baseline):                           ${(median(render) - median(apiOnly)).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await app.close();
  await redis.quit();
  await database.close();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.end();
}
