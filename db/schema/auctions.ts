// Auctions (DESIGN §5 "Auction", issue 6): the auction row is the single point every bid locks
// (SELECT … FOR UPDATE), so validation and write are one serialised step; the bid log is append-only
// with a gapless per-auction seq and a hash chain (domain/auction-chain.ts); refusals are stored
// against their idempotency key so a retry gets the first answer again.
//
// Auctions come from two places: the listing window hands over a listing claimed by several parties
// (origin `window`, participants = the claimants), and an operator approves a listing priced by
// auction (origin `direct`, verified enterprises register before the start). Both go through
// server/auctions/service.ts createAuction.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  AUCTION_ORIGINS,
  AUCTION_PARTICIPANT_SOURCES,
  AUCTION_STATUSES,
  CLOSE_RESULTS,
  type AuctionOrigin,
  type AuctionParticipantSource,
  type AuctionRefusalCode,
  type AuctionStatus,
  type CloseResult,
} from '../../domain/auctions.js';
import { claims } from './lifecycle.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { organisations, users } from './organisations.js';

export const auctions = pgTable(
  'auctions',
  {
    // Chosen by createAuction before the insert: the genesis hash and the aliases derive from it.
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    origin: text('origin').$type<AuctionOrigin>().notNull(),
    status: text('status').$type<AuctionStatus>().notNull().default('scheduled'),
    startPriceFen: bigint('start_price_fen', { mode: 'number' }).notNull(),
    incrementFen: bigint('increment_fen', { mode: 'number' }).notNull(),
    // Hidden reserve (保留价); null = none. Shown to the seller and operators, to bidders never
    // (only whether there is one), and published in the record after close.
    reservePriceFen: bigint('reserve_price_fen', { mode: 'number' }),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    // The end as scheduled, before any soft-close extension: what a verifier replays from.
    initialEndsAt: timestamp('initial_ends_at', { withTimezone: true, precision: 3 }).notNull(),
    // The current end; a bid with less than soft_close_ms left moves it to bid time + window. All three
    // instants are kept to the millisecond, the precision of bid times and of the hash chain.
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    softCloseMs: integer('soft_close_ms').notNull(),
    currentPriceFen: bigint('current_price_fen', { mode: 'number' }),
    leaderParticipantId: uuid('leader_participant_id').references((): AnyPgColumn => auctionParticipants.id),
    // Number of accepted bids = seq of the last one; hash_head = hash of the last one (or genesis).
    seq: integer('seq').notNull().default(0),
    hashHead: text('hash_head').notNull(),
    // Per-auction key of the 竞买号 permutation (domain/auction-aliases.ts aliasFor); never leaves
    // the server.
    aliasSecret: text('alias_secret').notNull(),
    // 保证金: when set, a participant may bid only once an operator confirmed its deposit.
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    // Set by the close.
    result: text('result').$type<CloseResult>(),
    winnerParticipantId: uuid('winner_participant_id').references((): AnyPgColumn => auctionParticipants.id),
    startedAt: timestamp('started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('auctions_status_check', oneOf(t.status, AUCTION_STATUSES)),
    check('auctions_origin_check', oneOf(t.origin, AUCTION_ORIGINS)),
    check('auctions_result_check', oneOf(t.result, CLOSE_RESULTS)),
    check(
      'auctions_amounts_check',
      sql`${t.startPriceFen} > 0 and ${t.incrementFen} > 0 and (${t.reservePriceFen} is null or ${t.reservePriceFen} >= 0) and (${t.depositFen} is null or ${t.depositFen} > 0)`,
    ),
    check('auctions_period_check', sql`${t.initialEndsAt} > ${t.startsAt} and ${t.endsAt} >= ${t.initialEndsAt}`),
    check('auctions_seq_check', sql`${t.seq} >= 0`),
    check('auctions_soft_close_check', sql`${t.softCloseMs} >= 0`),
    // A price exactly when there is a leader; a result exactly when the auction is over.
    check('auctions_leader_check', sql`(${t.currentPriceFen} is null) = (${t.leaderParticipantId} is null)`),
    check('auctions_result_shape_check', sql`(${t.result} is null) = (${t.status} in ('scheduled', 'live'))`),
    check('auctions_winner_check', sql`(${t.winnerParticipantId} is not null) = (${t.result} = 'sold')`),
    // At most one auction of a listing is pending or running.
    uniqueIndex('auctions_listing_active_key')
      .on(t.listingId)
      .where(sql`status in ('scheduled', 'live')` as SQL),
    index('auctions_listing_idx').on(t.listingId),
    index('auctions_leader_idx').on(t.leaderParticipantId),
    index('auctions_winner_idx').on(t.winnerParticipantId),
    // The sweeper (workers/auctions.ts): scheduled auctions due to start, live ones due to close.
    index('auctions_scheduled_idx')
      .on(t.startsAt)
      .where(sql`status = 'scheduled'`),
    index('auctions_live_idx')
      .on(t.endsAt)
      .where(sql`status = 'live'`),
  ],
);

export const auctionParticipants = pgTable(
  'auction_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    // Null for a negotiated counterparty not registered on the platform: it cannot bid online until
    // an operator links it.
    organisationId: uuid('organisation_id').references(() => organisations.id),
    displayName: text('display_name').notNull(),
    source: text('source').$type<AuctionParticipantSource>().notNull(),
    // The claim (摘牌) a window hand-over came from.
    claimId: uuid('claim_id').references(() => claims.id),
    // Registration order (0-based, gapless per auction) and the 竞买号 derived from it.
    position: integer('position').notNull(),
    alias: text('alias').notNull(),
    depositRequired: boolean('deposit_required').notNull().default(false),
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    depositConfirmedAt: timestamp('deposit_confirmed_at', { withTimezone: true }),
    depositConfirmedBy: uuid('deposit_confirmed_by').references(() => users.id),
    registeredBy: uuid('registered_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('auction_participants_source_check', oneOf(t.source, AUCTION_PARTICIPANT_SOURCES)),
    check('auction_participants_deposit_check', sql`${t.depositFen} is null or ${t.depositFen} > 0`),
    check('auction_participants_position_check', sql`${t.position} >= 0`),
    uniqueIndex('auction_participants_alias_key').on(t.auctionId, t.alias),
    uniqueIndex('auction_participants_position_key').on(t.auctionId, t.position),
    uniqueIndex('auction_participants_org_key').on(t.auctionId, t.organisationId),
    index('auction_participants_organisation_idx').on(t.organisationId),
    index('auction_participants_claim_idx').on(t.claimId),
    index('auction_participants_deposit_confirmed_by_idx').on(t.depositConfirmedBy),
    index('auction_participants_registered_by_idx').on(t.registeredBy),
  ],
);

// The bid log: append-only, one row per accepted bid. (auction_id, seq) is the key, so a seq can
// never be taken twice; gaplessness comes from seq = auctions.seq + 1 under the row lock.
export const bids = pgTable(
  'bids',
  {
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    seq: integer('seq').notNull(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => auctionParticipants.id),
    // The 竞买号, as hashed into the chain.
    bidder: text('bidder').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    // Server arrival time, millisecond precision (what the hash records).
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    // The auction's end after this bid (moved when the bid fell inside the soft-close window).
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    // Who pressed the button (attribution, 措施十四); never published.
    userId: uuid('user_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.auctionId, t.seq] }),
    check('bids_seq_check', sql`${t.seq} >= 1`),
    check('bids_amount_check', sql`${t.amountFen} > 0`),
    uniqueIndex('bids_idempotency_key').on(t.auctionId, t.idempotencyKey),
    index('bids_participant_idx').on(t.participantId),
    index('bids_user_idx').on(t.userId),
  ],
);

// Refused bids, kept only so that a retry with the same idempotency key gets the same answer. They
// are not part of the bid log.
export const bidRefusals = pgTable(
  'bid_refusals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auctionId: uuid('auction_id')
      .notNull()
      .references(() => auctions.id),
    idempotencyKey: text('idempotency_key').notNull(),
    participantId: uuid('participant_id').references(() => auctionParticipants.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    code: text('code').$type<AuctionRefusalCode>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex('bid_refusals_idempotency_key').on(t.auctionId, t.idempotencyKey),
    index('bid_refusals_participant_idx').on(t.participantId),
    index('bid_refusals_organisation_idx').on(t.organisationId),
    index('bid_refusals_user_idx').on(t.userId),
  ],
);

export type Auction = typeof auctions.$inferSelect;
export type AuctionParticipant = typeof auctionParticipants.$inferSelect;
export type Bid = typeof bids.$inferSelect;
export type BidRefusal = typeof bidRefusals.$inferSelect;
