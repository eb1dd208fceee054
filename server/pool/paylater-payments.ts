// Payments under a pay-later licence (措施五 支付时间、支付条件): the licensee reports its first
// sales, the licensor records each instalment received; the last one settles the licence.
import { eq } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { PayLaterParty } from '../../domain/constants/pool.js';
import { AppError } from '../../domain/errors.js';
import { buildSchedule, checkDayInLicence } from '../../domain/paylater.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Tx } from '../../db/client.js';
import { payLaterLicences, type PayLaterLicence } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  lockPayLaterLine,
  openPayLaterLines,
  payLaterReceiptToLedger,
  setPayLaterDueDates,
} from '../ledger/paylater-bridge.js';
import { notify } from '../notifications/service.js';
import { termsOf, partyOf, namesOf } from './paylater-common.js';
import { getLicence } from './paylater-reads.js';

async function lockLicence(tx: Tx, actor: MemberActor, id: string, party: PayLaterParty): Promise<PayLaterLicence> {
  const [licence] = await tx.select().from(payLaterLicences).where(eq(payLaterLicences.id, id)).for('update');
  const who = licence ? partyOf(actor, licence) : null;
  if (!licence || !who) throw new AppError('PAYLATER_LICENCE_NOT_FOUND');
  if (who !== party) throw new AppError('FORBIDDEN');
  return licence;
}

/**
 * For terms counted from first sales (措施五 支付时间), the licensee reports the day of its first
 * sales; the schedule's due dates follow from it.
 */
export async function reportFirstSales(ctx: ServiceContext, actor: MemberActor, licenceId: string, day: string) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const licence = await lockLicence(tx, actor, licenceId, 'enterprise');
    if (licence.paymentTiming !== 'after_first_sales' || licence.firstSalesOn !== null) {
      throw new AppError('FIRST_SALES_NOT_APPLICABLE');
    }
    if (!checkDayInLicence(day, licence.signedOn, shanghaiDate(now))) throw new AppError('FIRST_SALES_DATE_INVALID');
    await tx
      .update(payLaterLicences)
      .set({ firstSalesOn: day, updatedAt: now })
      .where(eq(payLaterLicences.id, licenceId));
    // The due days live on the licence's ledger lines (措施五 payments are in the ledger only).
    await setPayLaterDueDates(tx, licenceId, buildSchedule(termsOf(licence), licence.signedOn, day));
    await writeAudit(tx, {
      actor,
      action: 'paylater_licence.first_sales',
      targetType: 'paylater_licence',
      targetId: licenceId,
      details: { firstSalesOn: day },
      at: now,
    });
    await emit(tx, 'paylater.first_sales_reported', {
      licenceId,
      enterpriseId: licence.enterpriseId,
      institutionId: licence.institutionId,
      firstSalesOn: day,
    });
    // 措施五 支付时间: the schedule now runs from this day; the licensor should know.
    const names = await namesOf(tx, licence);
    await notify(
      tx,
      { orgIds: [licence.institutionId] },
      'paylater_sales_reported',
      { listingId: null, listingTitle: names.resultTitle, orgName: names.enterpriseName, day },
      now,
      { licenceId, resultId: licence.resultId },
    );
  });
  return getLicence(ctx.db, actor, licenceId);
}

export interface ReceiptInput {
  receivedOn: string;
  amountFen: number | null;
  note: string;
}

/** The institution records a payment as received; when the last one is in, the licence is settled. */
export async function markPaymentReceived(
  ctx: ServiceContext,
  actor: MemberActor,
  licenceId: string,
  paymentId: string,
  input: ReceiptInput,
) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const licence = await lockLicence(tx, actor, licenceId, 'institution');
    const locked = await lockPayLaterLine(tx, licenceId, paymentId);
    if (!locked) throw new AppError('PAYLATER_PAYMENT_NOT_FOUND');
    const { conversion, line: payment } = locked;
    if (payment.status === 'paid') throw new AppError('PAYMENT_ALREADY_PAID');
    if (!checkDayInLicence(input.receivedOn, licence.signedOn, shanghaiDate(now))) {
      throw new AppError('PAYMENT_DATE_INVALID');
    }
    const amount = input.amountFen ?? payment.amountFen;
    if (amount === null) throw new AppError('PAYMENT_AMOUNT_REQUIRED');
    await payLaterReceiptToLedger(
      tx,
      actor,
      conversion,
      { lineId: paymentId, amountFen: amount, receivedOn: input.receivedOn, note: input.note.trim() },
      now,
    );
    const settled = (await openPayLaterLines(tx, licenceId)) === 0;
    if (settled) {
      await tx
        .update(payLaterLicences)
        .set({ status: 'completed', updatedAt: now })
        .where(eq(payLaterLicences.id, licenceId));
    }
    await writeAudit(tx, {
      actor,
      action: 'paylater_licence.payment_received',
      targetType: 'paylater_licence',
      targetId: licenceId,
      beforeStatus: licence.status,
      afterStatus: settled ? 'completed' : licence.status,
      details: { paymentId, seq: payment.seq, kind: payment.kind, receivedOn: input.receivedOn, amountFen: amount },
      at: now,
    });
    await emit(tx, 'paylater.payment_received', {
      licenceId,
      paymentId,
      enterpriseId: licence.enterpriseId,
      institutionId: licence.institutionId,
      amountFen: amount,
      settled,
    });
    const names = await namesOf(tx, licence);
    await notify(
      tx,
      { orgIds: [licence.enterpriseId] },
      'paylater_payment_received',
      {
        listingId: null,
        listingTitle: names.resultTitle,
        priceFen: amount,
        paymentKind: payment.kind,
        day: input.receivedOn,
        settled,
      },
      now,
      { licenceId, paymentId, resultId: licence.resultId },
    );
  });
  return getLicence(ctx.db, actor, licenceId);
}
