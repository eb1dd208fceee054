import type { OrgKind, VerificationStatus } from './constants/organisations.js';

/** Who is acting. Anonymous callers have no actor; the workers act as `system`. */
export type Actor =
  | {
      type: 'member';
      userId: string;
      orgId: string;
      orgKind: Exclude<OrgKind, 'operator'>;
      orgVerification: VerificationStatus;
    }
  | { type: 'operator'; userId: string; orgId: string }
  | { type: 'system' };

export type MemberActor = Extract<Actor, { type: 'member' }>;
export type OperatorActor = Extract<Actor, { type: 'operator' }>;

export function actorUserId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.userId;
}

export function actorOrgId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.orgId;
}
