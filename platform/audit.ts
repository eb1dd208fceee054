// The write side of the record: an audit row and outbox events, written in the caller's transaction
// so that they commit (or vanish) with the change they describe.
import type { Actor } from '../domain/actor.js';
import { actorOrgId, actorUserId } from '../domain/actor.js';
import type { AuditTarget } from '../domain/constants/audit.js';
import type { DbOrTx } from '../db/client.js';
import { auditLog, outbox } from '../db/schema/index.js';
import { currentRequestId } from './request-context.js';

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
  await tx.insert(outbox).values({ topic, payload, requestId: currentRequestId() });
}
