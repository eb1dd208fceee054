// Public notice (公示) and objections (异议), 措施四. The rules are domain/notices.ts; this file
// applies them: one transaction per action with its audit row, outbox event and notifications.
//
// Locks: objection actions hold the listing row FOR SHARE (objections of different organisations do
// not wait for each other), then the objection FOR UPDATE; the notice-end transition holds the
// listing FOR UPDATE, so it counts exactly the objections committed before it.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, OperatorActor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/notices.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { listings, objections, organisations, results, type Listing, type Objection } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { applyTransition, lockListingShared } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { isUniqueViolation, orgName, requireVisible, responseReader, SYSTEM } from './parties.js';
import { objectionDismissalDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

function objectionFacts(o: Objection, row: Listing): rules.ObjectionFacts {
  return {
    organisationId: o.organisationId,
    status: o.status,
    responded: o.respondedAt !== null,
    internal: o.internal,
    filedBy: o.filedBy,
    // An objection to an earlier notice of a re-noticed listing is closed with that notice.
    current: o.noticeRound === row.noticeRound,
  };
}

export async function fileObjection(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  reason: string,
): Promise<Objection> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockListingShared(tx, listingId);
      requireVisible(row, actor);
      const now = ctx.now();
      // Once per organisation and notice; the owning institution's staff once each (在本单位公示).
      const [existing] =
        actor.type === 'member'
          ? await tx
              .select({ id: objections.id })
              .from(objections)
              .where(
                and(
                  eq(objections.listingId, listingId),
                  eq(objections.noticeRound, row.noticeRound),
                  actor.orgId === row.organisationId
                    ? and(eq(objections.internal, true), eq(objections.filedBy, actor.userId))
                    : and(eq(objections.internal, false), eq(objections.organisationId, actor.orgId)),
                ),
              )
          : [];
      const filing = rules.fileObjection(row, actor, now, { reason, alreadyFiled: !!existing });
      const text = filing.reason;
      if (actor.type !== 'member') throw new AppError('FORBIDDEN');
      const [objection] = await tx
        .insert(objections)
        .values({
          listingId,
          organisationId: actor.orgId,
          filedBy: actor.userId,
          reason: text,
          noticeRound: row.noticeRound,
          internal: filing.internal,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'listing.objection_file',
        targetType: 'listing',
        targetId: listingId,
        beforeStatus: row.status,
        afterStatus: row.status,
        reason: text,
        details: { objectionId: objection!.id, internal: filing.internal, noticeRound: row.noticeRound },
        at: now,
      });
      await emit(tx, 'objection.filed', { listingId, objectionId: objection!.id });
      // The owner must answer; operators watch for abusive objections.
      await notify(
        tx,
        { orgIds: [row.organisationId], operators: true },
        'objection_filed',
        { listingId, listingTitle: row.title, orgName: await orgName(tx, actor.orgId), text },
        now,
        { objectionId: objection!.id },
      );
      return objection!;
    });
  } catch (err) {
    // Two members of one organisation objecting at once: the second meets the unique key.
    if (
      isUniqueViolation(err, 'objections_listing_org_key') ||
      isUniqueViolation(err, 'objections_listing_staff_key')
    ) {
      throw new AppError('OBJECTION_EXISTS');
    }
    throw err;
  }
}

/** Locks the listing (shared) and then the objection, in that order, as every objection action does. */
async function lockObjection(tx: Tx, actor: Actor, id: string): Promise<{ row: Listing; objection: Objection }> {
  const [found] = await tx.select({ listingId: objections.listingId }).from(objections).where(eq(objections.id, id));
  if (!found) throw new AppError('OBJECTION_NOT_FOUND');
  const row = await lockListingShared(tx, found.listingId);
  requireVisible(row, actor);
  const [objection] = await tx.select().from(objections).where(eq(objections.id, id)).for('update');
  return { row, objection: objection! };
}

export async function respondToObjection(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  response: string,
): Promise<Objection> {
  return ctx.db.transaction(async (tx) => {
    const { row, objection } = await lockObjection(tx, actor, id);
    const now = ctx.now();
    const text = rules.respondToObjection(row, objectionFacts(objection, row), actor, now, response);
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    const [updated] = await tx
      .update(objections)
      .set({ responseText: text, respondedBy: actor.userId, respondedAt: now, updatedAt: now })
      .where(eq(objections.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.objection_respond',
      targetType: 'listing',
      targetId: row.id,
      reason: text,
      details: { objectionId: id },
      at: now,
    });
    await emit(tx, 'objection.responded', { listingId: row.id, objectionId: id });
    await notify(
      tx,
      { orgIds: [objection.organisationId] },
      'objection_responded',
      { listingId: row.id, listingTitle: row.title, text },
      now,
      { objectionId: id },
    );
    return updated!;
  });
}

export async function withdrawObjection(ctx: ServiceContext, actor: Actor, id: string): Promise<Objection> {
  return ctx.db.transaction(async (tx) => {
    const { row, objection } = await lockObjection(tx, actor, id);
    const now = ctx.now();
    rules.withdrawObjection(row, objectionFacts(objection, row), actor, now);
    const [updated] = await tx
      .update(objections)
      .set({
        status: 'withdrawn',
        closedBy: actor.type === 'system' ? null : actor.userId,
        closedAt: now,
        updatedAt: now,
      })
      .where(eq(objections.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.objection_withdraw',
      targetType: 'listing',
      targetId: row.id,
      details: { objectionId: id },
      at: now,
    });
    await emit(tx, 'objection.withdrawn', { listingId: row.id, objectionId: id });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'objection_withdrawn',
      { listingId: row.id, listingTitle: row.title, orgName: await orgName(tx, objection.organisationId) },
      now,
      { objectionId: id },
    );
    return updated!;
  });
}

