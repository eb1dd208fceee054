// Pay-later pool benchmark (issue 7, 措施五): loads 1,000,000 results into a dedicated database
// (jiebang_bench_pool, recreated each run) with generate_series, then times
//   - a naive baseline: one transaction per result (lock, read its IP, opt-out and entry, include),
//     run on a random sample and extrapolated — what a timer or a job per result would cost;
//   - the set-based eligibility scan filling the pool from empty (target ≤ 60 s on 2 cores),
//     the same scan again (nothing changes) and the next day's scan;
//   - publishing an edition from the full pool, the next edition (diff against it), and its CSV.
//
//   npm run bench:pool [-- --results 1000000 --sample 2000]
//   BENCH_DATABASE_URL=postgres://…/jiebang_bench_pool overrides the target (its database is dropped!).

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDatabase, type Db } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { poolCutoffDate } from '../domain/pool.js';
import { shanghaiDate } from '../domain/results.js';
import { loadConfig } from '../platform/config.js';
import type { ServiceContext } from '../platform/context.js';
import { editionCsv, publishEdition } from '../server/pool/editions.js';
import { runPoolScan } from '../server/pool/scan.js';

const { values: args } = parseArgs({
  options: {
    results: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '2000' },
    institutions: { type: 'string', default: '800' },
  },
});
const RESULTS = Number(args.results);
const SAMPLE = Number(args.sample);
const INSTITUTIONS = Number(args.institutions);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang_bench_pool';
// The scan runs "today" = 2026-11-27 in Shanghai; grant dates spread over 2010 … 2026.
const NOW = new Date('2026-11-26T19:00:00Z');

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// The machine may be shared: beside the wall-clock time, report the CPU time the PostgreSQL backend
// serving the benchmark spent (from /proc, when the server runs on this host) and the load average.
let backendPid: number | null = null;

