// The records behind the income and listing figures (activity-records.ts), read-only, within the
// viewer's scope; the conversions behind the conversion figures are GET /stats/records (report-routes.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CONVERSION_ROUTES, CONVERSION_TYPES } from '../../domain/constants/ledger.js';
import { OBJECTION_STATUSES } from '../../domain/constants/lifecycle.js';
import { INDUSTRY_FIELDS, LISTING_KINDS, PRICING_MODES } from '../../domain/constants/listings.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { requireActor } from '../plugins/session.js';
import { CalendarDate, Enum, errorResponses, Nullable, PageQuery, Uuid } from '../schemas.js';
import { incomeRecords, LISTING_EVENTS, listingRecords } from './activity-records.js';

const tags = ['统计'];
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份，YYYY-MM（北京时间）' });

/** The figure's own filters, carried over to its records. */
const FigureFilters = {
  from: Month,
  to: Month,
  organisationId: Type.Optional(Type.String({ format: 'uuid', description: '单位 id（须在可查看范围内）' })),
  orgUnitId: Type.Optional(
    Type.Union([Type.String({ format: 'uuid' }), Type.Literal('none')], { description: '院系 id；none 为未指定院系' }),
  ),
  field: Type.Optional(Enum(INDUSTRY_FIELDS, { description: '技术领域' })),
  region: Type.Optional(Enum(REGIONS, { description: '地区' })),
  ...PageQuery,
};

const RecordPage = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: '记录数（所有页）' }),
    sumFen: Type.Integer({ description: '金额合计（分，所有页；与统计数字一致）' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const IncomeRecord = Type.Object(
  {
    paymentId: Uuid,
    conversionId: Uuid,
    institution: Type.Object({ id: Uuid, name: Type.String() }),
    resultTitle: Nullable(Type.String()),
    orgUnit: Nullable(Type.String()),
    field: Nullable(Type.String()),
    region: Nullable(Type.String()),
    route: Enum(CONVERSION_ROUTES),
    transactionType: Enum(CONVERSION_TYPES),
    counterpartyName: Type.String(),
    receivedOn: CalendarDate,
    amountFen: Type.Integer(),
  },
  { $id: 'IncomeRecord' },
);

export const ListingRecord = Type.Object(
  {
    eventId: Uuid,
    listingId: Uuid,
    title: Type.String(),
    organisation: Type.Object({ id: Uuid, name: Type.String() }),
    kind: Enum(LISTING_KINDS),
    pricingMode: Nullable(Enum(PRICING_MODES)),
    field: Nullable(Type.String()),
    region: Nullable(Type.String()),
    on: CalendarDate,
    outcome: Nullable(Type.String({ description: '异议：状态；拍卖：sold 成交 / unsold 流拍' })),
    amountFen: Nullable(Type.Integer({ description: '拍卖成交价（分）' })),
    startPriceFen: Nullable(Type.Integer({ description: '成交拍卖的起拍价（分）' })),
  },
  { $id: 'ListingRecord' },
);

export const IncomeRecordPage = RecordPage(IncomeRecord);
export const ListingRecordPage = RecordPage(ListingRecord);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  app.get(
    '/stats/records/income',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '到账收入背后的收款记录（与统计同一口径：按到账日所在月份；措施二），限可查看范围',
        querystring: Type.Object(
          {
            ...FigureFilters,
            researcherId: Type.Optional(Type.String({ format: 'uuid', description: '科研人员（成果完成人）' })),
            route: Type.Optional(Enum(CONVERSION_ROUTES, { description: '转化途径' })),
            transactionType: Type.Optional(Enum(CONVERSION_TYPES, { description: '交易方式' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: IncomeRecordPage, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from > q.to) throw new AppError('STATS_PERIOD_INVALID');
      return incomeRecords(ctx.db, requireActor(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
    },
  );

  app.get(
    '/stats/records/listings',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary:
          '项目统计背后的记录：发布的项目（按类型、定价方式）、公示异议、摘牌、结束的拍卖（与统计同一口径），限可查看范围',
        querystring: Type.Object(
          {
            ...FigureFilters,
            event: Type.Optional(
              Enum(LISTING_EVENTS, {
                description: 'published 发布（默认）；objection 异议；claim 摘牌；auction 结束的拍卖',
              }),
            ),
            kind: Type.Optional(Enum(LISTING_KINDS, { description: '项目类型：supply 成果、demand 需求' })),
            pricingMode: Type.Optional(Enum(PRICING_MODES, { description: '定价方式' })),
            outcome: Type.Optional(
              Enum([...OBJECTION_STATUSES, 'sold', 'unsold'] as const, {
                description: '异议状态（standing/withdrawn/dismissed）或拍卖结果（sold/unsold）',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ListingRecordPage, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from > q.to) throw new AppError('STATS_PERIOD_INVALID');
      return listingRecords(ctx.db, requireActor(request), {
        ...q,
        event: q.event ?? 'published',
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      });
    },
  );
};

export default routes;
