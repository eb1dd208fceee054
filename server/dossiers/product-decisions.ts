// 措施十四: every decision the product makes or records — an operator's review, a notice's outcome,
// an objection ruling, a pricing choice, a pool move, a pay-later answer, a deal, a contract, a
// payment, a landing, a reward — leaves one decision record, written by this helper inside the
// move's own transaction. What each record says is domain/decisions.ts; whose dossier it belongs to
// is the subject's owner (subjects.ts). The move's audit row is its event; no second one is written.
import type { Actor } from '../../domain/actor.js';
import type { LiveDossierSubject } from '../../domain/constants/dossiers.js';
import {
  decidedByRole,
  decisionBodyOf,
  listingDecision,
  type DecisionDraft,
  type ListingFactsForDecision,
} from '../../domain/decisions.js';
import type { Transition } from '../../domain/listings.js';
import type { DbOrTx } from '../../db/client.js';
import { insertDecision, type DecisionRow } from './decisions.js';
import { subjectParties } from './subjects.js';

export async function recordProductDecision(
  tx: DbOrTx,
  actor: Actor,
  subject: { type: LiveDossierSubject; id: string },
  draft: DecisionDraft,
  at: Date,
): Promise<DecisionRow> {
  const { ownerOrgId } = await subjectParties(tx, subject.type, subject.id);
  return insertDecision(
    tx,
    actor,
    ownerOrgId,
    {
      subjectType: subject.type,
      subjectId: subject.id,
      decisionType: draft.decisionType,
      summary: draft.summary,
      details: draft.details,
      decidedByRole: decidedByRole(actor),
      decisionBody: decisionBodyOf(actor),
      procedure: draft.procedure,
      basis: draft.basis,
    },
    at,
  );
}

/** A listing transition that is a decision (domain/decisions.ts LISTING_DECISIONS) leaves its record. */
export async function recordListingDecision(
  tx: DbOrTx,
  actor: Actor,
  listing: ListingFactsForDecision & { id: string },
  t: Transition,
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const draft = listingDecision(listing, t, details);
  if (draft) await recordProductDecision(tx, actor, { type: 'listing', id: listing.id }, draft, at);
}
