// Demands (企业找技术): proposals, the deadline, awards and landing (the 措施八 reward confirmation
// that follows is in rewards.ts, for both lists).
// Rules: domain/demands.ts. Proposals are submitted under a FOR SHARE lock on the demand, so the
// deadline transition (FOR UPDATE) counts exactly the proposals committed before it.
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import * as rules from '../../domain/demands.js';
import { AppError } from '../../domain/errors.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { listings, organisations, proposals, type Listing, type Proposal } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { conversionFromDemand } from '../ledger/conversions.js';
import { applyTransition, lockListing, lockListingShared } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { isUniqueViolation, orgName, requireVisible, SYSTEM } from './parties.js';

export interface ProposalInput {
  team: string;
  approach: string;
  timeline: string;
  quoteFen: number;
}

function proposalFacts(p: Proposal): rules.ProposalFacts {
  return {
    id: p.id,
    organisationId: p.organisationId,
    status: p.status,
    enterpriseConfirmed: p.enterpriseConfirmedAt !== null,
    institutionConfirmed: p.institutionConfirmedAt !== null,
  };
}

export async function submitProposal(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  input: ProposalInput,
): Promise<Proposal> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockListingShared(tx, listingId);
      requireVisible(row, actor);
      const now = ctx.now();
      const orgId = actor.type === 'member' ? actor.orgId : null;
      const [existing] = orgId
        ? await tx
            .select({ id: proposals.id })
            .from(proposals)
            .where(
              and(
                eq(proposals.listingId, listingId),
                eq(proposals.organisationId, orgId),
                ne(proposals.status, 'withdrawn'),
              ),
            )
        : [];
      rules.checkSubmitProposal(row, actor, now, !!existing);
      if (actor.type !== 'member') throw new AppError('FORBIDDEN');
      const [proposal] = await tx
        .insert(proposals)
        .values({
          listingId,
          organisationId: actor.orgId,
          submittedBy: actor.userId,
          team: input.team.trim(),
          approach: input.approach.trim(),
          timeline: input.timeline.trim(),
          quoteFen: input.quoteFen,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'listing.proposal_submit',
        targetType: 'listing',
        targetId: listingId,
        details: { proposalId: proposal!.id, quoteFen: input.quoteFen },
        at: now,
      });
      await emit(tx, 'proposal.submitted', { listingId, proposalId: proposal!.id });
      await notify(
        tx,
        { orgIds: [row.organisationId] },
        'proposal_received',
        { listingId, listingTitle: row.title, orgName: await orgName(tx, actor.orgId) },
        now,
        { proposalId: proposal!.id },
      );
      return proposal!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'proposals_listing_org_live_key')) throw new AppError('PROPOSAL_EXISTS');
    throw err;
  }
}

/** Locks the demand (shared or exclusive) and then the proposal, the order every proposal action uses. */
async function lockProposal(
  tx: Tx,
  actor: Actor,
  id: string,
  exclusive: boolean,
): Promise<{ row: Listing; proposal: Proposal }> {
  const [found] = await tx.select({ listingId: proposals.listingId }).from(proposals).where(eq(proposals.id, id));
  if (!found) throw new AppError('PROPOSAL_NOT_FOUND');
  const row = exclusive ? await lockListing(tx, found.listingId) : await lockListingShared(tx, found.listingId);
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update');
  // A proposal the actor may not see is reported as missing.
  if (!rules.canViewProposal(row, proposal!, actor)) throw new AppError('PROPOSAL_NOT_FOUND');
  return { row, proposal: proposal! };
}

