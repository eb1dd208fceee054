import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { actorOrgId, actorUserId } from '../../domain/actor.js';
import type { AuditTarget } from '../../domain/constants.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, organisations, outbox, users } from '../../db/schema/index.js';

export interface AuditEntry {
  actor: Actor;
  action: string;
  targetType: AuditTarget;
  targetId: string;
  beforeStatus?: string | null;
  afterStatus?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** Append one audit row. Call inside the transaction that makes the change it records. */
export async function writeAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actorUserId(e.actor),
    actorOrgId: actorOrgId(e.actor),
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    beforeStatus: e.beforeStatus ?? null,
    afterStatus: e.afterStatus ?? null,
    reason: e.reason ?? null,
    details: e.details ?? {},
    createdAt: e.at,
  });
}

/** Queue an event in the outbox, in the same transaction as the change; the relay publishes it after commit. */
export async function emit(tx: DbOrTx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ topic, payload });
}

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
