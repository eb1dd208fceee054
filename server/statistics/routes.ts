// 措施十三 statistics, oversight departments and internal units.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { DEPARTMENT_SCOPES, REGIONS } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { RANK_FIELD_IDS, RANK_LIMIT_DEFAULT, RANK_LIMIT_MAX } from '../../domain/statistics/metrics.js';
import { PERIOD_GRAINS } from '../../domain/statistics/periods.js';
import { requireActor, requireMember, requireOperator } from '../plugins/session.js';
import { Enum, errorResponses, IdParams, Text, Uuid } from '../schemas.js';
import * as departments from './departments.js';
import { asOf, FIGURE_DIMENSIONS, figures, overseenInstitutions, publicFigures, type FigureQuery } from './service.js';
import { figuresCsv } from './csv.js';
import reportRoutes from './report-routes.js';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份，YYYY-MM（北京时间）' });

const PeriodQuery = {
  from: Month,
  to: Month,
  grain: Type.Optional(Enum(PERIOD_GRAINS, { description: '按月、季度或年汇总，默认按年' })),
  field: Type.Optional(Enum(INDUSTRY_FIELDS)),
  region: Type.Optional(Enum(REGIONS)),
};

const FiguresQuery = Type.Object(
  {
    ...PeriodQuery,
    by: Type.Optional(Enum(FIGURE_DIMENSIONS, { description: '分组维度，默认按期间' })),
    sort: Type.Optional(
      Enum(RANK_FIELD_IDS, {
        description: '按此指标从大到小排名（按单位分组时默认按合同金额），与 limit 一起只返回前若干名',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: RANK_LIMIT_MAX,
        description: `排名返回的分组数（按单位分组时默认 ${RANK_LIMIT_DEFAULT}）；合计仍为全部分组之和`,
      }),
    ),
    organisationId: Type.Optional(Type.String({ format: 'uuid', description: '只看这一单位（须在可查看范围内）' })),
    orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: '只看这一院系（内设机构）' })),
    researcherId: Type.Optional(
      Type.String({ format: 'uuid', description: '只看这一科研人员（成果完成人；须同时指定单位或为本单位）' }),
    ),
  },
  { additionalProperties: false },
);

const ResearcherFiguresQuery = Type.Object(
  {
    ...PeriodQuery,
    researcherId: Type.Optional(Type.String({ format: 'uuid', description: '本人的科研人员编号（默认本人）' })),
  },
  { additionalProperties: false },
);

const PublicQuery = Type.Object(
  {
    ...PeriodQuery,
    by: Type.Optional(Enum(['period', 'field', 'region'] as const, { description: '分组维度，默认按期间' })),
  },
  { additionalProperties: false },
);

const IndicatorInfo = Type.Object({
  id: Type.String(),
  label: Type.String(),
  unit: Enum(['count', 'fen', 'days', 'bp'] as const),
  formula: Type.String(),
});

const FigureRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
  suppressed: Type.Array(Type.String()),
});

export const StatFigures = Type.Object(
  {
    asOf: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: '数据截至（统计汇总时间）' }),
    indicators: Type.Array(IndicatorInfo),
    rows: Type.Array(FigureRow),
    total: FigureRow,
    groups: Type.Optional(Type.Integer({ description: '排名时的分组总数（rows 只含前 limit 个）' })),
  },
  { $id: 'StatFigures' },
);

const Department = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: Enum(DEPARTMENT_SCOPES),
  institutions: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});

const OrgUnit = Type.Object({ id: Uuid, name: Type.String() });

