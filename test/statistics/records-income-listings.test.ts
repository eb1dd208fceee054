// The records behind the income and listing figures, through the API: for the same filters the
// records' count or sum equals the figure (both after a roll-up), months fall as the roll-up assigns
// them (receipt day; publication instant in Beijing time), and a department sees only the records of
// the institutions it oversees, an enterprise its own, the public none. Refusals write nothing (the
// routes are read-only: nothing to write).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auctionParticipants,
  auctions,
  claims,
  contracts,
  conversions,
  listings,
  objections,
  orgUnits,
  payments,
  results,
} from '../../db/schema/index.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, oversightMember, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let instA: Session;
let instB: Session;
let ent: Session;
let dept: Session;
let otherDept: Session;
let unitId: string;

async function result(institutionId: string, inventors: string, field: string, orgUnitId: string | null = null) {
  const [r] = await t.database.db
    .insert(results)
    .values({
      institutionId,
      title: `收入记录测试成果-${inventors}`,
      summary: '统计记录测试',
      field: field as 'new_materials',
      maturity: 'pilot',
      inventors,
      orgUnitId,
    })
    .returning({ id: results.id });
  return r!.id;
}

async function conversion(institutionId: string, resultId: string, type: 'transfer' | 'license') {
  const db = t.database.db;
  const [cv] = await db
    .insert(conversions)
    .values({
      institutionId,
      resultId,
      route: 'off_platform',
      counterpartyName: '虚构受让企业有限公司',
      counterpartyOwnership: 'private',
      transactionType: type,
      licenseScope: type === 'license' ? 'exclusive' : null,
      priceBasis: 'off_platform',
    })
    .returning({ id: conversions.id });
  await db.insert(contracts).values({
    conversionId: cv!.id,
    institutionId,
    contractType: type,
    title: '技术合同',
    sellerName: '虚构大学',
    buyerName: '虚构受让企业有限公司',
    amountFen: 1_000_000,
    technologyAmountFen: 1_000_000,
    paymentMethods: ['lump_sum'],
    signedOn: '2025-01-15',
    status: 'effective',
  });
  return cv!.id;
}

async function pay(
  conversionId: string,
  institutionId: string,
  resultId: string,
  receivedOn: string,
  amountFen: number,
) {
  await t.database.db.insert(payments).values({
    conversionId,
    institutionId,
    resultId,
    amountFen,
    receivedOn,
    payerName: '虚构受让企业有限公司',
  });
}

