import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Actor, OperatorActor } from '../../domain/actor.js';
import type { Domicile, VerificationStatus } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { organisationVerificationDecision } from '../../domain/decisions.js';
import { checkIdentity } from '../../domain/organisations.js';
import type { DbOrTx } from '../../db/client.js';
import { memberships, moderationDecisions, organisations, users, type Organisation } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { readTrail } from '../audit/service.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';
import type { ServiceContext } from '../../platform/context.js';

export async function getOrganisation(db: DbOrTx, id: string): Promise<Organisation> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  return org;
}

export async function listMembers(db: DbOrTx, organisationId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt));
}

export interface OrganisationProfilePatch {
  description?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  website?: string;
}

export async function updateProfile(
  ctx: ServiceContext,
  actor: Actor,
  patch: OrganisationProfilePatch,
): Promise<Organisation> {
  if (actor.type === 'system' || actor.type === 'researcher') throw new AppError('FORBIDDEN');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
    if (!current) throw new AppError('ORG_NOT_FOUND');
    // A rejected organisation that corrects its profile goes back into the verification queue.
    const requeue = current.verificationStatus === 'rejected';
    const [org] = await tx
      .update(organisations)
      .set({ ...patch, ...(requeue ? { verificationStatus: 'pending_verification' as const } : {}), updatedAt: now })
      .where(eq(organisations.id, actor.orgId))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'organisation.update_profile',
      targetType: 'organisation',
      targetId: current.id,
      beforeStatus: current.verificationStatus,
      afterStatus: org!.verificationStatus,
      details: { fields: Object.keys(patch) },
      at: now,
    });
    return org!;
  });
}

/**
 * The operator's verification queue: newest first, so a new application is on page 1 (as in the
 * listing queue); each row shows how long it has waited, so old ones are not lost from sight.
 */
export async function verificationQueue(db: DbOrTx, status: VerificationStatus, page: number, pageSize: number) {
  const where = sql`${organisations.verificationStatus} = ${status} and ${organisations.kind} <> 'operator'`;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(desc(organisations.createdAt), desc(organisations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

async function decideVerification(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  decision: 'verify' | 'reject_verification',
  reason: string | null,
): Promise<Organisation> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!org || org.kind === 'operator') throw new AppError('ORG_NOT_FOUND');
    if (org.verificationStatus === 'verified') throw new AppError('ALREADY_VERIFIED');
    const to: VerificationStatus = decision === 'verify' ? 'verified' : 'rejected';
    const [updated] = await tx
      .update(organisations)
      .set({
        verificationStatus: to,
        verificationNote: reason,
        verifiedAt: decision === 'verify' ? now : null,
        verifiedBy: actor.userId,
        updatedAt: now,
      })
      .where(eq(organisations.id, id))
      .returning();
    await tx.insert(moderationDecisions).values({
      organisationId: id,
      decision,
      reasonText: reason,
      operatorId: actor.userId,
      createdAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: `organisation.${decision}`,
      targetType: 'organisation',
      targetId: id,
      beforeStatus: org.verificationStatus,
      afterStatus: to,
      reason,
      at: now,
    });
    // 措施十四: the verification is the platform's decision about this organisation, kept in its dossier.
    await recordProductDecision(
      tx,
      actor,
      { type: 'organisation', id },
      organisationVerificationDecision(decision, org.verificationStatus, reason),
      now,
    );
    await emit(tx, `organisation.${decision}`, { organisationId: id, reason });
    return updated!;
  });
}

export function verify(ctx: ServiceContext, actor: OperatorActor, id: string): Promise<Organisation> {
  return decideVerification(ctx, actor, id, 'verify', null);
}

export function rejectVerification(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: string,
): Promise<Organisation> {
  return decideVerification(ctx, actor, id, 'reject_verification', reason);
}

/** 措施十五: organisations whose domicile operators must confirm (the migration's 外资 organisations), newest first. */
export async function domicileReviewQueue(db: DbOrTx, page: number, pageSize: number) {
  const where = eq(organisations.domicileReviewPending, true);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(desc(organisations.createdAt), desc(organisations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export interface DomicileDecision {
  domicile: Domicile;
  /** Outside the mainland: the registration number and country or region that replace the credit code. */
  registrationNumber: string | null;
  countryOrRegion: string | null;
  note: string;
}

/**
 * An operator confirms (or corrects) where an organisation is registered. Mainland keeps its credit
 * code and city; outside the mainland they give way to its own registration number and place.
 */
export async function reviewDomicile(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  decision: DomicileDecision,
): Promise<Organisation> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!org || org.kind === 'operator' || org.kind === 'department') throw new AppError('ORG_NOT_FOUND');
    if (!org.domicileReviewPending) throw new AppError('DOMICILE_REVIEW_NOT_PENDING');
    const mainland = decision.domicile === 'mainland';
    const identity = checkIdentity({
      kind: org.kind,
      domicile: decision.domicile,
      creditCode: mainland ? org.creditCode : null,
      registrationNumber: mainland ? null : decision.registrationNumber,
      countryOrRegion: mainland ? null : decision.countryOrRegion,
      region: mainland ? org.region : null,
    });
    const [updated] = await tx
      .update(organisations)
      .set({ ...identity, domicileReviewPending: false, updatedAt: now })
      .where(eq(organisations.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'organisation.domicile_review',
      targetType: 'organisation',
      targetId: id,
      beforeStatus: org.verificationStatus,
      afterStatus: org.verificationStatus,
      reason: decision.note.trim() || null,
      details: { domicile: { from: org.domicile, to: identity.domicile }, creditCode: org.creditCode },
      at: now,
    });
    await emit(tx, 'organisation.domicile_reviewed', { organisationId: id, domicile: identity.domicile });
    return updated!;
  });
}

export async function organisationTrail(db: DbOrTx, id: string) {
  await getOrganisation(db, id);
  return readTrail(db, 'organisation', id);
}
