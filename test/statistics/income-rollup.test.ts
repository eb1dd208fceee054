// 措施二 income roll-ups (income_days, income_results; migration 0034's trigger) against the direct
// computation: on random sequences of payments written, moved between days, results and
// institutions, re-valued and removed, the roll-up rows equal the payments grouped here, and the
// income report (server/ledger/income.ts) equals domain/ledger-money.ts's incomeByPeriod over the
// payments, for random ranges — open-ended ones read the roll-ups, bounded ones walk the results by
// all-time income (or sum the range when the walk gives up), with short lists and short walks too.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { contracts, conversions, organisations, payments, results, users } from '../../db/schema/index.js';
import { incomeByPeriod as referenceByPeriod, INCOME_GRANULARITIES } from '../../domain/ledger-money.js';
import { incomeByResult, incomeReport, type IncomeRange } from '../../server/ledger/income.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { creditCode } from '../helpers/factories.js';

let testDb: TestDatabase;
let database: Database;
/** Two institutions with four conversions each; payments of the last carry no result (a demand's). */
const institutions: { id: string; conversions: { id: string; resultId: string | null }[] }[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, 4);
  const { db } = database;
  const [user] = await db
    .insert(users)
    .values({ email: 'income-rollup@example.test', passwordHash: 'x', displayName: '收入汇总测试' })
    .returning();
  for (const name of ['收入汇总测试大学', '收入汇总测试研究院']) {
    const [org] = await db
      .insert(organisations)
      .values({
        kind: 'institution',
        name,
        creditCode: creditCode('institution'),
        region: 'shenyang',
        institutionType: 'university',
        affiliation: 'provincial',
        verificationStatus: 'verified',
      })
      .returning();
    const entry = { id: org!.id, conversions: [] as { id: string; resultId: string | null }[] };
    for (let k = 0; k < 4; k++) {
      const [r] = await db
        .insert(results)
        .values({
          institutionId: org!.id,
          title: `收入成果${k}`,
          summary: '收入汇总',
          field: 'new_materials',
          maturity: 'pilot',
        })
        .returning({ id: results.id });
      const [cv] = await db
        .insert(conversions)
        .values({
          institutionId: org!.id,
          resultId: r!.id,
          route: 'off_platform',
          counterpartyName: '虚构受让企业有限公司',
          counterpartyOwnership: 'private',
          transactionType: 'transfer',
          priceBasis: 'off_platform',
          recordedBy: user!.id,
        })
        .returning({ id: conversions.id });
      await db.insert(contracts).values({
        conversionId: cv!.id,
        institutionId: org!.id,
        contractType: 'transfer',
        title: '技术合同',
        sellerName: name,
        buyerName: '虚构受让企业有限公司',
        amountFen: 100_000_000,
        technologyAmountFen: 100_000_000,
        paymentMethods: ['instalments'],
        signedOn: '2024-01-02',
        status: 'effective',
      });
      // The last one's payments carry no result, as a demand's development contract without one does.
      entry.conversions.push({ id: cv!.id, resultId: k < 3 ? r!.id : null });
    }
    institutions.push(entry);
  }
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

// Days over three calendar years, so months, quarters and years all have several buckets.
const dayArb = fc.integer({ min: 0, max: 3 * 366 }).map((d) => new Date(Date.UTC(2024, 0, 2) + d * 86_400_000));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const place = fc.record({ institution: fc.nat(1), conversion: fc.nat(3), on: dayArb });

const command = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: place,
      amountFen: fc.integer({ min: 1, max: 9_000_000 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ op: fc.constant('move' as const), pick: fc.nat(), to: place }), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant('revalue' as const),
      pick: fc.nat(),
      amountFen: fc.integer({ min: 1, max: 9_000_000 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }), weight: 2 },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const rangeArb = fc
  .record({ from: fc.option(dayArb, { nil: null }), to: fc.option(dayArb, { nil: null }) })
  .map(({ from, to }): IncomeRange => {
    const [a, b] = from && to && from > to ? [to, from] : [from, to];
    return { from: a ? iso(a) : null, to: b ? iso(b) : null };
  });

async function apply(c: Command, ids: string[]) {
  const { db } = database;
  const where = (pick: number) => sql`id = ${ids[pick % ids.length]!}`;
  const target = (at: { institution: number; conversion: number; on: Date }) => {
    const inst = institutions[at.institution]!;
    const cv = inst.conversions[at.conversion]!;
    return { conversionId: cv.id, institutionId: inst.id, resultId: cv.resultId, receivedOn: iso(at.on) };
  };
  switch (c.op) {
    case 'insert': {
      const [p] = await db
        .insert(payments)
        .values({ ...target(c.at), amountFen: c.amountFen, payerName: '虚构受让企业有限公司' })
        .returning({ id: payments.id });
      ids.push(p!.id);
      return;
    }
    case 'move': {
      if (!ids.length) return;
      const t = target(c.to);
      // A correction by hand: the payment belonged to another contract, day or institution.
      await db.execute(sql`update payments set conversion_id = ${t.conversionId}, institution_id = ${t.institutionId},
        result_id = ${t.resultId}, received_on = ${t.receivedOn}::date where ${where(c.pick)}`);
      return;
    }
    case 'revalue':
      if (ids.length) await db.execute(sql`update payments set amount_fen = ${c.amountFen} where ${where(c.pick)}`);
      return;
    case 'delete': {
      if (!ids.length) return;
      const i = c.pick % ids.length;
      await db.execute(sql`delete from payments where id = ${ids[i]!}`);
      ids.splice(i, 1);
      return;
    }
  }
}

