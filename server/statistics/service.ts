// Reads the 措施十三 figures from the summary cells (never from the ledger), within what the viewer may
// see: an institution or enterprise its own organisation, a supervisory department the institutions
// linked to it, the provincial department and operators everyone; the public province-level figures
// with small cells hidden (domain/statistics/suppression.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, ResearcherActor } from '../../domain/actor.js';
import { CONVERSION_ROUTE_LABELS } from '../../domain/constants/ledger.js';
import { INDUSTRY_FIELD_LABELS } from '../../domain/constants/listings.js';
import { REGION_LABELS } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import {
  EMPTY_SUMS,
  INDICATORS,
  RANK_LIMIT_DEFAULT,
  RESEARCHER_INDICATORS,
  RESEARCHER_METRICS,
  type Indicator,
  type MetricSums,
  type StatMetric,
} from '../../domain/statistics/metrics.js';
import { periodLabel } from '../../domain/statistics/periods.js';
import { mergeHistograms } from '../../domain/statistics/quantiles.js';
import { suppressList } from '../../domain/statistics/suppression.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations, orgUnits, oversightLinks, statRollups } from '../../db/schema/index.js';
import { ownResearcherKeys, researcherLabels } from './researcher-sources.js';
import {
  cellSums,
  rankedGroups,
  ROUTE_METRICS,
  sourceOf,
  type CellSource,
  type FigureDimension,
  type FigureQuery,
  type StatScope,
  type SumRow,
} from './cells.js';

export {
  FIGURE_DIMENSIONS,
  periodSplit,
  sourceOf,
  type CellSource,
  type FigureDimension,
  type FigureQuery,
  type StatScope,
} from './cells.js';

const ROUTE_INDICATORS = new Set(
  INDICATORS.filter((i) => i.metrics.every((m) => ROUTE_METRICS.includes(m))).map((i) => i.id),
);

export interface FigureRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
  /** Indicators hidden in this row to protect single contracts (public figures only). */
  suppressed: string[];
}

export interface Figures {
  asOf: string | null;
  indicators: Pick<Indicator, 'id' | 'label' | 'unit' | 'formula'>[];
  rows: FigureRow[];
  total: FigureRow;
  /** A ranked breakdown (`sort`/`limit`): how many groups there are in all (`rows` holds the first `limit`). */
  groups?: number;
}

export async function scopeOf(db: DbOrTx, actor: Actor): Promise<StatScope> {
  switch (actor.type) {
    case 'operator':
    case 'system':
      return 'all';
    case 'oversight': {
      if (actor.scope === 'provincial') return 'all';
      const rows = await db
        .select({ id: oversightLinks.institutionId })
        .from(oversightLinks)
        .where(eq(oversightLinks.departmentId, actor.orgId));
      return rows.map((r) => r.id);
    }
    case 'member':
      return [actor.orgId];
    // Researchers read no institution's figures; their own (figures() pins them) are researcherQuery's.
    case 'researcher':
      return [];
  }
}

/** 措施十二: a researcher's query is pinned to their institution and one of their own researcher keys. */
async function researcherQuery(db: DbOrTx, actor: ResearcherActor, q: FigureQuery): Promise<FigureQuery | null> {
  const { rows } = await db.execute<{ id: string }>(ownResearcherKeys(actor.institutionId, actor.userId));
  const own = rows.map((r) => r.id);
  if (q.researcherId && !own.includes(q.researcherId)) throw new AppError('STATS_OUT_OF_SCOPE');
  if ((q.organisationId && q.organisationId !== actor.institutionId) || q.by === 'organisation') {
    throw new AppError('STATS_OUT_OF_SCOPE');
  }
  const researcherId = q.researcherId ?? own[0];
  return researcherId ? { ...q, organisationId: actor.institutionId, researcherId } : null;
}

function inScope(scope: StatScope, organisationId: string): boolean {
  return scope === 'all' || scope.includes(organisationId);
}

// Indicators computed from a conversion count and amounts: the ones that could reveal a contract.
const CONVERSION_INDICATORS = new Set([
  'conversions',
  'conversions_tle',
  'contract_amount',
  'technology_amount',
  'average_contract_amount',
  'median_days_to_conversion',
  'p90_days_to_conversion',
]);
const INCOME_INDICATORS = new Set(['income_received']);

