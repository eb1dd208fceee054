// 措施五 pay-later licences keep their payments in the ledger only (issue 17: no second table of
// truth; migrations 0022/0023 moved and dropped paylater_payments). A licence is the conversion whose
// `paylater_licence_id` names it; its fee is an `instalment` line and each royalty period a `royalty`
// line, in the licence's order (seq 1…n). The pay-later area reads and writes them through this file,
// in the pay-later vocabulary its pages and API already speak (fee / royalty, scheduled / paid).
import { and, asc, count, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { PaymentKind, PaymentStatus } from '../../domain/constants/pool.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { conversions, payments, scheduleItems, type Conversion } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { paymentDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

/** One line of a pay-later licence's schedule, as the pay-later area shows it. */
export interface PayLaterLine {
  id: string;
  licenceId: string;
  seq: number;
  kind: PaymentKind;
  amountFen: number | null;
  dueOn: string | null;
  status: PaymentStatus;
  remindedAt: Date | null;
  overdueAt: Date | null;
  /** The latest receipt's day, the sum received and the latest receipt's note (null until paid). */
  paidOn: string | null;
  paidAmountFen: number | null;
  paidNote: string | null;
}

type Line = typeof scheduleItems.$inferSelect;

function asPayLater(licenceId: string, l: Line, paid: { on: string | null; fen: number; note: string | null }) {
  return {
    id: l.id,
    licenceId,
    seq: l.seq,
    kind: l.kind === 'royalty' ? 'royalty' : 'fee',
    amountFen: l.amountFen,
    dueOn: l.dueOn,
    status: l.status === 'paid' ? 'paid' : 'scheduled',
    remindedAt: l.remindedAt,
    overdueAt: l.overdueAt,
    paidOn: l.status === 'paid' ? paid.on : null,
    // A zero royalty settles its line without a receipt (payments are > 0).
    paidAmountFen: l.status === 'paid' ? paid.fen : null,
    paidNote: l.status === 'paid' ? paid.note : null,
  } satisfies PayLaterLine;
}

/** The schedules of these licences, each in its order. */
export async function payLaterLinesOf(db: DbOrTx, licenceIds: readonly string[]): Promise<PayLaterLine[]> {
  if (licenceIds.length === 0) return [];
  const rows = await db
    .select({
      licenceId: conversions.paylaterLicenceId,
      line: scheduleItems,
      paidOn: sql<
        string | null
      >`(select max(p.received_on)::text from payments p where p.schedule_item_id = ${scheduleItems.id})`,
      paidFen: sql<string>`(select coalesce(sum(p.amount_fen), 0) from payments p where p.schedule_item_id = ${scheduleItems.id})`,
      paidNote: sql<
        string | null
      >`(select p.note from payments p where p.schedule_item_id = ${scheduleItems.id} order by p.received_on desc, p.created_at desc limit 1)`,
    })
    .from(scheduleItems)
    .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
    .where(inArray(conversions.paylaterLicenceId, [...licenceIds]))
    .orderBy(asc(scheduleItems.seq));
  return rows.map((r) => asPayLater(r.licenceId!, r.line, { on: r.paidOn, fen: Number(r.paidFen), note: r.paidNote }));
}

async function conversionOfLicence(tx: DbOrTx, licenceId: string): Promise<Conversion> {
  const [c] = await tx.select().from(conversions).where(eq(conversions.paylaterLicenceId, licenceId));
  // Every licence is made with its conversion (conversionFromPayLater), in the same transaction.
  if (!c) throw new Error(`pay-later licence ${licenceId} has no conversion`);
  return c;
}

/** Locks one line of a licence for a receipt; null when the licence has no such line. */
export async function lockPayLaterLine(tx: Tx, licenceId: string, lineId: string) {
  const conversion = await conversionOfLicence(tx, licenceId);
  const [line] = await tx
    .select()
    .from(scheduleItems)
    .where(and(eq(scheduleItems.id, lineId), eq(scheduleItems.conversionId, conversion.id)))
    .for('update');
  return line ? { conversion, line: asPayLater(licenceId, line, { on: null, fen: 0, note: null }) } : null;
}

/** How many lines of a licence are still open (none: the licence is settled). */
export async function openPayLaterLines(tx: DbOrTx, licenceId: string): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(scheduleItems)
    .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
    .where(and(eq(conversions.paylaterLicenceId, licenceId), eq(scheduleItems.status, 'open')));
  return r?.n ?? 0;
}

/** A receipt recorded by the licensor: the line is settled and the money is the institution's income (措施二). */
export async function payLaterReceiptToLedger(
  tx: Tx,
  actor: Actor,
  c: Conversion,
  r: { lineId: string; amountFen: number; receivedOn: string; note: string },
  now: Date,
): Promise<void> {
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
      payerName: c.counterpartyName,
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
  await recordProductDecision(
    tx,
    actor,
    { type: 'conversion', id: c.id },
    paymentDecision({ ...r, evidenceRef: r.note, overpaymentReason: null }),
    now,
  );
  // The relay cancels the line's reminder and overdue timers (workers/ledger-timers.ts).
  await emit(tx, 'payment.recorded', {
    conversionId: c.id,
    institutionId: c.institutionId,
    counterpartyOrgId: c.counterpartyOrgId,
    resultId: c.resultId,
    amountFen: r.amountFen,
  });
}

/**
 * 措施五 支付时间: the licensee's first sales fix the due days of the open lines (by seq). A line
 * whose due day changes is reminded afresh for its new day, so its flags are cleared.
 */
export async function setPayLaterDueDates(
  tx: Tx,
  licenceId: string,
  schedule: readonly { seq: number; dueOn: string | null }[],
): Promise<void> {
  const c = await conversionOfLicence(tx, licenceId);
  for (const p of schedule) {
    await tx
      .update(scheduleItems)
      .set({ dueOn: p.dueOn, remindedAt: null, overdueAt: null })
      .where(
        and(
          eq(scheduleItems.conversionId, c.id),
          eq(scheduleItems.seq, p.seq),
          eq(scheduleItems.status, 'open'),
          sql`${scheduleItems.dueOn} is distinct from ${p.dueOn}`,
        ),
      );
  }
  // The relay arms the timers of the lines now dated.
  await emit(tx, 'schedule.changed', { conversionId: c.id, institutionId: c.institutionId });
}

/** Operators' follow-up list: open pay-later lines whose due day has passed, longest overdue first. */
export async function overduePayLaterLines(db: DbOrTx, today: string, page: number, pageSize: number) {
  const where = and(
    eq(conversions.route, 'paylater'),
    eq(scheduleItems.status, 'open'),
    lt(scheduleItems.dueOn, today),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ licenceId: conversions.paylaterLicenceId, line: scheduleItems })
      .from(scheduleItems)
      .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
      .where(where)
      .orderBy(asc(scheduleItems.dueOn), asc(scheduleItems.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(scheduleItems)
      .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => asPayLater(r.licenceId!, r.line, { on: null, fen: 0, note: null })),
  };
}
