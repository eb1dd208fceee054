// The pay-later pool (先用后付成果池) and pay-later licences (先使用后付费许可), 措施五.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { INDUSTRY_FIELDS, type IndustryField } from '../../domain/constants/listings.js';
import {
  PAYLATER_APPLICATION_STATUSES,
  PAYLATER_LICENCE_STATUSES,
  PAYLATER_PARTIES,
  PAYMENT_TIMINGS,
  POOL_EDITION_CHANGES,
  POOL_REASONS,
  POOL_REMOVAL_REASONS,
  type PayLaterApplicationStatus,
  type PayLaterLicenceStatus,
  type PayLaterParty,
  type PaymentTiming,
  type PoolEditionChange,
  type PoolReason,
  type PoolRemovalReason,
} from '../../domain/constants/pool.js';
import { REGIONS, type Region } from '../../domain/constants/organisations.js';
import { type IpType } from '../../domain/constants/results.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { organisations, users } from './organisations.js';
import { results } from './results.js';

/**
 * One row per stay of a result in the pool: included (by the daily scan or voluntarily), later
 * perhaps removed. At most one open stay per result; history is kept, so a result that leaves and
 * returns has two rows.
 */
export const poolEntries = pgTable(
  'pool_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    reason: text('reason').$type<PoolReason>().notNull(),
    includedAt: timestamp('included_at', { withTimezone: true }).notNull(),
    // Null for the scan (the system).
    includedBy: uuid('included_by').references(() => users.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removalReason: text('removal_reason').$type<PoolRemovalReason>(),
  },
  (t) => [
    check('pool_entries_reason_check', oneOf(t.reason, POOL_REASONS)),
    check('pool_entries_removal_reason_check', oneOf(t.removalReason, POOL_REMOVAL_REASONS)),
    check('pool_entries_removal_check', sql`(${t.removedAt} is null) = (${t.removalReason} is null)`),
    // One open stay per result; the scan's insert relies on it (on conflict do nothing).
    uniqueIndex('pool_entries_open_result_key')
      .on(t.resultId)
      .where(sql`removed_at is null`),
    index('pool_entries_result_idx').on(t.resultId),
    // Partial: the scan's entries have no user, and the index need not grow with them.
    index('pool_entries_included_by_idx')
      .on(t.includedBy)
      .where(sql`included_by is not null`),
  ],
);

/**
 * An institution's stated decision that a result stays out of the pool (措施五 says "原则上"; the
 * institution may have reasons). Withdrawn when the institution includes the result after all.
 */
export const poolOptOuts = pgTable(
  'pool_opt_outs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    reason: text('reason').notNull(),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull(),
    optedOutBy: uuid('opted_out_by')
      .notNull()
      .references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [
    check('pool_opt_outs_reason_check', sql`length(${t.reason}) between 2 and 1000`),
    // The scan's "not opted out" test: one open opt-out per result.
    uniqueIndex('pool_opt_outs_open_result_key')
      .on(t.resultId)
      .where(sql`withdrawn_at is null`),
    index('pool_opt_outs_result_idx').on(t.resultId),
    index('pool_opt_outs_opted_out_by_idx').on(t.optedOutBy),
    index('pool_opt_outs_withdrawn_by_idx').on(t.withdrawnBy),
  ],
);

/** A numbered, published snapshot of the pool (成果池发布). Exactly one per scheduled period. */
export const poolEditions = pgTable(
  'pool_editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').notNull(),
    // The scheduled run it belongs to (domain/pool.ts editionPeriodKey); unique, so two workers
    // publishing the same period leave one edition.
    periodKey: text('period_key').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    // The Shanghai day whose pool it shows.
    asOf: date('as_of').notNull(),
    entryCount: integer('entry_count').notNull(),
    addedCount: integer('added_count').notNull(),
    removedCount: integer('removed_count').notNull(),
  },
  (t) => [
    uniqueIndex('pool_editions_number_key').on(t.number),
    uniqueIndex('pool_editions_period_key').on(t.periodKey),
    check('pool_editions_number_check', sql`${t.number} >= 1`),
  ],
);

/**
 * The content of an edition as published: the fields a reader saw, copied at publication so a later
 * edit of the result does not rewrite a published edition. For the same reason the result and the
 * institution are recorded by id without foreign keys: a published document does not depend on live
 * rows (results are never deleted anyway), and two referential checks per row would nearly double
 * the time to publish a pool of a million results (bench/pool.ts).
 */
export const poolEditionItems = pgTable(
  'pool_edition_items',
  {
    editionId: uuid('edition_id')
      .notNull()
      .references(() => poolEditions.id, { onDelete: 'cascade' }),
    resultId: uuid('result_id').notNull(),
    change: text('change').$type<PoolEditionChange>().notNull(),
    institutionId: uuid('institution_id').notNull(),
    institutionName: text('institution_name').notNull(),
    region: text('region').$type<Region>(),
    title: text('title').notNull(),
    field: text('field').$type<IndustryField>().notNull(),
    firstGrantDate: date('first_grant_date'),
    ipItems: jsonb('ip_items').$type<{ type: IpType; number: string; grantDate: string | null }[]>().notNull(),
    reason: text('reason').$type<PoolReason>().notNull(),
    includedAt: timestamp('included_at', { withTimezone: true }).notNull(),
    removalReason: text('removal_reason').$type<PoolRemovalReason>(),
    // 措施十五: set when the result became 涉密 after publication; downloads and pages then show a
    // redaction line with this date in the row's place, never its title, institution or numbers.
    redactedOn: date('redacted_on'),
  },
  (t) => [
    // Also serves the edition_id foreign key.
    primaryKey({ columns: [t.editionId, t.resultId] }),
    check('pool_edition_items_change_check', oneOf(t.change, POOL_EDITION_CHANGES)),
    check('pool_edition_items_reason_check', oneOf(t.reason, POOL_REASONS)),
    check('pool_edition_items_removal_reason_check', oneOf(t.removalReason, POOL_REMOVAL_REASONS)),
    check('pool_edition_items_field_check', oneOf(t.field, INDUSTRY_FIELDS)),
    check('pool_edition_items_region_check', oneOf(t.region, REGIONS)),
    // An edition's pages and downloads: items of one change in title order, read in keyset batches.
    index('pool_edition_items_change_idx').on(t.editionId, t.change, t.title, t.resultId),
  ],
);

