// place_bid (migration 0007) decides bids inside PostgreSQL; domain/auctions.ts decideBid is the
// reference model. Random bid sequences — several bidders, a non-participant, an unconfirmed
// deposit, amounts around the minimum, retried and stolen idempotency keys, auctions not started,
// ending mid-sequence or inside the soft-close window — run through the service (and so through the
// function) and through the model, which must agree on every answer, state and hash.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberActor } from '../../domain/actor.js';
import type { AuctionStatus } from '../../domain/auction-protocol.js';
import { decideBid, nextMinimumBid, type AuctionState } from '../../domain/auctions.js';
import { genesisHash, verifyChain } from '../../domain/auction-chain.js';
import { noSignals } from '../../server/auctions/signals.js';
import { placeBid, type BidOutcome } from '../../server/auctions/bidding.js';
import type { ServiceContext } from '../../platform/context.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { auctionListing, INCREMENT, registerBidders, START_PRICE } from '../helpers/auctions.js';
import { createOperator, verifiedMember } from '../helpers/factories.js';

let t: TestContext;
let ctx: ServiceContext;
let template: string;
/** Three registered bidders and one enterprise that never registered. */
let members: MemberActor[];

const member = (s: { userId: string; orgId: string }): MemberActor => ({
  type: 'member',
  userId: s.userId,
  orgId: s.orgId,
  orgKind: 'enterprise',
  orgVerification: 'verified',
});

beforeAll(async () => {
  t = await setupTestApp({ AUCTION_START_LEAD: 'PT1H', REGISTER_RATE_LIMIT: '1000' });
  ctx = { db: t.database.db, config: t.config, now: () => new Date() };
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  ({ auctionId: template } = await auctionListing(t.app, institution, operator));
  const bidders = await registerBidders(t.app, operator, template, 3);
  const outsider = await verifiedMember(t.app, operator, 'enterprise');
  members = [...bidders, outsider].map(member);
  // The template only lends its rows to the clones below (one active auction per listing).
  await t.database.db.execute(sql`update auctions set status = 'unsold', result = 'no_bids' where id = ${template}`);
});

afterAll(async () => {
  await t?.close();
});

interface Setup {
  status: AuctionStatus;
  startsInMs: number;
  endsInMs: number;
  softCloseMs: number;
  /** Per registered bidder: a deposit is required and not confirmed. */
  depositPending: [boolean, boolean, boolean];
}

/** A fresh auction cloned from the template, with its own participants (same organisations and aliases). */
async function cloneAuction(
  setup: Setup,
): Promise<{ state: AuctionState; participants: Map<string, { id: string; alias: string; depositPending: boolean }> }> {
  const id = randomUUID();
  const rows = await t.database.db.execute<{ starts_at: Date; ends_at: Date }>(sql`
    with c as (select date_trunc('milliseconds', clock_timestamp()) as t)
    insert into auctions
    select (jsonb_populate_record(null::auctions, to_jsonb(a) || jsonb_build_object(
      'id', ${id}::uuid, 'status', ${setup.status}::text,
      'result', case when ${setup.status} = 'unsold' then 'no_bids' end,
      'starts_at', c.t + ${setup.startsInMs} * interval '1 millisecond',
      'initial_ends_at', c.t + ${setup.endsInMs} * interval '1 millisecond',
      'ends_at', c.t + ${setup.endsInMs} * interval '1 millisecond',
      'soft_close_ms', ${setup.softCloseMs}::int, 'seq', 0, 'hash_head', ${genesisHash(id)}::text,
      'current_price_fen', null, 'leader_participant_id', null, 'winner_participant_id', null))).*
    from auctions a, c where a.id = ${template}
    returning starts_at, ends_at`);
  const orgs = members.slice(0, 3).map((m) => m.orgId);
  const parts = await t.database.db.execute<{
    id: string;
    organisation_id: string;
    alias: string;
    deposit_required: boolean;
  }>(sql`
    insert into auction_participants
    select (jsonb_populate_record(null::auction_participants, to_jsonb(p) || jsonb_build_object(
      'id', gen_random_uuid(), 'auction_id', ${id}::uuid,
      'deposit_required', (${sql.param(setup.depositPending)}::boolean[])[array_position(${sql.param(orgs)}::uuid[], p.organisation_id)]))).*
    from auction_participants p where p.auction_id = ${template}
    returning id, organisation_id, alias, deposit_required`);
  const r = rows.rows[0]!;
  return {
    state: {
      id,
      status: setup.status,
      startPriceFen: START_PRICE,
      incrementFen: INCREMENT,
      reservePriceFen: null,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      softCloseMs: setup.softCloseMs,
      currentPriceFen: null,
      leaderParticipantId: null,
      seq: 0,
      hashHead: genesisHash(id),
    },
    participants: new Map(
      parts.rows.map((p) => [p.organisation_id, { id: p.id, alias: p.alias, depositPending: p.deposit_required }]),
    ),
  };
}

const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    status: fc.constantFrom<AuctionStatus>('live', 'live', 'live', 'live', 'scheduled', 'unsold'),
    notYet: fc.boolean().map((b) => b && Math.random() < 0.3),
    // Already over; ending during the sequence; later.
    endsInMs: fc.constantFrom(-1_000, 60, 250, 3_600_000, 3_600_000),
    softCloseMs: fc.constantFrom(0, 100, 5_000, 300_000),
    depositPending: fc.tuple(fc.boolean(), fc.constant(false), fc.constant(false)),
  })
  .map(({ status, notYet, endsInMs, softCloseMs, depositPending }) => ({
    status,
    startsInMs: notYet ? 60_000 : -60_000,
    endsInMs: notYet ? 7_200_000 : endsInMs,
    softCloseMs,
    depositPending: depositPending as [boolean, boolean, boolean],
  }));

