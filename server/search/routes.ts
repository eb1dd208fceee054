// Search (DESIGN §7): full-text search with facets, autocomplete and two-way matching (相关推荐).
// Query text is never syntax: the segmenter turns it into words and the engines bind them as
// values, so tsquery operators, quotes or SQL in `q` are just characters to look for.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  INDUSTRY_FIELDS,
  LISTING_KINDS,
  PRICING_MODES,
  PUBLIC_LISTING_STATUSES,
  TRANSACTION_TYPES,
} from '../../domain/constants/listings.js';
import { MATURITY_LEVELS } from '../../domain/constants/results.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { FACET_NAMES, MAX_PAGE_SIZE, SEARCH_SORTS } from '../../search/types.js';
import { DateTime, Enum, errorResponses, Fen, IdParams, Nullable, Uuid } from '../schemas.js';
import operatorRoutes from './operator-routes.js';
import { listingMatches, searchListings, suggestListings } from './service.js';

/** Longer input is refused with a clear 400 rather than silently cut (the engines read ≤100 characters). */
const MAX_Q = 200;

const Q = Type.String({ maxLength: MAX_Q, description: '关键词（中文可不分词，如“电池”可检索到“锂电池”）' });

const Segments = Type.Array(Type.Object({ text: Type.String(), hit: Type.Boolean() }), {
  description: '高亮片段：hit 为 true 的片段命中关键词（纯文本，不含 HTML）',
});

const SearchQuery = Type.Object(
  {
    q: Type.Optional(Q),
    kind: Type.Optional(Enum(LISTING_KINDS)),
    field: Type.Optional(Enum(INDUSTRY_FIELDS)),
    region: Type.Optional(Enum(REGIONS)),
    pricingMode: Type.Optional(Enum(PRICING_MODES)),
    transactionType: Type.Optional(Enum(TRANSACTION_TYPES)),
    status: Type.Optional(Enum(PUBLIC_LISTING_STATUSES)),
    maturity: Type.Optional(Enum(MATURITY_LEVELS)),
    inPool: Type.Optional(Type.Boolean({ description: '仅先用后付成果池内的成果' })),
    min: Type.Optional({ ...Fen, description: '价格/榜额下限（分）' }),
    max: Type.Optional({ ...Fen, description: '价格/榜额上限（分）' }),
    sort: Type.Optional(
      Enum(SEARCH_SORTS, { description: 'relevance 相关度，newest 最新，price 价格，deadline 截止时间' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: '页码，从 1 开始' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: '每页条数' })),
  },
  { additionalProperties: false },
);

const Hit = Type.Object({
  id: Uuid,
  kind: Enum(LISTING_KINDS),
  title: Type.String(),
  summary: Type.String(),
  organisationName: Type.String(),
  field: Enum(INDUSTRY_FIELDS),
  region: Enum(REGIONS),
  pricingMode: Nullable(Enum(PRICING_MODES)),
  transactionTypes: Type.Array(Enum(TRANSACTION_TYPES)),
  status: Enum(PUBLIC_LISTING_STATUSES),
  maturity: Nullable(Enum(MATURITY_LEVELS)),
  priceFen: Nullable(Type.Integer()),
  deadline: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  inPool: Type.Boolean(),
  score: Type.Number(),
  highlights: Type.Object({ title: Segments, summary: Segments }),
});

const FacetCounts = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));

const EmptyPageHelp = Type.Object(
  {
    reason: Type.String({ description: '没有结果的原因' }),
    words: Type.Array(Type.String(), { description: '实际检索的词语（已去掉虚词与套话）' }),
    alternatives: Type.Array(
      Type.Object({
        q: Type.String(),
        total: Type.Integer(),
        hint: Type.String({ description: '如「去掉「某词」」「不限筛选条件」' }),
        clearFilters: Type.Optional(Type.Boolean()),
      }),
      { description: '能找到结果的相近检索，结果多的在前' },
    ),
  },
  { description: '关键词检索无结果时：原因与可改用的检索' },
);

const SearchResponse = Type.Object({
  hits: Type.Array(Hit),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  empty: Type.Optional(EmptyPageHelp),
  facets: Type.Object(
    Object.fromEntries(FACET_NAMES.map((f) => [f, FacetCounts])) as Record<
      (typeof FACET_NAMES)[number],
      typeof FacetCounts
    >,
  ),
});

const SuggestResponse = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, kind: Enum(LISTING_KINDS), title: Type.String(), highlight: Segments })),
});

const MatchesResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Enum(LISTING_KINDS),
      title: Type.String(),
      summary: Type.String(),
      organisationName: Type.String(),
      field: Enum(INDUSTRY_FIELDS),
      region: Enum(REGIONS),
      status: Enum(PUBLIC_LISTING_STATUSES),
      score: Type.Number({ description: '0–1：对方包含本项目关键词的加权比例（同领域另加 0.1）' }),
      matchedTerms: Type.Array(Type.String()),
    }),
  ),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const engine = app.searchEngine;
  const tags = ['搜索'];

  // Operators' thesaurus and zero-result log (issue 21).
  await app.register(operatorRoutes);

  app.get(
    '/search',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: '检索公开项目：关键词、分面筛选（类型、领域、地区、定价方式、状态…）、排序与分页',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses },
      },
    },
    async (request) => searchListings(ctx, engine, request.query),
  );

  app.get(
    '/search/suggest',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: '搜索框输入提示：标题含所输入词语的公开项目（最后一个词可未输完）',
        querystring: Type.Object(
          { q: Q, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: SuggestResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await suggestListings(ctx, engine, request.query.q, request.query.limit) }),
  );

  app.get(
    '/listings/:id/matches',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: '相关推荐：与本项目最匹配的对方类型项目（需求 ↔ 成果），含匹配度与命中关键词',
        description: '公开项目任何人可查；未公开的项目仅发布机构与运营方可查。',
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: MatchesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listingMatches(ctx, engine, request.actor, request.params.id, request.query.limit ?? 6),
    }),
  );
};

export default routes;
