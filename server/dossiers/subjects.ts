// Whose a document or decision is: the subject's owning institution and the parties who may read
// it. Grants and transfers (server/rights) follow the rights area's visibility: the institution, the
// team members the decision was put to, and the oversight of the institution.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DossierSubject } from '../../domain/constants/dossiers.js';
import { rightsSubjectOf } from '../../domain/constants/rights.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  conversions,
  grantAnswers,
  listings,
  organisations,
  oversightLinks,
  payments,
  remunerationPolicies,
  results,
  rightsGrants,
} from '../../db/schema/index.js';

export interface SubjectParties {
  /** The institution whose dossier this belongs to; only it records decisions and uploads. */
  ownerOrgId: string;
  /** Other organisations party to it (the counterparty of a listing's deal), who may read. */
  partyOrgIds: string[];
  /**
   * 措施一、六: researchers of the owning institution who may read (the team members a grant or transfer
   * was put to: grant_answers); they never write.
   */
  partyUserIds?: string[];
  /**
   * Ledger subjects follow the ledger's visibility (domain/ledger.ts canSeeConversion): whoever may
   * not see the conversion learns nothing, not even that it exists — this is the refusal they get.
   */
  hiddenAs?: ErrorCode;
}

/** A conversion's parties as the ledger sees them (措施十五: no intermediary on a classified result). */
async function conversionParties(db: DbOrTx, conversionId: string): Promise<SubjectParties | null> {
  const [c] = await db
    .select({
      institutionId: conversions.institutionId,
      counterpartyOrgId: conversions.counterpartyOrgId,
      intermediaryOrgId: conversions.intermediaryOrgId,
      securityClass: results.securityClass,
    })
    .from(conversions)
    .leftJoin(results, eq(results.id, conversions.resultId))
    .where(eq(conversions.id, conversionId));
  if (!c) return null;
  // Mirrors domain/ledger.ts canSeeConversion: the intermediary reads, except on a classified result.
  const parties = [c.counterpartyOrgId, c.securityClass === 'classified' ? null : c.intermediaryOrgId];
  return {
    ownerOrgId: c.institutionId,
    partyOrgIds: parties.filter((x): x is string => !!x),
    hiddenAs: 'CONVERSION_NOT_FOUND',
  };
}

export async function subjectParties(db: DbOrTx, type: DossierSubject, id: string): Promise<SubjectParties> {
  if (type === 'result') {
    const [r] = await db.select({ org: results.institutionId }).from(results).where(eq(results.id, id));
    if (r) return { ownerOrgId: r.org, partyOrgIds: [] };
  } else if (type === 'listing') {
    const [l] = await db
      .select({
        org: listings.organisationId,
        counterparty: listings.counterpartyOrgId,
        matched: listings.matchedOrgId,
      })
      .from(listings)
      .where(eq(listings.id, id));
    if (l) return { ownerOrgId: l.org, partyOrgIds: [l.counterparty, l.matched].filter((x): x is string => !!x) };
  } else if (type === 'conversion' || type === 'contract') {
    // A contract is one per conversion and keyed by it (contracts.conversion_id): same id, same parties.
    const p = await conversionParties(db, id);
    if (p) return p;
    throw new AppError('CONVERSION_NOT_FOUND');
  } else if (type === 'payment') {
    const [p] = await db.select({ conversionId: payments.conversionId }).from(payments).where(eq(payments.id, id));
    const parties = p ? await conversionParties(db, p.conversionId) : null;
    if (parties) return parties;
    throw new AppError('CONVERSION_NOT_FOUND');
  } else if (type === 'grant' || type === 'transfer') {
    // A grant's id under the subject its kind records (grants.ts rightsSubjectOf); the other is not found.
    const [g] = await db
      .select({ org: rightsGrants.institutionId, kind: rightsGrants.kind })
      .from(rightsGrants)
      .where(eq(rightsGrants.id, id));
    if (g && rightsSubjectOf(g.kind) === type) {
      const team = await db.select({ u: grantAnswers.userId }).from(grantAnswers).where(eq(grantAnswers.grantId, id));
      return { ownerOrgId: g.org, partyOrgIds: [], partyUserIds: team.map((t) => t.u), hiddenAs: 'GRANT_NOT_FOUND' };
    }
    throw new AppError('GRANT_NOT_FOUND');
  } else if (type === 'organisation') {
    // The platform's verification of an organisation belongs to that organisation's own dossier.
    const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
    if (o) return { ownerOrgId: o.id, partyOrgIds: [] };
  } else if (type === 'remuneration_policy') {
    // 措施十二: a version of the institution's reward policy is the institution's own.
    const [p] = await db
      .select({ org: remunerationPolicies.institutionId })
      .from(remunerationPolicies)
      .where(eq(remunerationPolicies.id, id));
    if (p) return { ownerOrgId: p.org, partyOrgIds: [] };
  }
  throw new AppError('DOCUMENT_SUBJECT_NOT_FOUND');
}

/**
 * Oversight of an institution's dossiers (措施十三、十四): operators, the provincial department
 * (省科技厅) for every institution, a supervisory department (主管部门) for the institutions linked
 * to it (oversight_links) — the same scope as its statistics (server/statistics scopeOf).
 */
export async function isOversight(db: DbOrTx, actor: Actor, orgId: string): Promise<boolean> {
  if (actor.type === 'operator') return true;
  if (actor.type !== 'oversight') return false;
  if (actor.scope === 'provincial') return true;
  const [link] = await db
    .select({ id: oversightLinks.institutionId })
    .from(oversightLinks)
    .where(and(eq(oversightLinks.departmentId, actor.orgId), eq(oversightLinks.institutionId, orgId)));
  return !!link;
}

export async function mayRead(db: DbOrTx, actor: Actor, p: SubjectParties): Promise<boolean> {
  if (actor.type === 'member' && (actor.orgId === p.ownerOrgId || p.partyOrgIds.includes(actor.orgId))) return true;
  if (actor.type === 'researcher') {
    return actor.institutionId === p.ownerOrgId && (p.partyUserIds ?? []).includes(actor.userId);
  }
  return isOversight(db, actor, p.ownerOrgId);
}

/** Refuses a read; whoever may not see a hidden subject (a conversion) is told it does not exist. */
export async function assertMayRead(db: DbOrTx, actor: Actor, p: SubjectParties): Promise<void> {
  if (!(await mayRead(db, actor, p))) throw new AppError(p.hiddenAs ?? 'FORBIDDEN');
}

/** Only the owning institution's members write its dossier; a party may read but not write. */
export function assertOwner(actor: Actor, p: SubjectParties): void {
  if (actor.type === 'member' && actor.orgId === p.ownerOrgId) return;
  if (p.hiddenAs && !(actor.type === 'member' && p.partyOrgIds.includes(actor.orgId)) && actor.type !== 'operator') {
    throw new AppError(p.hiddenAs);
  }
  throw new AppError('FORBIDDEN');
}
