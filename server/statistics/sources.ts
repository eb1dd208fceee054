// Where each metric's cells come from: one grouped SELECT over the source tables per metric, limited
// to the months being rebuilt. The roll-up (rollup.ts) replaces a metric's cells for those months with
// this query's rows; nothing else writes stat_cells. Months are Asia/Shanghai calendar months.
import { sql, type SQL } from 'drizzle-orm';
import type { StatMetric } from '../../domain/statistics/metrics.js';

/** A metric's source: the month it is counted in, and its cells' columns. */
export interface MetricSource {
  metric: StatMetric;
  /** The source tables whose changes (stat_dirty.source) make its months stale. */
  sources: readonly string[];
  /** The column the month comes from, and whether it is a date or a timestamptz. */
  at: SQL;
  atType: 'date' | 'timestamptz';
  /** FROM … (joins) and WHERE conditions other than the month's. */
  from: SQL;
  where?: SQL;
  organisation: SQL;
  orgUnit?: SQL;
  researcher?: SQL;
  field?: SQL;
  region?: SQL;
  category?: SQL;
  /** A histogram value (days …): the summary levels keep its values as arrays, one cell per key. */
  bucket?: SQL;
  /**
   * The category the summary levels keep, an expression over stat_cells.category: a breakdown only
   * the cube's readers need (the annual report's counterparty type) is dropped from the dashboards'
   * cells. Default: the whole category.
   */
  levelCategory?: SQL;
  amount?: SQL;
  base?: SQL;
}

/** The month a source row is counted in. */
export function monthExpression(s: Pick<MetricSource, 'at' | 'atType'>): SQL {
  return s.atType === 'date'
    ? sql`date_trunc('month', ${s.at})::date`
    : sql`date_trunc('month', ${s.at} at time zone 'Asia/Shanghai')::date`;
}

const listingWithResult = sql`listings l left join results r on r.id = l.result_id`;

export const LISTING_SOURCES: readonly MetricSource[] = [
  {
    metric: 'listing_published',
    sources: ['listings'],
    at: sql`l.published_at`,
    atType: 'timestamptz',
    from: listingWithResult,
    where: sql`l.published_at is not null`,
    organisation: sql`l.organisation_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`l.field`,
    region: sql`l.region`,
    category: sql`l.kind || '|' || coalesce(l.pricing_mode, '')`,
  },
  {
    metric: 'objection_filed',
    sources: ['objections'],
    at: sql`o.created_at`,
    atType: 'timestamptz',
    from: sql`objections o join listings l on l.id = o.listing_id left join results r on r.id = l.result_id`,
    organisation: sql`l.organisation_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`l.field`,
    region: sql`l.region`,
    category: sql`o.status`,
  },
  {
    metric: 'claim_made',
    sources: ['claims'],
    at: sql`c.created_at`,
    atType: 'timestamptz',
    from: sql`claims c join listings l on l.id = c.listing_id left join results r on r.id = l.result_id`,
    organisation: sql`l.organisation_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`l.field`,
    region: sql`l.region`,
  },
  {
    metric: 'auction_closed',
    sources: ['auctions'],
    at: sql`a.closed_at`,
    atType: 'timestamptz',
    from: sql`auctions a join listings l on l.id = a.listing_id left join results r on r.id = l.result_id`,
    where: sql`a.closed_at is not null and a.result is distinct from 'taken_down'`,
    organisation: sql`l.organisation_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`l.field`,
    region: sql`l.region`,
    category: sql`case when a.result = 'sold' then 'sold' else 'unsold' end`,
    amount: sql`case when a.result = 'sold' then a.current_price_fen else 0 end`,
    base: sql`case when a.result = 'sold' then a.start_price_fen else 0 end`,
  },
  {
    metric: 'pool_included',
    sources: ['pool_entries'],
    at: sql`pe.included_at`,
    atType: 'timestamptz',
    from: sql`pool_entries pe join results r on r.id = pe.result_id join organisations i on i.id = r.institution_id`,
    organisation: sql`r.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
  },
  {
    metric: 'pool_removed',
    sources: ['pool_entries'],
    at: sql`pe.removed_at`,
    atType: 'timestamptz',
    from: sql`pool_entries pe join results r on r.id = pe.result_id join organisations i on i.id = r.institution_id`,
    where: sql`pe.removed_at is not null`,
    organisation: sql`r.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
  },
  {
    metric: 'licence_signed',
    sources: ['paylater_licences'],
    at: sql`pl.signed_on`,
    atType: 'date',
    from: sql`paylater_licences pl join results r on r.id = pl.result_id join organisations i on i.id = pl.institution_id`,
    organisation: sql`pl.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`pl.status`,
  },
  {
    metric: 'licence_payment',
    // 措施五 payments are lines of the licence's conversion (the ledger is their only table).
    sources: ['schedule_items'],
    at: sql`si.due_on`,
    atType: 'date',
    from: sql`schedule_items si join conversions c on c.id = si.conversion_id and c.route = 'paylater' join results r on r.id = c.result_id join organisations i on i.id = c.institution_id`,
    where: sql`si.due_on is not null`,
    organisation: sql`c.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`case when si.status = 'paid' then 'paid' when si.overdue_at is not null then 'overdue' else 'scheduled' end`,
    amount: sql`si.amount_fen`,
  },
  {
    metric: 'demand_published',
    sources: ['listings'],
    at: sql`l.published_at`,
    atType: 'timestamptz',
    from: sql`listings l`,
    where: sql`l.kind = 'demand' and l.published_at is not null`,
    organisation: sql`l.organisation_id`,
    field: sql`l.field`,
    region: sql`l.region`,
  },
  {
    metric: 'proposal_submitted',
    sources: ['proposals'],
    at: sql`p.created_at`,
    atType: 'timestamptz',
    from: sql`proposals p join listings l on l.id = p.listing_id join organisations i on i.id = p.organisation_id`,
    organisation: sql`p.organisation_id`,
    field: sql`l.field`,
    region: sql`i.region`,
    category: sql`p.status`,
  },
  {
    metric: 'demand_landed',
    sources: ['proposals'],
    at: sql`greatest(p.enterprise_confirmed_at, p.institution_confirmed_at)`,
    atType: 'timestamptz',
    from: sql`proposals p join listings l on l.id = p.listing_id`,
    where: sql`p.enterprise_confirmed_at is not null and p.institution_confirmed_at is not null`,
    organisation: sql`l.organisation_id`,
    field: sql`l.field`,
    region: sql`l.region`,
  },
  {
    metric: 'reward_confirmed',
    sources: ['reward_confirmations'],
    at: sql`rc.created_at`,
    atType: 'timestamptz',
    from: sql`reward_confirmations rc join listings l on l.id = rc.listing_id`,
    organisation: sql`l.organisation_id`,
    field: sql`l.field`,
    region: sql`l.region`,
  },
];
