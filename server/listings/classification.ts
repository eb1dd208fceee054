// 措施十五: when an institution reclassifies a result as 涉密, every active listing of it is taken down
// in the same transaction — reason recorded, a running or scheduled auction stopped, owner and those who
// objected, claimed or bid told — so that no public surface offers it from then on.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import * as rules from '../../domain/listings.js';
import type { Tx } from '../../db/client.js';
import { listings } from '../../db/schema/index.js';
import { lockOpenAuctions, terminateForTakeDown } from '../auctions/service.js';
import { notify } from '../notifications/service.js';
import { applyTransition, facts, lockListing } from './transitions.js';

/** Takes down the active listings of `resultId`; returns their ids. Call inside the reclassification's transaction. */
export async function takeDownListingsOfClassifiedResult(
  tx: Tx,
  resultId: string,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  const candidates = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.resultId, resultId), inArray(listings.status, [...rules.TAKE_DOWN_FROM])))
    .orderBy(listings.id);
  const done: string[] = [];
  for (const { id } of candidates) {
    // Auction before listing, the order bids and closes take.
    await lockOpenAuctions(tx, id);
    const row = await lockListing(tx, id);
    const t = rules.takeDownForClassification(await facts(tx, row));
    if (!t) continue;
    if (row.status === 'auction') await terminateForTakeDown(tx, id, actor, now);
    await applyTransition(tx, row, t, actor, now, {
      rejectionCode: rules.CLASSIFIED_TAKE_DOWN_REASON.code,
      rejectionText: rules.CLASSIFIED_TAKE_DOWN_REASON.text,
    });
    const told = await tx.execute<{ org: string }>(sql`
      select organisation_id as org from claims where listing_id = ${id}
      union select organisation_id from objections where listing_id = ${id}
      union select p.organisation_id from auction_participants p join auctions a on a.id = p.auction_id
            where a.listing_id = ${id}`);
    const others = told.rows.map((r) => r.org).filter((org) => org !== row.organisationId);
    if (others.length) {
      await notify(tx, { orgIds: others }, 'listing_taken_down', { listingId: id, listingTitle: row.title }, now);
    }
    done.push(id);
  }
  return done;
}
