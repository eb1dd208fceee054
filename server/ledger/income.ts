// 措施二 (收益全部留归本单位): income is computed from received payments only, with the institution as
// beneficiary — per period, per result, per institution. Periods and totals are read from
// `income_days` and the open-ended list per result from `income_results`, both kept by a trigger on
// `payments` in the same transaction as each payment (db/schema/income.ts). A list per result for a
// bounded range walks the results in order of all-time income and sums only theirs (largestInRange);
// a roll-up per result and month would not help: one result's payments rarely share a month
// (bench:ledger: 206,358 payments in two years fell in 206,358 result-months). The results agree with
// domain/ledger-money.ts incomeByPeriod over the payments (test/statistics/income-rollup.test.ts on
// random ledgers, test/api/ledger-parties.test.ts by hand). Reused by the statistics issue.
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { IncomeGranularity } from '../../domain/ledger-money.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { incomeDays, incomeResults, payments, results } from '../../db/schema/index.js';

export interface IncomeRange {
  /** Inclusive Shanghai days `YYYY-MM-DD`; null for open-ended. */
  from: string | null;
  to: string | null;
}

function daysIn(range: IncomeRange): SQL[] {
  const c: SQL[] = [];
  if (range.from) c.push(gte(incomeDays.day, range.from));
  if (range.to) c.push(lte(incomeDays.day, range.to));
  return c;
}

