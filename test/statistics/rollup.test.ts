// The roll-up (server/statistics/rollup.ts) against the source tables: on random histories of
// inserts, updates and deletes, the incrementally kept cells equal what a direct count of the rows
// gives — computed here in plain TypeScript from the generated data, not by the same SQL.
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { claims, listings, objections, organisations, orgUnits, results, users } from '../../db/schema/index.js';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { monthOf } from '../../domain/statistics/periods.js';
import { rollUp, staleMonths } from '../../server/statistics/rollup.js';
import { LISTING_SOURCES } from '../../server/statistics/sources.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { creditCode } from '../helpers/factories.js';

let testDb: TestDatabase;
let database: Database;
let userId: string;
const institutions: string[] = [];
const units: string[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, 3);
  const db = database.db;
  const [user] = await db
    .insert(users)
    .values({ email: 'stats@example.test', passwordHash: 'x', displayName: '统计测试' })
    .returning();
  userId = user!.id;
  for (const [i, region] of (['shenyang', 'dalian'] as const).entries()) {
    const [org] = await db
      .insert(organisations)
      .values({
        kind: 'institution',
        name: `统计测试大学${i}`,
        creditCode: creditCode('institution'),
        region,
        institutionType: 'university',
        affiliation: 'provincial',
        verificationStatus: 'verified',
      })
      .returning();
    institutions.push(org!.id);
    const [unit] = await db.insert(orgUnits).values({ organisationId: org!.id, name: '机械工程学院' }).returning();
    units.push(unit!.id);
  }
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

// Instants around month ends in Asia/Shanghai, where a UTC-month reading would go wrong.
const instant = fc
  .record({
    month: fc.integer({ min: 0, max: 17 }),
    edge: fc.constantFrom(-3_600_000, 0, 3_600_000, 9 * 3_600_000, 15 * 86_400_000),
  })
  .map(({ month, edge }) => new Date(Date.UTC(2025, month, 1) - 8 * 3_600_000 + edge));

const listingSpec = fc.record({
  org: fc.integer({ min: 0, max: 1 }),
  unit: fc.boolean(),
  kind: fc.constantFrom('supply', 'demand'),
  pricingMode: fc.constantFrom('negotiable', 'negotiated', 'fixed', 'auction'),
  field: fc.constantFrom(...INDUSTRY_FIELDS.slice(0, 3)),
  publishedAt: fc.option(instant, { nil: null }),
  objections: fc.array(fc.record({ at: instant, status: fc.constantFrom('standing', 'withdrawn') }), {
    maxLength: 2,
  }),
  claims: fc.array(instant, { maxLength: 1 }),
});

type Change =
  | { op: 'republish'; index: number; publishedAt: Date | null }
  | { op: 'withdraw-objections'; index: number }
  | { op: 'delete-claims'; index: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ op: fc.constant('republish' as const), index: fc.nat(), publishedAt: fc.option(instant, { nil: null }) }),
  fc.record({ op: fc.constant('withdraw-objections' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('delete-claims' as const), index: fc.nat() }),
);

type Spec = typeof listingSpec extends fc.Arbitrary<infer T> ? T : never;

/** The expected cells, keyed `metric|month|organisation|unit|field|category`, straight from the specs. */
function expected(specs: Spec[]): Map<string, number> {
  const cells = new Map<string, number>();
  const add = (key: string) => cells.set(key, (cells.get(key) ?? 0) + 1);
  for (const s of specs) {
    const org = institutions[s.org]!;
    const unit = s.kind === 'supply' && s.unit ? units[s.org]! : '';
    const mode = s.kind === 'supply' ? s.pricingMode : '';
    if (s.publishedAt) add(`listing_published|${monthOf(s.publishedAt)}|${org}|${unit}|${s.field}|${s.kind}|${mode}`);
    if (s.publishedAt && s.kind === 'demand') add(`demand_published|${monthOf(s.publishedAt)}|${org}||${s.field}|`);
    for (const o of s.objections) add(`objection_filed|${monthOf(o.at)}|${org}|${unit}|${s.field}|${o.status}`);
    for (const c of s.claims) add(`claim_made|${monthOf(c)}|${org}|${unit}|${s.field}|`);
  }
  return cells;
}

async function cells(db: Database['db']): Promise<Map<string, number>> {
  const { rows } = await db.execute<{ key: string; count: string }>(sql`
    select concat_ws('|', metric, to_char(month, 'YYYY-MM-DD'), organisation_id, coalesce(org_unit_id::text, ''), field, category) as key,
      count::text
    from stat_cells`);
  return new Map(rows.map((r) => [r.key, Number(r.count)]));
}

