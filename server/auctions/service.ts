// Auction writes (DESIGN §5 "Auction", issue 6): creation (from the listing lifecycle and from
// approval of auction-priced listings), registration, terms, deposits, bids, start and close.
//
// Every write locks the auction row (SELECT … FOR UPDATE) and decides with the pure rules of
// domain/auctions.ts inside that lock — bids with place_bid (migration 0007), the same rules run by
// PostgreSQL within one statement — so two bids never both see the same state: validation and
// write are one step, never check-then-act. The clock is PostgreSQL's clock_timestamp() read after
// the lock, truncated to milliseconds (what the hash chain records), so the late-bid rule and the
// guarded close (`status = 'live' AND ends_at <= now`) always agree.
//
// Live pushes and timer jobs are returned to the caller as post-commit work (auction-signals.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor, OperatorActor } from '../../domain/actor.js';
import type { PublicBid } from '../../domain/auction-protocol.js';
import { aliasFor } from '../../domain/auction-aliases.js';
import {
  decideClose,
  decideStart,
  decideTerminate,
  initialAuctionState,
  listingStatusAfterClose,
  type AuctionOrigin,
  type AuctionParticipantSource,
  type AuctionRefusalCode,
  type AuctionState,
  type CloseResult,
} from '../../domain/auctions.js';
import { AppError } from '../../domain/errors.js';
import { notificationText } from '../../domain/notifications.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { auctionParticipants, auctions, listings, organisations, type Auction } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { afterCommit, type AuctionSignals } from './signals.js';
import type { ServiceContext } from '../../platform/context.js';
import { notificationPushes, notify, notifyEach } from '../notifications/service.js';

// ---- Creation --------------------------------------------------------------------------------------

export interface NewAuctionParticipant {
  /** Null for a negotiated counterparty not registered on the platform (cannot bid until linked). */
  organisationId: string | null;
  source: AuctionParticipantSource;
  /** Shown to the seller and operators; defaults to the organisation's name. */
  displayName?: string;
  claimId?: string | null;
}

export interface NewAuction {
  listingId: string;
  startPriceFen: number;
  incrementFen: number;
  reservePriceFen: number | null;
  startsAt: Date;
  endsAt: Date;
  softCloseMs: number;
  /** In registration order: the order decides the 竞买号 (through a keyed permutation, so it cannot be read back). */
  participants: NewAuctionParticipant[];
  now: Date;
  /** `window` (default): handed over by the listing window; `direct`: an auction-priced listing. */
  origin?: AuctionOrigin;
  /** 保证金 every participant must have confirmed before bidding; null = none. */
  depositFen?: number | null;
  /** Who caused it (the audit row); the system (timer) by default. */
  actor?: Actor;
}

/**
 * Creates a `scheduled` auction with its participants, inside the caller's transaction — the
 * listing lifecycle calls this in the transaction that moves the listing to `auction`. Returns the
 * auction id.
 *
 * Timers: this writes an outbox event `auction.scheduled` {auctionId, listingId, startsAt, endsAt,
 * participants}. The auction worker (workers/auctions.ts) turns it into the delayed jobs
 * `auction-start-<id>` and `auction-close-<id>`, and its sweeper (every AUCTION_SWEEP_INTERVAL)
 * starts and closes anything overdue whether or not a job ever ran; a reconciler re-adds missing
 * jobs at worker start and every minute. The caller need not schedule anything.
 */
