import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
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
  AFFILIATIONS,
  DEPARTMENT_SCOPES,
  DOMICILES,
  INSTITUTION_TYPES,
  MEMBER_ROLES,
  ORG_KINDS,
  OWNERSHIP_TYPES,
  REGIONS,
  SIZE_CLASSES,
  VERIFICATION_STATUSES,
  type Affiliation,
  type DepartmentScope,
  type Domicile,
  type InstitutionType,
  type MemberRole,
  type OrgKind,
  type OwnershipType,
  type Region,
  type SizeClass,
  type VerificationStatus,
} from '../../domain/constants/organisations.js';
import { createdAt, oneOf, updatedAt } from './columns.js';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<OrgKind>().notNull(),
    name: text('name').notNull(),
    // 统一社会信用代码 of a mainland organisation; operators and organisations registered outside the mainland have none.
    creditCode: text('credit_code'),
    // 措施十五: where it is registered (境内 / 港澳台 / 境外), operator-verified like the rest.
    domicile: text('domicile').$type<Domicile>().notNull().default('mainland'),
    // Outside the mainland: its own registration number and country or region instead of a credit code.
    registrationNumber: text('registration_number'),
    countryOrRegion: text('country_or_region'),
    // Set by the domicile migration for 外资 organisations, whose domicile operators confirm.
    domicileReviewPending: boolean('domicile_review_pending').notNull().default(false),
    region: text('region').$type<Region>(),
    address: text('address').notNull().default(''),
    description: text('description').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    website: text('website').notNull().default(''),
    // Enterprises only.
    sizeClass: text('size_class').$type<SizeClass>(),
    ownershipType: text('ownership_type').$type<OwnershipType>(),
    // Institutions only.
    institutionType: text('institution_type').$type<InstitutionType>(),
    affiliation: text('affiliation').$type<Affiliation>(),
    // Departments only (措施十三 oversight).
    departmentScope: text('department_scope').$type<DepartmentScope>(),
    verificationStatus: text('verification_status')
      .$type<VerificationStatus>()
      .notNull()
      .default('pending_verification'),
    verificationNote: text('verification_note'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('organisations_kind_check', oneOf(t.kind, ORG_KINDS)),
    check('organisations_region_check', oneOf(t.region, REGIONS)),
    check('organisations_size_class_check', oneOf(t.sizeClass, SIZE_CLASSES)),
    check('organisations_ownership_type_check', oneOf(t.ownershipType, OWNERSHIP_TYPES)),
    check('organisations_institution_type_check', oneOf(t.institutionType, INSTITUTION_TYPES)),
    check('organisations_affiliation_check', oneOf(t.affiliation, AFFILIATIONS)),
    check('organisations_verification_status_check', oneOf(t.verificationStatus, VERIFICATION_STATUSES)),
    check('organisations_domicile_check', oneOf(t.domicile, DOMICILES)),
    check('organisations_department_scope_check', oneOf(t.departmentScope, DEPARTMENT_SCOPES)),
    check(
      'organisations_department_fields_check',
      sql`(${t.kind} = 'department') = (${t.departmentScope} is not null)`,
    ),
    check(
      'organisations_enterprise_fields_check',
      sql`${t.kind} <> 'enterprise' or (${t.sizeClass} is not null and ${t.ownershipType} is not null)`,
    ),
    // 措施十五 (domain/organisations.ts checkIdentity): a mainland organisation has a credit code and a
    // Liaoning city; one registered outside the mainland its own registration number and place instead.
    check(
      'organisations_identity_check',
      sql`${t.kind} in ('operator', 'department') or (${t.domicile} = 'mainland' and ${t.creditCode} is not null and ${t.registrationNumber} is null and ${t.countryOrRegion} is null) or (${t.domicile} <> 'mainland' and ${t.creditCode} is null and ${t.region} is null and ${t.registrationNumber} is not null and ${t.countryOrRegion} is not null)`,
    ),
    // 本措施所指科研单位: mainland bodies (省属, 中央驻辽).
    check(
      'organisations_institution_fields_check',
      sql`${t.kind} <> 'institution' or (${t.institutionType} is not null and ${t.affiliation} is not null and ${t.domicile} = 'mainland')`,
    ),
    uniqueIndex('organisations_credit_code_key').on(t.creditCode),
    uniqueIndex('organisations_registration_key').on(t.countryOrRegion, t.registrationNumber),
    // The operators' domicile review list (GET /operator/organisations/domicile-review), oldest first.
    index('organisations_domicile_review_idx')
      .on(t.createdAt)
      .where(sql`domicile_review_pending`),
    // The operator's verification queue: oldest pending organisations first.
    index('organisations_pending_idx')
      .on(t.createdAt)
      .where(sql`verification_status = 'pending_verification'`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased; uniqueness is on that form.
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone').notNull().default(''),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    // Per-account login protection (server/accounts/login-guard.ts): failures since the last success
    // and when the latest one happened; the next attempt waits a delay that grows with the count.
    failedLogins: integer('failed_logins').notNull().default(0),
    lastFailedLoginAt: timestamp('last_failed_login_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), check('users_failed_logins_check', sql`${t.failedLogins} >= 0`)],
);

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role').$type<MemberRole>().notNull().default('member'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    check('memberships_role_check', oneOf(t.role, MEMBER_ROLES)),
    // A person may belong to several organisations (a researcher of two institutions); the session
    // names the one they act for (sessions.organisation_id).
    index('memberships_organisation_idx').on(t.organisationId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a database leak does not yield usable sessions.
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent').notNull().default(''),
    // The organisation the user acts for in this session (the header's switch). Null only on sessions
    // from before memberships could be several: they act for the user's one membership.
    organisationId: uuid('organisation_id'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    // A membership that ends ends the sessions acting through it.
    foreignKey({
      name: 'sessions_membership_fk',
      columns: [t.userId, t.organisationId],
      foreignColumns: [memberships.userId, memberships.organisationId],
    }).onDelete('cascade'),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;

// 措施十三: which institutions a supervisory department oversees (a provincial department oversees all
// and has no links). Operators maintain the links.
export const oversightLinks = pgTable(
  'oversight_links',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.institutionId] }),
    // A department's list of the institutions it oversees; "which departments oversee me".
    index('oversight_links_institution_idx').on(t.institutionId),
  ],
);

// An institution's internal units (院系 / 研究所 / 科室). One table for the statistics (措施十三: units
// are evaluated too) and the researchers' teams.
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('org_units_organisation_name_key').on(t.organisationId, t.name)],
);
