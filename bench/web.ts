// npm run bench:web — Lighthouse 12.2.3, mobile profile (its default: a Moto G Power on slow 4G,
// simulated throttling), on the four pages issue 24 names: home, supply browse, a listing detail and
// a search. It builds the web app, serves it with the demo data, and prints each page's performance
// and SEO scores with FCP, LCP, TBT and the bytes transferred —
//   ssr:   as a visitor gets it (server-rendered, hydrated);
//   shell: the baseline in the same run, the same page rendered in the browser only (what every
//          visitor got before issue 24; forced here with a session cookie that matches no session).
// Targets on every page (issue 24): performance ≥ 90, LCP ≤ 2.5 s, SEO ≥ 95.
// Options: --no-build (use web/dist as built); --only=<page name> (e.g. --only=search);
// --details (also print, for the server-rendered page, what the score is made of: the LCP element,
// the main thread's long tasks and the scripts behind them, render-blocking requests, failed SEO audits).
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import pg from 'pg';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { seedDemoData } from '../db/seed/index.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../platform/config.js';
import { hashPassword } from '../server/accounts/service.js';
import { CHROMIUM_ARGS } from '../test/helpers/browser.js';
import { createRedis } from '../platform/redis.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const DB = 'jiebang_bench_web';
const TARGET = { performance: 90, lcpMs: 2500, seo: 95 };

