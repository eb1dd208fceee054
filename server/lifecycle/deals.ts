// Recording the deal (成交 / 转化): matched → converted, and the result converted with it.
// Rules: domain/deals.ts (措施四 appraisal, 措施十五 export control, 措施十四 attributable record).
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { AppraisalDecision } from '../../domain/constants/lifecycle.js';
import type { OwnershipType } from '../../domain/constants/organisations.js';
import type { TransactionType } from '../../domain/constants/listings.js';
import * as rules from '../../domain/deals.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  deals,
  exportControlConfirmations,
  listings,
  organisations,
  results,
  type Deal,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { applyTransition, lockListing } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { isUniqueViolation, requireVisible } from './parties.js';

export interface DealInput {
  transactionType: TransactionType;
  amountFen: number;
  appraisal: AppraisalDecision;
  /** Only for a counterparty not registered on the platform. */
  counterpartyOwnership: OwnershipType | null;
  /** The basis of the pricing and appraisal decision (措施十四). */
  basis: string;
}

async function exportControlOf(db: DbOrTx, listingId: string) {
  const [row] = await db
    .select()
    .from(exportControlConfirmations)
    .where(eq(exportControlConfirmations.listingId, listingId));
  return row ?? null;
}

/** 措施十五: the institution confirms the technology-export review before dealing with a foreign party. */
export async function confirmExportControl(ctx: ServiceContext, actor: Actor, listingId: string, note: string) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockListing(tx, listingId);
      requireVisible(row, actor);
      const now = ctx.now();
      rules.checkExportControl(row, actor, (await exportControlOf(tx, listingId)) !== null);
      if (actor.type !== 'member') throw new AppError('FORBIDDEN');
      const [confirmation] = await tx
        .insert(exportControlConfirmations)
        .values({
          listingId,
          organisationId: actor.orgId,
          confirmedBy: actor.userId,
          note: note.trim(),
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'listing.export_control_confirm',
        targetType: 'listing',
        targetId: listingId,
        reason: note.trim(),
        at: now,
      });
      await emit(tx, 'deal.export_control_confirmed', { listingId });
      return confirmation!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'export_control_confirmations_listing_key')) {
      throw new AppError('EXPORT_CONTROL_ALREADY_CONFIRMED');
    }
    throw err;
  }
}

export async function recordDeal(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  input: DealInput,
): Promise<Deal> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    // Owner and state first, so outsiders learn nothing about the match.
    rules.checkCanRecordDeal(row, actor);
    if (!row.matchedName || !row.resultId) throw new AppError('NOT_MATCHED', { reason: 'no_match_record' });
    const [org] = row.matchedOrgId
      ? await tx
          .select({ ownershipType: organisations.ownershipType })
          .from(organisations)
          .where(eq(organisations.id, row.matchedOrgId))
      : [];
    const ownership = rules.counterpartyOwnership(
      org?.ownershipType ?? null,
      row.matchedOrgId !== null,
      input.counterpartyOwnership,
    );
    const t = rules.recordDeal(row, actor, input, ownership, (await exportControlOf(tx, listingId)) !== null);
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    const [deal] = await tx
      .insert(deals)
      .values({
        listingId,
        resultId: row.resultId!,
        institutionId: row.organisationId,
        counterpartyOrgId: row.matchedOrgId,
        counterpartyName: row.matchedName!,
        counterpartyOwnership: ownership,
        transactionType: input.transactionType,
        amountFen: input.amountFen,
        appraisal: input.appraisal,
        basis: input.basis.trim(),
        recordedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await tx
      .update(results)
      .set({ status: 'converted', convertedAt: now, updatedAt: now, version: sql`${results.version} + 1` })
      .where(eq(results.id, row.resultId!));
    await writeAudit(tx, {
      actor,
      action: 'result.convert',
      targetType: 'result',
      targetId: row.resultId!,
      beforeStatus: 'active',
      afterStatus: 'converted',
      details: { listingId, dealId: deal!.id },
      at: now,
    });
    await applyTransition(
      tx,
      row,
      t,
      actor,
      now,
      {},
      {
        dealId: deal!.id,
        amountFen: input.amountFen,
        transactionType: input.transactionType,
        appraisal: input.appraisal,
        counterpartyOwnership: ownership,
      },
    );
    await emit(tx, 'deal.recorded', { listingId, dealId: deal!.id, resultId: row.resultId });
    await notify(
      tx,
      { orgIds: [row.matchedOrgId] },
      'deal_recorded',
      { listingId, listingTitle: row.title, priceFen: input.amountFen },
      now,
      { dealId: deal!.id },
    );
    return deal!;
  });
}

export interface DealView {
  deal: Deal | null;
  exportControl: { note: string; createdAt: Date } | null;
}

/** The deal record: the institution, the counterparty and operators. */
export async function getDeal(db: DbOrTx, actor: Actor, listingId: string): Promise<DealView> {
  const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  requireVisible(row, actor);
  const party =
    actor.type === 'operator' ||
    (actor.type === 'member' && (actor.orgId === row.organisationId || actor.orgId === row.matchedOrgId));
  if (!party) throw new AppError('FORBIDDEN');
  const [deal] = await db.select().from(deals).where(eq(deals.listingId, listingId));
  const ec = await exportControlOf(db, listingId);
  return { deal: deal ?? null, exportControl: ec && { note: ec.note, createdAt: ec.createdAt } };
}
