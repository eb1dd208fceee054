// Shared state and helpers of the demo-data builders: the rows being built (the plan), the clock,
// fictional people, and the audit and moderation records every seeded row gets.

import type {
  auditLog,
  claims,
  listings,
  memberships,
  moderationDecisions,
  objections,
  organisations,
  proposals,
  resultIpItems,
  results,
  users,
} from '../schema/index.js';
import type { AppraisalDecision, DealPriceBasis } from '../../domain/constants/lifecycle.js';
import type { LicenceScope, TransactionType } from '../../domain/constants/listings.js';
import type { Domicile, OwnershipType } from '../../domain/constants/organisations.js';
import { GIVEN_NAMES, SURNAMES } from './organisations.data.js';
import { Rng } from './random.js';
import { HOUR, type Clock, type ListingTimes } from './timeline.js';

export type NewOrganisation = typeof organisations.$inferInsert;
export type NewUser = typeof users.$inferInsert;
export type NewMembership = typeof memberships.$inferInsert;
export type NewResult = typeof results.$inferInsert;
export type NewIpItem = typeof resultIpItems.$inferInsert;
export type NewListing = typeof listings.$inferInsert;
export type NewDecision = typeof moderationDecisions.$inferInsert;
export type NewAudit = typeof auditLog.$inferInsert;
export type NewClaim = typeof claims.$inferInsert;
export type NewObjection = typeof objections.$inferInsert;
/** A seeded deal, as the ledger records it (db/seed/ledger.ts turns it into a conversion and contract). */
export interface NewDeal {
  listingId: string;
  resultId: string;
  institutionId: string;
  counterpartyOrgId: string | null;
  counterpartyName: string;
  counterpartyOwnership: OwnershipType;
  counterpartyDomicile: Domicile;
  counterpartyOwnSubsidiary: boolean;
  transactionType: TransactionType;
  licenseScope: LicenceScope | null;
  amountFen: number;
  priceBasis: DealPriceBasis;
  boundPriceFen: number | null;
  appraisal: AppraisalDecision;
  basis: string;
  recordedBy: string;
  createdAt: Date;
  landingConfirmedAt?: Date | null;
  landingConfirmedBy?: string | null;
}
export type NewProposal = typeof proposals.$inferInsert;

export interface SeedPlan {
  organisations: NewOrganisation[];
  users: NewUser[];
  memberships: NewMembership[];
  results: NewResult[];
  ipItems: NewIpItem[];
  listings: NewListing[];
  claims: NewClaim[];
  objections: NewObjection[];
  deals: NewDeal[];
  proposals: NewProposal[];
  decisions: NewDecision[];
  audit: NewAudit[];
}

/** Each builder draws from its own stream, so editing one part of the data leaves the others unchanged. */
export const SEED = 0x1a0_2026;

export interface Person {
  id: string;
  displayName: string;
  phone: string;
}

export class SeedContext {
  readonly plan: SeedPlan = {
    organisations: [],
    users: [],
    memberships: [],
    results: [],
    ipItems: [],
    listings: [],
    claims: [],
    objections: [],
    deals: [],
    proposals: [],
    decisions: [],
    audit: [],
  };
  private readonly names = new Rng(SEED + 1);
  private phoneSerial = 0;

  constructor(
    readonly clock: Clock,
    readonly passwordHash: string,
  ) {}

  personName(): string {
    return this.names.pick(SURNAMES) + this.names.pick(GIVEN_NAMES);
  }

  /** Fictional mobile numbers 1380000xxxx. */
  phone(): string {
    return `1380000${String(++this.phoneSerial).padStart(4, '0')}`;
  }

  /** The one `seed` audit record of a seeded organisation, result or listing (措施十四: trails are never empty). */
  audit(targetType: NewAudit['targetType'], targetId: string, afterStatus: string): void {
    this.plan.audit.push({
      actorUserId: null,
      actorOrgId: null,
      action: 'seed',
      targetType,
      targetId,
      afterStatus,
      reason: '演示数据初始化',
      details: { source: 'demo_seed' },
      createdAt: this.clock.now,
    });
  }

  /** The operator's approval (anything that was published) or rejection of a listing. */
  decide(rng: Rng, operators: readonly Person[], listingId: string, times: ListingTimes, rejection: Rejection | null) {
    if (!times.decidedAt) return;
    const operatorId = rng.pick(operators).id;
    if (rejection) {
      this.plan.decisions.push({
        listingId,
        decision: 'reject',
        reasonCode: rejection[0],
        reasonText: rejection[1],
        operatorId,
        createdAt: times.decidedAt,
      });
    } else if (times.publishedAt) {
      this.plan.decisions.push({ listingId, decision: 'approve', operatorId, createdAt: times.decidedAt });
    }
  }
}

export type Rejection = readonly [string, string];

export const wan = (n: number): number => n * 1_000_000; // 1 万元 = 1 000 000 分

export function expand<T>(plan: ReadonlyArray<readonly [T, number]>): T[] {
  return plan.flatMap(([value, n]) => Array.from({ length: n }, () => value));
}

/** Reorders `statuses` so each index in `required` holds a status satisfying `ok`. */
export function guarantee<T>(statuses: T[], required: Iterable<number>, ok: (s: T) => boolean): void {
  const must = new Set(required);
  for (const i of must) {
    if (ok(statuses[i]!)) continue;
    const j = statuses.findIndex((s, k) => !must.has(k) && ok(s));
    if (j < 0) throw new Error('seed: status plan cannot satisfy coverage');
    [statuses[i], statuses[j]] = [statuses[j]!, statuses[i]!];
  }
}

/** Indices of the first item of each key. */
export function firstIndexBy<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(i);
    }
  });
  return out;
}

/** A draft written after `after` (an unverified organisation's first steps). */
export function draftAfter(rng: Rng, clock: Clock, after: Date): ListingTimes {
  const createdAt = new Date(rng.between(after.getTime() + HOUR, clock.now.getTime() - HOUR));
  return {
    createdAt,
    updatedAt: createdAt,
    submittedAt: null,
    publishedAt: null,
    decidedAt: null,
    noticeEndsAt: null,
    objectionDecisionEndsAt: null,
    listingEndsAt: null,
    expiresAt: null,
    selectionEndsAt: null,
    deadline: null,
    convertedAt: null,
    awardedAt: null,
    landedAt: null,
  };
}

/** The listing columns a timeline sets. */
export function timeColumns(t: ListingTimes) {
  return {
    deadline: t.deadline,
    noticeEndsAt: t.noticeEndsAt,
    objectionDecisionEndsAt: t.objectionDecisionEndsAt,
    listingEndsAt: t.listingEndsAt,
    expiresAt: t.expiresAt,
    selectionEndsAt: t.selectionEndsAt,
    submittedAt: t.submittedAt,
    publishedAt: t.publishedAt,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
