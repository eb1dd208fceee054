import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { organisations, users } from './organisations.js';

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
