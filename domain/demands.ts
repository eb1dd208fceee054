// Demand listings (企业找技术 / 揭榜), DESIGN §5 and 措施八 (双向揭榜挂帅):
//
//   open ── deadline ──▶ selecting (≥ 1 proposal) | expired (none)
//   selecting ── the enterprise awards ≥ 1 proposal ──▶ awarded ── both sides confirm ──▶ landed
//   selecting ── SELECTION_PERIOD ends, nothing awarded ──▶ expired
//
// Proposals (team, approach, timeline, quote) come from verified institutions until the deadline,
// one live proposal per institution; they are seen only by the demand's enterprise, operators and
// the institution that wrote them. The demand stays open until its deadline (fairness to responders).
// Landing is confirmed per awarded proposal by the enterprise and by the institution; the demand is
// `landed` when the first awarded project has both confirmations. 措施八: a landed demand is eligible
// for the reward post-subsidy (奖励性后补助), which an operator confirms (domain/rewards.ts).

import type { Actor } from './actor.js';
import type { ListingKind, ListingStatus } from './constants/listings.js';
import type { ProposalStatus } from './constants/lifecycle.js';
import { addDuration, type Duration } from './duration.js';
import { AppError } from './errors.js';
import { isBefore, isOwner, requireOwnerMember, requireVerifiedMember } from './guards.js';
import type { Transition } from './listings.js';

export interface DemandListing {
  kind: ListingKind;
  status: ListingStatus;
  organisationId: string;
  deadline: Date | null;
  selectionEndsAt: Date | null;
}

export interface ProposalFacts {
  id: string;
  organisationId: string;
  status: ProposalStatus;
  enterpriseConfirmed: boolean;
  institutionConfirmed: boolean;
}

/** Proposals that still count: submitted and not withdrawn (before the deadline nothing else exists). */
export function isActiveProposal(p: Pick<ProposalFacts, 'status'>): boolean {
  return p.status === 'submitted' || p.status === 'awarded';
}

function requireOpenDemand(listing: DemandListing, now: Date): void {
  if (listing.kind !== 'demand' || listing.status !== 'open') {
    throw new AppError('DEMAND_NOT_OPEN', { status: listing.status });
  }
  if (!isBefore(now, listing.deadline)) throw new AppError('DEMAND_DEADLINE_PASSED');
}

/** 揭榜: a verified institution, before the deadline, one live proposal at a time. */
export function checkSubmitProposal(listing: DemandListing, actor: Actor, now: Date, alreadySubmitted: boolean): void {
  requireVerifiedMember(actor, 'institution');
  requireOpenDemand(listing, now);
  if (alreadySubmitted) throw new AppError('PROPOSAL_EXISTS');
}

export function checkWithdrawProposal(listing: DemandListing, proposal: ProposalFacts, actor: Actor, now: Date): void {
  if (actor.type !== 'member' || actor.orgId !== proposal.organisationId) throw new AppError('FORBIDDEN');
  requireOpenDemand(listing, now);
  if (proposal.status !== 'submitted') throw new AppError('PROPOSAL_NOT_ACTIVE');
}

/** Proposals are seen by the demand's enterprise, operators and the institution that wrote them. */
export function canViewProposal(
  listing: Pick<DemandListing, 'organisationId'>,
  proposal: Pick<ProposalFacts, 'organisationId'>,
  actor: Actor | null,
): boolean {
  if (!actor || actor.type === 'system') return false;
  if (actor.type === 'operator') return true;
  if (actor.type === 'researcher') return false;
  return actor.orgId === listing.organisationId || actor.orgId === proposal.organisationId;
}

/** Timer: the deadline passed. ≥ 1 live proposal → selecting for SELECTION_PERIOD; none → expired. */
export function decideDemandDeadline(
  listing: DemandListing,
  activeProposals: number,
  now: Date,
  periods: { selection: Duration },
): Transition {
  if (listing.kind !== 'demand' || listing.status !== 'open') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.deadline)) throw new AppError('INVALID_STATE', { reason: 'deadline_ahead' });
  const base = { action: 'demand_deadline' as const, from: listing.status };
  if (activeProposals === 0) return { ...base, to: 'expired', deadlines: {} };
  return { ...base, to: 'selecting', deadlines: { selectionEndsAt: addDuration(now, periods.selection) } };
}

export interface AwardDecision {
  transition: Transition;
  awarded: string[];
  notSelected: string[];
}

/** The enterprise picks one or more submitted proposals within the selection period; the rest are not selected. */
export function award(
  listing: DemandListing,
  actor: Actor,
  now: Date,
  proposals: readonly ProposalFacts[],
  chosenIds: readonly string[],
): AwardDecision {
  requireOwnerMember(listing.organisationId, actor);
  if (listing.kind !== 'demand' || listing.status !== 'selecting') {
    throw new AppError('NOT_SELECTING', { status: listing.status });
  }
  if (!isBefore(now, listing.selectionEndsAt)) throw new AppError('SELECTION_ENDED');
  const chosen = [...new Set(chosenIds)];
  const submitted = new Set(proposals.filter((p) => p.status === 'submitted').map((p) => p.id));
  if (chosen.length === 0 || chosen.some((id) => !submitted.has(id))) {
    throw new AppError('PROPOSAL_NOT_AWARDABLE', { proposalIds: chosen.filter((id) => !submitted.has(id)) });
  }
  return {
    transition: { action: 'award', from: listing.status, to: 'awarded', deadlines: { selectionEndsAt: null } },
    awarded: chosen,
    notSelected: [...submitted].filter((id) => !chosen.includes(id)),
  };
}

/** Timer: the selection period ended with nothing awarded. */
export function decideSelectionEnd(listing: DemandListing, now: Date): Transition {
  if (listing.kind !== 'demand' || listing.status !== 'selecting') {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (isBefore(now, listing.selectionEndsAt)) throw new AppError('INVALID_STATE', { reason: 'selection_running' });
  return { action: 'selection_end', from: listing.status, to: 'expired', deadlines: {} };
}

export interface LandingDecision {
  side: 'enterprise' | 'institution';
  /** This confirmation completes both sides for the proposal. */
  projectLanded: boolean;
  /** Set when the demand itself becomes `landed` now. */
  transition: Transition | null;
}

/** Each side of an awarded proposal confirms that the project landed (落地). */
export function confirmLanding(listing: DemandListing, proposal: ProposalFacts, actor: Actor): LandingDecision {
  if (actor.type !== 'member') throw new AppError('FORBIDDEN');
  let side: LandingDecision['side'];
  if (isOwner(listing.organisationId, actor)) side = 'enterprise';
  else if (actor.orgId === proposal.organisationId) side = 'institution';
  else throw new AppError('FORBIDDEN');
  if (listing.kind !== 'demand' || (listing.status !== 'awarded' && listing.status !== 'landed')) {
    throw new AppError('INVALID_STATE', { status: listing.status });
  }
  if (proposal.status !== 'awarded') throw new AppError('PROPOSAL_NOT_AWARDED');
  const already = side === 'enterprise' ? proposal.enterpriseConfirmed : proposal.institutionConfirmed;
  if (already) throw new AppError('LANDING_ALREADY_CONFIRMED');
  const other = side === 'enterprise' ? proposal.institutionConfirmed : proposal.enterpriseConfirmed;
  const transition: Transition | null =
    other && listing.status === 'awarded' ? { action: 'land', from: 'awarded', to: 'landed', deadlines: {} } : null;
  return { side, projectLanded: other, transition };
}
