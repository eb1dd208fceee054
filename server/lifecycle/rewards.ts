// 措施八 (对"揭榜"成功、落地转化的项目，给予企业奖励性后补助支持), for both lists: a landed demand, and a
// supply-side deal whose enterprise confirmed implementation (落地), become eligible through the same
// operator confirmation, recorded in the same table. Rules: domain/rewards.ts.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, OperatorActor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/rewards.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { conversions, rewardConfirmations, type Listing } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { dealOf } from '../ledger/reads.js';
import { lockListingShared } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { isUniqueViolation, orgName, requireVisible } from './parties.js';
import { dealLandingDecision, rewardDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

/** What decides eligibility, read from the listing (and, for supply, its deal). */
async function subjectOf(tx: Tx, row: Listing): Promise<rules.RewardSubject> {
  if (row.kind === 'demand') return { kind: 'demand', status: row.status };
  const deal = await dealOf(tx, row.id);
  return { kind: 'supply', status: row.status, landingConfirmed: deal?.landingConfirmedAt != null };
}

/** 措施八: the enterprise that acquired the result confirms that the converted project is implemented. */
export async function confirmDealLanding(ctx: ServiceContext, actor: Actor, listingId: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListingShared(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    // The deal row is locked: two members confirming at once record one confirmation.
    const [deal] = await tx
      .select()
      .from(conversions)
      .where(and(eq(conversions.listingId, listingId), eq(conversions.route, 'deal')))
      .for('update');
    rules.confirmDealLanding(
      {
        kind: row.kind,
        status: row.status,
        // Before the deal, the matched party is the one that will be its counterparty.
        counterpartyOrgId: deal ? deal.counterpartyOrgId : row.matchedOrgId,
        landingConfirmed: deal?.landingConfirmedAt != null,
      },
      actor,
    );
    if (!deal || actor.type !== 'member') throw new AppError('NOT_CONVERTED');
    const [updated] = await tx
      .update(conversions)
      .set({ landingConfirmedAt: now, landingConfirmedBy: actor.userId })
      .where(eq(conversions.id, deal.id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'listing.deal_landing_confirm',
      targetType: 'listing',
      targetId: listingId,
      details: { dealId: deal.id },
      at: now,
    });
    await recordProductDecision(tx, actor, { type: 'conversion', id: deal.id }, dealLandingDecision(), now);
    await emit(tx, 'deal.landed', { listingId, dealId: deal.id });
    // The institution learns it; operators, who confirm the reward eligibility, see it in their inbox.
    await notify(
      tx,
      { orgIds: [row.organisationId], operators: true },
      'deal_landed',
      { listingId, listingTitle: row.title, orgName: await orgName(tx, actor.orgId) },
      now,
      { dealId: deal.id },
    );
    return updated!;
  });
}

/** 措施八: an operator confirms a landed project's eligibility for the reward post-subsidy, from either list. */
export async function confirmReward(
  ctx: ServiceContext,
  actor: OperatorActor,
  listingId: string,
  note: string,
): Promise<{ listingId: string; note: string; createdAt: Date }> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockListingShared(tx, listingId);
      const now = ctx.now();
      const [existing] = await tx
        .select({ id: rewardConfirmations.id })
        .from(rewardConfirmations)
        .where(eq(rewardConfirmations.listingId, listingId));
      rules.confirmReward(await subjectOf(tx, row), actor, !!existing);
      const [rc] = await tx
        .insert(rewardConfirmations)
        .values({ listingId, operatorId: actor.userId, note: note.trim(), createdAt: now })
        .returning();
      // 措施八: recorded on the conversion(s) the project landed as, from now on (docs/ledger.md).
      await tx
        .update(conversions)
        .set({ rewardConfirmedAt: now, rewardConfirmedBy: actor.userId, rewardNote: note.trim(), updatedAt: now })
        .where(
          and(
            eq(conversions.listingId, listingId),
            inArray(conversions.route, ['deal', 'demand']),
            isNull(conversions.rewardConfirmedAt),
          ),
        );
      await writeAudit(tx, {
        actor,
        action: 'listing.reward_confirm',
        targetType: 'listing',
        targetId: listingId,
        reason: note.trim() || null,
        at: now,
      });
      await recordProductDecision(tx, actor, { type: 'listing', id: listingId }, rewardDecision(note), now);
      await emit(tx, 'listing.reward_confirmed', { listingId });
      // The subsidy goes to the enterprise (给予企业): the demand's poster, or the supply deal's acquirer.
      const enterprise =
        row.kind === 'demand' ? row.organisationId : ((await dealOf(tx, listingId))?.counterpartyOrgId ?? null);
      await notify(
        tx,
        { orgIds: [enterprise, row.kind === 'supply' ? row.organisationId : null] },
        'reward_confirmed',
        { listingId, listingTitle: row.title, text: note.trim() || null },
        now,
      );
      return { listingId, note: rc!.note, createdAt: rc!.createdAt };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'reward_confirmations_listing_key')) throw new AppError('REWARD_ALREADY_CONFIRMED');
    throw err;
  }
}

export async function rewardConfirmation(db: DbOrTx, listingId: string) {
  const [rc] = await db.select().from(rewardConfirmations).where(eq(rewardConfirmations.listingId, listingId));
  return rc ?? null;
}
