// Pay-later licences (先使用后付费许可, 措施五): an SME applies for a pool result proposing terms; the
// institution accepts, counters or declines; an accepted application becomes a licence with a payment
// schedule, whose reminders and overdue flags are set by timers (workers/pool.ts) re-reading the rows.
import { and, asc, count, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { PayLaterApplicationStatus, PayLaterParty } from '../../domain/constants/pool.js';
import { addDuration, type Duration } from '../../domain/duration.js';
import { AppError } from '../../domain/errors.js';
import {
  buildSchedule,
  checkApplicant,
  checkDayInLicence,
  checkTerms,
  nextApplicationStatus,
  overdueAt,
  reminderAt,
  type ApplicationAction,
  type PayLaterTerms,
} from '../../domain/paylater.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  organisations,
  payLaterApplications,
  payLaterLicences,
  payLaterOffers,
  payLaterPayments,
  results,
  type PayLaterApplication,
  type PayLaterLicence,
  type PayLaterOffer,
  type PayLaterPayment,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { POOL_LOCKS } from './membership.js';
import { isInPool } from './service.js';

export function termsOf(row: PayLaterTerms): PayLaterTerms {
  return {
    feeFen: row.feeFen,
    royaltyBp: row.royaltyBp,
    paymentTiming: row.paymentTiming,
    paymentDelayMonths: row.paymentDelayMonths,
    termYears: row.termYears,
    paymentConditions: row.paymentConditions,
  };
}

function partyOf(actor: Actor, row: { enterpriseId: string; institutionId: string }): PayLaterParty | null {
  if (actor.type !== 'member') return null;
  if (actor.orgId === row.enterpriseId) return 'enterprise';
  if (actor.orgId === row.institutionId) return 'institution';
  return null;
}

/** Membership changes wait for a negotiation step that depends on the pool, and vice versa. */
async function sharePoolLock(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${POOL_LOCKS.membership})`);
}

function uniqueViolation(err: unknown): string | null {
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause;
  return cause?.code === '23505' ? (cause.constraint ?? 'unique') : null;
}

/** What the notifications of a negotiation or licence name: the result and the two organisations. */
async function namesOf(
  tx: DbOrTx,
  row: { resultId: string; enterpriseId: string; institutionId: string },
): Promise<{ resultTitle: string; enterpriseName: string; institutionName: string }> {
  const [r] = await tx
    .select({ resultTitle: results.title, enterpriseName: enterpriseOrg.name, institutionName: organisations.name })
    .from(results)
    .innerJoin(organisations, eq(organisations.id, row.institutionId))
    .innerJoin(enterpriseOrg, eq(enterpriseOrg.id, row.enterpriseId))
    .where(eq(results.id, row.resultId));
  return r ?? { resultTitle: '', enterpriseName: '', institutionName: '' };
}

// ---- Applications ----

export interface ApplicationInput {
  resultId: string;
  terms: PayLaterTerms;
  message: string;
}

export async function apply(ctx: ServiceContext, actor: MemberActor, input: ApplicationInput) {
  const now = ctx.now();
  const terms = checkTerms(input.terms);
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const [org] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId));
      if (!org) throw new AppError('ORG_NOT_FOUND');
      // 措施五 (SMEs only) and 措施十五 (domestic only).
      checkApplicant(org);
      await sharePoolLock(tx);
      if (!(await isInPool(tx, input.resultId))) throw new AppError('POOL_RESULT_NOT_IN_POOL');
      const [result] = await tx
        .select({ institutionId: results.institutionId })
        .from(results)
        .where(eq(results.id, input.resultId));
      const [row] = await tx
        .insert(payLaterApplications)
        .values({
          resultId: input.resultId,
          enterpriseId: actor.orgId,
          institutionId: result!.institutionId,
          status: 'pending',
          ...terms,
          termsBy: 'enterprise',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(payLaterOffers).values({
        applicationId: row!.id,
        round: 1,
        party: 'enterprise',
        ...terms,
        message: input.message.trim(),
        createdBy: actor.userId,
        createdAt: now,
      });
      await writeAudit(tx, {
        actor,
        action: 'paylater.apply',
        targetType: 'paylater_application',
        targetId: row!.id,
        afterStatus: 'pending',
        details: { resultId: input.resultId, terms },
        at: now,
      });
      await emit(tx, 'paylater.applied', {
        applicationId: row!.id,
        resultId: input.resultId,
        enterpriseId: actor.orgId,
        institutionId: result!.institutionId,
      });
      // 措施五: the institution answers (accept, counter, decline); pool items are results, not listings.
      const names = await namesOf(tx, row!);
      await notify(
        tx,
        { orgIds: [result!.institutionId] },
        'paylater_applied',
        { listingId: null, listingTitle: names.resultTitle, orgName: org.name },
        now,
        { applicationId: row!.id, resultId: input.resultId },
      );
      return row!.id;
    });
    return getApplication(ctx.db, actor, id);
  } catch (err) {
    if (uniqueViolation(err) === 'paylater_applications_open_key') throw new AppError('PAYLATER_APPLICATION_OPEN');
    throw err;
  }
}

export interface ActInput {
  version: number;
  terms?: PayLaterTerms;
  message?: string;
  reason?: string;
}

const ACTION_TOPICS: Record<ApplicationAction, string> = {
  accept: 'paylater.accepted',
  counter: 'paylater.countered',
  decline: 'paylater.declined',
  withdraw: 'paylater.withdrawn',
};

/**
 * One move in the negotiation (domain/paylater.ts decides whose move it is). The caller names the
 * version it saw, so nobody accepts terms that changed under them.
 */
export async function act(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  action: ApplicationAction,
  input: ActInput,
) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [app] = await tx.select().from(payLaterApplications).where(eq(payLaterApplications.id, id)).for('update');
    const party = app ? partyOf(actor, app) : null;
    if (!app || !party) throw new AppError('PAYLATER_APPLICATION_NOT_FOUND');
    const to = nextApplicationStatus(app.status, party, action);
    if (app.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: app.version });
    const set: Partial<typeof payLaterApplications.$inferInsert> = {
      status: to,
      version: app.version + 1,
      updatedAt: now,
    };
    let licenceId: string | null = null;
    if (action === 'counter') {
      const terms = checkTerms(input.terms!);
      Object.assign(set, terms, { termsBy: 'institution' satisfies PayLaterParty });
      const [{ rounds }] = (await tx
        .select({ rounds: count() })
        .from(payLaterOffers)
        .where(eq(payLaterOffers.applicationId, id))) as [{ rounds: number }];
      await tx.insert(payLaterOffers).values({
        applicationId: id,
        round: rounds + 1,
        party,
        ...terms,
        message: (input.message ?? '').trim(),
        createdBy: actor.userId,
        createdAt: now,
      });
    }
    if (action === 'decline') set.declineReason = input.reason?.trim() ?? null;
    if (to === 'accepted' || to === 'declined' || to === 'counter_declined' || to === 'withdrawn') set.decidedAt = now;
    if (action === 'accept') licenceId = await activateLicence(tx, app, actor, now);
    await tx.update(payLaterApplications).set(set).where(eq(payLaterApplications.id, id));
    await writeAudit(tx, {
      actor,
      action: `paylater.${action}`,
      targetType: 'paylater_application',
      targetId: id,
      beforeStatus: app.status,
      afterStatus: to,
      reason: action === 'decline' ? (input.reason?.trim() ?? null) : null,
      details: { version: app.version + 1, ...(action === 'counter' ? { terms: checkTerms(input.terms!) } : {}) },
      at: now,
    });
    await emit(tx, ACTION_TOPICS[action], {
      applicationId: id,
      resultId: app.resultId,
      enterpriseId: app.enterpriseId,
      institutionId: app.institutionId,
      by: party,
      status: to,
      licenceId,
    });
    // The other side learns of the move: 接受 (the licence is in force) / 还价 (with the message) /
    // 拒绝 (with the reason) / 撤回. The accepting side's colleagues hear of the licence instead
    // (activateLicence), so nobody is told one acceptance twice.
    const names = await namesOf(tx, app);
    await notify(
      tx,
      { orgIds: [party === 'enterprise' ? app.institutionId : app.enterpriseId] },
      'paylater_updated',
      {
        listingId: null,
        listingTitle: names.resultTitle,
        orgName: party === 'enterprise' ? names.enterpriseName : names.institutionName,
        action,
        by: party,
        text:
          action === 'counter'
            ? input.message?.trim() || null
            : action === 'decline'
              ? input.reason?.trim() || null
              : null,
      },
      now,
      { applicationId: id, resultId: app.resultId, status: to, ...(licenceId ? { licenceId } : {}) },
    );
  });
  return getApplication(ctx.db, actor, id);
}

/** Acceptance: the terms on the table become a licence with its payment schedule. */
async function activateLicence(tx: Tx, app: PayLaterApplication, actor: Actor, now: Date): Promise<string> {
  // The result must still be in the pool (措施十五: not reclassified meanwhile), and the enterprise
  // still an eligible SME, at the moment the licence is made.
  await sharePoolLock(tx);
  if (!(await isInPool(tx, app.resultId))) throw new AppError('POOL_RESULT_NOT_IN_POOL');
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, app.enterpriseId));
  checkApplicant(org!);
  const terms = termsOf(app);
  const signedOn = shanghaiDate(now);
  const [licence] = await tx
    .insert(payLaterLicences)
    .values({
      applicationId: app.id,
      resultId: app.resultId,
      enterpriseId: app.enterpriseId,
      institutionId: app.institutionId,
      status: 'active',
      ...terms,
      signedOn,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: payLaterLicences.id });
  const schedule = buildSchedule(terms, signedOn, null);
  await tx.insert(payLaterPayments).values(
    schedule.map((p) => ({
      licenceId: licence!.id,
      seq: p.seq,
      kind: p.kind,
      amountFen: p.amountFen,
      dueOn: p.dueOn,
    })),
  );
  await writeAudit(tx, {
    actor,
    action: 'paylater_licence.activate',
    targetType: 'paylater_licence',
    targetId: licence!.id,
    afterStatus: 'active',
    details: { applicationId: app.id, terms, signedOn, payments: schedule.length },
    at: now,
  });
  await emit(tx, 'paylater.licence_activated', {
    licenceId: licence!.id,
    applicationId: app.id,
    resultId: app.resultId,
    enterpriseId: app.enterpriseId,
    institutionId: app.institutionId,
  });
  const names = await namesOf(tx, app);
  await notify(
    tx,
    // The accepting organisation's other members (the other side has the acceptance itself, with the
    // licence's id); the member who accepted is on the page that shows it.
    'orgId' in actor && 'userId' in actor
      ? { orgIds: [actor.orgId], exceptUserIds: [actor.userId] }
      : { orgIds: [app.enterpriseId, app.institutionId] },
    'paylater_licence_activated',
    { listingId: null, listingTitle: names.resultTitle, orgName: names.enterpriseName },
    now,
    { licenceId: licence!.id, applicationId: app.id, resultId: app.resultId },
  );
  return licence!.id;
}

export interface ApplicationView {
  application: PayLaterApplication;
  result: { id: string; title: string };
  enterprise: { id: string; name: string };
  institution: { id: string; name: string };
  offers: PayLaterOffer[];
  licenceId: string | null;
}

// The licensee's organisation, joined beside the institution's.
const enterpriseOrg = alias(organisations, 'enterprise_org');

async function applicationRows(db: DbOrTx, where: SQL | undefined, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        application: payLaterApplications,
        resultTitle: results.title,
        enterpriseName: enterpriseOrg.name,
        institutionName: organisations.name,
        licenceId: payLaterLicences.id,
      })
      .from(payLaterApplications)
      .innerJoin(results, eq(results.id, payLaterApplications.resultId))
      .innerJoin(organisations, eq(organisations.id, payLaterApplications.institutionId))
      .innerJoin(enterpriseOrg, eq(enterpriseOrg.id, payLaterApplications.enterpriseId))
      .leftJoin(payLaterLicences, eq(payLaterLicences.applicationId, payLaterApplications.id))
      .where(where)
      .orderBy(desc(payLaterApplications.updatedAt), asc(payLaterApplications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(payLaterApplications).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((r): Omit<ApplicationView, 'offers'> => ({
      application: r.application,
      result: { id: r.application.resultId, title: r.resultTitle },
      enterprise: { id: r.application.enterpriseId, name: r.enterpriseName },
      institution: { id: r.application.institutionId, name: r.institutionName },
      licenceId: r.licenceId,
    })),
  };
}

/** The enterprise's sent applications, or the institution's inbox. */
export async function listApplications(
  db: DbOrTx,
  actor: MemberActor,
  f: { status?: PayLaterApplicationStatus; page: number; pageSize: number },
) {
  const mine =
    actor.orgKind === 'enterprise'
      ? eq(payLaterApplications.enterpriseId, actor.orgId)
      : eq(payLaterApplications.institutionId, actor.orgId);
  return applicationRows(
    db,
    and(mine, f.status ? eq(payLaterApplications.status, f.status) : undefined),
    f.page,
    f.pageSize,
  );
}

export async function getApplication(db: DbOrTx, actor: Actor, id: string): Promise<ApplicationView> {
  const { items } = await applicationRows(db, eq(payLaterApplications.id, id), 1, 1);
  const item = items[0];
  // Only the two parties see a negotiation; to anyone else it does not exist.
  if (!item || !partyOf(actor, item.application)) throw new AppError('PAYLATER_APPLICATION_NOT_FOUND');
  const offers = await db
    .select()
    .from(payLaterOffers)
    .where(eq(payLaterOffers.applicationId, id))
    .orderBy(asc(payLaterOffers.round));
  return { ...item, offers };
}

// ---- Licences and payments ----

export interface LicenceView {
  licence: PayLaterLicence;
  result: { id: string; title: string };
  enterprise: { id: string; name: string };
  institution: { id: string; name: string };
  payments: PayLaterPayment[];
}

async function licenceRows(db: DbOrTx, where: SQL | undefined, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        licence: payLaterLicences,
        resultTitle: results.title,
        enterpriseName: enterpriseOrg.name,
        institutionName: organisations.name,
      })
      .from(payLaterLicences)
      .innerJoin(results, eq(results.id, payLaterLicences.resultId))
      .innerJoin(organisations, eq(organisations.id, payLaterLicences.institutionId))
      .innerJoin(enterpriseOrg, eq(enterpriseOrg.id, payLaterLicences.enterpriseId))
      .where(where)
      .orderBy(desc(payLaterLicences.createdAt), asc(payLaterLicences.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(payLaterLicences).where(where),
  ]);
  const ids = rows.map((r) => r.licence.id);
  const payments = ids.length
    ? await db
        .select()
        .from(payLaterPayments)
        .where(inArray(payLaterPayments.licenceId, ids))
        .orderBy(asc(payLaterPayments.seq))
    : [];
  return {
    total: total?.n ?? 0,
    items: rows.map((r): LicenceView => ({
      licence: r.licence,
      result: { id: r.licence.resultId, title: r.resultTitle },
      enterprise: { id: r.licence.enterpriseId, name: r.enterpriseName },
      institution: { id: r.licence.institutionId, name: r.institutionName },
      payments: payments.filter((p) => p.licenceId === r.licence.id),
    })),
  };
}

export async function listLicences(db: DbOrTx, actor: MemberActor, page: number, pageSize: number) {
  const mine =
    actor.orgKind === 'enterprise'
      ? eq(payLaterLicences.enterpriseId, actor.orgId)
      : eq(payLaterLicences.institutionId, actor.orgId);
  return licenceRows(db, mine, page, pageSize);
}

/** The parties and operators (who follow up overdue payments) may read a licence. */
export async function getLicence(db: DbOrTx, actor: Actor, id: string): Promise<LicenceView> {
  const { items } = await licenceRows(db, eq(payLaterLicences.id, id), 1, 1);
  const item = items[0];
  if (!item || (actor.type !== 'operator' && !partyOf(actor, item.licence))) {
    throw new AppError('PAYLATER_LICENCE_NOT_FOUND');
  }
  return item;
}

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
    for (const p of buildSchedule(termsOf(licence), licence.signedOn, day)) {
      await tx
        .update(payLaterPayments)
        .set({ dueOn: p.dueOn })
        .where(
          and(
            eq(payLaterPayments.licenceId, licenceId),
            eq(payLaterPayments.seq, p.seq),
            eq(payLaterPayments.status, 'scheduled'),
          ),
        );
    }
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
    const [payment] = await tx
      .select()
      .from(payLaterPayments)
      .where(and(eq(payLaterPayments.id, paymentId), eq(payLaterPayments.licenceId, licenceId)))
      .for('update');
    if (!payment) throw new AppError('PAYLATER_PAYMENT_NOT_FOUND');
    if (payment.status === 'paid') throw new AppError('PAYMENT_ALREADY_PAID');
    if (!checkDayInLicence(input.receivedOn, licence.signedOn, shanghaiDate(now))) {
      throw new AppError('PAYMENT_DATE_INVALID');
    }
    const amount = input.amountFen ?? payment.amountFen;
    if (amount === null) throw new AppError('PAYMENT_AMOUNT_REQUIRED');
    await tx
      .update(payLaterPayments)
      .set({
        status: 'paid',
        paidOn: input.receivedOn,
        paidAmountFen: amount,
        paidNote: input.note.trim(),
        markedBy: actor.userId,
        markedAt: now,
      })
      .where(eq(payLaterPayments.id, paymentId));
    const [open] = await tx
      .select({ n: count() })
      .from(payLaterPayments)
      .where(and(eq(payLaterPayments.licenceId, licenceId), eq(payLaterPayments.status, 'scheduled')));
    const settled = open!.n === 0;
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

/** Operators' follow-up list: unpaid instalments whose due day has passed, longest overdue first. */
export async function overduePayments(ctx: ServiceContext, page: number, pageSize: number) {
  const today = shanghaiDate(ctx.now());
  const where = and(eq(payLaterPayments.status, 'scheduled'), lt(payLaterPayments.dueOn, today));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        payment: payLaterPayments,
        licence: payLaterLicences,
        resultTitle: results.title,
        enterpriseName: enterpriseOrg.name,
        institutionName: organisations.name,
      })
      .from(payLaterPayments)
      .innerJoin(payLaterLicences, eq(payLaterLicences.id, payLaterPayments.licenceId))
      .innerJoin(results, eq(results.id, payLaterLicences.resultId))
      .innerJoin(organisations, eq(organisations.id, payLaterLicences.institutionId))
      .innerJoin(enterpriseOrg, eq(enterpriseOrg.id, payLaterLicences.enterpriseId))
      .where(where)
      .orderBy(asc(payLaterPayments.dueOn), asc(payLaterPayments.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(payLaterPayments).where(where),
  ]);
  return { today, total: total?.n ?? 0, items: rows };
}
