import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { PAYLATER_APPLICATION_STATUSES, PAYMENT_KINDS, PAYMENT_TIMINGS } from '../../domain/constants/pool.js';
import type { PayLaterTerms } from '../../domain/paylater.js';
import { shanghaiDate } from '../../domain/results.js';
import { requireActor, requireMember } from '../plugins/session.js';
import {
  CalendarDate,
  DateTime,
  Enum,
  errorResponses,
  Fen,
  IdParams,
  Nullable,
  Page,
  PageQuery,
  Text,
  Uuid,
  Version as VersionSchema,
} from '../schemas.js';
import * as paylater from './paylater.js';
import * as payments from './paylater-payments.js';
import * as reads from './paylater-reads.js';
import {
  LicenceViewSchema,
  licenceView,
  PayLaterApplicationDetail,
  payLaterApplicationDetail,
  PayLaterApplicationSummary,
  payLaterApplicationSummary,
} from './views.js';

// 措施五: 许可费用、支付时间、支付条件.
const TermsFields = {
  feeFen: Type.Optional(Nullable(Fen)),
  royaltyBp: Type.Optional(
    Nullable(Type.Integer({ minimum: 0, maximum: 10_000, description: '销售提成，万分比（1% = 100）' })),
  ),
  paymentTiming: Enum(PAYMENT_TIMINGS),
  paymentDelayMonths: Type.Integer({ minimum: 1, maximum: 120, description: '签约或首次销售后若干个月支付' }),
  termYears: Type.Integer({ minimum: 1, maximum: 20, description: '许可期限（年）' }),
  paymentConditions: Text(2000, 2),
};
const Message = Type.Optional(Text(1000, 0));
const Version = VersionSchema();

const TermsObject = Type.Object(TermsFields);
type TermsBody = Static<typeof TermsObject>;

function terms(b: TermsBody): PayLaterTerms {
  return {
    feeFen: b.feeFen ?? null,
    royaltyBp: b.royaltyBp ?? null,
    paymentTiming: b.paymentTiming,
    paymentDelayMonths: b.paymentDelayMonths,
    termYears: b.termYears,
    paymentConditions: b.paymentConditions,
  };
}

const LicenceParams = Type.Object({
  id: Uuid,
  paymentId: Type.String({ format: 'uuid', description: '付款计划中一笔款项的 ID（UUID）' }),
});

