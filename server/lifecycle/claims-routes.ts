// Routes of claims in the listing window (挂牌与摘牌): claiming at the listed price, the claims of a
// listing and of an enterprise, and the auction a listing hands over to when its window ends.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.js';
import { requireActor, requireMember } from '../plugins/session.js';
import { errorResponses, IdParams, Page, PageQuery } from '../schemas.js';
import * as claims from './claims.js';
import { ClaimView, claimView, HandOverAuction, handOverAuction, listingRef, MyClaim } from './views.js';
import { getListing } from '../listings/reads.js';
import { Items } from './route-schemas.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

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
      await getListing(ctx.db, request.actor, request.params.id);
      const found = await claims.handOverAuction(ctx.db, request.params.id);
      if (!found) throw new AppError('AUCTION_NOT_FOUND');
      const orgId = request.actor?.type === 'member' ? request.actor.orgId : null;
      return handOverAuction(found.auction, found.participants, orgId);
    },
  );
};

export default routes;
