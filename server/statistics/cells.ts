// Where the figures' sums are read: the full cube (stat_cells) when a query drills into units or
// researchers, else one of the summary levels (stat_rollup_cells, db/schema/statistics.ts), its whole
// years from the year grain, the whole quarters around them from the quarter grain and the months at
// the ragged ends from the month grain (periodSplit).
import { sql, type SQL } from 'drizzle-orm';
import { RANK_FIELDS, type RankField, type StatMetric } from '../../domain/statistics/metrics.js';
import type { PeriodGrain } from '../../domain/statistics/periods.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { StatLevel } from '../../db/schema/index.js';

export const FIGURE_DIMENSIONS = ['period', 'organisation', 'unit', 'researcher', 'field', 'region', 'route'] as const;

// By route (转化途径) only the conversion and income figures exist: other metrics have no route.
export const ROUTE_METRICS: readonly StatMetric[] = ['conversion', 'income_received'];
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

export interface FigureQuery {
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
  grain: PeriodGrain;
  by: FigureDimension;
  organisationId?: string;
  orgUnitId?: string;
  /** A researcher key (server/statistics/researcher-sources.ts). */
  researcherId?: string;
  field?: string;
  region?: string;
  /** Rank the groups by this indicator (largest first) and keep the first `limit` (by organisation: in the database). */
  sort?: RankField;
  limit?: number;
}

/** Which organisations' figures a viewer may read: 'all', or a list. */
export type StatScope = 'all' | string[];

export interface SumRow {
  metric: StatMetric;
  grp: string;
  category: string;
  bucket: number;
  count: number;
  amount: number;
  base: number;
  /** A histogram cell of the summary levels: its values and their counts (bucket is then unused). */
  histogram?: { buckets: number[]; counts: number[] };
}

/** Where a query's cells are read: the full cube, or one level of the summary cells. */
export type CellSource = { table: 'cube' } | { table: 'levels'; level: StatLevel };

/**
 * Which table answers: the full cube when the query drills into units or researchers, else the
 * coarsest level that still holds what it groups and filters by (a few hundred rows instead of the cube).
 */
export function sourceOf(q: FigureQuery, restrict: StatScope): CellSource {
  if (q.orgUnitId || q.researcherId || q.by === 'unit' || q.by === 'researcher') return { table: 'cube' };
  if (q.field || q.by === 'field') {
    // The field level keeps no region (a listing's region is its own, not its organisation's).
    return q.region || q.by === 'region' ? { table: 'cube' } : { table: 'levels', level: 'field' };
  }
  if (restrict === 'all' && q.by !== 'organisation') {
    if (q.region || q.by === 'region') return { table: 'levels', level: 'region' };
    return { table: 'levels', level: 'province' };
  }
  return { table: 'levels', level: 'organisation' };
}

/**
 * How the summary levels answer the months [from, to] (YYYY-MM): the whole years inside it from the
 * year grain, the whole quarters of what is left from the quarter grain, the months at the ragged ends
 * from the month grain (first days, YYYY-MM-01, for the year and quarter grains; ranges of YYYY-MM for
 * the month grain). A query grouped by quarter cannot use the year grain, one grouped by month neither
 * the year nor the quarter grain.
 */
export function periodSplit(q: Pick<FigureQuery, 'from' | 'to' | 'by' | 'grain'>): {
  years: string[];
  quarters: string[];
  months: { from: string; to: string }[];
} {
  const byPeriod = q.by === 'period';
  let rest: Span[] = [[monthIndex(q.from), monthIndex(q.to)]];
  let years: number[] = [];
  const quarters: number[] = [];
  if (!byPeriod || q.grain === 'year') ({ whole: years, rest } = wholePeriods(rest[0]!, 12));
  if (!byPeriod || q.grain !== 'month') {
    rest = rest.flatMap((span) => {
      const split = wholePeriods(span, 3);
      quarters.push(...split.whole);
      return split.rest;
    });
  }
  return {
    years: years.map((i) => `${monthOf(i)}-01`),
    quarters: quarters.map((i) => `${monthOf(i)}-01`),
    months: rest.map(([from, to]) => ({ from: monthOf(from), to: monthOf(to) })),
  };
}

