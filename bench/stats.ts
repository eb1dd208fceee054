// Statistics benchmark (issue 19, 措施十三). The same ledger as bench:ledger (bench/ledger-data.ts:
// 1,000,000 conversions, 5,000,000 payments, 300 institutions, in jiebang_bench_ledger), rolled up
// into the summary cells; then the dashboard queries through the real app on loopback
// (GET /api/v1/stats/figures for an institution, a supervisory department and the province, and the
// public GET /api/v1/open/stats) — target p95 ≤ 100 ms — beside the same figures computed naively in
// the same run: each metric's grouped query straight over the ledger tables (what the roll-up runs),
// limited to the scope and months asked for.
//
//   npm run bench:stats [-- --reuse-data [--rebuild-rollup]] [--samples 100] [--baseline-samples 3]

import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { METRIC_SOURCES } from '../server/statistics/all-sources.js';
import { monthExpression } from '../server/statistics/sources.js';
import { BENCH_IDS, benchSession, type BenchSession } from './ledger-data.js';
import {
  LEDGER_OPTIONS,
  countBackendCpu,
  getJson,
  log,
  machine,
  prepareLedger,
  scaleOf,
  startApi,
  time,
  timingLine,
  type Timing,
} from './ledger-setup.js';

const { values: args } = parseArgs({
  options: {
    ...LEDGER_OPTIONS,
    samples: { type: 'string', default: '100' },
    'baseline-samples': { type: 'string', default: '3' },
  },
});
const SAMPLES = Number(args.samples);
const BASELINE_SAMPLES = Number(args['baseline-samples']);

/**
 * The annual report (科技成果转化年度报告, issue 19 item 4; target ≤ 5 s for the largest institution):
 * its JSON, PDF and XLSX for an institution and a year through the API, one after the other, each read
 * to the last byte — the time a department's download of the three takes.
 */
const ANNUAL_REPORT: ((base: string, session: BenchSession, year: number) => Promise<unknown>) | null = async (
  base,
  session,
  year,
) => {
  let bytes = 0;
  for (const path of [
    `/stats/annual-reports/${year}`,
    `/stats/annual-reports/${year}/report.pdf`,
    `/stats/annual-reports/${year}/report.xlsx`,
  ]) {
    const res = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
    bytes += (await res.arrayBuffer()).byteLength;
  }
  return bytes;
};

interface Dashboard {
  label: string;
  session: 'institution' | 'supervisory' | 'provincial' | 'public';
  query: Record<string, string>;
  /** The organisations the naive computation is limited to ('all' for the province). */
  scope: 'institution' | 'department' | 'all';
}

const YEARS = { from: '2022-01', to: '2026-12' };
const DASHBOARDS: Dashboard[] = [
  {
    label: 'institution: yearly, 5 years',
    session: 'institution',
    scope: 'institution',
    query: { ...YEARS, grain: 'year' },
  },
  {
    label: 'institution: monthly, 2025',
    session: 'institution',
    scope: 'institution',
    query: { from: '2025-01', to: '2025-12', grain: 'month' },
  },
  {
    label: 'institution: by unit (院系), 2025',
    session: 'institution',
    scope: 'institution',
    query: { from: '2025-01', to: '2025-12', by: 'unit' },
  },
  {
    label: 'institution: by field, 5 years',
    session: 'institution',
    scope: 'institution',
    query: { ...YEARS, by: 'field' },
  },
  {
    label: 'department: quarterly, 2 years',
    session: 'supervisory',
    scope: 'department',
    query: { from: '2025-01', to: '2026-12', grain: 'quarter' },
  },
  {
    label: 'department: by institution, top 15, 2025',
    session: 'supervisory',
    scope: 'department',
    // As the page asks (web/src/pages/stats/Figures.tsx): ranked on the server, the first 15.
    query: { from: '2025-01', to: '2025-12', by: 'organisation', sort: 'contract_amount', limit: '15' },
  },
  { label: 'province: yearly, 5 years', session: 'provincial', scope: 'all', query: { ...YEARS, grain: 'year' } },
  {
    label: 'province: by region, 2025',
    session: 'provincial',
    scope: 'all',
    query: { from: '2025-01', to: '2025-12', by: 'region' },
  },
  {
    label: 'province: by institution, top 15, 2025',
    session: 'provincial',
    scope: 'all',
    query: { from: '2025-01', to: '2025-12', by: 'organisation', sort: 'contract_amount', limit: '15' },
  },
  { label: 'public open data: yearly, 5 years', session: 'public', scope: 'all', query: { ...YEARS, grain: 'year' } },
];

/** The naive figures: every metric's grouped query over the ledger tables, for the scope and months. */
async function naiveFigures(db: Db, scope: string[] | 'all', q: Record<string, string>) {
  const from = `${q.from}-01`;
  const to = `${q.to}-01`;
  let rows = 0;
  for (const s of METRIC_SOURCES) {
    const inScope = scope === 'all' ? sql`true` : sql`${s.organisation} = any(${sql.param(scope)}::uuid[])`;
    const month = monthExpression(s);
    const r = await db.execute(sql`
      select ${month} as month, ${s.organisation} as organisation, ${s.category ?? sql`''`} as category, ${s.bucket ?? sql`0`} as bucket,
        count(*), coalesce(sum(${s.amount ?? sql`0`}), 0), coalesce(sum(${s.base ?? sql`0`}), 0)
      from ${s.from}
      where ${s.where ?? sql`true`} and ${s.at} is not null and ${inScope} and ${month} between ${from}::date and ${to}::date
      group by 1, 2, 3, 4`);
    rows += r.rowCount ?? 0;
  }
  return rows;
}

