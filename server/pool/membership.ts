// Pool membership changes that other areas make too: the advisory locks that serialise them, and
// closing a result's open entry (a reclassification out of `public` does it from the results area).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { PoolRemovalReason } from '../../domain/constants/pool.js';
import type { Tx } from '../../db/client.js';
import { poolEntries, results } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { notify } from '../notifications/service.js';

/** Advisory lock keys (pg_advisory_xact_lock), one per serialised pool activity. */
export const POOL_LOCKS = { membership: 7_305_001, edition: 7_305_002 } as const;

export async function lockPoolMembership(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${POOL_LOCKS.membership})`);
}

async function resultTitle(tx: Tx, resultId: string): Promise<string> {
  const [r] = await tx.select({ title: results.title }).from(results).where(eq(results.id, resultId));
  return r?.title ?? '';
}

/** Closes a result's open entry (if any) with an audit row and an event; the caller holds the pool lock. */
export async function removeFromPool(
  tx: Tx,
  e: { resultId: string; institutionId: string; reason: PoolRemovalReason; actor: Actor; at: Date },
): Promise<boolean> {
  const closed = await tx
    .update(poolEntries)
    .set({ removedAt: e.at, removalReason: e.reason })
    .where(and(eq(poolEntries.resultId, e.resultId), isNull(poolEntries.removedAt)))
    .returning({ id: poolEntries.id });
  if (closed.length === 0) return false;
  await writeAudit(tx, {
    actor: e.actor,
    action: 'pool.remove',
    targetType: 'result',
    targetId: e.resultId,
    beforeStatus: 'in_pool',
    afterStatus: 'out_of_pool',
    reason: e.reason,
    at: e.at,
  });
  await emit(tx, 'pool.removed', {
    institutionId: e.institutionId,
    results: [{ resultId: e.resultId, reason: e.reason }],
  });
  // The institution's other members learn it; whoever made the change knows already.
  await notify(
    tx,
    { orgIds: [e.institutionId], exceptUserIds: e.actor.type === 'member' ? [e.actor.userId] : [] },
    'pool_removed',
    { listingId: null, listingTitle: await resultTitle(tx, e.resultId), poolReason: e.reason },
    e.at,
    { resultId: e.resultId },
  );
  return true;
}
