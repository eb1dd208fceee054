// An institution's own say over the pay-later pool (措施五): voluntary inclusion of a result, and
// opting one out ("原则上"). Both take the pool's advisory lock (membership.ts) first, as the scan does.
import { and, eq, isNull } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { PoolReason } from '../../domain/constants/pool.js';
import { AppError } from '../../domain/errors.js';
import { checkPoolCandidate } from '../../domain/pool.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { poolEntries, poolOptOuts, results, type PoolEntry } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';
import { lockPoolMembership, removeFromPool } from './membership.js';
import { poolStatus } from './service.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';
import { poolDecision } from '../../domain/decisions.js';

async function lockOwnResult(tx: Tx, actor: MemberActor, resultId: string) {
  const [row] = await tx.select().from(results).where(eq(results.id, resultId)).for('update');
  // Another institution's result is reported as missing, as everywhere else.
  if (!row || row.institutionId !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
  return row;
}

async function openEntry(db: DbOrTx, resultId: string): Promise<PoolEntry | null> {
  const [row] = await db
    .select()
    .from(poolEntries)
    .where(and(eq(poolEntries.resultId, resultId), isNull(poolEntries.removedAt)));
  return row ?? null;
}

/**
 * An institution puts one of its results into the pool of its own accord (no three-year wait).
 * 措施十五: restricted and classified results can never enter. An earlier opt-out is withdrawn.
 */
export async function includeVoluntarily(ctx: ServiceContext, actor: MemberActor, resultId: string) {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await lockPoolMembership(tx);
    const result = await lockOwnResult(tx, actor, resultId);
    checkPoolCandidate(result);
    if (await openEntry(tx, resultId)) throw new AppError('POOL_ALREADY_IN');
    const withdrawn = await tx
      .update(poolOptOuts)
      .set({ withdrawnAt: now, withdrawnBy: actor.userId })
      .where(and(eq(poolOptOuts.resultId, resultId), isNull(poolOptOuts.withdrawnAt)))
      .returning({ id: poolOptOuts.id });
    await tx.insert(poolEntries).values({ resultId, reason: 'voluntary', includedAt: now, includedBy: actor.userId });
    await writeAudit(tx, {
      actor,
      action: 'pool.include',
      targetType: 'result',
      targetId: resultId,
      beforeStatus: 'out_of_pool',
      afterStatus: 'in_pool',
      reason: 'voluntary',
      details: { optOutWithdrawn: withdrawn.length > 0 },
      at: now,
    });
    await recordProductDecision(tx, actor, { type: 'result', id: resultId }, poolDecision('include', ''), now);
    await emit(tx, 'pool.included', {
      institutionId: actor.orgId,
      results: [{ resultId, reason: 'voluntary' satisfies PoolReason }],
    });
    await notify(
      tx,
      { orgIds: [actor.orgId], exceptUserIds: [actor.userId] },
      'pool_included',
      { listingId: null, listingTitle: result.title, poolReason: 'voluntary' },
      now,
      { resultId },
    );
  });
  return poolStatus(ctx, actor, resultId);
}

/**
 * 措施五 says results go into the pool "原则上" — in principle. An institution that has a reason may
 * keep a result out; the reason is recorded, the result leaves the pool now and the scan skips it.
 */
export async function optOut(ctx: ServiceContext, actor: MemberActor, resultId: string, reason: string) {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await lockPoolMembership(tx);
    await lockOwnResult(tx, actor, resultId);
    const [existing] = await tx
      .select({ id: poolOptOuts.id })
      .from(poolOptOuts)
      .where(and(eq(poolOptOuts.resultId, resultId), isNull(poolOptOuts.withdrawnAt)));
    if (existing) throw new AppError('POOL_ALREADY_OPTED_OUT');
    await tx.insert(poolOptOuts).values({ resultId, reason: reason.trim(), optedOutAt: now, optedOutBy: actor.userId });
    await writeAudit(tx, {
      actor,
      action: 'pool.opt_out',
      targetType: 'result',
      targetId: resultId,
      reason: reason.trim(),
      at: now,
    });
    await recordProductDecision(tx, actor, { type: 'result', id: resultId }, poolDecision('opt_out', reason), now);
    await removeFromPool(tx, { resultId, institutionId: actor.orgId, reason: 'opted_out', actor, at: now });
  });
  return poolStatus(ctx, actor, resultId);
}
