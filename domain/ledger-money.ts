// The ledger's arithmetic in integer 分 (docs/ledger.md): splitting an amount into instalments, the
// schedule's sum rule, what is outstanding, whether a payment may be recorded, and income per period.
// 措施二 (收益全部留归本单位): income is what the institution received — the sum of recorded payments,
// never the contract amount or what is still expected.

import type { PaymentMethod, ScheduleItemKind, ScheduleItemState, ScheduleItemStatus } from './constants/ledger.js';
import { AppError } from './errors.js';

function isFen(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * Splits `totalFen` into parts proportional to `weights` by the largest-remainder rule: each part
 * gets the floor of its exact share, and the 分 left over go one each to the largest remainders,
 * ties to the earlier part. The parts always add up to the total exactly.
 */
export function splitFen(totalFen: number, weights: readonly number[]): number[] {
  if (!isFen(totalFen)) throw new RangeError('total must be a non-negative integer (分)');
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('weights must be non-negative integers');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError('weights must not all be zero');
  const total = BigInt(totalFen);
  const big = BigInt(sum);
  const parts = weights.map((w) => (total * BigInt(w)) / big);
  const remainders = weights.map((w, i) => ({ i, r: (total * BigInt(w)) % big }));
  let left = Number(total - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]! += 1n;
    left -= 1;
  }
  return parts.map(Number);
}

/** `count` instalments as equal as 分 allow (the earlier ones take the odd 分). */
export function equalInstalments(totalFen: number, count: number): number[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  return splitFen(
    totalFen,
    Array.from({ length: count }, () => 1),
  );
}

export interface ScheduleLine {
  kind: ScheduleItemKind;
  /** Null only for a royalty period, whose amount is reported later. */
  amountFen: number | null;
  dueOn: string | null;
  periodStartsOn?: string | null;
  periodEndsOn?: string | null;
}

export interface ScheduleContract {
  amountFen: number;
  paymentMethods: readonly PaymentMethod[];
  signedOn: string | null;
}

export function isRoyaltyBased(methods: readonly PaymentMethod[]): boolean {
  return methods.includes('royalty');
}

/**
 * A schedule's fixed lines (instalments and the equity consideration) add up to the contract amount,
 * unless the contract is royalty-based — then they may not exceed it. Every amount is whole 分, no
 * line falls due before signing, a royalty period ends on or after it starts.
 */
export function checkSchedule(contract: ScheduleContract, lines: readonly ScheduleLine[]): void {
  let fixed = 0;
  lines.forEach((line, i) => {
    if (line.kind === 'royalty') {
      if (line.amountFen !== null && !isFen(line.amountFen)) {
        throw new AppError('VALIDATION_FAILED', [{ path: `/items/${i}/amountFen`, message: '金额须为非负整数（分）' }]);
      }
    } else {
      if (line.amountFen === null || !isFen(line.amountFen)) {
        throw new AppError('VALIDATION_FAILED', [{ path: `/items/${i}/amountFen`, message: '金额须为非负整数（分）' }]);
      }
      fixed += line.amountFen;
    }
    if (line.dueOn !== null && contract.signedOn !== null && line.dueOn < contract.signedOn) {
      throw new AppError('SCHEDULE_DATE_INVALID', { index: i });
    }
    if (line.periodStartsOn && line.periodEndsOn && line.periodEndsOn < line.periodStartsOn) {
      throw new AppError('SCHEDULE_DATE_INVALID', { index: i });
    }
  });
  if (lines.some((l) => l.kind === 'royalty') && !isRoyaltyBased(contract.paymentMethods)) {
    throw new AppError('ROYALTY_NOT_APPLICABLE');
  }
  if (isRoyaltyBased(contract.paymentMethods)) {
    if (fixed > contract.amountFen) {
      throw new AppError('SCHEDULE_EXCEEDS_AMOUNT', { scheduledFen: fixed, amountFen: contract.amountFen });
    }
  } else if (lines.length > 0 && fixed !== contract.amountFen) {
    throw new AppError('SCHEDULE_SUM_MISMATCH', { scheduledFen: fixed, amountFen: contract.amountFen });
  }
}

