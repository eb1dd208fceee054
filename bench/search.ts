// Search benchmark (issue 5): generates 100,000 realistic Chinese listings in a dedicated database
// (jiebang_bench, recreated each run), builds the postgres engine's index from them through the
// document builder, runs a query mix in the engine, the same mix through the HTTP API (the real
// app listening on loopback: routing, validation, serialisation, keep-alive HTTP) and as a plain
// ILIKE scan.
//
//   npx tsx bench/search.ts [--listings 100000] [--queries 300]
//   BENCH_DATABASE_URL=postgres://…/jiebang_bench overrides the target (its database is dropped!).

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDatabase, type Db } from '../db/client.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../platform/config.js';
import { createRedis } from '../platform/redis.js';
import { runMigrations } from '../db/migrate.js';
import type { IndustryField, ListingKind, PublicListingStatus, Region } from '../search/index.js';
import { allSearchDocuments, PostgresSearchEngine, type SearchQuery } from '../search/index.js';
import { warmUpSegmenter } from '../search/jieba.js';
import { INDUSTRY_FIELDS } from '../domain/constants/listings.js';
import { REGIONS } from '../domain/constants/organisations.js';
import { BENCH_KEYWORDS, listing, organisations as makeOrganisations, pick, rng } from './search-data.js';

const { values: args } = parseArgs({
  options: {
    listings: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    // The ILIKE baseline takes ~0.2–1 s a query: a smaller sample of the same mix.
    'baseline-queries': { type: 'string', default: '50' },
    // For iterating on queries: keep the generated listings (and the index) of the previous run.
    'reuse-data': { type: 'boolean', default: false },
    'reuse-index': { type: 'boolean', default: false },
    // Measure the full rebuild alone (no query runs, no incremental upserts): ~1 min under the lock.
    'build-only': { type: 'boolean', default: false },
  },
});
const LISTINGS = Number(args.listings);
const QUERIES = Number(args.queries);
const BASELINE_QUERIES = Number(args['baseline-queries']);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang_bench';

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function recreateDatabase(): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** Inserts rows through json_to_recordset with explicit columns (fast, and independent of columns added later). */
async function insertJson(db: Db, table: string, columns: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  await db.execute(
    sql`${sql.raw(`insert into ${table} (${names}) select ${names} from json_to_recordset(`)}${JSON.stringify(rows)}${sql.raw(`::json) as r(${columns})`)}`,
  );
}

async function generate(db: Db): Promise<void> {
  const now = new Date();
  const orgs = makeOrganisations(2_000).map((o) => ({ ...o, id: randomUUID() }));
  await insertJson(
    db,
    'organisations',
    'id uuid, kind text, name text, credit_code text, region text, verification_status text, size_class text, ownership_type text, institution_type text, affiliation text',
    orgs.map((o) => ({
      id: o.id,
      kind: o.kind,
      name: o.name,
      credit_code: o.creditCode,
      region: o.region,
      verification_status: 'verified',
      size_class: o.kind === 'enterprise' ? 'small' : null,
      ownership_type: o.kind === 'enterprise' ? 'private' : null,
      institution_type: o.kind === 'institution' ? o.institutionType : null,
      affiliation: o.kind === 'institution' ? 'provincial' : null,
    })),
  );
  const institutions = orgs.filter((o) => o.kind === 'institution');
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  const r = rng(99);
  const BATCH = 2_000;
  for (let start = 0; start < LISTINGS; start += BATCH) {
    const resultRows: object[] = [];
    const ipRows: object[] = [];
    const listingRows: object[] = [];
    for (let i = start; i < Math.min(LISTINGS, start + BATCH); i++) {
      const g = listing(i, now);
      const owner = g.kind === 'supply' ? pick(r, institutions) : pick(r, enterprises);
      let resultId: string | null = null;
      if (g.kind === 'supply') {
        resultId = randomUUID();
        resultRows.push({
          id: resultId,
          institution_id: owner.id,
          title: g.title,
          summary: g.summary,
          field: g.field,
          maturity: g.maturity,
        });
        g.ipNumbers.forEach((number, position) =>
          ipRows.push({ result_id: resultId, type: 'invention_patent', number, title: g.title, position }),
        );
      }
      listingRows.push({
        kind: g.kind,
        organisation_id: owner.id,
        result_id: resultId,
        title: g.title,
        summary: g.summary,
        description: g.description,
        field: g.field,
        region: g.region,
        status: g.status,
        pricing_mode: g.pricingMode,
        transaction_types: g.transactionTypes,
        price_fen: g.priceFen,
        deadline: g.deadline,
        published_at: g.publishedAt,
        // 措施五: a licence offer states its scope (a check constraint since the policy migrations).
        license_scope: g.kind === 'supply' && g.transactionTypes.includes('license') ? 'non_exclusive' : null,
      });
    }
    await insertJson(
      db,
      'results',
      'id uuid, institution_id uuid, title text, summary text, field text, maturity text',
      resultRows,
    );
    await insertJson(
      db,
      'result_ip_items',
      'result_id uuid, type text, number text, title text, position integer',
      ipRows,
    );
    await insertJson(
      db,
      'listings',
      'kind text, organisation_id uuid, result_id uuid, title text, summary text, description text, field text, region text, status text, pricing_mode text, transaction_types text[], price_fen bigint, deadline timestamptz, published_at timestamptz, license_scope text',
      listingRows,
    );
    if ((start / BATCH) % 5 === 4) process.stdout.write(`\r  generated ${start + BATCH} listings`);
  }
  process.stdout.write('\n');
  await db.execute(sql`vacuum analyze`);
}

