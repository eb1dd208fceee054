// The records behind a figure (issue 19 item 3: "every figure links to the records behind it"): the
// conversions a conversion figure counts, selected exactly as the `conversion` metric counts them
// (ledger-sources.ts: contract effective or completed, by signing month, the same dimensions), within
// what the viewer may see. Read-only over the ledger tables, one page at a time.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { ConversionRoute, ConversionType } from '../../domain/constants/ledger.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { nextMonth } from './rollup.js';
import { INVENTOR_SEPARATORS, researcherKey } from './researcher-sources.js';
import { scopeOf } from './service.js';

/** Which conversions: all, or 转让/许可/作价投资 only (the annual report's and `conversions_tle`'s). */
export const RECORD_KINDS = ['all', 'tle'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordQuery {
  from: string;
  to: string;
  kind: RecordKind;
  organisationId?: string;
  /** A unit's id, or 'none' for the conversions of results with no unit. */
  orgUnitId?: string;
  researcherId?: string;
  field?: string;
  region?: string;
  transactionType?: ConversionType;
  route?: ConversionRoute;
  page: number;
  pageSize: number;
}

export interface FigureRecord {
  conversionId: string;
  institution: { id: string; name: string };
  resultTitle: string | null;
  orgUnit: string | null;
  field: string | null;
  region: string | null;
  route: ConversionRoute;
  transactionType: ConversionType;
  counterpartyName: string;
  signedOn: string;
  amountFen: number;
  technologyAmountFen: number;
}

export async function figureRecords(
  db: DbOrTx,
  actor: Actor,
  q: RecordQuery,
): Promise<{ items: FigureRecord[]; total: number; page: number; pageSize: number }> {
  const scope = await scopeOf(db, actor);
  if (q.organisationId && scope !== 'all' && !scope.includes(q.organisationId)) {
    throw new AppError('STATS_OUT_OF_SCOPE');
  }
  const restrict = q.organisationId ? [q.organisationId] : scope;
  const where: SQL[] = [
    sql`ct.status in ('effective', 'completed')`,
    sql`ct.signed_on >= ${q.from + '-01'}::date`,
    sql`ct.signed_on < ${nextMonth(q.to + '-01')}::date`,
  ];
  if (restrict !== 'all') where.push(sql`cv.institution_id = any(${sql.param(restrict)}::uuid[])`);
  if (q.orgUnitId === 'none') where.push(sql`r.org_unit_id is null`);
  else if (q.orgUnitId) where.push(sql`r.org_unit_id = ${q.orgUnitId}::uuid`);
  if (q.field) where.push(sql`r.field = ${q.field}`);
  if (q.region) where.push(sql`i.region = ${q.region}`);
  if (q.kind === 'tle') where.push(sql`cv.transaction_type in ('transfer', 'license', 'equity')`);
  if (q.transactionType) where.push(sql`cv.transaction_type = ${q.transactionType}`);
  if (q.route) where.push(sql`cv.route = ${q.route}`);
  if (q.researcherId) {
    where.push(sql`exists (select 1 from regexp_split_to_table(r.inventors, ${sql.raw(`'${INVENTOR_SEPARATORS}'`)}) n
      where btrim(n) <> '' and ${researcherKey(sql`cv.institution_id`, sql`btrim(n)`)} = ${q.researcherId}::uuid)`);
  }
  const from = sql`conversions cv
    join contracts ct on ct.conversion_id = cv.id
    join organisations i on i.id = cv.institution_id
    left join results r on r.id = cv.result_id
    left join org_units u on u.id = r.org_unit_id`;
  const cond = sql.join(where, sql` and `);
  const { rows: count } = await db.execute<{ n: string }>(sql`select count(*)::text as n from ${from} where ${cond}`);
  const { rows } = await db.execute<{
    id: string;
    institution_id: string;
    institution_name: string;
    result_title: string | null;
    unit: string | null;
    field: string | null;
    region: string | null;
    route: ConversionRoute;
    transaction_type: ConversionType;
    counterparty_name: string;
    signed_on: string;
    amount: string;
    technology: string;
  }>(sql`
    select cv.id, cv.institution_id, i.name as institution_name, r.title as result_title, u.name as unit,
      r.field, i.region, cv.route, cv.transaction_type, cv.counterparty_name,
      to_char(ct.signed_on, 'YYYY-MM-DD') as signed_on, ct.amount_fen::text as amount,
      ct.technology_amount_fen::text as technology
    from ${from} where ${cond}
    order by ct.signed_on desc, cv.id
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return {
    items: rows.map((r) => ({
      conversionId: r.id,
      institution: { id: r.institution_id, name: r.institution_name },
      resultTitle: r.result_title,
      orgUnit: r.unit,
      field: r.field,
      region: r.region,
      route: r.route,
      transactionType: r.transaction_type,
      counterpartyName: r.counterparty_name,
      signedOn: r.signed_on,
      amountFen: Number(r.amount),
      technologyAmountFen: Number(r.technology),
    })),
    total: Number(count[0]!.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