/** What is still owed on one line: its amount (a royalty's, once reported) less what was received against it. */
export function outstandingFen(amountFen: number | null, receivedFen: number): number {
  if (amountFen === null) return 0;
  return Math.max(0, amountFen - receivedFen);
}

export interface PaymentInput {
  amountFen: number;
  receivedOn: string;
  overpayment: boolean;
  overpaymentReason: string | null;
}

/**
 * A payment is a positive whole number of 分, received between signing and today, and no more than
 * what is outstanding (on its line, or on the contract) unless marked as an overpayment with a reason.
 */
export function checkPayment(
  input: PaymentInput,
  ctx: { signedOn: string | null; today: string; outstandingFen: number },
): void {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new AppError('PAYMENT_AMOUNT_INVALID');
  if (ctx.signedOn === null) throw new AppError('CONTRACT_NOT_EFFECTIVE');
  if (input.receivedOn < ctx.signedOn || input.receivedOn > ctx.today) {
    throw new AppError('PAYMENT_BEFORE_SIGNING', { signedOn: ctx.signedOn, today: ctx.today });
  }
  const reason = input.overpaymentReason?.trim() ?? '';
  if (input.overpayment && reason.length < 2) throw new AppError('OVERPAYMENT_REASON_REQUIRED');
  if (!input.overpayment && input.amountFen > ctx.outstandingFen) {
    throw new AppError('PAYMENT_EXCEEDS_OUTSTANDING', { outstandingFen: ctx.outstandingFen });
  }
}

/** What a schedule line shows: overdue once its due day has passed while something is still owed. */
export function scheduleItemState(
  item: { kind: ScheduleItemKind; status: ScheduleItemStatus; amountFen: number | null; dueOn: string | null },
  today: string,
): ScheduleItemState {
  if (item.status !== 'open') return item.status;
  if (item.kind === 'royalty' && item.amountFen === null) return 'awaiting_report';
  if (item.dueOn === null) return 'awaiting_date';
  return item.dueOn < today ? 'overdue' : 'open';
}

/** A line is settled once what was received against it reaches its amount. */
export function lineSettled(amountFen: number | null, receivedFen: number): boolean {
  return amountFen !== null && receivedFen >= amountFen;
}

export const INCOME_GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type IncomeGranularity = (typeof INCOME_GRANULARITIES)[number];

/** The period a Shanghai day (`YYYY-MM-DD`) falls in: `2026`, `2026-Q3` or `2026-07`. */
export function periodKey(day: string, granularity: IncomeGranularity): string {
  const year = day.slice(0, 4);
  if (granularity === 'year') return year;
  const month = Number(day.slice(5, 7));
  return granularity === 'month' ? `${year}-${day.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * 措施二: income per period from received payments, oldest period first. The reference rule the
 * SQL of server/ledger/income.ts must agree with (a property test holds them together).
 */
export function incomeByPeriod(
  received: readonly { amountFen: number; receivedOn: string }[],
  granularity: IncomeGranularity,
): { period: string; incomeFen: number; payments: number }[] {
  const by = new Map<string, { incomeFen: number; payments: number }>();
  for (const p of received) {
    const key = periodKey(p.receivedOn, granularity);
    const row = by.get(key) ?? { incomeFen: 0, payments: 0 };
    row.incomeFen += p.amountFen;
    row.payments += 1;
    by.set(key, row);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, r]) => ({ period, ...r }));
}

/** 提成: the royalty on reported sales, in whole 分 (rounded half up), at a rate in basis points. */
export function royaltyOn(salesFen: number, royaltyBp: number): number {
  if (!isFen(salesFen)) throw new RangeError('sales must be a non-negative integer (分)');
  return Number((BigInt(salesFen) * BigInt(royaltyBp) + 5000n) / 10000n);
}
