// Deadline transitions, as the workers apply them. A timer is a wake-up call naming a listing: the
// handler re-reads the row under FOR UPDATE and acts only if the row is still in the timer's status
// and its deadline has passed (domain/timers.ts checkTimer). Delivered twice, late, early or after a
// flush, it makes exactly one transition.
import { eq, inArray } from 'drizzle-orm';
import type { ListingStatus } from '../../domain/constants/listings.js';
import type { TimerKind } from '../../domain/constants/lifecycle.js';
import { checkTimer, pendingTimer, TIMED_STATUSES, type PendingTimer } from '../../domain/timers.js';
import type { DbOrTx } from '../../db/client.js';
import { listings } from '../../db/schema/index.js';
import { closeWindow } from './claims.js';
import type { ServiceContext } from '../../platform/context.js';
import { closeDemandDeadline, closeSelection } from './demands.js';
import { closeNotice } from './notices.js';
import { lapseObjectionDecision } from './objection-decisions.js';
import { expireShowcase } from './showcase.js';

export type FireResult =
  | { type: 'fired'; from: ListingStatus; to: ListingStatus; dueAt: Date; at: Date }
  | { type: 'stale' }
  | { type: 'not_due'; notBefore: Date };

export async function fireTimer(ctx: ServiceContext, kind: TimerKind, listingId: string): Promise<FireResult> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(listings).where(eq(listings.id, listingId)).for('no key update');
    if (!row) return { type: 'stale' };
    // The clock is read under the lock, after any claim or proposal in flight has committed.
    const now = ctx.now();
    const check = checkTimer(kind, row, now);
    if (!check.due) return 'notBefore' in check ? { type: 'not_due', notBefore: check.notBefore } : { type: 'stale' };
    const config = ctx.config;
    let updated;
    switch (kind) {
      case 'notice_end':
        updated = await closeNotice(tx, row, now, config);
        break;
      case 'objection_decision':
        updated = await lapseObjectionDecision(tx, row, now);
        break;
      case 'listing_end':
        updated = await closeWindow(tx, row, now, config);
        break;
      case 'showcase_expiry':
        updated = await expireShowcase(tx, row, now);
        break;
      case 'demand_deadline':
        updated = await closeDemandDeadline(tx, row, now, config);
        break;
      case 'selection_end':
        updated = await closeSelection(tx, row, now);
        break;
    }
    return { type: 'fired', from: row.status, to: updated.status, dueAt: check.dueAt, at: now };
  });
}

export interface TimedListing extends PendingTimer {
  listingId: string;
}

const timedColumns = {
  id: listings.id,
  status: listings.status,
  noticeEndsAt: listings.noticeEndsAt,
  objectionDecisionEndsAt: listings.objectionDecisionEndsAt,
  listingEndsAt: listings.listingEndsAt,
  expiresAt: listings.expiresAt,
  deadline: listings.deadline,
  selectionEndsAt: listings.selectionEndsAt,
};

function toTimed(rows: Array<{ id: string } & Parameters<typeof pendingTimer>[0]>): TimedListing[] {
  const out: TimedListing[] = [];
  for (const r of rows) {
    const t = pendingTimer(r);
    if (t) out.push({ listingId: r.id, ...t });
  }
  return out;
}

/** Every running deadline, from PostgreSQL (the truth the reconciler restores Redis from). */
export async function runningTimers(db: DbOrTx): Promise<TimedListing[]> {
  return toTimed(await db.select(timedColumns).from(listings).where(inArray(listings.status, TIMED_STATUSES)));
}

/** The running deadlines of some listings (after their change was committed). */
export async function timersOf(db: DbOrTx, ids: string[]): Promise<TimedListing[]> {
  if (ids.length === 0) return [];
  return toTimed(await db.select(timedColumns).from(listings).where(inArray(listings.id, ids)));
}
