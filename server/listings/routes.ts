import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import {
  INDUSTRY_FIELDS,
  LICENCE_SCOPES,
  LISTING_KINDS,
  LISTING_PHASES,
  LISTING_STATUSES,
  LISTING_TEXT,
  PRICING_MODES,
  PUBLIC_LISTING_STATUSES,
  SUPPORT_KINDS,
  TRANSACTION_TYPES,
} from '../../domain/constants/listings.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { requireMember } from '../plugins/session.js';
import {
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
  Version,
} from '../schemas.js';
import * as reads from './reads.js';
import * as listings from './service.js';
import { ListingDetail, listingDetail, ListingSummary, listingSummary } from './views.js';

const Fields = {
  title: Text(LISTING_TEXT.title.max, LISTING_TEXT.title.min),
  summary: Text(LISTING_TEXT.summary.max, LISTING_TEXT.summary.min),
  description: Type.Optional(Text(LISTING_TEXT.description.max, 0)),
  field: Enum(INDUSTRY_FIELDS),
  region: Enum(REGIONS),
  resultId: Type.Optional(Nullable(Uuid)),
  pricingMode: Type.Optional(Nullable(Enum(PRICING_MODES))),
  transactionTypes: Type.Optional(Type.Array(Enum(TRANSACTION_TYPES), { uniqueItems: true, maxItems: 3 })),
  // Supply offering a licence: 独占许可 / 排他许可 / 普通许可 (required then).
  licenseScope: Type.Optional(Nullable(Enum(LICENCE_SCOPES))),
  priceFen: Type.Optional(Nullable(Fen)),
  // Demand: true when the budget (榜额) is negotiable (面议); otherwise priceFen states it (措施八).
  budgetNegotiable: Type.Optional(Type.Boolean()),
  counterpartyName: Type.Optional(Nullable(Text(LISTING_TEXT.counterpartyName.max))),
  // 协议定价: the counterparty's organisation when registered (a verified enterprise); its name is then used.
  counterpartyOrgId: Type.Optional(Nullable(Uuid)),
  deadline: Type.Optional(Nullable(DateTime)),
  supportSought: Type.Optional(Type.Array(Enum(SUPPORT_KINDS), { uniqueItems: true, maxItems: 5 })),
  contactName: Type.Optional(Text(LISTING_TEXT.contactName.max, 0)),
  contactPhone: Type.Optional(Type.String({ pattern: '^([0-9+\\- ]{5,20})?$' })),
};

/** The conditional rules of a listing's content (domain/listings.ts checkListingContent), for the docs. */
const CONTENT_RULES = [
  '条件规则（不满足时返回 422，code 指明哪一条）：',
  '- 成果找市场（supply）：须关联本单位的一项非涉密科技成果 resultId（RESULT_REQUIRED）、选择定价方式 pricingMode（PRICING_MODE_REQUIRED）和至少一种交易方式（TRANSACTION_TYPE_REQUIRED）；提供许可（license）的须填许可范围 licenseScope（LICENCE_SCOPE_REQUIRED），否则不得填；不得填 deadline、supportSought、budgetNegotiable。',
  '- 同一成果同时只能有一个提供转让、作价投资、独占许可或排他许可的项目（提交审核时检查，409 RESULT_EXCLUSIVELY_OFFERED）；普通许可不受限。',
  '- 协议定价（negotiated）须填拟受让方 counterpartyName（或已认证企业 counterpartyOrgId）和拟交易价格 priceFen（措施四，公示二者）；挂牌（fixed）和拍卖（auction）须填 priceFen（PRICE_REQUIRED）；其他定价方式不得填拟受让方。',
  '- 企业找技术（demand）：须填揭榜截止时间 deadline（DEADLINE_REQUIRED，须晚于当前时间）；须填榜额 priceFen，或 budgetNegotiable 为 true 表示榜额面议（BUDGET_REQUIRED，措施八）；不得填 resultId、pricingMode、拟受让方、licenseScope（FIELD_NOT_ALLOWED）。',
].join('\n');

const DEMAND_EXAMPLE = {
  kind: 'demand',
  title: '大型铸件在线缺陷检测技术攻关',
  summary: '需要一套可在产线上实时识别大型铸件气孔与裂纹的检测方案，检出率不低于 98%。',
  field: 'advanced_equipment',
  region: 'shenyang',
  priceFen: 50_000_000,
  deadline: '2027-03-31T16:00:00.000Z',
  transactionTypes: ['license'],
  supportSought: ['rd', 'pilot'],
  contactName: '王工',
  contactPhone: '024-12345678',
};
const SUPPLY_EXAMPLE = {
  kind: 'supply',
  title: '数控机床热误差实时补偿技术',
  summary: '基于温度场建模的热误差补偿方法，已在三家企业完成中试，定位精度提升 40%。',
  field: 'advanced_equipment',
  region: 'dalian',
  resultId: '6f1c2a3e-8b4d-4e5f-9a0b-1c2d3e4f5a6b',
  pricingMode: 'fixed',
  transactionTypes: ['transfer', 'license'],
  licenseScope: 'non_exclusive',
  priceFen: 80_000_000,
  contactName: '李老师',
  contactPhone: '0411-87654321',
};

