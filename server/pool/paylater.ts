// Pay-later licences (先使用后付费许可, 措施五): an SME applies for a pool result proposing terms; the
// institution accepts, counters or declines; an accepted application becomes a licence with a payment
// schedule, whose reminders and overdue flags are set by timers (workers/ledger-timers.ts) re-reading the rows.
// This file holds the negotiation and the licence it ends in; the reads are in paylater-reads.ts, the
// payments in paylater-payments.ts; the schedule and its timers are the ledger's
// (server/ledger/paylater-bridge.ts, server/ledger/timers.ts).
import { count, eq, sql } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { PayLaterParty } from '../../domain/constants/pool.js';
import { AppError } from '../../domain/errors.js';
import {
  buildSchedule,
  checkApplicant,
  checkTerms,
  nextApplicationStatus,
  type ApplicationAction,
  type PayLaterTerms,
} from '../../domain/paylater.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Tx } from '../../db/client.js';
import {
  organisations,
  payLaterApplications,
  payLaterLicences,
  payLaterOffers,
  results,
  type PayLaterApplication,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { conversionFromPayLater } from '../ledger/conversions.js';
import { notify } from '../notifications/service.js';
import { POOL_LOCKS } from './membership.js';
import { isInPool } from './service.js';
import { exportControlOf } from '../results/export-control.js';
import { termsOf, partyOf, namesOf } from './paylater-common.js';
import { getApplication } from './paylater-reads.js';
import { paylaterDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

/** Membership changes wait for a negotiation step that depends on the pool, and vice versa. */
async function sharePoolLock(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${POOL_LOCKS.membership})`);
}

function uniqueViolation(err: unknown): string | null {
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause;
  return cause?.code === '23505' ? (cause.constraint ?? 'unique') : null;
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
      // 措施五 (SMEs, whoever owns them) and 措施十五 (outside the mainland: the result's export review first).
      checkApplicant(org, (await exportControlOf(tx, input.resultId)) !== null);
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
    // Lock order (docs/state-machines.md): the pool lock before the application row, as a
    // reclassification takes them; taking it only at acceptance would wait in a circle with one.
    await sharePoolLock(tx);
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
    if (action !== 'withdraw') {
      await recordProductDecision(
        tx,
        actor,
        { type: 'result', id: app.resultId },
        paylaterDecision(action, app.status, to, action === 'decline' ? (input.reason ?? null) : null),
        now,
      );
    }
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
  checkApplicant(org!, (await exportControlOf(tx, app.resultId)) !== null);
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
    .returning();
  const schedule = buildSchedule(terms, signedOn, null);
  // The licence is a conversion in the ledger (措施五 route `paylater`), and its payment schedule
  // is that conversion's schedule: the ledger is the only table of the payments.
  const [result] = await tx.select({ title: results.title }).from(results).where(eq(results.id, app.resultId));
  await conversionFromPayLater(tx, actor, licence!, result!.title, now);
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
