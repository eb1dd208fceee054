// The listing lifecycle of DESIGN §5: objections during the public notice, claims in the listing
// window, showcase inquiries, demand proposals, and the recorded deal with its 措施十五 export-control
// confirmation and the 措施八 reward confirmation. The deal itself is a conversion in the ledger
// (db/schema/ledger.ts). Deadlines live on `listings`; these are the
// responses and decisions around them.
import { sql } from 'drizzle-orm';
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
} from 'drizzle-orm/pg-core';
import {
  OBJECTION_STATUSES,
  PROPOSAL_STATUSES,
  type ObjectionStatus,
  type ProposalStatus,
} from '../../domain/constants/lifecycle.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { organisations, users } from './organisations.js';
import { results } from './results.js';

// 措施四: 公示期间有异议的 — one objection per organisation and notice.
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    // The notice (listings.notice_round) it was filed against.
    noticeRound: integer('notice_round').notNull().default(1),
    // 在本单位公示: filed by a member of the owning institution; seen by it and operators only.
    internal: boolean('internal').notNull().default(false),
    status: text('status').$type<ObjectionStatus>().notNull().default('standing'),
    responseText: text('response_text'),
    respondedBy: uuid('responded_by').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    // Set when the filer withdraws or an operator dismisses.
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    dismissalReason: text('dismissal_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('objections_status_check', oneOf(t.status, OBJECTION_STATUSES)),
    check('objections_dismissal_check', sql`${t.status} <> 'dismissed' or ${t.dismissalReason} is not null`),
    // One objection per organisation and notice; the owning institution's staff one each.
    uniqueIndex('objections_listing_org_key')
      .on(t.listingId, t.organisationId, t.noticeRound)
      .where(sql`not internal`),
    uniqueIndex('objections_listing_staff_key')
      .on(t.listingId, t.filedBy, t.noticeRound)
      .where(sql`internal`),
    index('objections_organisation_idx').on(t.organisationId),
    index('objections_filed_by_idx').on(t.filedBy),
    index('objections_responded_by_idx').on(t.respondedBy),
    index('objections_closed_by_idx').on(t.closedBy),
    // The notice-end decision: how many objections of a listing still stand.
    index('objections_standing_idx')
      .on(t.listingId)
      .where(sql`status = 'standing'`),
  ],
);

// 摘牌: accepting the listed price inside the window, one claim per organisation.
export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    claimedBy: uuid('claimed_by')
      .notNull()
      .references(() => users.id),
    // The listed price the claimant accepted, as it stood at the claim.
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    // What the claimant tells the owner (contact, intended use); optional.
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('claims_price_check', sql`${t.priceFen} >= 0`),
    uniqueIndex('claims_listing_org_key').on(t.listingId, t.organisationId),
    index('claims_organisation_idx').on(t.organisationId),
    index('claims_claimed_by_idx').on(t.claimedBy),
  ],
);

// 面议 inquiries: from verified enterprises to the owner of a showcase.
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    message: text('message').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // The owner's inbox of a showcase, newest first.
    index('inquiries_listing_idx').on(t.listingId, t.createdAt.desc()),
    index('inquiries_organisation_idx').on(t.organisationId),
    index('inquiries_user_idx').on(t.userId),
  ],
);

// 揭榜方案: visible to the demand's enterprise, operators and the submitting institution only.
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    team: text('team').notNull(),
    approach: text('approach').notNull(),
    timeline: text('timeline').notNull(),
    quoteFen: bigint('quote_fen', { mode: 'number' }).notNull(),
    status: text('status').$type<ProposalStatus>().notNull().default('submitted'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    // Landing (落地) is confirmed by both sides of an awarded proposal.
    enterpriseConfirmedAt: timestamp('enterprise_confirmed_at', { withTimezone: true }),
    enterpriseConfirmedBy: uuid('enterprise_confirmed_by').references(() => users.id),
    institutionConfirmedAt: timestamp('institution_confirmed_at', { withTimezone: true }),
    institutionConfirmedBy: uuid('institution_confirmed_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('proposals_status_check', oneOf(t.status, PROPOSAL_STATUSES)),
    check('proposals_quote_check', sql`${t.quoteFen} >= 0`),
    // One live proposal per institution and demand; a withdrawn one may be replaced before the deadline.
    uniqueIndex('proposals_listing_org_live_key')
      .on(t.listingId, t.organisationId)
      .where(sql`status <> 'withdrawn'`),
    index('proposals_listing_idx').on(t.listingId, t.createdAt),
    index('proposals_organisation_idx').on(t.organisationId),
    index('proposals_submitted_by_idx').on(t.submittedBy),
    index('proposals_enterprise_confirmed_by_idx').on(t.enterpriseConfirmedBy),
    index('proposals_institution_confirmed_by_idx').on(t.institutionConfirmedBy),
  ],
);

// 措施十五: 向境外转移的，按照技术出口有关规定办理 — the institution's confirmation before a foreign deal.
export const exportControlConfirmations = pgTable(
  'export_control_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The result reviewed; the confirmation covers every listing of it and its pay-later licences.
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    // The listing it was given from, if any.
    listingId: uuid('listing_id').references(() => listings.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    confirmedBy: uuid('confirmed_by')
      .notNull()
      .references(() => users.id),
    // The export licence / registration reference and the review's conclusion.
    note: text('note').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('export_control_confirmations_listing_idx').on(t.listingId),
    index('export_control_confirmations_result_idx').on(t.resultId),
    index('export_control_confirmations_organisation_idx').on(t.organisationId),
    index('export_control_confirmations_confirmed_by_idx').on(t.confirmedBy),
  ],
);

// 措施八: 对揭榜成功并落地的项目给予奖励性后补助 — an operator confirms eligibility.
export const rewardConfirmations = pgTable(
  'reward_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reward_confirmations_listing_key').on(t.listingId),
    index('reward_confirmations_operator_idx').on(t.operatorId),
  ],
);

export type Objection = typeof objections.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type Inquiry = typeof inquiries.$inferSelect;
export type Proposal = typeof proposals.$inferSelect;