export async function dismissObjection(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: string,
): Promise<Objection> {
  return ctx.db.transaction(async (tx) => {
    const { row, objection } = await lockObjection(tx, actor, id);
    const now = ctx.now();
    const text = rules.dismissObjection(row, objectionFacts(objection, row), actor, now, reason);
    const [updated] = await tx
      .update(objections)
      .set({ status: 'dismissed', dismissalReason: text, closedBy: actor.userId, closedAt: now, updatedAt: now })
      .where(eq(objections.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.objection_dismiss',
      targetType: 'listing',
      targetId: row.id,
      reason: text,
      details: { objectionId: id },
      at: now,
    });
    await recordProductDecision(tx, actor, { type: 'listing', id: row.id }, objectionDismissalDecision(text), now);
    await emit(tx, 'objection.dismissed', { listingId: row.id, objectionId: id });
    await notify(
      tx,
      { orgIds: [objection.organisationId] },
      'objection_dismissed',
      { listingId: row.id, listingTitle: row.title, text },
      now,
      { objectionId: id },
    );
    return updated!;
  });
}

export type ObjectionRow = Objection & { organisationName: string };

/** The owner and operators see every objection; another organisation sees its own. */
export async function listObjections(db: DbOrTx, actor: Actor, listingId: string): Promise<ObjectionRow[]> {
  const reader = await responseReader(db, actor, listingId);
  if (reader === 'none') return [];
  const rows = await db
    .select({ objection: objections, organisationName: organisations.name })
    .from(objections)
    .innerJoin(organisations, eq(organisations.id, objections.organisationId))
    .where(
      and(
        eq(objections.listingId, listingId),
        reader.organisationId ? eq(objections.organisationId, reader.organisationId) : undefined,
      ),
    )
    .orderBy(asc(objections.createdAt), asc(objections.id));
  return rows.map((r) => ({ ...r.objection, organisationName: r.organisationName }));
}

/**
 * Timer: the notice period is over (措施四). The caller holds the listing FOR UPDATE and has checked
 * that it is still in notice and the deadline passed.
 */
export async function closeNotice(tx: Tx, row: Listing, now: Date, config: Config): Promise<Listing> {
  // One read gives both the count that decides and the objectors to tell: this notice's objections.
  const filed = await tx
    .select({ orgId: objections.organisationId, status: objections.status })
    .from(objections)
    .where(and(eq(objections.listingId, row.id), eq(objections.noticeRound, row.noticeRound)));
  const standing = filed.filter((o) => o.status === 'standing').length;
  const d = rules.decideNoticeEnd(row, standing, now, config.periods);
  const match = d.match
    ? {
        matchedOrgId: d.match.orgId,
        matchedName: d.match.name,
        matchedPriceFen: d.match.priceFen,
        matchedAt: now,
        matchRoute: d.match.route,
      }
    : {};
  const updated = await applyTransition(tx, row, d.transition, SYSTEM, now, match, {
    standingObjections: d.standingObjections,
  });
  await notify(
    tx,
    { orgIds: [row.organisationId, row.counterpartyOrgId, ...filed.map((o) => o.orgId)] },
    'notice_ended',
    {
      listingId: row.id,
      listingTitle: row.title,
      to: d.transition.to,
      at: updated.objectionDecisionEndsAt,
      priceFen: row.priceFen,
      orgName: row.counterpartyName,
    },
    now,
  );
  return updated;
}

export interface NoticeBoardEntry {
  listing: Listing;
  organisation: { id: string; name: string };
  resultTitle: string | null;
  standingObjections: number;
}

/** 公示栏: listings in notice, ending soonest first, with how many objections stand. */
export async function noticeBoard(
  db: DbOrTx,
  page: number,
  pageSize: number,
): Promise<{ items: NoticeBoardEntry[]; total: number }> {
  const where = eq(listings.status, 'notice');
  const [rows, [total]] = await Promise.all([
    db
      .select({
        listing: listings,
        organisation: { id: organisations.id, name: organisations.name },
        resultTitle: results.title,
      })
      .from(listings)
      .innerJoin(organisations, eq(organisations.id, listings.organisationId))
      .leftJoin(results, eq(results.id, listings.resultId))
      .where(where)
      .orderBy(asc(listings.noticeEndsAt), asc(listings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  const counts = await standingCounts(
    db,
    rows.map((r) => r.listing.id),
  );
  return {
    items: rows.map((r) => ({ ...r, standingObjections: counts.get(r.listing.id) ?? 0 })),
    total: total?.n ?? 0,
  };
}

export async function standingCounts(db: DbOrTx, listingIds: string[]): Promise<Map<string, number>> {
  if (listingIds.length === 0) return new Map();
  const rows = await db
    .select({ listingId: objections.listingId, n: sql<number>`count(*)::int` })
    .from(objections)
    .innerJoin(listings, eq(listings.id, objections.listingId))
    .where(
      and(
        inArray(objections.listingId, listingIds),
        eq(objections.status, 'standing'),
        eq(objections.noticeRound, listings.noticeRound),
      ),
    )
    .groupBy(objections.listingId);
  return new Map(rows.map((r) => [r.listingId, r.n]));
}
