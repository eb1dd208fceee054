// 措施十二、十四: the institution approves reward entries and marks them paid; each step is one
// decision record naming its body and basis. Approved entries never change but to paid (the
// database refuses anything else); a correction is a new entry of the difference, approved again.
// 正职 entries (status `separate`) are listed for the institution's own procedure, never moved here.
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { RemunerationEntryStatus } from '../../domain/constants/remuneration.js';
import { decidedByRole } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import { checkCorrection, checkDecisionFacts, nextEntryStatus } from '../../domain/remuneration.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  contracts,
  remunerationAwards,
  remunerationEntries,
  results,
  type RemunerationEntry,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordDecision } from '../dossiers/decisions.js';
import { requireInstitution, type DecisionMeta } from './policy.js';

export interface EntryRow {
  entry: RemunerationEntry;
  incomeOn: string;
  resultTitle: string | null;
  contractTitle: string | null;
}

function entryRows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      entry: remunerationEntries,
      incomeOn: remunerationAwards.incomeOn,
      resultTitle: results.title,
      contractTitle: contracts.title,
    })
    .from(remunerationEntries)
    .innerJoin(remunerationAwards, eq(remunerationAwards.id, remunerationEntries.awardId))
    .leftJoin(results, eq(results.id, remunerationAwards.resultId))
    .leftJoin(contracts, eq(contracts.conversionId, remunerationEntries.conversionId))
    .where(where);
}

/** The institution's entries in one state (to approve, to pay, paid, the 正职 list), newest first. */
export async function listEntries(
  db: DbOrTx,
  actor: MemberActor,
  status: RemunerationEntryStatus,
  limit = 200,
): Promise<EntryRow[]> {
  requireInstitution(actor);
  return entryRows(db, and(eq(remunerationEntries.institutionId, actor.orgId), eq(remunerationEntries.status, status)))
    .orderBy(desc(remunerationEntries.createdAt), remunerationEntries.position)
    .limit(limit);
}

async function lockEntries(tx: Tx, actor: MemberActor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = await tx
    .select({ entry: remunerationEntries, incomeOn: remunerationAwards.incomeOn })
    .from(remunerationEntries)
    .innerJoin(remunerationAwards, eq(remunerationAwards.id, remunerationEntries.awardId))
    .where(and(inArray(remunerationEntries.id, unique), eq(remunerationEntries.institutionId, actor.orgId)))
    .orderBy(remunerationEntries.id)
    .for('update', { of: remunerationEntries });
  if (rows.length !== unique.length) throw new AppError('REMUNERATION_ENTRY_NOT_FOUND');
  return rows;
}

const byConversion = <T extends { entry: RemunerationEntry }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.entry.conversionId, [...(m.get(r.entry.conversionId) ?? []), r]);
  return m;
};

const total = (rows: { entry: RemunerationEntry }[]) => rows.reduce((a, r) => a + r.entry.amountFen, 0);

/** Approves pending entries, one decision record per conversion; refused wholly if any one may not be. */
export async function approveEntries(
  ctx: ServiceContext,
  actor: MemberActor,
  entryIds: readonly string[],
  meta: DecisionMeta,
): Promise<RemunerationEntry[]> {
  requireInstitution(actor);
  checkDecisionFacts(meta);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const today = shanghaiDate(now);
    const rows = await lockEntries(tx, actor, entryIds);
    // 措施十二: no approval for income not yet received; no 正职 entry; pending only.
    for (const r of rows) nextEntryStatus(r.entry.status, 'approve', { incomeReceivedOn: r.incomeOn, today });
    const out: RemunerationEntry[] = [];
    for (const [conversionId, group] of byConversion(rows)) {
      const decision = await recordDecision(
        tx,
        actor,
        actor.orgId,
        {
          subjectType: 'conversion',
          subjectId: conversionId,
          decisionType: 'remuneration_approval',
          summary: `审批科技成果转化奖励 ${group.length} 项，合计 ${formatFen(total(group))}`,
          details: {
            entries: group.map((r) => ({
              id: r.entry.id,
              memberName: r.entry.memberName,
              form: r.entry.form,
              amountFen: r.entry.amountFen,
              shares: r.entry.shares,
            })),
          },
          decidedByRole: decidedByRole(actor),
          decisionBody: meta.decisionBody,
          meetingDate: meta.meetingDate,
          procedure: '本单位按科技成果转化奖励和报酬政策审批（措施十二）',
          basis: meta.basis,
        },
        now,
      );
      out.push(
        ...(await tx
          .update(remunerationEntries)
          .set({ status: 'approved', approvedAt: now, approvedBy: actor.userId, approvalDecisionId: decision.id })
          .where(
            inArray(
              remunerationEntries.id,
              group.map((r) => r.entry.id),
            ),
          )
          .returning()),
      );
      await emit(tx, 'remuneration.approved', { conversionId, institutionId: actor.orgId, decisionId: decision.id });
    }
    return out;
  });
}

