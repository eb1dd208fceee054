// The pay-later pool (先用后付成果池, 措施五): the daily eligibility scan, voluntary inclusion,
// opt-outs, and the public pool listing.
//
// Every change of pool membership takes one transaction-level advisory lock first, so the scan, an
// institution's opt-out and a reclassification never interleave: whatever commits second sees what
// the first committed. A scan takes seconds even over a million results, so the wait is short.
import { and, asc, count, desc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { IndustryField } from '../../domain/constants/listings.js';
import type { PoolReason, PoolRemovalReason } from '../../domain/constants/pool.js';
import type { Region } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { parseQuery } from '../../search/query-parser.js';
import { checkPoolCandidate, poolCutoffDate, poolStateOf } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  organisations,
  poolEntries,
  poolOptOuts,
  resultIpItems,
  results,
  type PoolEntry,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify, notifyEach, type NotificationItem } from '../notifications/service.js';
import { resultsWithIp, type ResultWithIp } from '../results/service.js';
import { lockPoolMembership, removeFromPool } from './membership.js';

// The public face of the pool: open entries whose result is still public and unconverted. The scan
// removes entries that stopped qualifying; this condition keeps them out of sight in the meantime
// (措施十五: a reclassified result is never shown as available for 先使用后付费).
const visibleInPool = and(
  isNull(poolEntries.removedAt),
  eq(results.securityClass, 'public'),
  ne(results.status, 'converted'),
);

export interface ScanResult {
  today: string;
  cutoff: string;
  added: number;
  removed: number;
}

/**
 * The daily scan, as one set-based statement: closes the open entries that stopped qualifying,
 * includes every result that newly qualifies (措施五: IP held three years, not converted; 措施十五:
 * public only; not opted out), and writes one audit row per result and one event per institution
 * and kind of change — all in one transaction. Running it twice changes nothing the second time.
 */
