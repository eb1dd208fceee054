// The conversion ledger (转化台账), docs/ledger.md: one `conversions` row per conversion of a result
// whatever its route, its `contracts` row (技术合同认定登记 fields), the expected `schedule_items`, the
// received `payments`, `royalty_reports`, and `equity_stakes` (作价投资). Income is computed from
// `payments` only; the 单列管理 asset register is a query over these tables (server/ledger/register.ts).
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
} from 'drizzle-orm/pg-core';
import { APPRAISAL_DECISIONS, type AppraisalDecision } from '../../domain/constants/lifecycle.js';
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  CONVERSION_PRICE_BASES,
  CONVERSION_ROUTES,
  CONVERSION_TYPES,
  DEAL_ORIGINS,
  EQUITY_STAKE_STATUSES,
  INTERMEDIARY_KINDS,
  PAYMENT_METHODS,
  SCHEDULE_ITEM_KINDS,
  SCHEDULE_ITEM_STATUSES,
  type ContractStatus,
  type ContractType,
  type ConversionPriceBasis,
  type ConversionRoute,
  type ConversionType,
  type DealOrigin,
  type EquityStakeStatus,
  type IntermediaryKind,
  type PaymentMethod,
  type ScheduleItemKind,
  type ScheduleItemStatus,
} from '../../domain/constants/ledger.js';
import { LICENCE_SCOPES, type LicenceScope } from '../../domain/constants/listings.js';
import { DOMICILES, OWNERSHIP_TYPES, type Domicile, type OwnershipType } from '../../domain/constants/organisations.js';
import { allOf, createdAt, oneOf, updatedAt } from './columns.js';
import { proposals } from './lifecycle.js';
import { listings } from './listings.js';
import { organisations, users } from './organisations.js';
import { payLaterLicences } from './pool.js';
import { results } from './results.js';