async function insertSpec(db: Database['db'], s: Spec): Promise<string> {
  const org = institutions[s.org]!;
  let resultId: string | null = null;
  if (s.kind === 'supply') {
    const [r] = await db
      .insert(results)
      .values({
        institutionId: org,
        orgUnitId: s.unit ? units[s.org]! : null,
        title: '统计测试成果',
        summary: '用于统计测试的成果',
        field: s.field,
        maturity: 'prototype',
      })
      .returning({ id: results.id });
    resultId = r!.id;
  }
  const [l] = await db
    .insert(listings)
    .values({
      kind: s.kind,
      organisationId: org,
      resultId,
      title: '统计测试项目',
      summary: '用于统计测试的项目',
      field: s.field,
      region: s.org === 0 ? 'shenyang' : 'dalian',
      status: s.publishedAt ? 'listed' : 'draft',
      pricingMode: s.kind === 'supply' ? s.pricingMode : null,
      priceFen: s.kind === 'demand' ? 100_000 : null,
      publishedAt: s.publishedAt,
      createdBy: userId,
    })
    .returning({ id: listings.id });
  const listingId = l!.id;
  for (const [round, o] of s.objections.entries()) {
    await db.insert(objections).values({
      noticeRound: round + 1,
      listingId,
      organisationId: institutions[1 - s.org]!,
      filedBy: userId,
      reason: '价格偏低，请说明依据',
      status: o.status,
      createdAt: o.at,
    });
  }
  for (const at of s.claims) {
    await db.insert(claims).values({
      listingId,
      organisationId: institutions[1 - s.org]!,
      claimedBy: userId,
      priceFen: 100_000,
      createdAt: at,
    });
  }
  return listingId;
}

describe('statistics roll-up', () => {
  it('knows which months of which metric a mark makes stale', () => {
    const stale = staleMonths(
      LISTING_SOURCES,
      [
        { source: 'claims', month: '2026-03-01' },
        { source: 'claims', month: '2026-01-01' },
        { source: 'listings', month: '2026-02-01' },
      ],
      false,
    );
    expect(stale.get('claim_made')).toEqual(['2026-01-01', '2026-03-01']);
    expect(stale.get('listing_published')).toEqual(['2026-02-01']);
    expect(stale.get('demand_published')).toEqual(['2026-02-01']);
    expect(stale.has('objection_filed')).toBe(false);
    const all = staleMonths(LISTING_SOURCES, [{ source: 'dimensions', month: '0001-01-01' }], false);
    expect([...all.values()].every((v) => v === 'all')).toBe(true);
  });

  it('keeps cells equal to a direct count through inserts, updates and deletes', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(listingSpec, { minLength: 1, maxLength: 12 }),
        fc.array(change, { maxLength: 6 }),
        async (specs, changes) => {
          await db.execute(sql`truncate claims, objections, listings, results, stat_cells, stat_dirty cascade`);
          await rollUp(db, { full: true });
          const ids: string[] = [];
          for (const s of specs) ids.push(await insertSpec(db, s));
          await rollUp(db);
          expect(await cells(db)).toEqual(expected(specs));

          for (const c of changes) {
            const i = c.index % specs.length;
            const s = specs[i]!;
            if (c.op === 'republish') {
              await db
                .update(listings)
                .set({ publishedAt: c.publishedAt, status: c.publishedAt ? 'listed' : 'draft' })
                .where(eq(listings.id, ids[i]!));
              s.publishedAt = c.publishedAt;
            } else if (c.op === 'withdraw-objections') {
              await db.update(objections).set({ status: 'withdrawn' }).where(eq(objections.listingId, ids[i]!));
              for (const o of s.objections) o.status = 'withdrawn';
            } else {
              await db.delete(claims).where(eq(claims.listingId, ids[i]!));
              s.claims = [];
            }
          }
          const outcome = await rollUp(db);
          expect(await cells(db)).toEqual(expected(specs));
          // Nothing changed since: the next roll-up has nothing to rebuild.
          expect((await rollUp(db)).rebuilt).toBe(0);
          expect(outcome.asOf).toBeInstanceOf(Date);
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
  });

  it('rebuilds every month when a dimension changes', async () => {
    const db = database.db;
    await db.execute(sql`truncate claims, objections, listings, results, stat_cells, stat_dirty cascade`);
    const spec: Spec = {
      org: 0,
      unit: false,
      kind: 'supply',
      pricingMode: 'fixed',
      field: INDUSTRY_FIELDS[0],
      publishedAt: new Date('2025-06-10T00:00:00Z'),
      objections: [],
      claims: [],
    };
    const listingId = await insertSpec(db, spec);
    await rollUp(db);
    const [l] = await db.select().from(listings).where(eq(listings.id, listingId));
    await db.update(results).set({ orgUnitId: units[0]! }).where(eq(results.id, l!.resultId!));
    await rollUp(db);
    expect(await cells(db)).toEqual(expected([{ ...spec, unit: true }]));
  });
});
