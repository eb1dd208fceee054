// 赋权 (措施一) and 权益让渡 (措施六): the institution's decisions and formalities, the team's answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { OWNERSHIP_MODES, IP_TYPES } from '../../domain/constants/results.js';
import {
  FORMALITY_KINDS,
  FORMALITY_STATUSES,
  GRANT_ANSWERS,
  RIGHTS_GRANT_KINDS,
  RIGHTS_GRANT_PURPOSES,
  RIGHTS_GRANT_STATUSES,
  RIGHTS_TEXT,
} from '../../domain/constants/rights.js';
import { AppError } from '../../domain/errors.js';
import { results, rightsGrants, type OwnershipFormality } from '../../db/schema/index.js';
import { requireMember, requireResearcher } from '../plugins/session.js';
import { CalendarDate, DateTime, Enum, errorResponses, IdParams, iso, Nullable, Text, Uuid } from '../schemas.js';
import * as formalities from './formalities.js';
import * as grants from './grants.js';

const Bp = Type.Integer({ minimum: 1, maximum: 10_000, description: '万分比（1% = 100）' });

export const GrantAnswerView = Type.Object({
  userId: Uuid,
  memberName: Type.String(),
  answer: Nullable(Enum(GRANT_ANSWERS)),
  note: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
});

export const GrantView = Type.Object({
  id: Uuid,
  resultId: Uuid,
  resultTitle: Type.String(),
  kind: Enum(RIGHTS_GRANT_KINDS),
  purpose: Enum(RIGHTS_GRANT_PURPOSES),
  status: Enum(RIGHTS_GRANT_STATUSES),
  fromOwnership: Enum(OWNERSHIP_MODES),
  summary: Type.String(),
  institutionShareBp: Nullable(Type.Integer()),
  teamShareBp: Nullable(Type.Integer()),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  feeFen: Nullable(Type.Integer()),
  feeDueOn: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  companyCreditCode: Nullable(Type.String()),
  agreedReturnBp: Nullable(Type.Integer()),
  decisionBody: Type.String(),
  decidedOn: Type.String(),
  basis: Type.String(),
  decisionId: Nullable(Uuid),
  /** 措施六: the ledger conversion holding the 资源占用费 receivable. */
  conversionId: Nullable(Uuid),
  answers: Type.Array(GrantAnswerView),
  createdAt: DateTime,
  answeredAt: Nullable(DateTime),
  withdrawnAt: Nullable(DateTime),
  withdrawReason: Nullable(Type.String()),
});

export const FormalityView = Type.Object({
  id: Uuid,
  grantId: Uuid,
  resultId: Uuid,
  ipType: Enum(IP_TYPES),
  ipNumber: Type.String(),
  ipTitle: Type.String(),
  kind: Enum(FORMALITY_KINDS),
  status: Enum(FORMALITY_STATUSES),
  filedOn: Nullable(Type.String()),
  filedEvidenceRef: Nullable(Type.String()),
  approvedOn: Nullable(Type.String()),
  approvedEvidenceRef: Nullable(Type.String()),
  lastRemindedOn: Type.String(),
});

const GrantBody = Type.Object(
  {
    kind: Enum(RIGHTS_GRANT_KINDS),
    institutionShareBp: Type.Optional(Bp),
    teamShareBp: Type.Optional(Bp),
    startsOn: Type.Optional(CalendarDate),
    endsOn: Type.Optional(CalendarDate),
    feeFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000_000, description: '资源占用费（分）' })),
    feeDueOn: Type.Optional(CalendarDate),
    companyName: Type.Optional(Text(RIGHTS_TEXT.companyName.max)),
    companyCreditCode: Type.Optional(Text(18, 0)),
    agreedReturnBp: Type.Optional(Bp),
    decisionBody: Text(RIGHTS_TEXT.decisionBody.max),
    decidedOn: CalendarDate,
    basis: Text(RIGHTS_TEXT.basis.max),
  },
  {
    additionalProperties: false,
    examples: [
      {
        kind: 'co_ownership',
        institutionShareBp: 3000,
        teamShareBp: 7000,
        decisionBody: '成果转化领导小组',
        decidedOn: '2026-11-20',
        basis: '《北辰工业大学职务科技成果赋权管理办法》第八条；成果转化领导小组 2026 年第 5 次会议纪要',
      },
    ],
  },
);

