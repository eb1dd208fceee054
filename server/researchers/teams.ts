// Inventor teams (成果完成人, 措施一、十二): the institution edits a result's team as a whole; a
// researcher reads the results whose team links their account.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { MemberActor, ResearcherActor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import {
  checkTeam,
  equalShares,
  splitInventorNames,
  TEAM_MAX_MEMBERS,
  type TeamMemberInput,
} from '../../domain/teams.js';
import type { DbOrTx } from '../../db/client.js';
import {
  memberships,
  orgUnits,
  results,
  resultTeamMembers,
  users,
  type ResultTeamMember,
} from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';

export interface Team {
  resultId: string;
  needsConfirmation: boolean;
  confirmedAt: Date | null;
  members: Array<ResultTeamMember & { orgUnitName: string | null; accountName: string | null }>;
}

async function teamOf(db: DbOrTx, resultId: string): Promise<Team['members']> {
  const rows = await db
    .select({ m: resultTeamMembers, orgUnitName: orgUnits.name, accountName: users.displayName })
    .from(resultTeamMembers)
    .leftJoin(orgUnits, eq(orgUnits.id, resultTeamMembers.orgUnitId))
    .leftJoin(users, eq(users.id, resultTeamMembers.userId))
    .where(eq(resultTeamMembers.resultId, resultId))
    .orderBy(asc(resultTeamMembers.position));
  return rows.map((r) => ({ ...r.m, orgUnitName: r.orgUnitName, accountName: r.accountName }));
}

function requireInstitution(actor: MemberActor): void {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
}

export async function getTeam(db: DbOrTx, actor: MemberActor, resultId: string): Promise<Team> {
  requireInstitution(actor);
  const [r] = await db
    .select({ needs: results.teamNeedsConfirmation, confirmedAt: results.teamConfirmedAt })
    .from(results)
    .where(and(eq(results.id, resultId), eq(results.institutionId, actor.orgId)));
  if (!r) throw new AppError('RESULT_NOT_FOUND');
  return { resultId, needsConfirmation: r.needs, confirmedAt: r.confirmedAt, members: await teamOf(db, resultId) };
}

/**
 * Replaces the team (and so confirms a migrated one): shares exact, units the institution's own,
 * linked accounts its researchers. The listing's inventors text follows the names.
 */
export async function saveTeam(
  ctx: ServiceContext,
  actor: MemberActor,
  resultId: string,
  members: readonly TeamMemberInput[],
): Promise<Team> {
  requireInstitution(actor);
  checkTeam(members);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: results.id })
      .from(results)
      .where(and(eq(results.id, resultId), eq(results.institutionId, actor.orgId)))
      .for('update');
    if (!r) throw new AppError('RESULT_NOT_FOUND');
    const unitIds = [...new Set(members.map((m) => m.orgUnitId).filter((u): u is string => !!u))];
    if (unitIds.length) {
      const own = await tx
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(inArray(orgUnits.id, unitIds), eq(orgUnits.organisationId, actor.orgId)));
      if (own.length !== unitIds.length) throw new AppError('ORG_UNIT_NOT_FOUND');
    }
    const userIds = members.map((m) => m.userId).filter((u): u is string => !!u);
    if (userIds.length) {
      const linked = await tx
        .select({ id: memberships.userId })
        .from(memberships)
        .where(
          and(
            inArray(memberships.userId, userIds),
            eq(memberships.organisationId, actor.orgId),
            eq(memberships.role, 'researcher'),
          ),
        );
      if (linked.length !== userIds.length) throw new AppError('TEAM_ACCOUNT_NOT_RESEARCHER');
    }
    const before = await tx
      .select({ name: resultTeamMembers.name, shareBp: resultTeamMembers.shareBp })
      .from(resultTeamMembers)
      .where(eq(resultTeamMembers.resultId, resultId))
      .orderBy(asc(resultTeamMembers.position));
    await tx.delete(resultTeamMembers).where(eq(resultTeamMembers.resultId, resultId));
    await tx.insert(resultTeamMembers).values(
      members.map((m, i) => ({
        resultId,
        position: i + 1,
        name: m.name.trim(),
        orgUnitId: m.orgUnitId ?? null,
        roleInWork: (m.roleInWork ?? '').trim(),
        shareBp: m.shareBp,
        principalLeader: m.principalLeader ?? false,
        userId: m.userId ?? null,
        createdAt: now,
      })),
    );
    await tx
      .update(results)
      .set({
        inventors: members.map((m) => m.name.trim()).join('、'),
        teamNeedsConfirmation: false,
        teamConfirmedAt: now,
        teamConfirmedBy: actor.userId,
        updatedAt: now,
      })
      .where(eq(results.id, resultId));
    await writeAudit(tx, {
      actor,
      action: 'result.team_save',
      targetType: 'result',
      targetId: resultId,
      details: {
        before,
        after: members.map((m) => ({ name: m.name.trim(), shareBp: m.shareBp, linked: !!m.userId })),
      },
      at: now,
    });
  });
  return getTeam(ctx.db, actor, resultId);
}

/**
 * A new result's free-text names as its first team: unlinked members with equal shares (largest
 * remainder), flagged for the institution to confirm — the rule the migration applied to older ones.
 */
export async function teamFromText(tx: DbOrTx, resultId: string, inventors: string): Promise<void> {
  const names = splitInventorNames(inventors).slice(0, TEAM_MAX_MEMBERS);
  if (names.length === 0) return;
  const shares = equalShares(names.length);
  await tx
    .insert(resultTeamMembers)
    .values(names.map((name, i) => ({ resultId, position: i + 1, name, shareBp: shares[i]! })));
  await tx.update(results).set({ teamNeedsConfirmation: true }).where(eq(results.id, resultId));
}

/** 措施一、十二: the results of the researcher's institution whose team links their account. */
export async function myResults(db: DbOrTx, actor: ResearcherActor) {
  return db
    .select({
      id: results.id,
      title: results.title,
      ownership: results.ownership,
      securityClass: results.securityClass,
      shareBp: resultTeamMembers.shareBp,
      roleInWork: resultTeamMembers.roleInWork,
      principalLeader: resultTeamMembers.principalLeader,
      teamNeedsConfirmation: results.teamNeedsConfirmation,
    })
    .from(resultTeamMembers)
    .innerJoin(results, eq(results.id, resultTeamMembers.resultId))
    .where(and(eq(resultTeamMembers.userId, actor.userId), eq(results.institutionId, actor.institutionId)))
    .orderBy(asc(results.title), asc(results.id))
    .limit(500);
}