export interface PayoutInput extends DecisionMeta {
  paidOn: string;
  paidRef: string;
}

/** Marks approved entries paid (cash paid out, or shares / capital contribution registered). */
export async function payEntries(
  ctx: ServiceContext,
  actor: MemberActor,
  entryIds: readonly string[],
  input: PayoutInput,
): Promise<RemunerationEntry[]> {
  requireInstitution(actor);
  checkDecisionFacts(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const today = shanghaiDate(now);
    const rows = await lockEntries(tx, actor, entryIds);
    for (const r of rows) {
      nextEntryStatus(r.entry.status, 'pay', { incomeReceivedOn: r.incomeOn, today });
      if (input.paidOn > today || input.paidOn < shanghaiDate(r.entry.approvedAt!)) {
        throw new AppError('REMUNERATION_PAID_BEFORE_APPROVAL');
      }
    }
    const out: RemunerationEntry[] = [];
    for (const [conversionId, group] of byConversion(rows)) {
      const decision = await recordDecision(
        tx,
        actor,
        actor.orgId,
        {
          subjectType: 'conversion',
          subjectId: conversionId,
          decisionType: 'remuneration_payout',
          summary: `发放科技成果转化奖励 ${group.length} 项，合计 ${formatFen(total(group))}（${input.paidOn}）`,
          details: {
            paidOn: input.paidOn,
            paidRef: input.paidRef.trim(),
            entries: group.map((r) => ({ id: r.entry.id, amountFen: r.entry.amountFen, shares: r.entry.shares })),
          },
          decidedByRole: decidedByRole(actor),
          decisionBody: input.decisionBody,
          meetingDate: input.meetingDate,
          procedure: '按审批结果发放（现金经财务发放；股份或出资比例办理登记）',
          basis: input.basis,
        },
        now,
      );
      out.push(
        ...(await tx
          .update(remunerationEntries)
          .set({
            status: 'paid',
            paidOn: input.paidOn,
            paidRef: input.paidRef.trim(),
            paidAt: now,
            paidBy: actor.userId,
            payoutDecisionId: decision.id,
          })
          .where(
            inArray(
              remunerationEntries.id,
              group.map((r) => r.entry.id),
            ),
          )
          .returning()),
      );
      await emit(tx, 'remuneration.paid', { conversionId, institutionId: actor.orgId, decisionId: decision.id });
    }
    return out;
  });
}

/** A correction of an approved or paid entry: a new pending entry of the difference, for the same member. */
export async function correctEntry(
  ctx: ServiceContext,
  actor: MemberActor,
  entryId: string,
  deltaFen: number,
  reason: string,
): Promise<RemunerationEntry> {
  requireInstitution(actor);
  return ctx.db.transaction(async (tx) => {
    const { entry } = (await lockEntries(tx, actor, [entryId]))[0]!;
    checkCorrection(entry, deltaFen, reason);
    const now = ctx.now();
    const [row] = await tx
      .insert(remunerationEntries)
      .values({
        awardId: entry.awardId,
        institutionId: entry.institutionId,
        conversionId: entry.conversionId,
        form: entry.form,
        position: entry.position,
        memberName: entry.memberName,
        userId: entry.userId,
        shareBp: entry.shareBp,
        principalLeader: false,
        amountFen: deltaFen,
        shares: null,
        status: 'pending',
        correctsId: entry.id,
        correctionReason: reason.trim(),
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'remuneration.correct',
      targetType: 'conversion',
      targetId: entry.conversionId,
      reason: reason.trim(),
      details: { entryId, correctionId: row!.id, deltaFen },
      at: now,
    });
    return row!;
  });
}
