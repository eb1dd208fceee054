// 措施二 (收益全部留归本单位): income is computed from received payments only, with the institution as
// beneficiary — per period, per result, per institution. The SQL agrees with domain/ledger-money.ts
// incomeByPeriod (test/ledger/income.test.ts holds them together). Reused by the statistics issue.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { IncomeGranularity } from '../../domain/ledger-money.js';
import type { DbOrTx } from '../../db/client.js';
import { payments, results } from '../../db/schema/index.js';

export interface IncomeRange {
  /** Inclusive Shanghai days `YYYY-MM-DD`; null for open-ended. */
  from: string | null;
  to: string | null;
}

function inRange(range: IncomeRange): SQL[] {
  const c: SQL[] = [];
  if (range.from) c.push(gte(payments.receivedOn, range.from));
  if (range.to) c.push(lte(payments.receivedOn, range.to));
  return c;
}

const PERIOD_SQL: Record<IncomeGranularity, SQL<string>> = {
  year: sql<string>`to_char(${payments.receivedOn}, 'YYYY')`,
  quarter: sql<string>`to_char(${payments.receivedOn}, 'YYYY-"Q"Q')`,
  month: sql<string>`to_char(${payments.receivedOn}, 'YYYY-MM')`,
};

export interface IncomeRow {
  period: string;
  incomeFen: number;
  payments: number;
}

/** An institution's income per period, oldest first (index payments_institution_received_idx). */
export async function incomeByPeriod(
  db: DbOrTx,
  institutionId: string,
  granularity: IncomeGranularity,
  range: IncomeRange,
): Promise<IncomeRow[]> {
  const period = PERIOD_SQL[granularity];
  const rows = await db
    .select({ period, fen: sql<string>`sum(${payments.amountFen})`, n: sql<number>`count(*)::int` })
    .from(payments)
    .where(and(eq(payments.institutionId, institutionId), ...inRange(range)))
    .groupBy(period)
    .orderBy(period);
  return rows.map((r) => ({ period: r.period, incomeFen: Number(r.fen), payments: r.n }));
}

/** An institution's income per result (a demand without a result is `resultId: null`), largest first. */
export async function incomeByResult(db: DbOrTx, institutionId: string, range: IncomeRange, limit = 100) {
  const rows = await db
    .select({
      resultId: payments.resultId,
      title: results.title,
      fen: sql<string>`sum(${payments.amountFen})`,
      n: sql<number>`count(*)::int`,
    })
    .from(payments)
    .leftJoin(results, eq(results.id, payments.resultId))
    .where(and(eq(payments.institutionId, institutionId), ...inRange(range)))
    .groupBy(payments.resultId, results.title)
    .orderBy(desc(sql`sum(${payments.amountFen})`))
    .limit(limit);
  return rows.map((r) => ({ resultId: r.resultId, title: r.title, incomeFen: Number(r.fen), payments: r.n }));
}

/** Total income of an institution in a range. */
export async function incomeTotal(db: DbOrTx, institutionId: string, range: IncomeRange): Promise<number> {
  const [r] = await db
    .select({ fen: sql<string>`coalesce(sum(${payments.amountFen}), 0)` })
    .from(payments)
    .where(and(eq(payments.institutionId, institutionId), ...inRange(range)));
  return Number(r!.fen);
}
