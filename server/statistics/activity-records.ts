// The records behind the income and listing figures (issue 19 item 3: "every figure links to the
// records behind it"), beside records.ts's conversions. Each list is selected by the metric source the
// roll-up counts from (sources.ts, ledger-sources.ts: the same FROM, WHERE, month and dimension
// expressions), so a figure and its records cannot drift apart: the payments an income figure sums,
// the listings published, the objections, claims and closed auctions a listing figure counts — within
// what the viewer may see (scopeOf: an institution its own, a department those it oversees).
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { ConversionRoute, ConversionType } from '../../domain/constants/ledger.js';
import type { ListingKind, PricingMode } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import type { StatMetric } from '../../domain/statistics/metrics.js';
import type { DbOrTx } from '../../db/client.js';
import { METRIC_SOURCES } from './all-sources.js';
import { INVENTOR_SEPARATORS, researcherKey } from './researcher-sources.js';
import { nextMonth } from './rollup.js';
import { scopeOf } from './service.js';
import type { MetricSource } from './sources.js';

/** The filters a figure carries over to its records (the figures' own dimensions). */
export interface SourceFilters {
  from: string;
  to: string;
  organisationId?: string;
  /** A unit's id, or 'none' for records with no unit. */
  orgUnitId?: string;
  field?: string;
  region?: string;
  page: number;
  pageSize: number;
}

function sourceOf(metric: StatMetric): MetricSource {
  const s = METRIC_SOURCES.find((x) => x.metric === metric);
  if (!s) throw new RangeError(`no source for ${metric}`);
  return s;
}

/** The start of a month (YYYY-MM) in the source's own column type, Asia/Shanghai for instants. */
function monthStart(s: MetricSource, month: string): SQL {
  return s.atType === 'date' ? sql`${month}::date` : sql`(${month}::timestamp at time zone 'Asia/Shanghai')`;
}

/**
 * The source's rows within the viewer's scope and the figure's filters: the month range as the
 * roll-up assigns months (a range on the column itself, so its index serves), then the dimensions.
 */
async function conditions(db: DbOrTx, actor: Actor, s: MetricSource, q: SourceFilters): Promise<SQL[]> {
  const scope = await scopeOf(db, actor);
  if (q.organisationId && scope !== 'all' && !scope.includes(q.organisationId)) {
    throw new AppError('STATS_OUT_OF_SCOPE');
  }
  const restrict = q.organisationId ? [q.organisationId] : scope;
  const where: SQL[] = [
    sql`${s.at} >= ${monthStart(s, q.from + '-01')}`,
    sql`${s.at} < ${monthStart(s, nextMonth(q.to + '-01'))}`,
  ];
  if (s.where) where.push(s.where);
  if (restrict !== 'all') where.push(sql`${s.organisation} = any(${sql.param(restrict)}::uuid[])`);
  if (q.orgUnitId && s.orgUnit) {
    where.push(q.orgUnitId === 'none' ? sql`${s.orgUnit} is null` : sql`${s.orgUnit} = ${q.orgUnitId}::uuid`);
  }
  if (q.field && s.field) where.push(sql`${s.field} = ${q.field}`);
  if (q.region && s.region) where.push(sql`${s.region} = ${q.region}`);
  return where;
}

/** The nth part of the source's `a|b|c` category (the figures' route is part 1 of the income category). */
function categoryPart(s: MetricSource, n: number): SQL {
  return sql`split_part(${s.category ?? sql`''`}, '|', ${sql.raw(String(n))})`;
}

// ---------------------------------------------------------------------------------------------------
// Income received (措施二): the payments the `income_received` figure sums, by receipt month.

export interface IncomeRecordQuery extends SourceFilters {
  /** A researcher key: the payments of results naming them (the researcher figure's participation). */
  researcherId?: string;
  route?: ConversionRoute;
  transactionType?: ConversionType;
}

export interface IncomeRecord {
  paymentId: string;
  conversionId: string;
  institution: { id: string; name: string };
  resultTitle: string | null;
  orgUnit: string | null;
  field: string | null;
  region: string | null;
  route: ConversionRoute;
  transactionType: ConversionType;
  counterpartyName: string;
  receivedOn: string;
  amountFen: number;
}

export interface RecordPage<T> {
  items: T[];
  total: number;
  /** The sum of the amounts over all pages (what the figure shows). */
  sumFen: number;
  page: number;
  pageSize: number;
}