/** A span of months, first and last, as month indices (year × 12 + month − 1). */
type Span = [number, number];

const monthIndex = (yearMonth: string) => Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The periods of `size` months (3: quarters, 12: years) wholly inside a span, and the months around them. */
function wholePeriods([first, last]: Span, size: number): { whole: number[]; rest: Span[] } {
  const start = Math.ceil(first / size) * size;
  const end = Math.floor((last + 1) / size) * size; // one past the last whole period
  if (start >= end) return { whole: [], rest: [[first, last]] };
  const whole = Array.from({ length: (end - start) / size }, (_, i) => start + i * size);
  const rest: Span[] = [];
  if (first < start) rest.push([first, start - 1]);
  if (end <= last) rest.push([end, last]);
  return { whole, rest };
}

/** The table and conditions a query's cells are read with (shared by the sums and the ranking). */
function cellsWhere(q: FigureQuery, restrict: StatScope, source: CellSource): { table: SQL; where: SQL } {
  const conditions: SQL[] = [];
  if (restrict !== 'all') conditions.push(sql`organisation_id = any(${sql.param(restrict)}::uuid[])`);
  if (q.orgUnitId) conditions.push(sql`org_unit_id = ${q.orgUnitId}`);
  if (q.researcherId) conditions.push(sql`researcher_id = ${q.researcherId}`);
  else if (q.by === 'researcher') conditions.push(sql`researcher_id is not null`);
  if (q.by === 'route') conditions.push(sql`metric = any(${sql.param(ROUTE_METRICS)}::text[])`);
  if (q.field) conditions.push(sql`field = ${q.field}`);
  if (q.region) conditions.push(sql`region = ${q.region}`);
  const range = (from: string, to: string) => sql`month >= ${from + '-01'}::date and month <= ${to + '-01'}::date`;
  if (source.table === 'cube') {
    return { table: sql`stat_cells`, where: sql.join([range(q.from, q.to), ...conditions], sql` and `) };
  }
  // Summary levels: whole years from the year grain, whole quarters from the quarter grain, the rest
  // from the month grain.
  const split = periodSplit(q);
  const periods: SQL[] = [];
  if (split.years.length) periods.push(sql`(grain = 'year' and month = any(${sql.param(split.years)}::date[]))`);
  if (split.quarters.length) {
    periods.push(sql`(grain = 'quarter' and month = any(${sql.param(split.quarters)}::date[]))`);
  }
  for (const m of split.months) periods.push(sql`(grain = 'month' and ${range(m.from, m.to)})`);
  return {
    table: sql`stat_rollup_cells`,
    where: sql.join([sql`level = ${source.level}`, sql`(${sql.join(periods, sql` or `)})`, ...conditions], sql` and `),
  };
}

/**
 * The first `limit` groups of a query ranked by `sort` (largest first, ties by key in byte order, groups
 * with nothing of the metric included as 0) and how many groups there are in all. One grouped read of
 * the sums; the figures are then read for these groups only.
 */
export async function rankedGroups(
  db: DbOrTx,
  q: FigureQuery & { sort: RankField; limit: number },
  restrict: StatScope,
  source = sourceOf(q, restrict),
): Promise<{ keys: string[]; groups: number }> {
  const { table, where } = cellsWhere(q, restrict, source);
  const rank = RANK_FIELDS[q.sort];
  const column = { count: sql`count`, amount: sql`amount_fen`, base: sql`base_fen` }[rank.column];
  return serial(db, async (tx) => {
    const { rows } = await tx.execute<{ grp: string; groups: string }>(sql`
      select ${groupExpression(q)} as grp, count(*) over ()::text as groups
      from ${table} where ${where}
      group by 1
      order by sum(case when metric = ${rank.metric} then ${column} else 0 end) desc, ${groupExpression(q)} collate "C"
      limit ${q.limit}`);
    return { keys: rows.map((r) => r.grp), groups: Number(rows[0]?.groups ?? 0) };
  });
}

