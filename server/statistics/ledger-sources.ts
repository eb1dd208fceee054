// The conversion ledger's metrics (docs/ledger.md): a conversion counts in the month its contract was
// signed, while the contract is effective or completed (a terminated contract no longer counts, as
// it no longer makes the result converted); income counts in the month it was received (措施二).
import { sql } from 'drizzle-orm';
import type { MetricSource } from './sources.js';

const signedConversion = sql`conversions cv
  join contracts ct on ct.conversion_id = cv.id
  join organisations i on i.id = cv.institution_id
  left join results r on r.id = cv.result_id`;

export const LEDGER_SOURCES: readonly MetricSource[] = [
  {
    metric: 'conversion',
    sources: ['contracts', 'conversions'],
    at: sql`ct.signed_on`,
    atType: 'date',
    from: signedConversion,
    where: sql`ct.status in ('effective', 'completed')`,
    organisation: sql`cv.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`cv.route || '|' || cv.transaction_type || '|' || coalesce(cv.counterparty_ownership, 'other')`,
    // The counterparty type is the annual report's (read from the cube); dashboards group by route and type.
    levelCategory: sql`split_part(category, '|', 1) || '|' || split_part(category, '|', 2)`,
    amount: sql`ct.amount_fen`,
    base: sql`ct.technology_amount_fen`,
  },
  {
    metric: 'income_received',
    sources: ['payments'],
    at: sql`p.received_on`,
    atType: 'date',
    from: sql`payments p join conversions cv on cv.id = p.conversion_id join organisations i on i.id = p.institution_id
      left join results r on r.id = p.result_id`,
    organisation: sql`p.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`cv.route || '|' || cv.transaction_type`,
    amount: sql`p.amount_fen`,
  },
  {
    metric: 'days_to_conversion',
    sources: ['contracts', 'conversions'],
    at: sql`ct.signed_on`,
    atType: 'date',
    from: sql`${signedConversion} join listings l on l.id = cv.listing_id`,
    where: sql`ct.status in ('effective', 'completed') and l.published_at is not null`,
    organisation: sql`cv.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    field: sql`r.field`,
    region: sql`i.region`,
    bucket: sql`greatest(0, ct.signed_on - (l.published_at at time zone 'Asia/Shanghai')::date)`,
  },
];
