// Routes of the conversion ledger (docs/ledger.md): the institution's conversions, contracts,
// schedules, payments, income, asset register and exports; the enterprise's obligations; the
// operators' overdue list. Handlers validate, call one service and shape the reply (views.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CONTRACT_STATUSES, CONVERSION_ROUTES, CONVERSION_TYPES } from '../../domain/constants/ledger.js';
import { CONTRACT_ACTIONS } from '../../domain/ledger.js';
import { INCOME_GRANULARITIES } from '../../domain/ledger-money.js';
import { shanghaiDate } from '../../domain/results.js';
import { requireActor, requireMember } from '../plugins/session.js';
import { CalendarDate, Enum, errorResponses, Fen, IdParams, Page, PageQuery, Text, Uuid } from '../schemas.js';
import { recordOffPlatform } from './conversions.js';
import { registerContract, transitionContract } from './contracts.js';
import { confirmImplementation } from './implementation.js';
import { incomeReport } from './income.js';
import { recordPayment, replaceSchedule, reportRoyalty } from './payments.js';
import { getConversion, listConversions } from './reads.js';
import {
  lines,
  OffPlatformBody,
  offPlatformInput,
  Opt,
  RangeQuery,
  Reason,
  Ref,
  ScheduleLineBody,
} from './route-schemas.js';
import {
  ContractView,
  contractView,
  ConversionDetailView,
  conversionDetail,
  ConversionSummary,
  conversionSummary,
  IncomeReport,
} from './views.js';
import { LEDGER_TEXT } from '../../domain/constants/ledger.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['转化台账'];
  const today = () => shanghaiDate(ctx.now());

  app.get(
    '/ledger/conversions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '转化记录：科研单位看本单位的，企业看本企业为受让方/委托方的（可筛选）',
        querystring: Type.Object({
          route: Type.Optional(Enum(CONVERSION_ROUTES)),
          status: Type.Optional(Enum(CONTRACT_STATUSES)),
          transactionType: Type.Optional(Enum(CONVERSION_TYPES)),
          resultId: Type.Optional(Uuid),
          signedFrom: Type.Optional(CalendarDate),
          signedTo: Type.Optional(CalendarDate),
          overdue: Type.Optional(Type.Boolean()),
          ...PageQuery,
        }),
        response: { 200: Page(ConversionSummary), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const q = request.query;
      const { page = 1, pageSize = 20 } = q;
      const { items, total } = await listConversions(
        ctx.db,
        actor,
        actor.orgKind === 'institution' ? 'institution' : 'counterparty',
        {
          route: q.route ?? null,
          status: q.status ?? null,
          transactionType: q.transactionType ?? null,
          resultId: q.resultId ?? null,
          signedFrom: q.signedFrom ?? null,
          signedTo: q.signedTo ?? null,
          overdue: q.overdue ?? false,
        },
        page,
        pageSize,
        today(),
      );
      return { items: items.map(conversionSummary), total, page, pageSize };
    },
  );

  app.post(
    '/ledger/conversions',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记平台外转化（须附证明材料和定价依据，措施十四；涉密成果须附审批备案和保密协议编号，措施十五）',
        body: OffPlatformBody,
        response: { 201: ConversionDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const conversion = await recordOffPlatform(ctx, actor, offPlatformInput(request.body));
      return reply.status(201).send(conversionDetail(await getConversion(ctx.db, actor, conversion.id, ctx.now())));
    },
  );

  app.get(
    '/ledger/conversions/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '转化记录详情：合同、付款计划、收款、提成报告、股权（科研单位、对方和运营方可见）',
        params: IdParams,
        response: { 200: ConversionDetailView, ...errorResponses },
      },
    },
    async (request) =>
      conversionDetail(await getConversion(ctx.db, requireActor(request), request.params.id, ctx.now())),
  );

  app.post(
    '/ledger/conversions/:id/contract/transition',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '合同签订生效、履行完毕或终止（终止须说明原因；影响成果“已转化”状态）',
        params: IdParams,
        body: Type.Object(
          { action: Enum(CONTRACT_ACTIONS), signedOn: Opt(CalendarDate), reason: Reason },
          { additionalProperties: false },
        ),
        response: { 200: ContractView, ...errorResponses },
      },
    },
    async (request) =>
      contractView(
        await transitionContract(ctx, requireMember(request), request.params.id, {
          action: request.body.action,
          signedOn: request.body.signedOn ?? null,
          reason: request.body.reason ?? null,
        }),
      ),
  );

  app.post(
    '/ledger/conversions/:id/implementation',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '受让/被许可企业确认平台外转化或先使用后付费许可的项目已在本企业落地实施（合同生效后，一次；措施八）',
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Text(LEDGER_TEXT.note.max, 0)) }, { additionalProperties: false }),
        response: { 200: ConversionDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await confirmImplementation(ctx, actor, request.params.id, request.body.note ?? null);
      return conversionDetail(await getConversion(ctx.db, actor, request.params.id, ctx.now()));
    },
  );

  app.put(
    '/ledger/conversions/:id/contract/registration',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记技术合同认定登记编号和日期（同一单位内编号不得重复）',
        params: IdParams,
        body: Type.Object(
          {
            registrationNo: Ref(50),
            registeredOn: CalendarDate,
            contractNo: Opt(Ref()),
            reason: Reason,
            version: Type.Integer({ minimum: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ContractView, ...errorResponses },
      },
    },
    async (request) =>
      contractView(
        await registerContract(ctx, requireMember(request), request.params.id, {
          ...request.body,
          contractNo: request.body.contractNo ?? null,
          reason: request.body.reason ?? null,
        }),
      ),
  );

  app.put(
    '/ledger/conversions/:id/schedule',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '设置付款计划（各期金额之和须等于合同金额，提成支付除外；已有收款时不能整体替换）',
        params: IdParams,
        body: Type.Object(
          { items: Type.Array(ScheduleLineBody, { maxItems: 240 }), reason: Reason },
          { additionalProperties: false },
        ),
        response: { 200: ConversionDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await replaceSchedule(ctx, actor, request.params.id, lines(request.body.items), request.body.reason ?? null);
      return conversionDetail(await getConversion(ctx.db, actor, request.params.id, ctx.now()));
    },
  );

  app.post(
    '/ledger/conversions/:id/payments',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记收款（不得超过未收金额，超额支付须勾选并说明原因；收益全部留归本单位，措施二）',
        params: IdParams,
        body: Type.Object(
          {
            scheduleItemId: Opt(Uuid),
            amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 }),
            receivedOn: CalendarDate,
            payerName: Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min),
            evidenceRef: Type.Optional(Text(LEDGER_TEXT.reference.max, 0)),
            overpayment: Type.Optional(Type.Boolean()),
            overpaymentReason: Reason,
            note: Type.Optional(Text(LEDGER_TEXT.note.max, 0)),
          },
          { additionalProperties: false },
        ),
        response: { 201: ConversionDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const b = request.body;
      await recordPayment(ctx, actor, request.params.id, {
        scheduleItemId: b.scheduleItemId ?? null,
        amountFen: b.amountFen,
        receivedOn: b.receivedOn,
        payerName: b.payerName,
        evidenceRef: b.evidenceRef ?? '',
        overpayment: b.overpayment ?? false,
        overpaymentReason: b.overpaymentReason ?? null,
        note: b.note ?? '',
      });
      return reply.status(201).send(conversionDetail(await getConversion(ctx.db, actor, request.params.id, ctx.now())));
    },
  );

  app.post(
    '/ledger/conversions/:id/royalty-reports',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记某一提成期的销售额和提成金额',
        params: IdParams,
        body: Type.Object(
          {
            scheduleItemId: Uuid,
            periodStartsOn: CalendarDate,
            periodEndsOn: CalendarDate,
            salesFen: Fen,
            royaltyFen: Opt(Fen),
            reportedOn: CalendarDate,
          },
          { additionalProperties: false },
        ),
        response: { 201: ConversionDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      await reportRoyalty(ctx, actor, request.params.id, {
        ...request.body,
        royaltyFen: request.body.royaltyFen ?? null,
      });
      return reply.status(201).send(conversionDetail(await getConversion(ctx.db, actor, request.params.id, ctx.now())));
    },
  );

  app.get(
    '/ledger/income',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位转化收入（按实际收款计算，按月、季度或年汇总，并按成果列出；措施二）',
        querystring: Type.Object({ granularity: Type.Optional(Enum(INCOME_GRANULARITIES)), ...RangeQuery }),
        response: { 200: IncomeReport, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const { granularity = 'month', from, to } = request.query;
      const range = { from: from ?? null, to: to ?? null };
      return { granularity, ...(await incomeReport(ctx.db, actor.orgId, granularity, range)) };
    },
  );
};

export default routes;
