// The 面议 showcase: inquiries, expiry and renewal. Rules: domain/showcase.ts.
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/showcase.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { inquiries, organisations, type Inquiry, type Listing } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  applyTransition,
  checkContent,
  checkResultHeld,
  exclusiveConflict,
  lockListing,
  lockListingShared,
} from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { orgName, requireVisible, responseReader, SYSTEM } from './parties.js';

export interface InquiryInput {
  message: string;
  contactName: string;
  contactPhone: string;
}

export async function sendInquiry(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  input: InquiryInput,
): Promise<Inquiry> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListingShared(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    rules.checkInquiry(row, actor, now);
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    const message = input.message.trim();
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        listingId,
        organisationId: actor.orgId,
        userId: actor.userId,
        message,
        contactName: input.contactName.trim(),
        contactPhone: input.contactPhone.trim(),
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.inquiry',
      targetType: 'listing',
      targetId: listingId,
      details: { inquiryId: inquiry!.id },
      at: now,
    });
    await emit(tx, 'inquiry.created', { listingId, inquiryId: inquiry!.id });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'inquiry_received',
      { listingId, listingTitle: row.title, orgName: await orgName(tx, actor.orgId), text: message },
      now,
      { inquiryId: inquiry!.id },
    );
    return inquiry!;
  });
}

export type InquiryRow = Inquiry & { organisationName: string };

/** The owner and operators read every inquiry; an enterprise reads its own. */
export async function listInquiries(db: DbOrTx, actor: Actor, listingId: string): Promise<InquiryRow[]> {
  const reader = await responseReader(db, actor, listingId);
  if (reader === 'none') return [];
  const rows = await db
    .select({ inquiry: inquiries, organisationName: organisations.name })
    .from(inquiries)
    .innerJoin(organisations, eq(organisations.id, inquiries.organisationId))
    .where(
      and(
        eq(inquiries.listingId, listingId),
        reader.organisationId ? eq(inquiries.organisationId, reader.organisationId) : undefined,
      ),
    )
    .orderBy(desc(inquiries.createdAt), desc(inquiries.id));
  return rows.map((r) => ({ ...r.inquiry, organisationName: r.organisationName }));
}

/** Timer: the showcase period is over; the listing is delisted (expired). */
export async function expireShowcase(tx: Tx, row: Listing, now: Date): Promise<Listing> {
  const updated = await applyTransition(tx, row, rules.decideShowcaseExpiry(row, now), SYSTEM, now);
  await notify(
    tx,
    { orgIds: [row.organisationId] },
    'showcase_expired',
    { listingId: row.id, listingTitle: row.title },
    now,
  );
  return updated;
}

export async function renewShowcase(ctx: ServiceContext, actor: Actor, listingId: string): Promise<Listing> {
  return ctx.db
    .transaction(async (tx) => {
      const row = await lockListing(tx, listingId);
      requireVisible(row, actor);
      const now = ctx.now();
      const t = rules.renew(row, actor, now, ctx.config.periods);
      // The result may have been reclassified meanwhile (措施十五: classified results are never shown).
      await checkContent(tx, row, row.organisationId);
      // Back on show, it holds its result again: no other listing may hold its exclusive rights meanwhile.
      await checkResultHeld(tx, row);
      return applyTransition(tx, row, t, actor, now);
    })
    .catch(exclusiveConflict);
}
