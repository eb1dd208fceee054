// Bids (issue 6 §2, DESIGN §5): one statement that runs place_bid (migration 0007) and tells the
// displaced leader, then the post-commit live push and close-job move. The api's HTTP and websocket
// bid paths and bench/auction.ts all come through here.
import { sql, type SQL } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { PublicBid } from '../../domain/auction-protocol.js';
import type { AuctionRefusalCode } from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import { notificationText } from '../../domain/notifications.js';
import { afterCommit, type AuctionSignals } from './signals.js';
import type { ServiceContext } from '../../platform/context.js';
import { notificationPushes } from '../notifications/service.js';
import { countBid } from '../../platform/metrics.js';

export interface BidRequest {
  amountFen: number;
  idempotencyKey: string;
}

export type BidOutcome =
  | { accepted: true; replay: boolean; bid: PublicBid; extendedTo: Date | null; nextMinimumFen: number }
  | { accepted: false; replay: boolean; code: AuctionRefusalCode; details: Record<string, unknown> };

/** What place_bid (migration 0007) answers, as JSON. */
type PlaceBidAnswer =
  | { outcome: 'not_found' }
  | {
      outcome: 'accepted';
      seq: number;
      bidder: string;
      amountFen: number;
      at: string;
      endsAt: string;
      hash: string;
      extended: boolean;
      displaced: string | null;
      listingId: string;
      nextMinimumFen: number;
    }
  | { outcome: 'refused'; code: AuctionRefusalCode; details: Record<string, unknown> }
  | {
      outcome: 'replay';
      kind: 'bid' | 'refusal';
      organisationId: string | null;
      nextMinimumFen: number;
      // kind 'bid'
      seq?: number;
      bidder?: string;
      amountFen?: number;
      at?: string;
      endsAt?: string;
      hash?: string;
      // kind 'refusal'
      code?: AuctionRefusalCode;
      details?: Record<string, unknown> | null;
    };

/**
 * One bid (issue 6 §2). The rule runs inside PostgreSQL, in place_bid (migration 0007: lock the
 * auction row, read the clock, replay a stored answer, decide as domain decideBid does, write the
 * bid or the refusal), called in a single autocommit statement that also tells the displaced leader.
 * The row lock therefore lasts one statement's execution and commit, with no client round trip under
 * it. After the commit the bid is pushed live and, if the end moved, the close job is rescheduled.
 */
export async function placeBid(
  ctx: ServiceContext,
  signals: AuctionSignals,
  actor: MemberActor,
  auctionId: string,
  req: BidRequest,
  onSignalError?: (err: unknown) => void,
): Promise<BidOutcome> {
  const outcome = await decideAndWriteBid(
    (q) => ctx.db.execute(q) as Promise<BidStatementResult>,
    actor,
    auctionId,
    req,
  );
  countBid(outcome);
  if (outcome.accepted && !outcome.replay) {
    const { bid, extendedTo } = outcome;
    const work = [signals.publish(auctionId, { type: 'bid', ...bid })];
    if (extendedTo) {
      work.push(signals.publish(auctionId, { type: 'extended', seq: bid.seq, endsAt: bid.endsAt }));
      work.push(signals.scheduleClose(auctionId, extendedTo));
    }
    await afterCommit(work, onSignalError);
  }
  return outcome;
}

/** What running one statement yields (drizzle's execute, or pg's query). */
export interface BidStatementResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

// The listing's title words the outbid notice. A listing cannot be edited once it is public, so a
// hot auction's title is read once a minute per process, not on every bid.
const TITLE_TTL_MS = 60_000;
const TITLE_CACHE_MAX = 1_000;
const listingTitles = new Map<string, { title: string; readAt: number }>();

async function listingTitleOf(exec: (q: SQL) => Promise<BidStatementResult>, auctionId: string): Promise<string> {
  const cached = listingTitles.get(auctionId);
  if (cached && Date.now() - cached.readAt < TITLE_TTL_MS) return cached.title;
  const r = await exec(
    sql`select l.title from auctions a join listings l on l.id = a.listing_id where a.id = ${auctionId}`,
  );
  const title = r.rows[0]?.title as string | undefined;
  if (title === undefined) throw new AppError('AUCTION_NOT_FOUND');
  // Re-inserted on refresh, so the first key is always the least recently read.
  listingTitles.delete(auctionId);
  if (listingTitles.size >= TITLE_CACHE_MAX) listingTitles.delete(listingTitles.keys().next().value!);
  listingTitles.set(auctionId, { title, readAt: Date.now() });
  return title;
}

