// Auctions (DESIGN §5 "Auction"): created `scheduled` when a listing window hands over to auction
// (several claimants, or claimants plus a negotiated counterparty). Live bidding, the bid log and
// the start/close timers belong to the live-auction issue, which extends these tables.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  AUCTION_ORIGINS,
  AUCTION_PARTICIPANT_SOURCES,
  type AuctionOrigin,
  type AuctionParticipantSource,
} from '../../domain/constants.js';
import { AUCTION_STATUSES, type AuctionStatus } from '../../domain/auctions.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { claims } from './lifecycle.js';
import { listings } from './listings.js';
import { organisations, users } from './organisations.js';

export const auctions = pgTable(
  'auctions',
  {
    id: uuid('id').primaryKey(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    // `window`: handed over by the listing window; `direct`: an auction-priced listing.
    origin: text('origin').$type<AuctionOrigin>().notNull(),
    status: text('status').$type<AuctionStatus>().notNull().default('scheduled'),
    startPriceFen: bigint('start_price_fen', { mode: 'number' }).notNull(),
    incrementFen: bigint('increment_fen', { mode: 'number' }).notNull(),
    // Hidden reserve (保留价); null = none. Never shown to bidders.
    reservePriceFen: bigint('reserve_price_fen', { mode: 'number' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    // Soft close (延时) window in milliseconds: a bid with less left sets ends_at = bid time + window.
    softCloseMs: integer('soft_close_ms').notNull(),
    currentPriceFen: bigint('current_price_fen', { mode: 'number' }),
    leaderParticipantId: uuid('leader_participant_id').references((): AnyPgColumn => auctionParticipants.id),
    seq: integer('seq').notNull().default(0),
    hashHead: text('hash_head').notNull(),
    // Per-auction secret for the 竞买号 permutation (domain/auctions aliasFor); never published.
    aliasSecret: text('alias_secret').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('auctions_status_check', oneOf(t.status, AUCTION_STATUSES)),
    check('auctions_origin_check', oneOf(t.origin, AUCTION_ORIGINS)),
    check('auctions_amounts_check', sql`${t.startPriceFen} >= 0 and ${t.incrementFen} > 0`),
    check('auctions_period_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('auctions_seq_check', sql`${t.seq} >= 0`),
    // At most one auction of a listing is pending or running.
    uniqueIndex('auctions_listing_active_key')
      .on(t.listingId)
      .where(sql`status in ('scheduled', 'live')` as SQL),
    index('auctions_listing_idx').on(t.listingId),
    index('auctions_leader_idx').on(t.leaderParticipantId),
    // The start and close sweepers: scheduled auctions by start, live ones by end.
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
    // Null for a negotiated counterparty that is not registered on the platform (an operator links it).
    organisationId: uuid('organisation_id').references(() => organisations.id),
    displayName: text('display_name').notNull(),
    source: text('source').$type<AuctionParticipantSource>().notNull(),
    claimId: uuid('claim_id').references(() => claims.id),
    // Registration order (0-based) and the 竞买号 derived from it.
    position: integer('position').notNull(),
    alias: text('alias').notNull(),
    depositRequired: boolean('deposit_required').notNull().default(false),
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    depositConfirmedAt: timestamp('deposit_confirmed_at', { withTimezone: true }),
    depositConfirmedBy: uuid('deposit_confirmed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('auction_participants_source_check', oneOf(t.source, AUCTION_PARTICIPANT_SOURCES)),
    check('auction_participants_deposit_check', sql`${t.depositFen} is null or ${t.depositFen} >= 0`),
    uniqueIndex('auction_participants_alias_key').on(t.auctionId, t.alias),
    uniqueIndex('auction_participants_position_key').on(t.auctionId, t.position),
    uniqueIndex('auction_participants_org_key').on(t.auctionId, t.organisationId),
    index('auction_participants_organisation_idx').on(t.organisationId),
    index('auction_participants_claim_idx').on(t.claimId),
    index('auction_participants_deposit_confirmed_by_idx').on(t.depositConfirmedBy),
  ],
);

export type Auction = typeof auctions.$inferSelect;
export type AuctionParticipant = typeof auctionParticipants.$inferSelect;
