// The ledger's metrics in the roll-up: conversions by signing month while their contract is in
// force, income by receipt month, days from publication to conversion — checked on random ledgers
// against a count made here from the generated data.
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { contracts, conversions, listings, organisations, payments, results, users } from '../../db/schema/index.js';
import { calendarDaysBetween } from '../../domain/statistics/periods.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { creditCode } from '../helpers/factories.js';

let testDb: TestDatabase;
let database: Database;
let userId: string;
let institutionId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, 3);
  const [user] = await database.db
    .insert(users)
    .values({ email: 'ledger-stats@example.test', passwordHash: 'x', displayName: '统计测试' })
    .returning();
  userId = user!.id;
  const [org] = await database.db
    .insert(organisations)
    .values({
      kind: 'institution',
      name: '统计测试研究院',
      creditCode: creditCode('institution'),
      region: 'anshan',
      institutionType: 'research_institute',
      affiliation: 'provincial',
      verificationStatus: 'verified',
    })
    .returning();
  institutionId = org!.id;
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const day = fc.integer({ min: 0, max: 540 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000));
const iso = (d: Date) => d.toISOString().slice(0, 10);

const conversionSpec = fc.record({
  type: fc.constantFrom('transfer', 'license', 'equity'),
  status: fc.constantFrom('effective', 'completed', 'terminated'),
  signedOn: day,
  amountFen: fc.integer({ min: 0, max: 50_000_000 }),
  // A listing published some days before signing (the on-platform share), or none (off platform).
  publishedDaysBefore: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  payments: fc.array(fc.record({ on: day, amountFen: fc.integer({ min: 1, max: 5_000_000 }) }), { maxLength: 3 }),
});
type Spec = typeof conversionSpec extends fc.Arbitrary<infer T> ? T : never;

async function insert(db: Database['db'], s: Spec) {
  const [r] = await db
    .insert(results)
    .values({ institutionId, title: '台账统计成果', summary: '台账统计', field: 'new_materials', maturity: 'pilot' })
    .returning({ id: results.id });
  let listingId: string | null = null;
  if (s.publishedDaysBefore !== null) {
    // Published at 23:30 in Shanghai: counted on that Shanghai day, not the UTC one.
    const publishedAt = new Date(
      s.signedOn.getTime() - s.publishedDaysBefore * 86_400_000 - 30 * 60_000 - 8 * 3_600_000 + 86_400_000,
    );
    const [l] = await db
      .insert(listings)
      .values({
        kind: 'supply',
        organisationId: institutionId,
        resultId: r!.id,
        title: '台账统计项目',
        summary: '台账统计',
        field: 'new_materials',
        region: 'anshan',
        status: 'converted',
        pricingMode: 'negotiable',
        publishedAt,
        createdBy: userId,
      })
      .returning({ id: listings.id });
    listingId = l!.id;
  }
  const [cv] = await db
    .insert(conversions)
    .values({
      institutionId,
      resultId: r!.id,
      route: listingId ? 'deal' : 'off_platform',
      origin: listingId ? 'showcase' : null,
      listingId,
      counterpartyName: '虚构受让企业有限公司',
      counterpartyOwnership: 'private',
      transactionType: s.type,
      licenseScope: s.type === 'license' ? 'non_exclusive' : null,
      priceBasis: listingId ? 'negotiable' : 'off_platform',
      recordedBy: userId,
    })
    .returning({ id: conversions.id });
  await db.insert(contracts).values({
    conversionId: cv!.id,
    institutionId,
    contractType: s.type === 'license' ? 'license' : 'transfer',
    title: '技术转让合同',
    sellerName: '统计测试研究院',
    buyerName: '虚构受让企业有限公司',
    amountFen: s.amountFen,
    technologyAmountFen: Math.floor(s.amountFen / 2),
    paymentMethods: ['lump_sum'],
    signedOn: iso(s.signedOn),
    status: s.status,
    terminatedOn: s.status === 'terminated' ? iso(s.signedOn) : null,
    terminationReason: s.status === 'terminated' ? '双方协商解除' : null,
  });
  for (const p of s.payments) {
    await db.insert(payments).values({
      conversionId: cv!.id,
      institutionId,
      resultId: r!.id,
      amountFen: p.amountFen,
      receivedOn: iso(p.on),
      payerName: '虚构受让企业有限公司',
    });
  }
  return { conversionId: cv!.id, listingPublishedAt: listingId ? null : null };
}

function expected(specs: Spec[]) {
  const out = new Map<string, { count: number; amount: number }>();
  const add = (key: string, amount: number) => {
    const c = out.get(key) ?? { count: 0, amount: 0 };
    out.set(key, { count: c.count + 1, amount: c.amount + amount });
  };
  for (const s of specs) {
    const month = iso(s.signedOn).slice(0, 8) + '01';
    if (s.status !== 'terminated') {
      add(`conversion|${month}|${s.type}`, s.amountFen);
      if (s.publishedDaysBefore !== null) {
        const publishedAt = new Date(
          s.signedOn.getTime() - s.publishedDaysBefore * 86_400_000 - 30 * 60_000 - 8 * 3_600_000 + 86_400_000,
        );
        add(`days_to_conversion|${month}|${calendarDaysBetween(publishedAt, s.signedOn)}`, 0);
      }
    }
    for (const p of s.payments) add(`income_received|${iso(p.on).slice(0, 8)}01|${s.type}`, p.amountFen);
  }
  return out;
}

async function cells(db: Database['db']) {
  const { rows } = await db.execute<{ key: string; count: string; amount: string }>(sql`
    select metric || '|' || to_char(month, 'YYYY-MM-DD') || '|' ||
        case metric when 'days_to_conversion' then bucket::text else split_part(category, '|', 2) end as key,
      sum(count)::text as count, sum(amount_fen)::text as amount
    from stat_cells where metric in ('conversion', 'income_received', 'days_to_conversion')
    group by 1`);
  return new Map(rows.map((r) => [r.key, { count: Number(r.count), amount: Number(r.amount) }]));
}

describe('statistics roll-up of the ledger', () => {
  it('equals a direct count on random ledgers, through terminations and corrections', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(conversionSpec, { minLength: 1, maxLength: 8 }), fc.nat(), async (specs, pick) => {
        await db.execute(
          sql`truncate payments, contracts, conversions, listings, results, stat_cells, stat_dirty cascade`,
        );
        await rollUp(db, { full: true });
        const ids = [];
        for (const s of specs) ids.push((await insert(db, s)).conversionId);
        await rollUp(db);
        expect(await cells(db)).toEqual(expected(specs));

        // Terminate one contract and move one payment: both the old and the new months change.
        const i = pick % specs.length;
        await db
          .update(contracts)
          .set({ status: 'terminated', terminatedOn: iso(specs[i]!.signedOn), terminationReason: '双方协商解除' })
          .where(eq(contracts.conversionId, ids[i]!));
        specs[i]!.status = 'terminated';
        const moved = specs.findIndex((s) => s.payments.length > 0);
        if (moved >= 0) {
          await db.update(payments).set({ receivedOn: '2026-11-30' }).where(eq(payments.conversionId, ids[moved]!));
          for (const p of specs[moved]!.payments) p.on = new Date('2026-11-30T00:00:00Z');
        }
        await rollUp(db);
        expect(await cells(db)).toEqual(expected(specs));
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