export async function runPoolScan(ctx: ServiceContext): Promise<ScanResult> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const cutoff = poolCutoffDate(today);
  const details = { scanDate: today, grantedOnOrBefore: cutoff };
  return ctx.db.transaction(async (tx) => {
    await lockPoolMembership(tx);
    // A bulk statement over every result: hash joins and in-memory sorts, whatever the statistics.
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local work_mem = '128MB'`);
    const res = await tx.execute<ScanChange & { added: string; removed: string }>(sql`
      with removed as (
        update pool_entries e
        set removed_at = ${now},
            -- The first reason that applies, most decisive first.
            removal_reason = case
              when r.status = 'converted' then 'converted'
              when r.security_class <> 'public' then 'reclassified'
              when o.id is not null then 'opted_out'
              else 'ip_not_held_3y'
            end
        from results r
        left join pool_opt_outs o on o.result_id = r.id and o.withdrawn_at is null
        where e.result_id = r.id
          and e.removed_at is null
          and (
            -- Converted: for now results.status; an exclusive deal sets it, a non-exclusive
            -- licence (every pay-later licence) does not.
            r.status = 'converted'
            or r.security_class <> 'public'
            or o.id is not null
            -- A voluntary entry never needed the three years; an automatic one loses its ground
            -- when the grant dates are corrected.
            or (e.reason = 'auto_3y' and not exists (
              select 1 from result_ip_items i where i.result_id = r.id and i.grant_date <= ${cutoff}::date))
          )
        returning e.result_id, r.institution_id, e.removal_reason as reason
      ),
      added as (
        insert into pool_entries (result_id, reason, included_at)
        select r.id, 'auto_3y', ${now}::timestamptz
        from results r
        where r.security_class = 'public'
          and r.status <> 'converted'
          -- Earliest grant date ≤ cutoff ⇔ some grant date ≤ cutoff (domain/pool.ts poolCutoffDate).
          and exists (select 1 from result_ip_items i where i.result_id = r.id and i.grant_date <= ${cutoff}::date)
          and not exists (select 1 from pool_opt_outs o where o.result_id = r.id and o.withdrawn_at is null)
          and not exists (select 1 from pool_entries e where e.result_id = r.id and e.removed_at is null)
        on conflict do nothing
        returning result_id, reason
      ),
      changes as (
        select 'include' as change, a.result_id, r.institution_id, a.reason from added a join results r on r.id = a.result_id
        union all
        select 'remove', result_id, institution_id, reason from removed
      ),
      audited as (
        insert into audit_log (action, target_type, target_id, before_status, after_status, reason, details, created_at)
        select 'pool.' || change, 'result', result_id,
               case change when 'include' then 'out_of_pool' else 'in_pool' end,
               case change when 'include' then 'in_pool' else 'out_of_pool' end,
               reason, ${JSON.stringify(details)}::jsonb, ${now}::timestamptz
        from changes
      ),
      notified as (
        insert into outbox (topic, payload, created_at)
        select case change when 'include' then 'pool.included' else 'pool.removed' end,
               jsonb_build_object(
                 'institutionId', institution_id,
                 'scanDate', ${today}::text,
                 'results', jsonb_agg(jsonb_build_object('resultId', result_id, 'reason', reason) order by result_id)),
               ${now}::timestamptz
        from changes
        group by change, institution_id
      )
      -- One row per institution and kind of change, for its inbox: how many, which (the first 50
      -- ids; the edition lists them all) and why, when one reason covers them all.
      select change, institution_id, count(*)::int as n,
             to_jsonb((array_agg(result_id order by result_id))[1:50]) as result_ids,
             case when min(reason) = max(reason) then min(reason) end as reason,
             (select count(*) from added) as added, (select count(*) from removed) as removed
      from changes
      group by change, institution_id`);
    const added = Number(res.rows[0]?.added ?? 0);
    const removed = Number(res.rows[0]?.removed ?? 0);
    await notifyScanChanges(tx, res.rows, now);
    // After a large change (the first fill, say) the planner must know the pool's new size before
    // the edition and the public pages query it; autovacuum would get there, but later.
    if (added + removed > 10_000) await tx.execute(sql`analyze pool_entries`);
    return { today, cutoff, added, removed };
  });
}

type ScanChange = {
  change: 'include' | 'remove';
  institution_id: string;
  n: number;
  result_ids: string[];
  reason: PoolReason | PoolRemovalReason | null;
};

/**
 * 措施五 / issue 7: each change is notified to the result's institution — one notification per
 * institution and kind of change per scan (naming the first result and the count), written in the
 * scan's transaction in one statement, so the first fill of a million results stays one round trip.
 * Pool items are results, not listings: no listingId; the ids go in `data` for the web to link.
 */
async function notifyScanChanges(tx: Tx, changes: ScanChange[], at: Date): Promise<void> {
  if (changes.length === 0) return;
  const firstIds = changes.map((c) => c.result_ids[0]!);
  const titles = new Map(
    (
      await tx
        .select({ id: results.id, title: results.title })
        .from(results)
        .where(sql`${results.id} = any(${sql.param(firstIds)}::uuid[])`)
    ).map((r) => [r.id, r.title]),
  );
  const items: NotificationItem[] = changes.map((c) => ({
    recipients: { orgIds: [c.institution_id] },
    kind: c.change === 'include' ? 'pool_included' : 'pool_removed',
    params: {
      listingId: null,
      listingTitle: titles.get(c.result_ids[0]!) ?? '',
      count: c.n,
      poolReason: c.reason,
    },
    data: { resultId: c.result_ids[0], resultIds: c.result_ids, count: c.n },
  }));
  await notifyEach(tx, items, at);
}

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
    await removeFromPool(tx, { resultId, institutionId: actor.orgId, reason: 'opted_out', actor, at: now });
  });
  return poolStatus(ctx, actor, resultId);
}

// ---- Reads ----

const firstGrant = sql<
  string | null
>`(select min(${resultIpItems.grantDate}) from ${resultIpItems} where ${resultIpItems.resultId} = ${results.id})`;

export interface PoolItem {
  result: ResultWithIp;
  institution: { id: string; name: string; region: Region | null };
  entry: { reason: PoolReason; includedAt: Date };
  firstGrantDate: string | null;
}

export interface PoolFilters {
  field?: IndustryField;
  region?: Region;
  keyword?: string;
  reason?: PoolReason;
  page: number;
  pageSize: number;
}

/**
 * The pool's keyword filter, read the way search reads a query (search/segmenter.ts parseQuery):
 * normalised, cut into words, each word or one of its synonyms must occur in the title or summary
 * (AI finds 人工智能, 锂电池 回收 needs both). Pool results mostly have no listing, so they are not in
 * the search index; the pool is small enough (thousands) for substring matching once cut. Text that
 * yields no word (punctuation only) is matched literally.
 */
function keywordCondition(keyword: string): SQL {
  const contains = (word: string) => {
    const pattern = `%${escapeLike(word)}%`;
    return or(ilike(results.title, pattern), ilike(results.summary, pattern))!;
  };
  const { units } = parseQuery(keyword);
  if (units.length === 0) return contains(keyword);
  return and(...units.map((u) => or(...u.words.map(contains))!))!;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function poolRows(db: DbOrTx, where: SQL | undefined, page: number, pageSize: number) {
  const base = () =>
    db
      .select({
        resultId: results.id,
        institutionId: organisations.id,
        institutionName: organisations.name,
        region: organisations.region,
        reason: poolEntries.reason,
        includedAt: poolEntries.includedAt,
        firstGrantDate: firstGrant,
      })
      .from(poolEntries)
      .innerJoin(results, eq(results.id, poolEntries.resultId))
      .innerJoin(organisations, eq(organisations.id, results.institutionId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(poolEntries.includedAt), asc(results.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(poolEntries)
      .innerJoin(results, eq(results.id, poolEntries.resultId))
      .innerJoin(organisations, eq(organisations.id, results.institutionId))
      .where(where),
  ]);
  const full = await resultsWithIp(
    db,
    rows.map((r) => r.resultId),
  );
  const items: PoolItem[] = rows.map((r) => ({
    result: full.get(r.resultId)!,
    institution: { id: r.institutionId, name: r.institutionName, region: r.region },
    entry: { reason: r.reason, includedAt: r.includedAt },
    firstGrantDate: r.firstGrantDate,
  }));
  return { items, total: total?.n ?? 0 };
}

/** The public pool: filter by industry field, the institution's region, a keyword in title or summary. */
export async function browsePool(db: DbOrTx, f: PoolFilters) {
  const c: (SQL | undefined)[] = [visibleInPool];
  if (f.field) c.push(eq(results.field, f.field));
  if (f.region) c.push(eq(organisations.region, f.region));
  if (f.reason) c.push(eq(poolEntries.reason, f.reason));
  const kw = f.keyword?.trim();
  if (kw) c.push(keywordCondition(kw));
  return poolRows(db, and(...c), f.page, f.pageSize);
}

export async function getPoolItem(db: DbOrTx, resultId: string): Promise<PoolItem> {
  const { items } = await poolRows(db, and(visibleInPool, eq(results.id, resultId)), 1, 1);
  if (!items[0]) throw new AppError('POOL_RESULT_NOT_IN_POOL');
  return items[0];
}

/** Whether a result is in the pool now (for applications and their acceptance). */
export async function isInPool(db: DbOrTx, resultId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: poolEntries.id })
    .from(poolEntries)
    .innerJoin(results, eq(results.id, poolEntries.resultId))
    .where(and(visibleInPool, eq(results.id, resultId)));
  return Boolean(row);
}

export interface PoolStatusRow {
  resultId: string;
  title: string;
  field: IndustryField;
  securityClass: ResultWithIp['securityClass'];
  resultStatus: ResultWithIp['status'];
  firstGrantDate: string | null;
  entry: { reason: PoolReason; includedAt: Date } | null;
  optOut: { reason: string; optedOutAt: Date } | null;
  state: ReturnType<typeof poolStateOf>['state'];
  eligibleOn: string | null;
}

async function statusRows(ctx: ServiceContext, where: SQL | undefined, page: number, pageSize: number) {
  const today = shanghaiDate(ctx.now());
  const q = ctx.db
    .select({
      resultId: results.id,
      title: results.title,
      field: results.field,
      securityClass: results.securityClass,
      resultStatus: results.status,
      firstGrantDate: firstGrant,
      entryReason: poolEntries.reason,
      includedAt: poolEntries.includedAt,
      optOutReason: poolOptOuts.reason,
      optedOutAt: poolOptOuts.optedOutAt,
    })
    .from(results)
    .leftJoin(poolEntries, and(eq(poolEntries.resultId, results.id), isNull(poolEntries.removedAt)))
    .leftJoin(poolOptOuts, and(eq(poolOptOuts.resultId, results.id), isNull(poolOptOuts.withdrawnAt)))
    .where(where);
  const [rows, [total]] = await Promise.all([
    q
      .orderBy(desc(results.updatedAt), asc(results.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(results).where(where),
  ]);
  const items: PoolStatusRow[] = rows.map((r) => {
    const entry = r.entryReason && r.includedAt ? { reason: r.entryReason, includedAt: r.includedAt } : null;
    const optOut = r.optOutReason && r.optedOutAt ? { reason: r.optOutReason, optedOutAt: r.optedOutAt } : null;
    const { state, eligibleOn } = poolStateOf(
      {
        securityClass: r.securityClass,
        status: r.resultStatus,
        firstGrantDate: r.firstGrantDate,
        inPool: entry !== null,
        optedOut: optOut !== null,
      },
      today,
    );
    return {
      resultId: r.resultId,
      title: r.title,
      field: r.field,
      securityClass: r.securityClass,
      resultStatus: r.resultStatus,
      firstGrantDate: r.firstGrantDate,
      entry,
      optOut,
      state,
      eligibleOn,
    };
  });
  return { items, total: total?.n ?? 0 };
}

/** The institution's results with where each stands: in the pool, opted out, excluded, or when it will qualify. */
export async function myPoolStatus(ctx: ServiceContext, actor: MemberActor, page: number, pageSize: number) {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  return statusRows(ctx, eq(results.institutionId, actor.orgId), page, pageSize);
}

export async function poolStatus(ctx: ServiceContext, actor: MemberActor, resultId: string): Promise<PoolStatusRow> {
  const { items } = await statusRows(ctx, and(eq(results.institutionId, actor.orgId), eq(results.id, resultId)), 1, 1);
  if (!items[0]) throw new AppError('RESULT_NOT_FOUND');
  return items[0];
}
