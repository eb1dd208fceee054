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
  /**
   * 措施一、十二: a researcher (成果完成人) of `institutionId`; reads what concerns them (their results,
   * rights and rewards) and accepts grants, never acts for the institution. Deliberately no `orgId`:
   * a check written as "the actor's organisation owns it" can never let a researcher through.
   */
  | { type: 'researcher'; userId: string; institutionId: string }
  /** 措施十三: a supervisory department or the provincial science department; reads figures, never acts. */
  | { type: 'oversight'; userId: string; orgId: string; scope: DepartmentScope }
  | { type: 'system' };

export type MemberActor = Extract<Actor, { type: 'member' }>;
export type OperatorActor = Extract<Actor, { type: 'operator' }>;
export type OversightActor = Extract<Actor, { type: 'oversight' }>;
export type ResearcherActor = Extract<Actor, { type: 'researcher' }>;

export function actorUserId(actor: Actor): string | null {
  return actor.type === 'system' ? null : actor.userId;
}

/** The organisation an audit row names: a researcher's institution, so it shows in the institution's trail. */
export function actorOrgId(actor: Actor): string | null {
  if (actor.type === 'system') return null;
  return actor.type === 'researcher' ? actor.institutionId : actor.orgId;
}