async function listing(
  organisationId: string,
  values: {
    kind: 'supply' | 'demand';
    resultId?: string;
    pricingMode?: 'fixed' | 'auction' | 'negotiated' | 'negotiable';
  },
  publishedAt: string | null,
) {
  const [l] = await t.database.db
    .insert(listings)
    .values({
      organisationId,
      kind: values.kind,
      resultId: values.resultId ?? null,
      pricingMode: values.pricingMode ?? null,
      priceFen: 100_000,
      title: `统计记录测试项目-${values.kind}-${values.pricingMode ?? '需求'}`,
      summary: '统计记录测试',
      field: 'new_materials',
      region: 'shenyang',
      status: publishedAt ? 'listed' : 'draft',
      publishedAt: publishedAt ? new Date(publishedAt) : null,
    })
    .returning({ id: listings.id });
  return l!.id;
}

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  operator = await createOperator(t.app, t.database.db);
  instA = await verifiedMember(t.app, operator, 'institution');
  instB = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  const db = t.database.db;
  const [unit] = await db.insert(orgUnits).values({ organisationId: instA.orgId, name: '材料学院' }).returning();
  unitId = unit!.id;
  const rA1 = await result(instA.orgId, '李华、赵强', 'new_materials', unitId);
  const rA2 = await result(instA.orgId, '王芳', 'biomedicine');
  const rB = await result(instB.orgId, '刘洋', 'new_materials');
  const cA1 = await conversion(instA.orgId, rA1, 'transfer');
  const cA2 = await conversion(instA.orgId, rA2, 'license');
  const cB = await conversion(instB.orgId, rB, 'transfer');
  // 2025 for instA: 1,000 + 2,500 (unit, 李华、赵强) + 400 元 (no unit, 王芳); the last day of 2024 is not 2025.
  await pay(cA1, instA.orgId, rA1, '2025-03-01', 100_000);
  await pay(cA1, instA.orgId, rA1, '2025-12-31', 250_000);
  await pay(cA1, instA.orgId, rA1, '2024-12-31', 99_900);
  await pay(cA2, instA.orgId, rA2, '2025-06-15', 40_000);
  await pay(cB, instB.orgId, rB, '2025-05-05', 70_000);

  // Listings: instA's fixed-price (unit) and auction (no unit) listings in 2025; a negotiated one
  // published 2026-01-01 01:00 Beijing time (still 2025 in UTC) counts in 2026; a draft never counts.
  const fixed = await listing(
    instA.orgId,
    { kind: 'supply', resultId: rA1, pricingMode: 'fixed' },
    '2025-02-01T02:00:00Z',
  );
  const auctioned = await listing(
    instA.orgId,
    { kind: 'supply', resultId: rA2, pricingMode: 'auction' },
    '2025-07-01T02:00:00Z',
  );
  await listing(instA.orgId, { kind: 'supply', resultId: rA1, pricingMode: 'negotiated' }, '2025-12-31T17:00:00Z');
  await listing(instA.orgId, { kind: 'supply', resultId: rA2, pricingMode: 'negotiable' }, null);
  await listing(instB.orgId, { kind: 'supply', resultId: rB, pricingMode: 'negotiable' }, '2025-05-01T02:00:00Z');
  const demand = await t.database.db.execute<{ id: string }>(sql`
    insert into listings (organisation_id, kind, title, summary, field, region, status, price_fen, published_at)
    values (${ent.orgId}, 'demand', '统计记录测试需求', '统计记录测试', 'new_materials', 'dalian', 'open', 500000,
      '2025-04-01T02:00:00Z') returning id`);
  expect(demand.rows).toHaveLength(1);
  // An objection (standing) and a dismissed one against the fixed listing; a claim; the auction sold.
  await db.insert(objections).values([
    {
      listingId: fixed,
      organisationId: ent.orgId,
      filedBy: ent.userId,
      reason: '价格过低',
      createdAt: new Date('2025-02-10T02:00:00Z'),
    },
    {
      listingId: fixed,
      organisationId: instB.orgId,
      filedBy: instB.userId,
      reason: '权属存疑',
      status: 'dismissed',
      dismissalReason: '权属清楚',
      createdAt: new Date('2025-02-11T02:00:00Z'),
    },
  ]);
  await db.insert(claims).values({
    listingId: fixed,
    organisationId: ent.orgId,
    claimedBy: ent.userId,
    priceFen: 100_000,
    createdAt: new Date('2025-03-01T02:00:00Z'),
  });
  // Closed and sold: the auction is written unsold first, then its winner (the leader and winner
  // columns name a participant, which names the auction).
  const [auction] = await db
    .insert(auctions)
    .values({
      listingId: auctioned,
      origin: 'direct',
      status: 'closed',
      startPriceFen: 100_000,
      incrementFen: 10_000,
      startsAt: new Date('2025-07-20T02:00:00Z'),
      initialEndsAt: new Date('2025-07-21T02:00:00Z'),
      endsAt: new Date('2025-07-21T02:00:00Z'),
      softCloseMs: 300_000,
      hashHead: '0'.repeat(64),
      aliasSecret: 'test',
      result: 'no_bids',
      closedAt: new Date('2025-07-21T02:00:00Z'),
    })
    .returning({ id: auctions.id });
  const [bidder] = await db
    .insert(auctionParticipants)
    .values({
      auctionId: auction!.id,
      organisationId: ent.orgId,
      displayName: '竞买人',
      source: 'registration',
      position: 0,
      alias: '1001',
    })
    .returning({ id: auctionParticipants.id });
  await db
    .update(auctions)
    .set({ result: 'sold', currentPriceFen: 150_000, leaderParticipantId: bidder!.id, winnerParticipantId: bidder!.id })
    .where(sql`id = ${auction!.id}`);

  dept = await oversightMember(t.app, operator, 'supervisory', [instA.orgId]);
  otherDept = await oversightMember(t.app, operator, 'supervisory', [instB.orgId]);
  await rollUp(db, { full: true });
}, 120_000);
afterAll(() => t.close());

