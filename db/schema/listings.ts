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
  EXCLUSIVE_LICENCE_SCOPES,
  EXCLUSIVE_TRANSACTION_TYPES,
  INDUSTRY_FIELDS,
  LICENCE_SCOPES,
  LISTING_KINDS,
  LISTING_STATUSES,
  PRICING_MODES,
  RESULT_HOLDING_STATUSES,
  SUPPORT_KINDS,
  TRANSACTION_TYPES,
  type IndustryField,
  type LicenceScope,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
  type SupportKind,
  type TransactionType,
} from '../../domain/constants/listings.js';
import { MATCH_ROUTES, type MatchRoute } from '../../domain/constants/lifecycle.js';
import { MODERATION_DECISIONS, type ModerationDecision } from '../../domain/constants/audit.js';
import { REGIONS, type Region } from '../../domain/constants/organisations.js';
import { TIMED_STATUSES } from '../../domain/timers.js';
import { allOf, createdAt, oneOf, updatedAt } from './columns.js';
import { organisations, users } from './organisations.js';
import { results } from './results.js';

export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<ListingKind>().notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Supply only: the result offered.
    resultId: uuid('result_id').references(() => results.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    field: text('field').$type<IndustryField>().notNull(),
    region: text('region').$type<Region>().notNull(),
    status: text('status').$type<ListingStatus>().notNull().default('draft'),
    // Supply: pricing mode, offered transaction types, price. Demand: budget (榜额) in price_fen.
    pricingMode: text('pricing_mode').$type<PricingMode>(),
    transactionTypes: text('transaction_types').array().$type<TransactionType[]>().notNull().default([]),
    priceFen: bigint('price_fen', { mode: 'number' }),
    // Demand: the budget (榜额) is explicitly negotiable (面议) instead of stated in price_fen.
    budgetNegotiable: boolean('budget_negotiable').notNull().default(false),
    // Supply offering a licence: 独占 / 排他 / 普通许可.
    licenseScope: text('license_scope').$type<LicenceScope>(),
    // Negotiated pricing (协议定价): the named counterparty, registered on the platform or not.
    counterpartyName: text('counterparty_name'),
    counterpartyOrgId: uuid('counterparty_org_id').references(() => organisations.id),
    // Demand: 揭榜截止 and the support sought (措施八).
    deadline: timestamp('deadline', { withTimezone: true }),
    supportSought: text('support_sought').array().$type<SupportKind[]>().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    // Deadline columns the timers act on.
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }),
    // 措施四: which notice of this listing runs (a revised price is noticed again, with fresh objections).
    noticeRound: integer('notice_round').notNull().default(1),
    objectionDecisionEndsAt: timestamp('objection_decision_ends_at', { withTimezone: true }),
    listingEndsAt: timestamp('listing_ends_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    selectionEndsAt: timestamp('selection_ends_at', { withTimezone: true }),
    // The outcome of a supply listing that reached `matched`: with whom, at what price, by which route.
    matchedOrgId: uuid('matched_org_id').references(() => organisations.id),
    matchedName: text('matched_name'),
    matchedPriceFen: bigint('matched_price_fen', { mode: 'number' }),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    matchRoute: text('match_route').$type<MatchRoute>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    // The latest moderation outcome the owner must see.
    rejectionCode: text('rejection_code'),
    rejectionText: text('rejection_text'),
    // Set by the migration on a listing that already shared its result's exclusive rights with an
    // earlier one: it keeps running (operators review it) but no longer blocks or is blocked.
    exclusivityConflict: boolean('exclusivity_conflict').notNull().default(false),
    // Bumped by every change; search indexing compares against it.
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('listings_kind_check', oneOf(t.kind, LISTING_KINDS)),
    check('listings_status_check', oneOf(t.status, LISTING_STATUSES)),
    check('listings_field_check', oneOf(t.field, INDUSTRY_FIELDS)),
    check('listings_region_check', oneOf(t.region, REGIONS)),
    check('listings_pricing_mode_check', oneOf(t.pricingMode, PRICING_MODES)),
    check('listings_transaction_types_check', allOf(t.transactionTypes, TRANSACTION_TYPES)),
    check('listings_support_sought_check', allOf(t.supportSought, SUPPORT_KINDS)),
    check('listings_price_check', sql`${t.priceFen} is null or ${t.priceFen} >= 0`),
    check('listings_match_route_check', oneOf(t.matchRoute, MATCH_ROUTES)),
    check(
      'listings_match_shape_check',
      sql`(${t.matchRoute} is null) = (${t.matchedAt} is null) and (${t.matchRoute} is null) = (${t.matchedName} is null)`,
    ),
    check(
      'listings_supply_shape_check',
      sql`${t.kind} <> 'supply' or (${t.resultId} is not null and ${t.pricingMode} is not null)`,
    ),
    check('listings_demand_shape_check', sql`${t.kind} <> 'demand' or ${t.pricingMode} is null`),
    // 措施八 (domain/listings.ts checkListingContent): a demand states its budget or says it is negotiable, not both.
    check(
      'listings_budget_check',
      sql`(${t.kind} = 'demand' and (${t.priceFen} is not null) <> ${t.budgetNegotiable}) or (${t.kind} <> 'demand' and not ${t.budgetNegotiable})`,
    ),
    // A supply listing offering a licence names its scope; nothing else has one.
    check('listings_license_scope_check', oneOf(t.licenseScope, LICENCE_SCOPES)),
    check(
      'listings_license_scope_shape_check',
      sql`(${t.kind} = 'supply' and ('license' = any(${t.transactionTypes})) = (${t.licenseScope} is not null)) or (${t.kind} <> 'supply' and ${t.licenseScope} is null)`,
    ),
    check(
      'listings_objection_decision_check',
      sql`${t.status} <> 'objection_review' or ${t.objectionDecisionEndsAt} is not null`,
    ),
    index('listings_organisation_idx').on(t.organisationId),
    index('listings_result_idx').on(t.resultId),
    // One result, one buyer of exclusive rights (domain/listings.ts offersExclusiveRights, holdsResult):
    // at most one listing holding its result offers a transfer, equity, or an exclusive or sole licence.
    uniqueIndex('listings_result_exclusive_key')
      .on(t.resultId)
      .where(
        sql.raw(
          `status in (${RESULT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ')}) and not exclusivity_conflict and (transaction_types && array[${EXCLUSIVE_TRANSACTION_TYPES.map((s) => `'${s}'`).join(', ')}]::text[] or license_scope in (${EXCLUSIVE_LICENCE_SCOPES.map((s) => `'${s}'`).join(', ')}))`,
        ),
      ),
    // The operators' review list of listings that shared exclusive rights before the rule.
    index('listings_exclusivity_conflict_idx')
      .on(t.createdAt)
      .where(sql`exclusivity_conflict`),
    index('listings_counterparty_org_idx').on(t.counterpartyOrgId),
    index('listings_created_by_idx').on(t.createdBy),
    index('listings_matched_org_idx').on(t.matchedOrgId),
    // The timer reconciler: every listing whose status runs a deadline (workers/timers.ts).
    index('listings_timed_idx')
      .on(t.status)
      .where(sql.raw(`status in (${TIMED_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
    // The public notice board (公示栏): current notices, ending soonest first.
    index('listings_notice_board_idx')
      .on(t.noticeEndsAt)
      .where(sql`status = 'notice'`),
    // Public browse: GET /listings?kind=&field=&region=&status= ordered by newest publication.
    index('listings_public_browse_idx')
      .on(t.kind, t.status, t.publishedAt.desc())
      .where(sql`published_at is not null`),
    // Operator moderation queue: pending listings, oldest submission first.
    index('listings_pending_idx')
      .on(t.submittedAt)
      .where(sql`status = 'pending_review'`),
  ],
);

export const moderationDecisions = pgTable(
  'moderation_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id').references(() => listings.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    decision: text('decision').$type<ModerationDecision>().notNull(),
    reasonCode: text('reason_code'),
    reasonText: text('reason_text'),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('moderation_decisions_decision_check', oneOf(t.decision, MODERATION_DECISIONS)),
    check('moderation_decisions_target_check', sql`num_nonnulls(${t.listingId}, ${t.organisationId}) = 1`),
    index('moderation_decisions_listing_idx').on(t.listingId),
    index('moderation_decisions_organisation_idx').on(t.organisationId),
    index('moderation_decisions_operator_idx').on(t.operatorId),
  ],
);

export type Listing = typeof listings.$inferSelect;
