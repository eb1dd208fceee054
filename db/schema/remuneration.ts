// 科技成果转化奖励和报酬 (措施三、十二): the institution's reward policy (versions), a conversion's
// funding terms and costs, and the reward awards/entries computed from its received income.
// docs/remuneration.md. Approved and paid entries are append-only (a trigger in the migrations): a
// correction is a new entry naming the one it corrects.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
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
  CONVERSION_COST_KINDS,
  CONVERSION_FUNDING_SOURCES,
  REMUNERATION_ENTRY_STATUSES,
  REMUNERATION_FORMS,
  type ConversionCostKind,
  type ConversionFundingSource,
  type RemunerationEntryStatus,
  type RemunerationForm,
} from '../../domain/constants/remuneration.js';
import { createdAt, oneOf } from './columns.js';
import { decisionRecords, documents } from './dossiers.js';
import { conversions, payments } from './ledger.js';
import { organisations, users } from './organisations.js';
import { results } from './results.js';

const share = (c: AnyPgColumn) => sql`${c} between 0 and 10000`;

/** 措施十二: the institution's reward policy; each change is a new version with its decision record. */
export const remunerationPolicies = pgTable(
  'remuneration_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    version: integer('version').notNull(),
    cashShareBp: integer('cash_share_bp').notNull(),
    equityShareBp: integer('equity_share_bp').notNull(),
    // 措施三: the researchers' minimum share for horizontal-surplus-funded conversions (in principle ≥ 9,000).
    horizontalMinShareBp: integer('horizontal_min_share_bp').notNull(),
    horizontalJustification: text('horizontal_justification'),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisionRecords.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('remuneration_policies_version_key').on(t.institutionId, t.version),
    index('remuneration_policies_decision_idx').on(t.decisionId),
    index('remuneration_policies_created_by_idx').on(t.createdBy),
    check('remuneration_policies_cash_check', share(t.cashShareBp)),
    check('remuneration_policies_equity_check', share(t.equityShareBp)),
    check('remuneration_policies_horizontal_check', share(t.horizontalMinShareBp)),
    check(
      'remuneration_policies_horizontal_floor_check',
      sql`${t.horizontalMinShareBp} >= 9000 or length(btrim(coalesce(${t.horizontalJustification}, ''))) > 0`,
    ),
  ],
);

/** 措施三: how a conversion is financed and, for horizontal-project surplus, the agreed researcher share. */
export const conversionRemunerationTerms = pgTable(
  'conversion_remuneration_terms',
  {
    conversionId: uuid('conversion_id')
      .primaryKey()
      .references(() => conversions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    funding: text('funding').$type<ConversionFundingSource>().notNull(),
    agreedShareBp: integer('agreed_share_bp'),
    justification: text('justification'),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisionRecords.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('conversion_remuneration_terms_funding_check', oneOf(t.funding, CONVERSION_FUNDING_SOURCES)),
    check(
      'conversion_remuneration_terms_share_check',
      sql`case ${t.funding} when 'horizontal_surplus' then ${t.agreedShareBp} between 0 and 10000
        and (${t.agreedShareBp} >= 9000 or length(btrim(coalesce(${t.justification}, ''))) > 0)
        else ${t.agreedShareBp} is null end`,
    ),
    index('conversion_remuneration_terms_institution_idx').on(t.institutionId),
    index('conversion_remuneration_terms_decision_idx').on(t.decisionId),
    index('conversion_remuneration_terms_updated_by_idx').on(t.updatedBy),
  ],
);

/** A cost recorded against a conversion (net income = income received − costs). Append-only; a reversal is a new row. */
export const conversionCosts = pgTable(
  'conversion_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').$type<ConversionCostKind>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    incurredOn: date('incurred_on').notNull(),
    // Like a payment's evidence: the document's reference (invoice number…), and the uploaded file when there is one.
    evidenceRef: text('evidence_ref').notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    note: text('note').notNull().default(''),
    reversesId: uuid('reverses_id').references((): AnyPgColumn => conversionCosts.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('conversion_costs_kind_check', oneOf(t.kind, CONVERSION_COST_KINDS)),
    check('conversion_costs_evidence_check', sql`length(btrim(${t.evidenceRef})) > 0`),
    check(
      'conversion_costs_amount_check',
      sql`(${t.reversesId} is null and ${t.amountFen} > 0) or (${t.reversesId} is not null and ${t.amountFen} < 0)`,
    ),
    uniqueIndex('conversion_costs_reverses_key')
      .on(t.reversesId)
      .where(sql`reverses_id is not null`),
    // A conversion's costs (their sum is an index-only scan).
    index('conversion_costs_conversion_idx').on(t.conversionId, t.amountFen),
    index('conversion_costs_institution_idx').on(t.institutionId),
    index('conversion_costs_document_idx').on(t.documentId),
    index('conversion_costs_recorded_by_idx').on(t.recordedBy),
  ],
);

