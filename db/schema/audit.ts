import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditTarget } from '../../domain/constants/audit.js';
import { createdAt } from './columns.js';

// 措施十四 (尽职免责): every decision is an append-only, attributable record. A trigger added in
// the migrations refuses UPDATE and DELETE on this table.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Null for the system (timers); no foreign key so the record outlives any deletion.
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    targetType: text('target_type').$type<AuditTarget>().notNull(),
    targetId: uuid('target_id').notNull(),
    beforeStatus: text('before_status'),
    afterStatus: text('after_status'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId, t.id)],
);

// Transactional outbox: events written with the change that caused them, published after commit.
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The request that caused the event (X-Request-Id or a UUID), carried into jobs and worker logs. */
    requestId: text('request_id'),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_unpublished_idx')
      .on(t.id)
      .where(sql`published_at is null`),
  ],
);
