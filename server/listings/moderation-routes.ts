import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  INDUSTRY_FIELDS,
  LISTING_KINDS,
  LISTING_STATUSES,
  REJECTION_REASON_CODES,
  TAKE_DOWN_REASON_CODES,
} from '../../domain/constants/listings.js';
import { requireOperator } from '../plugins/session.js';
import { Enum, errorResponses, IdParams, Page, PageQuery, Text } from '../schemas.js';
import * as moderation from './moderation.js';
import * as reads from './reads.js';
import { AuditEntry, auditEntry } from '../audit/views.js';
import { ListingDetail, listingDetail, ListingSummary, listingSummary } from './views.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['运营'];

  app.get(
    '/operator/listings',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '项目审核队列（最早提交的在前）',
        querystring: Type.Object({
          status: Type.Optional(Enum(LISTING_STATUSES)),
          kind: Type.Optional(Enum(LISTING_KINDS)),
          field: Type.Optional(Enum(INDUSTRY_FIELDS)),
          ...PageQuery,
        }),
        response: { 200: Page(ListingSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      const { items, total } = await reads.moderationQueue(ctx.db, { ...filters, page, pageSize });
      return { items: items.map((v) => listingSummary({ ...v, privileged: true })), total, page, pageSize };
    },
  );

  const reply = async (request: { actor: Parameters<typeof reads.getListing>[1] }, id: string) =>
    listingDetail(await reads.getListing(ctx.db, request.actor, id));

  app.post(
    '/operator/listings/:id/approve',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '审核通过，项目进入首个公开状态',
        params: IdParams,
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      await moderation.approveListing(ctx, requireOperator(request), request.params.id);
      return reply(request, request.params.id);
    },
  );

  app.post(
    '/operator/listings/:id/reject',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '驳回（须选择理由并说明）',
        params: IdParams,
        body: Type.Object(
          { reasonCode: Enum(REJECTION_REASON_CODES), reasonText: Text(1000, 2) },
          { additionalProperties: false },
        ),
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { reasonCode, reasonText } = request.body;
      await moderation.rejectListing(ctx, requireOperator(request), request.params.id, {
        code: reasonCode,
        text: reasonText,
      });
      return reply(request, request.params.id);
    },
  );

  app.post(
    '/operator/listings/:id/take-down',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '下架公开项目（须选择理由并说明）',
        params: IdParams,
        body: Type.Object(
          { reasonCode: Enum(TAKE_DOWN_REASON_CODES), reasonText: Text(1000, 2) },
          { additionalProperties: false },
        ),
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { reasonCode, reasonText } = request.body;
      await moderation.takeDownListing(ctx, requireOperator(request), request.params.id, {
        code: reasonCode,
        text: reasonText,
      });
      return reply(request, request.params.id);
    },
  );

  app.get(
    '/operator/listings/:id/audit',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '项目审计记录',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await reads.listingTrail(ctx.db, request.params.id)).map(auditEntry) }),
  );
};

export default routes;