export async function withdrawProposal(ctx: ServiceContext, actor: Actor, id: string): Promise<Proposal> {
  return ctx.db.transaction(async (tx) => {
    const { row, proposal } = await lockProposal(tx, actor, id, false);
    const now = ctx.now();
    rules.checkWithdrawProposal(row, proposalFacts(proposal), actor, now);
    const [updated] = await tx
      .update(proposals)
      .set({ status: 'withdrawn', decidedAt: now, updatedAt: now })
      .where(eq(proposals.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.proposal_withdraw',
      targetType: 'listing',
      targetId: row.id,
      details: { proposalId: id },
      at: now,
    });
    await emit(tx, 'proposal.withdrawn', { listingId: row.id, proposalId: id });
    await notify(
      tx,
      { orgIds: [row.organisationId] },
      'proposal_withdrawn',
      { listingId: row.id, listingTitle: row.title, orgName: await orgName(tx, proposal.organisationId) },
      now,
      { proposalId: id },
    );
    return updated!;
  });
}

export type ProposalRow = Proposal & { organisationName: string };

/** The demand's enterprise and operators see every proposal; an institution sees its own; nobody else any. */
export async function listProposals(db: DbOrTx, actor: Actor, listingId: string): Promise<ProposalRow[]> {
  const [row] = await db.select().from(listings).where(eq(listings.id, listingId));
  if (!row) throw new AppError('LISTING_NOT_FOUND');
  requireVisible(row, actor);
  const rows = await db
    .select({ proposal: proposals, organisationName: organisations.name })
    .from(proposals)
    .innerJoin(organisations, eq(organisations.id, proposals.organisationId))
    .where(eq(proposals.listingId, listingId))
    .orderBy(asc(proposals.createdAt), asc(proposals.id));
  return rows
    .filter((r) => rules.canViewProposal(row, r.proposal, actor))
    .map((r) => ({ ...r.proposal, organisationName: r.organisationName }));
}

export async function getProposal(db: DbOrTx, actor: Actor, id: string): Promise<ProposalRow> {
  const [found] = await db
    .select({ proposal: proposals, organisationName: organisations.name, owner: listings.organisationId })
    .from(proposals)
    .innerJoin(organisations, eq(organisations.id, proposals.organisationId))
    .innerJoin(listings, eq(listings.id, proposals.listingId))
    .where(eq(proposals.id, id));
  if (!found || !rules.canViewProposal({ organisationId: found.owner }, found.proposal, actor)) {
    throw new AppError('PROPOSAL_NOT_FOUND');
  }
  return { ...found.proposal, organisationName: found.organisationName };
}

async function proposerOrgs(tx: DbOrTx, listingId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ orgId: proposals.organisationId })
    .from(proposals)
    .where(eq(proposals.listingId, listingId));
  return rows.map((r) => r.orgId);
}

/** Timer: the deadline (揭榜截止) passed. */
export async function closeDemandDeadline(tx: Tx, row: Listing, now: Date, config: Config): Promise<Listing> {
  const all = await tx
    .select({ orgId: proposals.organisationId, status: proposals.status })
    .from(proposals)
    .where(eq(proposals.listingId, row.id));
  const n = all.filter((p) => p.status === 'submitted').length;
  const t = rules.decideDemandDeadline(row, n, now, config.periods);
  const updated = await applyTransition(tx, row, t, SYSTEM, now, {}, { activeProposals: n });
  await notify(
    tx,
    { orgIds: [row.organisationId, ...all.map((p) => p.orgId)] },
    'demand_deadline_reached',
    { listingId: row.id, listingTitle: row.title, to: t.to, count: n, at: updated.selectionEndsAt },
    now,
  );
  return updated;
}

export async function awardProposals(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  proposalIds: string[],
): Promise<Listing> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    const all = await tx.select().from(proposals).where(eq(proposals.listingId, listingId)).for('update');
    const d = rules.award(row, actor, now, all.map(proposalFacts), proposalIds);
    await tx
      .update(proposals)
      .set({ status: 'awarded', decidedAt: now, updatedAt: now })
      .where(inArray(proposals.id, d.awarded));
    if (d.notSelected.length) {
      await tx
        .update(proposals)
        .set({ status: 'not_selected', decidedAt: now, updatedAt: now })
        .where(inArray(proposals.id, d.notSelected));
    }
    const updated = await applyTransition(
      tx,
      row,
      d.transition,
      actor,
      now,
      {},
      {
        awarded: d.awarded,
        notSelected: d.notSelected,
      },
    );
    const orgOf = new Map(all.map((p) => [p.id, p.organisationId]));
    const base = { listingId, listingTitle: row.title };
    await notify(tx, { orgIds: d.awarded.map((id) => orgOf.get(id)) }, 'proposal_awarded', base, now);
    await notify(tx, { orgIds: d.notSelected.map((id) => orgOf.get(id)) }, 'proposal_not_selected', base, now);
    return updated;
  });
}