/** The sums of a query's cells by group (only the groups in `only`, when given). */
export async function cellSums(
  db: DbOrTx,
  q: FigureQuery,
  restrict: StatScope,
  source = sourceOf(q, restrict),
  only?: string[],
): Promise<SumRow[]> {
  const { table, where: base } = cellsWhere(q, restrict, source);
  const where = only ? sql`${base} and ${groupExpression(q)} = any(${sql.param(only)}::text[])` : base;
  type Raw = {
    metric: StatMetric;
    grp: string;
    category: string;
    bucket: number;
    count: string;
    amount: string;
    base: string;
  };

  // These reads touch a few hundred index entries; the planner, costing the big indexes, would start
  // parallel workers for them, and on a busy machine waiting for those took ~40 ms of a 5 ms query
  // (EXPLAIN ANALYZE on bench:stats' data).
  return serial(db, async (tx) => {
    if (source.table === 'cube') {
      const { rows } = await tx.execute<Raw>(sql`
        select metric, ${groupExpression(q)} as grp, category, bucket,
          sum(count)::text as count, sum(amount_fen)::text as amount, sum(base_fen)::text as base
        from ${table} where ${where}
        group by 1, 2, 3, 4`);
      return rows.map((r) => ({ ...r, count: Number(r.count), amount: Number(r.amount), base: Number(r.base) }));
    }

    // A group's histogram cells come back as their arrays joined ("values:counts;values:counts"), merged here.
    const { rows } = await tx.execute<Raw & { histograms: string | null }>(sql`
      select metric, ${groupExpression(q)} as grp, category,
        sum(count)::text as count, sum(amount_fen)::text as amount, sum(base_fen)::text as base,
        string_agg(array_to_string(buckets, ',') || ':' || array_to_string(bucket_counts, ','), ';') as histograms
      from ${table} where ${where}
      group by 1, 2, 3`);
    return rows.map((r) => ({
      metric: r.metric,
      grp: r.grp,
      category: r.category,
      bucket: 0,
      count: Number(r.count),
      amount: Number(r.amount),
      base: Number(r.base),
      ...(r.histograms !== null ? { histogram: histogramOf(r.histograms) } : {}),
    }));
  });
}

function serial<T>(db: DbOrTx, read: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return read(tx);
  });
}

/** "1,5:2,3;5:1" → values [1, 5, 5], counts [2, 3, 1] (the merge adds repeated values up). */
function histogramOf(joined: string): { buckets: number[]; counts: number[] } {
  const buckets: number[] = [];
  const counts: number[] = [];
  for (const cell of joined.split(';')) {
    const [values, ns] = cell.split(':');
    if (!values) continue;
    for (const v of values.split(',')) buckets.push(Number(v));
    for (const n of ns!.split(',')) counts.push(Number(n));
  }
  return { buckets, counts };
}

export function groupExpression(q: Pick<FigureQuery, 'by' | 'grain'>): SQL {
  switch (q.by) {
    case 'period':
      if (q.grain === 'year') return sql`to_char(month, 'YYYY')`;
      if (q.grain === 'quarter') return sql`to_char(month, 'YYYY') || '-Q' || extract(quarter from month)::int`;
      return sql`to_char(month, 'YYYY-MM')`;
    case 'organisation':
      return sql`coalesce(organisation_id::text, '')`;
    case 'unit':
      return sql`coalesce(org_unit_id::text, '')`;
    case 'researcher':
      return sql`coalesce(researcher_id::text, '')`;
    case 'field':
      return sql`coalesce(field, '')`;
    case 'region':
      return sql`coalesce(region, '')`;
    case 'route':
      return sql`split_part(category, '|', 1)`;
  }
}
