// 科技成果转化奖励和报酬 (措施三、十二; docs/remuneration.md): the institution's reward policy,
// a conversion's funding terms and costs, computing rewards from received income, approving and
// paying them. The researcher's own statement is statement-routes.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CONVERSION_COST_KINDS,
  CONVERSION_FUNDING_SOURCES,
  REMUNERATION_ENTRY_STATUSES,
} from '../../domain/constants/remuneration.js';
import { DECISION_TEXT } from '../../domain/constants/dossiers.js';
import { requireMember } from '../plugins/session.js';
import { CalendarDate, Enum, errorResponses, IdParams, Nullable, Text, Uuid } from '../schemas.js';
import { computeCashAward, computeEquityAward, conversionRemuneration } from './awards.js';
import { listCosts, recordCost, reverseCost } from './costs.js';
import { approveEntries, correctEntry, listEntries, payEntries } from './entries.js';
import { policyHistory, setPolicy, setTerms } from './policy.js';
import {
  awardView,
  ConversionCostView,
  ConversionRemunerationView,
  conversionRemunerationView,
  costView,
  entryView,
  policyView,
  queueItemView,
  RemunerationAwardResult,
  RemunerationEntryView,
  RemunerationPolicyView,
  RemunerationQueueItem,
  RemunerationTermsView,
  termsView,
} from './views.js';

const Bp = Type.Integer({ minimum: 0, maximum: 10_000, description: '万分比（1% = 100）' });
const Opt = <T extends Parameters<typeof Nullable>[0]>(s: T) => Type.Optional(Nullable(s));

// 措施十四: who decided (the body), when it met, and on what basis.
const decisionFields = {
  decisionBody: Text(DECISION_TEXT.body.max, 0),
  meetingDate: Opt(CalendarDate),
  basis: Text(DECISION_TEXT.basis.max, 0),
};

const PolicyBody = Type.Object(
  {
    cashShareBp: Bp,
    equityShareBp: Bp,
    horizontalMinShareBp: Bp,
    horizontalJustification: Opt(Text(2000, 0)),
    ...decisionFields,
  },
  {
    additionalProperties: false,
    examples: [
      {
        cashShareBp: 7000,
        equityShareBp: 7000,
        horizontalMinShareBp: 9000,
        decisionBody: '科技成果转化领导小组',
        meetingDate: '2026-01-15',
        basis: '《促进科技成果转化法》第四十五条；辽宁省若干措施（三）（十二）；本校科技成果转化管理办法第二十条',
      },
    ],
  },
);

const TermsBody = Type.Object(
  {
    funding: Enum(CONVERSION_FUNDING_SOURCES),
    agreedShareBp: Opt(Bp),
    justification: Opt(Text(2000, 0)),
    ...decisionFields,
  },
  { additionalProperties: false },
);

const CostBody = Type.Object(
  {
    kind: Enum(CONVERSION_COST_KINDS),
    amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 }),
    incurredOn: CalendarDate,
    evidenceRef: Text(200, 0),
    documentId: Opt(Uuid),
    note: Type.Optional(Text(1000, 0)),
  },
  { additionalProperties: false },
);

const EntryIds = Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true });

