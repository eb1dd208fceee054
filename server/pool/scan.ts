// The daily eligibility scan of the pay-later pool (先用后付成果池, 措施五): one set-based statement
// that includes the results that newly qualify and removes those that stopped, with their audit rows,
// events, notifications and decision records (措施十四).
//
// Every change of pool membership takes one transaction-level advisory lock first, so the scan, an
// institution's opt-out and a reclassification never interleave: whatever commits second sees what
// the first committed. A scan takes seconds even over a million results, so the wait is short.
import { sql } from 'drizzle-orm';
import { POOL_REMOVAL_REASONS, type PoolReason, type PoolRemovalReason } from '../../domain/constants/pool.js';
import { poolScanDecision } from '../../domain/decisions.js';
import { poolCutoffDate } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Tx } from '../../db/client.js';
import { results } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { systemDecisionTable } from '../dossiers/decisions.js';
import { notifyEach, type NotificationItem } from '../notifications/service.js';
import { lockPoolMembership } from './membership.js';

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
  // 措施十四: every move is a decision of the platform's, recorded with the rule it applied — keyed
  // by change and reason, joined to the changed rows below.
  const drafts = systemDecisionTable([
    { key: 'include:auto_3y', draft: poolScanDecision({ move: 'include' }, details) },
    ...POOL_REMOVAL_REASONS.map((reason) => ({
      key: `remove:${reason}`,
      draft: poolScanDecision({ move: 'remove', reason }, details),
    })),
  ]);
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
      decided as (
        insert into decision_records (org_id, subject_type, subject_id, decision_type, summary, details,
                                      decided_by_role, decision_body, procedure, basis, created_at)
        select c.institution_id, 'result', c.result_id, d.decision_type, d.summary, d.details,
               d.decided_by_role, d.decision_body, d.procedure, d.basis, ${now}::timestamptz
        from changes c
        join ${drafts} on d.key = c.change || ':' || c.reason
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
