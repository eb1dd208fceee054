// Concurrency against real PostgreSQL (issue 6 "Tests"): 50 bidders on 50 connections make 2,250
// bid attempts on one auction with a short soft-close window, retrying some idempotency keys,
// while the close job is delivered again and again, concurrently. Afterwards the stored rows must
// satisfy every invariant of the bid log, checked in SQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberActor } from '../../domain/actor.js';
import { verifyChain } from '../../domain/auction-chain.js';
import { createDatabase, type Database } from '../../db/client.js';
import { noSignals } from '../../server/auctions/signals.js';
import { closeAuction } from '../../server/auctions/closing.js';
import { placeBid, type BidOutcome } from '../../server/auctions/bidding.js';
import type { ServiceContext } from '../../platform/context.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { connectionHeavy } from '../helpers/db.js';
import { auctionListing, INCREMENT, registerBidders, START_PRICE, startNow } from '../helpers/auctions.js';
import { createOperator, verifiedMember } from '../helpers/factories.js';

const BIDDERS = 50;
// Enough rounds that a loaded CI machine still produces a real contest (well over 100 accepted bids).
const ATTEMPTS_EACH = 60; // 3,000 attempts
// Bids in the first 3 s leave the end alone, later ones extend it; once bids are inside the window
// the auction stays open while bidding goes on, however slow a loaded machine makes each transaction.
const SOFT_CLOSE_MS = 5_000;
const CLOSERS = 6;

let t: TestContext;
let pool: Database;
let auctionId: string;
let listingId: string;
let bidders: MemberActor[];
let releaseHeavy: (() => Promise<void>) | undefined;

beforeAll(async () => {
  releaseHeavy = await connectionHeavy();
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', REGISTER_RATE_LIMIT: '1000' });
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId, listingId } = await auctionListing(t.app, institution, operator));
  const sessions = await registerBidders(t.app, operator, auctionId, BIDDERS);
  bidders = sessions.map((s) => ({
    type: 'member',
    userId: s.userId,
    orgId: s.orgId,
    orgKind: 'enterprise',
    orgVerification: 'verified',
  }));
  await t.database.db.execute(sql`update auctions set soft_close_ms = ${SOFT_CLOSE_MS} where id = ${auctionId}`);
  // One connection per bidder plus the closers: real concurrent clients, not a queue in one pool.
  pool = createDatabase(t.config.databaseUrl, BIDDERS + CLOSERS + 2);
});

afterAll(async () => {
  await pool?.close();
  await t?.close();
  await releaseHeavy?.();
});

interface Ack {
  key: string;
  orgId: string;
  amount: number;
  outcome: BidOutcome;
}

