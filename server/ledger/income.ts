// 措施二 (收益全部留归本单位): income is computed from received payments only, with the institution as
// beneficiary — per period, per result, per institution. Periods and totals are read from
// `income_days` and the open-ended list per result from `income_results`, both kept by a trigger on
// `payments` in the same transaction as each payment (db/schema/income.ts); a list per result for a
// bounded range sums the payments themselves (index-only, JIT off, hashed in memory): payments of
// one result rarely share a month (bench:ledger: 206,358 payments in two years fell in 206,358
// result-months), so a roll-up per result and month would hold as many rows as it saved reading. The results agree with domain/ledger-money.ts
// incomeByPeriod over the payments (test/api/ledger-parties.test.ts holds them together). Reused by
// the statistics issue.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
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
  limit = 100,
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
  const where: SQL[] = [eq(payments.institutionId, institutionId)];
  if (range.from) where.push(gte(payments.receivedOn, range.from));
  if (range.to) where.push(lte(payments.receivedOn, range.to));
  // Grouped before the join, so only the largest `limit` results are looked up for their titles.
  const top = db
    .select({
      resultId: payments.resultId,
      fen: sql<string>`sum(${payments.amountFen})`.as('fen'),
      n: sql<number>`count(*)::int`.as('n'),
    })
    .from(payments)
    .where(and(...where))
    .groupBy(payments.resultId)
    .orderBy(desc(sql`sum(${payments.amountFen})`), payments.resultId)
    .limit(limit)
    .as('top');
  const rows = await db
    .select({ resultId: top.resultId, title: results.title, fen: top.fen, n: top.n })
    .from(top)
    .leftJoin(results, eq(results.id, top.resultId))
    .orderBy(desc(top.fen), top.resultId);
  return rows.map((r) => ({ resultId: r.resultId, title: r.title, incomeFen: Number(r.fen), payments: r.n }));
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
 * payments; it runs with JIT off — its cost estimate for a large institution crosses the JIT
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
            // One group per result with payments in the range (73,000 for the bench's large
            // institution over two years): in memory, where the default work_mem spilled the hash
            // aggregate to disk in five batches.
            await tx.execute(sql`set local work_mem = '32MB'`);
            return incomeByResult(tx, institutionId, range);
          },
          { accessMode: 'read only' },
        )
      : incomeByResult(db, institutionId, range),
    incomeTotal(db, institutionId, range),
  ]);
  return { totalFen, periods, byResult };
}
