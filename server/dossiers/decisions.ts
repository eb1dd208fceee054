// 措施十四: every decision of the product as one append-only record — who decided (person and role),
// which body and when it met, the procedure, the basis (required), the documents. A correction is a
// new record naming the one it corrects; nothing is edited.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { DecisionType, DossierSubject } from '../../domain/constants/dossiers.js';
import { decidedByRole, decisionBodyOf, type DecisionDraft } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { decisionRecords, documents } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { assertMayRead, assertOwner, subjectParties } from './subjects.js';

export type DecisionRow = typeof decisionRecords.$inferSelect;

export interface DecisionInput {
  subjectType: DossierSubject;
  subjectId: string;
  decisionType: DecisionType;
  summary: string;
  details?: Record<string, unknown>;
  decidedByRole: string;
  decisionBody?: string;
  /** YYYY-MM-DD */
  meetingDate?: string | null;
  procedure?: string;
  basis: string;
  documentIds?: string[];
  correctsId?: string | null;
}

/**
 * Check and insert one decision record inside the caller's transaction (the decision it records
 * commits with it), without an audit row of its own: `recordDecision` adds one for decisions recorded
 * on their own; the product's moves (product-decisions.ts) have theirs already.
 */
export async function insertDecision(
  tx: DbOrTx,
  actor: Actor,
  orgId: string,
  input: DecisionInput,
  at: Date,
): Promise<DecisionRow> {
  // 措施十四: a decision without basis is no evidence of diligence.
  if (input.basis.trim().length === 0) throw new AppError('DECISION_BASIS_REQUIRED');
  const documentIds = [...new Set(input.documentIds ?? [])];
  if (documentIds.length > 0) {
    const found = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(inArray(documents.id, documentIds), eq(documents.orgId, orgId)));
    if (found.length !== documentIds.length) throw new AppError('DECISION_DOCUMENT_MISMATCH');
  }
  if (input.correctsId) {
    const [old] = await tx.select().from(decisionRecords).where(eq(decisionRecords.id, input.correctsId));
    if (!old || old.orgId !== orgId) throw new AppError('DECISION_NOT_FOUND');
    if (
      old.subjectType !== input.subjectType ||
      old.subjectId !== input.subjectId ||
      old.decisionType !== input.decisionType
    ) {
      throw new AppError('DECISION_CORRECTION_MISMATCH');
    }
  }
  const userId = actor.type === 'system' ? null : actor.userId;
  const [row] = await tx
    .insert(decisionRecords)
    .values({
      orgId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      decisionType: input.decisionType,
      summary: input.summary.trim(),
      details: input.details ?? {},
      decidedBy: userId,
      decidedByRole: input.decidedByRole.trim(),
      decisionBody: input.decisionBody?.trim() ?? '',
      meetingDate: input.meetingDate ?? null,
      procedure: input.procedure?.trim() ?? '',
      basis: input.basis.trim(),
      documentIds,
      correctsId: input.correctsId ?? null,
      recordedBy: userId,
      createdAt: at,
    })
    .returning();
  return row!;
}

const SYSTEM: Actor = { type: 'system' };

/**
 * The platform's rule-driven decisions for a set-based statement: `insertDecision` for the system
 * actor, one draft per `key`, as a table `d(key, decision_type, summary, details, decided_by_role,
 * decision_body, procedure, basis)` the statement joins its changed rows to. The pool scan records
 * thousands of moves in its one statement this way instead of one round trip each.
 */
export function systemDecisionTable(drafts: ReadonlyArray<{ key: string; draft: DecisionDraft }>): SQL {
  const rows = drafts.map(({ key, draft }) => {
    // 措施十四: the same rule as insertDecision — the platform's decision names its basis too.
    if (draft.basis.trim().length === 0) throw new AppError('DECISION_BASIS_REQUIRED');
    return {
      key,
      decision_type: draft.decisionType,
      summary: draft.summary.trim(),
      details: draft.details,
      decided_by_role: decidedByRole(SYSTEM),
      decision_body: decisionBodyOf(SYSTEM),
      procedure: draft.procedure.trim(),
      basis: draft.basis.trim(),
    };
  });
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as d(key text, decision_type text, summary text,
    details jsonb, decided_by_role text, decision_body text, procedure text, basis text)`;
}

/**
 * Write one decision record inside the caller's transaction (the decision it records commits with
 * it). `orgId` is the institution whose decision it is; `actor` the person who decided.
 */
export async function recordDecision(
  tx: DbOrTx,
  actor: Actor,
  orgId: string,
  input: DecisionInput,
  at: Date,
): Promise<DecisionRow> {
  const row = await insertDecision(tx, actor, orgId, input, at);
  await writeAudit(tx, {
    actor,
    action: input.correctsId ? 'decision.corrected' : 'decision.recorded',
    targetType: 'decision_record',
    targetId: row!.id,
    reason: input.basis.trim(),
    details: {
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      decisionType: input.decisionType,
      correctsId: input.correctsId ?? null,
    },
    at,
  });
  await emit(tx, 'decision.recorded', {
    decisionId: row!.id,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
  });
  return row!;
}

/** An institution member records a decision on its own subject. */
export async function createDecision(
  ctx: ServiceContext,
  actor: MemberActor,
  input: DecisionInput,
): Promise<DecisionRow> {
  return ctx.db.transaction(async (tx) => {
    const parties = await subjectParties(tx, input.subjectType, input.subjectId);
    assertOwner(actor, parties);
    return recordDecision(tx, actor, parties.ownerOrgId, input, ctx.now());
  });
}

export async function listDecisions(
  db: DbOrTx,
  actor: Actor,
  subjectType: DossierSubject,
  subjectId: string,
): Promise<DecisionRow[]> {
  await assertMayRead(db, actor, await subjectParties(db, subjectType, subjectId));
  return db
    .select()
    .from(decisionRecords)
    .where(and(eq(decisionRecords.subjectType, subjectType), eq(decisionRecords.subjectId, subjectId)))
    .orderBy(desc(decisionRecords.createdAt), desc(decisionRecords.id));
}