const CostParams = Type.Object({
  id: Type.String({ format: 'uuid', description: '转化 ID（UUID）' }),
  costId: Type.String({ format: 'uuid', description: '费用记录 ID（UUID）' }),
});
const EntryParams = Type.Object({ id: Type.String({ format: 'uuid', description: '奖励记录 ID（UUID）' }) });
const PaymentParams = Type.Object({ id: Type.String({ format: 'uuid', description: '到账记录 ID（UUID）' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx } = app;
  const tags = ['转化奖励'];

  app.get(
    '/remuneration/policy',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位的科技成果转化奖励和报酬政策（现行版本与历次版本，措施十二、三）',
        response: {
          200: Type.Object({ current: Nullable(RemunerationPolicyView), history: Type.Array(RemunerationPolicyView) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const history = await policyHistory(ctx.db, requireMember(request));
      return { current: history[0] ? policyView(history[0]) : null, history: history.map(policyView) };
    },
  );

  app.put(
    '/remuneration/policy',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary:
          '设置奖励政策（新版本）：团队所得比例（现金、股权）与横向结余经费出资转化的科研人员最低占比（低于90%须说明理由）；须写明决策机构和依据',
        body: PolicyBody,
        response: { 200: RemunerationPolicyView, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      return policyView(
        await setPolicy(ctx, requireMember(request), {
          ...b,
          horizontalJustification: b.horizontalJustification ?? null,
          meetingDate: b.meetingDate ?? null,
        }),
      );
    },
  );

  app.get(
    '/remuneration/conversions/:id',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '一项转化的收益与奖励：到账收入、费用、净收入、团队比例、已计算的奖励及待计算的到账',
        params: IdParams,
        response: { 200: ConversionRemunerationView, ...errorResponses },
      },
    },
    async (request) =>
      conversionRemunerationView(await conversionRemuneration(ctx.db, requireMember(request), request.params.id)),
  );

  app.put(
    '/remuneration/conversions/:id/terms',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记转化的出资方式：横向科研项目结余经费出资的，约定科研人员收益占比（原则上不低于90%，措施三）',
        params: IdParams,
        body: TermsBody,
        response: { 200: RemunerationTermsView, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      return termsView(
        await setTerms(ctx, requireMember(request), request.params.id, {
          ...b,
          agreedShareBp: b.agreedShareBp ?? null,
          justification: b.justification ?? null,
          meetingDate: b.meetingDate ?? null,
        }),
      );
    },
  );

  app.get(
    '/remuneration/conversions/:id/costs',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '转化的费用（专利费、维持费、评估费、中介佣金、税费等），含冲销记录',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ConversionCostView) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listCosts(ctx.db, requireMember(request), request.params.id)).map(costView),
    }),
  );

  app.post(
    '/remuneration/conversions/:id/costs',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记一笔转化费用（须附凭证编号，可关联已上传的文件）；净收入 = 到账收入 − 费用',
        params: IdParams,
        body: CostBody,
        response: { 201: ConversionCostView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const cost = await recordCost(ctx, requireMember(request), request.params.id, {
        kind: b.kind,
        amountFen: b.amountFen,
        incurredOn: b.incurredOn,
        evidenceRef: b.evidenceRef,
        documentId: b.documentId ?? null,
        note: b.note ?? '',
      });
      return reply.status(201).send(costView(cost));
    },
  );

  app.post(
    '/remuneration/conversions/:id/costs/:costId/reverse',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '冲销一笔登记有误的费用（新增一条负数记录，原记录保留）',
        params: CostParams,
        body: Type.Object({ reason: Text(1000, 0) }, { additionalProperties: false }),
        response: { 201: ConversionCostView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const cost = await reverseCost(
        ctx,
        requireMember(request),
        request.params.id,
        request.params.costId,
        request.body.reason,
      );
      return reply.status(201).send(costView(cost));
    },
  );

  app.post(
    '/remuneration/payments/:id/award',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '按一笔已到账收入计算团队现金奖励，并按贡献份额拆分到成员（分，最大余额法；正职领导单列）',
        params: PaymentParams,
        response: { 201: RemunerationAwardResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await computeCashAward(ctx, requireMember(request), request.params.id);
      return reply.status(201).send({ award: awardView(r.award), entries: r.entries.map(entryView) });
    },
  );

  app.post(
    '/remuneration/conversions/:id/equity-award',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '按作价投资取得的股权计算团队股份或出资比例奖励，并按贡献份额拆分（措施十二）',
        params: IdParams,
        response: { 201: RemunerationAwardResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await computeEquityAward(ctx, requireMember(request), request.params.id);
      return reply.status(201).send({ award: awardView(r.award), entries: r.entries.map(entryView) });
    },
  );

  app.get(
    '/remuneration/entries',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位的奖励记录：待审批、待发放、已发放，以及单列的正职领导名单（separate）',
        querystring: Type.Object(
          { status: Enum(REMUNERATION_ENTRY_STATUSES, { description: '按状态筛选' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(RemunerationQueueItem) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listEntries(ctx.db, requireMember(request), request.query.status)).map(queueItemView),
    }),
  );

  app.post(
    '/remuneration/entries/approve',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '审批奖励记录（收入须已到账；正职领导不在此审批；须写明决策机构和依据，措施十四）',
        body: Type.Object({ entryIds: EntryIds, ...decisionFields }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(RemunerationEntryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { entryIds, ...meta } = request.body;
      const rows = await approveEntries(ctx, requireMember(request), entryIds, {
        ...meta,
        meetingDate: meta.meetingDate ?? null,
      });
      return { items: rows.map(entryView) };
    },
  );

  app.post(
    '/remuneration/entries/pay',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '将已审批的奖励标记为已发放（现金发放或股份登记），写明发放日期、凭证、决策机构和依据',
        body: Type.Object(
          { entryIds: EntryIds, paidOn: CalendarDate, paidRef: Text(200, 0), ...decisionFields },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(RemunerationEntryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { entryIds, ...input } = request.body;
      const rows = await payEntries(ctx, requireMember(request), entryIds, {
        ...input,
        meetingDate: input.meetingDate ?? null,
      });
      return { items: rows.map(entryView) };
    },
  );

  app.post(
    '/remuneration/entries/:id/correct',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '更正已审批或已发放的奖励：新增一条差额记录（原记录不变），差额记录须另行审批',
        params: EntryParams,
        body: Type.Object(
          {
            deltaFen: Type.Integer({
              minimum: -10_000_000_000_000,
              maximum: 10_000_000_000_000,
              description: '调整金额（分），可为负',
            }),
            reason: Text(1000, 0),
          },
          { additionalProperties: false },
        ),
        response: { 201: RemunerationEntryView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await correctEntry(
        ctx,
        requireMember(request),
        request.params.id,
        request.body.deltaFen,
        request.body.reason,
      );
      return reply.status(201).send(entryView(row));
    },
  );
};

export default routes;
