// 措施四 end to end: a deal is recorded at the price its match came from, on every route to
// `matched` — the noticed agreed price (notice; window after an objection), the listed price
// (claim), the hammer price (auction). A different amount is refused with PRICE_MISMATCH, saying
// which price binds and why, and nothing is written. Real worker; the injectable clock moves the
// notice and the window, the auction helpers its own clock.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, conversions, results } from '../../db/schema/index.js';
import type { WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, bidOf, endNow, registerBidders, startNow, START_PRICE } from '../helpers/auctions.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  listingRow,
  ok,
  startTestWorkers,
  testClock,
  verifiedEnterprise,
} from '../helpers/lifecycle.js';

const HOUR = 3_600_000;
const clock = testClock();
let t: TestContext;
let worker: WorkerHandle;
let operator: Session;
let inst: Session;
let counterparty: Session;
let buyer: Session;

beforeAll(async () => {
  t = await setupTestApp(
    { NOTICE_PERIOD: 'PT1H', LISTING_PERIOD: 'PT1H', TIMER_RECONCILE_INTERVAL: 'PT1H' },
    { now: clock.now },
  );
  worker = await startTestWorkers(t, undefined, clock.now);
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  counterparty = await verifiedEnterprise(t.app, operator);
  buyer = await verifiedEnterprise(t.app, operator);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

async function pass(ms: number) {
  clock.advance(ms);
  await worker.reconcileNow();
}

const record = (listingId: string, amountFen: number) =>
  as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/listings/${listingId}/deal`,
    payload: { transactionType: 'transfer', amountFen, appraisal: 'appraised', counterpartyIsOwnSubsidiary: false },
  });

/**
 * Today any amount was accepted (1 分 converted the result). On each route: the binding price is
 * offered to the form, every other amount is refused and writes nothing, the binding one converts.
 */
async function expectBound(listingId: string, price: number, basis: string, reason: RegExp) {
  const view = await ok<{ binding: { basis: string; priceFen: number; reason: string } }>(
    as(t.app, inst)({ method: 'GET', url: `/api/v1/listings/${listingId}/deal` }),
  );
  expect(view.binding).toMatchObject({ basis, priceFen: price });
  expect(view.binding.reason).toMatch(/措施四/);
  for (const amount of [1, price - 100, price + 100, 0]) {
    const res = await record(listingId, amount);
    expect([res.statusCode, res.json().error.code], `${amount}`).toEqual([422, 'PRICE_MISMATCH']);
    expect(res.json().error.message).toMatch(reason);
    expect(res.json().error.message).toContain(view.binding.reason);
    expect(res.json().error.details).toMatchObject({ bindingPriceFen: price, basis, amountFen: amount });
  }
  expect(await t.database.db.select().from(conversions).where(eq(conversions.listingId, listingId))).toEqual([]);
  const row = await listingRow(t, listingId);
  expect(row.status).toBe('matched');
  const [result] = await t.database.db.select().from(results).where(eq(results.id, row.resultId!));
  expect(result!.status).toBe('active');

  const done = await ok<{ deal: { amountFen: number; priceBasis: string }; binding: null }>(
    record(listingId, price),
    201,
  );
  expect(done.deal).toMatchObject({ amountFen: price, priceBasis: basis });
  expect(done.binding).toBeNull();
  // The ledger is the deal's record: one conversion (route `deal`) with its contract at the bound price.
  const stored = await t.database.db
    .select({ conversion: conversions, contract: contracts })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .where(eq(conversions.listingId, listingId));
  expect(stored).toHaveLength(1);
  expect(stored[0]!.conversion).toMatchObject({ route: 'deal', boundPriceFen: price, priceBasis: basis });
  expect(stored[0]!.contract).toMatchObject({ amountFen: price, status: 'effective' });
}

const negotiated = {
  pricingMode: 'negotiated',
  priceFen: 12_000_000,
  transactionTypes: ['transfer'],
};

describe('措施四: the deal amount is bound to the price the match came from', () => {
  it('notice: the noticed agreed price, after a notice without objection', async () => {
    const l = await approvedSupply(t.app, inst, operator, { ...negotiated, counterpartyOrgId: counterparty.orgId });
    await pass(HOUR + 1000);
    expect((await listingRow(t, l.id)).matchRoute).toBe('notice');
    await expectBound(l.id, 12_000_000, 'agreed_price', /公示的协议价 12 万元.*公示期满无异议/);
  });

  it('window_agreed: the noticed agreed price, when the window after an objection ends without another claimant', async () => {
    const l = await approvedSupply(t.app, inst, operator, { ...negotiated, counterpartyOrgId: counterparty.orgId });
    await ok(
      as(
        t.app,
        buyer,
      )({
        method: 'POST',
        url: `/api/v1/listings/${l.id}/objections`,
        payload: { reason: '拟交易价格低于同类成果的市场价格' },
      }),
      201,
    );
    await pass(HOUR + 1000);
    await ok(
      as(
        t.app,
        inst,
      )({ method: 'POST', url: `/api/v1/listings/${l.id}/objection-decision`, payload: { decision: 'list' } }),
    );
    await pass(HOUR + 1000);
    expect((await listingRow(t, l.id)).matchRoute).toBe('window_agreed');
    await expectBound(l.id, 12_000_000, 'agreed_price', /半个月内无人摘牌，按协议定价交易/);
  });

  it('claim: the listed price', async () => {
    const l = await approvedSupply(t.app, inst, operator, { priceFen: 3_000_000, transactionTypes: ['transfer'] });
    await ok(as(t.app, buyer)({ method: 'POST', url: `/api/v1/listings/${l.id}/claims` }), 201);
    await pass(HOUR + 1000);
    expect((await listingRow(t, l.id)).matchRoute).toBe('claim');
    await expectBound(l.id, 3_000_000, 'listed_price', /挂牌价 3 万元.*摘牌/);
  });

  it('auction: the hammer price', async () => {
    const { listingId, auctionId } = await auctionListing(t.app, inst, operator, { transactionTypes: ['transfer'] });
    const [a, b] = await registerBidders(t.app, operator, auctionId, 2);
    await startNow(t.database.db, auctionId, 60_000);
    await ok(bidOf(t.app, a!, auctionId)(START_PRICE), 201);
    await ok(bidOf(t.app, b!, auctionId)(START_PRICE + 50_000), 201);
    expect((await endNow(t.database.db, auctionId)).closed).toBe(true);
    expect(await listingRow(t, listingId)).toMatchObject({
      matchRoute: 'auction',
      matchedPriceFen: START_PRICE + 50_000,
    });
    await expectBound(listingId, START_PRICE + 50_000, 'hammer_price', /拍卖成交价 1.05 万元/);
  });
});
