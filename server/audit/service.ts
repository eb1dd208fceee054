// Reading the audit trail: who changed what, when and why, oldest first.
import { and, asc, eq } from 'drizzle-orm';
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

export async function readTrail(db: DbOrTx, targetType: AuditTarget, targetId: string): Promise<AuditRecord[]> {
  return db
    .select({
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
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(asc(auditLog.id));
}
