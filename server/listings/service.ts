import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor, OperatorActor } from '../../domain/actor.js';
import {
  PUBLIC_LISTING_STATUSES,
  type IndustryField,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
  type RejectionReasonCode,
  type SupportKind,
  type TakeDownReasonCode,
  type TransactionType,
} from '../../domain/constants/listings.js';
import { type Region } from '../../domain/constants/organisations.js';
import { defaultIncrement } from '../../domain/auctions.js';
import { addDuration, durationMs } from '../../domain/duration.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  claims,
  listings,
  moderationDecisions,
  organisations,
  proposals,
  results,
  type Listing,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { readTrail } from '../audit/service.js';
import { createAuction, lockOpenAuctions, terminateForTakeDown } from '../auctions/service.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { resultsWithIp, type ResultWithIp } from '../results/service.js';

export interface ListingInput {
  kind: ListingKind;
  title: string;
  summary: string;
  description: string;
  field: IndustryField;
  region: Region;
  resultId: string | null;
  pricingMode: PricingMode | null;
  transactionTypes: TransactionType[];
  priceFen: number | null;
  counterpartyName: string | null;
  /** Negotiated pricing: the counterparty's organisation when it is registered (a verified enterprise). */
  counterpartyOrgId?: string | null;
  deadline: Date | null;
  supportSought: SupportKind[];
  contactName: string;
  contactPhone: string;
}

export type ListingPatch = Partial<Omit<ListingInput, 'kind'>> & { version: number };

export interface ListingView {
  listing: Listing;
  organisation: { id: string; name: string; kind: string; region: string | null };
  result: ResultWithIp | null;
  /** Whether the viewer owns it or moderates it: decides which private fields are shown. */
  privileged: boolean;
}

/**
 * Locks the listing row for a transition: transitions of one listing run one at a time. NO KEY
 * UPDATE, not UPDATE: rows that reference the listing (notifications, bids' audit, claims…) take a
 * KEY SHARE lock on it for their foreign key, and must not queue behind a transition — a bid holding
 * its auction row while notifying about the listing would otherwise deadlock with a take-down.
 */
export async function lockListing(tx: Tx, id: string): Promise<Listing> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('no key update');
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return row;
}

/**
 * Locks the listing row against transitions but not against other responders (FOR SHARE): claims,
 * objections and proposals arrive concurrently, and a deadline transition (FOR UPDATE) waits for the
 * ones already in progress — so each is either counted by it or sees the new status.
 */
export async function lockListingShared(tx: Tx, id: string): Promise<Listing> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('share');
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return row;
}

/** Claims (摘牌) of a supply listing, or live proposals (揭榜) of a demand: either blocks withdrawal. */
async function countResponses(tx: DbOrTx, row: Listing): Promise<number> {
  const [r] =
    row.kind === 'supply'
      ? await tx.select({ n: count() }).from(claims).where(eq(claims.listingId, row.id))
      : await tx
          .select({ n: count() })
          .from(proposals)
          .where(and(eq(proposals.listingId, row.id), ne(proposals.status, 'withdrawn')));
  return r?.n ?? 0;
}

async function responderOrgs(tx: DbOrTx, listingId: string): Promise<string[]> {
  const rows = await tx.execute<{ org: string }>(sql`
    select organisation_id as org from claims where listing_id = ${listingId}
    union select organisation_id from objections where listing_id = ${listingId}
    union select organisation_id from proposals where listing_id = ${listingId} and status <> 'withdrawn'`);
  return rows.rows.map((r) => r.org);
}

async function facts(tx: DbOrTx, row: Listing): Promise<rules.ListingFacts> {
  return {
    kind: row.kind,
    status: row.status,
    organisationId: row.organisationId,
    pricingMode: row.pricingMode,
    deadline: row.deadline,
    hasResponses: (await countResponses(tx, row)) > 0,
  };
}

/**
 * A negotiated counterparty named by its organisation must be a verified enterprise; its registered
 * name is what the notice shows (措施四: the notice names the counterparty).
 */
