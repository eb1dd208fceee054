// Issue 6 "everyone involved is notified": who finds what in the inbox when an auction is scheduled,
// starts, changes leader and closes — and who does not. Bidders are known to each other by 竞买号
// only (DESIGN §9): no notification to a bidder names another bidder's organisation.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, organisations } from '../../db/schema/index.js';
import { noSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
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
import { addColleague, as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', AUCTION_DURATION: 'PT1H', LOG_LEVEL: 'error' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

/** A user's notifications about one auction, oldest first. */
async function inbox(s: Session, auctionId: string, kind?: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, s.userId),
        sql`${notifications.data}->>'auctionId' = ${auctionId}`,
        kind ? sql`${notifications.kind} = ${kind}` : undefined,
      ),
    )
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

async function namesOf(sessions: Session[]): Promise<Map<string, string>> {
  const rows = await t.database.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      inArray(
        organisations.id,
        sessions.map((s) => s.orgId),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}

describe('an auction from scheduling to close', () => {
  it('tells the seller, each bidder its own 竞买号, the displaced leader once per displacement, and everyone the close', async () => {
    const { listingId, auctionId } = await auctionListing(t.app, institution, operator);
    const title = (await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${listingId}` })).json().title;

    // Scheduled at approval: the seller learns the start.
    const [scheduled] = await inbox(institution, auctionId, 'auction_scheduled');
    expect(scheduled).toMatchObject({ listingId, data: { auctionId } });
    expect(scheduled!.body).toContain(`“${title}”`);
    expect(scheduled!.body).toContain('开始拍卖');

    const [a, b, c] = await registerBidders(t.app, operator, auctionId, 3);
    const bidders = [a!, b!, c!];
    const names = await namesOf(bidders);
    for (const x of bidders) {
      const mine = await inbox(x, auctionId, 'auction_scheduled');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.body).toContain(`您的竞买号为 ${x.alias}`);
      for (const y of bidders) if (y !== x) expect(mine[0]!.body).not.toContain(y.alias);
    }

    await startNow(t.database.db, auctionId, 60_000);
    for (const x of [institution, ...bidders]) expect(await inbox(x, auctionId, 'auction_started')).toHaveLength(1);
    expect((await inbox(a!, auctionId, 'auction_started'))[0]!.body).toContain(a!.alias);
    expect((await inbox(institution, auctionId, 'auction_started'))[0]!.body).not.toContain('竞买号');

    // a leads; b displaces a; a's retry of its own first key replays and tells nobody; a refused
    // bid tells nobody; a retakes from b; c displaces a.
    const keyA = randomUUID();
    expect((await bidOf(t.app, a!, auctionId)(START_PRICE, keyA)).statusCode).toBe(201);
    expect(await inbox(a!, auctionId, 'auction_outbid')).toHaveLength(0);
    expect((await bidOf(t.app, b!, auctionId)(START_PRICE + INCREMENT)).statusCode).toBe(201);
    expect((await bidOf(t.app, a!, auctionId)(START_PRICE, keyA)).statusCode).toBe(201);
    expect((await bidOf(t.app, c!, auctionId)(START_PRICE + INCREMENT)).statusCode).toBe(409);
    let outA = await inbox(a!, auctionId, 'auction_outbid');
    expect(outA).toHaveLength(1);
    expect(outA[0]).toMatchObject({ listingId, data: { auctionId, seq: 2, amountFen: START_PRICE + INCREMENT } });
    expect(outA[0]!.body).toBe(`您在项目“${title}”拍卖中的出价已被超越，当前价 1.01 万元，可进入竞价室继续出价。`);
    expect(outA[0]!.body).not.toContain(b!.alias);
    expect(await inbox(b!, auctionId, 'auction_outbid')).toHaveLength(0);
    expect(await inbox(c!, auctionId, 'auction_outbid')).toHaveLength(0);
    expect(await inbox(institution, auctionId, 'auction_outbid')).toHaveLength(0);

    expect((await bidOf(t.app, a!, auctionId)(START_PRICE + 2 * INCREMENT)).statusCode).toBe(201);
    expect(await inbox(b!, auctionId, 'auction_outbid')).toHaveLength(1);
    expect((await bidOf(t.app, c!, auctionId)(START_PRICE + 3 * INCREMENT)).statusCode).toBe(201);
    outA = await inbox(a!, auctionId, 'auction_outbid');
    expect(outA.map((n) => n.data.seq)).toEqual([2, 4]);
    expect(await inbox(c!, auctionId, 'auction_outbid')).toHaveLength(0);

    // The close, delivered several times concurrently, notifies once.
    await setEnd(t.database.db, auctionId, -1);
    const closes = await Promise.all([1, 2, 3].map(() => closeAuction(t.database.db, noSignals, auctionId)));
    expect(closes.filter((r) => r.closed)).toHaveLength(1);
    expect((await endNow(t.database.db, auctionId)).closed).toBe(false);

    const won = await inbox(c!, auctionId, 'auction_won');
    expect(won).toHaveLength(1);
    expect(won[0]!.body).toBe(`您（竞买号 ${c!.alias}）以 1.03 万元 竞得项目“${title}”，请留意后续签约安排。`);
    expect(await inbox(c!, auctionId, 'auction_closed')).toHaveLength(0);
    for (const loser of [a!, b!]) {
      const closed = await inbox(loser, auctionId, 'auction_closed');
      expect(closed).toHaveLength(1);
      expect(closed[0]!.body).toBe(`项目“${title}”的拍卖已结束，成交价 1.03 万元，竞得竞买号 ${c!.alias}。`);
      expect(await inbox(loser, auctionId, 'auction_won')).toHaveLength(0);
    }
    // The seller may now know who won (DESIGN §9: revealed to the seller after the close).
    const sellerClosed = await inbox(institution, auctionId, 'auction_closed');
    expect(sellerClosed).toHaveLength(1);
    expect(sellerClosed[0]!.body).toBe(
      `项目“${title}”的拍卖已结束，成交价 1.03 万元，竞得方：${names.get(c!.orgId)}（竞买号 ${c!.alias}）。`,
    );
    expect(sellerClosed[0]!.data).toMatchObject({ auctionId, result: 'sold', priceFen: START_PRICE + 3 * INCREMENT });
    // No deposits held: operators are not bothered.
    expect(await inbox(operator, auctionId)).toHaveLength(0);

    // No bidder ever read another bidder's organisation name.
    for (const x of bidders) {
      const all = await inbox(x, auctionId);
      for (const y of bidders) {
        if (y === x) continue;
        for (const n of all) expect(n.body).not.toContain(names.get(y.orgId)!);
      }
    }

    // Every stored notification has its live push queued (same transaction, same shape).
    const pushed = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from outbox where topic = 'notification.created'
        and payload->'notification'->'data'->>'auctionId' = ${auctionId}`);
    const stored = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where data->>'auctionId' = ${auctionId}`,
    );
    expect(pushed.rows[0]!.n).toBe(stored.rows[0]!.n);
  });

  it('tells everyone it went unsold, and operators too when deposits are held', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const [a, b] = await registerBidders(t.app, operator, auctionId, 2);
    const op = as(t.app, operator);
    await op({ method: 'PUT', url: `/api/v1/auctions/${auctionId}/deposit`, payload: { depositFen: 100_000 } });
    await startNow(t.database.db, auctionId, 60_000);
    await endNow(t.database.db, auctionId);
    for (const x of [institution, a!, b!, operator]) {
      const closed = await inbox(x, auctionId, 'auction_closed');
      expect(closed).toHaveLength(1);
      expect(closed[0]!.body).toMatch(/拍卖已结束：无人出价，流拍。$/);
    }
    expect(await inbox(a!, auctionId, 'auction_won')).toHaveLength(0);
  });

  it('tells the registered bidders when a take-down stops the auction', async () => {
    const { listingId, auctionId } = await auctionListing(t.app, institution, operator);
    const [a, b] = await registerBidders(t.app, operator, auctionId, 2);
    await startNow(t.database.db, auctionId, 60_000);
    expect((await bidOf(t.app, a!, auctionId)(START_PRICE)).statusCode).toBe(201);
    const down = await as(
      t.app,
      operator,
    )({
      method: 'POST',
      url: `/api/v1/operator/listings/${listingId}/take-down`,
      payload: { reasonCode: 'ip_dispute', reasonText: '成果权属存在争议，暂停交易。' },
    });
    expect(down.statusCode).toBe(200);
    for (const x of [a!, b!]) {
      const closed = await inbox(x, auctionId, 'auction_closed');
      expect(closed).toHaveLength(1);
      expect(closed[0]!.body).toContain('项目已被平台下架，拍卖终止');
    }
    expect(await inbox(a!, auctionId, 'auction_won')).toHaveLength(0);
  });

  it('tells a member who joined the displaced organisation while the bid waited for the lock', async () => {
    const { auctionId } = await auctionListing(t.app, institution, operator);
    const [a, b] = await registerBidders(t.app, operator, auctionId, 2);
    await startNow(t.database.db, auctionId, 60_000);
    expect((await bidOf(t.app, a!, auctionId)(START_PRICE)).statusCode).toBe(201);

    // Another session holds the auction row, so b's bid statement starts (and takes its snapshot)
    // and then waits; meanwhile a colleague joins a's organisation.
    const holder = await t.database.pool.connect();
    let pending: ReturnType<ReturnType<typeof bidOf>> | null = null;
    try {
      await holder.query('begin');
      await holder.query('select 1 from auctions where id = $1 for update', [auctionId]);
      pending = bidOf(t.app, b!, auctionId)(START_PRICE + INCREMENT);
      await expect
        .poll(
          async () =>
            (
              await t.database.db.execute<{ n: number }>(sql`
                select count(*)::int as n from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and query like '%place_bid%'`)
            ).rows[0]!.n,
          { interval: 20 },
        )
        .toBe(1);
      const colleague = await addColleague(t.database.db, a!.orgId, '新同事');
      await holder.query('commit');
      expect((await pending).statusCode).toBe(201);
      const told = await t.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, colleague),
            eq(notifications.kind, 'auction_outbid'),
            sql`${notifications.data}->>'auctionId' = ${auctionId}`,
          ),
        );
      expect(told).toHaveLength(1);
      expect(await inbox(a!, auctionId, 'auction_outbid')).toHaveLength(1);
    } finally {
      // Already rolled back when the test failed inside the transaction; the release below still runs.
      await holder.query('rollback').catch((err: unknown) => console.warn('rollback after failure', err));
      holder.release();
      await pending;
    }
  });
});
