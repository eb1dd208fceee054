// 赋权 (措施一) and 权益让渡 (措施六): the institution decides, the team's linked members answer, and
// only a unanimous acceptance changes the result's ownership (domain/rights.ts says why). Each move is
// one transaction with its decision record (措施十四), audit row, outbox event and notifications.
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { MemberActor, ResearcherActor } from '../../domain/actor.js';
import { RIGHTS_GRANT_KIND_LABELS, rightsSubjectOf, type GrantAnswer } from '../../domain/constants/rights.js';
import { RESULT_HOLDING_STATUSES } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import {
  checkGrantDecision,
  checkStillApplicable,
  grantOutcome,
  type CheckedGrant,
  type GrantDecisionInput,
} from '../../domain/rights.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  grantAnswers,
  listings,
  results,
  resultTeamMembers,
  rightsGrants,
  type GrantAnswerRow,
  type RightsGrant,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { insertDecision } from '../dossiers/decisions.js';
import { notify } from '../notifications/service.js';
import { applyAccepted } from './accept.js';

export type GrantWithAnswers = RightsGrant & { answers: GrantAnswerRow[]; resultTitle: string };

function requireInstitution(actor: MemberActor): void {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
}

/** What the decision says, in the words of the decision record and the notifications. */
export function grantSummary(g: Pick<RightsGrant, 'kind' | keyof CheckedGrant>): string {
  const head = RIGHTS_GRANT_KIND_LABELS[g.kind];
  switch (g.kind) {
    case 'co_ownership':
      return `${head}：本单位 ${(g.institutionShareBp! / 100).toFixed(2)}%，成果完成人团队 ${(g.teamShareBp! / 100).toFixed(2)}%`;
    case 'long_term_use':
      return `${head}：${g.startsOn} 至 ${g.endsOn}`;
    case 'share_transfer':
      return `${head}：本单位剩余权益转让给成果完成人团队，资源占用费 ${formatFen(g.feeFen)}，${g.feeDueOn} 前支付`;
    case 'agreed_return':
      return `${head}：团队以成果设立或入股“${g.companyName}”，约定本单位取得未来股权收益的 ${(g.agreedReturnBp! / 100).toFixed(2)}%`;
  }
}

async function lockOwnResult(tx: Tx, actor: MemberActor, resultId: string) {
  const [r] = await tx.select().from(results).where(eq(results.id, resultId)).for('update');
  if (!r || r.institutionId !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
  return r;
}

async function linkedTeam(db: DbOrTx, resultId: string) {
  return db
    .select({ userId: resultTeamMembers.userId, name: resultTeamMembers.name })
    .from(resultTeamMembers)
    .where(and(eq(resultTeamMembers.resultId, resultId), isNotNull(resultTeamMembers.userId)))
    .orderBy(asc(resultTeamMembers.position));
}

async function withAnswers(db: DbOrTx, rows: (RightsGrant & { resultTitle: string })[]): Promise<GrantWithAnswers[]> {
  if (rows.length === 0) return [];
  const answers = await db
    .select()
    .from(grantAnswers)
    .where(
      inArray(
        grantAnswers.grantId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(grantAnswers.memberName));
  return rows.map((r) => ({ ...r, answers: answers.filter((a) => a.grantId === r.id) }));
}

const grantColumns = { g: rightsGrants, resultTitle: results.title };

/** The institution's decisions on one of its results, newest first. */
export async function grantsOfResult(db: DbOrTx, actor: MemberActor, resultId: string): Promise<GrantWithAnswers[]> {
  requireInstitution(actor);
  const [r] = await db.select({ org: results.institutionId }).from(results).where(eq(results.id, resultId));
  if (!r || r.org !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
  const rows = await db
    .select(grantColumns)
    .from(rightsGrants)
    .innerJoin(results, eq(results.id, rightsGrants.resultId))
    .where(eq(rightsGrants.resultId, resultId))
    .orderBy(desc(rightsGrants.createdAt));
  return withAnswers(
    db,
    rows.map((x) => ({ ...x.g, resultTitle: x.resultTitle })),
  );
}

/** 措施六: the ways by which the result leaves the institution for its team (成果完成人所有). */
const leavesInstitution = (kind: RightsGrant['kind']) => rightsSubjectOf(kind) === 'transfer';

/**
 * 措施六: a result is not handed to its team while one of the institution's listings of it is under way
 * (from submission until the deal): the institution would be offering what it no longer holds. Called
 * with the result row locked, the lock a listing's submission also takes, so the two cannot cross.
 */
async function requireNoListingUnderWay(tx: Tx, resultId: string): Promise<void> {
  const [busy] = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.resultId, resultId), inArray(listings.status, [...RESULT_HOLDING_STATUSES])))
    .limit(1);
  if (busy) throw new AppError('GRANT_LISTING_UNDER_WAY', { listingId: busy.id });
}