async function resolveCounterparty<T extends { counterpartyOrgId?: string | null; counterpartyName: string | null }>(
  tx: DbOrTx,
  content: T,
): Promise<T> {
  if (!content.counterpartyOrgId) return content;
  const [org] = await tx
    .select({ name: organisations.name, kind: organisations.kind, status: organisations.verificationStatus })
    .from(organisations)
    .where(eq(organisations.id, content.counterpartyOrgId));
  if (!org || org.kind !== 'enterprise' || org.status !== 'verified') throw new AppError('COUNTERPARTY_NOT_ELIGIBLE');
  return { ...content, counterpartyName: org.name };
}

export async function checkContent(tx: DbOrTx, content: rules.ListingContent, ownerOrgId: string): Promise<void> {
  let result: rules.ResultFacts | null = null;
  if (content.resultId) {
    const [row] = await tx
      .select({ institutionId: results.institutionId, securityClass: results.securityClass })
      .from(results)
      .where(eq(results.id, content.resultId));
    // A result of another institution is reported as not owned, not as missing: the owner may
    // simply have picked the wrong one, and its existence is no secret to an institution.
    result = row ?? null;
  }
  rules.checkListingContent(content, ownerOrgId, result);
}

/** Applies a domain transition to a locked row: status, deadlines, version, audit and outbox, in one transaction. */
export async function applyTransition(
  tx: Tx,
  row: Listing,
  t: rules.Transition,
  actor: Actor,
  now: Date,
  extra: Partial<typeof listings.$inferInsert> = {},
  auditDetails: Record<string, unknown> = {},
): Promise<Listing> {
  const [updated] = await tx
    .update(listings)
    .set({ ...t.deadlines, ...extra, status: t.to, version: row.version + 1, updatedAt: now })
    .where(eq(listings.id, row.id))
    .returning();
  await writeAudit(tx, {
    actor,
    action: `listing.${t.action}`,
    targetType: 'listing',
    targetId: row.id,
    beforeStatus: t.from,
    afterStatus: t.to,
    reason: t.reason ? `${t.reason.code}: ${t.reason.text}` : null,
    details: {
      version: row.version + 1,
      ...Object.fromEntries(Object.entries(t.deadlines).map(([k, v]) => [k, v?.toISOString() ?? null])),
      ...auditDetails,
    },
    at: now,
  });
  await emit(tx, `listing.${t.action}`, {
    listingId: row.id,
    organisationId: row.organisationId,
    kind: row.kind,
    from: t.from,
    to: t.to,
    version: row.version + 1,
    reason: t.reason ?? null,
  });
  return updated!;
}

export async function createListing(ctx: ServiceContext, actor: MemberActor, input: ListingInput): Promise<Listing> {
  rules.checkCanCreate(input.kind, actor);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const content = await resolveCounterparty(tx, input);
    await checkContent(tx, content, actor.orgId);
    const [row] = await tx
      .insert(listings)
      .values({
        ...content,
        organisationId: actor.orgId,
        status: 'draft',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.create',
      targetType: 'listing',
      targetId: row!.id,
      afterStatus: 'draft',
      at: now,
    });
    return row!;
  });
}

export async function updateListing(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  patch: ListingPatch,
): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    const t = rules.edit(await facts(tx, row), actor);
    if (row.version !== patch.version) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
    const { version: _version, ...patchFields } = patch;
    // Renaming the counterparty by hand detaches it from a registered organisation.
    const fields =
      patchFields.counterpartyName !== undefined && patchFields.counterpartyOrgId === undefined
        ? { ...patchFields, counterpartyOrgId: null }
        : patchFields;
    const resolved = await resolveCounterparty(tx, { ...row, ...fields });
    if (fields.counterpartyOrgId) Object.assign(fields, { counterpartyName: resolved.counterpartyName });
    await checkContent(tx, resolved, row.organisationId);
    // Editing clears the last rejection only once the listing is resubmitted; the owner keeps seeing why.
    return applyTransition(tx, row, t, actor, now, fields);
  });
}