/** Timer: the selection period ended with nothing awarded; the remaining proposals are not selected. */
export async function closeSelection(tx: Tx, row: Listing, now: Date): Promise<Listing> {
  const t = rules.decideSelectionEnd(row, now);
  await tx
    .update(proposals)
    .set({ status: 'not_selected', decidedAt: now, updatedAt: now })
    .where(and(eq(proposals.listingId, row.id), eq(proposals.status, 'submitted')));
  const updated = await applyTransition(tx, row, t, SYSTEM, now);
  await notify(
    tx,
    { orgIds: [row.organisationId, ...(await proposerOrgs(tx, row.id))] },
    'selection_expired',
    { listingId: row.id, listingTitle: row.title },
    now,
  );
  return updated;
}

export async function confirmLanding(ctx: ServiceContext, actor: Actor, proposalId: string): Promise<Proposal> {
  return ctx.db.transaction(async (tx) => {
    const { row, proposal } = await lockProposal(tx, actor, proposalId, true);
    const now = ctx.now();
    const d = rules.confirmLanding(row, proposalFacts(proposal), actor);
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    const [updated] = await tx
      .update(proposals)
      .set(
        d.side === 'enterprise'
          ? { enterpriseConfirmedAt: now, enterpriseConfirmedBy: actor.userId, updatedAt: now }
          : { institutionConfirmedAt: now, institutionConfirmedBy: actor.userId, updatedAt: now },
      )
      .where(eq(proposals.id, proposalId))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.landing_confirm',
      targetType: 'listing',
      targetId: row.id,
      details: { proposalId, side: d.side, projectLanded: d.projectLanded },
      at: now,
    });
    await emit(tx, 'proposal.landing_confirmed', { listingId: row.id, proposalId, side: d.side });
    const base = { listingId: row.id, listingTitle: row.title };
    if (d.transition) await applyTransition(tx, row, d.transition, actor, now, {}, { proposalId });
    if (d.projectLanded) {
      // The landed project is a conversion in the ledger (route `demand`), exactly once per proposal.
      await conversionFromDemand(tx, actor, row, updated!, shanghaiDate(now), now);
      await notify(tx, { orgIds: [row.organisationId, proposal.organisationId] }, 'demand_landed', base, now, {
        proposalId,
      });
    } else {
      const other = d.side === 'enterprise' ? proposal.organisationId : row.organisationId;
      await notify(
        tx,
        { orgIds: [other] },
        'landing_confirmed',
        { ...base, orgName: await orgName(tx, actor.orgId) },
        now,
        { proposalId },
      );
    }
    return updated!;
  });
}

export async function myProposals(db: DbOrTx, actor: MemberActor, page: number, pageSize: number) {
  const where = eq(proposals.organisationId, actor.orgId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        proposal: proposals,
        organisationName: organisations.name,
        listing: {
          id: listings.id,
          title: listings.title,
          status: listings.status,
          deadline: listings.deadline,
          listingEndsAt: listings.listingEndsAt,
        },
      })
      .from(proposals)
      .innerJoin(organisations, eq(organisations.id, proposals.organisationId))
      .innerJoin(listings, eq(listings.id, proposals.listingId))
      .where(where)
      .orderBy(desc(proposals.createdAt), desc(proposals.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(proposals).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.proposal, organisationName: r.organisationName, listing: r.listing })),
    total: total?.n ?? 0,
  };
}