// ---- Pay-later licences (先使用后付费许可) ----

const termColumns = () => ({
  // 许可费用: a lump sum in 分 and/or a royalty in basis points of sales; at least one (checked).
  feeFen: bigint('fee_fen', { mode: 'number' }),
  royaltyBp: integer('royalty_bp'),
  // 支付时间: months after signing or after first sales.
  paymentTiming: text('payment_timing').$type<PaymentTiming>().notNull(),
  paymentDelayMonths: integer('payment_delay_months').notNull(),
  termYears: integer('term_years').notNull(),
  // 支付条件.
  paymentConditions: text('payment_conditions').notNull(),
});

type TermColumns = ReturnType<typeof termColumns>;
const termChecks = (name: string, t: Record<keyof TermColumns, AnyPgColumn>) => [
  check(`${name}_payment_timing_check`, oneOf(t.paymentTiming, PAYMENT_TIMINGS)),
  check(
    `${name}_fee_check`,
    sql`(${t.feeFen} is not null and ${t.feeFen} > 0) or (${t.royaltyBp} is not null and ${t.royaltyBp} > 0)`,
  ),
  check(`${name}_fee_range_check`, sql`${t.feeFen} is null or ${t.feeFen} >= 0`),
  check(`${name}_royalty_range_check`, sql`${t.royaltyBp} is null or ${t.royaltyBp} between 0 and 10000`),
  check(`${name}_delay_check`, sql`${t.paymentDelayMonths} between 1 and 120`),
  check(`${name}_term_check`, sql`${t.termYears} between 1 and 20`),
];

/** An SME's application for a pay-later licence of a pool result, with the terms now on the table. */
export const payLaterApplications = pgTable(
  'paylater_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organisations.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').$type<PayLaterApplicationStatus>().notNull().default('pending'),
    ...termColumns(),
    // Who put the current terms on the table: the enterprise's proposal or the institution's counter.
    termsBy: text('terms_by').$type<PayLaterParty>().notNull(),
    declineReason: text('decline_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    check('paylater_applications_status_check', oneOf(t.status, PAYLATER_APPLICATION_STATUSES)),
    check('paylater_applications_terms_by_check', oneOf(t.termsBy, PAYLATER_PARTIES)),
    ...termChecks('paylater_applications', t),
    // One open negotiation per enterprise and result.
    uniqueIndex('paylater_applications_open_key')
      .on(t.enterpriseId, t.resultId)
      .where(sql`status in ('pending', 'countered')`),
    index('paylater_applications_result_idx').on(t.resultId),
    // The enterprise's and the institution's lists, newest activity first.
    index('paylater_applications_enterprise_idx').on(t.enterpriseId, t.updatedAt.desc()),
    index('paylater_applications_institution_idx').on(t.institutionId, t.updatedAt.desc()),
    index('paylater_applications_created_by_idx').on(t.createdBy),
  ],
);

/** Every set of terms put on the table, in order: the negotiation as the parties saw it. */
export const payLaterOffers = pgTable(
  'paylater_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => payLaterApplications.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    party: text('party').$type<PayLaterParty>().notNull(),
    ...termColumns(),
    message: text('message').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('paylater_offers_party_check', oneOf(t.party, PAYLATER_PARTIES)),
    ...termChecks('paylater_offers', t),
    uniqueIndex('paylater_offers_round_key').on(t.applicationId, t.round),
    index('paylater_offers_created_by_idx').on(t.createdBy),
  ],
);

/** An accepted application: the licence in force, with the agreed terms. Non-exclusive by nature. */
export const payLaterLicences = pgTable(
  'paylater_licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => payLaterApplications.id),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organisations.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').$type<PayLaterLicenceStatus>().notNull().default('active'),
    ...termColumns(),
    // The Shanghai day of acceptance (签约日) and, for terms counted from first sales, that day.
    signedOn: date('signed_on').notNull(),
    firstSalesOn: date('first_sales_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('paylater_licences_status_check', oneOf(t.status, PAYLATER_LICENCE_STATUSES)),
    ...termChecks('paylater_licences', t),
    uniqueIndex('paylater_licences_application_key').on(t.applicationId),
    index('paylater_licences_result_idx').on(t.resultId),
    index('paylater_licences_enterprise_idx').on(t.enterpriseId, t.createdAt.desc()),
    index('paylater_licences_institution_idx').on(t.institutionId, t.createdAt.desc()),
  ],
);

export type PoolEntry = typeof poolEntries.$inferSelect;
export type PoolEdition = typeof poolEditions.$inferSelect;
export type PoolEditionItem = typeof poolEditionItems.$inferSelect;
export type PayLaterApplication = typeof payLaterApplications.$inferSelect;
export type PayLaterOffer = typeof payLaterOffers.$inferSelect;
export type PayLaterLicence = typeof payLaterLicences.$inferSelect;