/** One computation: a received payment's cash reward, or an equity investment's share reward. */
export const remunerationAwards = pgTable(
  'remuneration_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    form: text('form').$type<RemunerationForm>().notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => remunerationPolicies.id),
    funding: text('funding').$type<ConversionFundingSource>().notNull(),
    shareBp: integer('share_bp').notNull(),
    // cash: the payment; equity: the stake's valuation.
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull(),
    // The day the income was received (payment) or the stake acquired (equity).
    incomeOn: date('income_on').notNull(),
    incomeBeforeFen: bigint('income_before_fen', { mode: 'number' }).notNull(),
    costsFen: bigint('costs_fen', { mode: 'number' }).notNull(),
    netIncomeFen: bigint('net_income_fen', { mode: 'number' }).notNull(),
    teamFen: bigint('team_fen', { mode: 'number' }).notNull(),
    teamShares: bigint('team_shares', { mode: 'number' }),
    computedBy: uuid('computed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('remuneration_awards_form_check', oneOf(t.form, REMUNERATION_FORMS)),
    check('remuneration_awards_funding_check', oneOf(t.funding, CONVERSION_FUNDING_SOURCES)),
    check('remuneration_awards_share_check', share(t.shareBp)),
    check(
      'remuneration_awards_amounts_check',
      sql`${t.teamFen} >= 0 and ${t.netIncomeFen} >= 0 and ${t.incomeFen} >= 0`,
    ),
    check('remuneration_awards_shape_check', sql`(${t.form} = 'cash') = (${t.paymentId} is not null)`),
    // One award per received payment, one equity award per conversion.
    uniqueIndex('remuneration_awards_payment_key')
      .on(t.paymentId)
      .where(sql`payment_id is not null`),
    uniqueIndex('remuneration_awards_equity_key')
      .on(t.conversionId)
      .where(sql`form = 'equity'`),
    index('remuneration_awards_conversion_idx').on(t.conversionId, t.createdAt),
    index('remuneration_awards_institution_idx').on(t.institutionId),
    index('remuneration_awards_result_idx').on(t.resultId),
    index('remuneration_awards_policy_idx').on(t.policyId),
    index('remuneration_awards_computed_by_idx').on(t.computedBy),
  ],
);

/** One team member's part of an award (or a correction of an approved/paid part). */
export const remunerationEntries = pgTable(
  'remuneration_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    awardId: uuid('award_id')
      .notNull()
      .references(() => remunerationAwards.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    form: text('form').$type<RemunerationForm>().notNull(),
    // The team as it stood when the award was computed (a later team edit does not rewrite it).
    position: integer('position').notNull(),
    memberName: text('member_name').notNull(),
    userId: uuid('user_id').references(() => users.id),
    shareBp: integer('share_bp').notNull(),
    principalLeader: boolean('principal_leader').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    shares: bigint('shares', { mode: 'number' }),
    status: text('status').$type<RemunerationEntryStatus>().notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvalDecisionId: uuid('approval_decision_id').references(() => decisionRecords.id),
    paidOn: date('paid_on'),
    paidRef: text('paid_ref'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by').references(() => users.id),
    payoutDecisionId: uuid('payout_decision_id').references(() => decisionRecords.id),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => remunerationEntries.id),
    correctionReason: text('correction_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('remuneration_entries_form_check', oneOf(t.form, REMUNERATION_FORMS)),
    check('remuneration_entries_status_check', oneOf(t.status, REMUNERATION_ENTRY_STATUSES)),
    check('remuneration_entries_share_check', sql`${t.shareBp} between 1 and 10000`),
    check('remuneration_entries_separate_check', sql`(${t.status} = 'separate') = ${t.principalLeader}`),
    check(
      'remuneration_entries_approved_check',
      sql`(${t.status} in ('approved', 'paid')) = (${t.approvedAt} is not null and ${t.approvalDecisionId} is not null)`,
    ),
    check(
      'remuneration_entries_paid_check',
      sql`(${t.status} = 'paid') = (${t.paidOn} is not null and ${t.paidAt} is not null and ${t.payoutDecisionId} is not null)`,
    ),
    check(
      'remuneration_entries_correction_check',
      sql`(${t.correctsId} is null) = (${t.correctionReason} is null) and (${t.correctsId} is not null or ${t.amountFen} >= 0)`,
    ),
    // A researcher's own statement (their entries, newest first).
    index('remuneration_entries_user_idx').on(t.userId, t.createdAt),
    // The institution's queues: to approve, to pay, the 正职 list.
    index('remuneration_entries_institution_status_idx').on(t.institutionId, t.status, t.createdAt),
    index('remuneration_entries_award_idx').on(t.awardId),
    index('remuneration_entries_conversion_idx').on(t.conversionId),
    index('remuneration_entries_corrects_idx').on(t.correctsId),
    index('remuneration_entries_approved_by_idx').on(t.approvedBy),
    index('remuneration_entries_paid_by_idx').on(t.paidBy),
    index('remuneration_entries_created_by_idx').on(t.createdBy),
    index('remuneration_entries_approval_decision_idx').on(t.approvalDecisionId),
    index('remuneration_entries_payout_decision_idx').on(t.payoutDecisionId),
  ],
);

export type RemunerationPolicy = typeof remunerationPolicies.$inferSelect;
export type ConversionRemunerationTerms = typeof conversionRemunerationTerms.$inferSelect;
export type ConversionCost = typeof conversionCosts.$inferSelect;
export type RemunerationAward = typeof remunerationAwards.$inferSelect;
export type RemunerationEntry = typeof remunerationEntries.$inferSelect;