export async function createAuction(tx: Tx, input: NewAuction): Promise<string> {
  const id = randomUUID();
  const state = initialAuctionState({
    id,
    startPriceFen: input.startPriceFen,
    incrementFen: input.incrementFen,
    reservePriceFen: input.reservePriceFen,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    softCloseMs: input.softCloseMs,
  });
  const depositFen = input.depositFen ?? null;
  if (depositFen !== null && !(Number.isSafeInteger(depositFen) && depositFen > 0)) {
    throw new AppError('VALIDATION_FAILED', { field: 'depositFen' });
  }
  const aliasSecret = randomBytes(32).toString('hex');
  await tx.insert(auctions).values({
    id,
    listingId: input.listingId,
    origin: input.origin ?? 'window',
    status: 'scheduled',
    startPriceFen: state.startPriceFen,
    incrementFen: state.incrementFen,
    reservePriceFen: state.reservePriceFen,
    startsAt: state.startsAt,
    initialEndsAt: state.endsAt,
    endsAt: state.endsAt,
    softCloseMs: state.softCloseMs,
    seq: 0,
    hashHead: state.hashHead,
    aliasSecret,
    depositFen,
    createdAt: input.now,
    updatedAt: input.now,
  });

  const orgIds = input.participants.map((p) => p.organisationId).filter((o): o is string => o !== null);
  const names = new Map<string, string>();
  if (orgIds.length) {
    const rows = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, orgIds));
    for (const r of rows) names.set(r.id, r.name);
  }
  const participantRows = input.participants.map((p, position) => ({
    auctionId: id,
    organisationId: p.organisationId,
    displayName: p.displayName ?? (p.organisationId ? names.get(p.organisationId) : undefined) ?? '未注册受让方',
    source: p.source,
    claimId: p.claimId ?? null,
    position,
    alias: aliasFor(id, position, aliasSecret),
    depositRequired: depositFen !== null,
    depositFen,
    createdAt: input.now,
  }));
  if (participantRows.length) await tx.insert(auctionParticipants).values(participantRows);

  const actor = input.actor ?? { type: 'system' as const };
  await writeAudit(tx, {
    actor,
    action: 'auction.create',
    targetType: 'auction',
    targetId: id,
    afterStatus: 'scheduled',
    details: {
      listingId: input.listingId,
      origin: input.origin ?? 'window',
      startPriceFen: state.startPriceFen,
      incrementFen: state.incrementFen,
      hasReserve: state.reservePriceFen !== null,
      startsAt: state.startsAt.toISOString(),
      endsAt: state.endsAt.toISOString(),
      softCloseMs: state.softCloseMs,
      participants: participantRows.length,
    },
    at: input.now,
  });
  await emit(tx, 'auction.scheduled', {
    auctionId: id,
    listingId: input.listingId,
    startsAt: state.startsAt.toISOString(),
    endsAt: state.endsAt.toISOString(),
    startPriceFen: state.startPriceFen,
    participants: participantRows.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
  });
  // The seller of a direct auction learns when it starts (and may still set increment and reserve
  // until then: `seller` sends it to the manage page). A window hand-over tells its seller and
  // bidders itself (claims.ts closeWindow); bidders who register later hear at registration.
  if ((input.origin ?? 'window') === 'direct') {
    const seller = await sellerOf(tx, input.listingId);
    await notify(
      tx,
      { orgIds: [seller.organisationId] },
      'auction_scheduled',
      { listingId: input.listingId, listingTitle: seller.title, priceFen: state.startPriceFen, at: state.startsAt },
      input.now,
      { auctionId: id, seller: true },
    );
  }
  return id;
}

// ---- Locking and state -----------------------------------------------------------------------------

async function lockAuction(tx: Tx, id: string): Promise<Auction> {
  const [row] = await tx.select().from(auctions).where(eq(auctions.id, id)).for('update');
  if (!row) throw new AppError('AUCTION_NOT_FOUND');
  return row;
}

/** The server clock after the lock, at the millisecond precision the hash chain records. */
async function clock(tx: DbOrTx): Promise<Date> {
  const r = await tx.execute<{ now: string }>(sql`select ${NOW_MS} as now`);
  return new Date(Number(r.rows[0]!.now));
}

// Raw statements get timestamps as epoch milliseconds: drizzle's driver hands timestamps over as text.
const NOW_MS = sql.raw(`floor(extract(epoch from clock_timestamp()) * 1000)::int8`);

export function stateOf(row: Auction): AuctionState {
  return {
    id: row.id,
    status: row.status,
    startPriceFen: row.startPriceFen,
    incrementFen: row.incrementFen,
    reservePriceFen: row.reservePriceFen,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    softCloseMs: row.softCloseMs,
    currentPriceFen: row.currentPriceFen,
    leaderParticipantId: row.leaderParticipantId,
    seq: row.seq,
    hashHead: row.hashHead,
  };
}

async function sellerOf(tx: DbOrTx, listingId: string): Promise<{ organisationId: string; title: string }> {
  const [l] = await tx
    .select({ organisationId: listings.organisationId, title: listings.title })
    .from(listings)
    .where(eq(listings.id, listingId));
  if (!l) throw new AppError('LISTING_NOT_FOUND');
  return l;
}