export const OverdueItem = Type.Object({
  paymentId: Uuid,
  licenceId: Uuid,
  seq: Type.Integer(),
  kind: Enum(PAYMENT_KINDS),
  amountFen: Nullable(Type.Integer()),
  dueOn: CalendarDate,
  daysOverdue: Type.Integer(),
  flaggedAt: Nullable(DateTime),
  result: Type.Object({ id: Uuid, title: Type.String() }),
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  institution: Type.Object({ id: Uuid, name: Type.String() }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['先使用后付费许可'];
  const today = () => shanghaiDate(ctx.now());

  app.post(
    '/paylater/applications',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '申请先使用后付费许可（仅限已认证的境内中小微企业，措施五）',
        body: Type.Object(
          { resultId: Uuid, ...TermsObject.properties, message: Message },
          {
            additionalProperties: false,
            examples: [
              {
                resultId: '6f1c2a3e-8b4d-4e5f-9a0b-1c2d3e4f5a6b',
                feeFen: 2_000_000,
                royaltyBp: 300,
                paymentTiming: 'after_first_sales',
                paymentDelayMonths: 6,
                termYears: 5,
                paymentConditions: '首次销售后 6 个月内支付许可费；按年度销售额的 3% 支付提成。',
                message: '我公司拟将该成果用于新一代产品，希望先使用后付费。',
              },
            ],
          },
        ),
        response: { 201: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const view = await paylater.apply(ctx, requireMember(request), {
        resultId: b.resultId,
        terms: terms(b),
        message: b.message ?? '',
      });
      return reply.status(201).send(payLaterApplicationDetail(view));
    },
  );

  app.get(
    '/paylater/applications',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '企业：本企业提交的申请；科研单位：收到的申请',
        querystring: Type.Object({ status: Type.Optional(Enum(PAYLATER_APPLICATION_STATUSES)), ...PageQuery }),
        response: { 200: Page(PayLaterApplicationSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, status } = request.query;
      const { items, total } = await reads.listApplications(ctx.db, requireMember(request), {
        status,
        page,
        pageSize,
      });
      return { items: items.map(payLaterApplicationSummary), total, page, pageSize };
    },
  );

  app.get(
    '/paylater/applications/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '申请详情与磋商记录（仅申请双方可见）',
        params: IdParams,
        response: { 200: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      payLaterApplicationDetail(await reads.getApplication(ctx.db, requireMember(request), request.params.id)),
  );

  app.post(
    '/paylater/applications/:id/accept',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '接受当前条件：科研单位接受企业的申请，或企业接受科研单位的还价；随即生成许可和付款计划',
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      payLaterApplicationDetail(
        await paylater.act(ctx, requireMember(request), request.params.id, 'accept', request.body),
      ),
  );

  app.post(
    '/paylater/applications/:id/counter',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '科研单位还价：提出新的许可费用、支付时间和支付条件',
        params: IdParams,
        body: Type.Object(
          { version: Version, ...TermsObject.properties, message: Message },
          { additionalProperties: false },
        ),
        response: { 200: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const view = await paylater.act(ctx, requireMember(request), request.params.id, 'counter', {
        version: b.version,
        terms: terms(b),
        message: b.message ?? '',
      });
      return payLaterApplicationDetail(view);
    },
  );

  app.post(
    '/paylater/applications/:id/decline',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '拒绝：科研单位拒绝申请，或企业拒绝还价（须说明理由）',
        params: IdParams,
        body: Type.Object({ version: Version, reason: Text(1000, 2) }, { additionalProperties: false }),
        response: { 200: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      payLaterApplicationDetail(
        await paylater.act(ctx, requireMember(request), request.params.id, 'decline', request.body),
      ),
  );

  app.post(
    '/paylater/applications/:id/withdraw',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '企业撤回尚未答复的申请',
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: PayLaterApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      payLaterApplicationDetail(
        await paylater.act(ctx, requireMember(request), request.params.id, 'withdraw', request.body),
      ),
  );

  app.get(
    '/paylater/licences',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '本机构的先使用后付费许可及付款计划',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(LicenceViewSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await reads.listLicences(ctx.db, requireMember(request), page, pageSize);
      const d = today();
      return { items: items.map((v) => licenceView(v, d)), total, page, pageSize };
    },
  );

  app.get(
    '/paylater/licences/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '许可详情与付款计划（许可双方和平台运营方可见）',
        params: IdParams,
        response: { 200: LicenceViewSchema, ...errorResponses },
      },
    },
    async (request) => licenceView(await reads.getLicence(ctx.db, requireActor(request), request.params.id), today()),
  );

  app.post(
    '/paylater/licences/:id/first-sales',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '被许可企业登记首次销售日期（支付时间以首次销售起算的许可）',
        params: IdParams,
        body: Type.Object({ firstSalesOn: CalendarDate }, { additionalProperties: false }),
        response: { 200: LicenceViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      licenceView(
        await payments.reportFirstSales(ctx, requireMember(request), request.params.id, request.body.firstSalesOn),
        today(),
      ),
  );

  app.post(
    '/paylater/licences/:id/payments/:paymentId/received',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '科研单位登记收款（销售提成须填写实收金额）',
        params: LicenceParams,
        body: Type.Object(
          { receivedOn: CalendarDate, amountFen: Type.Optional(Nullable(Fen)), note: Type.Optional(Text(500, 0)) },
          { additionalProperties: false },
        ),
        response: { 200: LicenceViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { receivedOn, amountFen, note } = request.body;
      const view = await payments.markPaymentReceived(
        ctx,
        requireMember(request),
        request.params.id,
        request.params.paymentId,
        { receivedOn, amountFen: amountFen ?? null, note: note ?? '' },
      );
      return licenceView(view, today());
    },
  );

  app.get(
    '/operator/paylater/overdue',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '逾期未付的先用后付款项（逾期最久的在前）',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(OverdueItem), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { today: d, items, total } = await reads.overduePayments(ctx, page, pageSize);
      const days = (due: string) => Math.round((Date.parse(d) - Date.parse(due)) / 86_400_000);
      return {
        items: items.map((r) => ({
          paymentId: r.payment.id,
          licenceId: r.licence.id,
          seq: r.payment.seq,
          kind: r.payment.kind,
          amountFen: r.payment.amountFen,
          dueOn: r.payment.dueOn!,
          daysOverdue: days(r.payment.dueOn!),
          flaggedAt: r.payment.overdueAt?.toISOString() ?? null,
          result: { id: r.licence.resultId, title: r.resultTitle },
          enterprise: { id: r.licence.enterpriseId, name: r.enterpriseName },
          institution: { id: r.licence.institutionId, name: r.institutionName },
        })),
        total,
        page,
        pageSize,
      };
    },
  );
};

export default routes;
