// Recording the deal (成交 / 转化): matched → converted, and the result converted with it.
// Rules: domain/deals.ts (措施四 binding price and appraisal, 措施十五 export control, 措施十四
// attributable record); the export-control review itself is the result's (server/results/export-control.ts).
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { AppraisalDecision } from '../../domain/constants/lifecycle.js';
import type { Domicile, OwnershipType } from '../../domain/constants/organisations.js';
import type { LicenceScope, TransactionType } from '../../domain/constants/listings.js';
import * as rules from '../../domain/deals.js';
import { shanghaiDate } from '../../domain/results.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { listings, organisations, type Conversion, type Listing } from '../../db/schema/index.js';
import { emit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { conversionFromDeal } from '../ledger/conversions.js';
import { dealOf, type DealRow } from '../ledger/reads.js';
import { applyTransition, lockListing } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { confirmExportControl, exportControlOf, type ExportControlRecord } from '../results/export-control.js';
import { requireVisible } from './parties.js';

export interface DealInput {
  transactionType: TransactionType;
  amountFen: number;
  appraisal: AppraisalDecision;
  /** For a licence: its scope (defaults to the listing's). */
  licenseScope: LicenceScope | null;
  /** 措施四: the counterparty is the institution's own subsidiary (国有全资子企业). */
  counterpartyIsOwnSubsidiary: boolean;
  /** Only for a counterparty not registered on the platform. */
  counterpartyOwnership: OwnershipType | null;
  counterpartyDomicile: Domicile | null;
  /** The basis of the pricing and appraisal decision (措施十四). */
  basis: string;
}

/**
 * 措施十五: the owning institution confirms the technology-export review of the listing's result,
 * at any time the listing is on the platform, so that a party registered outside the mainland may
 * claim, register for its auction or be recorded as its counterparty.
 */
export async function confirmListingExportControl(ctx: ServiceContext, actor: Actor, listingId: string, note: string) {
  const [row] = await ctx.db.select().from(listings).where(eq(listings.id, listingId));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  requireVisible(row, actor);
  if (actor.type !== 'member' || actor.orgId !== row.organisationId) throw new AppError('FORBIDDEN');
  if (row.kind !== 'supply' || !row.resultId) throw new AppError('RESULT_REQUIRED');
  return confirmExportControl(ctx, actor, row.resultId, note, listingId);
}

/** The registered counterparty's facts, or null when it is named only. */
async function registeredFacts(db: DbOrTx, orgId: string | null): Promise<rules.CounterpartyFacts | null> {
  if (!orgId) return null;
  const [org] = await db
    .select({ ownership: organisations.ownershipType, domicile: organisations.domicile })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  if (!org) return null;
  if (org.ownership === null) throw new AppError('COUNTERPARTY_OWNERSHIP_REQUIRED');
  return { ownership: org.ownership, domicile: org.domicile };
}

export async function recordDeal(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  input: DealInput,
): Promise<Conversion> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    // Owner and state first, so outsiders learn nothing about the match.
    rules.checkCanRecordDeal(row, actor);
    if (!row.matchedName || !row.resultId) throw new AppError('NOT_MATCHED', { reason: 'no_match_record' });
    const counterparty = rules.counterpartyFacts(await registeredFacts(tx, row.matchedOrgId), {
      ownership: input.counterpartyOwnership,
      domicile: input.counterpartyDomicile,
    });
    const d = rules.recordDeal(row, actor, input, counterparty, (await exportControlOf(tx, row.resultId)) !== null);
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    // The ledger is the record of the deal: its conversion (route `deal`) and contract, the result
    // converted with it (server/ledger/record.ts).
    const deal = await conversionFromDeal(
      tx,
      actor,
      {
        listing: row,
        origin: row.pricingMode === 'negotiable' ? 'showcase' : row.matchRoute!,
        transactionType: input.transactionType,
        licenseScope: d.licenseScope,
        amountFen: input.amountFen,
        appraisal: input.appraisal,
        basis: input.basis,
        counterpartyOwnership: counterparty.ownership,
        counterpartyDomicile: counterparty.domicile,
        counterpartyOwnSubsidiary: input.counterpartyIsOwnSubsidiary,
        signedOn: shanghaiDate(now),
      },
      now,
    );
    await applyTransition(
      tx,
      row,
      d.transition,
      actor,
      now,
      {},
      {
        dealId: deal.id,
        amountFen: input.amountFen,
        priceBasis: d.binding.basis,
        transactionType: input.transactionType,
        licenseScope: d.licenseScope,
        appraisal: input.appraisal,
        counterpartyOwnership: counterparty.ownership,
        counterpartyDomicile: counterparty.domicile,
        counterpartyOwnSubsidiary: input.counterpartyIsOwnSubsidiary,
      },
    );
    await emit(tx, 'deal.recorded', { listingId, dealId: deal.id, resultId: row.resultId });
    await notify(
      tx,
      { orgIds: [row.matchedOrgId] },
      'deal_recorded',
      { listingId, listingTitle: row.title, priceFen: input.amountFen },
      now,
      { dealId: deal.id },
    );
    return deal;
  });
}

export interface DealView {
  deal: DealRow | null;
  exportControl: ExportControlRecord | null;
  /** Before the deal: the price it must be recorded at and why (措施四); null when nothing is matched. */
  binding: rules.BindingPrice | null;
}

function bindingOf(row: Listing): rules.BindingPrice | null {
  if (row.status !== 'matched') return null;
  // Every route to `matched` records its route and price; a 面议 listing binds no price.
  const recorded = row.pricingMode === 'negotiable' || (row.matchRoute !== null && row.matchedPriceFen !== null);
  return recorded ? rules.bindingPrice(row) : null;
}

/** The deal record: the institution, the counterparty and operators. */
export async function getDeal(db: DbOrTx, actor: Actor, listingId: string): Promise<DealView> {
  const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  requireVisible(row, actor);
  const party =
    actor.type === 'operator' ||
    (actor.type === 'member' && (actor.orgId === row.organisationId || actor.orgId === row.matchedOrgId));
  if (!party) throw new AppError('FORBIDDEN');
  return {
    deal: await dealOf(db, listingId),
    exportControl: await exportControlOf(db, row.resultId),
    binding: bindingOf(row),
  };
}
