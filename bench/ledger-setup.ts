// What bench:ledger and bench:stats share: the bench database (generated once, reused with
// --reuse-data), the real app listening on loopback, timing with percentiles, and the machine state
// printed beside every figure (the machine is shared: load average and the RSS of this process).

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createDatabase, type Db } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { loadConfig } from '../platform/config.js';
import { createRedis } from '../platform/redis.js';
import { buildApp } from '../server/app.js';
import { rollUp } from '../server/statistics/rollup.js';
import { DEFAULT_SCALE, generateLedger, ledgerLoaded, recreateDatabase, type LedgerScale } from './ledger-data.js';

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang_bench_ledger';

export function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function machine(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`;
}

export const LEDGER_OPTIONS = {
  'reuse-data': { type: 'boolean', default: false },
  // With --reuse-data: rebuild the statistics roll-up anyway (after a change to how it is built).
  'rebuild-rollup': { type: 'boolean', default: false },
  conversions: { type: 'string', default: String(DEFAULT_SCALE.conversions) },
  payments: { type: 'string', default: String(DEFAULT_SCALE.payments) },
  institutions: { type: 'string', default: String(DEFAULT_SCALE.institutions) },
  large: { type: 'string', default: String(DEFAULT_SCALE.large) },
} as const;

export function scaleOf(args: Record<string, string | boolean | undefined>): LedgerScale {
  return {
    ...DEFAULT_SCALE,
    conversions: Number(args.conversions),
    payments: Number(args.payments),
    institutions: Number(args.institutions),
    large: Number(args.large),
  };
}

/**
 * The bench database with the ledger loaded and the statistics rolled up: generated unless
 * --reuse-data finds a previous run's (then only migrations that are new since are applied).
 */
export async function prepareLedger(
  scale: LedgerScale,
  reuse: boolean,
  opts: { statistics: boolean; rebuildRollup?: boolean },
) {
  let loaded = false;
  if (reuse) {
    const probe = createDatabase(BENCH_URL, 1);
    loaded = await ledgerLoaded(probe.db).finally(() => probe.close());
  }
  if (!loaded) await recreateDatabase(BENCH_URL);
  await runMigrations(BENCH_URL);
  const database = createDatabase(BENCH_URL, 8);
  const { db } = database;
  if (!loaded) {
    log(
      `generating: ${scale.conversions} conversions, ${scale.payments} payments, ${scale.institutions} institutions (the first with ${scale.large})`,
    );
    const t = performance.now();
    await generateLedger(db, scale, (line) => log(line));
    const r = await rollUp(db, { full: true });
    log(`  statistics roll-up (full)                    ${(r.durationMs / 1000).toFixed(1).padStart(22)} s`);
    await analyzeRollup(db);
    log(`generated in ${((performance.now() - t) / 1000).toFixed(0)} s (${machine()})`);
  } else {
    log('reusing the generated ledger (--reuse-data)');
    // A migration since the last run may have added summary tables: fill them.
    const { rows } = await db.execute<{ n: string; marks: string }>(
      sql`select (select count(*) from stat_rollup_cells)::text as n, (select count(*) from stat_dirty)::text as marks`,
    );
    if (opts.statistics && ((rows[0]!.n === '0' && rows[0]!.marks === '0') || opts.rebuildRollup)) {
      const r = await rollUp(db, { full: true });
      log(`  statistics roll-up (full, rebuilt)           ${(r.durationMs / 1000).toFixed(1).padStart(22)} s`);
      await analyzeRollup(db);
    } else if (opts.statistics && rows[0]!.marks !== '0') {
      // Marks left by a migration (a change to the summary levels marks them for re-summing from the
      // cube) or by changes since the last run: what the worker's next roll-up would do.
      const r = await rollUp(db);
      log(`  statistics roll-up (pending marks)           ${(r.durationMs / 1000).toFixed(1).padStart(22)} s`);
      await analyzeRollup(db);
    }
  }
  const { rows } = await db.execute<Record<string, string>>(sql`select
      (select count(*) from conversions)::text as conversions, (select count(*) from payments)::text as payments,
      (select count(*) from schedule_items)::text as schedule_items,
      (select count(*) from organisations where kind = 'institution')::text as institutions,
      pg_size_pretty(pg_database_size(current_database())) as size`);
  const c = rows[0]!;
  log(
    `ledger: ${c.conversions} conversions, ${c.payments} payments, ${c.schedule_items} schedule lines, ${c.institutions} institutions, database ${c.size}`,
  );
  return database;
}

/**
 * The summary tables were analysed while still empty (the load's vacuum analyze runs before the
 * roll-up), and autovacuum gets to them only once it is through the ledger's tables: until then the
 * planner takes 3 million cells for none (estimates of 55 rows for 14,000). Vacuumed too, so the first
 * dashboards do not pay for setting hint bits on every page.
 */
async function analyzeRollup(db: Db): Promise<void> {
  const t = performance.now();
  await db.execute(sql`vacuum analyze stat_cells, stat_rollup_cells`);
  log(`  vacuum analyze of the summary tables         ${((performance.now() - t) / 1000).toFixed(1).padStart(22)} s`);
}

/** The real app (routing, sessions, validation, serialisation) on a loopback port. */
export async function startApi(db: Db): Promise<{ app: FastifyInstance; base: string; stop: () => Promise<void> }> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: BENCH_URL,
    REDIS_PREFIX: `jbbenchledger${process.pid}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    SEED_DEMO: 'false',
  });
  const redis = createRedis(config.redisUrl);
  const app = await buildApp({ config, db, redis });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    app,
    base: `http://127.0.0.1:${address.port}/api/v1`,
    stop: async () => {
      await app.close();
      const keys = await redis.keys(`${config.redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  max: number;
  /** CPU per run (ms): this process (app and client) plus the PostgreSQL backends of the bench database. */
  cpuMs?: number;
}

export function percentiles(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

/** CPU seconds the PostgreSQL backends serving the bench database have used (from /proc; 0 elsewhere). */
async function backendCpuMs(db: Db | null): Promise<number> {
  if (!db) return 0;
  const { rows } = await db.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  let total = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ = 100
    } catch {
      continue;
    }
  }
  return total;
}

let cpuDb: Db | null = null;
/** Count the bench database's backends' CPU in every timing from now on. */
export function countBackendCpu(db: Db): void {
  cpuDb = db;
}

/**
 * Runs `fn` `n` times one after another (after `warm` unmeasured runs) and returns the percentiles and
 * the CPU used per run — on a shared, loaded machine the wall-clock time includes waiting for a core,
 * the CPU time does not.
 */
export async function time(n: number, fn: (i: number) => Promise<unknown>, warm = 2): Promise<Timing> {
  for (let i = 0; i < warm; i++) await fn(i);
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  const pg0 = await backendCpuMs(cpuDb);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  const node = process.cpuUsage(cpu0);
  const pg = (await backendCpuMs(cpuDb)) - pg0;
  return { ...percentiles(ms), cpuMs: ((node.user + node.system) / 1000 + pg) / n };
}

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export function timingLine(label: string, t: Timing, extra = ''): string {
  const cpu = t.cpuMs === undefined ? '' : `  CPU ${fmt(t.cpuMs).padStart(6)} ms/run`;
  return `  ${label.padEnd(58)} p50 ${fmt(t.p50).padStart(7)} ms  p95 ${fmt(t.p95).padStart(7)} ms${cpu}  (n=${t.n})${extra}`;
}

/** GET through the API as a signed-in bench user; throws unless 200. */
export async function getJson(base: string, path: string, cookie: string): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Samples this process's RSS every 20 ms while `fn` runs and returns the peak (MB) beside its result. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; startMb: number }> {
  const startMb = process.memoryUsage.rss() / 2 ** 20;
  let peak = startMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss() / 2 ** 20);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss() / 2 ** 20);
    return { value, peakMb: peak, startMb };
  } finally {
    clearInterval(timer);
  }
}