/** 措施一、六: the institution's decision, sent to the team's linked members. */
export async function decideGrant(
  ctx: ServiceContext,
  actor: MemberActor,
  resultId: string,
  input: GrantDecisionInput,
): Promise<GrantWithAnswers> {
  requireInstitution(actor);
  const now = ctx.now();
  const id = await ctx.db.transaction(async (tx) => {
    const r = await lockOwnResult(tx, actor, resultId);
    const team = await linkedTeam(tx, resultId);
    const checked = checkGrantDecision(
      input,
      r,
      { linkedUserIds: team.map((m) => m.userId!), needsConfirmation: r.teamNeedsConfirmation },
      shanghaiDate(now),
    );
    const [open] = await tx
      .select({ id: rightsGrants.id })
      .from(rightsGrants)
      .where(and(eq(rightsGrants.resultId, resultId), eq(rightsGrants.status, 'pending')));
    if (open) throw new AppError('GRANT_PENDING_EXISTS', { grantId: open.id });
    if (leavesInstitution(checked.kind)) await requireNoListingUnderWay(tx, resultId);
    // 措施十四: the institution's decision, with its body, meeting date and basis.
    const summary = grantSummary({ ...checked });
    const decision = await insertDecision(
      tx,
      actor,
      actor.orgId,
      {
        subjectType: 'result',
        subjectId: resultId,
        decisionType: rightsSubjectOf(checked.kind),
        summary,
        details: { ...checked, fromOwnership: r.ownership },
        decidedByRole: '科研单位经办人',
        decisionBody: checked.decisionBody,
        meetingDate: checked.decidedOn,
        procedure: `${checked.decisionBody}决定，经成果完成人团队（全体关联成员）接受后生效`,
        basis: checked.basis,
      },
      now,
    );
    const [grant] = await tx
      .insert(rightsGrants)
      .values({
        ...checked,
        institutionId: actor.orgId,
        resultId,
        fromOwnership: r.ownership,
        decisionId: decision.id,
        decidedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(grantAnswers)
      .values(team.map((m) => ({ grantId: grant!.id, userId: m.userId!, memberName: m.name })));
    await writeAudit(tx, {
      actor,
      action: 'result.rights_decide',
      targetType: 'result',
      targetId: resultId,
      afterStatus: 'pending',
      reason: checked.basis,
      details: { grantId: grant!.id, kind: checked.kind, purpose: checked.purpose, members: team.length },
      at: now,
    });
    await emit(tx, 'rights.decided', { grantId: grant!.id, resultId });
    await notify(
      tx,
      { userIds: team.map((m) => m.userId!) },
      'grant_received',
      { listingTitle: r.title, text: summary },
      now,
      { grantId: grant!.id, resultId },
    );
    return grant!.id;
  });
  return getGrant(ctx.db, id);
}

export async function getGrant(db: DbOrTx, id: string): Promise<GrantWithAnswers> {
  const rows = await db
    .select(grantColumns)
    .from(rightsGrants)
    .innerJoin(results, eq(results.id, rightsGrants.resultId))
    .where(eq(rightsGrants.id, id));
  const [g] = await withAnswers(
    db,
    rows.map((x) => ({ ...x.g, resultTitle: x.resultTitle })),
  );
  if (!g) throw new AppError('GRANT_NOT_FOUND');
  return g;
}

/** The institution withdraws a decision the team has not yet fully answered. */
export async function withdrawGrant(
  ctx: ServiceContext,
  actor: MemberActor,
  grantId: string,
  reason: string,
): Promise<GrantWithAnswers> {
  requireInstitution(actor);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [g0] = await tx.select().from(rightsGrants).where(eq(rightsGrants.id, grantId));
    if (!g0 || g0.institutionId !== actor.orgId) throw new AppError('GRANT_NOT_FOUND');
    // Lock order as in answerGrant: the result, then the decision.
    const r = await lockOwnResult(tx, actor, g0.resultId);
    const [g] = await tx.select().from(rightsGrants).where(eq(rightsGrants.id, grantId)).for('update');
    if (g!.status !== 'pending') throw new AppError('GRANT_NOT_PENDING');
    await tx
      .update(rightsGrants)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawReason: reason.trim(), updatedAt: now })
      .where(eq(rightsGrants.id, grantId));
    await insertDecision(
      tx,
      actor,
      actor.orgId,
      {
        subjectType: 'result',
        subjectId: g!.resultId,
        decisionType: rightsSubjectOf(g!.kind),
        summary: `撤回决定：${grantSummary(g!)}`,
        details: { grantId, withdrawn: true },
        decidedByRole: '科研单位经办人',
        procedure: '本单位在团队答复前撤回',
        basis: reason,
        correctsId: g!.decisionId,
      },
      now,
    );
    await writeAudit(tx, {
      actor,
      action: 'result.rights_withdraw',
      targetType: 'result',
      targetId: g!.resultId,
      beforeStatus: 'pending',
      afterStatus: 'withdrawn',
      reason: reason.trim(),
      details: { grantId },
      at: now,
    });
    await emit(tx, 'rights.withdrawn', { grantId, resultId: g!.resultId });
    const members = await tx
      .select({ u: grantAnswers.userId })
      .from(grantAnswers)
      .where(eq(grantAnswers.grantId, grantId));
    await notify(
      tx,
      { userIds: members.map((m) => m.u) },
      'grant_answered',
      { listingTitle: r.title, text: `单位已撤回：${reason.trim()}` },
      now,
      { grantId, resultId: g!.resultId },
    );
  });
  return getGrant(ctx.db, grantId);
}

