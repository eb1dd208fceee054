// 措施二 (收益全部留归本单位): income is computed from received payments only, with the institution as
// beneficiary — per period, per result, per institution. Periods and totals are read from
// `income_days` and the open-ended list per result from `income_results`, both kept by a trigger on
// `payments` in the same transaction as each payment (db/schema/income.ts). A list per result for a
// bounded range walks the results in order of all-time income and sums only theirs (inside
// PostgreSQL: ledger_income_top_in_range, migration 0042); a roll-up per result and month would not help: one result's payments rarely share a month
// (bench:ledger: 206,358 payments in two years fell in 206,358 result-months). The results agree with
// domain/ledger-money.ts incomeByPeriod over the payments (test/statistics/income-rollup.test.ts on
// random ledgers, test/api/ledger-parties.test.ts by hand). Reused by the statistics issue.
import { sql, type SQL } from 'drizzle-orm';
import type { IncomeGranularity } from '../../domain/ledger-money.js';
import type { Db, DbOrTx } from '../../db/client.js';

export interface IncomeRange {
  /** Inclusive Shanghai days `YYYY-MM-DD`; null for open-ended. */
  from: string | null;
  to: string | null;
}

const PERIOD_SQL: Record<IncomeGranularity, SQL> = {
  year: sql.raw(`to_char(d.day, 'YYYY')`),
  quarter: sql.raw(`to_char(d.day, 'YYYY-"Q"Q')`),
  month: sql.raw(`to_char(d.day, 'YYYY-MM')`),
};

export interface IncomeRow {
  period: string;
  incomeFen: number;
  payments: number;
}

export interface IncomeByResultRow {
  resultId: string | null;
  title: string | null;
  incomeFen: number;
  payments: number;
}

/** How the walk of a bounded range goes: results looked at in its first round (each round doubles), and at most in all. */
export interface Walk {
  first: number;
  most: number;
}

/** The institution's days of income_days in the range (alias `d`). */
function daysOf(institutionId: string, range: IncomeRange): SQL {
  return sql`d.institution_id = ${institutionId}
    ${range.from ? sql`and d.day >= ${range.from}::date` : sql``}
    ${range.to ? sql`and d.day <= ${range.to}::date` : sql``}`;
}

/**
 * The `limit` largest incomes per result (result_id, income_fen, payments), largest first: open-ended
 * from income_results (read off income_results_top_idx, which holds the tie-break on result_id, so
 * nothing is sorted), for a bounded range from ledger_income_top_in_range (migration 0042), which
 * walks the results in order of all-time income and sums only theirs (docs/ledger.md).
 */
function topResults(institutionId: string, range: IncomeRange, limit: number, walk?: Walk): SQL {
  if (!range.from && !range.to) {
    return sql`select r.result_id, r.income_fen, r.payments from income_results r
      where r.institution_id = ${institutionId} order by r.income_fen desc, r.result_id limit ${limit}`;
  }
  return sql`select * from ledger_income_top_in_range(${institutionId}::uuid, ${range.from}::date, ${range.to}::date,
    ${limit}::integer${walk ? sql`, ${walk.first}::integer, ${walk.most}::bigint` : sql``})`;
}

/** An institution's income per result (a demand without a result is `resultId: null`), largest first. */
export async function incomeByResult(
  db: DbOrTx,
  institutionId: string,
  range: IncomeRange,
  { limit = 100, walk }: { limit?: number; walk?: Walk } = {},
): Promise<IncomeByResultRow[]> {
  const { rows } = await db.execute<{
    result_id: string | null;
    title: string | null;
    income_fen: string;
    payments: number;
  }>(
    sql`select t.result_id, r.title, t.income_fen::text, t.payments
      from (${topResults(institutionId, range, limit, walk)}) t left join results r on r.id = t.result_id
      order by t.income_fen desc, t.result_id`,
  );
  return rows.map((r) => ({
    resultId: r.result_id,
    title: r.title,
    incomeFen: Number(r.income_fen),
    payments: r.payments,
  }));
}

export interface IncomeReportData {
  totalFen: number;
  periods: IncomeRow[];
  byResult: IncomeByResultRow[];
}

/**
 * The income report — total and periods from the daily roll-up, the 100 largest results beside them —
 * as one statement: one round trip to one backend, and one snapshot, so the three parts always agree.
 * It was three queries in parallel on three pool connections, plus a transaction of up to ten
 * statements for the walk of a bounded range; under load each round trip waited for the app and a
 * backend to be scheduled again, and that waiting set the p95 (bench:ledger, README). Amounts are
 * summed as numeric and come back in JSON as exact integers (分 far below 2^53).
 */
export async function incomeReport(
  db: Db,
  institutionId: string,
  granularity: IncomeGranularity,
  range: IncomeRange,
): Promise<IncomeReportData> {
  const days = daysOf(institutionId, range);
  const { rows } = await db.execute<{
    total: string;
    periods: IncomeRow[] | null;
    by_result: IncomeByResultRow[] | null;
  }>(sql`
    select
      (select coalesce(sum(d.income_fen), 0)::text from income_days d where ${days}) as total,
      (select json_agg(json_build_object('period', x.period, 'incomeFen', x.fen, 'payments', x.n) order by x.period)
        from (select ${PERIOD_SQL[granularity]} as period, sum(d.income_fen) as fen, sum(d.payments) as n
          from income_days d where ${days} group by 1) x) as periods,
      (select json_agg(json_build_object('resultId', t.result_id, 'title', r.title, 'incomeFen', t.income_fen,
          'payments', t.payments) order by t.income_fen desc, t.result_id)
        from (${topResults(institutionId, range, 100)}) t left join results r on r.id = t.result_id) as by_result`);
  const row = rows[0]!;
  return { totalFen: Number(row.total), periods: row.periods ?? [], byResult: row.by_result ?? [] };
}
