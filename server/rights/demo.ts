// Demo data for 赋权 (措施一), after the demo seed (scripts/start.ts): two researcher accounts of the
// demo institution, a result's team linking them, a co-ownership decision of its 成果转化领导小组 that
// both accepted, the minutes of that meeting as the decision's document (措施十四), and the
// patent-change steps of its IP items — one filed, one approved. Goes through the product's services,
// so the decision records, documents, audit rows and notifications are the real ones. Fictional
// people and organisations only.
import { Readable } from 'node:stream';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { MemberActor, ResearcherActor } from '../../domain/actor.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import { rightsSubjectOf } from '../../domain/constants/rights.js';
import { memberships, organisations, resultIpItems, results, users } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import type { DocumentStorage } from '../../platform/storage/index.js';
import { uploadDocument } from '../dossiers/documents.js';
import { saveTeam } from '../researchers/teams.js';
import { advanceFormality, formalitiesOfResult } from './formalities.js';
import { answerGrant, decideGrant } from './grants.js';

export const DEMO_RESEARCHERS = [
  { email: 'res01@demo.jiebang.cn', name: '林晓峰', shareBp: 6000, role: '项目负责人' },
  { email: 'res02@demo.jiebang.cn', name: '周雨桐', shareBp: 4000, role: '主要完成人' },
] as const;

export interface DemoRights {
  resultId: string;
  grantId: string;
  /** The meeting minutes uploaded on the grant decision (措施十四). */
  documentId: string;
  formalities: number;
}

export async function seedDemoRights(
  ctx: ServiceContext,
  storage: DocumentStorage,
  institutionEmail: string,
  hashPassword: (password: string) => Promise<string>,
  password: string,
): Promise<DemoRights | null> {
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
  // A public, institution-owned result with the most IP items (so both patent-change steps show).
  const [target] = await ctx.db
    .select({ id: results.id, items: count(resultIpItems.id) })
    .from(results)
    .innerJoin(resultIpItems, eq(resultIpItems.resultId, results.id))
    .where(
      and(
        eq(results.institutionId, inst.orgId),
        eq(results.ownership, 'institution'),
        eq(results.securityClass, 'public'),
      ),
    )
    .groupBy(results.id)
    .orderBy(desc(count(resultIpItems.id)), asc(results.id))
    .limit(1);
  if (!target) return null;
  if (target.items < 2) {
    // A second item still an application: its change is a 专利申请权变更.
    await ctx.db.insert(resultIpItems).values({
      resultId: target.id,
      type: 'utility_model',
      number: 'CN202520345678.1',
      title: '一种配套检测装置',
      grantDate: null,
      position: 1,
    });
  }

  const hash = await hashPassword(password);
  const researchers: ResearcherActor[] = [];
  for (const r of DEMO_RESEARCHERS) {
    const [u] = await ctx.db
      .insert(users)
      .values({ email: r.email, passwordHash: hash, displayName: r.name })
      .returning({ id: users.id });
    await ctx.db.insert(memberships).values({ userId: u!.id, organisationId: inst.orgId, role: 'researcher' });
    researchers.push({ type: 'researcher', userId: u!.id, institutionId: inst.orgId });
  }
  await saveTeam(
    ctx,
    actor,
    target.id,
    DEMO_RESEARCHERS.map((r, i) => ({
      name: r.name,
      roleInWork: r.role,
      shareBp: r.shareBp,
      userId: researchers[i]!.userId,
    })),
  );

  const today = shanghaiDate(ctx.now());
  const grant = await decideGrant(ctx, actor, target.id, {
    kind: 'co_ownership',
    institutionShareBp: 3000,
    teamShareBp: 7000,
    decisionBody: '成果转化领导小组',
    decidedOn: addDays(today, -20),
    basis: '《北辰工业大学职务科技成果赋权管理办法（试行）》第八条；成果转化领导小组 2026 年第 5 次会议纪要',
  });
  // 措施十四: the decision's document, which the institution and the team members see on the grant.
  const minutes = await uploadDocument(ctx, storage, actor, {
    subjectType: rightsSubjectOf(grant.kind),
    subjectId: grant.id,
    kind: 'decision_minutes',
    filename: '成果转化领导小组会议纪要（示例）.pdf',
    file: Readable.from([
      await renderPdfBuffer({
        content: [
          { text: '成果转化领导小组 2026 年第 5 次会议纪要（示例）', bold: true },
          '议题：职务科技成果赋权（措施一）',
          '决定：该成果由学校与成果完成人团队共有，学校占 30%，团队占 70%；经团队全体关联成员接受后生效。',
          '本纪要仅为演示数据，不具有任何效力。',
        ],
      }),
    ]),
  });
  for (const r of researchers) await answerGrant(ctx, r, grant.id, 'accepted', '同意单位的赋权决定');

  const steps = await formalitiesOfResult(ctx.db, actor, target.id);
  const [first, second] = steps;
  if (first) {
    await advanceFormality(ctx, actor, first.id, 'file', {
      on: addDays(today, -10),
      evidenceRef: '国家知识产权局著录项目变更受理通知书（演示）',
    });
  }
  if (second) {
    await advanceFormality(ctx, actor, second.id, 'file', {
      on: addDays(today, -15),
      evidenceRef: '变更申请受理通知书（演示）',
    });
    await advanceFormality(ctx, actor, second.id, 'approve', {
      on: addDays(today, -3),
      evidenceRef: '手续合格通知书（演示）',
    });
  }
  return { resultId: target.id, grantId: grant.id, documentId: minutes.id, formalities: steps.length };
}
