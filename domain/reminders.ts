// Reminders before a listing deadline (issue #4 "deadlines" notifications). Pure: which deadlines are
// due for a reminder at a given instant, and which parties each kind of deadline concerns. The
// service (server/lifecycle/reminders.ts) finds the rows, records one `deadline_reminders` row per
// (listing, kind, deadline instant) and notifies the parties in the same transaction.

import type { TimerKind } from './constants/lifecycle.js';
import { TIMER_KIND_LABELS } from './constants/lifecycle.js';

/** The parties of a listing a reminder can reach (each an organisation; every member is told). */
export const REMINDER_PARTIES = ['owner', 'counterparty', 'objectors', 'claimants', 'proposers'] as const;
export type ReminderParty = (typeof REMINDER_PARTIES)[number];

/**
 * Who is reminded before each deadline:
 * - notice end (公示期满, 措施四): the owner, the named counterparty (whose deal hangs on it) and the
 *   organisations whose objections still stand (their objection decides the outcome);
 * - objection decision (异议处理决定期满, 措施四): the owner, which must choose to list, re-notice or
 *   withdraw before the listing is withdrawn for it, and the named counterparty, whose deal hangs on it;
 * - listing window end (挂牌期满): the owner, the enterprises that claimed and, for a negotiated
 *   listing, the named counterparty (措施四: without a claim its agreed deal goes ahead);
 * - demand deadline (揭榜截止): the enterprise and the institutions whose proposals are still in;
 * - selection end (评选期满): the enterprise, which must award before it or the demand expires;
 * - showcase expiry (展示期满): the owner, who may renew afterwards.
 */
export const REMINDED: Record<TimerKind, readonly ReminderParty[]> = {
  notice_end: ['owner', 'counterparty', 'objectors'],
  objection_decision: ['owner', 'counterparty'],
  listing_end: ['owner', 'counterparty', 'claimants'],
  demand_deadline: ['owner', 'proposers'],
  selection_end: ['owner'],
  showcase_expiry: ['owner'],
};

/** The organisations behind each party of one listing, as the service read them. */
export interface ListingParties {
  ownerOrgId: string;
  counterpartyOrgId: string | null;
  /** Organisations with a standing objection. */
  objectorOrgIds: readonly string[];
  claimantOrgIds: readonly string[];
  /** Organisations with a proposal that is neither withdrawn nor decided. */
  proposerOrgIds: readonly string[];
}

/** The organisations to remind of a deadline of `kind`, each once, the owner first. */
export function reminderRecipients(kind: TimerKind, p: ListingParties): string[] {
  const byParty: Record<ReminderParty, readonly (string | null)[]> = {
    owner: [p.ownerOrgId],
    counterparty: [p.counterpartyOrgId],
    objectors: p.objectorOrgIds,
    claimants: p.claimantOrgIds,
    proposers: p.proposerOrgIds,
  };
  const out: string[] = [];
  for (const party of REMINDED[kind]) {
    for (const id of byParty[party]) if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * A deadline is due for its reminder once it is no further ahead than `leadMs` and has not passed
 * yet (a passed deadline is the timer's business, not a reminder's).
 */
export function reminderDue(deadlineAt: Date, now: Date, leadMs: number): boolean {
  const left = deadlineAt.getTime() - now.getTime();
  return left > 0 && left <= leadMs;
}

/** What the notification calls the deadline: 公示期满, 挂牌期满… */
export function reminderLabel(kind: TimerKind): string {
  return TIMER_KIND_LABELS[kind];
}
