// Reading the audit trail: who changed what, when and why, oldest first.
import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AuditTarget } from '../../domain/constants/audit.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, organisations, users } from '../../db/schema/index.js';

export interface AuditRecord {
  id: number;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  beforeStatus: string | null;
  afterStatus: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

/** One audit row as read, with its actor's name and organisation (joined by the callers). */
const RECORD_COLUMNS = {
  id: auditLog.id,
  action: auditLog.action,
  actorUserId: auditLog.actorUserId,
  actorName: users.displayName,
  actorOrgName: organisations.name,
  beforeStatus: auditLog.beforeStatus,
  afterStatus: auditLog.afterStatus,
  reason: auditLog.reason,
  details: auditLog.details,
  createdAt: auditLog.createdAt,
};

export async function readTrail(db: DbOrTx, targetType: AuditTarget, targetId: string): Promise<AuditRecord[]> {
  return db
    .select(RECORD_COLUMNS)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(asc(auditLog.id));
}

export interface InstitutionTrailFilter {
  action?: string;
  targetType?: AuditTarget;
  from?: Date;
  to?: Date;
}

export interface InstitutionTrailRecord extends AuditRecord {
  targetType: AuditTarget;
  targetId: string;
  /** Whether the actor belongs to the institution itself (otherwise: an operator, a counterparty, the system). */
  ownActor: boolean;
}

/**
 * 措施十四: an institution's own trail — what its people did, and what anybody did to its organisation,
 * results, listings and conversions — newest first. Actors of other organisations are named by their
 * organisation only (the institution needs to know who decided, not a stranger's name).
 */
export async function institutionTrail(
  db: DbOrTx,
  orgId: string,
  f: InstitutionTrailFilter,
  page: number,
  pageSize: number,
): Promise<{ items: InstitutionTrailRecord[]; total: number }> {
  const concerns = sql`(${auditLog.actorOrgId} = ${orgId}
    or (${auditLog.targetType} = 'organisation' and ${auditLog.targetId} = ${orgId})
    or (${auditLog.targetType} = 'listing' and ${auditLog.targetId} in (select id from listings where organisation_id = ${orgId}))
    or (${auditLog.targetType} = 'result' and ${auditLog.targetId} in (select id from results where institution_id = ${orgId}))
    or (${auditLog.targetType} = 'conversion' and ${auditLog.targetId} in (select id from conversions where institution_id = ${orgId})))`;
  const where = and(
    concerns,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.to ? lt(auditLog.createdAt, f.to) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...RECORD_COLUMNS,
        actorOrgId: auditLog.actorOrgId,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map(({ actorOrgId, ...r }) => {
      const ownActor = actorOrgId === orgId;
      return { ...r, ownActor, actorName: ownActor ? r.actorName : null };
    }),
    total: total?.n ?? 0,
  };
}
