// The inbox (站内通知): one row per recipient user, written in the transaction of the change it
// reports and pushed live after commit (outbox → Redis pub/sub → every api instance's sockets).
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/constants.js';
import { createdAt, oneOf } from './columns.js';
import { listings } from './listings.js';
import { users } from './organisations.js';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    listingId: uuid('listing_id').references(() => listings.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('notifications_kind_check', oneOf(t.kind, NOTIFICATION_KINDS)),
    // GET /notifications: a user's inbox, newest first.
    index('notifications_user_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    // The bell's unread count and "mark all read".
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`read_at is null`),
    index('notifications_listing_idx').on(t.listingId),
  ],
);

export type Notification = typeof notifications.$inferSelect;