function isSellerOrOperator(actor: Actor, sellerOrgId: string): boolean {
  return actor.type === 'operator' || (actor.type === 'member' && actor.orgId === sellerOrgId);
}

// ---- Registration, terms and deposits (before the start) -------------------------------------------

/**
 * A verified enterprise other than the seller registers for an auction-priced listing's auction
 * before it starts (issue 6 §1). Window hand-overs take their claimants only.
 */
export async function register(ctx: ServiceContext, actor: MemberActor, auctionId: string) {
  if (actor.orgKind !== 'enterprise') throw new AppError('WRONG_ORG_KIND');
  if (actor.orgVerification !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.origin !== 'direct' || row.status !== 'scheduled' || now >= row.startsAt) {
      throw new AppError('AUCTION_REGISTRATION_CLOSED');
    }
    const seller = await sellerOf(tx, row.listingId);
    if (seller.organisationId === actor.orgId) throw new AppError('SELLER_CANNOT_BID');
    const [existing] = await tx
      .select({ id: auctionParticipants.id })
      .from(auctionParticipants)
      .where(and(eq(auctionParticipants.auctionId, auctionId), eq(auctionParticipants.organisationId, actor.orgId)));
    if (existing) throw new AppError('AUCTION_ALREADY_REGISTERED');
    // Positions are gapless because the auction row is locked while we count.
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auctionId));
    const [org] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.orgId));
    const [p] = await tx
      .insert(auctionParticipants)
      .values({
        auctionId,
        organisationId: actor.orgId,
        displayName: org?.name ?? '',
        source: 'registration',
        position: n,
        alias: aliasFor(auctionId, n, row.aliasSecret),
        depositRequired: row.depositFen !== null,
        depositFen: row.depositFen,
        registeredBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'auction.register',
      targetType: 'auction',
      targetId: auctionId,
      details: { participantId: p!.id },
      at: now,
    });
    // The organisation's inbox keeps its 竞买号 and the start time (its colleagues bid with it too).
    await notify(
      tx,
      { orgIds: [actor.orgId] },
      'auction_scheduled',
      {
        listingId: row.listingId,
        listingTitle: seller.title,
        alias: p!.alias,
        priceFen: row.startPriceFen,
        at: row.startsAt,
      },
      now,
      { auctionId },
    );
    return p!;
  });
}

export interface TermsPatch {
  incrementFen?: number;
  reservePriceFen?: number | null;
}

/**
 * The seller or an operator sets the increment and the hidden reserve (保留价) while the auction is
 * still scheduled; once bidding starts the terms are fixed. Listings approved into auction get the
 * defaults (increment 1 % of the start price, no reserve), so this is where a seller sets its own.
 */
export async function updateTerms(ctx: ServiceContext, actor: Actor, auctionId: string, patch: TermsPatch) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const seller = await sellerOf(tx, row.listingId);
    if (!isSellerOrOperator(actor, seller.organisationId)) throw new AppError('FORBIDDEN');
    const now = await clock(tx);
    if (row.status !== 'scheduled' || now >= row.startsAt) throw new AppError('AUCTION_TERMS_LOCKED');
    const next = {
      incrementFen: patch.incrementFen ?? row.incrementFen,
      reservePriceFen: patch.reservePriceFen === undefined ? row.reservePriceFen : patch.reservePriceFen,
    };
    // Same checks as at creation.
    initialAuctionState({ ...stateOf(row), ...next, endsAt: row.initialEndsAt });
    await tx
      .update(auctions)
      .set({ ...next, updatedAt: now })
      .where(eq(auctions.id, auctionId));
    await writeAudit(tx, {
      actor,
      action: 'auction.terms',
      targetType: 'auction',
      targetId: auctionId,
      details: {
        incrementFen: { from: row.incrementFen, to: next.incrementFen },
        // The reserve is secret from bidders but not from the audit trail.
        reservePriceFen: { from: row.reservePriceFen, to: next.reservePriceFen },
      },
      at: now,
    });
  });
}

/** An operator requires a deposit (保证金) of every participant, or lifts the requirement, before the start. */
export async function setDeposit(
  ctx: ServiceContext,
  actor: OperatorActor,
  auctionId: string,
  depositFen: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.status !== 'scheduled' || now >= row.startsAt) throw new AppError('AUCTION_TERMS_LOCKED');
    await tx.update(auctions).set({ depositFen, updatedAt: now }).where(eq(auctions.id, auctionId));
    await tx
      .update(auctionParticipants)
      .set({ depositRequired: depositFen !== null, depositFen })
      .where(eq(auctionParticipants.auctionId, auctionId));
    await writeAudit(tx, {
      actor,
      action: 'auction.deposit_required',
      targetType: 'auction',
      targetId: auctionId,
      details: { from: row.depositFen, to: depositFen },
      at: now,
    });
  });
}

