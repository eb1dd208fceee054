// Timers of the ledger's schedule lines (issue 17 item 3; 措施五 for pay-later licences): a reminder
// to the payer before each due day and an overdue flag after it, to both sides and the operators.
// Every line of every route has them — a pay-later licence's fee and royalties are lines of its
// conversion like any other. The jobs (workers/ledger-timers.ts) only name a line; the handler
// re-reads it under FOR UPDATE and acts only if it is still open on a live contract, its moment has
// come and its flag is unset, so a duplicate delivery, a reconciler pass or a late job changes
// nothing. A changed due day clears the flags (the line is reminded again for its new day).
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { CONVERTING_CONTRACT_STATUSES } from '../../domain/constants/ledger.js';
import { addDuration, type Duration } from '../../domain/duration.js';
import { overdueAt, reminderAt } from '../../domain/paylater.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx } from '../../db/client.js';
import { contracts, conversions, results, scheduleItems } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';

export const SCHEDULE_TIMERS = ['reminder', 'overdue'] as const;
export type ScheduleTimer = (typeof SCHEDULE_TIMERS)[number];

/** Deterministic job ids (BullMQ refuses ':'; a uuid suffix is never all digits). */
export function scheduleTimerJobId(timer: ScheduleTimer, scheduleItemId: string): string {
  return `ledger-${timer}-${scheduleItemId}`;
}

export function timerFiresAt(timer: ScheduleTimer, dueOn: string, lead: Duration): Date {
  return timer === 'reminder' ? reminderAt(dueOn, lead) : overdueAt(dueOn);
}

type Line = typeof scheduleItems.$inferSelect;

/** Whether a line still waits for this timer at all (open, dated, flag unset, contract in force). */
function waits(timer: ScheduleTimer, line: Line, contractStatus: string, now: Date): boolean {
  if (line.status !== 'open' || line.dueOn === null) return false;
  if (!(CONVERTING_CONTRACT_STATUSES as readonly string[]).includes(contractStatus)) return false;
  if (timer === 'reminder') {
    // A reminder that would arrive after the due day is pointless: the overdue flag says more.
    return line.remindedAt === null && now < overdueAt(line.dueOn);
  }
  return line.overdueAt === null;
}

/** The job handler: fires one timer of one line, at most once whatever the number of wake-ups. */
export async function fireScheduleTimer(
  ctx: ServiceContext,
  timer: ScheduleTimer,
  scheduleItemId: string,
): Promise<'fired' | 'not_yet' | 'skipped'> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ line: scheduleItems, conversion: conversions, status: contracts.status, title: contracts.title })
      .from(scheduleItems)
      .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
      .innerJoin(contracts, eq(contracts.conversionId, scheduleItems.conversionId))
      .where(eq(scheduleItems.id, scheduleItemId))
      .for('update', { of: scheduleItems });
    if (!row || !waits(timer, row.line, row.status, now)) return 'skipped';
    const { line, conversion } = row;
    const dueOn = line.dueOn!;
    if (now < timerFiresAt(timer, dueOn, ctx.config.pool.reminderLead)) return 'not_yet';
    await tx
      .update(scheduleItems)
      .set(timer === 'reminder' ? { remindedAt: now } : { overdueAt: now })
      .where(eq(scheduleItems.id, line.id));
    const [result] = conversion.resultId
      ? await tx.select({ title: results.title }).from(results).where(eq(results.id, conversion.resultId))
      : [];
    const paylater = conversion.route === 'paylater';
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: timer === 'reminder' ? 'schedule.reminder' : 'schedule.overdue',
      targetType: 'conversion',
      targetId: conversion.id,
      details: { scheduleItemId: line.id, seq: line.seq, dueOn, amountFen: line.amountFen },
      at: now,
    });
    const base = {
      conversionId: conversion.id,
      scheduleItemId: line.id,
      seq: line.seq,
      amountFen: line.amountFen,
      dueOn,
      institutionId: conversion.institutionId,
      counterpartyOrgId: conversion.counterpartyOrgId,
      ...(timer === 'overdue' ? { notifyOperators: true } : {}),
    };
    // Pay-later licences keep the topics and texts their parties already know (措施五).
    if (paylater) {
      await emit(tx, timer === 'reminder' ? 'paylater.payment_due_soon' : 'paylater.payment_overdue', {
        ...base,
        licenceId: conversion.paylaterLicenceId,
        paymentId: line.id,
        kind: line.kind === 'royalty' ? 'royalty' : 'fee',
        enterpriseId: conversion.counterpartyOrgId,
      });
    } else {
      await emit(tx, timer === 'reminder' ? 'schedule.payment_due_soon' : 'schedule.payment_overdue', base);
    }
    // The reminder goes to the payer; an overdue line to both sides and to the operators, who follow
    // it up (GET /ledger/overdue). An off-platform counterparty without an account has no inbox.
    const recipients =
      timer === 'reminder'
        ? { orgIds: conversion.counterpartyOrgId ? [conversion.counterpartyOrgId] : [] }
        : {
            orgIds: [conversion.institutionId, ...(conversion.counterpartyOrgId ? [conversion.counterpartyOrgId] : [])],
            operators: true,
          };
    const data = paylater
      ? { licenceId: conversion.paylaterLicenceId, paymentId: line.id, resultId: conversion.resultId }
      : { conversionId: conversion.id, scheduleItemId: line.id, resultId: conversion.resultId };
    await notify(
      tx,
      recipients,
      paylater
        ? timer === 'reminder'
          ? 'paylater_payment_due'
          : 'paylater_payment_overdue'
        : timer === 'reminder'
          ? 'ledger_payment_due'
          : 'ledger_payment_overdue',
      {
        listingId: null,
        listingTitle: paylater ? (result?.title ?? row.title) : row.title,
        orgName: conversion.counterpartyName,
        priceFen: line.amountFen,
        ...(paylater ? { paymentKind: line.kind === 'royalty' ? ('royalty' as const) : ('fee' as const) } : {}),
        day: dueOn,
      },
      now,
      data,
    );
    return 'fired';
  });
}

