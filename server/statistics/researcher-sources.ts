// 措施十三's researcher dimension on what the platform holds today: the inventors named on a result
// (results.inventors, "李华、赵强"). Each name is keyed per institution by a stable uuid (md5 of the
// institution and the name), so the cells carry researcher_id like any other dimension. When the
// researchers issue lands, its team-member table replaces `inventorsOf` and `researcherKey` here (the
// researcher's own id). `reward_paid` (措施十二, server/remuneration) joins with the same dimension.
import { sql, type SQL } from 'drizzle-orm';
import type { MetricSource } from './sources.js';

/** Separators people write between inventors' names: 、，,；; and blanks. */
export const INVENTOR_SEPARATORS = '[、，,；;[:space:]]+';

/** The researcher key of a name within an institution. */
export function researcherKey(institution: SQL, name: SQL): SQL {
  return sql`md5(${institution}::text || '|' || ${name})::uuid`;
}

/** One row per distinct inventor of result `r` (alias `inv`, column `name`). */
export const inventorsOf = sql`cross join lateral (
  select distinct btrim(n) as name from regexp_split_to_table(r.inventors, ${sql.raw(`'${INVENTOR_SEPARATORS}'`)}) n
  where btrim(n) <> '') inv`;

const researcher = researcherKey(sql`cv.institution_id`, sql`inv.name`);

export const RESEARCHER_SOURCES: readonly MetricSource[] = [
  {
    metric: 'researcher_conversion',
    sources: ['contracts', 'conversions', 'result_inventors'],
    at: sql`ct.signed_on`,
    atType: 'date',
    from: sql`conversions cv
      join contracts ct on ct.conversion_id = cv.id
      join organisations i on i.id = cv.institution_id
      join results r on r.id = cv.result_id
      ${inventorsOf}`,
    where: sql`ct.status in ('effective', 'completed')`,
    organisation: sql`cv.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    researcher,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`cv.route || '|' || cv.transaction_type || '|' || coalesce(cv.counterparty_ownership, 'other')`,
    // The counterparty type is the annual report's (read from the cube); dashboards group by route and type.
    levelCategory: sql`split_part(category, '|', 1) || '|' || split_part(category, '|', 2)`,
    amount: sql`ct.amount_fen`,
    base: sql`ct.technology_amount_fen`,
  },
  {
    metric: 'researcher_income',
    sources: ['payments', 'result_inventors'],
    at: sql`p.received_on`,
    atType: 'date',
    from: sql`payments p join conversions cv on cv.id = p.conversion_id join organisations i on i.id = p.institution_id
      join results r on r.id = p.result_id
      ${inventorsOf}`,
    organisation: sql`p.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    researcher,
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`cv.route || '|' || cv.transaction_type`,
    amount: sql`p.amount_fen`,
  },
  {
    // 措施十二: rewards paid to researchers (cash, by the day paid), keyed like the other researcher
    // figures by the member's name within the institution. Equity rewards are shares, not money paid.
    metric: 'reward_paid',
    sources: ['remuneration_entries'],
    at: sql`e.paid_on`,
    atType: 'date',
    from: sql`remuneration_entries e join remuneration_awards a on a.id = e.award_id
      join organisations i on i.id = e.institution_id join results r on r.id = a.result_id`,
    where: sql`e.status = 'paid' and e.form = 'cash'`,
    organisation: sql`e.institution_id`,
    orgUnit: sql`r.org_unit_id`,
    researcher: researcherKey(sql`e.institution_id`, sql`e.member_name`),
    field: sql`r.field`,
    region: sql`i.region`,
    category: sql`e.form`,
    amount: sql`e.amount_fen`,
  },
];

/**
 * 措施十二: a researcher's own keys at their institution — the names they are linked under on its
 * teams and reward entries — so their own figures (rewards paid, their results' conversions) are theirs.
 */
export function ownResearcherKeys(institutionId: string, userId: string): SQL {
  return sql`select distinct ${researcherKey(sql`r.institution_id`, sql`tm.name`)}::text as id
      from result_team_members tm join results r on r.id = tm.result_id
      where tm.user_id = ${userId} and r.institution_id = ${institutionId}
    union
    select distinct ${researcherKey(sql`e.institution_id`, sql`e.member_name`)}::text
      from remuneration_entries e where e.user_id = ${userId} and e.institution_id = ${institutionId}`;
}

/** The researchers of an institution's results with their keys (labels of the researcher figures). */
export function researcherLabels(institutionId: string): SQL {
  return sql`select distinct ${researcherKey(sql`r.institution_id`, sql`inv.name`)}::text as id, inv.name
    from results r ${inventorsOf} where r.institution_id = ${institutionId}`;
}
