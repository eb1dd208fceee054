import type { DepartmentScope, OrgKind, VerificationStatus } from './constants/organisations.js';

/** Who is acting. Anonymous callers have no actor; the workers act as `system`. */
export type Actor =
  | {
      type: 'member';
      userId: string;
      orgId: string;
      orgKind: Exclude<OrgKind, 'operator' | 'department'>;
      orgVerification: VerificationStatus;
    }
  | { type: 'operator'; userId: string; orgId: string }
  /** 措施十三: a supervisory department or the provincial science department; reads figures, never acts. */
  | { type: 'oversight'; userId: string; orgId: string; scope: DepartmentScope }
  | { type: 'system' };

export type MemberActor = Extract<Actor, { type: 'member' }>;
export type OperatorActor = Extract<Actor, { type: 'operator' }>;
export type OversightActor = Extract<Actor, { type: 'oversight' }>;

export function actorUserId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.userId;
}

export function actorOrgId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.orgId;
}
