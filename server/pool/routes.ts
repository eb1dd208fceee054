import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { POOL_REASONS } from '../../domain/constants/pool.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { requireMember } from '../plugins/session.js';
import { DateTime, Enum, errorResponses, IdParams, Page, PageQuery, Text } from '../schemas.js';
import * as editions from './editions.js';
import * as inclusion from './inclusion.js';
import * as pool from './service.js';
import {
  EditionItemView,
  editionItemView,
  EditionView,
  editionView,
  PoolItemView,
  poolItemView,
  PoolStatusView,
  poolStatusView,
} from './views.js';

const NumberParams = Type.Object({
  number: Type.Integer({ minimum: 1, maximum: 1_000_000, description: '成果池发布期号（第 n 期）' }),
});

/** RFC 6266 / 5987: an ASCII fallback name and the real (Chinese) one. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+/g, '').replace(/["\\]/g, '') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['先用后付成果池'];

  app.get(
    '/pool',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '先用后付成果池（措施五）：在池成果，可按领域、地区、关键词筛选',
        querystring: Type.Object({
          field: Type.Optional(Enum(INDUSTRY_FIELDS)),
          region: Type.Optional(Enum(REGIONS, { description: '科研单位所在地区' })),
          reason: Type.Optional(Enum(POOL_REASONS, { description: '按纳入原因筛选' })),
          keyword: Type.Optional({ ...Text(50, 0), description: '成果名称或简介中的关键词' }),
          ...PageQuery,
        }),
        response: { 200: Page(PoolItemView), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      const { items, total } = await pool.browsePool(ctx.db, { ...filters, page, pageSize });
      return { items: items.map(poolItemView), total, page, pageSize };
    },
  );

  app.get(
    '/pool/results/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '在池成果详情',
        params: IdParams,
        response: { 200: PoolItemView, ...errorResponses },
      },
    },
    async (request) => poolItemView(await pool.getPoolItem(ctx.db, request.params.id)),
  );

  app.get(
    '/pool/mine',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位成果的入池情况（在池、已申请不纳入、预计满三年日期等）',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(PoolStatusView), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await pool.myPoolStatus(ctx, requireMember(request), page, pageSize);
      return { items: items.map(poolStatusView), total, page, pageSize };
    },
  );

  app.post(
    '/pool/results/:id/include',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '自愿将本单位成果纳入成果池（涉及国家利益或涉密的成果不得纳入，措施十五）',
        params: IdParams,
        response: { 200: PoolStatusView, ...errorResponses },
      },
    },
    async (request) =>
      poolStatusView(await inclusion.includeVoluntarily(ctx, requireMember(request), request.params.id)),
  );

  app.post(
    '/pool/results/:id/opt-out',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '申请成果不纳入成果池（须说明理由；已在池的成果随即移出）',
        params: IdParams,
        body: Type.Object({ reason: Text(1000, 2) }, { additionalProperties: false }),
        response: { 200: PoolStatusView, ...errorResponses },
      },
    },
    async (request) =>
      poolStatusView(await inclusion.optOut(ctx, requireMember(request), request.params.id, request.body.reason)),
  );

  app.get(
    '/pool/editions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '成果池历次发布（最新的在前）',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(EditionView), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await editions.listEditions(ctx.db, page, pageSize);
      return { items: items.map(editionView), total, page, pageSize };
    },
  );

  app.get(
    '/pool/next-edition',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '成果池下一期发布：预计发布时间与当前在池成果数',
        response: {
          200: Type.Object({
            publishesAt: Type.Union([DateTime, Type.Null()], { description: '按发布计划的下一期发布时间' }),
            poolCount: Type.Integer({ description: '当前在池成果数（下一期将列出的成果）' }),
            lastNumber: Type.Union([Type.Integer(), Type.Null()], { description: '最近一期的期号，尚未发布为 null' }),
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const [poolCount, latest] = await Promise.all([pool.poolSize(ctx.db), editions.listEditions(ctx.db, 1, 1)]);
      const at = editions.nextEditionAt(ctx.config.pool.editionCron, ctx.now());
      return { publishesAt: at?.toISOString() ?? null, poolCount, lastNumber: latest.items[0]?.number ?? null };
    },
  );

  app.get(
    '/pool/editions.atom',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '成果池发布的 Atom 订阅源',
        produces: ['application/atom+xml'],
        response: { 200: Type.String({ description: 'Atom 1.0 (RFC 4287)' }) },
      },
    },
    async (_request, reply) => {
      // Links come from PUBLIC_URL: a forged X-Forwarded-Host must not rewrite a feed others subscribe to.
      const body = await editions.editionsAtom(ctx.db, ctx.config.publicUrl, ctx.now());
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    },
  );

  app.get(
    '/pool/editions/:number',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '某一期成果池发布',
        params: NumberParams,
        response: { 200: EditionView, ...errorResponses },
      },
    },
    async (request) => editionView(await editions.getEdition(ctx.db, request.params.number)),
  );

  app.get(
    '/pool/editions/:number/items',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '某一期的成果：listed 本期在池，added 较上期新增，removed 较上期移出',
        params: NumberParams,
        querystring: Type.Object({
          view: Type.Optional(Enum(editions.EDITION_VIEWS, { description: '本期在池、新增或移出的成果' })),
          ...PageQuery,
        }),
        response: { 200: Page(EditionItemView), ...errorResponses },
      },
    },
    async (request) => {
      const { view = 'listed', page = 1, pageSize = 20 } = request.query;
      const { items, total } = await editions.editionItems(ctx.db, request.params.number, view, page, pageSize);
      return { items: items.map(editionItemView), total, page, pageSize };
    },
  );

  app.get(
    '/pool/editions/:number/download',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '下载某一期（CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开；JSON）',
        params: NumberParams,
        querystring: Type.Object({
          format: Enum(['csv', 'json'] as const, { description: 'csv（UTF-8 带 BOM，可用 Excel 打开）或 json' }),
        }),
        produces: ['text/csv', 'application/json'],
        response: { 200: Type.String({ description: '本期在池、新增与移出的全部成果' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const edition = await editions.getEdition(ctx.db, request.params.number);
      const { format } = request.query;
      const chunks = format === 'csv' ? editions.editionCsv(ctx.db, edition) : editions.editionJson(ctx.db, edition);
      return (
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', attachment(editions.editionFileName(edition, format)))
          .header('cache-control', 'public, max-age=3600')
          // A stream is sent as is; the string schema above documents the download, nothing serialises it.
          .send(Readable.from(chunks) as unknown as string)
      );
    },
  );
};

export default routes;
