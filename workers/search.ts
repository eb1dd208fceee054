// The search index on BullMQ (DESIGN §7).
//
// - One job per published outbox batch, carrying only the ids of the listings it changed: the relay
//   hands every published batch to `enqueueIndexing` (after the commit, so the job reads the
//   committed rows).
// - The handler rebuilds the document from PostgreSQL and writes it, or removes the listing when it
//   left the public states or is classified (search/indexing.ts decides). A listing entering the
//   index for the first time has just become public: the owners of its strong matches are told,
//   once per pair (server/search/service.ts).
// - The reconciler (at start and every SEARCH_RECONCILE_INTERVAL) re-indexes every listing whose
//   indexed version lags and removes what should not be there, so a crash between a commit and its
//   enqueue, a lost Redis or a failed job loses nothing.
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { reconcileIndex, indexListings, type OnAdded, type ReconcileOutcome } from '../search/indexing.js';
import type { SearchEngine } from '../search/types.js';
import type { ServiceContext } from '../platform/context.js';
import { notifyStrongMatches } from '../server/search/service.js';
import type { PublishedEvent } from '../platform/outbox.js';
import { searchJobId, type JobPayloads } from '../platform/queues.js';

export type SearchQueue = Queue<JobPayloads['search'], unknown, string>;

export const SEARCH_RECONCILE_SCHEDULER = 'search-reconcile';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One indexing job per listing named by the batch (the latest event's id makes the job id): events
 * whose payload names a `listingId`; pool inclusions and removals (措施五) and result edits, which
 * name results — the listings offering them carry `inPool`, the result's title, IP and maturity.
 */
export async function enqueueIndexing(
  queue: SearchQueue,
  events: readonly PublishedEvent[],
  db: DbOrTx,
): Promise<number> {
  const latest = new Map<string, number>();
  const note = (listingId: string, eventId: number) =>
    latest.set(listingId, Math.max(latest.get(listingId) ?? 0, eventId));
  const byResult = new Map<string, number>();
  for (const e of events) {
    const id = e.payload.listingId;
    if (typeof id === 'string' && UUID.test(id)) note(id, e.id);
    const pool = e.topic === 'pool.included' || e.topic === 'pool.removed';
    if (pool || e.topic === 'result.updated') {
      const results = pool
        ? Array.isArray(e.payload.results)
          ? (e.payload.results as Array<{ resultId?: unknown }>)
          : []
        : [{ resultId: e.payload.resultId }];
      for (const r of results) {
        if (typeof r?.resultId === 'string' && UUID.test(r.resultId)) {
          byResult.set(r.resultId, Math.max(byResult.get(r.resultId) ?? 0, e.id));
        }
      }
    }
  }
  if (byResult.size > 0) {
    const rows = await db.execute<{ id: string; result_id: string }>(
      sql`select id, result_id from listings where result_id = any(${sql.param([...byResult.keys()])}::uuid[])`,
    );
    for (const r of rows.rows) note(String(r.id), byResult.get(String(r.result_id))!);
  }
  if (latest.size === 0) return 0;
  // One job for the whole batch (bench:timers: a job per listing cost more worker time than the
  // deadline transitions themselves when many fire at once, and delayed them).
  const requestOf = new Map(events.map((e) => [e.id, e.requestId]));
  const requestIds = [
    ...new Set([...latest.values()].map((id) => requestOf.get(id)).filter((r): r is string => !!r)),
  ].slice(0, 20);
  await queue.add(
    'index',
    { task: 'index', listingIds: [...latest.keys()], ...(requestIds.length ? { requestIds } : {}) },
    { jobId: searchJobId([...latest.values()]) },
  );
  return latest.size;
}

export interface SearchJobDeps {
  ctx: ServiceContext;
  engine: SearchEngine;
  /**
   * Runs the reconciler, one run at a time per process (workers/main.ts): the scheduler's first job
   * fires at once, beside the boot run, and must not diff an index the boot run is still building.
   */
  reconcile?: () => Promise<ReconcileOutcome>;
  /** Settles when the worker's boot reconcile has run; jobs wait for it. */
  ready?: Promise<unknown>;
}

function announce(deps: SearchJobDeps): OnAdded {
  return async (docs) => {
    for (const doc of docs) await notifyStrongMatches(deps.ctx, deps.engine, doc);
  };
}

export async function runSearchReconcile(deps: SearchJobDeps, atBoot = false): Promise<ReconcileOutcome> {
  return reconcileIndex(deps.ctx.db, deps.engine, { onAdded: announce(deps), rebuildIfEmpty: atBoot });
}

export async function processSearchJob(
  deps: SearchJobDeps,
  job: Job<JobPayloads['search']>,
): Promise<'indexed' | 'removed' | ReconcileOutcome> {
  await deps.ready;
  const data = job.data;
  if (data?.task === 'reconcile') return deps.reconcile ? deps.reconcile() : runSearchReconcile(deps);
  // Payloads are validated before processing; a malformed one is never retried.
  const ids = data?.task !== 'index' ? null : 'listingIds' in data ? data.listingIds : [data.listingId];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
    throw new UnrecoverableError(`invalid search payload ${JSON.stringify(job.data)}`);
  }
  const outcome = await indexListings(deps.ctx.db, deps.engine, ids, announce(deps));
  return outcome.indexed.length > 0 ? 'indexed' : 'removed';
}
