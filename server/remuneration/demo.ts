// Demo data for 科技成果转化奖励和报酬 (措施十二; scripts/start.ts, after the demo seed and dossier):
// on the demo institution's first converted result with a received payment, a researcher account
// (fictional), a confirmed team, the institution's reward policy, a cost, the reward computed from the
// payment, approved and paid — so the researcher's 我的奖励 shows a paid reward and its statement.
// Goes through the product's own services.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import { shanghaiDate } from '../../domain/results.js';
import { conversions, memberships, organisations, payments, users } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { saveTeam } from '../researchers/teams.js';
import { computeCashAward } from './awards.js';
import { recordCost } from './costs.js';
import { approveEntries, payEntries } from './entries.js';
import { setPolicy } from './policy.js';

export interface DemoRemuneration {
  conversionId: string;
  researcherEmail: string;
  paidEntries: number;
}

export async function seedDemoRemuneration(
  ctx: ServiceContext,
  institutionEmail: string,
  researcher: { email: string; displayName: string; passwordHash: string },
): Promise<DemoRemuneration | null> {
  const [inst] = await ctx.db
    .select({ userId: users.id, orgId: memberships.organisationId, kind: organisations.kind })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.email, institutionEmail));
  if (!inst || inst.kind !== 'institution') return null;
  const actor: MemberActor = {
    type: 'member',
    userId: inst.userId,
    orgId: inst.orgId,
    orgKind: 'institution',
    orgVerification: 'verified',
  };
  const [target] = await ctx.db
    .select({ conversionId: conversions.id, resultId: conversions.resultId, paymentId: payments.id })
    .from(conversions)
    .innerJoin(payments, eq(payments.conversionId, conversions.id))
    .where(
      and(
        eq(conversions.institutionId, inst.orgId),
        isNotNull(conversions.resultId),
        // Not a result whose team already links researcher accounts (the rights demo's, server/rights/demo.ts).
        sql`not exists (select 1 from result_team_members tm where tm.result_id = ${conversions.resultId} and tm.user_id is not null)`,
      ),
    )
    .orderBy(asc(conversions.createdAt), asc(payments.receivedOn))
    .limit(1);
  if (!target?.resultId) return null;

  // A researcher of the institution (what an accepted invitation leaves: a user and a researcher membership).
  const [user] = await ctx.db
    .insert(users)
    .values({ email: researcher.email, passwordHash: researcher.passwordHash, displayName: researcher.displayName })
    .returning({ id: users.id });
  await ctx.db.insert(memberships).values({ userId: user!.id, organisationId: inst.orgId, role: 'researcher' });

  await saveTeam(ctx, actor, target.resultId, [
    { name: researcher.displayName, roleInWork: '项目负责人', shareBp: 6000, userId: user!.id },
    { name: '何雨桐', roleInWork: '主要完成人', shareBp: 3000 },
    { name: '高建国', roleInWork: '参与人（正职领导）', shareBp: 1000, principalLeader: true },
  ]);
  await setPolicy(ctx, actor, {
    cashShareBp: 7000,
    equityShareBp: 7000,
    horizontalMinShareBp: 9000,
    horizontalJustification: null,
    decisionBody: '科技成果转化领导小组',
    meetingDate: null,
    basis: '《促进科技成果转化法》第四十五条；辽宁省若干措施（三）（十二）；本校科技成果转化管理办法（演示）',
  });
  const today = shanghaiDate(ctx.now());
  await recordCost(ctx, actor, target.conversionId, {
    kind: 'maintenance_fee',
    amountFen: 180_000,
    incurredOn: today,
    evidenceRef: '专利年费缴费收据（演示）',
    documentId: null,
    note: '',
  });
  const { entries } = await computeCashAward(ctx, actor, target.paymentId);
  const payable = entries.filter((e) => e.status === 'pending').map((e) => e.id);
  const decision = { decisionBody: '校长办公会', meetingDate: null, basis: '奖励分配方案经院内公示无异议（演示）' };
  if (payable.length > 0) {
    await approveEntries(ctx, actor, payable, decision);
    await payEntries(ctx, actor, payable, {
      ...decision,
      decisionBody: '财务处',
      paidOn: today,
      paidRef: '奖励发放批次（演示）',
    });
  }
  return { conversionId: target.conversionId, researcherEmail: researcher.email, paidEntries: payable.length };
}
