// 措施十四 认定: an oversight body's conclusion on a dossier the platform issued, cited by the
// dossier's manifest hash. Oversight (subjects.ts isOversight): the provincial department for every
// institution, a supervisory department for the institutions linked to it, and operators.
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DeterminationConclusion } from '../../domain/constants/dossiers.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  auditLog,
  decisionRecords,
  determinations,
  dossierExports,
  organisations,
  oversightLinks,
  users,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { isOversight } from './subjects.js';

export interface DeterminationInput {
  dossierSha256: string;
  conclusion: DeterminationConclusion;
  determinedOn: string;
  basis: string;
}

export async function recordDetermination(ctx: ServiceContext, actor: Actor, input: DeterminationInput) {
  if (actor.type !== 'operator' && actor.type !== 'oversight') throw new AppError('FORBIDDEN');
  if (input.basis.trim().length === 0) throw new AppError('DECISION_BASIS_REQUIRED');
  return ctx.db.transaction(async (tx) => {
    const [dossier] = await tx
      .select({ orgId: dossierExports.orgId })
      .from(dossierExports)
      .where(eq(dossierExports.manifestSha256, input.dossierSha256))
      .limit(1);
    if (!dossier) {
      throw new AppError('NOT_FOUND', undefined, '平台没有签发过此哈希的档案，请先导出并校验档案');
    }
    // A supervisory department determines only on the institutions it oversees.
    if (!(await isOversight(tx, actor, dossier.orgId))) throw new AppError('FORBIDDEN');
    const at = ctx.now();
    const [row] = await tx
      .insert(determinations)
      .values({
        orgId: dossier.orgId,
        dossierSha256: input.dossierSha256,
        conclusion: input.conclusion,
        determinedOn: input.determinedOn,
        basis: input.basis.trim(),
        determinedBy: actor.userId,
        determinedByOrgId: actor.orgId,
        createdAt: at,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'determination.recorded',
      targetType: 'determination',
      targetId: row!.id,
      reason: input.basis.trim(),
      details: { dossierSha256: input.dossierSha256, conclusion: input.conclusion, orgId: dossier.orgId },
      at,
    });
    await emit(tx, 'determination.recorded', { determinationId: row!.id, orgId: dossier.orgId });
    return row!;
  });
}

/** An institution sees the determinations on its dossiers; oversight those within its scope. */
export async function listDeterminations(db: DbOrTx, actor: Actor) {
  const where =
    actor.type === 'operator' || (actor.type === 'oversight' && actor.scope === 'provincial')
      ? undefined
      : actor.type === 'oversight'
        ? inArray(
            determinations.orgId,
            db
              .select({ id: oversightLinks.institutionId })
              .from(oversightLinks)
              .where(eq(oversightLinks.departmentId, actor.orgId)),
          )
        : actor.type === 'member'
          ? eq(determinations.orgId, actor.orgId)
          : sql`false`;
  return db
    .select({ d: determinations, orgName: organisations.name })
    .from(determinations)
    .innerJoin(organisations, eq(organisations.id, determinations.orgId))
    .where(where)
    .orderBy(desc(determinations.createdAt))
    .limit(500);
}

export async function isIssued(db: DbOrTx, manifestSha256: string | null): Promise<boolean> {
  if (!manifestSha256) return false;
  const [row] = await db
    .select({ id: dossierExports.id })
    .from(dossierExports)
    .where(eq(dossierExports.manifestSha256, manifestSha256))
    .limit(1);
  return !!row;
}

export interface TrailFilter {
  from?: Date;
  to?: Date;
  action?: string;
  page: number;
  pageSize: number;
}

/** 措施十四: the institution's own trail — what its people (and the platform on its behalf) did. */
export async function institutionTrail(db: DbOrTx, orgId: string, f: TrailFilter) {
  const where = and(
    eq(auditLog.actorOrgId, orgId),
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.to ? lt(auditLog.createdAt, f.to) : undefined,
    f.action ? sql`${auditLog.action} like ${`${f.action.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        beforeStatus: auditLog.beforeStatus,
        afterStatus: auditLog.afterStatus,
        reason: auditLog.reason,
        actorName: users.displayName,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The institution's decision records, newest first, filtered by type and period. */
export async function institutionDecisions(
  db: DbOrTx,
  orgId: string,
  f: { from?: Date; to?: Date; decisionType?: string; page: number; pageSize: number },
) {
  const where = and(
    eq(decisionRecords.orgId, orgId),
    f.from ? gte(decisionRecords.createdAt, f.from) : undefined,
    f.to ? lt(decisionRecords.createdAt, f.to) : undefined,
    f.decisionType ? eq(decisionRecords.decisionType, f.decisionType as never) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(decisionRecords)
      .where(where)
      .orderBy(desc(decisionRecords.createdAt), desc(decisionRecords.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisionRecords)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
