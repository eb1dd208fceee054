// The owner's moves on a listing: create a draft, edit it, submit it for review, withdraw it. The
// transition machinery is in transitions.ts, operators' decisions in moderation.ts, reads in reads.ts.
import { eq } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type {
  IndustryField,
  LicenceScope,
  ListingKind,
  PricingMode,
  SupportKind,
  TransactionType,
} from '../../domain/constants/listings.js';
import type { Region } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/listings.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, organisations, type Listing } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  lockListing,
  facts,
  checkContent,
  applyTransition,
  checkResultHeld,
  exclusiveConflict,
} from './transitions.js';

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
  /** Supply offering a licence: 独占 / 排他 / 普通许可. */
  licenseScope: LicenceScope | null;
  priceFen: number | null;
  /** Demand: the budget is explicitly negotiable (面议) instead of stated in priceFen (措施八). */
  budgetNegotiable: boolean;
  counterpartyName: string | null;
  /** Negotiated pricing: the counterparty's organisation when it is registered (a verified enterprise). */
  counterpartyOrgId?: string | null;
  deadline: Date | null;
  supportSought: SupportKind[];
  contactName: string;
  contactPhone: string;
}

export type ListingPatch = Partial<Omit<ListingInput, 'kind'>> & { version: number };
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
  return ctx.db
    .transaction(async (tx) => {
      const row = await lockListing(tx, id);
      if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
      const t = rules.submit(await facts(tx, row), actor, now);
      await checkContent(tx, row, row.organisationId);
      // One result, one buyer of exclusive rights: submission is where a listing starts holding its result.
      await checkResultHeld(tx, row);
      return applyTransition(tx, row, t, actor, now, { submittedAt: now });
    })
    .catch(exclusiveConflict);
}

export async function withdrawListing(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Listing> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, id);
    if (!rules.canView(row, actor)) throw new AppError('LISTING_NOT_FOUND');
    return applyTransition(tx, row, rules.withdraw(await facts(tx, row), actor), actor, now);
  });
}
