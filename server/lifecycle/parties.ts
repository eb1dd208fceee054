// Small lookups shared by the lifecycle services.
import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, organisations, type Listing } from '../../db/schema/index.js';

/** The workers' actor: deadline transitions are attributed to the platform itself. */
export const SYSTEM: Actor = { type: 'system' };

export async function orgName(tx: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row?.name ?? null;
}

export async function orgNames(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Listings the actor may not see are reported as missing, so drafts of others cannot be probed for. */
export function requireVisible(row: Listing, actor: Actor | null): void {
  if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
}

/**
 * Who reads the responses to a listing (claims, objections, inquiries): its owner and operators read
 * every one (`{ organisationId: null }`), another member only its own organisation's, anyone else none.
 * A listing the actor may not see is reported as missing.
 */
export async function responseReader(
  db: DbOrTx,
  actor: Actor,
  listingId: string,
): Promise<{ organisationId: string | null } | 'none'> {
  const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  requireVisible(row, actor);
  if (actor.type === 'operator' || (actor.type === 'member' && actor.orgId === row.organisationId)) {
    return { organisationId: null };
  }
  return actor.type === 'member' ? { organisationId: actor.orgId } : 'none';
}

/** drizzle wraps driver errors: the SQLSTATE is on `err.cause.code`. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause ?? (err as { code?: string });
  return cause?.code === '23505' && (!constraint || (cause as { constraint?: string }).constraint === constraint);
}
