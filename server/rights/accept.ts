// What an accepted 赋权 / 权益让渡 decision does (措施一、六), in the answering transaction: the result's
// ownership, the formalities per IP item, and (资源占用费) the ledger receivable.
import { asc, eq } from 'drizzle-orm';
import type { ResearcherActor } from '../../domain/actor.js';
import { rightsAfter } from '../../domain/rights.js';
import type { Tx } from '../../db/client.js';
import { organisations, results, resultTeamMembers, rightsGrants, type RightsGrant } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { openFormalities } from './formalities.js';
import { recordResourceFee } from './receivable.js';

/** The accepted decision's effects: ownership, formalities per IP item, the 资源占用费 receivable. */
export async function applyAccepted(
  tx: Tx,
  actor: ResearcherActor,
  g: RightsGrant,
  r: typeof results.$inferSelect,
  now: Date,
): Promise<void> {
  const [inst] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, g.institutionId));
  const team = await tx
    .select({ name: resultTeamMembers.name })
    .from(resultTeamMembers)
    .where(eq(resultTeamMembers.resultId, r.id))
    .orderBy(asc(resultTeamMembers.position));
  const teamName = `成果完成人团队（${team.map((m) => m.name).join('、')}）`;
  const after = rightsAfter(g, { institution: inst!.name, team: teamName });
  await tx
    .update(results)
    .set({ ...after, rightsReview: null, version: r.version + 1, updatedAt: now })
    .where(eq(results.id, r.id));
  await writeAudit(tx, {
    actor: { type: 'system' },
    action: 'result.ownership_change',
    targetType: 'result',
    targetId: r.id,
    beforeStatus: r.ownership,
    afterStatus: after.ownership,
    reason: '赋权（权益让渡）决定经成果完成人团队全体关联成员接受',
    details: { grantId: g.id, before: { ownership: r.ownership, coOwners: r.coOwners }, after },
    at: now,
  });
  await openFormalities(tx, g, now);
  if (g.kind === 'share_transfer') {
    const conversionId = await recordResourceFee(tx, g, r, { institution: inst!.name, team: teamName }, now);
    await tx.update(rightsGrants).set({ conversionId }).where(eq(rightsGrants.id, g.id));
  }
  // Listings show the result's ownership; the search documents follow.
  await emit(tx, 'result.updated', { resultId: r.id });
}
