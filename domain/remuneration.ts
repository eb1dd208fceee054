// 科技成果转化奖励和报酬 (措施三、十二): the rules the institution's reward policy, a conversion's net
// income and each reward entry follow. Pure: no I/O. (domain/rewards.ts is 措施八's enterprise
// post-subsidy — a different thing.)
import {
  HORIZONTAL_SURPLUS_FLOOR_BP,
  type ConversionFundingSource,
  type RemunerationEntryStatus,
  type RemunerationForm,
} from './constants/remuneration.js';
import { AppError } from './errors.js';
import { FULL_SHARE_BP, largestRemainder } from './teams.js';

const isShare = (bp: number) => Number.isInteger(bp) && bp >= 0 && bp <= FULL_SHARE_BP;
const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/** Who decided and why (措施十四): every remuneration decision names its body and basis. */
export interface DecisionFacts {
  decisionBody: string;
  basis: string;
}

export function checkDecisionFacts(d: DecisionFacts): void {
  if (blank(d.decisionBody)) throw new AppError('REMUNERATION_DECISION_BODY_REQUIRED');
  if (blank(d.basis)) throw new AppError('DECISION_BASIS_REQUIRED');
}

export interface PolicyInput extends DecisionFacts {
  /** 措施十二: share of the net cash income of a transfer or licence that goes to the team. */
  cashShareBp: number;
  /** 措施十二: share of the shares (or capital contribution) of an equity investment (作价投资) that goes to the team. */
  equityShareBp: number;
  /** 措施三: the researchers' minimum share when they fund the conversion from horizontal-project surplus. */
  horizontalMinShareBp: number;
  /** Required when `horizontalMinShareBp` is below 90 % (措施三's "原则上"). */
  horizontalJustification: string | null;
}

/** The institution's policy: shares exact, and a horizontal-surplus floor below 90 % only with a stated reason. */
export function checkPolicy(p: PolicyInput): void {
  if (![p.cashShareBp, p.equityShareBp, p.horizontalMinShareBp].every(isShare)) {
    throw new AppError('REMUNERATION_SHARE_INVALID');
  }
  checkHorizontalShare(p.horizontalMinShareBp, p.horizontalJustification);
  checkDecisionFacts(p);
}

/** 措施三: 科研人员占比原则上不低于 90% — a lower agreed share needs a recorded justification. */
export function checkHorizontalShare(shareBp: number, justification: string | null): void {
  if (!isShare(shareBp)) throw new AppError('REMUNERATION_SHARE_INVALID');
  if (shareBp < HORIZONTAL_SURPLUS_FLOOR_BP && blank(justification)) {
    throw new AppError('REMUNERATION_HORIZONTAL_JUSTIFICATION');
  }
}

export interface TermsInput extends DecisionFacts {
  funding: ConversionFundingSource;
  /** The researchers' agreed share (horizontal surplus only). */
  agreedShareBp: number | null;
  justification: string | null;
}

/** A conversion's own terms: horizontal-surplus funding records the agreed researcher share (措施三). */
export function checkTerms(t: TermsInput): void {
  if (t.funding === 'horizontal_surplus') {
    if (t.agreedShareBp === null) throw new AppError('REMUNERATION_AGREED_SHARE_REQUIRED');
    checkHorizontalShare(t.agreedShareBp, t.justification);
  } else if (t.agreedShareBp !== null) {
    throw new AppError('REMUNERATION_AGREED_SHARE_REQUIRED');
  }
  checkDecisionFacts(t);
}

export interface PolicyShares {
  cashShareBp: number;
  equityShareBp: number;
  horizontalMinShareBp: number;
}

/**
 * The team's share of one form of income: the conversion's agreed share when it is funded from
 * horizontal-project surplus (措施三; the policy's floor when none was agreed), the policy's share otherwise (措施十二).
 */
export function teamShareBp(
  policy: PolicyShares,
  terms: { funding: ConversionFundingSource; agreedShareBp: number | null } | null,
  form: RemunerationForm,
): number {
  if (terms?.funding === 'horizontal_surplus') return terms.agreedShareBp ?? policy.horizontalMinShareBp;
  return form === 'cash' ? policy.cashShareBp : policy.equityShareBp;
}

export interface CashAwardInput {
  /** Income received on the conversion already rewarded (the payments of earlier awards). */
  incomeBeforeFen: number;
  /** This received payment. */
  paymentFen: number;
  /** Every cost recorded against the conversion so far (reversals included). */
  costsFen: number;
  /** What the earlier awards gave the team (corrections included). */
  teamBeforeFen: number;
  shareBp: number;
}

export interface CashAward {
  /** Net income so far: income received (this payment included) minus costs, never below zero. */
  netIncomeFen: number;
  /** The team's reward from this payment. */
  teamFen: number;
}