describe('one hot auction under 50 concurrent bidders', () => {
  it('keeps the bid log exact, and closes exactly once however often the close job fires', async () => {
    const ctx: ServiceContext = { db: pool.db, config: t.config, now: () => new Date() };
    await startNow(pool.db, auctionId, 8_000);

    const acks: Ack[] = [];
    let knownMin = START_PRICE;
    let biddingDone = false;

    const bidder = async (actor: MemberActor) => {
      let last: { key: string; amount: number; outcome: BidOutcome } | null = null;
      for (let i = 0; i < ATTEMPTS_EACH; i++) {
        // One attempt in eight retries the previous key (a lost response), with a different amount.
        if (last && Math.random() < 0.125) {
          const again = await placeBid(ctx, noSignals, actor, auctionId, {
            amountFen: last.amount + INCREMENT,
            idempotencyKey: last.key,
          });
          acks.push({ key: last.key, orgId: actor.orgId, amount: last.amount, outcome: again });
          // The same key gives the same answer.
          expect(again.replay).toBe(true);
          expect(again.accepted).toBe(last.outcome.accepted);
          if (again.accepted && last.outcome.accepted) expect(again.bid).toEqual(last.outcome.bid);
          if (!again.accepted && !last.outcome.accepted) expect(again.code).toBe(last.outcome.code);
          continue;
        }
        // Mostly the minimum as last seen (often stale: BID_TOO_LOW), sometimes a jump.
        const amount = knownMin + (Math.random() < 0.3 ? Math.floor(Math.random() * 3 * INCREMENT) : 0);
        const key = randomUUID();
        const outcome = await placeBid(ctx, noSignals, actor, auctionId, { amountFen: amount, idempotencyKey: key });
        if (outcome.accepted) knownMin = Math.max(knownMin, outcome.nextMinimumFen);
        else if (outcome.code === 'BID_TOO_LOW') {
          knownMin = Math.max(knownMin, (outcome.details as { minimumFen: number }).minimumFen);
        }
        acks.push({ key, orgId: actor.orgId, amount, outcome });
        last = { key, amount, outcome };
      }
    };

    // The close job, delivered by several workers at once, over and over, during and after bidding.
    const closes: Array<Awaited<ReturnType<typeof closeAuction>>> = [];
    const closer = async () => {
      for (;;) {
        const r = await closeAuction(pool.db, noSignals, auctionId);
        closes.push(r);
        if (!r.closed && r.reason === 'INVALID_STATE') return;
        if (biddingDone && !r.closed && r.reason !== 'AUCTION_NOT_ENDED') return;
        await new Promise((res) => setTimeout(res, 5 + Math.random() * 20));
      }
    };

    const closing = Promise.all(Array.from({ length: CLOSERS }, closer));
    await Promise.all(bidders.map(bidder));
    biddingDone = true;
    await closing;

    expect(acks.length).toBe(BIDDERS * ATTEMPTS_EACH);
    const accepted = acks.filter((a) => a.outcome.accepted && !a.outcome.replay);
    const refused = acks.filter((a) => !a.outcome.accepted && !a.outcome.replay);
    // A real contest: many accepted, many refused for each reason.
    expect(accepted.length).toBeGreaterThan(100);
    expect(refused.filter((a) => !a.outcome.accepted && a.outcome.code === 'BID_TOO_LOW').length).toBeGreaterThan(50);

    // Exactly one close, whichever delivery won.
    expect(closes.filter((c) => c.closed)).toHaveLength(1);
    const db = t.database.db;
    const one = async <T>(q: ReturnType<typeof sql>) => (await db.execute<T & Record<string, unknown>>(q)).rows[0]!;
    expect(
      await one<{ n: number }>(
        sql`select count(*)::int as n from audit_log where target_id = ${auctionId} and action = 'auction.close'`,
      ),
    ).toEqual({ n: 1 });
    expect(
      await one<{ n: number }>(
        sql`select count(*)::int as n from outbox where topic = 'auction.closed' and payload->>'auctionId' = ${auctionId}`,
      ),
    ).toEqual({ n: 1 });
    expect(
      await one<{ n: number }>(
        sql`select count(*)::int as n from audit_log where target_id = ${listingId} and action = 'listing.auction_close'`,
      ),
    ).toEqual({ n: 1 });

    // seq is gapless from 1 and equals the auction's seq.
    const head = await one<{ seq: number; n: number; min: number; max: number; status: string }>(sql`
      select a.seq, a.status, count(b.*)::int as n, min(b.seq) as min, max(b.seq) as max
      from auctions a left join bids b on b.auction_id = a.id where a.id = ${auctionId} group by a.id`);
    expect(head.status).toBe('closed');
    expect(head.n).toBe(accepted.length);
    expect(head).toMatchObject({ seq: head.n, min: 1, max: head.n });

    // Each amount ≥ previous + increment; the first ≥ the start price.
    expect(
      await one<{ n: number }>(sql`
      select count(*)::int as n from (
        select amount_fen, lag(amount_fen) over (order by seq) as prev, seq from bids where auction_id = ${auctionId}
      ) x where (prev is null and amount_fen < ${START_PRICE}) or (prev is not null and amount_fen < prev + ${INCREMENT})`),
    ).toEqual({ n: 0 });

    // Current price, leader and hash head equal the last bid; the winner is the leader.
    expect(
      await one<{ ok: boolean }>(sql`
      select a.current_price_fen = b.amount_fen and a.leader_participant_id = b.participant_id
             and a.hash_head = b.hash and a.winner_participant_id = b.participant_id and a.result = 'sold' as ok
      from auctions a join bids b on b.auction_id = a.id and b.seq = a.seq where a.id = ${auctionId}`),
    ).toEqual({ ok: true });

    // Every bid after the first told the bidder it displaced, exactly once.
    expect(
      await one<{ n: number; seqs: number }>(sql`
      select count(*)::int as n, count(distinct (payload->>'seq'))::int as seqs from outbox
      where topic = 'auction.outbid' and payload->>'auctionId' = ${auctionId}`),
    ).toEqual({ n: accepted.length - 1, seqs: accepted.length - 1 });
    // …and its inbox got exactly one notice per displacement, addressed to the member of the
    // organisation that led before that bid (each bidder here has one member), with its live push.
    expect(
      await one<{ n: number; wrong: number; pushes: number }>(sql`
      select count(*)::int as n,
             count(*) filter (where m.organisation_id is distinct from p.organisation_id)::int as wrong,
             (select count(*)::int from outbox o where o.topic = 'notification.created'
                and o.payload->'notification'->>'kind' = 'auction_outbid'
                and o.payload->'notification'->'data'->>'auctionId' = ${auctionId}) as pushes
      from notifications n
      join memberships m on m.user_id = n.user_id
      left join bids prev on prev.auction_id = ${auctionId} and prev.seq = (n.data->>'seq')::int - 1
      left join auction_participants p on p.id = prev.participant_id
      where n.kind = 'auction_outbid' and n.data->>'auctionId' = ${auctionId}`),
    ).toEqual({ n: accepted.length - 1, wrong: 0, pushes: accepted.length - 1 });
    expect(
      await one<{ n: number }>(sql`
      select count(*)::int as n from (
        select data->>'seq' from notifications where kind = 'auction_outbid' and data->>'auctionId' = ${auctionId}
        group by 1 having count(*) > 1) x`),
    ).toEqual({ n: 0 });
    // One close: one auction_won; the other bidders and the seller are told once each.
    expect(
      await one<{ won: number; closed: number }>(sql`
      select count(*) filter (where kind = 'auction_won')::int as won,
             count(*) filter (where kind = 'auction_closed')::int as closed
      from notifications where data->>'auctionId' = ${auctionId}`),
    ).toEqual({ won: 1, closed: BIDDERS - 1 + 1 });

    // No two consecutive bids by the same participant (a leader cannot outbid itself).
    expect(
      await one<{ n: number }>(sql`
      select count(*)::int as n from (
        select participant_id, lag(participant_id) over (order by seq) as prev from bids where auction_id = ${auctionId}
      ) x where participant_id = prev`),
    ).toEqual({ n: 0 });

    // No accepted bid at or after the end then in force; every extension is exactly bid time +
    // window when less than the window was left, and no change otherwise; the close came after the
    // final end, and after every bid.
    const timing = await one<{ late: number; wrong_end: number; close_ok: boolean; extensions: number }>(sql`
      with chain as (
        select b.seq, b.at, b.ends_at,
               coalesce(lag(b.ends_at) over (order by b.seq), a.initial_ends_at) as prev_end, a.soft_close_ms
        from bids b join auctions a on a.id = b.auction_id where b.auction_id = ${auctionId}
      )
      select
        count(*) filter (where at >= prev_end)::int as late,
        count(*) filter (where ends_at <> case when prev_end - at < soft_close_ms * interval '1 millisecond'
                                               then at + soft_close_ms * interval '1 millisecond' else prev_end end)::int as wrong_end,
        count(*) filter (where ends_at > prev_end)::int as extensions,
        (select a.closed_at >= a.ends_at and a.closed_at > (select max(at) from bids where auction_id = a.id)
           and a.ends_at = (select ends_at from bids where auction_id = a.id and seq = a.seq)
         from auctions a where a.id = ${auctionId}) as close_ok
      from chain`);
    expect(timing).toMatchObject({ late: 0, wrong_end: 0, close_ok: true });
    expect(timing.extensions).toBeGreaterThan(0);
    expect(timing.extensions).toBeLessThan(accepted.length);

    // Every acknowledged key is stored exactly once, as what was acknowledged; every refused one is
    // absent from the log and stored as a refusal with the same code.
    const stored = await db.execute<{ idempotency_key: string; seq: number; amount_fen: number; org: string }>(sql`
      select b.idempotency_key, b.seq, b.amount_fen::int8::float8 as amount_fen, p.organisation_id as org
      from bids b join auction_participants p on p.id = b.participant_id where b.auction_id = ${auctionId}`);
    const byKey = new Map(stored.rows.map((r) => [r.idempotency_key, r]));
    expect(byKey.size).toBe(stored.rows.length);
    for (const a of accepted) {
      const row = byKey.get(a.key);
      expect(row, a.key).toBeDefined();
      if (a.outcome.accepted) expect(row).toMatchObject({ seq: a.outcome.bid.seq, amount_fen: a.amount, org: a.orgId });
    }
    const refusals = await db.execute<{ idempotency_key: string; code: string }>(
      sql`select idempotency_key, code from bid_refusals where auction_id = ${auctionId}`,
    );
    const refusedByKey = new Map(refusals.rows.map((r) => [r.idempotency_key, r.code]));
    expect(refusedByKey.size).toBe(refused.length);
    for (const r of refused) {
      expect(byKey.has(r.key)).toBe(false);
      if (!r.outcome.accepted) expect(refusedByKey.get(r.key)).toBe(r.outcome.code);
    }

    // And the chain verifies.
    const chain = await db.execute<{ seq: number; bidder: string; amount_fen: string; at: string; hash: string }>(
      sql`select seq, bidder, amount_fen, floor(extract(epoch from at) * 1000)::int8 as at, hash from bids where auction_id = ${auctionId} order by seq`,
    );
    const finalHead = await one<{ hash_head: string }>(sql`select hash_head from auctions where id = ${auctionId}`);
    expect(
      verifyChain(
        auctionId,
        chain.rows.map((r) => ({ ...r, amountFen: Number(r.amount_fen), at: new Date(Number(r.at)) })),
        finalHead.hash_head,
      ),
    ).toMatchObject({ ok: true, count: accepted.length });
  });
});