/** The annual report's figures straight from the ledger: contracts by type, field and counterparty; income. */
async function naiveReport(db: Db, institutionId: string, year: number) {
  const from = `${year - 1}-01-01`;
  const to = `${year + 1}-01-01`;
  const a = await db.execute(sql`
    select extract(year from ct.signed_on) as y, cv.transaction_type, r.field, cv.counterparty_ownership,
      count(*), sum(ct.amount_fen)
    from conversions cv join contracts ct on ct.conversion_id = cv.id left join results r on r.id = cv.result_id
    where cv.institution_id = ${institutionId} and ct.status in ('effective', 'completed')
      and ct.signed_on >= ${from}::date and ct.signed_on < ${to}::date
    group by 1, 2, 3, 4`);
  const b = await db.execute(sql`
    select extract(year from received_on), sum(amount_fen) from payments
    where institution_id = ${institutionId} and received_on >= ${from}::date and received_on < ${to}::date group by 1`);
  return (a.rowCount ?? 0) + (b.rowCount ?? 0);
}

async function main(): Promise<void> {
  log(`bench:stats — ${machine()}, Node ${process.version}`);
  const database = await prepareLedger(scaleOf(args), args['reuse-data'], {
    statistics: true,
    rebuildRollup: args['rebuild-rollup'],
  });
  const { db } = database;
  const api = await startApi(db);
  countBackendCpu(db);
  try {
    const sessions = {
      institution: await benchSession(db, BENCH_IDS.institution(1)),
      supervisory: await benchSession(db, BENCH_IDS.supervisory),
      provincial: await benchSession(db, BENCH_IDS.provincial),
    };
    const { rows } = await db.execute<Record<string, string>>(sql`select
      (select count(*) from stat_cells)::text as cells,
      (select count(*) from stat_rollup_cells where level = 'organisation' and grain = 'month')::text as org,
      (select count(*) from stat_rollup_cells where level = 'organisation' and grain = 'quarter')::text as org_quarter,
      (select count(*) from stat_rollup_cells where level = 'organisation' and grain = 'year')::text as org_year,
      (select count(*) from stat_rollup_cells where level = 'organisation' and grain = 'year' and month = '2025-01-01')::text as org_2025,
      (select count(*) from stat_rollup_cells where level = 'province')::text as province,
      (select count(*) from oversight_links where department_id = ${BENCH_IDS.supervisory})::text as overseen`);
    const c = rows[0]!;
    log(
      `summary cells: ${c.cells} (full cube), ${c.org} (organisation level by month), ${c.org_quarter} (by quarter), ${c.org_year} (by year; ${c.org_2025} for 2025), ${c.province} (province level); the department oversees ${c.overseen} institutions`,
    );
    const { rows: linked } = await db.execute<{ id: string }>(
      sql`select institution_id as id from oversight_links where department_id = ${BENCH_IDS.supervisory}`,
    );
    const scopes = {
      institution: [sessions.institution.orgId],
      department: linked.map((r) => r.id),
      all: 'all' as const,
    };

    log();
    log(
      `dashboard queries through the API (target p95 ≤ 100 ms) beside the naive computation from the ledger — ${machine()}`,
    );
    const results: { d: Dashboard; api: Timing; naive: Timing }[] = [];
    for (const d of DASHBOARDS) {
      const params = new URLSearchParams(d.query).toString();
      const path = d.session === 'public' ? `/open/stats?${params}` : `/stats/figures?${params}`;
      const cookie = d.session === 'public' ? '' : sessions[d.session].cookie;
      const apiTiming = await time(SAMPLES, () => getJson(api.base, path, cookie));
      const naive = await time(BASELINE_SAMPLES, () => naiveFigures(db, scopes[d.scope], d.query), 0);
      results.push({ d, api: apiTiming, naive });
      log(timingLine(`${d.label}, API`, apiTiming, `  target: ${apiTiming.p95 <= 100 ? 'met' : 'MISSED'}`));
      log(
        timingLine(`  baseline: naive from the ledger`, naive, `  ×${(naive.p50 / apiTiming.p50).toFixed(0)} slower`),
      );
    }
    const met = results.filter((r) => r.api.p95 <= 100).length;
    log(`  ${met} of ${results.length} dashboards within p95 ≤ 100 ms (${machine()})`);

    log();
    if (ANNUAL_REPORT) {
      // The first run opens the PDF font (≈ 40 MB, a few seconds of CPU once per process): timed apart.
      const first = await time(1, () => ANNUAL_REPORT(api.base, sessions.institution, 2025), 0);
      log(timingLine('annual report 2025 (JSON + PDF + XLSX), largest institution, first in process', first));
      const t = await time(3, () => ANNUAL_REPORT(api.base, sessions.institution, 2025), 0);
      log(
        timingLine(
          'annual report 2025 (JSON + PDF + XLSX), largest institution (target ≤ 5 s)',
          t,
          `  target: ${t.p95 <= 5000 ? 'met' : 'MISSED'}`,
        ),
      );
      // Baseline: the same report's figures counted naively from the ledger (contracts and payments of the year and the year before).
      const naive = await time(3, () => naiveReport(db, sessions.institution.orgId, 2025), 0);
      log(timingLine('  baseline: report figures naive from the ledger', naive));
    } else {
      log('annual report (target ≤ 5 s): not built yet — set ANNUAL_REPORT in bench/stats.ts when it lands');
    }
    log(`done — ${machine()}`);
  } finally {
    await api.stop();
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
