// 措施五: pay-later licence payments flow into the ledger. The pay-later area keeps its own schedule
// rows (paylater_payments, with their reminder timers) for now; each receipt and each due date it
// records is written to the licence's conversion in the same transaction, on the schedule line that
// carries the same id (conversions.ts conversionFromPayLater). Income reads the ledger only.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { Tx } from '../../db/client.js';
import { conversions, payments, scheduleItems } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';

async function conversionOfLicence(tx: Tx, licenceId: string) {
  const [c] = await tx.select().from(conversions).where(eq(conversions.paylaterLicenceId, licenceId));
  return c ?? null;
}

export async function payLaterReceiptToLedger(
  tx: Tx,
  actor: Actor,
  r: { licenceId: string; lineId: string; amountFen: number; receivedOn: string; payerName: string; note: string },
  now: Date,
): Promise<void> {
  const c = await conversionOfLicence(tx, r.licenceId);
  if (!c) return;
  // A zero royalty settles its line without money changing hands.
  await tx
    .update(scheduleItems)
    .set({ status: 'paid', amountFen: r.amountFen })
    .where(and(eq(scheduleItems.id, r.lineId), eq(scheduleItems.conversionId, c.id)));
  if (r.amountFen > 0) {
    await tx.insert(payments).values({
      conversionId: c.id,
      institutionId: c.institutionId,
      resultId: c.resultId,
      scheduleItemId: r.lineId,
      amountFen: r.amountFen,
      receivedOn: r.receivedOn,
      payerName: r.payerName,
      note: r.note,
      recordedBy: actor.type === 'member' ? actor.userId : null,
      createdAt: now,
    });
  }
  await writeAudit(tx, {
    actor,
    action: 'payment.record',
    targetType: 'conversion',
    targetId: c.id,
    details: { scheduleItemId: r.lineId, amountFen: r.amountFen, receivedOn: r.receivedOn, source: 'paylater' },
    at: now,
  });
  await emit(tx, 'payment.recorded', {
    conversionId: c.id,
    institutionId: c.institutionId,
    counterpartyOrgId: c.counterpartyOrgId,
    resultId: c.resultId,
    amountFen: r.amountFen,
  });
}

export async function payLaterDueDatesToLedger(
  tx: Tx,
  licenceId: string,
  lines: { id: string; dueOn: string | null }[],
) {
  const c = await conversionOfLicence(tx, licenceId);
  if (!c) return;
  for (const l of lines) {
    await tx
      .update(scheduleItems)
      .set({ dueOn: l.dueOn })
      .where(and(eq(scheduleItems.id, l.id), eq(scheduleItems.conversionId, c.id), eq(scheduleItems.status, 'open')));
  }
}
