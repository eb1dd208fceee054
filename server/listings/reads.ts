// Reads of listings: one listing as its viewer may see it, the public browse, the owner's list, the
// moderation queue, a listing's audit trail and the public counts.
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import {
  ENDED_LISTING_STATUSES,
  LIVE_LISTING_STATUSES,
  PUBLIC_LISTING_STATUSES,
  type ListingPhase,
  type IndustryField,
  type ListingKind,
  type ListingStatus,
  type PricingMode,
} from '../../domain/constants/listings.js';
import type { Region } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, organisations, type Listing } from '../../db/schema/index.js';
import { readTrail } from '../audit/service.js';
import { resultsWithIp, type ResultWithIp } from '../results/service.js';

export interface ListingView {
  listing: Listing;
  organisation: { id: string; name: string; kind: string; region: string | null };
  result: ResultWithIp | null;
  /** Whether the viewer owns it or moderates it: decides which private fields are shown. */
  privileged: boolean;
  /**
   * Whether the viewer may see the contact person and phone: a person's data goes only to those who
   * need it to do business here (个人信息保护法, 最小必要) — signed-in members of verified organisations,
   * the owner and operators; never anonymous visitors or scrapers.
   */
  contactVisible: boolean;
}

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
  // 措施十五: once its result is 涉密, only its owner and operators see the listing.
  if (!privileged && result?.securityClass === 'classified') throw new AppError('LISTING_NOT_FOUND');
  const contactVisible = privileged || (actor?.type === 'member' && actor.orgVerification === 'verified');
  return { listing: row.listing, organisation: row.organisation, result, privileged, contactVisible };
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
/** 措施十五: a listing whose result is 涉密 is on no public list, whatever its status. */
export const notClassified = sql`not exists (select 1 from results r where r.id = ${listings.resultId} and r.security_class = 'classified')`;

/**
 * Public browse. `phase` narrows to live or ended listings (ignored when a status is asked for); over
 * both, live listings come first, each part newest publication first.
 */
export async function browseListings(db: DbOrTx, f: BrowseFilters & { phase?: ListingPhase }) {
  const { phase = 'all', ...filters } = f;
  const statuses =
    f.status || phase === 'all'
      ? PUBLIC_LISTING_STATUSES
      : phase === 'live'
        ? LIVE_LISTING_STATUSES
        : ENDED_LISTING_STATUSES;
  const where = and(inArray(listings.status, [...statuses]), notClassified, ...filterConditions(filters));
  const liveFirst =
    statuses === PUBLIC_LISTING_STATUSES
      ? [sql`case when ${inArray(listings.status, [...LIVE_LISTING_STATUSES])} then 0 else 1 end`]
      : [];
  return pageOf(db, where, [...liveFirst, desc(listings.publishedAt), desc(listings.id)], f.page, f.pageSize);
}

export async function myListings(db: DbOrTx, actor: MemberActor, f: BrowseFilters) {
  const where = and(eq(listings.organisationId, actor.orgId), ...filterConditions(f));
  return pageOf(db, where, [desc(listings.updatedAt), desc(listings.id)], f.page, f.pageSize);
}

/** The moderation queue: newest submission first, so a new one is on page 1; each row shows how long it has waited. */
export async function moderationQueue(db: DbOrTx, f: BrowseFilters) {
  const where = and(...filterConditions({ ...f, status: f.status ?? 'pending_review' }));
  return pageOf(db, where, [desc(listings.submittedAt), desc(listings.id)], f.page, f.pageSize);
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