function backendCpuMs(): number | null {
  if (backendPid === null) return null;
  try {
    const fields = readFileSync(`/proc/${backendPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (USER_HZ = 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const cpu0 = backendCpuMs();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const cpu1 = backendCpuMs();
  const cpu =
    cpu0 !== null && cpu1 !== null ? `  (db CPU ${secs(cpu1 - cpu0)}, load ${os.loadavg()[0]!.toFixed(1)})` : '';
  log(`  ${label.padEnd(58)} ${secs(ms).padStart(10)}${cpu}`);
  return { ms, value };
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

async function load(db: Db): Promise<void> {
  await db.execute(sql`
    insert into users (email, password_hash, display_name)
    values ('bench@bench.jiebang.cn', 'x', '基准测试')`);
  await db.execute(sql`
    insert into organisations (kind, name, credit_code, region, institution_type, affiliation, verification_status)
    select 'institution', '基准大学' || g, '12' || lpad(g::text, 16, '0'),
           (array['shenyang','dalian','anshan','fushun','benxi','dandong','jinzhou','yingkou','fuxin','liaoyang',
                  'panjin','tieling','chaoyang','huludao'])[1 + g % 14],
           'university', 'provincial', 'verified'
    from generate_series(1, ${INSTITUTIONS}) g`);
  // 92 % public, 6 % restricted, 2 % classified (措施十五); 4 % converted.
  await db.execute(sql`
    with orgs as (select id, row_number() over (order by id) - 1 as i from organisations)
    insert into results (institution_id, title, summary, field, maturity, security_class, status)
    select o.id, '基准成果 ' || g, '用于先用后付成果池基准测试的职务科技成果摘要，第 ' || g || ' 项。',
           (array['advanced_equipment','robotics_automation','integrated_circuits','electronic_information',
                  'new_materials','petrochemical','biomedicine','medical_devices','new_energy',
                  'energy_conservation','aerospace','automotive','modern_agriculture','marine'])[1 + g % 14],
           (array['lab','prototype','pilot','industrialised'])[1 + g % 4],
           case when g % 50 < 46 then 'public' when g % 50 < 49 then 'restricted' else 'classified' end,
           case when g % 25 = 7 then 'converted' else 'active' end
    from generate_series(1, ${RESULTS}) g
    join orgs o on o.i = g % ${INSTITUTIONS}`);
  // One IP item per result (8 % not granted yet), 40 % with a second one; grant dates 2010 … Oct 2026.
  await db.execute(sql`
    insert into result_ip_items (result_id, type, number, grant_date, position)
    select id, 'invention_patent', 'ZL' || substr(md5(id::text), 1, 12),
           case when random() < 0.08 then null else date '2010-01-01' + (random() * 6147)::int end, 0
    from results`);
  await db.execute(sql`
    insert into result_ip_items (result_id, type, number, grant_date, position)
    select id, 'utility_model', 'ZL' || substr(md5(id::text || 'b'), 1, 12),
           date '2010-01-01' + (random() * 6147)::int, 1
    from results where random() < 0.4`);
  // 1 % opted out with a reason.
  await db.execute(sql`
    insert into pool_opt_outs (result_id, reason, opted_out_at, opted_out_by)
    select id, '单位拟自行实施转化', now(), (select id from users limit 1)
    from results where random() < 0.01`);
  await db.execute(sql`vacuum analyze`);
}

/**
 * The per-result alternative: each result checked and included in its own transaction, as a job or
 * timer per result would — row lock, three look-ups, and for an eligible one the entry, its audit
 * row and its event.
 */
async function naiveScan(db: Db, ids: string[], now: Date): Promise<number> {
  const cutoff = poolCutoffDate(shanghaiDate(now));
  let included = 0;
  for (const id of ids) {
    await db.transaction(async (tx) => {
      const r = (
        await tx.execute<{ institution_id: string; security_class: string; status: string }>(
          sql`select institution_id, security_class, status from results where id = ${id} for update`,
        )
      ).rows[0]!;
      const first = (
        await tx.execute<{ d: string | null }>(
          sql`select min(grant_date)::text as d from result_ip_items where result_id = ${id}`,
        )
      ).rows[0]!.d;
      const optedOut = (
        await tx.execute(sql`select 1 from pool_opt_outs where result_id = ${id} and withdrawn_at is null`)
      ).rows.length;
      const inPool = (await tx.execute(sql`select 1 from pool_entries where result_id = ${id} and removed_at is null`))
        .rows.length;
      const eligible =
        r.security_class === 'public' && r.status !== 'converted' && first !== null && first <= cutoff && !optedOut;
      if (eligible && !inPool) {
        await tx.execute(
          sql`insert into pool_entries (result_id, reason, included_at) values (${id}, 'auto_3y', ${now})`,
        );
        await tx.execute(sql`
          insert into audit_log (action, target_type, target_id, after_status, reason, created_at)
          values ('pool.include', 'result', ${id}, 'in_pool', 'auto_3y', ${now})`);
        await tx.execute(sql`
          insert into outbox (topic, payload)
          values ('pool.included', ${JSON.stringify({ institutionId: r.institution_id, results: [{ resultId: id }] })}::jsonb)`);
        included++;
      }
    });
  }
  return included;
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  return Number((await db.execute<{ n: string }>(query)).rows[0]!.n);
}

async function main(): Promise<void> {
  log(`Pay-later pool benchmark: ${RESULTS.toLocaleString('en')} results, ${INSTITUTIONS} institutions`);
  await recreateDatabase();
  // One connection, so every statement runs in the one backend whose CPU time is reported.
  const database = createDatabase(url, 1);
  const { db } = database;
  backendPid = (await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows[0]!.pid;
  const pgVersion = (await db.execute<{ v: string }>(sql`select current_setting('server_version') as v`)).rows[0]!.v;
  log(
    `  ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, PostgreSQL ${pgVersion}`,
  );
  log(`  database ${new URL(url).pathname.slice(1)} (recreated), scan day ${shanghaiDate(NOW)} (Asia/Shanghai)`);
  log();
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const at = (d: Date): ServiceContext => ({ db, config, now: () => d });
  try {
    log('Load');
    await timed('migrate', () => runMigrations(url));
    await timed(`generate ${RESULTS.toLocaleString('en')} results, IP items and opt-outs`, () => load(db));
    const ipItems = await count(db, sql`select count(*) as n from result_ip_items`);
    const eligible = await count(
      db,
      sql`select count(*) as n from results r
          where security_class = 'public' and status <> 'converted'
            and exists (select 1 from result_ip_items i where i.result_id = r.id
                        and i.grant_date <= ${poolCutoffDate(shanghaiDate(NOW))}::date)
            and not exists (select 1 from pool_opt_outs o where o.result_id = r.id and o.withdrawn_at is null)`,
    );
    log(`  ${ipItems.toLocaleString('en')} IP items; ${eligible.toLocaleString('en')} results eligible today`);
    log();

    log(`Baseline: one transaction per result, on a random sample of ${SAMPLE.toLocaleString('en')}`);
    const sample = (
      await db.execute<{ id: string }>(sql`select id from results tablesample bernoulli (1) limit ${SAMPLE}`)
    ).rows.map((r) => r.id);
    const naive = await timed('per-result check + include', () => naiveScan(db, sample, NOW));
    const extrapolated = (naive.ms / sample.length) * RESULTS;
    log(
      `  ${naive.value} of ${sample.length} included; ${(naive.ms / sample.length).toFixed(2)} ms per result` +
        ` → ${secs(extrapolated)} extrapolated to ${RESULTS.toLocaleString('en')}`,
    );
    log();

    log('Set-based scan (one statement: removals, inclusions, audit rows, events per institution)');
    const full = await timed('full scan, pool empty → filled', () => runPoolScan(at(NOW)));
    log(
      `  included ${full.value.added.toLocaleString('en')}, removed ${full.value.removed} (cutoff ${full.value.cutoff})`,
    );
    const again = await timed('same day again (nothing to change)', () => runPoolScan(at(NOW)));
    log(`  included ${again.value.added}, removed ${again.value.removed}`);
    // A day later: results whose IP turns three today come in; some pooled ones were converted.
    await db.execute(sql`
      update results set status = 'converted'
      where id in (select result_id from pool_entries where removed_at is null limit 300)`);
    const next = new Date(NOW.getTime() + 86_400_000);
    const daily = await timed('next day (IP turning three, 300 converted)', () => runPoolScan(at(next)));
    log(`  included ${daily.value.added}, removed ${daily.value.removed}`);
    const events = await count(db, sql`select count(*) as n from outbox where topic like 'pool.%'`);
    log(`  ${events.toLocaleString('en')} pool events in the outbox (one per institution and kind of change per scan)`);
    log(
      `  → full scan ${secs(full.ms)} vs ${secs(extrapolated)} per result: ${(extrapolated / full.ms).toFixed(0)}× faster; ` +
        `target ≤ 60 s: ${full.ms <= 60_000 ? 'met' : 'MISSED'}`,
    );
    log();

    log('Editions');
    const first = await timed('publish edition 1 from the full pool', () =>
      publishEdition(at(new Date(next.getTime() + 60_000)), 'bench-1'),
    );
    const e1 = first.value.edition;
    log(
      `  edition ${e1.number}: ${e1.entryCount.toLocaleString('en')} results, ${e1.addedCount.toLocaleString('en')} added`,
    );
    await db.execute(sql`
      update results set security_class = 'restricted'
      where id in (select result_id from pool_entries where removed_at is null limit 500)`);
    await runPoolScan(at(new Date(next.getTime() + 86_400_000)));
    const second = await timed('publish edition 2 (diff against edition 1)', () =>
      publishEdition(at(new Date(next.getTime() + 86_400_000 + 60_000)), 'bench-2'),
    );
    const e2 = second.value.edition;
    log(
      `  edition ${e2.number}: ${e2.entryCount.toLocaleString('en')} results, ${e2.addedCount} added, ${e2.removedCount} removed`,
    );
    const csv = await timed(`CSV download of edition ${e2.number} (streamed)`, async () => {
      let bytes = 0;
      for await (const chunk of editionCsv(db, e2)) bytes += Buffer.byteLength(chunk);
      return bytes;
    });
    log(`  ${(csv.value / 2 ** 20).toFixed(1)} MiB`);
    log();
    log('Summary');
    log(`  full eligibility scan over ${RESULTS.toLocaleString('en')} results: ${secs(full.ms)} (target ≤ 60 s)`);
    log(`  publishing an edition of ${e1.entryCount.toLocaleString('en')} results: ${secs(first.ms)}`);
    log(`  baseline, one transaction per result (extrapolated): ${secs(extrapolated)}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