/** An operator confirms that a participant's deposit arrived; from then on it may bid. */
export async function confirmDeposit(
  ctx: ServiceContext,
  actor: OperatorActor,
  auctionId: string,
  participantId: string,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    if (row.status !== 'scheduled' && row.status !== 'live')
      throw new AppError('INVALID_STATE', { status: row.status });
    const [p] = await tx
      .select()
      .from(auctionParticipants)
      .where(and(eq(auctionParticipants.id, participantId), eq(auctionParticipants.auctionId, auctionId)));
    if (!p) throw new AppError('PARTICIPANT_NOT_FOUND');
    if (!p.depositRequired) throw new AppError('INVALID_STATE', { reason: 'deposit_not_required' });
    if (p.depositConfirmedAt) return p;
    const [updated] = await tx
      .update(auctionParticipants)
      .set({ depositConfirmedAt: now, depositConfirmedBy: actor.userId })
      .where(eq(auctionParticipants.id, participantId))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'auction.deposit_confirmed',
      targetType: 'auction',
      targetId: auctionId,
      details: { participantId, depositFen: p.depositFen },
      at: now,
    });
    return updated!;
  });
}

// ---- Bids ------------------------------------------------------------------------------------------

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

// ---- Start and close (timer jobs, the sweeper, and tests call these) ------------------------------

export type StartOutcome = { started: true; endsAt: Date } | { started: false; reason: string; startsAt?: Date };

/** scheduled → live once its start time has come. Safe to run any number of times. */
export async function startAuction(
  db: Db,
  signals: AuctionSignals,
  auctionId: string,
  onSignalError?: (err: unknown) => void,
): Promise<StartOutcome> {
  const outcome = await db.transaction(async (tx): Promise<StartOutcome> => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    const d = decideStart(stateOf(row), now);
    if (d.refused) return { started: false, reason: d.refused.code, startsAt: row.startsAt };
    const updated = await tx
      .update(auctions)
      .set({ status: 'live', startedAt: now, updatedAt: now })
      .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'scheduled'), sql`${auctions.startsAt} <= ${now}`))
      .returning({ id: auctions.id });
    if (updated.length !== 1) return { started: false, reason: 'INVALID_STATE' };
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'auction.start',
      targetType: 'auction',
      targetId: auctionId,
      beforeStatus: 'scheduled',
      afterStatus: 'live',
      at: now,
    });
    await emit(tx, 'auction.started', { auctionId, listingId: row.listingId, endsAt: row.endsAt.toISOString() });
    await notifyStarted(tx, row, now);
    return { started: true, endsAt: row.endsAt };
  });
  if (outcome.started) {
    const row = await db.select({ startsAt: auctions.startsAt }).from(auctions).where(eq(auctions.id, auctionId));
    await afterCommit(
      [
        signals.publish(auctionId, {
          type: 'started',
          startsAt: row[0]!.startsAt.toISOString(),
          endsAt: outcome.endsAt.toISOString(),
        }),
        signals.scheduleClose(auctionId, outcome.endsAt),
      ],
      onSignalError,
    );
  }
  return outcome;
}

export interface CloseSummaryRow {
  status: 'closed' | 'unsold';
  result: CloseResult;
  winner: string | null;
  winnerParticipantId: string | null;
  priceFen: number | null;
  hashHead: string;
  bidCount: number;
  closedAt: Date;
  endsAt: Date;
}

export type CloseOutcome =
  | { closed: true; summary: CloseSummaryRow }
  | { closed: false; reason: 'AUCTION_NOT_ENDED'; endsAt: Date }
  | { closed: false; reason: 'INVALID_STATE' | 'AUCTION_NOT_STARTED'; status: string };

/**
 * live → closed (winner, if the reserve is met) | unsold, once the end has passed; the listing
 * moves to `matched` or `unsold` in the same transaction (DESIGN §5). The write is one guarded
 * update (`status = 'live' AND ends_at <= now`), so however often and however concurrently the
 * close job fires, exactly one close happens. An auction whose start never ran is started first.
 */