const RULES = [
  '条件规则（不满足时返回 409 或 422）：',
  '- 涉及国家利益或涉密的成果不得赋权（SECURITY_CLASS_FORBIDS_GRANT，措施十五）；',
  '- 须填写决定机构、决定日期（不晚于今天）和依据（措施十四）；',
  '- 完成人团队须已确认（GRANT_TEAM_NOT_CONFIRMED），且至少一名成员关联科研人员账号（GRANT_TEAM_NOT_LINKED）——全体关联成员接受后权属方才变更；',
  '- co_ownership：本单位与团队份额均大于 0、合计 10000（措施一），适用于单位所有（首次赋权）或长期使用权（转为所有权）的成果；',
  '- long_term_use：起止相隔不少于 10 年、到期日未过（措施一），适用于单位所有（首次赋权）或长期使用权（延长，起始日沿用、到期日须更晚）；',
  '- share_transfer：资源占用费（分）和不早于决定日期的应付日期，接受后登记为转化台账应收款（措施六）；',
  '- agreed_return：公司名称和约定收益比例，接受后成果归团队所有，约定收益为本单位的或有资产（措施六）；',
  '- 同一成果同时只能有一项待答复的决定（GRANT_PENDING_EXISTS）。',
].join('\n');

function grantView(g: grants.GrantWithAnswers) {
  return {
    id: g.id,
    resultId: g.resultId,
    resultTitle: g.resultTitle,
    kind: g.kind,
    purpose: g.purpose,
    status: g.status,
    fromOwnership: g.fromOwnership,
    summary: grants.grantSummary(g),
    institutionShareBp: g.institutionShareBp,
    teamShareBp: g.teamShareBp,
    startsOn: g.startsOn,
    endsOn: g.endsOn,
    feeFen: g.feeFen,
    feeDueOn: g.feeDueOn,
    companyName: g.companyName,
    companyCreditCode: g.companyCreditCode,
    agreedReturnBp: g.agreedReturnBp,
    decisionBody: g.decisionBody,
    decidedOn: g.decidedOn,
    basis: g.basis,
    decisionId: g.decisionId,
    conversionId: g.conversionId,
    answers: g.answers.map((a) => ({
      userId: a.userId,
      memberName: a.memberName,
      answer: a.answer,
      note: a.note,
      answeredAt: iso(a.answeredAt),
    })),
    createdAt: g.createdAt.toISOString(),
    answeredAt: iso(g.answeredAt),
    withdrawnAt: iso(g.withdrawnAt),
    withdrawReason: g.withdrawReason,
  };
}

function formalityView(f: OwnershipFormality) {
  return {
    id: f.id,
    grantId: f.grantId,
    resultId: f.resultId,
    ipType: f.ipType,
    ipNumber: f.ipNumber,
    ipTitle: f.ipTitle,
    kind: f.kind,
    status: f.status,
    filedOn: f.filedOn,
    filedEvidenceRef: f.filedEvidenceRef,
    approvedOn: f.approvedOn,
    approvedEvidenceRef: f.approvedEvidenceRef,
    lastRemindedOn: f.lastRemindedOn,
  };
}

