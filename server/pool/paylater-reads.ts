// Reads of the pay-later licences (措施五): the parties' applications and licences with their
// payment schedules, and the operators' follow-up list of overdue payments.
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { PayLaterApplicationStatus } from '../../domain/constants/pool.js';
import { AppError } from '../../domain/errors.js';
import { CLASSIFIED_REDACTED_TITLE } from '../../domain/listings.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx } from '../../db/client.js';
import {
  organisations,
  payLaterApplications,
  payLaterLicences,
  payLaterOffers,
  results,
  type PayLaterApplication,
  type PayLaterLicence,
  type PayLaterOffer,
} from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { overduePayLaterLines, payLaterLinesOf, type PayLaterLine } from '../ledger/paylater-bridge.js';
import { partyOf, enterpriseOrg } from './paylater-common.js';

export interface ApplicationView {
  application: PayLaterApplication;
  result: { id: string; title: string };
  enterprise: { id: string; name: string };
  institution: { id: string; name: string };
  offers: PayLaterOffer[];
  licenceId: string | null;
}

/** 措施十五: once a result is 涉密 only its institution (and operators) read its title here. */
function titleFor(viewer: Actor, r: { resultTitle: string; securityClass: string }, institutionId: string): string {
  if (r.securityClass !== 'classified') return r.resultTitle;
  const own = viewer.type === 'operator' || (viewer.type === 'member' && viewer.orgId === institutionId);
  return own ? r.resultTitle : CLASSIFIED_REDACTED_TITLE;
}

async function applicationRows(db: DbOrTx, viewer: Actor, where: SQL | undefined, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        application: payLaterApplications,
        resultTitle: results.title,
        securityClass: results.securityClass,
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
      result: { id: r.application.resultId, title: titleFor(viewer, r, r.application.institutionId) },
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
    actor,
    and(mine, f.status ? eq(payLaterApplications.status, f.status) : undefined),
    f.page,
    f.pageSize,
  );
}

export async function getApplication(db: DbOrTx, actor: Actor, id: string): Promise<ApplicationView> {
  const { items } = await applicationRows(db, actor, eq(payLaterApplications.id, id), 1, 1);
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
  payments: PayLaterLine[];
}

async function licenceRows(db: DbOrTx, viewer: Actor, where: SQL | undefined, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        licence: payLaterLicences,
        resultTitle: results.title,
        securityClass: results.securityClass,
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
  // The schedule is the ledger's (措施五 payments are lines of the licence's conversion).
  const payments = await payLaterLinesOf(db, ids);
  return {
    total: total?.n ?? 0,
    items: rows.map((r): LicenceView => ({
      licence: r.licence,
      result: { id: r.licence.resultId, title: titleFor(viewer, r, r.licence.institutionId) },
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
  return licenceRows(db, actor, mine, page, pageSize);
}

/** The parties and operators (who follow up overdue payments) may read a licence. */
export async function getLicence(db: DbOrTx, actor: Actor, id: string): Promise<LicenceView> {
  const { items } = await licenceRows(db, actor, eq(payLaterLicences.id, id), 1, 1);
  const item = items[0];
  if (!item || (actor.type !== 'operator' && !partyOf(actor, item.licence))) {
    throw new AppError('PAYLATER_LICENCE_NOT_FOUND');
  }
  return item;
}
/** Operators' follow-up list: unpaid instalments whose due day has passed, longest overdue first. */
export async function overduePayments(ctx: ServiceContext, page: number, pageSize: number) {
  const today = shanghaiDate(ctx.now());
  const { items: lines, total } = await overduePayLaterLines(ctx.db, today, page, pageSize);
  const ids = [...new Set(lines.map((l) => l.licenceId))];
  const licences = ids.length
    ? await ctx.db
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
        .where(inArray(payLaterLicences.id, ids))
    : [];
  const byId = new Map(licences.map((l) => [l.licence.id, l]));
  return { today, total, items: lines.map((payment) => ({ payment, ...byId.get(payment.licenceId)! })) };
}