/**
 * 措施十二: the team's reward from one received payment. Net income = income received − costs; the
 * team's total is `floor(net × share)`, and each payment adds what that total grew by. Costs recorded
 * after earlier awards lower the next ones (never below zero; a shortfall carries forward), so over a
 * conversion's life the team receives exactly `floor(net × share)` whatever the order of costs and payments.
 */
export function cashAward(i: CashAwardInput): CashAward {
  for (const v of [i.incomeBeforeFen, i.paymentFen, i.costsFen, i.teamBeforeFen]) {
    if (!Number.isSafeInteger(v)) throw new RangeError('amounts must be integers (分)');
  }
  if (!isShare(i.shareBp)) throw new RangeError('share must be 0..10000 bp');
  const netIncomeFen = Math.max(0, i.incomeBeforeFen + i.paymentFen - i.costsFen);
  const teamTotal = Number((BigInt(netIncomeFen) * BigInt(i.shareBp)) / BigInt(FULL_SHARE_BP));
  return { netIncomeFen, teamFen: Math.max(0, teamTotal - i.teamBeforeFen) };
}

/** 措施十二: the team's part of the institution's stake in an equity investment (股份 / 出资比例). */
export function equityAward(
  stake: { shares: number | null; valuationFen: number },
  shareBp: number,
): { teamShares: number | null; teamFen: number } {
  if (!isShare(shareBp)) throw new RangeError('share must be 0..10000 bp');
  const part = (n: number) => Number((BigInt(n) * BigInt(shareBp)) / BigInt(FULL_SHARE_BP));
  return { teamShares: stake.shares === null ? null : part(stake.shares), teamFen: part(stake.valuationFen) };
}

export interface TeamMemberShare {
  shareBp: number;
  principalLeader: boolean;
}

/**
 * Splits a team reward (分, or a number of shares) by contribution share, largest remainder: the parts
 * add up exactly and each is within one unit of its ideal. A 正职 member's part is computed like any
 * other but is `separate`: the institution handles it by its own procedure (措施十二: 副职领导及以下).
 */
export function splitReward(
  total: number,
  team: readonly TeamMemberShare[],
): Array<{ amount: number; status: RemunerationEntryStatus }> {
  if (team.length === 0) throw new AppError('REMUNERATION_TEAM_REQUIRED');
  const parts = largestRemainder(
    total,
    team.map((m) => m.shareBp),
  );
  return parts.map((amount, i) => ({ amount, status: team[i]!.principalLeader ? 'separate' : 'pending' }));
}

export type EntryAction = 'approve' | 'pay';

/**
 * pending → approved → paid, nothing else. Approval needs the income received (a payment recorded as
 * received no later than today, or the equity stake acquired); 正职 entries are never approved or paid
 * here; an approved entry never changes but to paid (a correction is a new entry).
 */
export function nextEntryStatus(
  status: RemunerationEntryStatus,
  action: EntryAction,
  facts: { incomeReceivedOn: string | null; today: string },
): RemunerationEntryStatus {
  if (status === 'separate') throw new AppError('REMUNERATION_PRINCIPAL_LEADER');
  if (action === 'approve') {
    if (status !== 'pending') throw new AppError('REMUNERATION_ENTRY_STATE', { status });
    if (facts.incomeReceivedOn === null || facts.incomeReceivedOn > facts.today) {
      throw new AppError('REMUNERATION_INCOME_NOT_RECEIVED');
    }
    return 'approved';
  }
  if (status !== 'approved') throw new AppError('REMUNERATION_ENTRY_STATE', { status });
  return 'paid';
}

/** A correction of an approved or paid entry: a new entry of the difference, never zero. */
export function checkCorrection(original: { status: RemunerationEntryStatus }, deltaFen: number, reason: string): void {
  if (original.status !== 'approved' && original.status !== 'paid') {
    throw new AppError('REMUNERATION_ENTRY_STATE', { status: original.status });
  }
  if (!Number.isSafeInteger(deltaFen) || deltaFen === 0) throw new AppError('REMUNERATION_CORRECTION_INVALID');
  if (blank(reason)) throw new AppError('REMUNERATION_CORRECTION_INVALID');
}

// ---- What each remuneration decision record says (措施十四; written by server/remuneration) ----

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

export function policyDecisionSummary(p: PolicyShares): string {
  return `转化奖励政策：转让、许可净收入的 ${pct(p.cashShareBp)} 奖励成果完成人（团队）；作价投资股份或出资比例的 ${pct(p.equityShareBp)} 奖励团队；横向结余经费出资转化的科研人员占比不低于 ${pct(p.horizontalMinShareBp)}`;
}

export function termsDecisionSummary(t: { funding: ConversionFundingSource; agreedShareBp: number | null }): string {
  return t.funding === 'horizontal_surplus'
    ? `横向科研项目结余经费出资转化，约定科研人员收益占比 ${pct(t.agreedShareBp ?? 0)}`
    : '按本单位奖励政策分配转化收益';
}

export { pct as sharePercentText };
