import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor, OperatorActor } from '../../domain/actor.js';
import {
  PUBLIC_LISTING_STATUSES,
  type IndustryField,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
  type Region,
  type RejectionReasonCode,
  type SupportKind,
  type TakeDownReasonCode,
  type TransactionType,
} from '../../domain/constants.js';
import { defaultIncrement } from '../../domain/auctions.js';
import { addDuration, durationMs } from '../../domain/duration.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { listings, moderationDecisions, organisations, results, type Listing } from '../../db/schema/index.js';
import { emit, readTrail, writeAudit } from './audit.js';
import { createAuction, terminateForTakeDown } from './auctions.js';
import type { ServiceContext } from './context.js';
import { resultsWithIp, type ResultWithIp } from './results.js';

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

async function lockListing(tx: Tx, id: string): Promise<Listing> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('update');
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  return row;
}

function facts(row: Listing): rules.ListingFacts {
  return {
    kind: row.kind,
    status: row.status,
    organisationId: row.organisationId,
    pricingMode: row.pricingMode,
    deadline: row.deadline,
    // Claims (摘牌) and proposals (揭榜) arrive with the listing lifecycle; until a listing can
    // receive them, it has none.
    hasResponses: false,
  };
}

async function checkContent(tx: DbOrTx, content: rules.ListingContent, ownerOrgId: string): Promise<void> {
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
async function applyTransition(
  tx: Tx,
  row: Listing,
  t: rules.Transition,
  actor: Actor,
  now: Date,
  extra: Partial<typeof listings.$inferInsert> = {},
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
    await checkContent(tx, input, actor.orgId);
    const [row] = await tx
      .insert(listings)
      .values({
        ...input,
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
    const t = rules.edit(facts(row), actor);
    if (row.version !== patch.version) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
    const { version: _version, ...fields } = patch;
    const merged = { ...row, ...fields };
    await checkContent(tx, merged, row.organisationId);
    // Editing clears the last rejection only once the listing is resubmitted; the owner keeps seeing why.
    return applyTransition(tx, row, t, actor, now, fields);
  });
}

export async function submitListing(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    const t = rules.submit(facts(row), actor, now);
    await checkContent(tx, row, row.organisationId);
    return applyTransition(tx, row, t, actor, now, { submittedAt: now });
  });
}

export async function withdrawListing(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    return applyTransition(tx, row, rules.withdraw(facts(row), actor), actor, now);
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
    const t = rules.approve(facts(row), actor, now, ctx.config.periods);
    // The result may have been reclassified while the listing waited for review (措施十五).
    await checkContent(tx, row, row.organisationId);
    await recordDecision(tx, id, actor, 'approve', now);
    const updated = await applyTransition(tx, row, t, actor, now, {
      publishedAt: now,
      rejectionCode: null,
      rejectionText: null,
    });
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
    const t = rules.reject(facts(row), actor, reason);
    await recordDecision(tx, id, actor, 'reject', now, reason);
    return applyTransition(tx, row, t, actor, now, { rejectionCode: reason.code, rejectionText: reason.text });
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
    const row = await lockListing(tx, id);
    const t = rules.takeDown(facts(row), actor, reason);
    await recordDecision(tx, id, actor, 'take_down', now, reason);
    // A listing in auction takes its auction down with it: no bid after this, no winner.
    if (row.status === 'auction') await terminateForTakeDown(tx, id, actor, now);
    return applyTransition(tx, row, t, actor, now, { rejectionCode: reason.code, rejectionText: reason.text });
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
