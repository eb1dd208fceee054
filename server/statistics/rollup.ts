// Keeps stat_cells current (措施十三 figures without scanning the ledger per request). Triggers on the
// source tables mark the months a change touches (stat_dirty); every STATS_ROLLUP_INTERVAL the worker
// takes the marks and rebuilds just those months of the metrics that read those tables, in one
// repeatable-read transaction, and stamps stat_rollups.as_of with that transaction's snapshot time —
// which is what every page shows as "数据截至". The coarser levels (stat_rollup_cells) are summed from
// the fresh cells in the same transaction, so both always agree. Once a day (and on demand) it
// rebuilds everything, which also covers dimension edits the marks do not see (a listing's field
// changed after it was counted).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { STAT_GRAINS, type StatGrain, type StatLevel } from '../../db/schema/index.js';
import { monthExpression, type MetricSource } from './sources.js';
import { METRIC_SOURCES } from './all-sources.js';

/** How often the worker rolls up: the figures lag the ledger by at most this plus one roll-up. */
export const STATS_ROLLUP_EVERY_MS = 15_000;

/** A stat_dirty source: re-sum every level (stat_rollup_cells) from the cube. */
export const LEVELS_MARK = 'stat_levels';

/** Marks with this month mean "every month" (a dimension table changed). */
export const ALL_MONTHS = '0001-01-01';

export interface RollupOutcome {
  asOf: Date;
  /** Metric-months rebuilt (a full rebuild counts each metric once). */
  rebuilt: number;
  full: boolean;
  durationMs: number;
}