function periodOf<Q extends { from: string; to: string; grain?: FigureQuery['grain'] }>(q: Q) {
  const months = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const span = months(q.to) - months(q.from);
  if (span < 0 || span >= 120) throw new AppError('STATS_PERIOD_INVALID');
  return { from: q.from, to: q.to, grain: q.grain ?? 'year' };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  await app.register(reportRoutes);

  app.get(
    '/stats/figures',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['统计'],
        summary: '转化统计指标（措施十三）：本单位、主管部门所辖单位或全省，可按期间、单位、院系、领域、地区分组',
        querystring: FiguresQuery,
        response: { 200: StatFigures, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return figures(ctx.db, requireActor(request), { ...q, ...periodOf(q), by: q.by ?? 'period' });
    },
  );

  app.get(
    '/researcher/figures',
    {
      config: { access: 'researcher' },
      schema: {
        tags: ['统计'],
        summary: '我的统计（措施十二、十三）：本人参与成果的转化、到账收入与已发放的转化奖励，可按期间分组',
        querystring: ResearcherFiguresQuery,
        response: { 200: StatFigures, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return figures(ctx.db, requireActor(request), { ...q, ...periodOf(q), by: 'period' });
    },
  );

  // The figures change only when a roll-up runs: its time and the query name the answer, so a client
  // polling with If-None-Match or If-Modified-Since gets 304 until the next roll-up.
  async function openData(
    request: { query: Static<typeof PublicQuery>; headers: Record<string, unknown> },
    reply: FastifyReply,
  ) {
    const q = request.query;
    const period = periodOf(q);
    const at = await asOf(ctx.db);
    const etag = `"${createHash('sha256')
      .update(JSON.stringify([at?.toISOString() ?? '', q]))
      .digest('base64url')
      .slice(0, 27)}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=15');
    if (at) reply.header('last-modified', at.toUTCString());
    const since = request.headers['if-modified-since'];
    const unchanged =
      request.headers['if-none-match'] === etag ||
      (request.headers['if-none-match'] === undefined &&
        at !== null &&
        typeof since === 'string' &&
        Date.parse(since) >= Math.floor(at.getTime() / 1000) * 1000);
    if (unchanged) return null;
    return publicFigures(ctx.db, { ...q, ...period, by: q.by ?? 'period' });
  }

  app.get(
    '/open/stats',
    {
      config: { access: 'public' },
      schema: {
        tags: ['统计'],
        summary:
          '开放数据：全省转化统计（少于3项的格子及可据以推算的格子不公开）；支持 ETag / Last-Modified，数据未变时答 304',
        querystring: PublicQuery,
        response: {
          200: StatFigures,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await openData(request, reply);
      return result ?? reply.status(304).send(null as never);
    },
  );

  app.get(
    '/open/stats.csv',
    {
      config: { access: 'public' },
      schema: {
        tags: ['统计'],
        summary: '开放数据：全省转化统计 CSV 下载（UTF-8，含表头；与 /open/stats 同一口径；数据未变时答 304）',
        querystring: PublicQuery,
        produces: ['text/csv', 'application/json'],
        response: {
          200: Type.String({ description: 'CSV 文件' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await openData(request, reply);
      if (!result) return reply.status(304).send(null as never);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="liaoning-conversion-stats.csv"')
        .send(figuresCsv(result));
    },
  );

  app.get(
    '/oversight/institutions',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['统计'],
        summary: '主管部门所辖单位（省科技厅与运营方：全部科研单位）',
        response: {
          200: Type.Array(
            Type.Object({ id: Uuid, name: Type.String(), region: Type.Union([Type.String(), Type.Null()]) }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.type !== 'oversight' && actor.type !== 'operator') throw new AppError('FORBIDDEN');
      return overseenInstitutions(ctx.db, actor);
    },
  );

  app.get(
    '/operator/departments',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['统计'],
        summary: '主管部门与省科技厅列表及其所辖单位',
        response: { 200: Type.Array(Department), ...errorResponses },
      },
    },
    async () => departments.listDepartments(ctx.db),
  );

  app.post(
    '/operator/departments',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['统计'],
        summary: '创建主管部门或省科技厅',
        body: Type.Object({ name: Text(60, 2), scope: Enum(DEPARTMENT_SCOPES) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Uuid }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await departments.createDepartment(ctx.db, requireOperator(request), request.body, ctx.now());
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/operator/departments/:id/members',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['统计'],
        summary: '为主管部门开设账号（初始密码由运营方线下告知）',
        params: Type.Object({ id: Type.String({ format: 'uuid', description: '主管部门 id' }) }),
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            displayName: Text(40, 2),
            password: Type.String({ minLength: 10, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ userId: Uuid }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = await departments.addDepartmentMember(
        ctx.db,
        requireOperator(request),
        request.params.id,
        request.body,
        ctx.now(),
      );
      return reply.status(201).send({ userId });
    },
  );

  const LinkParams = Type.Object({
    id: Type.String({ format: 'uuid', description: '主管部门 id' }),
    institutionId: Type.String({ format: 'uuid', description: '科研单位 id' }),
  });
  for (const [method, linked] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/operator/departments/:id/institutions/:institutionId',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['统计'],
          summary: linked ? '将科研单位划入主管部门' : '将科研单位移出主管部门',
          params: LinkParams,
          response: { 204: Type.Null({ description: '已更新' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        await departments.linkInstitution(
          ctx.db,
          requireOperator(request),
          request.params.id,
          request.params.institutionId,
          linked,
          ctx.now(),
        );
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/my/org-units',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['统计'],
        summary: '本单位的院系（内设机构）',
        response: { 200: Type.Array(OrgUnit), ...errorResponses },
      },
    },
    async (request) => departments.listOrgUnits(ctx.db, requireMember(request).orgId),
  );

  app.post(
    '/my/org-units',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['统计'],
        summary: '新增院系（内设机构）',
        body: Type.Object({ name: Text(40, 2) }, { additionalProperties: false }),
        response: { 201: OrgUnit, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const id = await departments.createOrgUnit(ctx.db, actor, request.body.name, ctx.now());
      return reply.status(201).send({ id, name: request.body.name.trim() });
    },
  );

  app.put(
    '/results/:id/org-unit',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['统计'],
        summary: '设置成果所属院系（内设机构）',
        params: IdParams,
        body: Type.Object({ orgUnitId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: '已更新' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await departments.setResultUnit(
        ctx.db,
        requireMember(request),
        request.params.id,
        request.body.orgUnitId,
        ctx.now(),
      );
      return reply.status(204).send(null);
    },
  );
};

export default routes;
export type StatFiguresShape = Static<typeof StatFigures>;