const StepBody = Type.Object(
  { on: CalendarDate, evidenceRef: Text(RIGHTS_TEXT.evidenceRef.max) },
  {
    additionalProperties: false,
    examples: [{ on: '2026-12-01', evidenceRef: '国家知识产权局受理通知书 2026120100123' }],
  },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx } = app;
  const tags = ['赋权与权益让渡'];

  app.get(
    '/results/:id/rights',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '成果的赋权与权益让渡决定及权属变更手续',
        params: IdParams,
        response: {
          200: Type.Object({ grants: Type.Array(GrantView), formalities: Type.Array(FormalityView) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const [g, f] = await Promise.all([
        grants.grantsOfResult(ctx.db, actor, request.params.id),
        formalities.formalitiesOfResult(ctx.db, actor, request.params.id),
      ]);
      return { grants: g.map(grantView), formalities: f.map(formalityView) };
    },
  );

  app.post(
    '/results/:id/rights/decisions',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '作出赋权或权益让渡决定，发送成果完成人团队接受（措施一、六）',
        description: RULES,
        params: IdParams,
        body: GrantBody,
        response: { 201: GrantView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const g = await grants.decideGrant(ctx, requireMember(request), request.params.id, b);
      return reply.code(201).send(grantView(g));
    },
  );

  app.get(
    '/rights/decisions',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位的赋权与权益让渡决定（含约定收益等或有资产）',
        response: { 200: Type.Object({ items: Type.Array(GrantView) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
      const rows = await ctx.db
        .select({ id: rightsGrants.id })
        .from(rightsGrants)
        .innerJoin(results, eq(results.id, rightsGrants.resultId))
        .where(eq(rightsGrants.institutionId, actor.orgId))
        .orderBy(desc(rightsGrants.createdAt))
        .limit(200);
      const items = await Promise.all(rows.map((r) => grants.getGrant(ctx.db, r.id)));
      return { items: items.map(grantView) };
    },
  );

  app.post(
    '/rights/decisions/:id/withdraw',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '在团队答复前撤回决定（须说明理由）',
        params: IdParams,
        body: Type.Object({ reason: Text(RIGHTS_TEXT.basis.max) }, { additionalProperties: false }),
        response: { 200: GrantView, ...errorResponses },
      },
    },
    async (request) =>
      grantView(await grants.withdrawGrant(ctx, requireMember(request), request.params.id, request.body.reason)),
  );

  app.get(
    '/researcher/rights',
    {
      config: { access: 'researcher' },
      schema: {
        tags,
        summary: '我的权益：单位就我参与完成的成果作出的赋权与权益让渡决定（待答复的在前）',
        response: { 200: Type.Object({ items: Type.Array(GrantView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await grants.myGrants(ctx.db, requireResearcher(request))).map(grantView) }),
  );

  app.post(
    '/researcher/rights/:id/answer',
    {
      config: { access: 'researcher' },
      schema: {
        tags,
        summary: '接受或拒绝单位的决定：全体关联成员接受后成果权属变更，任一成员拒绝则决定不生效',
        params: IdParams,
        body: Type.Object(
          { answer: Enum(GRANT_ANSWERS), note: Type.Optional(Text(RIGHTS_TEXT.note.max, 0)) },
          { additionalProperties: false, examples: [{ answer: 'accepted' }] },
        ),
        response: { 200: GrantView, ...errorResponses },
      },
    },
    async (request) =>
      grantView(
        await grants.answerGrant(
          ctx,
          requireResearcher(request),
          request.params.id,
          request.body.answer,
          request.body.note ?? null,
        ),
      ),
  );

  for (const action of ['file', 'approve'] as const) {
    app.post(
      `/rights/formalities/:id/${action}`,
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary:
            action === 'file'
              ? '登记权属变更手续已提交（专利权属变更 / 专利申请权变更），附日期和凭证'
              : '登记权属变更手续已核准，附日期和凭证（核准日不早于提交日）',
          params: IdParams,
          body: StepBody,
          response: { 200: FormalityView, ...errorResponses },
        },
      },
      async (request) =>
        formalityView(
          await formalities.advanceFormality(ctx, requireMember(request), request.params.id, action, request.body),
        ),
    );
  }
};

export default routes;