/** One conversion (转化) of a result — or, for a demand, of the awarded proposal — whatever the route. */
export const conversions = pgTable(
  'conversions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // 措施二: the institution is the party the conversion and its income are recorded for.
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    // Null only for a demand whose awarded proposal builds on no registered result.
    resultId: uuid('result_id').references(() => results.id),
    route: text('route').$type<ConversionRoute>().notNull(),
    // `deal` only: which match it came from.
    origin: text('origin').$type<DealOrigin>(),
    // The listing of a `deal` (supply) or a `demand`; the awarded proposal of a `demand`; the licence of a `paylater`.
    listingId: uuid('listing_id').references(() => listings.id),
    proposalId: uuid('proposal_id').references(() => proposals.id),
    paylaterLicenceId: uuid('paylater_licence_id').references(() => payLaterLicences.id),
    counterpartyOrgId: uuid('counterparty_org_id').references(() => organisations.id),
    counterpartyName: text('counterparty_name').notNull(),
    counterpartyCreditCode: text('counterparty_credit_code'),
    counterpartyOwnership: text('counterparty_ownership').$type<OwnershipType>(),
    counterpartyDomicile: text('counterparty_domicile').$type<Domicile>().notNull().default('mainland'),
    // 措施四: the counterparty is the institution's own subsidiary (国有全资子企业); null when not asked.
    counterpartyOwnSubsidiary: boolean('counterparty_own_subsidiary'),
    transactionType: text('transaction_type').$type<ConversionType>().notNull(),
    licenseScope: text('license_scope').$type<LicenceScope>(),
    // 措施四: what fixes the contract's fixed amount, and the bound price when one binds (domain/ledger.ts).
    priceBasis: text('price_basis').$type<ConversionPriceBasis>().notNull(),
    boundPriceFen: bigint('bound_price_fen', { mode: 'number' }),
    appraisal: text('appraisal').$type<AppraisalDecision>(),
    // 措施十四: the basis of the pricing and appraisal decision.
    basis: text('basis').notNull().default(''),
    // off_platform: the evidence reference (contract copy, registration receipt; documents come with the dossier issue).
    evidenceRef: text('evidence_ref'),
    // 措施十五 (涉密审批备案, 保密协议): required on a classified result.
    classifiedApprovalRef: text('classified_approval_ref'),
    confidentialityAgreementRef: text('confidentiality_agreement_ref'),
    // 措施十、十一: an intermediary and its agreed commission (an amount or a share of the contract amount).
    intermediaryKind: text('intermediary_kind').$type<IntermediaryKind>(),
    intermediaryName: text('intermediary_name'),
    intermediaryOrgId: uuid('intermediary_org_id').references(() => organisations.id),
    intermediaryCommissionFen: bigint('intermediary_commission_fen', { mode: 'number' }),
    intermediaryCommissionBp: integer('intermediary_commission_bp'),
    // 措施八: the enterprise confirmed implementation (落地); an operator confirmed reward eligibility.
    landingConfirmedAt: timestamp('landing_confirmed_at', { withTimezone: true }),
    landingConfirmedBy: uuid('landing_confirmed_by').references(() => users.id),
    rewardConfirmedAt: timestamp('reward_confirmed_at', { withTimezone: true }),
    rewardConfirmedBy: uuid('reward_confirmed_by').references(() => users.id),
    rewardNote: text('reward_note'),
    // Null for rows the system wrote (a pay-later acceptance by the enterprise is recorded by its member).
    recordedBy: uuid('recorded_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('conversions_route_check', oneOf(t.route, CONVERSION_ROUTES)),
    check('conversions_origin_check', oneOf(t.origin, DEAL_ORIGINS)),
    check('conversions_transaction_type_check', oneOf(t.transactionType, CONVERSION_TYPES)),
    check('conversions_license_scope_check', oneOf(t.licenseScope, LICENCE_SCOPES)),
    check(
      'conversions_license_scope_shape_check',
      sql`(${t.transactionType} = 'license') = (${t.licenseScope} is not null)`,
    ),
    check('conversions_price_basis_check', oneOf(t.priceBasis, CONVERSION_PRICE_BASES)),
    check('conversions_ownership_check', oneOf(t.counterpartyOwnership, OWNERSHIP_TYPES)),
    check('conversions_domicile_check', oneOf(t.counterpartyDomicile, DOMICILES)),
    check('conversions_appraisal_check', oneOf(t.appraisal, APPRAISAL_DECISIONS)),
    check('conversions_intermediary_kind_check', oneOf(t.intermediaryKind, INTERMEDIARY_KINDS)),
    check('conversions_bound_price_check', sql`${t.boundPriceFen} is null or ${t.boundPriceFen} >= 0`),
    check(
      'conversions_commission_check',
      sql`(${t.intermediaryCommissionFen} is null or ${t.intermediaryCommissionFen} >= 0) and (${t.intermediaryCommissionBp} is null or ${t.intermediaryCommissionBp} between 0 and 10000)`,
    ),
    check(
      'conversions_intermediary_shape_check',
      sql`(${t.intermediaryKind} is null) = (${t.intermediaryName} is null)`,
    ),
    // Each route names what it came from.
    check(
      'conversions_route_shape_check',
      sql`case ${t.route}
        when 'deal' then ${t.listingId} is not null and ${t.origin} is not null and ${t.resultId} is not null
        when 'demand' then ${t.listingId} is not null and ${t.proposalId} is not null and ${t.origin} is null
        when 'paylater' then ${t.paylaterLicenceId} is not null and ${t.origin} is null and ${t.resultId} is not null
        else ${t.origin} is null and ${t.resultId} is not null and ${t.listingId} is null and ${t.proposalId} is null and ${t.paylaterLicenceId} is null end`,
    ),
    // 措施四 restated: skipping the appraisal on ownership grounds needs a state-wholly-owned party.
    check(
      'conversions_appraisal_skip_check',
      sql`${t.appraisal} is distinct from 'skipped_state_owned' or ${t.counterpartyOwnership} = 'state_wholly_owned'`,
    ),
    check('conversions_landing_check', sql`(${t.landingConfirmedAt} is null) = (${t.landingConfirmedBy} is null)`),
    check('conversions_reward_check', sql`(${t.rewardConfirmedAt} is null) = (${t.rewardConfirmedBy} is null)`),
    // Each route produces exactly one conversion.
    uniqueIndex('conversions_deal_listing_key')
      .on(t.listingId)
      .where(sql`route = 'deal'`),
    uniqueIndex('conversions_proposal_key')
      .on(t.proposalId)
      .where(sql`proposal_id is not null`),
    uniqueIndex('conversions_paylater_licence_key')
      .on(t.paylaterLicenceId)
      .where(sql`paylater_licence_id is not null`),
    // The institution's list, newest first; also serves the institution_id foreign key.
    index('conversions_institution_idx').on(t.institutionId, t.createdAt.desc()),
    index('conversions_result_idx').on(t.resultId),
    index('conversions_listing_idx').on(t.listingId),
    index('conversions_counterparty_org_idx').on(t.counterpartyOrgId),
    index('conversions_intermediary_org_idx').on(t.intermediaryOrgId),
    index('conversions_recorded_by_idx').on(t.recordedBy),
    index('conversions_landing_confirmed_by_idx').on(t.landingConfirmedBy),
    index('conversions_reward_confirmed_by_idx').on(t.rewardConfirmedBy),
  ],
);