export async function closeAuction(
  db: Db,
  signals: AuctionSignals,
  auctionId: string,
  onSignalError?: (err: unknown) => void,
): Promise<CloseOutcome> {
  const outcome = await db.transaction(async (tx): Promise<CloseOutcome> => {
    const row = await lockAuction(tx, auctionId);
    const now = await clock(tx);
    let state = stateOf(row);
    if (state.status === 'scheduled') {
      const s = decideStart(state, now);
      if (s.refused) return { closed: false, reason: 'AUCTION_NOT_STARTED', status: state.status };
      if (now < state.endsAt) return { closed: false, reason: 'AUCTION_NOT_ENDED', endsAt: state.endsAt };
      state = s.accepted.newState;
      await tx
        .update(auctions)
        .set({ status: 'live', startedAt: now, updatedAt: now })
        .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'scheduled')));
      // Started and closed at once (its start never ran and nobody could bid): the close says it all.
    }
    const d = decideClose(state, now);
    if (d.refused) {
      return d.refused.code === 'AUCTION_NOT_ENDED'
        ? { closed: false, reason: 'AUCTION_NOT_ENDED', endsAt: state.endsAt }
        : { closed: false, reason: 'INVALID_STATE', status: state.status };
    }
    const { newState, result, winnerParticipantId, priceFen } = d.accepted;
    const status = newState.status as 'closed' | 'unsold';
    const guarded = await tx
      .update(auctions)
      .set({ status, result, winnerParticipantId, closedAt: now, updatedAt: now })
      .where(and(eq(auctions.id, auctionId), eq(auctions.status, 'live'), sql`${auctions.endsAt} <= ${now}`))
      .returning({ id: auctions.id });
    if (guarded.length !== 1) return { closed: false, reason: 'INVALID_STATE', status: state.status };

    const parts = await tx
      .select({
        id: auctionParticipants.id,
        organisationId: auctionParticipants.organisationId,
        alias: auctionParticipants.alias,
        displayName: auctionParticipants.displayName,
      })
      .from(auctionParticipants)
      .where(eq(auctionParticipants.auctionId, auctionId));
    const winner = parts.find((p) => p.id === winnerParticipantId) ?? null;
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'auction.close',
      targetType: 'auction',
      targetId: auctionId,
      beforeStatus: 'live',
      afterStatus: status,
      details: { result, priceFen, winnerParticipantId, bids: state.seq, hashHead: state.hashHead },
      at: now,
    });

    // The listing follows (DESIGN §5: auction → matched | unsold), if it is still in auction — an
    // operator may have taken it down meanwhile, and then the result stands only in the auction.
    const [listing] = await tx.select().from(listings).where(eq(listings.id, row.listingId)).for('no key update');
    if (listing && listing.status === 'auction') {
      const to = listingStatusAfterClose(result);
      // A sale records its match like every other route to `matched`: the deal form (措施四) reads
      // the counterparty and price from it.
      const match =
        to === 'matched' && winner && priceFen !== null
          ? {
              matchedOrgId: winner.organisationId,
              matchedName: winner.displayName,
              matchedPriceFen: priceFen,
              matchedAt: now,
              matchRoute: 'auction' as const,
            }
          : {};
      await tx
        .update(listings)
        .set({ status: to, version: listing.version + 1, updatedAt: now, ...match })
        .where(eq(listings.id, listing.id));
      await writeAudit(tx, {
        actor: { type: 'system' },
        action: 'listing.auction_close',
        targetType: 'listing',
        targetId: listing.id,
        beforeStatus: 'auction',
        afterStatus: to,
        details: {
          version: listing.version + 1,
          auctionId,
          result,
          priceFen,
          winnerOrgId: winner?.organisationId ?? null,
        },
        at: now,
      });
      await emit(tx, 'listing.auction_close', {
        listingId: listing.id,
        organisationId: listing.organisationId,
        kind: listing.kind,
        from: 'auction',
        to,
        version: listing.version + 1,
        reason: null,
      });
    }
    // Everyone involved is told (the seller, every participant): the notification inbox reads this.
    await emit(tx, 'auction.closed', {
      auctionId,
      listingId: row.listingId,
      sellerOrgId: listing?.organisationId ?? null,
      status,
      result,
      priceFen,
      winnerParticipantId,
      winnerOrgId: winner?.organisationId ?? null,
      winnerAlias: winner?.alias ?? null,
      participants: parts.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
      hashHead: state.hashHead,
      bidCount: state.seq,
    });
    const seller = await sellerOf(tx, row.listingId);
    await notifyClosed(tx, {
      auctionId,
      listingId: row.listingId,
      listingTitle: seller.title,
      sellerOrgId: seller.organisationId,
      result,
      priceFen,
      winner,
      participants: parts,
      // Deposits (保证金) are the operators' to refund or apply once the auction is over.
      operators: row.depositFen !== null,
      at: now,
    });
    return {
      closed: true,
      summary: {
        status,
        result,
        winner: winner?.alias ?? null,
        winnerParticipantId,
        priceFen,
        hashHead: state.hashHead,
        bidCount: state.seq,
        closedAt: now,
        endsAt: state.endsAt,
      },
    };
  });
  if (outcome.closed) {
    const s = outcome.summary;
    await afterCommit(
      [
        signals.publish(auctionId, {
          type: 'closed',
          seq: s.bidCount,
          result: {
            status: s.status,
            result: s.result,
            winner: s.winner,
            priceFen: s.priceFen,
            hashHead: s.hashHead,
            bidCount: s.bidCount,
            closedAt: s.closedAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
          },
        }),
      ],
      onSignalError,
    );
  }
  return outcome;
}

