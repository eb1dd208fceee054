import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { organisations, orgUnits, users } from './organisations.js';
import { results } from './results.js';

// 措施一、十二: an institution invites its researchers (成果完成人). The link carries a random token;
// only its SHA-256 is stored, so a database leak yields no usable link. Single use: accepting sets
// accepted_at in one guarded update.
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // Stored lower-cased: the account that accepts must have (or be created with) this e-mail.
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    // The institution's invitation list, newest first.
    index('invitations_organisation_idx').on(t.organisationId, t.createdAt),
    index('invitations_invited_by_idx').on(t.invitedBy),
    index('invitations_accepted_by_idx').on(t.acceptedBy),
    check('invitations_accepted_check', sql`(${t.acceptedAt} is null) = (${t.acceptedBy} is null)`),
    check('invitations_used_once_check', sql`${t.acceptedAt} is null or ${t.revokedAt} is null`),
  ],
);

export type Invitation = typeof invitations.$inferSelect;

// 措施一、十二: a result's inventor team (成果完成人). Shares are basis points; the service writes a
// team whole, in one transaction, only when its shares sum to 10,000 (domain/teams.ts checkTeam).
export const resultTeamMembers = pgTable(
  'result_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    // The internal unit (院系/所/科室) the member belongs to.
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    roleInWork: text('role_in_work').notNull().default(''),
    shareBp: integer('share_bp').notNull(),
    // 正职 leadership post: 措施十二's rewards cover 副职及以下; these follow a separate procedure.
    principalLeader: boolean('principal_leader').notNull().default(false),
    // The member's researcher account at the institution, once linked.
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('result_team_members_position_key').on(t.resultId, t.position),
    uniqueIndex('result_team_members_account_key')
      .on(t.resultId, t.userId)
      .where(sql`user_id is not null`),
    // A researcher's own results (GET /researcher/results).
    index('result_team_members_user_idx').on(t.userId),
    index('result_team_members_org_unit_idx').on(t.orgUnitId),
    check('result_team_members_share_check', sql`${t.shareBp} between 1 and 10000`),
    check('result_team_members_position_check', sql`${t.position} >= 1`),
  ],
);

export type ResultTeamMember = typeof resultTeamMembers.$inferSelect;