/** The figures for a signed-in viewer, limited to what its scope covers. */
export async function figures(db: DbOrTx, actor: Actor, query: FigureQuery): Promise<Figures> {
  const q = actor.type === 'researcher' ? await researcherQuery(db, actor, query) : query;
  if (!q) return build([], query, await asOf(db), false);
  const scope = actor.type === 'researcher' ? [actor.institutionId] : await scopeOf(db, actor);
  if (q.organisationId && !inScope(scope, q.organisationId)) throw new AppError('STATS_OUT_OF_SCOPE');
  if ((q.by === 'unit' || q.orgUnitId) && !q.organisationId && scope !== 'all' && scope.length !== 1) {
    // Units belong to one institution: drill down from one.
    throw new AppError('STATS_UNIT_NEEDS_ORGANISATION');
  }
  if ((q.by === 'researcher' || q.researcherId) && !q.organisationId && scope !== 'all' && scope.length !== 1) {
    // Researchers are keyed within their institution: drill down from one.
    throw new AppError('STATS_RESEARCHER_NEEDS_ORGANISATION');
  }
  const restrict = q.organisationId ? [q.organisationId] : scope;
  if (restrict !== 'all' && restrict.length === 0) return build([], q, await asOf(db), false);
  const single = q.organisationId ?? (scope !== 'all' && scope.length === 1 ? scope[0] : undefined);
  if (q.by === 'organisation') return rankedOrganisations(db, q, restrict);
  const out = build(
    await cellSums(db, q, restrict),
    q,
    await asOf(db),
    false,
    await labelsFor(db, { ...q, organisationId: single }),
  );
  return q.sort || q.limit ? rank(out, q) : out;
}

/**
 * By organisation the province has ~21,000 groups (every enterprise too) and a page shows the first
 * few: the database ranks the organisations by the sort indicator, the figures are read for the first
 * `limit` of them only, and the total — every organisation's — from the coarsest level that holds it.
 */
export async function rankedOrganisations(db: DbOrTx, q: FigureQuery, restrict: StatScope): Promise<Figures> {
  const ranked = { ...q, sort: q.sort ?? 'contract_amount', limit: q.limit ?? RANK_LIMIT_DEFAULT } as const;
  const source = sourceOf(q, restrict);
  const { keys, groups } = await rankedGroups(db, ranked, restrict, source);
  const rows = keys.length ? await cellSums(db, q, restrict, source, keys) : [];
  // The total from the coarsest level holding it (the province's cells when all organisations count).
  const whole = { ...q, by: 'period', grain: 'year' } as const;
  const totalRows = await cellSums(db, whole, restrict, sourceOf(whole, restrict));
  const out = build(rows, q, await asOf(db), false, await organisationLabels(db, keys), totalRows);
  const position = new Map(keys.map((k, i) => [k, i]));
  out.rows.sort((a, b) => position.get(a.key)! - position.get(b.key)!);
  return { ...out, groups };
}

/** The rows ranked by an indicator in memory (largest first, no value last, ties by key), cut to `limit`. */
export function rank(out: Figures, q: Pick<FigureQuery, 'sort' | 'limit'>): Figures {
  const sort = q.sort ?? 'contract_amount';
  const value = (r: FigureRow) => r.values[sort] ?? -Infinity;
  const rows = [...out.rows].sort((a, b) => value(b) - value(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...out, rows: rows.slice(0, q.limit ?? RANK_LIMIT_DEFAULT), groups: out.rows.length };
}

/**
 * The figures of the organisations in `restrict`, read from `source` (by default the coarsest that
 * answers the query): the summary levels and the cube give the same figures (test/statistics/rollup-levels.test.ts).
 */
export async function scopedFigures(
  db: DbOrTx,
  q: FigureQuery,
  restrict: StatScope,
  source: CellSource = sourceOf(q, restrict),
): Promise<Figures> {
  return build(await cellSums(db, q, restrict, source), q, await asOf(db), false);
}

/** Province-level figures for everyone, small cells hidden. */
export async function publicFigures(
  db: DbOrTx,
  q: Omit<FigureQuery, 'organisationId' | 'orgUnitId'>,
): Promise<Figures> {
  const by = q.by as FigureDimension;
  if (by === 'organisation' || by === 'unit' || by === 'researcher') {
    throw new AppError('STATS_OUT_OF_SCOPE');
  }
  return build(await cellSums(db, q, 'all'), q, await asOf(db), true);
}

interface CategorySums {
  count: number;
  amount: number;
  base: number;
  histogram: Map<number, number>;
}

/** Sum rows of one group, gathered once by metric and category (not filtered again per indicator). */
type GroupSums = Map<StatMetric, Map<string, CategorySums>>;

function groupSums(rows: Iterable<SumRow>): GroupSums {
  const by: GroupSums = new Map();
  for (const r of rows) {
    let metric = by.get(r.metric);
    if (!metric) by.set(r.metric, (metric = new Map()));
    let c = metric.get(r.category);
    if (!c) metric.set(r.category, (c = { count: 0, amount: 0, base: 0, histogram: new Map() }));
    c.count += r.count;
    c.amount += r.amount;
    c.base += r.base;
    if (r.histogram) {
      const { buckets, counts } = r.histogram;
      for (let i = 0; i < buckets.length; i++)
        c.histogram.set(buckets[i]!, (c.histogram.get(buckets[i]!) ?? 0) + counts[i]!);
    } else if (r.metric === 'days_to_conversion') {
      c.histogram.set(r.bucket, (c.histogram.get(r.bucket) ?? 0) + r.count);
    }
  }
  return by;
}

function sumsOf(group: GroupSums) {
  return (metric: StatMetric, category?: (c: string) => boolean): MetricSums => {
    const categories = group.get(metric);
    if (!categories) return EMPTY_SUMS;
    const out = { count: 0, amountFen: 0, baseFen: 0, histogram: new Map<number, number>() };
    const histograms: Map<number, number>[] = [];
    for (const [c, sums] of categories) {
      if (category && !category(c)) continue;
      out.count += sums.count;
      out.amountFen += sums.amount;
      out.baseFen += sums.base;
      if (sums.histogram.size) histograms.push(sums.histogram);
    }
    out.histogram = histograms.length === 1 ? histograms[0]! : mergeHistograms(histograms);
    return out;
  };
}

function rowOf(key: string, label: string, group: GroupSums, perResearcher: boolean, byRoute = false): FigureRow {
  const plain = sumsOf(group);
  if (!perResearcher) {
    const values = INDICATORS.map((i) => [i.id, !byRoute || ROUTE_INDICATORS.has(i.id) ? i.compute(plain) : null]);
    return { key, label, values: Object.fromEntries(values), suppressed: [] };
  }
  // Per researcher: the researcher families stand in for their metrics; the rest has no such figure.
  const get = (metric: StatMetric, category?: (c: string) => boolean) => plain(RESEARCHER_METRICS[metric]!, category);
  return {
    key,
    label,
    values: Object.fromEntries(
      INDICATORS.map((i) => [i.id, RESEARCHER_INDICATORS.includes(i.id) ? i.compute(get) : null]),
    ),
    suppressed: [],
  };
}

function build(
  rows: SumRow[],
  q: FigureQuery,
  at: Date | null,
  suppress: boolean,
  labels = new Map<string, string>(),
  /** The rows the total sums when `rows` hold only some groups (a ranked breakdown). */
  totalRows: SumRow[] = rows,
): Figures {
  const byKey = new Map<string, SumRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.grp);
    if (list) list.push(r);
    else byKey.set(r.grp, [r]);
  }
  const keys = [...byKey.keys()].sort();
  const groups = keys.map((k) => groupSums(byKey.get(k)!));
  const perResearcher = q.by === 'researcher' || q.researcherId !== undefined;
  const byRoute = q.by === 'route';
  const out = keys.map((k, i) => rowOf(k, labelOf(q.by, k, labels), groups[i]!, perResearcher, byRoute));
  const total = rowOf('total', '合计', groupSums(totalRows), perResearcher, byRoute);
  if (suppress) {
    const conversionCounts = groups.map((g) => sumsOf(g)('conversion').count);
    const incomeCounts = groups.map((g) => sumsOf(g)('income_received').count);
    hide(out, total, suppressList(conversionCounts), CONVERSION_INDICATORS);
    hide(out, total, suppressList(incomeCounts), INCOME_INDICATORS);
  }
  return {
    asOf: at?.toISOString() ?? null,
    indicators: INDICATORS.map(({ id, label, unit, formula }) => ({ id, label, unit, formula })),
    rows: out,
    total,
  };
}