export const CreateBody = Type.Object(
  { kind: Enum(LISTING_KINDS), ...Fields },
  { additionalProperties: false, examples: [DEMAND_EXAMPLE, SUPPLY_EXAMPLE] },
);
export const PatchBody = Type.Object(
  {
    ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, Type.Optional(v)])),
    version: Version('读取时的 version（乐观锁）'),
  } as typeof Fields & { version: ReturnType<typeof Type.Integer> },
  {
    additionalProperties: false,
    examples: [{ version: 3, title: '数控机床热误差实时补偿技术（第二版）', priceFen: 75_000_000 }],
  },
);

const BrowseQuery = Type.Object({
  kind: Type.Optional(Enum(LISTING_KINDS)),
  field: Type.Optional(Enum(INDUSTRY_FIELDS)),
  region: Type.Optional(Enum(REGIONS)),
  pricingMode: Type.Optional(Enum(PRICING_MODES)),
  ...PageQuery,
});

const opt = <T>(v: T | undefined) => (v === undefined ? {} : v);

function patchFields(b: Static<typeof PatchBody>): Omit<listings.ListingPatch, 'version'> {
  const out: Omit<listings.ListingPatch, 'version'> = {};
  for (const [k, v] of Object.entries(b)) {
    if (k === 'version' || v === undefined) continue;
    (out as Record<string, unknown>)[k] = k === 'deadline' && v !== null ? new Date(v as string) : v;
  }
  return out;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['项目'];

  app.get(
    '/listings',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: '公开项目列表（企业找技术 / 成果找市场）',
        querystring: Type.Object({
          ...BrowseQuery.properties,
          status: Type.Optional(Enum(PUBLIC_LISTING_STATUSES)),
          phase: Type.Optional(
            Enum(LISTING_PHASES, {
              description:
                '进行中（live）、已结束（ended，已成交、已过期等）或全部（all，默认；进行中的在前）；指定状态时不适用',
            }),
          ),
        }),
        response: { 200: Page(ListingSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      const { items, total } = await reads.browseListings(ctx.db, { ...filters, page, pageSize });
      return { items: items.map(listingSummary), total, page, pageSize };
    },
  );

  app.get(
    '/listings/:id',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: '项目详情（草稿、待审和已驳回的项目仅本机构和运营方可见）',
        params: IdParams,
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => listingDetail(await reads.getListing(ctx.db, request.actor, request.params.id)),
  );

  app.get(
    '/my/listings',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '本机构的项目（所有状态）',
        querystring: Type.Object({ ...BrowseQuery.properties, status: Type.Optional(Enum(LISTING_STATUSES)) }),
        response: { 200: Page(ListingSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      const { items, total } = await reads.myListings(ctx.db, requireMember(request), {
        ...filters,
        page,
        pageSize,
      });
      return { items: items.map(listingSummary), total, page, pageSize };
    },
  );

  app.post(
    '/listings',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '创建项目草稿（企业发布需求，科研单位发布成果）',
        description: CONTENT_RULES,
        body: CreateBody,
        response: { 201: ListingDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const actor = requireMember(request);
      const row = await listings.createListing(ctx, actor, {
        kind: b.kind,
        title: b.title,
        summary: b.summary,
        description: b.description ?? '',
        field: b.field,
        region: b.region,
        resultId: b.resultId ?? null,
        pricingMode: b.pricingMode ?? null,
        transactionTypes: b.transactionTypes ?? [],
        licenseScope: b.licenseScope ?? null,
        priceFen: b.priceFen ?? null,
        budgetNegotiable: b.budgetNegotiable ?? false,
        counterpartyName: b.counterpartyName ?? null,
        counterpartyOrgId: b.counterpartyOrgId ?? null,
        deadline: b.deadline ? new Date(b.deadline) : null,
        supportSought: b.supportSought ?? [],
        contactName: b.contactName ?? '',
        contactPhone: b.contactPhone ?? '',
      });
      return reply.status(201).send(listingDetail(await reads.getListing(ctx.db, actor, row.id)));
    },
  );

  app.patch(
    '/listings/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '修改草稿或被驳回的项目（须带上读取时的 version；被驳回的项目修改后回到草稿）',
        description: `只传要改的字段；修改后的内容须仍满足创建时的条件规则。version 与当前不符时返回 409 VERSION_CONFLICT。\n\n${CONTENT_RULES}`,
        params: IdParams,
        body: PatchBody,
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await listings.updateListing(ctx, actor, request.params.id, {
        ...opt(patchFields(request.body)),
        version: request.body.version,
      });
      return listingDetail(await reads.getListing(ctx.db, actor, request.params.id));
    },
  );

  for (const [verb, summary, fn] of [
    ['submit', '提交审核（机构须已通过认证）', listings.submitListing],
    ['withdraw', '撤回项目', listings.withdrawListing],
  ] as const) {
    app.post(
      `/listings/:id/${verb}`,
      {
        config: { access: 'member' },
        schema: { tags, summary, params: IdParams, response: { 200: ListingDetail, ...errorResponses } },
      },
      async (request) => {
        const actor = requireMember(request);
        await fn(ctx, actor, request.params.id);
        return listingDetail(await reads.getListing(ctx.db, actor, request.params.id));
      },
    );
  }
};

export default routes;