/** The conversion's contract, one per conversion, with the fields of 技术合同认定登记. */
export const contracts = pgTable(
  'contracts',
  {
    conversionId: uuid('conversion_id')
      .primaryKey()
      .references(() => conversions.id),
    // Denormalised from the conversion: the registration-number uniqueness and the export are per institution.
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    contractType: text('contract_type').$type<ContractType>().notNull(),
    title: text('title').notNull(),
    // The parties' own contract number, if any.
    contractNo: text('contract_no'),
    sellerName: text('seller_name').notNull(),
    sellerCreditCode: text('seller_credit_code'),
    buyerName: text('buyer_name').notNull(),
    buyerCreditCode: text('buyer_credit_code'),
    // 合同金额 (the fixed part) and 技术交易额 (the part that is technology, ≤ the amount).
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    technologyAmountFen: bigint('technology_amount_fen', { mode: 'number' }).notNull(),
    paymentMethods: text('payment_methods').array().$type<PaymentMethod[]>().notNull(),
    // 提成: basis points of the stated base (sales, profit).
    royaltyBp: integer('royalty_bp'),
    royaltyBase: text('royalty_base'),
    signedOn: date('signed_on'),
    termStartsOn: date('term_starts_on'),
    termEndsOn: date('term_ends_on'),
    // 认定登记 by the institution's technology-contract registration point.
    registrationNo: text('registration_no'),
    registeredOn: date('registered_on'),
    status: text('status').$type<ContractStatus>().notNull().default('draft'),
    terminatedOn: date('terminated_on'),
    terminationReason: text('termination_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('contracts_type_check', oneOf(t.contractType, CONTRACT_TYPES)),
    check('contracts_status_check', oneOf(t.status, CONTRACT_STATUSES)),
    check('contracts_payment_methods_check', allOf(t.paymentMethods, PAYMENT_METHODS)),
    check('contracts_payment_methods_nonempty_check', sql`cardinality(${t.paymentMethods}) >= 1`),
    check('contracts_amount_check', sql`${t.amountFen} >= 0 and ${t.technologyAmountFen} between 0 and ${t.amountFen}`),
    check('contracts_royalty_check', sql`${t.royaltyBp} is null or ${t.royaltyBp} between 1 and 10000`),
    check('contracts_signed_check', sql`${t.status} = 'draft' or ${t.signedOn} is not null`),
    check(
      'contracts_term_check',
      sql`${t.termEndsOn} is null or ${t.termStartsOn} is null or ${t.termEndsOn} > ${t.termStartsOn}`,
    ),
    check('contracts_registration_check', sql`(${t.registrationNo} is null) = (${t.registeredOn} is null)`),
    check(
      'contracts_termination_check',
      sql`(${t.status} = 'terminated') = (${t.terminatedOn} is not null and ${t.terminationReason} is not null)`,
    ),
    // Duplicate registration numbers within an institution are refused.
    uniqueIndex('contracts_registration_key')
      .on(t.institutionId, t.registrationNo)
      .where(sql`registration_no is not null`),
    // The institution's contract export for a period, by signing day.
    index('contracts_institution_signed_idx').on(t.institutionId, t.signedOn, t.conversionId),
    index('contracts_status_idx').on(t.status),
  ],
);

/** The expected schedule: instalments, royalty periods and the equity consideration. */
export const scheduleItems = pgTable(
  'schedule_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    seq: integer('seq').notNull(),
    kind: text('kind').$type<ScheduleItemKind>().notNull(),
    // Known for instalments and equity; a royalty period's amount is its reported royalty.
    amountFen: bigint('amount_fen', { mode: 'number' }),
    // Null while a pay-later schedule counted from first sales waits for them.
    dueOn: date('due_on'),
    periodStartsOn: date('period_starts_on'),
    periodEndsOn: date('period_ends_on'),
    status: text('status').$type<ScheduleItemStatus>().notNull().default('open'),
    // Set once by the timers (or the reconciler); each set emits one event.
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('schedule_items_kind_check', oneOf(t.kind, SCHEDULE_ITEM_KINDS)),
    check('schedule_items_status_check', oneOf(t.status, SCHEDULE_ITEM_STATUSES)),
    check('schedule_items_amount_check', sql`${t.amountFen} is null or ${t.amountFen} >= 0`),
    check('schedule_items_amount_known_check', sql`${t.kind} = 'royalty' or ${t.amountFen} is not null`),
    check(
      'schedule_items_period_check',
      sql`${t.periodEndsOn} is null or ${t.periodStartsOn} is null or ${t.periodEndsOn} >= ${t.periodStartsOn}`,
    ),
    uniqueIndex('schedule_items_seq_key').on(t.conversionId, t.seq),
    // The timer reconciler and the overdue lists: open items with a due date.
    index('schedule_items_open_due_idx')
      .on(t.dueOn)
      .where(sql`status = 'open' and due_on is not null`),
  ],
);