type Figures = {
  total: { values: Record<string, number | null> };
  rows: { key: string; values: Record<string, number | null> }[];
};
type RecordPage = {
  total: number;
  sumFen: number;
  items: { institution?: { id: string }; organisation?: { id: string }; amountFen: number | null; on?: string }[];
};
const YEAR = 'from=2025-01&to=2025-12';
const figures = (s: Session, q: string) =>
  as(
    t.app,
    s,
  )({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&${q}` }).then((r) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Figures;
  });
const records = (s: Session | null, kind: 'income' | 'listings', q: string) =>
  as(t.app, s)({ method: 'GET', url: `/api/v1/stats/records/${kind}?${YEAR}&${q}&pageSize=100` });
const page = async (s: Session, kind: 'income' | 'listings', q: string) => {
  const r = await records(s, kind, q);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as RecordPage;
};

describe('the payments behind an income figure', () => {
  it('sum to the figure for the same filters, and to the hand-computed amounts', async () => {
    const zhao = (await figures(instA, 'by=researcher')).rows.find((r) => r.values.income_received === 350_000);
    expect(zhao).toBeDefined();
    const cases: [string, number, number][] = [
      ['', 390_000, 3],
      [`orgUnitId=${unitId}`, 350_000, 2],
      ['orgUnitId=none', 40_000, 1],
      ['field=biomedicine', 40_000, 1],
      [`researcherId=${zhao!.key}`, 350_000, 2],
    ];
    for (const [q, fen, count] of cases) {
      const fig = await figures(instA, q.startsWith('orgUnitId=none') ? '' : q);
      const recs = await page(instA, 'income', q);
      expect([q, recs.sumFen, recs.total]).toEqual([q, fen, count]);
      if (!q.startsWith('orgUnitId=none')) expect([q, fig.total.values.income_received]).toEqual([q, recs.sumFen]);
      expect(recs.items.reduce((s, i) => s + (i.amountFen ?? 0), 0)).toBe(recs.sumFen);
    }
    // The unit breakdown's "no unit" row and each route row agree with their records too.
    const units = await figures(instA, 'by=unit');
    for (const row of units.rows) {
      const recs = await page(instA, 'income', `orgUnitId=${row.key || 'none'}`);
      expect([row.key, recs.sumFen]).toEqual([row.key, row.values.income_received]);
    }
    for (const row of (await figures(operator, 'by=route')).rows) {
      const recs = await page(operator, 'income', `route=${row.key}`);
      expect([row.key, recs.sumFen]).toEqual([row.key, row.values.income_received]);
    }
    // The month is the receipt day's: 2024-12-31 belongs to 2024's figure.
    const r2024 = await as(
      t.app,
      instA,
    )({ method: 'GET', url: '/api/v1/stats/records/income?from=2024-12&to=2024-12' });
    expect((r2024.json() as RecordPage).sumFen).toBe(99_900);
  });

  it('a department sees only its institutions’ payments, an enterprise none of an institution’s, the public none', async () => {
    const mine = await page(dept, 'income', '');
    expect([mine.total, mine.sumFen]).toEqual([3, 390_000]);
    expect(mine.items.every((i) => i.institution!.id === instA.orgId)).toBe(true);
    expect((await figures(dept, '')).total.values.income_received).toBe(mine.sumFen);
    const theirs = await page(otherDept, 'income', '');
    expect([theirs.total, theirs.sumFen]).toEqual([1, 70_000]);
    expect((await page(operator, 'income', '')).sumFen).toBe(460_000);
    expect((await page(ent, 'income', '')).total).toBe(0);
    const out = await records(otherDept, 'income', `organisationId=${instA.orgId}`);
    expect([out.statusCode, (out.json() as { error: { code: string } }).error.code]).toEqual([
      403,
      'STATS_OUT_OF_SCOPE',
    ]);
    const other = await records(instB, 'income', `organisationId=${instA.orgId}`);
    expect(other.statusCode).toBe(403);
    expect((await records(null, 'income', '')).statusCode).toBe(401);
    expect((await records(instA, 'income', 'route=teleport')).statusCode).toBe(400);
    const backwards = await as(
      t.app,
      instA,
    )({ method: 'GET', url: '/api/v1/stats/records/income?from=2025-12&to=2025-01' });
    expect([backwards.statusCode, (backwards.json() as { error: { code: string } }).error.code]).toEqual([
      422,
      'STATS_PERIOD_INVALID',
    ]);
  });
});

describe('the records behind a listing figure', () => {
  it('count as the figure counts: published by kind and pricing mode, objections, claims, auctions', async () => {
    const fig = (await figures(instA, '')).total.values;
    const published = await page(instA, 'listings', '');
    expect(published.total).toBe(2);
    expect(fig.listings_published).toBe(published.total);
    expect((await page(instA, 'listings', 'kind=supply&pricingMode=fixed')).total).toBe(1);
    expect((await page(instA, 'listings', 'pricingMode=negotiated')).total).toBe(0);
    // Published 2026-01-01 01:00 Beijing time: January 2026's, as the roll-up counts it.
    const jan = await as(
      t.app,
      instA,
    )({ method: 'GET', url: '/api/v1/stats/records/listings?from=2026-01&to=2026-01' });
    expect((jan.json() as RecordPage).total).toBe(1);
    const unitFig = (await figures(instA, `orgUnitId=${unitId}`)).total.values;
    expect((await page(instA, 'listings', `orgUnitId=${unitId}`)).total).toBe(unitFig.listings_published);
    expect(unitFig.listings_published).toBe(1);

    expect((await page(instA, 'listings', 'event=objection')).total).toBe(fig.objections_filed);
    expect(fig.objections_filed).toBe(2);
    expect((await page(instA, 'listings', 'event=objection&outcome=standing')).total).toBe(fig.objections_standing);
    expect(fig.objections_standing).toBe(1);
    expect((await page(instA, 'listings', 'event=claim')).total).toBe(fig.claims);
    expect(fig.claims).toBe(1);
    const sold = await page(instA, 'listings', 'event=auction&outcome=sold');
    expect([sold.total, sold.sumFen]).toEqual([fig.auctions_sold, 150_000]);
    expect((await page(instA, 'listings', 'event=auction&outcome=unsold')).total).toBe(fig.auctions_unsold);
  });

  it('a department sees its institutions’ listings only, an enterprise its own demands, the public none', async () => {
    const mine = await page(dept, 'listings', '');
    expect(mine.total).toBe(2);
    expect(mine.items.every((i) => i.organisation!.id === instA.orgId)).toBe(true);
    expect((await figures(dept, '')).total.values.listings_published).toBe(2);
    const theirs = await page(otherDept, 'listings', '');
    expect(theirs.items.map((i) => i.organisation!.id)).toEqual([instB.orgId]);
    const own = await page(ent, 'listings', 'kind=demand');
    expect(own.items.map((i) => i.organisation!.id)).toEqual([ent.orgId]);
    expect((await figures(ent, '')).total.values.listings_published).toBe(1);
    expect((await page(operator, 'listings', '')).total).toBe(4);
    expect((await records(otherDept, 'listings', `organisationId=${instA.orgId}`)).statusCode).toBe(403);
    expect((await records(null, 'listings', '')).statusCode).toBe(401);
    expect((await records(instA, 'listings', 'event=bribe')).statusCode).toBe(400);
  });
});
