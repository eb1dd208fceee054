// Auction routes (issue 6, DESIGN §5, §9): the room's reads, registration, terms and deposits.
// Bids, the live websocket and the published record are in bid-routes.ts, registered from here after
// these routes (so they keep their order under /api/v1).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AUCTION_STATUSES } from '../../domain/auction-protocol.js';
import { requireMember, requireOperator, requireActor } from '../plugins/session.js';
import { DateTime, Enum, errorResponses, Fen, IdParams, Nullable, Uuid } from '../schemas.js';
import * as reads from './reads.js';
import bidRoutes from './bid-routes.js';
import * as registration from './registration.js';
import {
  PublicAuction,
  Viewer,
  AuctionDetail,
  auctionDetail,
  Participant,
  AuctionParams,
  ParticipantParams,
  Amount,
} from './views.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['拍卖'];

  app.get(
    '/auctions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '拍卖列表（竞价中的按结束时间先后）',
        querystring: Type.Object({
          status: Type.Optional(Enum(AUCTION_STATUSES)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(PublicAuction) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await reads.listAuctions(ctx.db, request.query.status, request.query.limit ?? 50) }),
  );

  app.get(
    '/my/auctions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '本机构作为卖方或竞买人的拍卖',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...PublicAuction.properties, role: Enum(['seller', 'bidder'] as const) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await reads.myAuctions(ctx.db, requireMember(request).orgId) }),
  );

  app.get(
    '/auctions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '拍卖详情（竞买人以竞买号显示；保留价仅卖方和运营方可见）',
        params: AuctionParams,
        response: { 200: AuctionDetail, ...errorResponses },
      },
    },
    async (request) => auctionDetail(await reads.getAuction(ctx.db, request.actor, request.params.id)),
  );

  app.get(
    '/listings/:id/auction',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '项目的拍卖（最近一场）',
        params: IdParams,
        response: { 200: AuctionDetail, ...errorResponses },
      },
    },
    async (request) => auctionDetail(await reads.auctionOfListing(ctx.db, request.actor, request.params.id)),
  );

  app.patch(
    '/auctions/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '设置加价幅度和保留价（卖方或运营方，开拍前）',
        params: AuctionParams,
        body: Type.Object(
          { incrementFen: Type.Optional(Amount), reservePriceFen: Type.Optional(Nullable(Fen)) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AuctionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await registration.updateTerms(ctx, actor, request.params.id, request.body);
      return auctionDetail(await reads.getAuction(ctx.db, actor, request.params.id));
    },
  );

  app.post(
    '/auctions/:id/registrations',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '报名竞买（已认证企业，卖方除外，开拍前）',
        params: AuctionParams,
        response: { 201: Viewer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const p = await registration.register(ctx, requireMember(request), request.params.id);
      return reply.status(201).send({
        participantId: p.id,
        alias: p.alias,
        depositRequired: p.depositRequired,
        depositConfirmed: p.depositConfirmedAt !== null,
      });
    },
  );

  app.get(
    '/auctions/:id/participants',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '竞买人与保证金（卖方和运营方；成交前不公开竞买号与机构的对应关系）',
        params: AuctionParams,
        response: { 200: Type.Object({ items: Type.Array(Participant) }), ...errorResponses },
      },
    },
    async (request) => {
      const items = await reads.participantsView(ctx.db, requireActor(request), request.params.id);
      return { items: items.map((p) => ({ ...p, depositConfirmedAt: p.depositConfirmedAt?.toISOString() ?? null })) };
    },
  );

  app.put(
    '/auctions/:id/deposit',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '要求或取消保证金（运营方，开拍前）',
        params: AuctionParams,
        body: Type.Object({ depositFen: Nullable(Amount) }, { additionalProperties: false }),
        response: { 200: AuctionDetail, ...errorResponses },
      },
    },
    async (request) => {
      await registration.setDeposit(ctx, requireOperator(request), request.params.id, request.body.depositFen);
      return auctionDetail(await reads.getAuction(ctx.db, request.actor, request.params.id));
    },
  );

  app.post(
    '/auctions/:id/participants/:participantId/deposit-confirmation',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '确认竞买人保证金已到账（运营方）',
        params: ParticipantParams,
        response: { 200: Type.Object({ participantId: Uuid, depositConfirmedAt: DateTime }), ...errorResponses },
      },
    },
    async (request) => {
      const p = await registration.confirmDeposit(
        ctx,
        requireOperator(request),
        request.params.id,
        request.params.participantId,
      );
      return { participantId: p.id, depositConfirmedAt: p.depositConfirmedAt!.toISOString() };
    },
  );

  await app.register(bidRoutes);
};

export default routes;
