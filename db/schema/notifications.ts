// The inbox (站内通知): one row per recipient user, written in the transaction of the change it
// reports and pushed live after commit (outbox → Redis pub/sub → every api instance's sockets).
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/constants/notifications.js';
import { TIMER_KINDS, type TimerKind } from '../../domain/constants/lifecycle.js';
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

// Reminders sent before a listing deadline: one row per (listing, deadline kind, deadline instant),
// inserted with ON CONFLICT DO NOTHING in the reminder's transaction, so a reminder job delivered
// twice notifies once, and a moved deadline gets its own reminder.
export const deadlineReminders = pgTable(
  'deadline_reminders',
  {
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    kind: text('kind').$type<TimerKind>().notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listingId, t.kind, t.deadlineAt] }),
    check('deadline_reminders_kind_check', oneOf(t.kind, TIMER_KINDS)),
  ],
);

// Strong two-way matches whose owners were told (search/matching.ts): one row per unordered pair of
// listings (low id first), so each pair is announced once however often either side is re-indexed.
export const matchNotifications = pgTable(
  'match_notifications',
  {
    lowListingId: uuid('low_listing_id')
      .notNull()
      .references(() => listings.id),
    highListingId: uuid('high_listing_id')
      .notNull()
      .references(() => listings.id),
    score: integer('score').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.lowListingId, t.highListingId] }),
    check('match_notifications_order_check', sql`${t.lowListingId} < ${t.highListingId}`),
    index('match_notifications_high_idx').on(t.highListingId),
  ],
);
