// Routes of the listing lifecycle (DESIGN §5): the public notice board and objections, claims in the
// listing window, showcase inquiries and renewal, demand proposals / award / landing / reward, and
// the deal. Handlers validate, call one service function and shape the reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { APPRAISAL_DECISIONS } from '../../domain/constants/lifecycle.js';
import { OWNERSHIP_TYPES } from '../../domain/constants/organisations.js';
import { TRANSACTION_TYPES } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import { requireActor, requireMember, requireOperator } from '../plugins/session.js';
import { Enum, errorResponses, Fen, IdParams, Nullable, Page, PageQuery, Text, Uuid } from '../schemas.js';
import * as claims from './claims.js';
import * as deals from './deals.js';
import * as demands from './demands.js';
import * as listings from '../listings/reads.js';
import * as notices from './notices.js';
import * as showcase from './showcase.js';
import {
  ClaimView,
  claimView,
  DealRecord,
  dealRecord,
  HandOverAuction,
  handOverAuction,
  InquiryView,
  inquiryView,
  listingRef,
  MyClaim,
  MyProposal,
  NoticeBoardItem,
  noticeBoardItem,
  ObjectionView,
  objectionView,
  ProposalView,
  proposalView,
} from './views.js';
import { ListingDetail, listingDetail } from '../listings/views.js';

