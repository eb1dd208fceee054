// Pay-later licences (先使用后付费许可, 措施五): who may apply, what the terms must contain, how an
// application is negotiated, and the payment schedule an accepted licence gets. Pure.
//
// 措施五: 鼓励科研单位以"先使用后付费"方式将科技成果许可给中小微企业使用，双方协议约定许可费用、
// 支付时间、支付条件等.

import {
  SME_SIZE_CLASSES,
  type PayLaterApplicationStatus,
  type PayLaterParty,
  type PaymentKind,
  type PaymentState,
  type PaymentStatus,
  type PaymentTiming,
} from './constants/pool.js';
import { type Domicile, type OrgKind, type SizeClass, type VerificationStatus } from './constants/organisations.js';
import { addDuration, type Duration } from './duration.js';
import { AppError } from './errors.js';
import { checkExportControlGate } from './export-control.js';
import { addDays, addMonthsClamped, shanghaiMidnight } from './pool.js';

export interface PayLaterTerms {
  /** Lump-sum licence fee in 分 (许可费), or null when the licence is paid by royalty only. */
  feeFen: number | null;
  /** Royalty on the licensee's sales revenue in basis points (1 % = 100), or null. */
  royaltyBp: number | null;
  /** 支付时间: counted from signing or from the licensee's first sales… */
  paymentTiming: PaymentTiming;
  /** …plus this many months. */
  paymentDelayMonths: number;
  /** 许可期限 in years; royalties are settled once per licence year. */
  termYears: number;
  /** 支付条件, as agreed in words. */
  paymentConditions: string;
}

export interface ApplicantFacts {
  kind: OrgKind;
  verificationStatus: VerificationStatus;
  sizeClass: SizeClass | null;
  domicile: Domicile;
}

/**
 * 措施五 (将科技成果许可给中小微企业使用): the licensee is a small, medium or micro enterprise — the
 * measure sets no other condition, so ownership (外资 included) does not matter. 措施十五: a licensee
 * registered outside the mainland needs the result's export-control confirmation first.
 */
export function checkApplicant(org: ApplicantFacts, exportControlConfirmed: boolean): void {
  if (org.kind !== 'enterprise') throw new AppError('WRONG_ORG_KIND');
  if (org.verificationStatus !== 'verified') throw new AppError('PAYLATER_ORG_NOT_VERIFIED');
  if (!org.sizeClass || !(SME_SIZE_CLASSES as readonly SizeClass[]).includes(org.sizeClass)) {
    throw new AppError('PAYLATER_SME_ONLY', { sizeClass: org.sizeClass });
  }
  checkExportControlGate('paylater_application', org.domicile, exportControlConfirmed);
}

/** 措施五: 许可费用 — a lump sum, a royalty, or both; a licence for nothing is not a pay-later licence. */
export function checkTerms(terms: PayLaterTerms): PayLaterTerms {
  const feeFen = terms.feeFen === 0 ? null : terms.feeFen;
  const royaltyBp = terms.royaltyBp === 0 ? null : terms.royaltyBp;
  if (feeFen === null && royaltyBp === null) throw new AppError('PAYLATER_FEE_REQUIRED');
  return { ...terms, feeFen, royaltyBp, paymentConditions: terms.paymentConditions.trim() };
}

export type ApplicationAction = 'accept' | 'counter' | 'decline' | 'withdraw';

// Whose move it is in each open state, and where each move leads. The enterprise proposes; the
// institution accepts, counters or declines; a counter-offer is the enterprise's to accept or decline.
const MOVES: Partial<
  Record<
    PayLaterApplicationStatus,
    { party: PayLaterParty; to: Partial<Record<ApplicationAction, PayLaterApplicationStatus>> }[]
  >
> = {
  pending: [
    { party: 'institution', to: { accept: 'accepted', counter: 'countered', decline: 'declined' } },
    { party: 'enterprise', to: { withdraw: 'withdrawn' } },
  ],
  countered: [{ party: 'enterprise', to: { accept: 'accepted', decline: 'counter_declined' } }],
};

export function nextApplicationStatus(
  status: PayLaterApplicationStatus,
  party: PayLaterParty,
  action: ApplicationAction,
): PayLaterApplicationStatus {
  const moves = MOVES[status] ?? [];
  const mine = moves.find((m) => m.party === party)?.to[action];
  if (mine) return mine;
  // The other side may make this move now: it is not this party's turn.
  if (moves.some((m) => m.to[action])) throw new AppError('FORBIDDEN');
  throw new AppError('INVALID_STATE', { status, action });
}

/** The terms an acceptance turns into a licence: those on the table. */
export function isOpen(status: PayLaterApplicationStatus): boolean {
  return status === 'pending' || status === 'countered';
}

export interface ScheduledPayment {
  seq: number;
  kind: PaymentKind;
  /** Known for the fee; a royalty's amount follows from sales and is entered when received. */
  amountFen: number | null;
  /** Null while a schedule counted from first sales waits for them. */
  dueOn: string | null;
}

/**
 * The payment schedule of an accepted licence. The anchor is the signing day or, for terms counted
 * from first sales, the first-sales day (null until the licensee reports it). The fee falls due
 * `paymentDelayMonths` after the anchor; royalties are settled yearly, the first on the same day and
 * then every twelve months, one per licence year.
 */
export function buildSchedule(terms: PayLaterTerms, signedOn: string, firstSalesOn: string | null): ScheduledPayment[] {
  const anchor = terms.paymentTiming === 'after_signing' ? signedOn : firstSalesOn;
  const due = (extraMonths: number) =>
    anchor === null ? null : addMonthsClamped(anchor, terms.paymentDelayMonths + extraMonths);
  const rows: ScheduledPayment[] = [];
  if (terms.feeFen !== null) rows.push({ seq: rows.length + 1, kind: 'fee', amountFen: terms.feeFen, dueOn: due(0) });
  if (terms.royaltyBp !== null) {
    for (let year = 0; year < terms.termYears; year++) {
      rows.push({ seq: rows.length + 1, kind: 'royalty', amountFen: null, dueOn: due(12 * year) });
    }
  }
  return rows;
}

function negate(d: Duration): Duration {
  return {
    years: -d.years,
    months: -d.months,
    weeks: -d.weeks,
    days: -d.days,
    hours: -d.hours,
    minutes: -d.minutes,
    seconds: -d.seconds,
  };
}

/** When the reminder before a due date goes out: `lead` before the due day begins in Shanghai. */
export function reminderAt(dueOn: string, lead: Duration): Date {
  return addDuration(shanghaiMidnight(dueOn), negate(lead));
}

/** A payment is overdue once its due day has ended in Shanghai unpaid. */
export function overdueAt(dueOn: string): Date {
  return shanghaiMidnight(addDays(dueOn, 1));
}

export function paymentState(p: { status: PaymentStatus; dueOn: string | null }, today: string): PaymentState {
  if (p.status === 'paid') return 'paid';
  if (p.dueOn === null) return 'awaiting_first_sales';
  return p.dueOn < today ? 'overdue' : 'scheduled';
}

/** A first-sales day or a receipt day lies between signing and today. */
export function checkDayInLicence(day: string, signedOn: string, today: string): boolean {
  return day >= signedOn && day <= today;
}
