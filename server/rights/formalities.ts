// 措施一: after an accepted decision that moves ownership, each IP item's registry must be changed
// (专利权属变更 / 专利申请权变更). Tracked per item, to_file → filed → approved with dates and evidence,
// each step a decision record (措施十四); open ones are reminded to the institution every
// FORMALITY_REMINDER_DAYS by the timer reconciler (workers/timers.ts), once per day at most.
import { and, asc, eq, lte, ne } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import { IP_TYPE_LABELS } from '../../domain/constants/results.js';
import { FORMALITY_KIND_LABELS, FORMALITY_REMINDER_DAYS } from '../../domain/constants/rights.js';
import { AppError } from '../../domain/errors.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import {
  formalityKindFor,
  formalityReminderDue,
  formalityTransition,
  needsFormalities,
  type FormalityAction,
} from '../../domain/rights.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  ownershipFormalities,
  resultIpItems,
  results,
  type OwnershipFormality,
  type RightsGrant,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { insertDecision } from '../dossiers/decisions.js';
import { notify } from '../notifications/service.js';

/** One formality per IP item of the result, opened when the decision is accepted. */
export async function openFormalities(tx: Tx, g: RightsGrant, now: Date): Promise<void> {
  if (!needsFormalities(g.kind)) return;
  const items = await tx
    .select()
    .from(resultIpItems)
    .where(eq(resultIpItems.resultId, g.resultId))
    .orderBy(asc(resultIpItems.position));
  if (items.length === 0) return;
  const today = shanghaiDate(now);
  await tx.insert(ownershipFormalities).values(
    items.map((i) => ({
      grantId: g.id,
      institutionId: g.institutionId,
      resultId: g.resultId,
      ipType: i.type,
      ipNumber: i.number,
      ipTitle: i.title,
      kind: formalityKindFor(i.type, i.grantDate),
      lastRemindedOn: today,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export async function formalitiesOfResult(
  db: DbOrTx,
  actor: MemberActor,
  resultId: string,
): Promise<OwnershipFormality[]> {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  const [r] = await db.select({ org: results.institutionId }).from(results).where(eq(results.id, resultId));
  if (!r || r.org !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
  return db
    .select()
    .from(ownershipFormalities)
    .where(eq(ownershipFormalities.resultId, resultId))
    .orderBy(asc(ownershipFormalities.createdAt), asc(ownershipFormalities.ipNumber));
}

/** The institution records a step: filed (提交) or approved (核准), with its day and evidence. */
export async function advanceFormality(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  action: FormalityAction,
  input: { on: string; evidenceRef: string },
): Promise<OwnershipFormality> {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx.select().from(ownershipFormalities).where(eq(ownershipFormalities.id, id)).for('update');
    if (!f || f.institutionId !== actor.orgId) throw new AppError('FORMALITY_NOT_FOUND');
    const to = formalityTransition(f.status, action, input.on, f.filedOn, shanghaiDate(now));
    const evidence = input.evidenceRef.trim();
    const [row] = await tx
      .update(ownershipFormalities)
      .set(
        action === 'file'
          ? { status: to, filedOn: input.on, filedEvidenceRef: evidence, updatedAt: now }
          : { status: to, approvedOn: input.on, approvedEvidenceRef: evidence, updatedAt: now },
      )
      .where(eq(ownershipFormalities.id, id))
      .returning();
    const label = `${FORMALITY_KIND_LABELS[f.kind]}（${IP_TYPE_LABELS[f.ipType]} ${f.ipNumber}）`;
    await insertDecision(
      tx,
      actor,
      actor.orgId,
      {
        subjectType: 'result',
        subjectId: f.resultId,
        decisionType: 'ownership_formality',
        summary: `${label}${action === 'file' ? '已提交' : '已核准'}（${input.on}）`,
        details: { formalityId: id, grantId: f.grantId, action, on: input.on },
        decidedByRole: '科研单位经办人',
        procedure: action === 'file' ? '本单位向登记机关提交权属变更申请' : '登记机关核准权属变更',
        basis: `凭证：${evidence}`,
      },
      now,
    );
    await writeAudit(tx, {
      actor,
      action: `result.formality_${action}`,
      targetType: 'result',
      targetId: f.resultId,
      beforeStatus: f.status,
      afterStatus: to,
      details: { formalityId: id, ipNumber: f.ipNumber, on: input.on },
      at: now,
    });
    await emit(tx, 'rights.formality_changed', { formalityId: id, resultId: f.resultId, status: to });
    return row!;
  });
}

/**
 * The reminder pass (called by the timer reconciler): every open formality whose last reminder is
 * FORMALITY_REMINDER_DAYS old reminds its institution's staff and moves its day forward — guarded by
 * the same condition in the update, so concurrent passes remind once.
 */
export async function remindOpenFormalities(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const cutoff = addDays(today, -FORMALITY_REMINDER_DAYS);
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .update(ownershipFormalities)
      .set({ lastRemindedOn: today })
      .where(and(ne(ownershipFormalities.status, 'approved'), lte(ownershipFormalities.lastRemindedOn, cutoff)))
      .returning();
    for (const f of due) {
      // Holds by construction of the update; kept as the rule's single statement.
      if (!formalityReminderDue(f.status, cutoff, today)) continue;
      const [r] = await tx.select({ title: results.title }).from(results).where(eq(results.id, f.resultId));
      await notify(
        tx,
        { orgIds: [f.institutionId] },
        'formality_open',
        { listingTitle: r?.title ?? '', text: `${FORMALITY_KIND_LABELS[f.kind]} ${f.ipNumber}` },
        now,
        { formalityId: f.id, resultId: f.resultId },
      );
    }
    return due.length;
  });
}
