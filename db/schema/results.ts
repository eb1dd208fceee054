import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { INDUSTRY_FIELDS, type IndustryField } from '../../domain/constants/listings.js';
import {
  IP_TYPES,
  MATURITY_LEVELS,
  OWNERSHIP_MODES,
  RESULT_STATUSES,
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
import { organisations, users } from './organisations.js';

export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    field: text('field').$type<IndustryField>().notNull(),
    maturity: text('maturity').$type<Maturity>().notNull(),
    inventors: text('inventors').notNull().default(''),
    // 措施一: ownership after 赋权.
    ownership: text('ownership').$type<OwnershipMode>().notNull().default('institution'),
    coOwners: jsonb('co_owners').$type<CoOwner[]>().notNull().default([]),
    longTermUseYears: integer('long_term_use_years'),
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
    // 措施一 / 措施十五 restated in the database, so no path can store a result breaking them.
    check(
      'results_long_term_use_check',
      sql`${t.ownership} <> 'long_term_use' or (${t.longTermUseYears} >= 10 and ${t.longTermUseEndsOn} is not null)`,
    ),
    check(
      'results_security_grant_check',
      sql`${t.securityClass} = 'public' or (${t.ownership} = 'institution' and not ${t.separatelyManaged})`,
    ),
    index('results_institution_idx').on(t.institutionId),
    index('results_created_by_idx').on(t.createdBy),
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