/** Rebuilds the stale months (or everything) and returns what it did. One roll-up at a time. */
export async function rollUp(
  db: Db,
  opts: { full?: boolean; sources?: readonly MetricSource[] } = {},
): Promise<RollupOutcome> {
  const sources = opts.sources ?? METRIC_SOURCES;
  const started = Date.now();
  return db.transaction(
    async (tx) => {
      // Serialises roll-ups across workers; the marks taken below are then ours alone.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('stat-rollup'))`);
      const { rows: snapshot } = await tx.execute<{ as_of: Date }>(sql`select now() as as_of`);
      const asOf = new Date(snapshot[0]!.as_of);
      const { rows: marks } = await tx.execute<{ source: string; month: string }>(
        sql`delete from stat_dirty returning source, to_char(month, 'YYYY-MM-DD') as month`,
      );
      const stale = staleMonths(sources, marks, opts.full ?? false);
      // A migration that changes what the levels keep marks LEVELS_MARK: every level is re-summed from
      // the cube, which is left as it is (minutes instead of a full rebuild's quarter hour at 1M conversions).
      const levelsToo = marks.some((m) => m.source === LEVELS_MARK);
      let rebuilt = 0;
      for (const source of sources) {
        const months = stale.get(source.metric);
        if (months !== undefined) {
          await rebuildMetric(tx, source, months);
          rebuilt += months === 'all' ? 1 : months.length;
        }
        const levelMonths = levelsToo ? 'all' : months;
        if (levelMonths !== undefined) await rebuildLevels(tx, source, levelMonths);
      }
      const durationMs = Date.now() - started;
      await tx.execute(sql`
        insert into stat_rollups (id, as_of, months_rebuilt, duration_ms) values (1, ${asOf}, ${rebuilt}, ${durationMs})
        on conflict (id) do update set as_of = excluded.as_of, months_rebuilt = excluded.months_rebuilt,
          duration_ms = excluded.duration_ms`);
      return { asOf, rebuilt, full: opts.full ?? false, durationMs };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** Which months of which metric a set of marks makes stale: a list, or 'all'. */
export function staleMonths(
  sources: readonly MetricSource[],
  marks: readonly { source: string; month: string }[],
  full: boolean,
): Map<string, string[] | 'all'> {
  const stale = new Map<string, string[] | 'all'>();
  for (const s of sources) {
    if (
      full ||
      marks.some((m) => m.month === ALL_MONTHS && (m.source === 'dimensions' || s.sources.includes(m.source)))
    ) {
      stale.set(s.metric, 'all');
      continue;
    }
    const months = [...new Set(marks.filter((m) => s.sources.includes(m.source)).map((m) => m.month))].sort();
    if (months.length > 0) stale.set(s.metric, months);
  }
  return stale;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function rebuildMetric(tx: Tx, s: MetricSource, months: string[] | 'all') {
  const month = monthExpression(s);
  const inMonths = months === 'all' ? sql`true` : monthFilter(s, months);
  await tx.execute(
    months === 'all'
      ? sql`delete from stat_cells where metric = ${s.metric}`
      : sql`delete from stat_cells where metric = ${s.metric} and month = any(${sql.param(months)}::date[])`,
  );
  const nul = sql`null::uuid`;
  await tx.execute(sql`
    insert into stat_cells (metric, month, organisation_id, org_unit_id, researcher_id, field, region, category, bucket, count, amount_fen, base_fen)
    select ${s.metric}, ${month}, ${s.organisation}, ${s.orgUnit ?? nul}, ${s.researcher ?? nul},
      ${s.field ?? sql`null::text`}, ${s.region ?? sql`null::text`}, ${s.category ?? sql`''`}, ${s.bucket ?? sql`0`},
      count(*), coalesce(sum(${s.amount ?? sql`0`}), 0), coalesce(sum(${s.base ?? sql`0`}), 0)
    from ${s.from}
    where ${s.where ?? sql`true`} and ${s.at} is not null and ${inMonths}
    group by 2, 3, 4, 5, 6, 7, 8, 9
    order by 2, 3`);
}

// The coarser levels of the metric's rebuilt months (and of the quarters and years they fall in),
// summed from its fresh cells into stat_rollup_cells (db/schema/statistics.ts says what each level
// keeps). Rows are written in (level, grain, month, organisation) order: the dashboards read a few
// organisations over many months, or every organisation over a year, and rows written in the source
// tables' hash order left one institution's cells of five years on 28,000 pages (bench:stats); in this
// order they lie on a few pages per metric and period.
export async function rebuildLevels(tx: Tx, s: MetricSource, months: string[] | 'all') {
  // Per grain: the periods to rewrite (first days) and the cube's months they are summed from — the
  // quarter and year grains re-read the whole of each touched quarter or year (its months, by index).
  const touched = (grain: StatGrain) => {
    if (months === 'all') return { periods: 'all' as const, cube: 'all' as const };
    const periods = [...new Set(months.map((m) => periodStart(m, grain)))].sort();
    return { periods, cube: periods.flatMap((p) => monthsOfPeriod(p, grain)) };
  };
  const within = (list: string[] | 'all') =>
    list === 'all' ? sql`true` : sql`month = any(${sql.param(list)}::date[])`;
  await tx.execute(
    sql`delete from stat_rollup_cells where metric = ${s.metric} and (${sql.join(
      STAT_GRAINS.map((grain) => sql`(grain = ${grain} and ${within(touched(grain).periods)})`),
      sql` or `,
    )})`,
  );
  const category = s.levelCategory ?? sql`category`;
  const histogram = s.bucket !== undefined;
  for (const grain of STAT_GRAINS) {
    // The grain is one of STAT_GRAINS, written as a literal like the year grain's was.
    const period = grain === 'month' ? sql`month` : sql`date_trunc(${sql.raw(`'${grain}'`)}, month)::date`;
    const levels = LEVEL_COLUMNS.map(
      ([level, organisation, region, field]) => sql`
        select ${level}::text as level, ${period} as period, ${organisation} as organisation_id,
          ${region} as region, ${field} as field, ${category} as category, bucket,
          sum(count) as count, sum(amount_fen) as amount_fen, sum(base_fen) as base_fen
        from stat_cells where metric = ${s.metric} and ${within(touched(grain).cube)}
        group by 2, 3, 4, 5, 6, 7`,
    );
    await tx.execute(sql`
      insert into stat_rollup_cells (level, grain, metric, month, organisation_id, region, field, category,
        count, amount_fen, base_fen, buckets, bucket_counts)
      select level, ${grain}, ${s.metric}, period, organisation_id, region, field, category,
        sum(count), sum(amount_fen), sum(base_fen),
        ${histogram ? sql`array_agg(bucket order by bucket)` : sql`null::integer[]`},
        ${histogram ? sql`array_agg(count order by bucket)` : sql`null::bigint[]`}
      from (${sql.join(levels, sql` union all `)}) cells
      group by level, period, organisation_id, region, field, category
      order by level, period, organisation_id`);
  }
}

/** What each level keeps of the cube's dimensions: organisation, region, field. */
const LEVEL_COLUMNS: readonly [StatLevel, SQL, SQL, SQL][] = [
  ['organisation', sql`organisation_id`, sql`region`, sql`null::text`],
  ['province', sql`null::uuid`, sql`null::text`, sql`null::text`],
  ['region', sql`null::uuid`, sql`region`, sql`null::text`],
  ['field', sql`organisation_id`, sql`null::text`, sql`field`],
];

/** The first day of the month's period at a grain: 2025-05-01 → 2025-04-01 (quarter), 2025-01-01 (year). */
export function periodStart(month: string, grain: StatGrain): string {
  if (grain === 'month') return month;
  const m = Number(month.slice(5, 7));
  const first = grain === 'year' ? 1 : m - ((m - 1) % 3);
  return `${month.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** The months (first days) of the period starting on `start` at a grain. */
export function monthsOfPeriod(start: string, grain: StatGrain): string[] {
  const length = { month: 1, quarter: 3, year: 12 }[grain];
  const first = Number(start.slice(5, 7));
  return Array.from({ length }, (_, i) => `${start.slice(0, 4)}-${String(first + i).padStart(2, '0')}-01`);
}

// A range on the raw column (so its index serves the rebuild of a few months of a large table) and
// the exact months within it.
function monthFilter(s: MetricSource, months: string[]): SQL {
  const first = months[0]!;
  const afterLast = nextMonth(months[months.length - 1]!);
  const range =
    s.atType === 'date'
      ? sql`${s.at} >= ${first}::date and ${s.at} < ${afterLast}::date`
      : sql`${s.at} >= (${first}::timestamp at time zone 'Asia/Shanghai') and ${s.at} < (${afterLast}::timestamp at time zone 'Asia/Shanghai')`;
  return sql`${range} and ${monthExpression(s)} = any(${sql.param(months)}::date[])`;
}

export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
