import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { INDUSTRY_FIELDS, type IndustryField } from '../../domain/constants/listings.js';
import {
  IP_TYPES,
  MATURITY_LEVELS,
  OWNERSHIP_MODES,
  RESULT_STATUSES,
  RIGHTS_REVIEW_REASONS,
  SECURITY_CLASSES,
  type IpType,
  type Maturity,
  type OwnershipMode,
  type ResultStatus,
  type RightsReviewReason,
  type SecurityClass,
} from '../../domain/constants/results.js';
import type { CoOwner } from '../../domain/results.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { orgUnits, organisations, users } from './organisations.js';

export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    // The internal unit (院系 / 研究所 / 科室) the result comes from; 措施十三 evaluates units too.
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    field: text('field').$type<IndustryField>().notNull(),
    maturity: text('maturity').$type<Maturity>().notNull(),
    // The names, as shown on listings; the structured team is result_team_members.
    inventors: text('inventors').notNull().default(''),
    // Set by the team migration (split from the free text, equal shares): the institution confirms.
    teamNeedsConfirmation: boolean('team_needs_confirmation').notNull().default(false),
    teamConfirmedAt: timestamp('team_confirmed_at', { withTimezone: true }),
    teamConfirmedBy: uuid('team_confirmed_by').references(() => users.id),
    // 措施一: ownership after 赋权.
    ownership: text('ownership').$type<OwnershipMode>().notNull().default('institution'),
    coOwners: jsonb('co_owners').$type<CoOwner[]>().notNull().default([]),
    longTermUseStartsOn: date('long_term_use_starts_on'),
    longTermUseEndsOn: date('long_term_use_ends_on'),
    // Rights data stored before 措施一 was enforced that the institution must complete.
    rightsReview: text('rights_review').$type<RightsReviewReason>(),
    // 措施十五.
    securityClass: text('security_class').$type<SecurityClass>().notNull().default('public'),
    // 措施二: 单列管理.
    separatelyManaged: boolean('separately_managed').notNull().default(false),
    status: text('status').$type<ResultStatus>().notNull().default('active'),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('results_field_check', oneOf(t.field, INDUSTRY_FIELDS)),
    check('results_maturity_check', oneOf(t.maturity, MATURITY_LEVELS)),
    check('results_ownership_check', oneOf(t.ownership, OWNERSHIP_MODES)),
    check('results_security_class_check', oneOf(t.securityClass, SECURITY_CLASSES)),
    check('results_status_check', oneOf(t.status, RESULT_STATUSES)),
    check('results_rights_review_check', oneOf(t.rightsReview, RIGHTS_REVIEW_REASONS)),
    // 措施一 / 措施十五 restated in the database, so no path can store a result breaking them (domain/results.ts
    // checkResultOwnership). A row the migration flagged for review is exempt until the institution saves it.
    // 长期使用权 不低于 10 年: from the first day, in calendar years (29 Feb + 10 years = 28 Feb, as in the domain).
    check(
      'results_long_term_use_check',
      sql`(${t.ownership} = 'long_term_use' or (${t.longTermUseStartsOn} is null and ${t.longTermUseEndsOn} is null)) and (${t.ownership} <> 'long_term_use' or ${t.rightsReview} is not null or (${t.longTermUseStartsOn} is not null and ${t.longTermUseEndsOn} >= (${t.longTermUseStartsOn} + interval '10 years')::date))`,
    ),
    // 科研单位与成果完成人（团队）成为共同所有权人: both hold a share (the sum is checked by the domain).
    check(
      'results_co_owners_check',
      sql`${t.ownership} <> 'co_owned' or ${t.rightsReview} is not null or (jsonb_path_exists(${t.coOwners}, '$[*] ? (@.party == "institution" && @.shareBp > 0)') and jsonb_path_exists(${t.coOwners}, '$[*] ? (@.party == "team" && @.shareBp > 0)'))`,
    ),
    check(
      'results_security_grant_check',
      sql`${t.securityClass} = 'public' or (${t.ownership} = 'institution' and not ${t.separatelyManaged})`,
    ),
    index('results_institution_idx').on(t.institutionId),
    index('results_org_unit_idx').on(t.orgUnitId),
    index('results_created_by_idx').on(t.createdBy),
    index('results_team_confirmed_by_idx').on(t.teamConfirmedBy),
    // The institution's list of teams to confirm after the migration.
    index('results_team_unconfirmed_idx')
      .on(t.institutionId)
      .where(sql`team_needs_confirmation`),
  ],
);

export const resultIpItems = pgTable(
  'result_ip_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    type: text('type').$type<IpType>().notNull(),
    // Patent / registration number, e.g. ZL202310123456.7.
    number: text('number').notNull(),
    title: text('title').notNull().default(''),
    grantDate: date('grant_date'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    check('result_ip_items_type_check', oneOf(t.type, IP_TYPES)),
    index('result_ip_items_result_idx').on(t.resultId),
  ],
);

export type Result = typeof results.$inferSelect;
export type ResultIpItem = typeof resultIpItems.$inferSelect;
