// 措施十二: costs recorded against a conversion (patent and maintenance fees, appraisal, agency
// commission, taxes). Net income = income received − costs. Each cost carries its document like a
// payment does (a reference, and optionally the uploaded file from the conversion's dossier). A cost
// is never edited: a mistaken one is reversed by a new row.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { ConversionCostKind } from '../../domain/constants/remuneration.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { conversionCosts, documents, type ConversionCost } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { lockConversion } from '../ledger/contracts.js';
import { ownConversion, requireInstitution } from './policy.js';
import { shanghaiDate } from '../../domain/results.js';

export interface CostInput {
  kind: ConversionCostKind;
  amountFen: number;
  incurredOn: string;
  evidenceRef: string;
  documentId: string | null;
  note: string;
}

export async function costsFen(db: DbOrTx, conversionId: string): Promise<number> {
  const [r] = await db
    .select({ fen: sql<string>`coalesce(sum(${conversionCosts.amountFen}), 0)` })
    .from(conversionCosts)
    .where(eq(conversionCosts.conversionId, conversionId));
  return Number(r!.fen);
}

export async function listCosts(db: DbOrTx, actor: MemberActor, conversionId: string): Promise<ConversionCost[]> {
  await ownConversion(db, actor, conversionId);
  return db
    .select()
    .from(conversionCosts)
    .where(eq(conversionCosts.conversionId, conversionId))
    .orderBy(asc(conversionCosts.incurredOn), asc(conversionCosts.createdAt));
}

export async function recordCost(
  ctx: ServiceContext,
  actor: MemberActor,
  conversionId: string,
  input: CostInput,
): Promise<ConversionCost> {
  requireInstitution(actor);
  if (!input.evidenceRef.trim()) throw new AppError('REMUNERATION_COST_EVIDENCE_REQUIRED');
  return ctx.db.transaction(async (tx) => {
    const { conversion } = await lockConversion(tx, actor, conversionId);
    const now = ctx.now();
    if (input.incurredOn > shanghaiDate(now)) {
      throw new AppError('VALIDATION_FAILED', [{ path: '/incurredOn', message: '费用发生日期不能晚于今天' }]);
    }
    if (input.documentId) {
      const [d] = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.id, input.documentId),
            eq(documents.orgId, conversion.institutionId),
            eq(documents.subjectType, 'conversion'),
            eq(documents.subjectId, conversionId),
          ),
        );
      if (!d) throw new AppError('REMUNERATION_COST_DOCUMENT_MISMATCH');
    }
    const [row] = await tx
      .insert(conversionCosts)
      .values({
        conversionId,
        institutionId: conversion.institutionId,
        kind: input.kind,
        amountFen: input.amountFen,
        incurredOn: input.incurredOn,
        evidenceRef: input.evidenceRef.trim(),
        documentId: input.documentId,
        note: input.note.trim(),
        recordedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'conversion_cost.record',
      targetType: 'conversion',
      targetId: conversionId,
      details: { costId: row!.id, kind: input.kind, amountFen: input.amountFen, evidenceRef: row!.evidenceRef },
      at: now,
    });
    await emit(tx, 'conversion_cost.recorded', { conversionId, institutionId: conversion.institutionId });
    return row!;
  });
}

/** A mistaken cost is reversed by a new (negative) row naming it, with the reason; the first row stays. */
export async function reverseCost(
  ctx: ServiceContext,
  actor: MemberActor,
  conversionId: string,
  costId: string,
  reason: string,
): Promise<ConversionCost> {
  requireInstitution(actor);
  if (!reason.trim()) throw new AppError('REMUNERATION_REASON_REQUIRED');
  return ctx.db.transaction(async (tx) => {
    const { conversion } = await lockConversion(tx, actor, conversionId);
    const [cost] = await tx
      .select()
      .from(conversionCosts)
      .where(and(eq(conversionCosts.id, costId), eq(conversionCosts.conversionId, conversionId)));
    if (!cost || cost.reversesId !== null) throw new AppError('REMUNERATION_COST_NOT_FOUND');
    const [already] = await tx
      .select({ id: conversionCosts.id })
      .from(conversionCosts)
      .where(eq(conversionCosts.reversesId, costId));
    if (already) throw new AppError('REMUNERATION_COST_REVERSED');
    const now = ctx.now();
    const [row] = await tx
      .insert(conversionCosts)
      .values({
        conversionId,
        institutionId: conversion.institutionId,
        kind: cost.kind,
        amountFen: -cost.amountFen,
        incurredOn: shanghaiDate(now),
        evidenceRef: cost.evidenceRef,
        documentId: cost.documentId,
        note: reason.trim(),
        reversesId: cost.id,
        recordedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'conversion_cost.reverse',
      targetType: 'conversion',
      targetId: conversionId,
      reason: reason.trim(),
      details: { costId, reversalId: row!.id, amountFen: -cost.amountFen },
      at: now,
    });
    return row!;
  });
}