/**
 * Stops the pending or running auction of a listing an operator takes down, in the take-down's
 * transaction: unsold with result `taken_down`, so no bid is accepted after it and no winner comes of
 * it. The live rooms learn it on their next heartbeat. Returns the auction id, if there was one.
 */
/** Locks a listing's scheduled or live auction, if any (FOR UPDATE), before its listing is locked. */
export async function lockOpenAuctions(tx: Tx, listingId: string): Promise<void> {
  await tx
    .select({ id: auctions.id })
    .from(auctions)
    .where(and(eq(auctions.listingId, listingId), inArray(auctions.status, ['scheduled', 'live'])))
    .for('update');
}

export async function terminateForTakeDown(tx: Tx, listingId: string, actor: Actor, now: Date): Promise<string | null> {
  const [row] = await tx
    .select()
    .from(auctions)
    .where(and(eq(auctions.listingId, listingId), inArray(auctions.status, ['scheduled', 'live'])))
    .for('update');
  if (!row) return null;
  const d = decideTerminate(stateOf(row));
  if (d.refused) return null;
  await tx
    .update(auctions)
    .set({ status: 'unsold', result: 'taken_down', winnerParticipantId: null, closedAt: now, updatedAt: now })
    .where(and(eq(auctions.id, row.id), inArray(auctions.status, ['scheduled', 'live'])));
  await writeAudit(tx, {
    actor,
    action: 'auction.terminate',
    targetType: 'auction',
    targetId: row.id,
    beforeStatus: row.status,
    afterStatus: 'unsold',
    details: { reason: 'listing_taken_down', bids: row.seq, hashHead: row.hashHead },
    at: now,
  });
  const [seller] = await tx
    .select({ organisationId: listings.organisationId })
    .from(listings)
    .where(eq(listings.id, listingId));
  const parts = await tx
    .select({
      organisationId: auctionParticipants.organisationId,
      alias: auctionParticipants.alias,
      source: auctionParticipants.source,
    })
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, row.id));
  // Claimants hear of the take-down as responders to the listing (listings.ts takeDownListing); the
  // registered bidders and a negotiated counterparty hear it here. The seller is told by the take-down.
  const [listing] = await tx.select({ title: listings.title }).from(listings).where(eq(listings.id, listingId));
  await notify(
    tx,
    { orgIds: parts.filter((p) => p.source !== 'claim').map((p) => p.organisationId) },
    'auction_closed',
    { listingId, listingTitle: listing?.title ?? '', closeResult: 'taken_down' },
    now,
    { auctionId: row.id },
  );
  await emit(tx, 'auction.closed', {
    auctionId: row.id,
    listingId,
    sellerOrgId: seller?.organisationId ?? null,
    participants: parts.map((p) => ({ organisationId: p.organisationId, alias: p.alias })),
    winnerOrgId: null,
    winnerAlias: null,
    status: 'unsold',
    result: 'taken_down',
    priceFen: null,
    winnerParticipantId: null,
    hashHead: row.hashHead,
    bidCount: row.seq,
  });
  return row.id;
}