if (!process.argv.includes('--no-build')) {
  console.log('building the web app …');
  execSync('npm run build:web', { cwd: ROOT, stdio: 'ignore' });
}

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
const config = loadConfig({
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`,
  REDIS_PREFIX: 'benchweb',
  LOG_LEVEL: 'silent',
  WEB_DIST: DIST,
  SERVE_WEB: 'true',
});
const database = createDatabase(config.databaseUrl);
await runMigrations(config.databaseUrl);
await seedDemoData(database.db, { now: new Date(), hashPassword, periods: config.periods });
const redis = createRedis(config.redisUrl);
const app = await buildApp({ config, db: database.db, redis });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// A public listing of the demo data for the detail page.
const list = (await (await fetch(`${base}/api/v1/listings?kind=supply&page=1&pageSize=1`)).json()) as {
  items: Array<{ id: string }>;
};
const listingId = list.items[0]?.id;
if (!listingId) throw new Error('the demo data has no public supply listing');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const DETAILS = process.argv.includes('--details');
const PAGES: Array<[string, string]> = (
  [
    ['home', '/'],
    ['supply browse', '/supply'],
    ['listing detail', `/listings/${listingId}`],
    ['search', `/search?q=${encodeURIComponent('机床')}`],
  ] satisfies Array<[string, string]>
).filter(([name]) => !ONLY || name.startsWith(ONLY));

interface Row {
  performance: number;
  seo: number;
  fcp: number;
  lcp: number;
  tbt: number;
  bytes: number;
  /** With --details: what the score is made of, one line each. */
  details: string[];
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});

/** One Lighthouse run; a run the browser's protocol timed out on (a loaded machine) is tried once more. */
async function audit(url: string, cookie: string | null, attempt = 1): Promise<Row> {
  try {
    return await auditOnce(url, cookie);
  } catch (err) {
    if (attempt >= 2) throw err;
    console.log(`  (retrying ${url}: ${(err as Error).message})`);
    return audit(url, cookie, attempt + 1);
  }
}

async function auditOnce(url: string, cookie: string | null): Promise<Row> {
  const result = await lighthouse(
    url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'seo'],
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    },
    // The default config: mobile form factor, simulated slow 4G and 4× CPU slowdown.
    undefined,
  );
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
  const { categories, audits } = result.lhr;
  const num = (id: string) => Number(audits[id]?.numericValue ?? NaN);
  return {
    details: DETAILS ? describe(result.lhr) : [],
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    seo: Math.round((categories.seo?.score ?? 0) * 100),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    bytes: num('total-byte-weight'),
  };
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
interface Items {
  items?: Array<Record<string, unknown>>;
}

/** The audits behind the figures: the LCP element, long tasks, scripts' CPU, blocking requests, SEO. */
function describe(lhr: Lhr): string[] {
  const items = (id: string) => ((lhr.audits[id]?.details ?? {}) as Items).items ?? [];
  const out: string[] = [];
  const lcp = items('largest-contentful-paint-element')[0] as { items?: Array<{ node?: { snippet?: string } }> };
  out.push(`LCP element: ${lcp?.items?.[0]?.node?.snippet ?? '?'}`);
  for (const phase of (items('largest-contentful-paint-element')[1] as Items | undefined)?.items ?? [])
    out.push(`  LCP phase ${String(phase.phase)}: ${Math.round(Number(phase.timing))} ms`);
  for (const t of items('long-tasks').slice(0, 8))
    out.push(
      `long task ${Math.round(Number(t.duration))} ms at ${Math.round(Number(t.startTime))} ms: ${String(t.url)}`,
    );
  for (const b of items('bootup-time').slice(0, 6))
    out.push(
      `script ${String(b.url)}: total ${Math.round(Number(b.total))} ms, eval ${Math.round(Number(b.scripting))} ms`,
    );
  for (const g of items('mainthread-work-breakdown'))
    out.push(`main thread ${String(g.groupLabel)}: ${Math.round(Number(g.duration))} ms`);
  for (const r of items('render-blocking-resources'))
    out.push(`render-blocking ${String(r.url)}: ${String(r.wastedMs)} ms`);
  for (const r of items('network-requests'))
    out.push(
      `request ${String(r.resourceType)} ${String(r.url).replace(/^https?:\/\/[^/]+/, '')} ${Math.round(Number(r.transferSize) / 1024)} KiB ` +
        `${Math.round(Number(r.networkRequestTime))}–${Math.round(Number(r.networkEndTime))} ms`,
    );
  for (const ref of lhr.categories.seo?.auditRefs ?? []) {
    const a = lhr.audits[ref.id];
    if (a && a.score !== null && a.score < 1 && ref.weight > 0)
      out.push(`SEO failed: ${a.id} — ${a.title} ${JSON.stringify(items(a.id).slice(0, 3))}`);
  }
  return out;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(7);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`.padStart(9);
const line = (label: string, r: Row) =>
  `  ${label.padEnd(6)} perf ${String(r.performance).padStart(3)}  seo ${String(r.seo).padStart(3)}  ` +
  `FCP ${s(r.fcp)}  LCP ${s(r.lcp)}  TBT ${`${Math.round(r.tbt)} ms`.padStart(7)}  ${kib(r.bytes)}`;

const misses: string[] = [];
try {
  console.log(
    `\nLighthouse 12.2.3, mobile profile; targets: performance ≥ ${TARGET.performance}, LCP ≤ 2.5 s, SEO ≥ ${TARGET.seo}`,
  );
  for (const [name, path] of PAGES) {
    const ssr = await audit(base + path, null);
    const shell = await audit(base + path, 'jb_sid=bench-no-such-session');
    console.log(`\n${name} (${path})`);
    console.log(line('ssr', ssr));
    console.log(line('shell', shell));
    for (const d of ssr.details) console.log(`    ${d}`);
    if (ssr.performance < TARGET.performance) misses.push(`${name}: performance ${ssr.performance}`);
    if (ssr.lcp > TARGET.lcpMs) misses.push(`${name}: LCP ${(ssr.lcp / 1000).toFixed(1)} s`);
    if (ssr.seo < TARGET.seo) misses.push(`${name}: SEO ${ssr.seo}`);
  }
  console.log(misses.length ? `\ntargets missed: ${misses.join('; ')}` : '\nall targets met');
} finally {
  await chrome.kill();
  await app.close();
  await redis.quit();
  await database.close();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.end();
}
