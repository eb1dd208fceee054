// The inbox. `notify` is called inside the transaction of the change it reports: the rows and their
// outbox events commit (or roll back) with it, and the outbox relay publishes them afterwards to
// Redis pub/sub, from where every api instance pushes them to that user's open sockets.
import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { NotificationKind } from '../../domain/constants/notifications.js';
import { AppError } from '../../domain/errors.js';
import { notificationText, type NotificationMessage, type NotificationParams } from '../../domain/notifications.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { notifications, type Notification } from '../../db/schema/index.js';
import { emit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';

export const NOTIFICATION_CREATED = 'notification.created';
export const NOTIFICATION_READ = 'notification.read';

export interface Recipients {
  /** Every member of these organisations. */
  orgIds?: ReadonlyArray<string | null | undefined>;
  userIds?: readonly string[];
  /** Every platform operator. */
  operators?: boolean;
  /** Left out: the user who made the change already knows (their colleagues are still told). */
  exceptUserIds?: readonly string[];
}

export type { NotificationMessage };

export function notificationMessage(n: Notification): NotificationMessage {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    listingId: n.listingId,
    data: n.data,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Stores one notification per recipient user and queues its live push; call inside the change's
 * transaction. One statement: recipients are resolved, rows inserted and their outbox events queued
 * together, because deadline transitions notify in bulk and each round trip counts (bench/timers.ts).
 * The pushed message has the shape of `notificationMessage` (test/api/notifications.test.ts checks).
 */
export async function notify(
  tx: Tx,
  recipients: Recipients,
  kind: NotificationKind,
  params: NotificationParams & { listingId?: string | null },
  at: Date,
  data: Record<string, unknown> = {},
): Promise<number> {
  const orgIds = [...new Set((recipients.orgIds ?? []).filter((id): id is string => !!id))];
  const userIds = [...new Set(recipients.userIds ?? [])];
  if (orgIds.length === 0 && userIds.length === 0 && !recipients.operators) return 0;
  const { title, body } = notificationText(kind, params);
  const except = [...(recipients.exceptUserIds ?? [])];
  const result = await tx.execute(sql`
    with recipients as (
      select m.user_id from memberships m join organisations o on o.id = m.organisation_id
      -- An organisation's notifications go to those who act for it: not to its researchers (措施一、十二),
      -- who are told of what concerns them by name (recipients.userIds).
      where (m.organisation_id = any(${sql.param(orgIds)}::uuid[]) and m.role <> 'researcher')
         or (${!!recipients.operators}::boolean and o.kind = 'operator')
      union
      select unnest(${sql.param(userIds)}::uuid[])
    ), inserted as (
      insert into notifications (user_id, kind, title, body, listing_id, data, created_at)
      select user_id, ${kind}, ${title}, ${body}, ${params.listingId ?? null}::uuid, ${JSON.stringify(data)}::jsonb,
             ${at.toISOString()}::timestamptz
      from recipients
      where user_id <> all(${sql.param(except)}::uuid[])
      returning id, user_id, kind, title, body, listing_id, data, created_at
    )
    insert into outbox (topic, payload) ${notificationPushes(sql`inserted`)}`);
  return result.rowCount ?? 0;
}

/**
 * The live pushes of freshly inserted notification rows (`from` returns id, user_id, kind, title,
 * body, listing_id, data, created_at): the select part of an `insert into outbox`, so each writer
 * of notifications (notify, notifyEach, the bid statement in server/auctions/bidding.ts) pushes the same shape.
 */
export function notificationPushes(from: SQL): SQL {
  return sql`
    select ${NOTIFICATION_CREATED}, jsonb_build_object(
      'userId', user_id,
      'notification', jsonb_build_object(
        'id', id, 'kind', kind, 'title', title, 'body', body, 'listingId', listing_id, 'data', data,
        'readAt', null,
        'createdAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    from ${from}`;
}

export interface NotificationItem {
  recipients: Recipients;
  kind: NotificationKind;
  params: NotificationParams & { listingId?: string | null };
  data?: Record<string, unknown>;
}

/**
 * Many notifications of different wording in one statement, e.g. one per institution after a pool
 * scan that changed thousands of results: the texts are worded here, the recipients resolved and
 * rows + outbox events written by PostgreSQL in one round trip. Same shapes as `notify`.
 */
export async function notifyEach(tx: Tx, items: readonly NotificationItem[], at: Date): Promise<number> {
  const rows = items
    .map((it, n) => ({
      n,
      org_ids: [...new Set((it.recipients.orgIds ?? []).filter((id): id is string => !!id))],
      user_ids: [...new Set(it.recipients.userIds ?? [])],
      operators: !!it.recipients.operators,
      except_ids: [...(it.recipients.exceptUserIds ?? [])],
      kind: it.kind,
      ...notificationText(it.kind, it.params),
      listing_id: it.params.listingId ?? null,
      data: it.data ?? {},
    }))
    .filter((r) => r.org_ids.length || r.user_ids.length || r.operators);
  if (rows.length === 0) return 0;
  const result = await tx.execute(sql`
    with items as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(n int, org_ids jsonb, user_ids jsonb, operators boolean, except_ids jsonb, kind text, title text,
             body text, listing_id uuid, data jsonb)
    ), recipients as (
      select it.n, m.user_id
        from items it cross join lateral jsonb_array_elements_text(it.org_ids) o(id)
        join memberships m on m.organisation_id = o.id::uuid and m.role <> 'researcher'
      union
      select it.n, m.user_id
        from items it join memberships m on it.operators
        join organisations o on o.id = m.organisation_id and o.kind = 'operator'
      union
      select it.n, u.id::uuid from items it cross join lateral jsonb_array_elements_text(it.user_ids) u(id)
    ), inserted as (
      insert into notifications (user_id, kind, title, body, listing_id, data, created_at)
      select r.user_id, it.kind, it.title, it.body, it.listing_id, it.data, ${at.toISOString()}::timestamptz
      from recipients r join items it on it.n = r.n
      where not it.except_ids ? r.user_id::text
      returning id, user_id, kind, title, body, listing_id, data, created_at
    )
    insert into outbox (topic, payload) ${notificationPushes(sql`inserted`)}`);
  return result.rowCount ?? 0;
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(
  db: DbOrTx,
  userId: string,
  q: { unreadOnly: boolean; page: number; pageSize: number },
) {
  const where = and(eq(notifications.userId, userId), q.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [total], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, userId),
  ]);
  return { items, total: total?.n ?? 0, unreadCount: unread };
}

/** Marks one of the user's notifications read (idempotent) and tells the user's other tabs. */
export async function markRead(ctx: ServiceContext, userId: string, id: string): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .for('update');
    // Another user's notification is reported as missing: ids are not a way to probe inboxes.
    if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
    if (row.readAt) return unreadCount(tx, userId);
    await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id));
    const unread = await unreadCount(tx, userId);
    await emit(tx, NOTIFICATION_READ, { userId, ids: [id], unreadCount: unread });
    return unread;
  });
}

export async function markAllRead(ctx: ServiceContext, userId: string): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (updated.length) await emit(tx, NOTIFICATION_READ, { userId, all: true, unreadCount: 0 });
    return updated.length;
  });
}
