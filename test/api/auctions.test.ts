// The auction over HTTP: approval creates it, enterprises register, deposits gate bidding, every
// bid rule answers with its code, idempotency keys replay the first answer, the soft close moves
// the end, the close moves the listing, and the record verifies.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../domain/auction-chain.js';
import { noSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
import { startAuction } from '../../server/auctions/timers.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  auctionListing,
  bidOf,
  endNow,
  INCREMENT,
  registerBidders,
  setEnd,
  START_PRICE,
  startNow,
} from '../helpers/auctions.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', AUCTION_DURATION: 'PT1H', LOG_LEVEL: 'error' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

describe('an auction-priced listing', () => {
  it('gets a scheduled auction at approval with the listed price and the default increment', async () => {
    const { listingId, auctionId } = await auctionListing(t.app, institution, operator);
    const listing = (await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listingId}` })).json();
    expect(listing.status).toBe('auction');
    const res = await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` });
    expect(res.statusCode).toBe(200);
    const a = res.json().auction;
    expect(a).toMatchObject({
      status: 'scheduled',
      origin: 'direct',
      startPriceFen: START_PRICE,
      incrementFen: INCREMENT,
      hasReserve: false,
      seq: 0,
      currentPriceFen: null,
      nextMinimumFen: START_PRICE,
      participantCount: 0,
    });
    expect(Date.parse(a.startsAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(res.json().reservePriceFen).toBeUndefined();
  });

  it('lets the seller set a hidden reserve before the start, shown to the seller and operators only', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const set = await as(
      t.app,
      institution,
    )({
      method: 'PATCH',
      url: `/api/v1/auctions/${auctionId}`,
      payload: { reservePriceFen: 1_500_000, incrementFen: 50_000 },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().reservePriceFen).toBe(1_500_000);
    expect(set.json().auction).toMatchObject({ hasReserve: true, incrementFen: 50_000 });
    const asOperator = (await as(t.app, operator)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json();
    expect(asOperator.reservePriceFen).toBe(1_500_000);
    const enterprise = await verifiedMember(t.app, operator, 'enterprise');
    const asBidder = (await as(t.app, enterprise)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json();
    expect(asBidder.reservePriceFen).toBeUndefined();
    expect(JSON.stringify(asBidder)).not.toContain('1500000');
  });
});

describe('registration and deposits', () => {
  it('registers verified enterprises once each, before the start, and never the seller', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const [b] = await registerBidders(t.app, operator, auctionId, 1);
    expect(b!.alias).toMatch(/^[A-HJ-NP-Z][1-9]\d{3}$/);
    const again = await as(t.app, b!)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/registrations` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('AUCTION_ALREADY_REGISTERED');
    const seller = await as(t.app, institution)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/registrations` });
    expect(seller.statusCode).toBe(403);
    await startNow(t.database.db, auctionId, 60_000);
    const late = await verifiedMember(t.app, operator, 'enterprise');
    const res = await as(t.app, late)({ method: 'POST', url: `/api/v1/auctions/${auctionId}/registrations` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('AUCTION_REGISTRATION_CLOSED');
  });

  it('lets a participant bid only after an operator confirmed the required deposit', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const [b] = await registerBidders(t.app, operator, auctionId, 1);
    const op = as(t.app, operator);
    expect(
      (await op({ method: 'PUT', url: `/api/v1/auctions/${auctionId}/deposit`, payload: { depositFen: 100_000 } }))
        .statusCode,
    ).toBe(200);
    const parts = (await op({ method: 'GET', url: `/api/v1/auctions/${auctionId}/participants` })).json().items;
    // Before the close, operators see organisations (to confirm deposits) but not which alias is whose.
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({
      alias: null,
      organisationId: b!.orgId,
      depositRequired: true,
      depositFen: 100_000,
    });
    const sellerView = (
      await as(t.app, institution)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/participants` })
    ).json().items;
    expect(sellerView[0]).toMatchObject({ alias: b!.alias, organisationId: null, displayName: null });

    await startNow(t.database.db, auctionId, 60_000);
    const refused = await bidOf(t.app, b!, auctionId)(START_PRICE);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DEPOSIT_NOT_CONFIRMED');
    const confirm = await op({
      method: 'POST',
      url: `/api/v1/auctions/${auctionId}/participants/${parts[0].id}/deposit-confirmation`,
    });
    expect(confirm.statusCode).toBe(200);
    expect((await bidOf(t.app, b!, auctionId)(START_PRICE)).statusCode).toBe(201);
  });
});

describe('bidding', () => {
  let auctionId: string;
  let listingId: string;
  let a: Session & { alias: string }, b: Session & { alias: string };
  let outsider: Session;

  beforeAll(async () => {
    ({ auctionId, listingId } = await auctionListing(t.app, institution, operator));
    [a, b] = (await registerBidders(t.app, operator, auctionId, 2)) as unknown as [typeof a, typeof b];
    outsider = await verifiedMember(t.app, operator, 'enterprise');
  });

  it('refuses bids before the start', async () => {
    const res = await bidOf(t.app, a, auctionId)(START_PRICE);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'AUCTION_NOT_STARTED', message: '拍卖尚未开始' });
  });

  it('applies the rules: start price first, then current + increment, no outbidding oneself, participants only', async () => {
    await startNow(t.database.db, auctionId, 10 * 60_000);
    const bidA = bidOf(t.app, a, auctionId);
    const bidB = bidOf(t.app, b, auctionId);

    const low = await bidA(START_PRICE - 1);
    expect(low.statusCode).toBe(409);
    expect(low.json().error).toMatchObject({
      code: 'BID_TOO_LOW',
      message: '出价过低',
      details: { minimumFen: START_PRICE },
    });

    const first = await bidA(START_PRICE);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ accepted: true, bid: { seq: 1, bidder: a.alias, amount: START_PRICE } });
    expect(first.json().nextMinimumFen).toBe(START_PRICE + INCREMENT);

    const self = await bidA(START_PRICE + INCREMENT);
    expect(self.json().error).toMatchObject({ code: 'ALREADY_LEADING', message: '您已是最高出价者' });

    expect((await bidB(START_PRICE + INCREMENT - 1)).json().error.code).toBe('BID_TOO_LOW');
    // Any whole 分 at or above the minimum is accepted.
    const second = await bidB(START_PRICE + INCREMENT + 37);
    expect(second.statusCode).toBe(201);
    expect(second.json().bid.seq).toBe(2);

    const stranger = await bidOf(t.app, outsider, auctionId)(START_PRICE * 2);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('NOT_A_PARTICIPANT');

    const seller = await bidOf(t.app, institution, auctionId)(START_PRICE * 2);
    expect(seller.json().error.code).toBe('NOT_A_PARTICIPANT');

    // a lost the lead to b: a is told.
    const outbid = await t.database.db.execute<{ payload: Record<string, unknown> }>(
      sql`select payload from outbox where topic = 'auction.outbid' and payload->>'auctionId' = ${auctionId}`,
    );
    expect(outbid.rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({
        seq: 2,
        organisationId: a.orgId,
        alias: a.alias,
        amountFen: START_PRICE + INCREMENT + 37,
      }),
    ]);

    const view = (await as(t.app, a)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json();
    expect(view.auction).toMatchObject({ seq: 2, currentPriceFen: START_PRICE + INCREMENT + 37, leader: b.alias });
    expect(view.you).toMatchObject({ alias: a.alias, depositRequired: false });
  });

  it('answers a repeated idempotency key with the first answer, accepted or refused', async () => {
    const key = randomUUID();
    const bidA = bidOf(t.app, a, auctionId);
    const current = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    const first = await bidA(current.nextMinimumFen, key);
    expect(first.statusCode).toBe(201);
    // The same key with another amount: still the first answer, and no second bid.
    const again = await bidA(current.nextMinimumFen + 999_999, key);
    expect(again.statusCode).toBe(201);
    expect(again.json().bid).toEqual(first.json().bid);
    expect(again.json().replay).toBe(true);

    const refusedKey = randomUUID();
    const r1 = await bidA(1, refusedKey);
    expect(r1.json().error.code).toBe('ALREADY_LEADING');
    // Now the amount would be fine for b — but the key belongs to a's refused bid: same refusal.
    const r2 = await bidA(10 * START_PRICE, refusedKey);
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.code).toBe('ALREADY_LEADING');

    // Another organisation cannot use (or read) a key that is taken.
    const stolen = await bidOf(t.app, b, auctionId)(10 * START_PRICE, key);
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const [{ n }] = (
      await t.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from bids where auction_id = ${auctionId} and idempotency_key = ${key}`,
      )
    ).rows as [{ n: number }];
    expect(n).toBe(1);
  });

  it('extends the end when a bid falls inside the soft-close window', async () => {
    // Leave 2 minutes: inside the default 5-minute window.
    await setEnd(t.database.db, auctionId, 2 * 60_000);
    const current = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    const res = await bidOf(t.app, b, auctionId)(current.nextMinimumFen);
    expect(res.statusCode).toBe(201);
    const { at, endsAt } = res.json().bid;
    expect(Date.parse(endsAt) - Date.parse(at)).toBe(5 * 60_000);
  });

  it('lists bids after a seq for resuming', async () => {
    const res = await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/bids?afterSeq=1` });
    expect(res.statusCode).toBe(200);
    const { items, seq } = res.json();
    expect(items.map((b: { seq: number }) => b.seq)).toEqual(Array.from({ length: seq - 1 }, (_, i) => i + 2));
    expect(JSON.stringify(items)).not.toContain(a.orgId);
  });

  it('keeps the record closed until the end, then closes once, moves the listing and publishes a verifiable log', async () => {
    const early = await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/record` });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('AUCTION_NOT_ENDED');
    expect((await closeAuction(t.database.db, noSignals, auctionId)).closed).toBe(false);

    const closed = await endNow(t.database.db, auctionId);
    expect(closed.closed).toBe(true);
    expect((await closeAuction(t.database.db, noSignals, auctionId)).closed).toBe(false);

    const late = await bidOf(t.app, a, auctionId)(100 * START_PRICE);
    expect(late.json().error).toMatchObject({ code: 'AUCTION_ENDED', message: '拍卖已结束' });

    const listing = (await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listingId}` })).json();
    expect(listing.status).toBe('matched');
    // The sale is recorded as the match (措施四: counterparty and price are public), so the seller
    // can record the deal at the hammer price.
    const hammer = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).json().auction;
    expect(listing).toMatchObject({
      matchRoute: 'auction',
      matchedOrgId: b.orgId,
      matchedPriceFen: hammer.currentPriceFen,
    });
    expect(listing.matchedName).toEqual(expect.any(String));
    const deal = await as(
      t.app,
      institution,
    )({
      method: 'POST',
      url: `/api/v1/listings/${listingId}/deal`,
      payload: {
        transactionType: listing.transactionTypes[0],
        amountFen: hammer.currentPriceFen,
        appraisal: 'appraised',
        counterpartyIsOwnSubsidiary: false,
      },
    });
    expect(deal.statusCode, deal.body).toBe(201);

    const record = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/record` })).json();
    expect(record.auction).toMatchObject({ status: 'closed', result: 'sold', winner: b.alias });
    expect(record.identities).toBeNull();
    const links = record.bids.map((b: { amount: number }) => ({ ...b, amountFen: b.amount }));
    const verdict = verifyChain(auctionId, links, record.auction.hashHead);
    expect(verdict).toMatchObject({ ok: true, count: record.bids.length });

    const sellerRecord = (
      await as(t.app, institution)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/record` })
    ).json();
    expect(sellerRecord.identities).toContainEqual(
      expect.objectContaining({ alias: b.alias, organisationId: b.orgId }),
    );

    const audit = await t.database.db.execute<{ action: string }>(
      sql`select action from audit_log where target_id = ${auctionId} and action = 'auction.close'`,
    );
    expect(audit.rows).toHaveLength(1);
    const outbox = await t.database.db.execute<{ payload: Record<string, unknown> }>(
      sql`select payload from outbox where topic = 'auction.closed' and payload->>'auctionId' = ${auctionId}`,
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]!.payload).toMatchObject({ result: 'sold', winnerOrgId: b.orgId, winnerAlias: b.alias });
  });

  it('closes an auction without bids as unsold, and one below the reserve as unsold too', async () => {
    const none = await auctionListing(t.app, institution, operator);
    await startNow(t.database.db, none.auctionId, 60_000);
    const r = await endNow(t.database.db, none.auctionId);
    expect(r.closed && r.summary.result).toBe('no_bids');
    expect((await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${none.listingId}` })).json().status).toBe(
      'unsold',
    );

    const reserved = await auctionListing(t.app, institution, operator);
    await as(
      t.app,
      institution,
    )({
      method: 'PATCH',
      url: `/api/v1/auctions/${reserved.auctionId}`,
      payload: { reservePriceFen: 2 * START_PRICE },
    });
    const [bidder] = await registerBidders(t.app, operator, reserved.auctionId, 1);
    await startNow(t.database.db, reserved.auctionId, 60_000);
    expect((await bidOf(t.app, bidder!, reserved.auctionId)(START_PRICE)).statusCode).toBe(201);
    const r2 = await endNow(t.database.db, reserved.auctionId);
    expect(r2.closed && r2.summary).toMatchObject({ result: 'reserve_not_met', winner: null, status: 'unsold' });
  });

  it('stops the auction when an operator takes its listing down: no more bids, no winner', async () => {
    const s = await auctionListing(t.app, institution, operator);
    const [x, y] = await registerBidders(t.app, operator, s.auctionId, 2);
    await startNow(t.database.db, s.auctionId, 60_000);
    expect((await bidOf(t.app, x!, s.auctionId)(START_PRICE)).statusCode).toBe(201);
    const down = await as(
      t.app,
      operator,
    )({
      method: 'POST',
      url: `/api/v1/operator/listings/${s.listingId}/take-down`,
      payload: { reasonCode: 'ip_dispute', reasonText: '成果权属存在争议，暂停交易。' },
    });
    expect(down.statusCode).toBe(200);
    const late = await bidOf(t.app, y!, s.auctionId)(2 * START_PRICE);
    expect(late.json().error.code).toBe('AUCTION_ENDED');
    const a = (await as(t.app, null)({ method: 'GET', url: `/api/v1/auctions/${s.auctionId}` })).json().auction;
    expect(a).toMatchObject({ status: 'unsold', result: 'taken_down', winner: null });
    // The timers find nothing to do.
    expect((await closeAuction(t.database.db, noSignals, s.auctionId)).closed).toBe(false);
  });

  // Bids, starts and closes lock the auction, then touch the listing (its notifications reference
  // it); a take-down locks both too. Whatever the interleaving, one waits for the other — neither
  // fails with a deadlock (which PostgreSQL would break by aborting one of them with a 500).
  it('takes a listing down while its auction is being bid on, without a deadlock', async () => {
    const enterprises = [
      await verifiedMember(t.app, operator, 'enterprise'),
      await verifiedMember(t.app, operator, 'enterprise'),
    ];
    for (let round = 0; round < 8; round++) {
      const s = await auctionListing(t.app, institution, operator);
      const [x, y] = await Promise.all(
        enterprises.map(async (e) => {
          const r = await as(t.app, e)({ method: 'POST', url: `/api/v1/auctions/${s.auctionId}/registrations` });
          expect(r.statusCode, r.body).toBe(201);
          return { ...e, alias: r.json().alias as string };
        }),
      );
      await startNow(t.database.db, s.auctionId, 60_000);
      expect((await bidOf(t.app, x!, s.auctionId)(START_PRICE)).statusCode).toBe(201);
      const [outbid, down] = await Promise.all([
        bidOf(t.app, y!, s.auctionId)(START_PRICE + INCREMENT),
        as(
          t.app,
          operator,
        )({
          method: 'POST',
          url: `/api/v1/operator/listings/${s.listingId}/take-down`,
          payload: { reasonCode: 'ip_dispute', reasonText: '成果权属存在争议，暂停交易。' },
        }),
      ]);
      expect(down.statusCode, down.body).toBe(200);
      // The bid came first (accepted) or after the take-down (refused as ended): never a 500.
      expect([201, 409], outbid.body).toContain(outbid.statusCode);
    }
  });

  it('starts an auction only once its start has come, and only once', async () => {
    const s = await auctionListing(t.app, institution, operator);
    expect(await startAuction(t.database.db, noSignals, s.auctionId)).toMatchObject({
      started: false,
      reason: 'AUCTION_NOT_STARTED',
    });
    await t.database.db.execute(sql`update auctions set starts_at = clock_timestamp() where id = ${s.auctionId}`);
    const results = await Promise.all([1, 2, 3, 4].map(() => startAuction(t.database.db, noSignals, s.auctionId)));
    expect(results.filter((r) => r.started)).toHaveLength(1);
    const terms = await as(
      t.app,
      institution,
    )({
      method: 'PATCH',
      url: `/api/v1/auctions/${s.auctionId}`,
      payload: { incrementFen: 1 },
    });
    expect(terms.json().error.code).toBe('AUCTION_TERMS_LOCKED');
  });
});
