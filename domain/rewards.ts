// 措施八: 对"揭榜"成功、落地转化的项目，给予企业奖励性后补助支持 — from either list of the two-way
// platform. A demand (企业找技术) is eligible once its awarded project has landed (both sides confirmed,
// domain/demands.ts); a supply-side deal (成果找市场) once the enterprise that acquired the result
// confirms it is implemented (落地). Either way an operator confirms the eligibility, once, in the
// same record (reward_confirmations). The subsidy goes to the enterprise, so a supply-side deal is
// eligible only with a registered enterprise as its counterparty, which alone may confirm landing.
//
// These rules are called by the lifecycle services today and by the conversion ledger later; they
// take facts, not rows.

import type { Actor } from './actor.js';
import type { ListingKind, ListingStatus } from './constants/listings.js';
import { AppError } from './errors.js';
import { requireOperatorActor, requireVerifiedMember } from './guards.js';

/** What decides eligibility, from either list. */
export type RewardSubject =
  { kind: 'demand'; status: ListingStatus } | { kind: 'supply'; status: ListingStatus; landingConfirmed: boolean };

/** A supply-side deal as the landing confirmation sees it. */
export interface SupplyDealFacts {
  kind: ListingKind;
  status: ListingStatus;
  /** The counterparty's organisation when it is registered on the platform (null: named only). */
  counterpartyOrgId: string | null;
  landingConfirmed: boolean;
}

/** 措施八: landed (落地) on either list. */
export function rewardEligible(s: RewardSubject): boolean {
  return s.kind === 'demand' ? s.status === 'landed' : s.status === 'converted' && s.landingConfirmed;
}

/** 措施八: an operator confirms the reward post-subsidy eligibility of a landed project, once. */
export function confirmReward(s: RewardSubject, actor: Actor, alreadyConfirmed: boolean): void {
  requireOperatorActor(actor);
  if (!rewardEligible(s)) throw new AppError('NOT_LANDED', { kind: s.kind, status: s.status });
  if (alreadyConfirmed) throw new AppError('REWARD_ALREADY_CONFIRMED');
}

/** The enterprise that acquired the result in a recorded deal confirms that it is implemented (落地). */
export function confirmDealLanding(deal: SupplyDealFacts, actor: Actor): void {
  const member = requireVerifiedMember(actor, 'enterprise');
  if (deal.counterpartyOrgId === null || member.orgId !== deal.counterpartyOrgId) throw new AppError('FORBIDDEN');
  if (deal.kind !== 'supply' || deal.status !== 'converted')
    throw new AppError('NOT_CONVERTED', { status: deal.status });
  if (deal.landingConfirmed) throw new AppError('LANDING_ALREADY_CONFIRMED');
}