export async function incomeRecords(db: DbOrTx, actor: Actor, q: IncomeRecordQuery): Promise<RecordPage<IncomeRecord>> {
  const s = sourceOf('income_received');
  const where = await conditions(db, actor, s, q);
  if (q.route) where.push(sql`${categoryPart(s, 1)} = ${q.route}`);
  if (q.transactionType) where.push(sql`${categoryPart(s, 2)} = ${q.transactionType}`);
  if (q.researcherId) {
    // researcher-sources.ts's `researcher_income`: one copy per distinct inventor named on the result.
    where.push(sql`exists (select 1 from regexp_split_to_table(r.inventors, ${sql.raw(`'${INVENTOR_SEPARATORS}'`)}) n
      where btrim(n) <> '' and ${researcherKey(sql`p.institution_id`, sql`btrim(n)`)} = ${q.researcherId}::uuid)`);
  }
  const cond = sql.join(where, sql` and `);
  const { rows: sums } = await db.execute<{ n: string; fen: string }>(
    sql`select count(*)::text as n, coalesce(sum(${s.amount!}), 0)::text as fen from ${s.from} where ${cond}`,
  );
  const { rows } = await db.execute<{
    id: string;
    conversion_id: string;
    institution_id: string;
    institution_name: string;
    result_title: string | null;
    unit: string | null;
    field: string | null;
    region: string | null;
    route: ConversionRoute;
    transaction_type: ConversionType;
    counterparty_name: string;
    received_on: string;
    amount: string;
  }>(sql`
    select p.id, p.conversion_id, p.institution_id, i.name as institution_name, r.title as result_title,
      (select u.name from org_units u where u.id = r.org_unit_id) as unit, r.field, i.region, cv.route,
      cv.transaction_type, cv.counterparty_name, to_char(p.received_on, 'YYYY-MM-DD') as received_on,
      p.amount_fen::text as amount
    from ${s.from} where ${cond}
    order by p.received_on desc, p.id
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return {
    items: rows.map((r) => ({
      paymentId: r.id,
      conversionId: r.conversion_id,
      institution: { id: r.institution_id, name: r.institution_name },
      resultTitle: r.result_title,
      orgUnit: r.unit,
      field: r.field,
      region: r.region,
      route: r.route,
      transactionType: r.transaction_type,
      counterpartyName: r.counterparty_name,
      receivedOn: r.received_on,
      amountFen: Number(r.amount),
    })),
    total: Number(sums[0]!.n),
    sumFen: Number(sums[0]!.fen),
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------------
// Listing activity: listings published (by kind and pricing mode), objections, claims, closed auctions.

export const LISTING_EVENTS = ['published', 'objection', 'claim', 'auction'] as const;
export type ListingEvent = (typeof LISTING_EVENTS)[number];

const EVENT_METRIC: Record<ListingEvent, StatMetric> = {
  published: 'listing_published',
  objection: 'objection_filed',
  claim: 'claim_made',
  auction: 'auction_closed',
};

/** The event's own row id, outcome (objection status, sold/unsold) and amounts (auction hammer/start). */
const EVENT_COLUMNS: Record<ListingEvent, SQL> = {
  published: sql`l.id::text as event_id, null::text as outcome, null::text as amount, null::text as base`,
  objection: sql`o.id::text as event_id, o.status as outcome, null::text as amount, null::text as base`,
  claim: sql`c.id::text as event_id, null::text as outcome, null::text as amount, null::text as base`,
  auction: sql`a.id::text as event_id, case when a.result = 'sold' then 'sold' else 'unsold' end as outcome,
    case when a.result = 'sold' then a.current_price_fen end::text as amount,
    case when a.result = 'sold' then a.start_price_fen end::text as base`,
};

export interface ListingRecordQuery extends SourceFilters {
  event: ListingEvent;
  kind?: ListingKind;
  pricingMode?: PricingMode;
  /** Objections: their status; auctions: sold or unsold (the figures' categories). */
  outcome?: string;
}

export interface ListingRecord {
  eventId: string;
  listingId: string;
  title: string;
  organisation: { id: string; name: string };
  kind: ListingKind;
  pricingMode: PricingMode | null;
  field: string | null;
  region: string | null;
  /** The day the event counts on (Asia/Shanghai). */
  on: string;
  outcome: string | null;
  amountFen: number | null;
  startPriceFen: number | null;
}

export async function listingRecords(
  db: DbOrTx,
  actor: Actor,
  q: ListingRecordQuery,
): Promise<RecordPage<ListingRecord>> {
  const s = sourceOf(EVENT_METRIC[q.event]);
  const where = await conditions(db, actor, s, q);
  if (q.kind) where.push(sql`l.kind = ${q.kind}`);
  if (q.pricingMode) where.push(sql`l.pricing_mode = ${q.pricingMode}`);
  if (q.outcome && s.category) where.push(sql`${s.category} = ${q.outcome}`);
  const cond = sql.join(where, sql` and `);
  const from = sql`${s.from} join organisations og on og.id = ${s.organisation}`;
  const { rows: sums } = await db.execute<{ n: string; fen: string }>(
    sql`select count(*)::text as n, coalesce(sum(${s.amount ?? sql`0`}), 0)::text as fen from ${from} where ${cond}`,
  );
  const { rows } = await db.execute<{
    event_id: string;
    listing_id: string;
    title: string;
    organisation_id: string;
    organisation_name: string;
    kind: ListingKind;
    pricing_mode: PricingMode | null;
    field: string | null;
    region: string | null;
    on_day: string;
    outcome: string | null;
    amount: string | null;
    base: string | null;
  }>(sql`
    select ${EVENT_COLUMNS[q.event]}, l.id as listing_id, l.title, og.id as organisation_id,
      og.name as organisation_name, l.kind, l.pricing_mode, l.field, l.region,
      to_char(${s.at} at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_day
    from ${from} where ${cond}
    order by ${s.at} desc, 1
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return {
    items: rows.map((r) => ({
      eventId: r.event_id,
      listingId: r.listing_id,
      title: r.title,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      kind: r.kind,
      pricingMode: r.pricing_mode,
      field: r.field,
      region: r.region,
      on: r.on_day,
      outcome: r.outcome,
      amountFen: r.amount === null ? null : Number(r.amount),
      startPriceFen: r.base === null ? null : Number(r.base),
    })),
    total: Number(sums[0]!.n),
    sumFen: Number(sums[0]!.fen),
    page: q.page,
    pageSize: q.pageSize,
  };
}