/**
 * The statements of one bid, each run by `exec` on its own (autocommit: the second one must not be
 * wrapped in a transaction, or its lock would outlive it): the service runs them through drizzle, and
 * bench/auction.ts runs the very same SQL through a bare pg client to measure what the api costs on
 * top of the database.
 */
export async function decideAndWriteBid(
  exec: (q: SQL) => Promise<BidStatementResult>,
  actor: Pick<MemberActor, 'orgId' | 'userId'>,
  auctionId: string,
  req: BidRequest,
): Promise<BidOutcome> {
  const title = await listingTitleOf(exec, auctionId);
  // The displaced leader's inbox (issue 6: everyone involved is notified). It names no bidder: whoever
  // took the lead is the room's business, by 竞买号 (DESIGN §9).
  const outbid = notificationText('auction_outbid', { listingTitle: title, priceFen: req.amountFen });
  const written = await exec(sql`
    with b as (
      select place_bid(${auctionId}::uuid, ${actor.orgId}::uuid, ${actor.userId}::uuid, ${req.amountFen}::bigint,
                       ${req.idempotencyKey}::text) as r
    ), displaced as (
      select p.id, p.organisation_id, p.alias, b.r
        from b join auction_participants p on p.id = (b.r->>'displaced')::uuid
       where b.r->>'outcome' = 'accepted'
    ), outbid as (
      insert into outbox (topic, payload)
      select 'auction.outbid', jsonb_build_object('auctionId', ${auctionId}::uuid, 'seq', (r->>'seq')::int,
               'participantId', id, 'organisationId', organisation_id, 'alias', alias,
               'amountFen', (r->>'amountFen')::int8, 'endsAt', r->>'endsAt')
        from displaced
    ), outbid_notes as (
      insert into notifications (user_id, kind, title, body, listing_id, data, created_at)
      select m.user_id, 'auction_outbid', ${outbid.title}, ${outbid.body}, (d.r->>'listingId')::uuid,
             jsonb_build_object('auctionId', ${auctionId}::uuid, 'seq', (d.r->>'seq')::int,
                                'amountFen', (d.r->>'amountFen')::int8),
             (d.r->>'at')::timestamptz
        -- Members as of after place_bid's lock wait, not as of this statement's start (migration 0008).
        from displaced d cross join lateral organisation_member_ids(d.organisation_id) as m(user_id)
      returning id, user_id, kind, title, body, listing_id, data, created_at
    ), outbid_pushes as (
      -- The same live push notify() queues (services/notifications.ts).
      insert into outbox (topic, payload) ${notificationPushes(sql`outbid_notes`)}
    )
    select r from b`);
  const r = written.rows[0]!.r as PlaceBidAnswer;
  switch (r.outcome) {
    case 'not_found':
      throw new AppError('AUCTION_NOT_FOUND');
    case 'refused':
      return { accepted: false, replay: false, code: r.code, details: r.details };
    case 'replay':
      // The key is scoped to the auction; another organisation's key is not ours to replay.
      if (r.organisationId !== actor.orgId) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (r.kind === 'refusal') return { accepted: false, replay: true, code: r.code!, details: r.details ?? {} };
      return {
        accepted: true,
        replay: true,
        bid: {
          seq: r.seq!,
          bidder: r.bidder!,
          amount: Number(r.amountFen),
          at: r.at!,
          endsAt: r.endsAt!,
          hash: r.hash!,
        },
        extendedTo: null,
        nextMinimumFen: Number(r.nextMinimumFen),
      };
    case 'accepted':
      return {
        accepted: true,
        replay: false,
        bid: { seq: r.seq, bidder: r.bidder, amount: Number(r.amountFen), at: r.at, endsAt: r.endsAt, hash: r.hash },
        extendedTo: r.extended ? new Date(r.endsAt) : null,
        nextMinimumFen: Number(r.nextMinimumFen),
      };
  }
}