/** The decisions put to this researcher, by their institution: pending first, then newest. */
export async function myGrants(db: DbOrTx, actor: ResearcherActor): Promise<GrantWithAnswers[]> {
  const rows = await db
    .select(grantColumns)
    .from(grantAnswers)
    .innerJoin(rightsGrants, eq(rightsGrants.id, grantAnswers.grantId))
    .innerJoin(results, eq(results.id, rightsGrants.resultId))
    .where(and(eq(grantAnswers.userId, actor.userId), eq(rightsGrants.institutionId, actor.institutionId)))
    .orderBy(desc(rightsGrants.createdAt))
    .limit(200);
  const all = await withAnswers(
    db,
    rows.map((x) => ({ ...x.g, resultTitle: x.resultTitle })),
  );
  return [...all.filter((g) => g.status === 'pending'), ...all.filter((g) => g.status !== 'pending')];
}

/**
 * A linked member answers. The last acceptance makes the decision accepted and changes the result's
 * ownership in the same transaction; one decline declines it.
 */
export async function answerGrant(
  ctx: ServiceContext,
  actor: ResearcherActor,
  grantId: string,
  answer: GrantAnswer,
  note: string | null,
): Promise<GrantWithAnswers> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [g0] = await tx.select().from(rightsGrants).where(eq(rightsGrants.id, grantId));
    if (!g0 || g0.institutionId !== actor.institutionId) throw new AppError('GRANT_NOT_TEAM_MEMBER');
    // Lock order: the result (as every edit of it), then the decision, then the answers.
    const [r] = await tx.select().from(results).where(eq(results.id, g0.resultId)).for('update');
    const [g] = await tx.select().from(rightsGrants).where(eq(rightsGrants.id, grantId)).for('update');
    const [mine] = await tx
      .select()
      .from(grantAnswers)
      .where(and(eq(grantAnswers.grantId, grantId), eq(grantAnswers.userId, actor.userId)))
      .for('update');
    if (!mine || !r || !g) throw new AppError('GRANT_NOT_TEAM_MEMBER');
    if (g.status !== 'pending') throw new AppError('GRANT_NOT_PENDING');
    if (mine.answer !== null) throw new AppError('GRANT_ALREADY_ANSWERED');
    // 措施十五, and the result as decided on: an acceptance is refused when either changed since.
    if (answer === 'accepted') {
      checkStillApplicable(g.fromOwnership, r);
      if (leavesInstitution(g.kind)) await requireNoListingUnderWay(tx, r.id);
    }
    await tx
      .update(grantAnswers)
      .set({ answer, note: note?.trim() || null, answeredAt: now })
      .where(and(eq(grantAnswers.grantId, grantId), eq(grantAnswers.userId, actor.userId)));
    const all = await tx
      .select({ answer: grantAnswers.answer })
      .from(grantAnswers)
      .where(eq(grantAnswers.grantId, grantId));
    const outcome = grantOutcome(all.map((a) => (a.answer === null ? null : a.answer)));
    await writeAudit(tx, {
      actor,
      action: answer === 'accepted' ? 'result.rights_accept' : 'result.rights_decline',
      targetType: 'result',
      targetId: r.id,
      beforeStatus: 'pending',
      afterStatus: outcome,
      reason: note?.trim() || null,
      details: { grantId, member: mine.memberName },
      at: now,
    });
    // 措施十四: each member's answer is the team's decision in part; the record names them.
    await insertDecision(
      tx,
      actor,
      g.institutionId,
      {
        subjectType: 'result',
        subjectId: r.id,
        decisionType: 'rights_acceptance',
        summary: `${mine.memberName}${answer === 'accepted' ? '接受' : '拒绝'}：${grantSummary(g)}`,
        details: { grantId, answer, outcome },
        decidedByRole: '成果完成人',
        procedure: '成果完成人在平台答复（全体关联成员接受后生效）',
        basis: note?.trim() || (answer === 'accepted' ? '本人同意单位的决定' : '本人不同意单位的决定'),
      },
      now,
    );
    if (outcome === 'pending') return;
    await tx
      .update(rightsGrants)
      .set({ status: outcome, answeredAt: now, updatedAt: now })
      .where(eq(rightsGrants.id, grantId));
    if (outcome === 'accepted') await applyAccepted(tx, actor, g, r, now);
    await emit(tx, 'rights.answered', { grantId, resultId: r.id, outcome });
    await notify(
      tx,
      {
        orgIds: [g.institutionId],
        userIds: (
          await tx.select({ u: grantAnswers.userId }).from(grantAnswers).where(eq(grantAnswers.grantId, grantId))
        ).map((x) => x.u),
      },
      'grant_answered',
      {
        listingTitle: r.title,
        text:
          outcome === 'accepted' ? '团队全体关联成员已接受，成果权属已变更' : `${mine.memberName}已拒绝，决定不生效`,
      },
      now,
      { grantId, resultId: r.id },
    );
  });
  return getGrant(ctx.db, grantId);
}