/** Both roll-ups beside the same grouping computed here from the payments. */
async function rollupsAndDirect() {
  const { db } = database;
  const q = async (s: ReturnType<typeof sql>) => (await db.execute<Record<string, string>>(s)).rows;
  return {
    days: await q(
      sql`select institution_id, day::text, income_fen::text, payments::text from income_days order by 1, 2`,
    ),
    daysDirect: await q(sql`select institution_id, received_on::text as day, sum(amount_fen)::text as income_fen,
      count(*)::text as payments from payments group by 1, 2 order by 1, 2`),
    results: await q(sql`select institution_id, result_id, income_fen::text, payments::text from income_results
      order by 1, 2 nulls first`),
    resultsDirect: await q(sql`select institution_id, result_id, sum(amount_fen)::text as income_fen,
      count(*)::text as payments from payments group by 1, 2 order by 1, 2 nulls first`),
  };
}

/** The report computed here from the institution's payments (the direct computation). */
async function directReport(
  institutionId: string,
  granularity: (typeof INCOME_GRANULARITIES)[number],
  range: IncomeRange,
) {
  const { rows } = await database.db.execute<{ amount_fen: string; received_on: string; result_id: string | null }>(
    sql`select amount_fen::text, received_on::text, result_id from payments where institution_id = ${institutionId}`,
  );
  const inRange = rows
    .map((r) => ({ amountFen: Number(r.amount_fen), receivedOn: r.received_on, resultId: r.result_id }))
    .filter((p) => (!range.from || p.receivedOn >= range.from) && (!range.to || p.receivedOn <= range.to));
  const byResult = new Map<string | null, { incomeFen: number; payments: number }>();
  for (const p of inRange) {
    const r = byResult.get(p.resultId) ?? { incomeFen: 0, payments: 0 };
    byResult.set(p.resultId, { incomeFen: r.incomeFen + p.amountFen, payments: r.payments + 1 });
  }
  return {
    totalFen: inRange.reduce((n, p) => n + p.amountFen, 0),
    periods: referenceByPeriod(inRange, granularity),
    byResult: [...byResult]
      .map(([resultId, v]) => ({ resultId, ...v }))
      // Largest first, then by result id with the result-less line last (PostgreSQL's nulls last).
      .sort(
        (a, b) =>
          b.incomeFen - a.incomeFen ||
          (a.resultId === b.resultId
            ? 0
            : a.resultId === null
              ? 1
              : b.resultId === null
                ? -1
                : a.resultId < b.resultId
                  ? -1
                  : 1),
      ),
  };
}

describe('措施二: the income roll-ups equal the direct computation', () => {
  it('through random payments written, moved, re-valued and removed, for random ranges', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.record({
            institution: fc.nat(1),
            granularity: fc.constantFrom(...INCOME_GRANULARITIES),
            range: rangeArb,
            // A short list walked a few results at a time: the walk's stopping rule and its
            // fallback (when the rounds run out) are both reached on these small ledgers.
            limit: fc.integer({ min: 1, max: 3 }),
            walk: fc.record({ first: fc.integer({ min: 1, max: 3 }), most: fc.integer({ min: 0, max: 12 }) }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (commands, reports) => {
          await db.execute(sql`delete from payments`);
          const ids: string[] = [];
          for (const c of commands) await apply(c, ids);

          const r = await rollupsAndDirect();
          expect(r.days).toEqual(r.daysDirect);
          expect(r.results).toEqual(r.resultsDirect);

          for (const { institution, granularity, range, limit, walk } of reports) {
            const id = institutions[institution]!.id;
            const report = await incomeReport(db, id, granularity, range);
            const direct = await directReport(id, granularity, range);
            expect(report.totalFen).toBe(direct.totalFen);
            expect(report.periods).toEqual(direct.periods);
            expect(
              report.byResult.map(({ resultId, incomeFen, payments: n }) => ({ resultId, incomeFen, payments: n })),
            ).toEqual(direct.byResult);
            const short = await db.transaction((tx) => incomeByResult(tx, id, range, { limit, walk }), {
              isolationLevel: 'repeatable read',
              accessMode: 'read only',
            });
            expect(short.map(({ resultId, incomeFen, payments: n }) => ({ resultId, incomeFen, payments: n }))).toEqual(
              direct.byResult.slice(0, limit),
            );
          }
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });
});

describe('措施二: the income list per result for a period walks the largest earners', () => {
  it('goes on past a large earner that earned little in the period, and falls back when the rounds run out', async () => {
    const { db } = database;
    await db.execute(sql`delete from payments`);
    const inst = institutions[0]!;
    const pay = (k: number, amountFen: number, receivedOn: string) =>
      db.insert(payments).values({
        conversionId: inst.conversions[k]!.id,
        institutionId: inst.id,
        resultId: inst.conversions[k]!.resultId,
        amountFen,
        receivedOn,
        payerName: '虚构受让企业有限公司',
      });
    // A: 100 all-time, 40 of it in 2025; B: 90 all-time, all in 2025; C: 5.
    await pay(0, 60, '2024-02-01');
    await pay(0, 40, '2025-06-01');
    await pay(1, 90, '2025-06-02');
    await pay(2, 5, '2025-07-01');
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const read = (walk: { first: number; most: number }) =>
      db.transaction((tx) => incomeByResult(tx, inst.id, year, { limit: 1, walk }), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      });
    const expected = [{ resultId: inst.conversions[1]!.resultId, incomeFen: 90, payments: 1 }];
    // One result in the first round: A (40 in the year) cannot stop the walk while A's all-time 100 exceeds it.
    expect(await read({ first: 1, most: 8 })).toMatchObject(expected);
    // Out of budget after A: the walk gives up and the year's payments are summed.
    expect(await read({ first: 1, most: 1 })).toMatchObject(expected);
  });
});