export async function submitListing(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    const t = rules.submit(await facts(tx, row), actor, now);
    await checkContent(tx, row, row.organisationId);
    return applyTransition(tx, row, t, actor, now, { submittedAt: now });
  });
}

export async function withdrawListing(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    return applyTransition(tx, row, rules.withdraw(await facts(tx, row), actor), actor, now);
  });
}

async function recordDecision(
  tx: Tx,
  listingId: string,
  actor: OperatorActor,
  decision: 'approve' | 'reject' | 'take_down',
  now: Date,
  reason?: { code: string; text: string },
) {
  await tx.insert(moderationDecisions).values({
    listingId,
    decision,
    reasonCode: reason?.code ?? null,
    reasonText: reason?.text ?? null,
    operatorId: actor.userId,
    createdAt: now,
  });
}

export async function approveListing(ctx: ServiceContext, actor: OperatorActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    const t = rules.approve(await facts(tx, row), actor, now, ctx.config.periods);
    // The result may have been reclassified while the listing waited for review (措施十五).
    await checkContent(tx, row, row.organisationId);
    await recordDecision(tx, id, actor, 'approve', now);
    const updated = await applyTransition(tx, row, t, actor, now, {
      publishedAt: now,
      rejectionCode: null,
      rejectionText: null,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_approved',
      { listingId: id, listingTitle: row.title, to: t.to },
      now,
    );
    if (t.to === 'auction') {
      // A listing priced by auction (措施四 拍卖) gets its auction at approval: start price = the
      // listed price, start after AUCTION_START_LEAD, AUCTION_DURATION of bidding, default increment
      // and no reserve — the seller may set both before the start (PATCH /auctions/:id), and verified
      // enterprises register until then.
      const startsAt = addDuration(now, ctx.config.periods.auctionStartLead);
      await createAuction(tx, {
        listingId: row.id,
        origin: 'direct',
        startPriceFen: row.priceFen!,
        incrementFen: defaultIncrement(row.priceFen!),
        reservePriceFen: null,
        startsAt,
        endsAt: addDuration(startsAt, ctx.config.periods.auctionDuration),
        softCloseMs: durationMs(ctx.config.periods.auctionSoftClose),
        participants: [],
        now,
        actor,
      });
    }
    return updated;
  });
}

export async function rejectListing(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: { code: RejectionReasonCode; text: string },
): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    const t = rules.reject(await facts(tx, row), actor, reason);
    await recordDecision(tx, id, actor, 'reject', now, reason);
    const updated = await applyTransition(tx, row, t, actor, now, {
      rejectionCode: reason.code,
      rejectionText: reason.text,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_rejected',
      { listingId: id, listingTitle: row.title, text: reason.text },
      now,
    );
    return updated;
  });
}

export async function takeDownListing(
  ctx: ServiceContext,
  actor: OperatorActor,
  id: string,
  reason: { code: TakeDownReasonCode; text: string },
): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // Auction before listing, the order bids and closes take: a take-down racing a close or a bid
    // waits for it instead of deadlocking with it.
    await lockOpenAuctions(tx, id);
    const row = await lockListing(tx, id);
    const t = rules.takeDown(await facts(tx, row), actor, reason);
    await recordDecision(tx, id, actor, 'take_down', now, reason);
    // A listing in auction takes its auction down with it: no bid after this, no winner.
    if (row.status === 'auction') await terminateForTakeDown(tx, id, actor, now);
    const updated = await applyTransition(tx, row, t, actor, now, {
      rejectionCode: reason.code,
      rejectionText: reason.text,
    });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'listing_taken_down',
      { listingId: id, listingTitle: row.title, text: reason.text },
      now,
    );
    // Those who objected, claimed or proposed learn that the procedure they joined has stopped.
    const responders = await responderOrgs(tx, id);
    if (responders.length) {
      await notify(tx, { orgIds: responders }, 'listing_taken_down', { listingId: id, listingTitle: row.title }, now);
    }
    return updated;
  });
}

