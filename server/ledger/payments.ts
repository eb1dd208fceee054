// The expected schedule and the money received (docs/ledger.md): replacing a schedule that has no
// receipts yet, royalty reports per period, and payments recorded by the institution. 措施二: what
// the institution received is its income (income.ts sums `payments`).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import {
  checkPayment,
  checkSchedule,
  lineSettled,
  outstandingFen,
  royaltyOn,
  type PaymentInput,
  type ScheduleLine,
} from '../../domain/ledger-money.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  conversions,
  payments,
  royaltyReports,
  scheduleItems,
  type Contract,
  type Conversion,
  type Payment,
  type RoyaltyReport,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { lockConversion } from './contracts.js';
import { paymentDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

/** Received per schedule line, and in total, for one conversion. */
export async function receivedByLine(db: DbOrTx, conversionId: string) {
  const rows = await db
    .select({ itemId: payments.scheduleItemId, fen: sql<string>`sum(${payments.amountFen})` })
    .from(payments)
    .where(eq(payments.conversionId, conversionId))
    .groupBy(payments.scheduleItemId);
  const byLine = new Map<string | null, number>(rows.map((r) => [r.itemId, Number(r.fen)]));
  const total = rows.reduce((a, r) => a + Number(r.fen), 0);
  return { byLine, total };
}

/** What the contract still expects: its fixed amount plus reported royalties, less everything received. */
export async function contractOutstanding(db: DbOrTx, conversionId: string, contract: Contract): Promise<number> {
  const [r] = await db
    .select({ fen: sql<string>`coalesce(sum(${royaltyReports.royaltyFen}), 0)` })
    .from(royaltyReports)
    .where(eq(royaltyReports.conversionId, conversionId));
  const { total } = await receivedByLine(db, conversionId);
  return Math.max(0, contract.amountFen + Number(r!.fen) - total);
}

function requireLive(contract: Contract): void {
  if (contract.status === 'terminated' || contract.status === 'completed') {
    throw new AppError('SCHEDULE_LOCKED', { status: contract.status });
  }
}

/** Replaces the expected schedule of a contract that has received nothing yet. */
export async function replaceSchedule(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  lines: ScheduleLine[],
  reason: string | null,
) {
  return ctx.db.transaction(async (tx) => {
    const { conversion, contract } = await lockConversion(tx, actor, conversionId);
    requireLive(contract);
    const { total } = await receivedByLine(tx, conversionId);
    const [reported] = await tx
      .select({ id: royaltyReports.id })
      .from(royaltyReports)
      .where(eq(royaltyReports.conversionId, conversionId))
      .limit(1);
    if (total > 0 || reported) throw new AppError('SCHEDULE_LOCKED', { receivedFen: total });
    checkSchedule(contract, lines);
    const now = ctx.now();
    const before = await tx.select().from(scheduleItems).where(eq(scheduleItems.conversionId, conversionId));
    await tx.delete(scheduleItems).where(eq(scheduleItems.conversionId, conversionId));
    if (lines.length > 0) {
      await tx.insert(scheduleItems).values(
        lines.map((l, i) => ({
          conversionId,
          seq: i + 1,
          kind: l.kind,
          amountFen: l.amountFen,
          dueOn: l.dueOn,
          periodStartsOn: l.periodStartsOn ?? null,
          periodEndsOn: l.periodEndsOn ?? null,
          createdAt: now,
        })),
      );
    }
    await touch(tx, conversion, now);
    await writeAudit(tx, {
      actor,
      action: 'schedule.replace',
      targetType: 'conversion',
      targetId: conversionId,
      reason: reason?.trim() || null,
      details: {
        before: before.map((b) => ({ kind: b.kind, amountFen: b.amountFen, dueOn: b.dueOn })),
        after: lines.map((l) => ({ kind: l.kind, amountFen: l.amountFen, dueOn: l.dueOn })),
      },
      at: now,
    });
    // The relay arms the reminder and overdue timers of the new lines and cancels those of the
    // dropped ones (workers/ledger-timers.ts).
    await emit(tx, 'schedule.changed', {
      conversionId,
      institutionId: conversion.institutionId,
      droppedScheduleItemIds: before.map((b) => b.id),
    });
    return tx
      .select()
      .from(scheduleItems)
      .where(eq(scheduleItems.conversionId, conversionId))
      .orderBy(asc(scheduleItems.seq));
  });
}

async function touch(tx: Tx, conversion: Conversion, now: Date) {
  await tx
    .update(conversions)
    .set({ updatedAt: now, version: conversion.version + 1 })
    .where(eq(conversions.id, conversion.id));
}

export interface PaymentRecordInput extends PaymentInput {
  scheduleItemId: string | null;
  payerName: string;
  evidenceRef: string;
  note: string;
}

/**
 * The institution records a payment received: against a schedule line (no more than the line still
 * owes) or the contract as a whole (no more than the contract still owes), unless marked as an
 * overpayment with its reason. A line fully received is `paid`.
 */
export async function recordPayment(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  input: PaymentRecordInput,
): Promise<Payment> {
  return ctx.db.transaction(async (tx) => {
    const { conversion, contract } = await lockConversion(tx, actor, conversionId);
    if (contract.status !== 'effective' && contract.status !== 'completed') {
      throw new AppError('CONTRACT_NOT_EFFECTIVE', { status: contract.status });
    }
    const now = ctx.now();
    const received = await receivedByLine(tx, conversionId);
    let outstanding: number;
    let line: typeof scheduleItems.$inferSelect | undefined;
    if (input.scheduleItemId) {
      [line] = await tx
        .select()
        .from(scheduleItems)
        .where(and(eq(scheduleItems.id, input.scheduleItemId), eq(scheduleItems.conversionId, conversionId)))
        .for('update');
      if (!line) throw new AppError('SCHEDULE_ITEM_NOT_FOUND');
      if (line.status === 'cancelled') throw new AppError('INVALID_STATE', { status: line.status });
      outstanding = outstandingFen(line.amountFen, received.byLine.get(line.id) ?? 0);
    } else {
      outstanding = await contractOutstanding(tx, conversionId, contract);
    }
    checkPayment(input, { signedOn: contract.signedOn, today: shanghaiDate(now), outstandingFen: outstanding });
    const [payment] = await tx
      .insert(payments)
      .values({
        conversionId,
        institutionId: conversion.institutionId,
        resultId: conversion.resultId,
        scheduleItemId: line?.id ?? null,
        amountFen: input.amountFen,
        receivedOn: input.receivedOn,
        payerName: input.payerName.trim(),
        evidenceRef: input.evidenceRef.trim(),
        overpayment: input.overpayment,
        overpaymentReason: input.overpayment ? input.overpaymentReason!.trim() : null,
        note: input.note.trim(),
        recordedBy: actor.type === 'member' ? actor.userId : null,
        createdAt: now,
      })
      .returning();
    if (line && lineSettled(line.amountFen, (received.byLine.get(line.id) ?? 0) + input.amountFen)) {
      await tx.update(scheduleItems).set({ status: 'paid' }).where(eq(scheduleItems.id, line.id));
    }
    await touch(tx, conversion, now);
    await writeAudit(tx, {
      actor,
      action: 'payment.record',
      targetType: 'conversion',
      targetId: conversionId,
      reason: input.overpayment ? input.overpaymentReason!.trim() : null,
      details: {
        paymentId: payment!.id,
        scheduleItemId: line?.id ?? null,
        amountFen: input.amountFen,
        receivedOn: input.receivedOn,
        overpayment: input.overpayment,
      },
      at: now,
    });
    await recordProductDecision(
      tx,
      actor,
      { type: 'payment', id: payment!.id },
      paymentDecision({ ...input, overpaymentReason: input.overpayment ? input.overpaymentReason! : null }),
      now,
    );
    await emit(tx, 'payment.recorded', {
      conversionId,
      paymentId: payment!.id,
      institutionId: conversion.institutionId,
      counterpartyOrgId: conversion.counterpartyOrgId,
      resultId: conversion.resultId,
      amountFen: input.amountFen,
    });
    return payment!;
  });
}

export interface RoyaltyReportInput {
  scheduleItemId: string;
  periodStartsOn: string;
  periodEndsOn: string;
  salesFen: number;
  /** The royalty as reported; defaults to the contract rate on the sales. */
  royaltyFen: number | null;
  reportedOn: string;
}

/** 提成: the reported sales and royalty of one royalty period fix that line's amount. */
export async function reportRoyalty(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  input: RoyaltyReportInput,
): Promise<RoyaltyReport> {
  return ctx.db.transaction(async (tx) => {
    const { conversion, contract } = await lockConversion(tx, actor, conversionId);
    requireLive(contract);
    if (contract.royaltyBp === null) throw new AppError('ROYALTY_NOT_APPLICABLE');
    const [line] = await tx
      .select()
      .from(scheduleItems)
      .where(and(eq(scheduleItems.id, input.scheduleItemId), eq(scheduleItems.conversionId, conversionId)))
      .for('update');
    if (!line) throw new AppError('SCHEDULE_ITEM_NOT_FOUND');
    if (line.kind !== 'royalty') throw new AppError('ROYALTY_NOT_APPLICABLE');
    if (line.amountFen !== null) throw new AppError('ROYALTY_ALREADY_REPORTED');
    const now = ctx.now();
    const today = shanghaiDate(now);
    if (
      !Number.isSafeInteger(input.salesFen) ||
      input.salesFen < 0 ||
      (input.royaltyFen !== null && (!Number.isSafeInteger(input.royaltyFen) || input.royaltyFen < 0)) ||
      input.periodEndsOn < input.periodStartsOn ||
      input.reportedOn > today
    ) {
      throw new AppError('VALIDATION_FAILED', [
        { path: '/', message: '提成报告的金额须为非负整数（分），期间和日期须前后一致' },
      ]);
    }
    const royaltyFen = input.royaltyFen ?? royaltyOn(input.salesFen, contract.royaltyBp);
    const [report] = await tx
      .insert(royaltyReports)
      .values({
        conversionId,
        scheduleItemId: line.id,
        periodStartsOn: input.periodStartsOn,
        periodEndsOn: input.periodEndsOn,
        salesFen: input.salesFen,
        royaltyFen,
        reportedOn: input.reportedOn,
        recordedBy: actor.type === 'member' ? actor.userId : null,
        createdAt: now,
      })
      .returning();
    await tx
      .update(scheduleItems)
      .set({
        amountFen: royaltyFen,
        periodStartsOn: input.periodStartsOn,
        periodEndsOn: input.periodEndsOn,
        status: royaltyFen === 0 ? 'paid' : 'open',
      })
      .where(eq(scheduleItems.id, line.id));
    await touch(tx, conversion, now);
    await writeAudit(tx, {
      actor,
      action: 'royalty.report',
      targetType: 'conversion',
      targetId: conversionId,
      details: {
        scheduleItemId: line.id,
        salesFen: input.salesFen,
        royaltyFen,
        period: [input.periodStartsOn, input.periodEndsOn],
      },
      at: now,
    });
    await emit(tx, 'schedule.changed', { conversionId, institutionId: conversion.institutionId });
    return report!;
  });
}
