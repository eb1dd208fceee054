// 措施十五 in the pool: what a reclassification out of `public` does beyond closing the pool entry
// (membership.ts removeFromPool). Called from the results area inside the reclassification's
// transaction, after the pool membership lock (see docs/state-machines.md "Lock order").
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { OPEN_PAYLATER_APPLICATION_STATUSES } from '../../domain/constants/pool.js';
import { CLASSIFIED_REDACTED_TITLE } from '../../domain/listings.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Tx } from '../../db/client.js';
import { payLaterApplications, poolEditionItems } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { notify } from '../notifications/service.js';

/** Why an open pay-later application ends when its result leaves `public`. */
export const RECLASSIFIED_DECLINE_REASON = '所涉成果密级已调整，依措施十五不再适用先使用后付费，申请终止';

/**
 * 措施十五 excludes `restricted` and `classified` results from 先使用后付费: the open negotiations
 * (pending, countered) about the result end at once as declined, with the reason, and the enterprise
 * is told (without the title once the result is 涉密). Licences already signed are contracts in force
 * and stay; the measure bars new pay-later licences, it does not rescind concluded ones.
 */
export async function closeOpenPayLaterApplications(
  tx: Tx,
  e: { resultId: string; classified: boolean; actor: Actor; at: Date },
): Promise<number> {
  const open = await tx
    .select()
    .from(payLaterApplications)
    .where(
      and(
        eq(payLaterApplications.resultId, e.resultId),
        inArray(payLaterApplications.status, [...OPEN_PAYLATER_APPLICATION_STATUSES]),
      ),
    )
    .orderBy(payLaterApplications.id)
    .for('update');
  for (const app of open) {
    await tx
      .update(payLaterApplications)
      .set({
        status: 'declined',
        declineReason: RECLASSIFIED_DECLINE_REASON,
        decidedAt: e.at,
        version: app.version + 1,
        updatedAt: e.at,
      })
      .where(eq(payLaterApplications.id, app.id));
    await writeAudit(tx, {
      actor: e.actor,
      action: 'paylater.decline',
      targetType: 'paylater_application',
      targetId: app.id,
      beforeStatus: app.status,
      afterStatus: 'declined',
      reason: RECLASSIFIED_DECLINE_REASON,
      details: { version: app.version + 1, cause: 'reclassified' },
      at: e.at,
    });
    await emit(tx, 'paylater.declined', {
      applicationId: app.id,
      resultId: app.resultId,
      enterpriseId: app.enterpriseId,
      institutionId: app.institutionId,
      by: 'institution',
      status: 'declined',
      licenceId: null,
    });
    const [r] = await tx
      .execute<{ title: string }>(sql`select title from results where id = ${app.resultId}`)
      .then((x) => x.rows);
    await notify(
      tx,
      { orgIds: [app.enterpriseId] },
      'paylater_updated',
      {
        listingId: null,
        listingTitle: e.classified ? CLASSIFIED_REDACTED_TITLE : (r?.title ?? ''),
        orgName: null,
        action: 'decline',
        by: 'institution',
        text: RECLASSIFIED_DECLINE_REASON,
      },
      e.at,
      { applicationId: app.id, status: 'declined' },
    );
  }
  return open.length;
}

/**
 * 措施十五: the rows of a 涉密 result in editions already published are redacted from now on — each
 * edition keeps its numbering and row count, the row shows only a redaction line with this date.
 */
export async function redactEditionRows(tx: Tx, resultId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(poolEditionItems)
    .set({ redactedOn: shanghaiDate(at) })
    .where(and(eq(poolEditionItems.resultId, resultId), isNull(poolEditionItems.redactedOn)))
    .returning({ editionId: poolEditionItems.editionId });
  return rows.length;
}