const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', maxLength: 20 });
const Reason = (max = 2000) => Text(max, 5);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const detail = async (actor: Parameters<typeof listings.getListing>[1], id: string) =>
    listingDetail(await listings.getListing(ctx.db, actor, id));

  // ---- 公示与异议 (措施四) ----
  {
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
      async (request) => ({
        items: (await notices.listObjections(ctx.db, requireActor(request), request.params.id)).map((o) =>
          objectionView(o, o.organisationName),
        ),
      }),
    );

    app.post(
      '/listings/:id/objections',
      {
        config: { access: 'member' },
        schema: {
          tags,
          summary: '对公示中的项目提出异议（已认证单位，须说明理由，每个单位一次）',
          params: IdParams,
          body: Type.Object({ reason: Reason() }, { additionalProperties: false }),
          response: { 201: ObjectionView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const o = await notices.fileObjection(ctx, actor, request.params.id, request.body.reason);
        const [mine] = (await notices.listObjections(ctx.db, actor, request.params.id)).filter((x) => x.id === o.id);
        return reply.status(201).send(objectionView(o, mine?.organisationName ?? ''));
      },
    );

    const objectionReply = async (
      actor: Parameters<typeof notices.listObjections>[1],
      listingId: string,
      id: string,
    ) => {
      const found = (await notices.listObjections(ctx.db, actor, listingId)).find((o) => o.id === id)!;
      return objectionView(found, found.organisationName);
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
  }

  // ---- 挂牌与摘牌 ----
  {
    const tags = ['挂牌与摘牌'];

    app.post(
      '/listings/:id/claims',
      {
        config: { access: 'enterprise' },
        schema: {
          tags,
          summary: '按挂牌价摘牌（已认证企业，挂牌期内，每个企业一次）',
          params: IdParams,
          response: { 201: ClaimView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const c = await claims.claimListing(ctx, actor, request.params.id);
        const [mine] = (await claims.listClaims(ctx.db, actor, request.params.id)).filter((x) => x.id === c.id);
        return reply.status(201).send(claimView(c, mine?.organisationName ?? ''));
      },
    );

    app.get(
      '/listings/:id/claims',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '项目的摘牌记录（发布单位和运营方可见全部，企业只见本企业的）',
          params: IdParams,
          response: { 200: Items(ClaimView), ...errorResponses },
        },
      },
      async (request) => ({
        items: (await claims.listClaims(ctx.db, requireActor(request), request.params.id)).map((c) =>
          claimView(c, c.organisationName),
        ),
      }),
    );

    app.get(
      '/my/claims',
      {
        config: { access: 'enterprise' },
        schema: {
          tags,
          summary: '本企业的摘牌（最新在前）',
          querystring: Type.Object({ ...PageQuery }),
          response: { 200: Page(MyClaim), ...errorResponses },
        },
      },
      async (request) => {
        const { page = 1, pageSize = 20 } = request.query;
        const { items, total } = await claims.myClaims(ctx.db, requireMember(request), page, pageSize);
        return {
          items: items.map((c) => ({ ...claimView(c, c.organisationName), listing: listingRef(c.listing) })),
          total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      '/listings/:id/hand-over',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '挂牌期满转入的拍卖（竞买人只看到本单位的竞买号）',
          params: IdParams,
          response: { 200: HandOverAuction, ...errorResponses },
        },
      },
      async (request) => {
        await listings.getListing(ctx.db, request.actor, request.params.id);
        const found = await claims.handOverAuction(ctx.db, request.params.id);
        if (!found) throw new AppError('AUCTION_NOT_FOUND');
        const orgId = request.actor?.type === 'member' ? request.actor.orgId : null;
        return handOverAuction(found.auction, found.participants, orgId);
      },
    );
  }

  // ---- 面议咨询 ----
  {
    const tags = ['面议咨询'];

    app.post(
      '/listings/:id/inquiries',
      {
        config: { access: 'enterprise' },
        schema: {
          tags,
          summary: '向面议项目的发布单位咨询（已认证企业，展示期内）',
          params: IdParams,
          body: Type.Object(
            { message: Text(2000, 5), contactName: Text(50), contactPhone: Phone },
            { additionalProperties: false },
          ),
          response: { 201: InquiryView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const i = await showcase.sendInquiry(ctx, actor, request.params.id, request.body);
        const [mine] = (await showcase.listInquiries(ctx.db, actor, request.params.id)).filter((x) => x.id === i.id);
        return reply.status(201).send(inquiryView(i, mine?.organisationName ?? ''));
      },
    );

    app.get(
      '/listings/:id/inquiries',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '面议咨询（发布单位和运营方可见全部，企业只见本企业的）',
          params: IdParams,
          response: { 200: Items(InquiryView), ...errorResponses },
        },
      },
      async (request) => ({
        items: (await showcase.listInquiries(ctx.db, requireActor(request), request.params.id)).map((i) =>
          inquiryView(i, i.organisationName),
        ),
      }),
    );

    app.post(
      '/listings/:id/renew',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '到期下架的面议项目重新展示一个展示期',
          params: IdParams,
          response: { 200: ListingDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireMember(request);
        await showcase.renewShowcase(ctx, actor, request.params.id);
        return detail(actor, request.params.id);
      },
    );
  }

  // ---- 揭榜 (措施八) ----
  {
    const tags = ['揭榜'];

    app.post(
      '/listings/:id/proposals',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '提交揭榜方案（已认证科研单位，截止前；仅需求企业和运营方可见）',
          params: IdParams,
          body: Type.Object(
            {
              team: Text(2000, 2),
              approach: Text(10_000, 10),
              timeline: Text(2000, 2),
              quoteFen: Fen,
            },
            { additionalProperties: false },
          ),
          response: { 201: ProposalView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const p = await demands.submitProposal(ctx, actor, request.params.id, request.body);
        const full = await demands.getProposal(ctx.db, actor, p.id);
        return reply.status(201).send(proposalView(full, full.organisationName));
      },
    );

    app.get(
      '/listings/:id/proposals',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '需求的揭榜方案（需求企业和运营方可见全部，科研单位只见本单位的）',
          params: IdParams,
          response: { 200: Items(ProposalView), ...errorResponses },
        },
      },
      async (request) => ({
        items: (await demands.listProposals(ctx.db, requireActor(request), request.params.id)).map((p) =>
          proposalView(p, p.organisationName),
        ),
      }),
    );

    app.get(
      '/my/proposals',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '本单位的揭榜方案（最新在前）',
          querystring: Type.Object({ ...PageQuery }),
          response: { 200: Page(MyProposal), ...errorResponses },
        },
      },
      async (request) => {
        const { page = 1, pageSize = 20 } = request.query;
        const { items, total } = await demands.myProposals(ctx.db, requireMember(request), page, pageSize);
        return {
          items: items.map((p) => ({ ...proposalView(p, p.organisationName), listing: listingRef(p.listing) })),
          total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      '/proposals/:id',
      {
        config: { access: 'signed_in' },
        schema: { tags, summary: '揭榜方案详情', params: IdParams, response: { 200: ProposalView, ...errorResponses } },
      },
      async (request) => {
        const p = await demands.getProposal(ctx.db, requireActor(request), request.params.id);
        return proposalView(p, p.organisationName);
      },
    );

    app.post(
      '/proposals/:id/withdraw',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '撤回本单位的揭榜方案（截止前）',
          params: IdParams,
          response: { 200: ProposalView, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireMember(request);
        const p = await demands.withdrawProposal(ctx, actor, request.params.id);
        const full = await demands.getProposal(ctx.db, actor, p.id);
        return proposalView(full, full.organisationName);
      },
    );

    app.post(
      '/listings/:id/award',
      {
        config: { access: 'enterprise' },
        schema: {
          tags,
          summary: '定榜：评选期内选定一个或多个揭榜方案，其余方案未入选',
          params: IdParams,
          body: Type.Object(
            { proposalIds: Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true }) },
            { additionalProperties: false },
          ),
          response: { 200: ListingDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireMember(request);
        await demands.awardProposals(ctx, actor, request.params.id, request.body.proposalIds);
        return detail(actor, request.params.id);
      },
    );

    app.post(
      '/proposals/:id/confirm-landing',
      {
        config: { access: 'member' },
        schema: {
          tags,
          summary: '确认揭榜项目落地（需求企业与中榜科研单位各确认一次）',
          params: IdParams,
          response: { 200: ProposalView, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireMember(request);
        const p = await demands.confirmLanding(ctx, actor, request.params.id);
        const full = await demands.getProposal(ctx.db, actor, p.id);
        return proposalView(full, full.organisationName);
      },
    );

    const Reward = Type.Object({
      confirmed: Type.Boolean(),
      note: Nullable(Type.String()),
      confirmedAt: Nullable(Type.String()),
    });

    app.post(
      '/operator/listings/:id/confirm-reward',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['运营', ...tags],
          summary: '确认已落地需求的奖励性后补助资格（措施八）',
          params: IdParams,
          body: Type.Object({ note: Type.Optional(Text(1000, 0)) }, { additionalProperties: false }),
          response: { 200: Reward, ...errorResponses },
        },
      },
      async (request) => {
        const rc = await demands.confirmReward(
          ctx,
          requireOperator(request),
          request.params.id,
          request.body.note ?? '',
        );
        return { confirmed: true, note: rc.note, confirmedAt: rc.createdAt.toISOString() };
      },
    );

    app.get(
      '/listings/:id/reward',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '奖励性后补助资格确认情况（说明仅需求企业和运营方可见）',
          params: IdParams,
          response: { 200: Reward, ...errorResponses },
        },
      },
      async (request) => {
        const view = await listings.getListing(ctx.db, request.actor, request.params.id);
        const rc = await demands.rewardConfirmation(ctx.db, request.params.id);
        return {
          confirmed: rc !== null,
          note: rc && view.privileged ? rc.note : null,
          confirmedAt: rc?.createdAt.toISOString() ?? null,
        };
      },
    );
  }

  // ---- 成交 (措施四、措施十五) ----
  {
    const tags = ['成交'];

    app.post(
      '/listings/:id/export-control',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '确认技术出口管制审查（受让方为外资企业时，登记成交前必须确认；措施十五）',
          params: IdParams,
          body: Type.Object({ note: Text(1000, 5) }, { additionalProperties: false }),
          response: { 200: DealRecord, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireMember(request);
        await deals.confirmExportControl(ctx, actor, request.params.id, request.body.note);
        const d = await deals.getDeal(ctx.db, actor, request.params.id);
        return dealRecord(d.deal, d.exportControl);
      },
    );

    app.post(
      '/listings/:id/deal',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '登记成交：项目和科技成果转为已转化（评估决定须符合措施四）',
          params: IdParams,
          body: Type.Object(
            {
              transactionType: Enum(TRANSACTION_TYPES),
              amountFen: Fen,
              appraisal: Enum(APPRAISAL_DECISIONS),
              counterpartyOwnership: Type.Optional(Nullable(Enum(OWNERSHIP_TYPES))),
              basis: Type.Optional(Text(5000, 0)),
            },
            { additionalProperties: false },
          ),
          response: { 201: DealRecord, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const b = request.body;
        await deals.recordDeal(ctx, actor, request.params.id, {
          transactionType: b.transactionType,
          amountFen: b.amountFen,
          appraisal: b.appraisal,
          counterpartyOwnership: b.counterpartyOwnership ?? null,
          basis: b.basis ?? '',
        });
        const d = await deals.getDeal(ctx.db, actor, request.params.id);
        return reply.status(201).send(dealRecord(d.deal, d.exportControl));
      },
    );

    app.get(
      '/listings/:id/deal',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '成交记录（发布单位、受让方和运营方可见）',
          params: IdParams,
          response: { 200: DealRecord, ...errorResponses },
        },
      },
      async (request) => {
        const d = await deals.getDeal(ctx.db, requireActor(request), request.params.id);
        return dealRecord(d.deal, d.exportControl);
      },
    );
  }
};

export default routes;