type Mix = 'keyword' | 'keyword+2 filters' | 'filters only' | 'sorted by price' | 'sentence';
const MIXES: Mix[] = ['keyword', 'keyword+2 filters', 'filters only', 'sorted by price', 'sentence'];

// Sentence queries as enterprises write them (issue 21): who they are, what goes wrong, what they want.
const SENTENCE_TEMPLATES = [
  (a: string, b: string) => `我们是一家做${a}的企业，最近${b}方面遇到瓶颈，想找相关的技术，有没有合作单位？`,
  (a: string, b: string) => `我公司${a}成本太高了，希望引进${b}技术降低能耗，哪些高校有这方面的成果`,
  (a: string, b: string) => `请问有没有${a}和${b}结合的成熟方案，我们想尽快落地`,
  (a: string) => `我们需要${a}，怎么找到合适的团队？`,
];

function sentenceQuery(r: () => number): string {
  const template = pick(r, SENTENCE_TEMPLATES);
  return template(pick(r, BENCH_KEYWORDS), pick(r, BENCH_KEYWORDS));
}

function queryMix(count: number): Array<{ mix: Mix; query: SearchQuery }> {
  const r = rng(2024);
  const kinds: ListingKind[] = ['supply', 'demand'];
  const out: Array<{ mix: Mix; query: SearchQuery }> = [];
  for (let i = 0; i < count; i++) {
    const q = pick(r, BENCH_KEYWORDS);
    const kind = pick(r, kinds);
    const field: IndustryField = pick(r, INDUSTRY_FIELDS);
    const region: Region = pick(r, REGIONS);
    const status: PublicListingStatus = kind === 'supply' ? 'showcase' : 'open';
    out.push({ mix: 'keyword', query: { q } });
    out.push({ mix: 'keyword+2 filters', query: { q, kind, region } });
    const filters: SearchQuery[] = [{ kind }, { kind, field }, { kind, region }, { kind, status }, { field, region }];
    out.push({ mix: 'filters only', query: pick(r, filters) });
    out.push({ mix: 'sorted by price', query: r() < 0.5 ? { q, sort: 'price' } : { kind, field, sort: 'price' } });
    out.push({ mix: 'sentence', query: { q: sentenceQuery(r) } });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function run(
  db: Db,
  label: string,
  queries: Array<{ mix: Mix; query: SearchQuery }>,
  fn: (q: SearchQuery) => Promise<{ total: number }>,
): Promise<void> {
  for (const { query } of queries.slice(0, 40)) await fn(query); // warm-up
  const nodeBefore = process.cpuUsage();
  const pgBefore = await backendCpu(db);
  const pids = [...pgBefore.keys()];
  const times = new Map<Mix, number[]>(MIXES.map((m) => [m, []]));
  const totals = new Map<Mix, number[]>(MIXES.map((m) => [m, []]));
  // CPU per mix (load-independent, unlike latency): this process's, and the database backends'
  // read from /proc around each query (clock ticks of 10 ms, so only sums over a mix mean much).
  const nodeCpu = new Map<Mix, number>(MIXES.map((m) => [m, 0]));
  const pgCpu = new Map<Mix, number>(MIXES.map((m) => [m, 0]));
  for (const { mix, query } of queries) {
    const pg0 = procCpu(pids);
    const node0 = process.cpuUsage();
    const t = performance.now();
    const res = await fn(query);
    times.get(mix)!.push(performance.now() - t);
    const node1 = process.cpuUsage(node0);
    nodeCpu.set(mix, nodeCpu.get(mix)! + (node1.user + node1.system) / 1e6);
    pgCpu.set(mix, pgCpu.get(mix)! + procCpu(pids) - pg0);
    totals.get(mix)!.push(res.total);
  }
  log(`\n${label}`);
  log('  mix                   n     p50 ms   p95 ms   p99 ms   mean total   CPU ms/query node + PostgreSQL');
  const all: number[] = [];
  for (const mix of MIXES) {
    const t = times.get(mix)!.sort((a, b) => a - b);
    all.push(...t);
    const meanTotal = totals.get(mix)!.reduce((s, x) => s + x, 0) / t.length;
    const cpu = (seconds: number) => ((seconds / Math.max(1, t.length)) * 1000).toFixed(2);
    log(
      `  ${mix.padEnd(20)} ${String(t.length).padStart(4)} ${percentile(t, 50).toFixed(2).padStart(9)} ${percentile(
        t,
        95,
      )
        .toFixed(2)
        .padStart(8)} ${percentile(t, 99).toFixed(2).padStart(8)} ${meanTotal.toFixed(0).padStart(12)}   ${cpu(
        nodeCpu.get(mix)!,
      ).padStart(6)} + ${cpu(pgCpu.get(mix)!)}`,
    );
  }
  all.sort((a, b) => a - b);
  const node = process.cpuUsage(nodeBefore);
  const pgTotal = cpuDelta(pgBefore, await backendCpu(db));
  const perQuery = (seconds: number) => ((seconds / queries.length) * 1000).toFixed(2);
  log(
    `  ${'all'.padEnd(20)} ${String(all.length).padStart(4)} ${percentile(all, 50).toFixed(2).padStart(9)} ${percentile(
      all,
      95,
    )
      .toFixed(2)
      .padStart(8)} ${percentile(all, 99).toFixed(2).padStart(8)}`,
  );
  log(
    `  CPU per query: node ${perQuery((node.user + node.system) / 1e6)} ms + PostgreSQL ${perQuery(pgTotal)} ms` +
      ' (latency above this is waiting: round trips, and other processes on the shared cores)',
  );
  log(
    `  load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

/** The naive alternative: ILIKE over the listing text, same filters, same counts and facets. */
function ilikeSearch(db: Db) {
  const read = <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return fn(tx);
    });
  return async (q: SearchQuery): Promise<{ total: number }> => {
    const conds = [
      sql`status in ('showcase','notice','listed','auction','matched','converted','unsold','expired','open','selecting','awarded','landed')`,
    ];
    if (q.q) {
      const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`(title ilike ${pattern} or summary ilike ${pattern} or description ilike ${pattern})`);
    }
    if (q.kind) conds.push(sql`kind = ${q.kind}`);
    if (q.field) conds.push(sql`field = ${q.field}`);
    if (q.region) conds.push(sql`region = ${q.region}`);
    if (q.status) conds.push(sql`status = ${q.status}`);
    const where = sql.join(conds, sql` and `);
    const order = q.sort === 'price' ? sql`price_fen asc nulls last, id` : sql`published_at desc nulls last, id`;
    const [, facets] = await Promise.all([
      read((tx) => tx.execute(sql`select id, title, summary from listings where ${where} order by ${order} limit 20`)),
      read((tx) =>
        tx.execute<{
          n: string;
          g: number;
        }>(sql`select grouping(kind, field, region, pricing_mode, status) as g, count(*) as n
          from listings where ${where} group by grouping sets ((kind), (field), (region), (pricing_mode), (status), ())`),
      ),
    ]);
    const total = facets.rows.find((row) => Number(row.g) === 31);
    return { total: Number(total?.n ?? 0) };
  };
}

/**
 * CPU seconds used so far by this database's server processes (from /proc; Linux, server on this
 * machine). The machine is shared, so wall-clock rates depend on other load; CPU time does not.
 */
async function backendCpu(db: Db): Promise<Map<number, number>> {
  const pids = await db.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const { pid } of pids.rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // Not on Linux, or the server runs elsewhere: no CPU figures for this backend.
      continue;
    }
  }
  return out;
}

/** CPU seconds used so far by these server processes. */
function procCpu(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      continue;
    }
  }
  return total;
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

async function buildIndex(db: Db, engine: PostgresSearchEngine): Promise<void> {
  let t = performance.now();
  const eluBefore = performance.eventLoopUtilization();
  const nodeBefore = process.cpuUsage();
  const pgBefore = await backendCpu(db);
  let loaded = 0;
  async function* progress() {
    for await (const batch of allSearchDocuments(db, 1_000)) {
      loaded += batch.length;
      if (loaded % 10_000 < batch.length) process.stdout.write(`\r  indexed ${loaded}`);
      yield batch;
    }
    loadedAt = performance.now();
    eluLoaded = performance.eventLoopUtilization(eluBefore).utilization;
  }
  let loadedAt = 0;
  let eluLoaded = 0;
  const { indexed } = await engine.rebuild(progress());
  const seconds = (performance.now() - t) / 1000;
  const elu = performance.eventLoopUtilization(eluBefore).utilization;
  const node = process.cpuUsage(nodeBefore);
  const nodeCpu = (node.user + node.system) / 1e6;
  const pgCpu = cpuDelta(pgBefore, await backendCpu(db));
  process.stdout.write('\n');
  log(
    `index build (full rebuild: load from PostgreSQL + build documents + segment + bulk insert + create indexes + swap): ` +
      `${indexed} documents in ${seconds.toFixed(1)} s = ${Math.round(indexed / seconds)} docs/s`,
  );
  if (pgCpu > 0) {
    // Node and PostgreSQL work side by side: with full overlap the busier one sets the pace, with
    // none their sum does. The truth on an otherwise idle machine lies in between.
    const overlapped = indexed / Math.max(nodeCpu, pgCpu, (nodeCpu + pgCpu) / os.cpus().length);
    const serial = indexed / (nodeCpu + pgCpu);
    log(
      `  CPU used: node ${((nodeCpu / indexed) * 1e6).toFixed(0)} µs/doc + PostgreSQL ${((pgCpu / indexed) * 1e6).toFixed(0)} µs/doc` +
        ` → CPU-bound rate on an otherwise idle ${os.cpus().length}-core machine: ${Math.round(serial)}–${Math.round(overlapped)} docs/s` +
        ` (load average after: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')})`,
    );
  }
  // Whether Node's one thread sets the pace: near 100 % it never waited for PostgreSQL (segmenting
  // and COPY overlap already); well below, the pipeline stalled on the database. Under load, time the
  // kernel gave Node's thread to others counts as busy — compare with Node's CPU share of the wall.
  log(
    `  Node's event loop busy ${(elu * 100).toFixed(0)} % of the build (${(eluLoaded * 100).toFixed(0)} % of the ` +
      `${((loadedAt - t) / 1000).toFixed(1)} s until the last batch was handed over; then ` +
      `${((t + seconds * 1000 - loadedAt) / 1000).toFixed(1)} s of last writes, indexes and swap); Node's CPU ${((nodeCpu / seconds) * 100).toFixed(0)} % of one core`,
  );
  if (args['build-only']) return;
  // Incremental path (the indexing job): upserts into the live, indexed table.
  const sample = (await allSearchDocuments(db, 2_000).next()).value ?? [];
  t = performance.now();
  for (let i = 0; i < sample.length; i += 100) await engine.upsert(sample.slice(i, i + 100));
  const upsertSeconds = (performance.now() - t) / 1000;
  log(
    `incremental upsert into the live index: ${sample.length} documents in ${upsertSeconds.toFixed(1)} s = ${Math.round(sample.length / upsertSeconds)} docs/s`,
  );
}

/**
 * The same mix through GET /api/v1/search: the real app (buildApp) listening on loopback, sharing
 * the engine above as the api process's own engine, called over keep-alive HTTP by fetch. The
 * client runs in the same process, so its work counts against the api's latency (conservative).
 */
async function runThroughApi(db: Db, engine: PostgresSearchEngine, mix: Array<{ mix: Mix; query: SearchQuery }>) {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_PREFIX: `jbbench${process.pid}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    SEED_DEMO: 'false',
  });
  const redis = createRedis(config.redisUrl);
  const app = await buildApp({ config, db, redis, searchEngine: engine });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${address.port}/api/v1/search`;
    await run(db, 'through the HTTP API (GET /api/v1/search on loopback, keep-alive)', mix, async (q) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null) params.set(k, String(v));
      const res = await fetch(`${base}?${params}`);
      if (res.status !== 200) throw new Error(`GET /search?${params} → ${res.status}: ${await res.text()}`);
      return (await res.json()) as { total: number };
    });
  } finally {
    await app.close();
    // The app's queues leave their meta keys under this run's own prefix.
    const keys = await redis.keys(`${config.redisPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

async function main(): Promise<void> {
  log(`search benchmark: ${LISTINGS} listings, ${QUERIES} queries per mix, database ${new URL(url).pathname.slice(1)}`);
  log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const reuseData = args['reuse-data'] || args['reuse-index'];
  if (!reuseData) await recreateDatabase();
  const database = createDatabase(url, 4);
  const { db } = database;
  try {
    const t = performance.now();
    if (!reuseData) {
      await runMigrations(url);
      await generate(db);
      log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }

    warmUpSegmenter();
    const engine = new PostgresSearchEngine(db);
    await engine.init();
    if (!args['reuse-index']) await buildIndex(db, engine);
    if (args['build-only']) return;

    await db.execute(sql`vacuum analyze search.documents, search.terms`);
    // search.terms is partitioned: its sizes are its partitions' (pg_partition_tree), a plain table's own.
    const sizes = await db.execute<Record<string, string>>(sql`with terms as (
        select relid from pg_partition_tree('search.terms') where isleaf
      ), gin as (
        select i.indexrelid from pg_index i join pg_am a on a.oid = (select relam from pg_class where oid = i.indexrelid)
        where i.indrelid in (select relid from terms) and a.amname = 'gin'
      )
      select
        pg_size_pretty(pg_total_relation_size('search.documents') + (select sum(pg_total_relation_size(relid)) from terms)) as total,
        pg_size_pretty(pg_total_relation_size('search.documents')) as documents,
        pg_size_pretty((select sum(pg_total_relation_size(relid) - pg_indexes_size(relid)) from terms)) as vectors,
        pg_size_pretty((select sum(pg_relation_size(indexrelid)) from gin)) as gin,
        (select count(*) from terms) as partitions,
        pg_size_pretty(pg_total_relation_size('listings')) as listings_table`);
    const s = sizes.rows[0]!;
    log(
      `index size: ${s.total} (documents table ${s.documents}; tsvectors ${s.vectors}; GIN index ${s.gin}; ${s.partitions} terms partitions); the listings table itself: ${s.listings_table}`,
    );

    const mix = queryMix(QUERIES);
    await run(db, 'postgres engine (in-process, end to end: validate + segment + SQL + highlight)', mix, (q) =>
      engine.search(q),
    );
    await runThroughApi(db, engine, mix);
    await run(
      db,
      `baseline: ILIKE scan on listings (same filters, counts and facets; first ${BASELINE_QUERIES} queries of each mix)`,
      mix.slice(0, BASELINE_QUERIES * MIXES.length),
      ilikeSearch(db),
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