interface Step {
  who: number;
  /** Offset from the model's next minimum (an amount of 0 or less is sent as 0). */
  delta: number;
  /** Reuse an earlier key (index into the keys used so far), or a new one. */
  reuse: number | null;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom(0, 0, 1, 1, 2, 3),
  delta: fc.oneof(
    fc.constantFrom(0, 0, 0, -1, 1, INCREMENT, -INCREMENT, -10 * START_PRICE),
    fc.integer({ min: -2 * INCREMENT, max: 5 * INCREMENT }),
  ),
  reuse: fc.option(fc.nat(20), { freq: 4 }),
});

type Stored = { orgId: string; outcome: BidOutcome };

describe('place_bid agrees with the reference model decideBid', () => {
  it('on random bid sequences', async () => {
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (setup, steps) => {
        const { state: initial, participants } = await cloneAuction(setup);
        try {
          let model = initial;
          const stored = new Map<string, Stored>();
          const keys: string[] = [];
          for (const step of steps) {
            const actor = members[step.who]!;
            const key = step.reuse !== null && keys.length > 0 ? keys[step.reuse % keys.length]! : randomUUID();
            if (!keys.includes(key)) keys.push(key);
            const amountFen = Math.max(0, nextMinimumBid(model) + step.delta);
            const earlier = stored.get(key);
            if (earlier && earlier.orgId !== actor.orgId) {
              await expect(
                placeBid(ctx, noSignals, actor, model.id, { amountFen, idempotencyKey: key }),
              ).rejects.toMatchObject({
                code: 'IDEMPOTENCY_KEY_REUSED',
              });
              continue;
            }
            const actual = await placeBid(ctx, noSignals, actor, model.id, { amountFen, idempotencyKey: key });
            if (earlier) {
              // The first answer again, marked as a replay.
              const first = earlier.outcome;
              expect(actual).toEqual(
                first.accepted
                  ? { ...first, replay: true, extendedTo: null, nextMinimumFen: nextMinimumBid(model) }
                  : { ...first, replay: true },
              );
              continue;
            }
            // The arrival time the function used: the bid's, or the stored refusal's.
            const at = actual.accepted
              ? new Date(actual.bid.at)
              : new Date(
                  (
                    await t.database.db.execute<{ at: Date }>(
                      sql`select at from bid_refusals where auction_id = ${model.id} and idempotency_key = ${key}`,
                    )
                  ).rows[0]!.at,
                );
            const part = participants.get(actor.orgId);
            let expected: BidOutcome;
            if (!part) expected = { accepted: false, replay: false, code: 'NOT_A_PARTICIPANT', details: {} };
            else if (part.depositPending)
              expected = { accepted: false, replay: false, code: 'DEPOSIT_NOT_CONFIRMED', details: {} };
            else {
              const d = decideBid(model, { participantId: part.id, bidder: part.alias, amountFen, at });
              if (d.refused)
                expected = { accepted: false, replay: false, code: d.refused.code, details: d.refused.details ?? {} };
              else {
                const { record, newState, extendedTo } = d.accepted;
                expected = {
                  accepted: true,
                  replay: false,
                  bid: {
                    seq: record.seq,
                    bidder: record.bidder,
                    amount: record.amountFen,
                    at: record.at.toISOString(),
                    endsAt: newState.endsAt.toISOString(),
                    hash: record.hash,
                  },
                  extendedTo,
                  nextMinimumFen: nextMinimumBid(newState),
                };
                model = newState;
              }
            }
            expect(actual).toEqual(expected);
            stored.set(key, { orgId: actor.orgId, outcome: actual });
          }
          // The stored row is the model's state, and its log verifies.
          const row = (
            await t.database.db.execute<{
              seq: number;
              hash_head: string;
              current_price_fen: string | null;
              ends_at: Date;
            }>(sql`select seq, hash_head, current_price_fen, ends_at from auctions where id = ${model.id}`)
          ).rows[0]!;
          expect({
            seq: row.seq,
            hashHead: row.hash_head,
            price: row.current_price_fen === null ? null : Number(row.current_price_fen),
            endsAt: new Date(row.ends_at).toISOString(),
          }).toEqual({
            seq: model.seq,
            hashHead: model.hashHead,
            price: model.currentPriceFen,
            endsAt: model.endsAt.toISOString(),
          });
          const log = await t.database.db.execute<{
            seq: number;
            bidder: string;
            amount_fen: string;
            at: Date;
            prev_hash: string;
            hash: string;
          }>(
            sql`select seq, bidder, amount_fen, at, prev_hash, hash from bids where auction_id = ${model.id} order by seq`,
          );
          const chain = log.rows.map((b) => ({
            seq: b.seq,
            bidder: b.bidder,
            amountFen: Number(b.amount_fen),
            at: new Date(b.at).toISOString(),
            prevHash: b.prev_hash,
            hash: b.hash,
          }));
          expect(verifyChain(model.id, chain, model.hashHead)).toMatchObject({ ok: true });
        } finally {
          // Retire the clone, also after a failure (one active auction per listing, and shrinking runs more).
          await t.database.db
            .execute(sql`update auctions set status = 'unsold', result = 'no_bids', current_price_fen = null,
            leader_participant_id = null where id = ${initial.id}`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
