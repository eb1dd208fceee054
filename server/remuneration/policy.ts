// 措施十二、三: the institution's reward policy (a new version per change, each with its decision
// record naming the body and basis, 措施十四) and a conversion's funding terms.
import { and, desc, eq } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import { decidedByRole } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import {
  checkPolicy,
  checkTerms,
  policyDecisionSummary,
  termsDecisionSummary,
  type PolicyInput,
  type TermsInput,
} from '../../domain/remuneration.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  conversionRemunerationTerms,
  conversions,
  remunerationPolicies,
  type ConversionRemunerationTerms,
  type RemunerationPolicy,
} from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordDecision } from '../dossiers/decisions.js';
import { lockConversion } from '../ledger/contracts.js';

export function requireInstitution(actor: MemberActor): void {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
}

export interface DecisionMeta {
  decisionBody: string;
  meetingDate: string | null;
  basis: string;
}

/** The institution's policy in force (its latest version), or null before it sets one. */
export async function currentPolicy(db: DbOrTx, institutionId: string): Promise<RemunerationPolicy | null> {
  const [p] = await db
    .select()
    .from(remunerationPolicies)
    .where(eq(remunerationPolicies.institutionId, institutionId))
    .orderBy(desc(remunerationPolicies.version))
    .limit(1);
  return p ?? null;
}

export async function policyHistory(db: DbOrTx, actor: MemberActor): Promise<RemunerationPolicy[]> {
  requireInstitution(actor);
  return db
    .select()
    .from(remunerationPolicies)
    .where(eq(remunerationPolicies.institutionId, actor.orgId))
    .orderBy(desc(remunerationPolicies.version));
}

export async function setPolicy(
  ctx: ServiceContext,
  actor: MemberActor,
  input: PolicyInput & { meetingDate: string | null },
): Promise<RemunerationPolicy> {
  requireInstitution(actor);
  checkPolicy(input);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    // Versions are numbered per institution; two saves at once: the unique key refuses the second.
    const before = await currentPolicy(tx, actor.orgId);
    const version = (before?.version ?? 0) + 1;
    // The decision record names the policy row it decides; the row's id is chosen first.
    const id = crypto.randomUUID();
    const decision = await recordDecision(
      tx,
      actor,
      actor.orgId,
      {
        subjectType: 'remuneration_policy',
        subjectId: id,
        decisionType: 'remuneration_policy',
        summary: policyDecisionSummary(input),
        details: {
          version,
          cashShareBp: input.cashShareBp,
          equityShareBp: input.equityShareBp,
          horizontalMinShareBp: input.horizontalMinShareBp,
          horizontalJustification: input.horizontalJustification?.trim() || null,
        },
        decidedByRole: decidedByRole(actor),
        decisionBody: input.decisionBody,
        meetingDate: input.meetingDate,
        procedure: '本单位在平台设置科技成果转化奖励和报酬政策',
        basis: input.basis,
      },
      now,
    );
    const [row] = await tx
      .insert(remunerationPolicies)
      .values({
        id,
        institutionId: actor.orgId,
        version,
        cashShareBp: input.cashShareBp,
        equityShareBp: input.equityShareBp,
        horizontalMinShareBp: input.horizontalMinShareBp,
        horizontalJustification: input.horizontalJustification?.trim() || null,
        decisionId: decision.id,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    return row!;
  });
}

export async function termsOf(db: DbOrTx, conversionId: string): Promise<ConversionRemunerationTerms | null> {
  const [t] = await db
    .select()
    .from(conversionRemunerationTerms)
    .where(eq(conversionRemunerationTerms.conversionId, conversionId));
  return t ?? null;
}

/** 措施三: records how the conversion is financed and, for horizontal surplus, the agreed researcher share. */
export async function setTerms(
  ctx: ServiceContext,
  actor: MemberActor,
  conversionId: string,
  input: TermsInput & { meetingDate: string | null },
): Promise<ConversionRemunerationTerms> {
  requireInstitution(actor);
  checkTerms(input);
  return ctx.db.transaction(async (tx) => {
    const { conversion } = await lockConversion(tx, actor, conversionId);
    const now = ctx.now();
    const decision = await recordDecision(
      tx,
      actor,
      conversion.institutionId,
      {
        subjectType: 'conversion',
        subjectId: conversionId,
        decisionType: 'remuneration_terms',
        summary: termsDecisionSummary(input),
        details: {
          funding: input.funding,
          agreedShareBp: input.agreedShareBp,
          justification: input.justification?.trim() || null,
        },
        decidedByRole: decidedByRole(actor),
        decisionBody: input.decisionBody,
        meetingDate: input.meetingDate,
        procedure: '本单位与科研人员约定收益分配比例（措施三）',
        basis: input.basis,
      },
      now,
    );
    const values = {
      conversionId,
      institutionId: conversion.institutionId,
      funding: input.funding,
      agreedShareBp: input.agreedShareBp,
      justification: input.justification?.trim() || null,
      decisionId: decision.id,
      updatedBy: actor.userId,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(conversionRemunerationTerms)
      .values(values)
      .onConflictDoUpdate({ target: conversionRemunerationTerms.conversionId, set: values })
      .returning();
    return row!;
  });
}

/** The actor's own conversion, for reads (another institution's is not found). */
export async function ownConversion(db: DbOrTx | Tx, actor: MemberActor, conversionId: string) {
  requireInstitution(actor);
  const [c] = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.id, conversionId), eq(conversions.institutionId, actor.orgId)));
  if (!c) throw new AppError('CONVERSION_NOT_FOUND');
  return c;
}