export interface DueTimer {
  jobId: string;
  timer: ScheduleTimer;
  scheduleItemId: string;
  firesAt: Date;
}

const live = inArray(contracts.status, [...CONVERTING_CONTRACT_STATUSES]);

function timersOfLine(line: Line, contractStatus: string, now: Date, lead: Duration): DueTimer[] {
  const out: DueTimer[] = [];
  for (const timer of SCHEDULE_TIMERS) {
    if (!waits(timer, line, contractStatus, now)) continue;
    const firesAt = timerFiresAt(timer, line.dueOn!, lead);
    out.push({ jobId: scheduleTimerJobId(timer, line.id), timer, scheduleItemId: line.id, firesAt });
  }
  return out;
}

/**
 * The timers that should exist in BullMQ now: every unset reminder or overdue flag of an open line
 * on a contract in force whose moment lies before `now + horizon` (past moments included). The
 * reconciler adds them with their deterministic ids — a no-op for jobs already queued — so a Redis
 * flush or restart loses nothing, and far-future timers are created the day before they are due.
 */
export async function dueScheduleTimers(ctx: ServiceContext, horizonMs = 86_400_000): Promise<DueTimer[]> {
  const now = ctx.now();
  const lead = ctx.config.pool.reminderLead;
  const until = new Date(now.getTime() + horizonMs);
  // Generous date bounds for the index (schedule_items_open_due_idx); exact instants checked below.
  const reminderBound = addDays(shanghaiDate(addDuration(until, lead)), 1);
  const overdueBound = shanghaiDate(until);
  const today = shanghaiDate(now);
  const rows = await ctx.db
    .select({ line: scheduleItems, status: contracts.status })
    .from(scheduleItems)
    .innerJoin(contracts, eq(contracts.conversionId, scheduleItems.conversionId))
    .where(
      and(
        eq(scheduleItems.status, 'open'),
        sql`${scheduleItems.dueOn} is not null`,
        live,
        or(
          and(
            isNull(scheduleItems.remindedAt),
            lte(scheduleItems.dueOn, reminderBound),
            sql`${scheduleItems.dueOn} >= ${today}::date`,
          ),
          and(isNull(scheduleItems.overdueAt), lt(scheduleItems.dueOn, addDays(overdueBound, 1))),
        ),
      ),
    );
  return rows.flatMap((r) => timersOfLine(r.line, r.status, now, lead)).filter((d) => d.firesAt <= until);
}

/**
 * After a committed change of these conversions (schedule replaced, payment recorded, contract
 * signed or terminated): the timers each line should have (`arm`), and the ids of jobs that must go
 * (`cancel`: lines paid, cancelled, on a contract no longer in force, or whose flag is already set).
 */
export async function scheduleTimersOf(
  db: DbOrTx,
  conversionIds: readonly string[],
  now: Date,
  lead: Duration,
): Promise<{ arm: DueTimer[]; cancel: string[] }> {
  if (conversionIds.length === 0) return { arm: [], cancel: [] };
  const rows = await db
    .select({ line: scheduleItems, status: contracts.status })
    .from(scheduleItems)
    .innerJoin(contracts, eq(contracts.conversionId, scheduleItems.conversionId))
    .where(inArray(scheduleItems.conversionId, [...conversionIds]));
  const arm: DueTimer[] = [];
  const cancel: string[] = [];
  for (const r of rows) {
    const armed = timersOfLine(r.line, r.status, now, lead);
    arm.push(...armed);
    for (const timer of SCHEDULE_TIMERS) {
      if (!armed.some((a) => a.timer === timer)) cancel.push(scheduleTimerJobId(timer, r.line.id));
    }
  }
  return { arm, cancel };
}
