// Whose a document or decision is: the subject's owning institution and the parties who may read
// it. Conversion-ledger subjects (conversion, contract, payment) and grants plug in here.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DossierSubject } from '../../domain/constants/dossiers.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, results } from '../../db/schema/index.js';

export interface SubjectParties {
  /** The institution whose dossier this belongs to; only it records decisions and uploads. */
  ownerOrgId: string;
  /** Other organisations party to it (the counterparty of a listing's deal), who may read. */
  partyOrgIds: string[];
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
  }
  throw new AppError('DOCUMENT_SUBJECT_NOT_FOUND');
}

/**
 * Oversight may read every dossier. Until the oversight roles (supervisory department, 省科技厅) land,
 * the operators hold it; they plug in here.
 */
export function isOversight(actor: Actor): boolean {
  return actor.type === 'operator';
}

export function mayRead(actor: Actor, p: SubjectParties): boolean {
  if (isOversight(actor)) return true;
  return actor.type === 'member' && (actor.orgId === p.ownerOrgId || p.partyOrgIds.includes(actor.orgId));
}

/** Only the owning institution's members write its dossier. */
export function assertOwner(actor: Actor, p: SubjectParties): void {
  if (actor.type !== 'member' || actor.orgId !== p.ownerOrgId) throw new AppError('FORBIDDEN');
}