// ---- Reads ----

const orgColumns = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  region: organisations.region,
};

export async function getListing(db: DbOrTx, actor: Actor | null, id: string): Promise<ListingView> {
  const [row] = await db
    .select({ listing: listings, organisation: orgColumns })
    .from(listings)
    .innerJoin(organisations, eq(organisations.id, listings.organisationId))
    .where(eq(listings.id, id));
  // Not-visible is reported as not-found, so drafts of others cannot be probed for.
  if (!row || !rules.canView(row.listing, actor)) throw new AppError('LISTING_NOT_FOUND');
  const privileged =
    actor?.type === 'operator' || (actor?.type === 'member' && actor.orgId === row.listing.organisationId);
  const result = row.listing.resultId
    ? ((await resultsWithIp(db, [row.listing.resultId])).get(row.listing.resultId) ?? null)
    : null;
  return { listing: row.listing, organisation: row.organisation, result, privileged };
}

export interface BrowseFilters {
  kind?: ListingKind;
  field?: IndustryField;
  region?: Region;
  status?: ListingStatus;
  pricingMode?: PricingMode;
  page: number;
  pageSize: number;
}

async function pageOf(db: DbOrTx, where: SQL | undefined, order: SQL[], page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ listing: listings, organisation: orgColumns })
      .from(listings)
      .innerJoin(organisations, eq(organisations.id, listings.organisationId))
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

function filterConditions(f: Omit<BrowseFilters, 'page' | 'pageSize'>): SQL[] {
  const c: SQL[] = [];
  if (f.kind) c.push(eq(listings.kind, f.kind));
  if (f.field) c.push(eq(listings.field, f.field));
  if (f.region) c.push(eq(listings.region, f.region));
  if (f.status) c.push(eq(listings.status, f.status));
  if (f.pricingMode) c.push(eq(listings.pricingMode, f.pricingMode));
  return c;
}

/** Public browse: public statuses only, newest publication first. */
export async function browseListings(db: DbOrTx, f: BrowseFilters) {
  const where = and(inArray(listings.status, [...PUBLIC_LISTING_STATUSES]), ...filterConditions(f));
  return pageOf(db, where, [desc(listings.publishedAt), desc(listings.id)], f.page, f.pageSize);
}

export async function myListings(db: DbOrTx, actor: MemberActor, f: BrowseFilters) {
  const where = and(eq(listings.organisationId, actor.orgId), ...filterConditions(f));
  return pageOf(db, where, [desc(listings.updatedAt), desc(listings.id)], f.page, f.pageSize);
}

/** The moderation queue: oldest submission first; the page shows how long each has waited. */
export async function moderationQueue(db: DbOrTx, f: BrowseFilters) {
  const where = and(...filterConditions({ ...f, status: f.status ?? 'pending_review' }));
  return pageOf(db, where, [asc(listings.submittedAt), asc(listings.id)], f.page, f.pageSize);
}

export async function listingTrail(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: listings.id }).from(listings).where(eq(listings.id, id));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return readTrail(db, 'listing', id);
}

export async function publicCounts(db: DbOrTx) {
  const [row] = await db
    .select({
      openDemands: sql<number>`count(*) filter (where ${listings.kind} = 'demand' and ${listings.status} = 'open')::int`,
      publicSupply: sql<number>`count(*) filter (where ${listings.kind} = 'supply' and ${listings.status} in ('showcase', 'notice', 'listed', 'auction'))::int`,
    })
    .from(listings);
  const [orgs] = await db
    .select({
      institutions: sql<number>`count(*) filter (where ${organisations.kind} = 'institution')::int`,
      enterprises: sql<number>`count(*) filter (where ${organisations.kind} = 'enterprise')::int`,
    })
    .from(organisations)
    .where(eq(organisations.verificationStatus, 'verified'));
  return { ...row!, ...orgs! };
}
