// Routes of demands (揭榜, 措施八): proposals and their withdrawal, the award, confirming landing,
// and the operators' confirmation of the reward subsidy.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireMember, requireOperator } from '../plugins/session.js';
import { errorResponses, Fen, IdParams, Nullable, Page, PageQuery, Text, Uuid } from '../schemas.js';
import * as demands from './demands.js';
import * as rewards from './rewards.js';
import { listingRef, MyProposal, ProposalView, proposalView } from './views.js';
import { ListingDetail, listingDetail } from '../listings/views.js';
import { getListing } from '../listings/reads.js';
import { Items } from './route-schemas.js';

export const Reward = Type.Object({
  confirmed: Type.Boolean(),
  note: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const detail = async (actor: Parameters<typeof getListing>[1], id: string) =>
    listingDetail(await getListing(ctx.db, actor, id));

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
          {
            additionalProperties: false,
            examples: [
              {
                team: '北辰工业大学机械学院 李华教授团队（8 人）',
                approach: '采用多视角工业相机与深度学习缺陷分割模型，在产线节拍内完成全表面检测。',
                timeline: '3 个月样机，6 个月产线验证',
                quoteFen: 45_000_000,
              },
            ],
          },
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

  app.post(
    '/operator/listings/:id/confirm-reward',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营', ...tags],
        summary: '确认已落地项目的奖励性后补助资格（措施八：已落地的揭榜需求，或受让企业已确认落地的成交项目）',
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Text(1000, 0)) }, { additionalProperties: false }),
        response: { 200: Reward, ...errorResponses },
      },
    },
    async (request) => {
      const rc = await rewards.confirmReward(ctx, requireOperator(request), request.params.id, request.body.note ?? '');
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
      const view = await getListing(ctx.db, request.actor, request.params.id);
      const rc = await rewards.rewardConfirmation(ctx.db, request.params.id);
      return {
        confirmed: rc !== null,
        note: rc && view.privileged ? rc.note : null,
        confirmedAt: rc?.createdAt.toISOString() ?? null,
      };
    },
  );
};

export default routes;
