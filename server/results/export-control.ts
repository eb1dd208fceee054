// 措施十五: the institution's technology-export review of a result (rules: domain/export-control.ts).
// One confirmation per result covers every listing of it and its pay-later licences; the entry points
// (claim, auction registration, pay-later application, deal) ask `exportControlOf` before a party
// registered outside the mainland may proceed, and `domicileOf` where that party stands.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { Domicile } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { checkConfirmExportControl } from '../../domain/export-control.js';
import type { DbOrTx } from '../../db/client.js';
import { exportControlConfirmations, organisations, results } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';

export interface ExportControlRecord {
  id: string;
  note: string;
  createdAt: Date;
}

export async function exportControlOf(db: DbOrTx, resultId: string | null): Promise<ExportControlRecord | null> {
  if (!resultId) return null;
  const [row] = await db
    .select({
      id: exportControlConfirmations.id,
      note: exportControlConfirmations.note,
      createdAt: exportControlConfirmations.createdAt,
    })
    .from(exportControlConfirmations)
    .where(eq(exportControlConfirmations.resultId, resultId))
    .limit(1);
  return row ?? null;
}

/** Where an organisation is registered (措施十五 turns on this, not on its ownership). */
export async function domicileOf(db: DbOrTx, organisationId: string): Promise<Domicile> {
  const [row] = await db
    .select({ domicile: organisations.domicile })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!row) throw new AppError('ORG_NOT_FOUND');
  return row.domicile;
}

/**
 * The owning institution confirms the review of one of its results, once. The result row is locked,
 * so two confirmations of one result decide one after the other. `listingId` names the listing it was
 * given from, if any (the caller has checked it offers this result).
 */
export async function confirmExportControl(
  ctx: ServiceContext,
  actor: Actor,
  resultId: string,
  note: string,
  listingId: string | null = null,
): Promise<ExportControlRecord> {
  return ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .select({ institutionId: results.institutionId })
      .from(results)
      .where(eq(results.id, resultId))
      .for('update');
    // Another institution's result is reported as missing, as everywhere an institution reads results.
    if (!result || actor.type !== 'member' || actor.orgId !== result.institutionId) {
      throw new AppError('RESULT_NOT_FOUND');
    }
    const now = ctx.now();
    checkConfirmExportControl(result.institutionId, actor, (await exportControlOf(tx, resultId)) !== null);
    const text = note.trim();
    const [row] = await tx
      .insert(exportControlConfirmations)
      .values({
        resultId,
        listingId,
        organisationId: actor.orgId,
        confirmedBy: actor.userId,
        note: text,
        createdAt: now,
      })
      .returning({
        id: exportControlConfirmations.id,
        note: exportControlConfirmations.note,
        createdAt: exportControlConfirmations.createdAt,
      });
    await writeAudit(tx, {
      actor,
      action: 'result.export_control_confirm',
      targetType: 'result',
      targetId: resultId,
      reason: text,
      details: { listingId },
      at: now,
    });
    if (listingId) {
      await writeAudit(tx, {
        actor,
        action: 'listing.export_control_confirm',
        targetType: 'listing',
        targetId: listingId,
        reason: text,
        details: { resultId },
        at: now,
      });
    }
    await emit(tx, 'result.export_control_confirmed', { resultId, listingId });
    return row!;
  });
}
