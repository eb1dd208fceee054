// Actors and helpers for the table-driven domain tests of the lifecycle rules.
import type { Actor } from '../../domain/actor.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';

export const OWNER_INST = 'org-owner-inst';
export const OWNER_ENT = 'org-owner-ent';
export const OTHER_ENT = 'org-other-ent';
export const OTHER_INST = 'org-other-inst';

export const actors = {
  ownerInstitution: {
    type: 'member',
    userId: 'u-oi',
    orgId: OWNER_INST,
    orgKind: 'institution',
    orgVerification: 'verified',
  },
  ownerEnterprise: {
    type: 'member',
    userId: 'u-oe',
    orgId: OWNER_ENT,
    orgKind: 'enterprise',
    orgVerification: 'verified',
  },
  enterprise: { type: 'member', userId: 'u-e', orgId: OTHER_ENT, orgKind: 'enterprise', orgVerification: 'verified' },
  unverifiedEnterprise: {
    type: 'member',
    userId: 'u-ue',
    orgId: 'org-unverified-ent',
    orgKind: 'enterprise',
    orgVerification: 'pending_verification',
  },
  institution: {
    type: 'member',
    userId: 'u-i',
    orgId: OTHER_INST,
    orgKind: 'institution',
    orgVerification: 'verified',
  },
  unverifiedInstitution: {
    type: 'member',
    userId: 'u-ui',
    orgId: 'org-unverified-inst',
    orgKind: 'institution',
    orgVerification: 'rejected',
  },
  operator: { type: 'operator', userId: 'u-op', orgId: 'org-op' },
  system: { type: 'system' },
} as const satisfies Record<string, Actor>;
export type ActorName = keyof typeof actors;
export const ACTOR_NAMES = Object.keys(actors) as ActorName[];

/** Runs a rule; returns its result's `to` (or 'ok') or the refusal's code. */
export function outcome(fn: () => unknown): string {
  try {
    const r = fn();
    if (r && typeof r === 'object' && 'to' in r) return (r as { to: string }).to;
    if (r && typeof r === 'object' && 'transition' in r) {
      return (r as { transition: { to: string } | null }).transition?.to ?? 'ok';
    }
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

export type Outcome = string | ErrorCode;

export const now = new Date('2026-03-01T08:00:00Z');
export const later = (ms: number) => new Date(now.getTime() + ms);
export const DAY = 86_400_000;
