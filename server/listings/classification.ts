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

/**
 * Lock order: a listing (and its open auction) before its result. Listing submissions lock the listing
 * and then the result (transitions.ts checkResultHeld), bids and closes the auction then the listing:
 * a reclassification to 涉密 therefore locks the active listings of the result, each after its open
 * auction, before it locks the result row. Call first thing in the transaction (after the pool lock).
 */
export async function lockListingsOfResult(tx: Tx, resultId: string): Promise<void> {
  const candidates = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.resultId, resultId), inArray(listings.status, [...rules.TAKE_DOWN_FROM])))
    .orderBy(listings.id);
  for (const { id } of candidates) {
    await lockOpenAuctions(tx, id);
    await lockListing(tx, id);
  }
}

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
    // 措施十五: a running or scheduled auction of a 涉密 result is cancelled (not a failed sale).
    if (row.status === 'auction') await terminateForTakeDown(tx, id, actor, now, { classified: true });
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
      // Outsiders are told that the procedure stopped, without the title of what is now 涉密.
      const listingTitle = rules.CLASSIFIED_REDACTED_TITLE;
      await notify(tx, { orgIds: others }, 'listing_taken_down', { listingId: id, listingTitle }, now);
    }
    done.push(id);
  }
  return done;
}

/**
 * 措施十五: notices outsiders received before the reclassification named the listing or the result;
 * from now on they read the redaction instead. Outsiders are users who are not members of the owning
 * institution; the notices concerned are those about the result's listings, its pay-later
 * applications or the result itself.
 */
export async function redactOutsiderNotices(
  tx: Tx,
  resultId: string,
  ownerOrgId: string,
  secrets: string[],
): Promise<void> {
  const redacted = rules.CLASSIFIED_REDACTED_TITLE;
  for (const secret of [...new Set(secrets.filter((s) => s.length > 0))]) {
    await tx.execute(sql`
      update notifications n
      set body = replace(n.body, ${secret}, ${redacted}), title = replace(n.title, ${secret}, ${redacted})
      where (n.listing_id in (select l.id from listings l where l.result_id = ${resultId})
             or n.data->>'resultId' = ${resultId}::text
             or n.data->>'applicationId' in (select a.id::text from paylater_applications a where a.result_id = ${resultId}))
        and (position(${secret} in n.body) > 0 or position(${secret} in n.title) > 0)
        and not exists (select 1 from memberships m where m.user_id = n.user_id and m.organisation_id = ${ownerOrgId})`);
  }
}

/** The words that identify a result: its titles (result, listings, IP items) and IP numbers. */
export async function secretsOf(tx: Tx, resultId: string): Promise<string[]> {
  const r = await tx.execute<{ s: string }>(sql`
    select title as s from results where id = ${resultId}
    union select title from listings where result_id = ${resultId}
    union select title from result_ip_items where result_id = ${resultId}
    union select number from result_ip_items where result_id = ${resultId}`);
  return r.rows.map((x) => x.s);
}
