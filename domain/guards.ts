// Who may take part in the lifecycle: shared checks for the notice, listing window, showcase, demand
// and deal rules. Each throws the first rule the actor breaks.

import type { Actor, MemberActor, OperatorActor } from './actor.js';
import { AppError } from './errors.js';

/**
 * A member of a verified organisation (of `kind`, when given). Unverified organisations may draft,
 * but the platform's public procedures are for verified parties only.
 */
export function requireVerifiedMember(actor: Actor, kind?: 'enterprise' | 'institution'): MemberActor {
  if (actor.type !== 'member') throw new AppError('FORBIDDEN');
  if (kind && actor.orgKind !== kind) throw new AppError('WRONG_ORG_KIND');
  if (actor.orgVerification !== 'verified') {
    throw new AppError('ORG_NOT_VERIFIED', undefined, '机构尚未通过认证，暂不能执行此操作');
  }
  return actor;
}

/** A member of the organisation that owns the listing. */
export function requireOwnerMember(ownerOrgId: string, actor: Actor): MemberActor {
  if (actor.type !== 'member' || actor.orgId !== ownerOrgId) throw new AppError('FORBIDDEN');
  return actor;
}

export function requireOperatorActor(actor: Actor): OperatorActor {
  if (actor.type !== 'operator') throw new AppError('FORBIDDEN');
  return actor;
}

export function isOwner(ownerOrgId: string, actor: Actor | null): boolean {
  return actor?.type === 'member' && actor.orgId === ownerOrgId;
}

export function isBefore(now: Date, deadline: Date | null): boolean {
  return deadline !== null && now.getTime() < deadline.getTime();
}
