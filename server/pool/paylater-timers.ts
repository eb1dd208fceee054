// Timers of the pay-later payments (措施五): a reminder before each due date and an overdue flag
// after it, fired by workers/pool.ts re-reading the rows, and the reconciler's list of due timers.
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { addDuration, type Duration } from '../../domain/duration.js';
import { overdueAt, reminderAt } from '../../domain/paylater.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import { payLaterLicences, payLaterPayments } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { namesOf } from './paylater-common.js';

// ---- Timers: reminders before a due date, overdue flags after it ----

export const PAYMENT_TIMERS = ['reminder', 'overdue'] as const;
export type PaymentTimer = (typeof PAYMENT_TIMERS)[number];

/** Deterministic job ids (BullMQ refuses ':'; a uuid suffix is never all digits). */
export function paymentTimerJobId(timer: PaymentTimer, paymentId: string): string {
  return `paylater-${timer}-${paymentId}`;
}

export function timerFiresAt(timer: PaymentTimer, dueOn: string, lead: Duration): Date {
  return timer === 'reminder' ? reminderAt(dueOn, lead) : overdueAt(dueOn);
}

/**
 * The timer job's handler: re-reads the payment under FOR UPDATE and acts only if the payment is
 * still unpaid, its moment has come and the flag is not set yet — so it is safe to run any number
 * of times, early or late.
 */
export async function firePaymentTimer(
  ctx: ServiceContext,
  timer: PaymentTimer,
  paymentId: string,
): Promise<'fired' | 'not_yet' | 'skipped'> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ payment: payLaterPayments, licence: payLaterLicences })
      .from(payLaterPayments)
      .innerJoin(payLaterLicences, eq(payLaterLicences.id, payLaterPayments.licenceId))
      .where(eq(payLaterPayments.id, paymentId))
      .for('update', { of: payLaterPayments });
    if (!row || row.payment.status !== 'scheduled' || row.payment.dueOn === null) return 'skipped';
    const { payment, licence } = row;
    const dueOn = payment.dueOn!;
    if (timer === 'reminder' && payment.remindedAt) return 'skipped';
    if (timer === 'overdue' && payment.overdueAt) return 'skipped';
    // A reminder that would arrive after the due day is pointless: the overdue flag says more.
    if (timer === 'reminder' && now >= overdueAt(dueOn)) return 'skipped';
    if (now < timerFiresAt(timer, dueOn, ctx.config.pool.reminderLead)) return 'not_yet';
    await tx
      .update(payLaterPayments)
      .set(timer === 'reminder' ? { remindedAt: now } : { overdueAt: now })
      .where(eq(payLaterPayments.id, paymentId));
    const payload = {
      licenceId: licence.id,
      paymentId,
      seq: payment.seq,
      kind: payment.kind,
      amountFen: payment.amountFen,
      dueOn,
      enterpriseId: licence.enterpriseId,
      institutionId: licence.institutionId,
    };
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: timer === 'reminder' ? 'paylater_licence.payment_reminder' : 'paylater_licence.payment_overdue',
      targetType: 'paylater_licence',
      targetId: licence.id,
      details: { paymentId, seq: payment.seq, dueOn },
      at: now,
    });
    // Overdue payments concern both parties and the operators, who follow them up.
    await emit(tx, timer === 'reminder' ? 'paylater.payment_due_soon' : 'paylater.payment_overdue', {
      ...payload,
      ...(timer === 'overdue' ? { notifyOperators: true } : {}),
    });
    // Issue 7: the reminder goes to the licensee; an overdue payment is flagged to both sides and
    // the operators, who follow it up (/operator/paylater).
    const names = await namesOf(tx, licence);
    await notify(
      tx,
      timer === 'reminder'
        ? { orgIds: [licence.enterpriseId] }
        : { orgIds: [licence.enterpriseId, licence.institutionId], operators: true },
      timer === 'reminder' ? 'paylater_payment_due' : 'paylater_payment_overdue',
      {
        listingId: null,
        listingTitle: names.resultTitle,
        orgName: names.enterpriseName,
        priceFen: payment.amountFen,
        paymentKind: payment.kind,
        day: dueOn,
      },
      now,
      { licenceId: licence.id, paymentId, resultId: licence.resultId },
    );
    return 'fired';
  });
}

export interface DueTimer {
  jobId: string;
  timer: PaymentTimer;
  paymentId: string;
  firesAt: Date;
}

/**
 * The timers that should exist in BullMQ now: every unset reminder or overdue flag of an unpaid
 * instalment whose moment lies before `now + horizon` (past moments included). The reconciler adds
 * them with their deterministic ids — a no-op for jobs already queued — so a Redis flush or restart
 * loses nothing, and far-future timers are created the day before they are due.
 */
export async function dueTimers(ctx: ServiceContext, horizonMs = 86_400_000): Promise<DueTimer[]> {
  const now = ctx.now();
  const lead = ctx.config.pool.reminderLead;
  const until = new Date(now.getTime() + horizonMs);
  // Generous date bounds for the index; the exact instants are checked below.
  const reminderBound = addDays(shanghaiDate(addDuration(until, lead)), 1);
  const overdueBound = shanghaiDate(until);
  const today = shanghaiDate(now);
  const rows = await ctx.db
    .select({
      id: payLaterPayments.id,
      dueOn: payLaterPayments.dueOn,
      remindedAt: payLaterPayments.remindedAt,
      overdueAt: payLaterPayments.overdueAt,
    })
    .from(payLaterPayments)
    .where(
      and(
        eq(payLaterPayments.status, 'scheduled'),
        sql`${payLaterPayments.dueOn} is not null`,
        or(
          and(
            isNull(payLaterPayments.remindedAt),
            lte(payLaterPayments.dueOn, reminderBound),
            sql`${payLaterPayments.dueOn} >= ${today}::date`,
          ),
          and(isNull(payLaterPayments.overdueAt), lt(payLaterPayments.dueOn, addDays(overdueBound, 1))),
        ),
      ),
    );
  const out: DueTimer[] = [];
  for (const r of rows) {
    for (const timer of PAYMENT_TIMERS) {
      if (timer === 'reminder' && (r.remindedAt || now >= overdueAt(r.dueOn!))) continue;
      if (timer === 'overdue' && r.overdueAt) continue;
      const firesAt = timerFiresAt(timer, r.dueOn!, lead);
      if (firesAt <= until) out.push({ jobId: paymentTimerJobId(timer, r.id), timer, paymentId: r.id, firesAt });
    }
  }
  return out;
}