const PERIOD_SQL: Record<IncomeGranularity, SQL<string>> = {
  year: sql<string>`to_char(${incomeDays.day}, 'YYYY')`,
  quarter: sql<string>`to_char(${incomeDays.day}, 'YYYY-"Q"Q')`,
  month: sql<string>`to_char(${incomeDays.day}, 'YYYY-MM')`,
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

/** An institution's income per period, oldest first (from the daily roll-up). */
export async function incomeByPeriod(
  db: DbOrTx,
  institutionId: string,
  granularity: IncomeGranularity,
  range: IncomeRange,
): Promise<IncomeRow[]> {
  const period = PERIOD_SQL[granularity];
  const rows = await db
    .select({ period, fen: sql<string>`sum(${incomeDays.incomeFen})`, n: sql<string>`sum(${incomeDays.payments})` })
    .from(incomeDays)
    .where(and(eq(incomeDays.institutionId, institutionId), ...daysIn(range)))
    .groupBy(period)
    .orderBy(period);
  return rows.map((r) => ({ period: r.period, incomeFen: Number(r.fen), payments: Number(r.n) }));
}

/** An institution's income per result (a demand without a result is `resultId: null`), largest first. */
export async function incomeByResult(
  db: DbOrTx,
  institutionId: string,
  range: IncomeRange,
  { limit = 100, walk }: { limit?: number; walk?: Walk } = {},
): Promise<IncomeByResultRow[]> {
  if (!range.from && !range.to) {
    // Open-ended: the all-time totals kept per result, the first `limit` read off income_results_top_idx.
    const rows = await db
      .select({
        resultId: incomeResults.resultId,
        title: results.title,
        fen: incomeResults.incomeFen,
        n: incomeResults.payments,
      })
      .from(incomeResults)
      .leftJoin(results, eq(results.id, incomeResults.resultId))
      .where(eq(incomeResults.institutionId, institutionId))
      .orderBy(desc(incomeResults.incomeFen), incomeResults.resultId)
      .limit(limit);
    return rows.map((r) => ({ resultId: r.resultId, title: r.title, incomeFen: r.fen, payments: r.n }));
  }
  const walked = await largestInRange(
    db,
    institutionId,
    range,
    limit,
    walk ?? (await walkFor(db, institutionId, range)),
  );
  const top = walked ?? (await sumAllInRange(db, institutionId, range, limit));
  const ids = top.flatMap((r) => (r.resultId ? [r.resultId] : []));
  const titles = new Map(
    ids.length
      ? (await db.select({ id: results.id, title: results.title }).from(results).where(inArray(results.id, ids))).map(
          (r) => [r.id, r.title],
        )
      : [],
  );
  return top.map((r) => ({ ...r, title: r.resultId ? (titles.get(r.resultId) ?? null) : null }));
}

type RangedRow = Omit<IncomeByResultRow, 'title'>;

/** Largest income first, then by result id with the result-less line last (as PostgreSQL orders them). */
function byIncome(a: RangedRow, b: RangedRow): number {
  if (a.incomeFen !== b.incomeFen) return b.incomeFen - a.incomeFen;
  if (a.resultId === b.resultId) return 0;
  if (a.resultId === null) return 1;
  if (b.resultId === null) return -1;
  return a.resultId < b.resultId ? -1 : 1;
}

function rangeConditions(range: IncomeRange): SQL[] {
  const c: SQL[] = [];
  if (range.from) c.push(gte(payments.receivedOn, range.from));
  if (range.to) c.push(lte(payments.receivedOn, range.to));
  return c;
}

/** How the walk goes: results looked at in its first round (each round doubles), and at most in all. */
export interface Walk {
  first: number;
  most: number;
}

/**
 * The walk's budget for a range: looking one result up costs about what summing a handful of
 * payments does (an index descent against a few index entries), so the walk gives up once it has
 * looked at a fifth as many results as the range has payments (counted from income_days) — by then
 * summing the range is the cheaper way.
 */
async function walkFor(db: DbOrTx, institutionId: string, range: IncomeRange): Promise<Walk> {
  const [r] = await db
    .select({ n: sql<string>`coalesce(sum(${incomeDays.payments}), 0)` })
    .from(incomeDays)
    .where(and(eq(incomeDays.institutionId, institutionId), ...daysIn(range)));
  return { first: 500, most: Math.floor(Number(r!.n) / 5) };
}

/**
 * The `limit` largest incomes of a bounded range without summing every payment in it: a result's
 * income in any range is at most its all-time income (income_results), so the results are taken in
 * order of all-time income, in rounds of `walk.first`, twice that, and so on, their payments in the
 * range summed (index-only on payments_result_received_idx), and the walk stops once the all-time
 * income of the last result looked at is below the smallest of the `limit` best found — none of the
 * rest can enter (an equal one could, on the tie-break by result id, so the walk goes on past
 * equals). Exact. Null once `walk.most` results were looked at without stopping (a range in which
 * the largest earners earned little), for the caller to sum the range instead. Reads income_results
 * and payments in one snapshot (the caller's transaction).
 */
async function largestInRange(
  db: DbOrTx,
  institutionId: string,
  range: IncomeRange,
  limit: number,
  walk: Walk,
): Promise<RangedRow[] | null> {
  const inRange = sql.join(
    [
      sql`p.institution_id = ${institutionId}`,
      ...(range.from ? [sql`p.received_on >= ${range.from}::date`] : []),
      ...(range.to ? [sql`p.received_on <= ${range.to}::date`] : []),
    ],
    sql` and `,
  );
  let best: RangedRow[] = [];
  for (let seen = 0, batch = walk.first; seen < walk.most; seen += batch, batch *= 2) {
    // One statement a round: the round's results by all-time income, what each received in the range
    // (a look-up per result on payments_result_received_idx; the result-less line, if among them,
    // apart, as equality never matches null), and only the round's `limit` best back to the app.
    const { rows } = await db.execute<{
      taken: number;
      last: string | null;
      result_id: string | null;
      fen: string | null;
      n: number | null;
    }>(sql`
      with c as (
        select result_id, income_fen from income_results where institution_id = ${institutionId}
        order by income_fen desc, result_id limit ${batch} offset ${seen}),
      s as (
        select c.result_id, x.fen, x.n from c cross join lateral (
          select sum(p.amount_fen) as fen, count(*)::int as n from payments p
          where p.result_id = c.result_id and ${inRange}) x
        where x.n > 0
        union all
        select null, sum(p.amount_fen), count(*)::int from payments p
        where p.result_id is null and ${inRange} and exists (select 1 from c where c.result_id is null)
        having count(*) > 0),
      top as (select * from s order by fen desc, result_id limit ${limit})
      select (select count(*)::int from c) as taken, (select min(income_fen)::text from c) as last,
        top.result_id, top.fen::text, top.n
      from (select 1) one left join top on true`);
    const taken = rows[0]!.taken;
    if (taken === 0) return best;
    const found = rows.flatMap((r) =>
      r.n ? [{ resultId: r.result_id, incomeFen: Number(r.fen), payments: r.n }] : [],
    );
    best = [...best, ...found].sort(byIncome).slice(0, limit);
    if (taken < batch) return best;
    if (best.length === limit && Number(rows[0]!.last) < best[limit - 1]!.incomeFen) return best;
  }
  return null;
}

/** The `limit` largest incomes of a range, summing every payment of the institution in it. */
async function sumAllInRange(
  db: DbOrTx,
  institutionId: string,
  range: IncomeRange,
  limit: number,
): Promise<RangedRow[]> {
  const rows = await db
    .select({
      resultId: payments.resultId,
      fen: sql<string>`sum(${payments.amountFen})`,
      n: sql<number>`count(*)::int`,
    })
    .from(payments)
    .where(and(eq(payments.institutionId, institutionId), ...rangeConditions(range)))
    .groupBy(payments.resultId)
    .orderBy(desc(sql`sum(${payments.amountFen})`), payments.resultId)
    .limit(limit);
  return rows.map((r) => ({ resultId: r.resultId, incomeFen: Number(r.fen), payments: r.n }));
}

/** Total income of an institution in a range. */
export async function incomeTotal(db: DbOrTx, institutionId: string, range: IncomeRange): Promise<number> {
  const [r] = await db
    .select({ fen: sql<string>`coalesce(sum(${incomeDays.incomeFen}), 0)` })
    .from(incomeDays)
    .where(and(eq(incomeDays.institutionId, institutionId), ...daysIn(range)));
  return Number(r!.fen);
}

export interface IncomeReportData {
  totalFen: number;
  periods: IncomeRow[];
  byResult: IncomeByResultRow[];
}

/**
 * The income report: periods and total from the daily roll-up, the list per result beside them (three
 * queries in parallel, as before the roll-ups). Only the list per result for a bounded range reads the
 * payments: in one read-only snapshot (the walk of largestInRange reads income_results and payments
 * in several statements), with JIT off — its cost estimate for a large institution crosses the JIT
 * threshold, and compiling costs more than the query saves at this size.
 */
export async function incomeReport(
  db: Db,
  institutionId: string,
  granularity: IncomeGranularity,
  range: IncomeRange,
): Promise<IncomeReportData> {
  const ranged = range.from !== null || range.to !== null;
  const [periods, byResult, totalFen] = await Promise.all([
    incomeByPeriod(db, institutionId, granularity, range),
    ranged
      ? db.transaction(
          async (tx) => {
            await tx.execute(sql`set local jit = off`);
            // If the walk gives up and every payment of the range is summed: one group per result
            // (73,000 for the bench's large institution over two years) in memory, where the default
            // work_mem spilled the hash aggregate to disk in five batches.
            await tx.execute(sql`set local work_mem = '32MB'`);
            return incomeByResult(tx, institutionId, range);
          },
          { isolationLevel: 'repeatable read', accessMode: 'read only' },
        )
      : incomeByResult(db, institutionId, range),
    incomeTotal(db, institutionId, range),
  ]);
  return { totalFen, periods, byResult };
}
