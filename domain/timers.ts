// The deadlines the workers act on (DESIGN §5 "Timers"). Each timed listing status has exactly one
// deadline column; a timer is the pair (kind, listing) and its BullMQ job id is derived from it, so
// scheduling the same deadline twice is the same job. The row is the truth: a timer only says "look
// at this listing at this time".

import type { ListingStatus } from './constants/listings.js';
import type { TimerKind } from './constants/lifecycle.js';

export interface TimedColumns {
  status: ListingStatus;
  noticeEndsAt: Date | null;
  objectionDecisionEndsAt: Date | null;
  listingEndsAt: Date | null;
  expiresAt: Date | null;
  deadline: Date | null;
  selectionEndsAt: Date | null;
}

type DeadlineColumn = Exclude<keyof TimedColumns, 'status'>;

/** Which status each timer acts on and which column holds its deadline. */
export const TIMERS: Record<TimerKind, { status: ListingStatus; column: DeadlineColumn; jobPrefix: string }> = {
  notice_end: { status: 'notice', column: 'noticeEndsAt', jobPrefix: 'notice-end' },
  // 措施四: the institution's decision after a standing objection (domain/notices.ts decideObjection).
  objection_decision: {
    status: 'objection_review',
    column: 'objectionDecisionEndsAt',
    jobPrefix: 'objection-decision',
  },
  listing_end: { status: 'listed', column: 'listingEndsAt', jobPrefix: 'listing-end' },
  showcase_expiry: { status: 'showcase', column: 'expiresAt', jobPrefix: 'showcase-expiry' },
  demand_deadline: { status: 'open', column: 'deadline', jobPrefix: 'demand-deadline' },
  selection_end: { status: 'selecting', column: 'selectionEndsAt', jobPrefix: 'selection-end' },
};

/** The statuses that have a running deadline; the reconciler scans exactly these. */
export const TIMED_STATUSES = Object.values(TIMERS).map((t) => t.status);

export interface PendingTimer {
  kind: TimerKind;
  dueAt: Date;
}

/** The one timer a listing in its current status waits for, or null (no deadline runs in this status). */
export function pendingTimer(row: TimedColumns): PendingTimer | null {
  for (const [kind, t] of Object.entries(TIMERS) as Array<[TimerKind, (typeof TIMERS)[TimerKind]]>) {
    if (t.status !== row.status) continue;
    const dueAt = row[t.column];
    return dueAt ? { kind, dueAt } : null;
  }
  return null;
}

/** The deadline a timer of `kind` waits for on this row, if the row is still in that timer's status. */
export function dueAtFor(kind: TimerKind, row: TimedColumns): Date | null {
  const t = TIMERS[kind];
  return row.status === t.status ? row[t.column] : null;
}

/**
 * The deterministic BullMQ job id: `notice-end-<uuid>`. BullMQ refuses ':' in custom ids and
 * all-digit ids, so the kind prefix uses '-' and always contains letters.
 */
export function timerJobId(kind: TimerKind, listingId: string): string {
  return `${TIMERS[kind].jobPrefix}-${listingId}`;
}

/** What a timer handler decides after re-reading the row. */
export type TimerCheck = { due: true; dueAt: Date } | { due: false; reason: 'stale' } | { due: false; notBefore: Date };

/**
 * Acts only if the row is still in the timer's status and its deadline has passed; a deadline still
 * ahead (the job fired early, or the deadline moved) is reported so the job can wait again.
 */
export function checkTimer(kind: TimerKind, row: TimedColumns, now: Date): TimerCheck {
  const dueAt = dueAtFor(kind, row);
  if (!dueAt) return { due: false, reason: 'stale' };
  if (dueAt.getTime() > now.getTime()) return { due: false, notBefore: dueAt };
  return { due: true, dueAt };
}
