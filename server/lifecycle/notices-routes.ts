// Routes of the public notice board and objections (公示与异议, 措施四): the board of listings under
// notice, filing, answering, withdrawing and (operators) dismissing objections, and the institution's
// decision after a notice that ended with a standing objection.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorUserId } from '../../domain/actor.js';
import { OBJECTION_DECISIONS } from '../../domain/constants/lifecycle.js';
import { getListing } from '../listings/reads.js';
import { ListingDetail, listingDetail } from '../listings/views.js';
import { requireActor, requireMember, requireOperator } from '../plugins/session.js';
import { Enum, errorResponses, Fen, IdParams, Nullable, Page, PageQuery, Text } from '../schemas.js';
import * as notices from './notices.js';
import * as decisions from './objection-decisions.js';
import { NoticeBoardItem, noticeBoardItem, ObjectionView, objectionView } from './views.js';
import { Items } from './route-schemas.js';

const Reason = (max = 2000) => Text(max, 5);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  const tags = ['公示与异议'];

  app.get(
    '/notices',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公示栏：公示中的协议定价项目（成果名称、拟交易价格、拟受让方、截止时间、异议数）',
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Page(NoticeBoardItem), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await notices.noticeBoard(ctx.db, page, pageSize);
      return { items: items.map(noticeBoardItem), total, page, pageSize };
    },
  );

  app.get(
    '/listings/:id/objections',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '项目的异议（发布单位和运营方可见全部，其他单位只见本单位提出的）',
        params: IdParams,
        response: { 200: Items(ObjectionView), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const items = await notices.listObjections(ctx.db, actor, request.params.id);
      return { items: items.map((o) => objectionView(o, o.organisationName, actorUserId(actor))) };
    },
  );

  app.post(
    '/listings/:id/objections',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary:
          '对公示中的项目提出异议（发布单位本单位人员每人一次，其他已认证单位每个单位一次；拟受让方不能提出；须说明理由）',
        params: IdParams,
        body: Type.Object(
          { reason: Reason() },
          {
            additionalProperties: false,
            examples: [{ reason: '该成果的核心专利与我公司在先申请的专利存在权属争议，请核实。' }],
          },
        ),
        response: { 201: ObjectionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const o = await notices.fileObjection(ctx, actor, request.params.id, request.body.reason);
      const [mine] = (await notices.listObjections(ctx.db, actor, request.params.id)).filter((x) => x.id === o.id);
      return reply.status(201).send(objectionView(o, mine?.organisationName ?? '', actor.userId));
    },
  );

  const objectionReply = async (actor: Parameters<typeof notices.listObjections>[1], listingId: string, id: string) => {
    const found = (await notices.listObjections(ctx.db, actor, listingId)).find((o) => o.id === id)!;
    return objectionView(found, found.organisationName, actorUserId(actor));
  };

  app.post(
    '/objections/:id/response',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '发布单位答复异议（公示期内，每条异议答复一次）',
        params: IdParams,
        body: Type.Object({ text: Reason() }, { additionalProperties: false }),
        response: { 200: ObjectionView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const o = await notices.respondToObjection(ctx, actor, request.params.id, request.body.text);
      return objectionReply(actor, o.listingId, o.id);
    },
  );

  app.post(
    '/objections/:id/withdraw',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '撤回本单位提出的异议（公示期内）',
        params: IdParams,
        response: { 200: ObjectionView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const o = await notices.withdrawObjection(ctx, actor, request.params.id);
      return objectionReply(actor, o.listingId, o.id);
    },
  );

  app.post(
    '/listings/:id/objection-decision',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary:
          '公示存在异议时发布单位作出决定：挂牌交易（按公示价格，挂牌期半个月）、调整价格重新公示或撤回（措施四；异议处理期内）',
        params: IdParams,
        body: Type.Object(
          {
            decision: Enum(OBJECTION_DECISIONS),
            // renotice only: the revised proposed price (拟交易价格) in 分.
            priceFen: Type.Optional(Nullable(Fen)),
            reason: Type.Optional(Text(2000, 0)),
          },
          {
            additionalProperties: false,
            examples: [
              {
                decision: 'renotice',
                priceFen: 65_000_000,
                reason: '异议认为价格偏低，参考第三方评估调整拟交易价格。',
              },
            ],
          },
        ),
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const b = request.body;
      await decisions.decideObjection(ctx, actor, request.params.id, {
        decision: b.decision,
        priceFen: b.priceFen ?? null,
        reason: b.reason ?? '',
      });
      return listingDetail(await getListing(ctx.db, actor, request.params.id));
    },
  );

  app.post(
    '/operator/objections/:id/dismiss',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营', ...tags],
        summary: '驳回恶意异议（须说明理由）',
        params: IdParams,
        body: Type.Object({ reason: Reason(1000) }, { additionalProperties: false }),
        response: { 200: ObjectionView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireOperator(request);
      const o = await notices.dismissObjection(ctx, actor, request.params.id, request.body.reason);
      return objectionReply(actor, o.listingId, o.id);
    },
  );
};

export default routes;