/** A payment received by the institution (recorded by it): income is the sum of these. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    // Denormalised from the conversion for the income queries (措施二: the institution is the beneficiary).
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    resultId: uuid('result_id').references(() => results.id),
    // The schedule line it settles, if any.
    scheduleItemId: uuid('schedule_item_id').references(() => scheduleItems.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    receivedOn: date('received_on').notNull(),
    payerName: text('payer_name').notNull(),
    evidenceRef: text('evidence_ref').notNull().default(''),
    // More than outstanding is refused unless marked, with the reason.
    overpayment: boolean('overpayment').notNull().default(false),
    overpaymentReason: text('overpayment_reason'),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('payments_amount_check', sql`${t.amountFen} > 0`),
    check('payments_overpayment_check', sql`${t.overpayment} = (${t.overpaymentReason} is not null)`),
    // With the amount: what one contract has received is an index-only sum (its page, the lists).
    index('payments_conversion_idx').on(t.conversionId, t.receivedOn, t.amountFen),
    // What each of an institution's contracts has received, for all of them at once: the contract
    // export sums it index-only in conversion order (one pass over the institution's entries) instead
    // of one index descent per contract (bench:ledger, docs/ledger.md "Exports").
    index('payments_institution_conversion_idx').on(t.institutionId, t.conversionId, t.amountFen),
    // Income per institution and result over a range of days: an index-only sum over (institution, day)
    // (periods and totals come from income_days).
    index('payments_institution_received_idx').on(t.institutionId, t.receivedOn, t.amountFen, t.resultId),
    // A result's payments; with the institution, day and amount, what each of a list of results
    // received in a range is an index-only sum (the income report's walk, server/ledger/income.ts).
    index('payments_result_received_idx').on(t.resultId, t.institutionId, t.receivedOn, t.amountFen),
    index('payments_schedule_item_idx').on(t.scheduleItemId),
    index('payments_recorded_by_idx').on(t.recordedBy),
  ],
);

/** 提成: the licensee's reported sales and royalty for one period; it sets the royalty line's amount. */
export const royaltyReports = pgTable(
  'royalty_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id),
    scheduleItemId: uuid('schedule_item_id')
      .notNull()
      .references(() => scheduleItems.id),
    periodStartsOn: date('period_starts_on').notNull(),
    periodEndsOn: date('period_ends_on').notNull(),
    salesFen: bigint('sales_fen', { mode: 'number' }).notNull(),
    royaltyFen: bigint('royalty_fen', { mode: 'number' }).notNull(),
    reportedOn: date('reported_on').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('royalty_reports_amount_check', sql`${t.salesFen} >= 0 and ${t.royaltyFen} >= 0`),
    check('royalty_reports_period_check', sql`${t.periodEndsOn} >= ${t.periodStartsOn}`),
    uniqueIndex('royalty_reports_period_key').on(t.conversionId, t.periodStartsOn),
    uniqueIndex('royalty_reports_schedule_item_key').on(t.scheduleItemId),
    index('royalty_reports_recorded_by_idx').on(t.recordedBy),
  ],
);

/** 作价投资 (措施二、三): the stake the institution holds in the company. */
export const equityStakes = pgTable(
  'equity_stakes',
  {
    conversionId: uuid('conversion_id')
      .primaryKey()
      .references(() => conversions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    companyName: text('company_name').notNull(),
    companyCreditCode: text('company_credit_code').notNull(),
    // Either a number of shares or a stake in basis points (or both).
    shares: bigint('shares', { mode: 'number' }),
    stakeBp: integer('stake_bp'),
    valuationFen: bigint('valuation_fen', { mode: 'number' }).notNull(),
    acquiredOn: date('acquired_on').notNull(),
    status: text('status').$type<EquityStakeStatus>().notNull().default('held'),
    disposedOn: date('disposed_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('equity_stakes_status_check', oneOf(t.status, EQUITY_STAKE_STATUSES)),
    check('equity_stakes_valuation_check', sql`${t.valuationFen} >= 0`),
    check(
      'equity_stakes_size_check',
      sql`(${t.shares} is not null and ${t.shares} > 0) or (${t.stakeBp} is not null and ${t.stakeBp} between 1 and 10000)`,
    ),
    check('equity_stakes_disposed_check', sql`(${t.status} = 'disposed') = (${t.disposedOn} is not null)`),
    index('equity_stakes_institution_idx').on(t.institutionId),
  ],
);

export type Conversion = typeof conversions.$inferSelect;
export type Contract = typeof contracts.$inferSelect;
export type ScheduleItem = typeof scheduleItems.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type RoyaltyReport = typeof royaltyReports.$inferSelect;
export type EquityStake = typeof equityStakes.$inferSelect;