function hide(rows: FigureRow[], total: FigureRow, mask: { cells: boolean[]; totalHidden: boolean }, ids: Set<string>) {
  const apply = (row: FigureRow) => {
    for (const id of ids) {
      row.values[id] = null;
      row.suppressed.push(id);
    }
  };
  mask.cells.forEach((hidden, i) => hidden && apply(rows[i]!));
  if (mask.totalHidden) apply(total);
}

function labelOf(by: FigureDimension, key: string, labels: Map<string, string>): string {
  if (key === '') return by === 'unit' ? '未指定院系' : '未填写';
  switch (by) {
    case 'period':
      return periodLabel(key);
    case 'field':
      return INDUSTRY_FIELD_LABELS[key as keyof typeof INDUSTRY_FIELD_LABELS] ?? key;
    case 'region':
      return REGION_LABELS[key as keyof typeof REGION_LABELS] ?? key;
    case 'route':
      return CONVERSION_ROUTE_LABELS[key as keyof typeof CONVERSION_ROUTE_LABELS] ?? key;
    default:
      return labels.get(key) ?? key;
  }
}

async function organisationLabels(db: DbOrTx, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => k !== '');
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function labelsFor(db: DbOrTx, q: FigureQuery): Promise<Map<string, string>> {
  if (q.by === 'unit') {
    const rows = await db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(q.organisationId ? eq(orgUnits.organisationId, q.organisationId) : sql`true`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (q.by === 'researcher' && q.organisationId) {
    const { rows } = await db.execute<{ id: string; name: string }>(researcherLabels(q.organisationId));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map();
}

export async function asOf(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ asOf: statRollups.asOf }).from(statRollups).where(eq(statRollups.id, 1));
  return row?.asOf ?? null;
}

/** The institutions a department oversees (all institutions for the provincial department). */
export async function overseenInstitutions(db: DbOrTx, actor: Actor) {
  const scope = await scopeOf(db, actor);
  const where =
    scope === 'all'
      ? eq(organisations.kind, 'institution')
      : and(
          eq(organisations.kind, 'institution'),
          inArray(organisations.id, scope.length ? scope : ['00000000-0000-0000-0000-000000000000']),
        );
  return db
    .select({ id: organisations.id, name: organisations.name, region: organisations.region })
    .from(organisations)
    .where(where)
    .orderBy(organisations.name);
}
