// The audit trail as the API sends it.
import { Type, type Static } from 'typebox';
import type { AuditRecord } from './service.js';
import { DateTime, Nullable } from '../schemas.js';

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actorName: Nullable(Type.String()),
  actorOrgName: Nullable(Type.String()),
  beforeStatus: Nullable(Type.String()),
  afterStatus: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});

export function auditEntry(a: AuditRecord): Static<typeof AuditEntry> {
  return {
    id: a.id,
    action: a.action,
    actorName: a.actorUserId ? a.actorName : '系统',
    actorOrgName: a.actorOrgName,
    beforeStatus: a.beforeStatus,
    afterStatus: a.afterStatus,
    reason: a.reason,
    details: a.details,
    createdAt: a.createdAt.toISOString(),
  };
}
