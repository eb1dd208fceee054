import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  FORMALITY_KINDS,
  FORMALITY_STATUSES,
  GRANT_ANSWERS,
  RIGHTS_GRANT_KINDS,
  RIGHTS_GRANT_PURPOSES,
  RIGHTS_GRANT_STATUSES,
  type FormalityKind,
  type FormalityStatus,
  type GrantAnswer,
  type RightsGrantKind,
  type RightsGrantPurpose,
  type RightsGrantStatus,
} from '../../domain/constants/rights.js';
import { IP_TYPES, OWNERSHIP_MODES, type IpType, type OwnershipMode } from '../../domain/constants/results.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { decisionRecords } from './dossiers.js';
import { conversions } from './ledger.js';
import { organisations, users } from './organisations.js';
import { results } from './results.js';

// 措施一 (赋权) and 措施六 (权益让渡): the institution's decision, which the team accepts or declines
// (domain/rights.ts). The result's ownership changes only when the decision becomes `accepted`.
export const rightsGrants = pgTable(
  'rights_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    kind: text('kind').$type<RightsGrantKind>().notNull(),
    purpose: text('purpose').$type<RightsGrantPurpose>().notNull(),
    status: text('status').$type<RightsGrantStatus>().notNull().default('pending'),
    // The ownership the decision was made on: acceptance is refused once it changed (GRANT_STALE).
    fromOwnership: text('from_ownership').$type<OwnershipMode>().notNull(),
    institutionShareBp: integer('institution_share_bp'),
    teamShareBp: integer('team_share_bp'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    // 措施六 资源占用费: a receivable of the conversion ledger once accepted (conversion_id).
    feeFen: bigint('fee_fen', { mode: 'number' }),
    feeDueOn: date('fee_due_on'),
    // 措施六 赋权 + 约定收益: a contingent asset of the institution.
    companyName: text('company_name'),
    companyCreditCode: text('company_credit_code'),
    agreedReturnBp: integer('agreed_return_bp'),
    // 措施十四: body, date, basis; the decision record written with it.
    decisionBody: text('decision_body').notNull(),
    decidedOn: date('decided_on').notNull(),
    basis: text('basis').notNull(),
    decisionId: uuid('decision_id').references(() => decisionRecords.id),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    conversionId: uuid('conversion_id').references(() => conversions.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('rights_grants_kind_check', oneOf(t.kind, RIGHTS_GRANT_KINDS)),
    check('rights_grants_purpose_check', oneOf(t.purpose, RIGHTS_GRANT_PURPOSES)),
    check('rights_grants_status_check', oneOf(t.status, RIGHTS_GRANT_STATUSES)),
    check('rights_grants_from_ownership_check', oneOf(t.fromOwnership, OWNERSHIP_MODES)),
    // 措施一: both co-owners hold a share, together exactly the whole (basis points).
    check(
      'rights_grants_co_ownership_check',
      sql`${t.kind} <> 'co_ownership' or (${t.institutionShareBp} > 0 and ${t.teamShareBp} > 0 and ${t.institutionShareBp} + ${t.teamShareBp} = 10000)`,
    ),
    // 措施一: 不低于 10 年.
    check(
      'rights_grants_long_term_use_check',
      sql`${t.kind} <> 'long_term_use' or (${t.startsOn} is not null and ${t.endsOn} >= (${t.startsOn} + interval '10 years')::date)`,
    ),
    check(
      'rights_grants_share_transfer_check',
      sql`${t.kind} <> 'share_transfer' or (${t.feeFen} > 0 and ${t.feeDueOn} is not null)`,
    ),
    check(
      'rights_grants_agreed_return_check',
      sql`${t.kind} <> 'agreed_return' or (${t.companyName} is not null and ${t.agreedReturnBp} between 1 and 10000)`,
    ),
    check('rights_grants_basis_check', sql`length(btrim(${t.basis})) > 0 and length(btrim(${t.decisionBody})) > 0`),
    // One open decision per result: the team answers one question at a time.
    uniqueIndex('rights_grants_pending_key')
      .on(t.resultId)
      .where(sql`status = 'pending'`),
    index('rights_grants_institution_idx').on(t.institutionId, t.createdAt),
    index('rights_grants_result_idx').on(t.resultId),
    index('rights_grants_decision_idx').on(t.decisionId),
    index('rights_grants_decided_by_idx').on(t.decidedBy),
    index('rights_grants_conversion_idx').on(t.conversionId),
  ],
);

export type RightsGrant = typeof rightsGrants.$inferSelect;

// "The team accepts": one row per team member linked to an account when the decision was made; every
// one must accept (domain/rights.ts grantOutcome).
export const grantAnswers = pgTable(
  'grant_answers',
  {
    grantId: uuid('grant_id')
      .notNull()
      .references(() => rightsGrants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    memberName: text('member_name').notNull(),
    answer: text('answer').$type<GrantAnswer>(),
    note: text('note'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.grantId, t.userId] }),
    check('grant_answers_answer_check', oneOf(t.answer, GRANT_ANSWERS)),
    check('grant_answers_answered_check', sql`(${t.answer} is null) = (${t.answeredAt} is null)`),
    // A researcher's rights page: the decisions put to them.
    index('grant_answers_user_idx').on(t.userId),
  ],
);

export type GrantAnswerRow = typeof grantAnswers.$inferSelect;

// Per IP item of an accepted decision that moves ownership: the registry's change (专利权属变更 /
// 专利申请权变更), filed → approved with dates and evidence. The item is copied (type, number, title):
// a result's IP list is replaced as a whole when edited.
export const ownershipFormalities = pgTable(
  'ownership_formalities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => rightsGrants.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    ipType: text('ip_type').$type<IpType>().notNull(),
    ipNumber: text('ip_number').notNull(),
    ipTitle: text('ip_title').notNull().default(''),
    kind: text('kind').$type<FormalityKind>().notNull(),
    status: text('status').$type<FormalityStatus>().notNull().default('to_file'),
    filedOn: date('filed_on'),
    filedEvidenceRef: text('filed_evidence_ref'),
    approvedOn: date('approved_on'),
    approvedEvidenceRef: text('approved_evidence_ref'),
    // The day it opened or was last reminded (domain/rights.ts formalityReminderDue).
    lastRemindedOn: date('last_reminded_on').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ownership_formalities_kind_check', oneOf(t.kind, FORMALITY_KINDS)),
    check('ownership_formalities_status_check', oneOf(t.status, FORMALITY_STATUSES)),
    check('ownership_formalities_ip_type_check', oneOf(t.ipType, IP_TYPES)),
    check(
      'ownership_formalities_dates_check',
      sql`(${t.status} = 'to_file' or (${t.filedOn} is not null and ${t.filedEvidenceRef} is not null)) and (${t.status} <> 'approved' or (${t.approvedOn} is not null and ${t.approvedEvidenceRef} is not null and ${t.approvedOn} >= ${t.filedOn}))`,
    ),
    index('ownership_formalities_grant_idx').on(t.grantId),
    index('ownership_formalities_result_idx').on(t.resultId),
    // The reminder pass: open formalities only.
    index('ownership_formalities_open_idx')
      .on(t.lastRemindedOn)
      .where(sql`status <> 'approved'`),
    index('ownership_formalities_institution_idx').on(t.institutionId),
  ],
);

export type OwnershipFormality = typeof ownershipFormalities.$inferSelect;