// ---- Notifications (issue 6: everyone involved is notified, in the change's transaction) -----------

/** scheduled → live: every bidder (with its own 竞买号) and the seller, in one statement. */
async function notifyStarted(tx: Tx, row: Auction, at: Date): Promise<void> {
  const seller = await sellerOf(tx, row.listingId);
  const parts = await tx
    .select({ organisationId: auctionParticipants.organisationId, alias: auctionParticipants.alias })
    .from(auctionParticipants)
    .where(eq(auctionParticipants.auctionId, row.id));
  const base = { listingId: row.listingId, listingTitle: seller.title, priceFen: row.startPriceFen, at: row.endsAt };
  const data = { auctionId: row.id };
  await notifyEach(
    tx,
    [
      { recipients: { orgIds: [seller.organisationId] }, kind: 'auction_started', params: base, data },
      ...parts
        .filter((p) => p.organisationId)
        .map((p) => ({
          recipients: { orgIds: [p.organisationId] },
          kind: 'auction_started' as const,
          params: { ...base, alias: p.alias },
          data,
        })),
    ],
    at,
  );
}

interface CloseNotice {
  auctionId: string;
  listingId: string;
  listingTitle: string;
  sellerOrgId: string;
  result: CloseResult;
  priceFen: number | null;
  winner: { id: string; organisationId: string | null; alias: string; displayName: string } | null;
  participants: Array<{ id: string; organisationId: string | null }>;
  operators: boolean;
  at: Date;
}

/**
 * live → closed | unsold: the winner (auction_won), every other bidder (the price and the winning
 * 竞买号, never the winner's name), the seller (and operators, when deposits are held) with the
 * winner's organisation, which they may see after the close (DESIGN §9). One statement.
 */
async function notifyClosed(tx: Tx, c: CloseNotice): Promise<void> {
  const base = { listingId: c.listingId, listingTitle: c.listingTitle, closeResult: c.result, priceFen: c.priceFen };
  const data = { auctionId: c.auctionId, result: c.result, priceFen: c.priceFen };
  const others = c.participants.filter((p) => p.id !== c.winner?.id).map((p) => p.organisationId);
  const named = { ...base, alias: c.winner?.alias ?? null, orgName: c.winner?.displayName ?? null };
  await notifyEach(
    tx,
    [
      ...(c.winner?.organisationId
        ? [
            {
              recipients: { orgIds: [c.winner.organisationId] },
              kind: 'auction_won' as const,
              params: { ...base, alias: c.winner.alias },
              data,
            },
          ]
        : []),
      { recipients: { orgIds: others }, kind: 'auction_closed', params: { ...base, alias: c.winner?.alias }, data },
      { recipients: { orgIds: [c.sellerOrgId], operators: c.operators }, kind: 'auction_closed', params: named, data },
    ],
    c.at,
  );
}

/**
 * The safety net under the timer jobs: starts every scheduled auction whose start has passed and
 * closes every live one whose end has passed (partial indexes auctions_scheduled_idx / _live_idx).
 */
export async function sweepOverdue(
  db: Db,
  signals: AuctionSignals,
  onSignalError?: (err: unknown) => void,
): Promise<{ started: number; closed: number }> {
  let started = 0;
  let closed = 0;
  const due = await db.execute<{ id: string; status: string }>(sql`
    (select id, status from auctions where status = 'scheduled' and starts_at <= clock_timestamp() order by starts_at limit 100)
    union all
    (select id, status from auctions where status = 'live' and ends_at <= clock_timestamp() order by ends_at limit 100)`);
  for (const { id, status } of due.rows) {
    if (status === 'scheduled' && (await startAuction(db, signals, id, onSignalError)).started) started++;
    if ((await closeAuction(db, signals, id, onSignalError)).closed) closed++;
  }
  return { started, closed };
}

/** Scheduled and live auctions with their timer instants: what the reconciler makes sure has a job. */
export async function pendingTimers(
  db: DbOrTx,
): Promise<Array<{ id: string; status: string; startsAt: Date; endsAt: Date }>> {
  return db
    .select({ id: auctions.id, status: auctions.status, startsAt: auctions.startsAt, endsAt: auctions.endsAt })
    .from(auctions)
    .where(inArray(auctions.status, ['scheduled', 'live']));
}
