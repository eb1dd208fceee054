// What every part of the pay-later licences (措施五) needs: the terms of a row, which party an actor
// is, and the names a notification shows. Shared by the negotiation (paylater.ts), the reads, the
// payments and the timers, so none of them imports another for these.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { PayLaterParty } from '../../domain/constants/pool.js';
import type { PayLaterTerms } from '../../domain/paylater.js';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { organisations, results } from '../../db/schema/index.js';

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

export function partyOf(actor: Actor, row: { enterpriseId: string; institutionId: string }): PayLaterParty | null {
  if (actor.type !== 'member') return null;
  if (actor.orgId === row.enterpriseId) return 'enterprise';
  if (actor.orgId === row.institutionId) return 'institution';
  return null;
}

// The licensee's organisation, joined beside the institution's.
export const enterpriseOrg = alias(organisations, 'enterprise_org');

/** What the notifications of a negotiation or licence name: the result and the two organisations. */
export async function namesOf(
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
