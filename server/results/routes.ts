import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import {
  CO_OWNER_PARTIES,
  IP_TYPES,
  MATURITY_LEVELS,
  OWNERSHIP_MODES,
  RESULT_TEXT,
  SECURITY_CLASSES,
} from '../../domain/constants/results.js';
import { requireMember } from '../plugins/session.js';
import { CalendarDate, Enum, errorResponses, IdParams, Nullable, Page, PageQuery, Text, Version } from '../schemas.js';
import * as exportControl from './export-control.js';
import * as results from './service.js';
import { ResultView, resultView } from './views.js';

export const ResultBody = Type.Object(
  {
    title: Text(RESULT_TEXT.title.max, RESULT_TEXT.title.min),
    summary: Text(RESULT_TEXT.summary.max, RESULT_TEXT.summary.min),
    field: Enum(INDUSTRY_FIELDS),
    maturity: Enum(MATURITY_LEVELS),
    inventors: Type.Optional(Text(RESULT_TEXT.inventors.max, 0)),
    ownership: Enum(OWNERSHIP_MODES),
    coOwners: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Text(RESULT_TEXT.coOwnerName.max),
            shareBp: Type.Integer({ minimum: 1, maximum: 10_000, description: '份额，万分比（1% = 100）' }),
            // 措施一: the institution itself or a member of the team.
            party: Enum(CO_OWNER_PARTIES),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    // 措施一 长期使用权: the first and last day; at least 10 years apart, not already ended.
    longTermUseStartsOn: Type.Optional(Nullable(CalendarDate)),
    longTermUseEndsOn: Type.Optional(Nullable(CalendarDate)),
    securityClass: Enum(SECURITY_CLASSES),
    separatelyManaged: Type.Optional(Type.Boolean()),
    ipItems: Type.Array(
      Type.Object(
        {
          type: Enum(IP_TYPES),
          number: Text(RESULT_TEXT.ipNumber.max),
          title: Type.Optional(Text(RESULT_TEXT.ipTitle.max, 0)),
          grantDate: Type.Optional(Nullable(CalendarDate)),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        title: '数控机床热误差实时补偿技术',
        summary: '基于温度场建模的热误差补偿方法，已在三家企业完成中试。',
        field: 'advanced_equipment',
        maturity: 'pilot',
        inventors: '李华、赵强',
        ownership: 'co_owned',
        coOwners: [
          { name: '北辰工业大学', shareBp: 3000, party: 'institution' },
          { name: '李华团队', shareBp: 7000, party: 'team' },
        ],
        securityClass: 'public',
        ipItems: [
          {
            type: 'invention_patent',
            number: 'ZL202110123456.7',
            title: '一种机床热误差补偿方法',
            grantDate: '2022-06-14',
          },
        ],
      },
    ],
  },
);

/** The conditional rules of a result (domain/results.ts), for the docs. */
const RESULT_RULES = [
  '条件规则（不满足时返回 422）：',
  '- 赋权共有（co_owned）须登记本单位（party: institution，份额大于 0，CO_OWNER_INSTITUTION_REQUIRED）和成果完成人（团队）（party: team，CO_OWNERS_REQUIRED）的份额 coOwners，合计 10000（即 100%，SHARES_MUST_TOTAL_100）（措施一）；',
  '- 长期使用权（long_term_use）须填起始日 longTermUseStartsOn 和到期日 longTermUseEndsOn，二者相隔不少于 10 年（LONG_TERM_USE_TOO_SHORT），到期日不得已过（LONG_TERM_USE_ENDED）（措施一）；',
  '- 涉及国家利益或涉密（restricted、classified）的成果不得赋权、不得单列管理（措施十五）；',
  '- 知识产权授权日期不得晚于今天。',
].join('\n');

type Body = Static<typeof ResultBody>;

function toData(b: Body): results.ResultData {
  return {
    title: b.title,
    summary: b.summary,
    field: b.field,
    maturity: b.maturity,
    inventors: b.inventors ?? '',
    ownership: b.ownership,
    coOwners: b.coOwners ?? [],
    longTermUseStartsOn: b.longTermUseStartsOn ?? null,
    longTermUseEndsOn: b.longTermUseEndsOn ?? null,
    securityClass: b.securityClass,
    separatelyManaged: b.separatelyManaged ?? false,
    ipItems: b.ipItems.map((i) => ({
      type: i.type,
      number: i.number,
      title: i.title ?? '',
      grantDate: i.grantDate ?? null,
    })),
  };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['科技成果'];

  app.get(
    '/results',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '本单位的科技成果',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(ResultView), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await results.listResults(ctx.db, requireMember(request), page, pageSize);
      return { items: items.map(resultView), total, page, pageSize };
    },
  );

  app.post(
    '/results',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记科技成果',
        description: RESULT_RULES,
        body: ResultBody,
        response: { 201: ResultView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await results.createResult(ctx, requireMember(request), toData(request.body));
      return reply.status(201).send(resultView(r));
    },
  );

  app.get(
    '/results/:id',
    {
      config: { access: 'institution' },
      schema: { tags, summary: '科技成果详情', params: IdParams, response: { 200: ResultView, ...errorResponses } },
    },
    async (request) => resultView(await results.getResult(ctx.db, requireMember(request), request.params.id)),
  );

  app.post(
    '/results/:id/export-control',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary:
          '确认科技成果的技术出口管制审查（境外含港澳台登记的单位摘牌、报名竞买、申请先用后付许可或受让前必须确认；措施十五）',
        params: IdParams,
        body: Type.Object({ note: Text(1000, 5) }, { additionalProperties: false }),
        response: { 200: ResultView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await exportControl.confirmExportControl(ctx, actor, request.params.id, request.body.note);
      return resultView(await results.getResult(ctx.db, actor, request.params.id));
    },
  );

  app.put(
    '/results/:id',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '修改科技成果（整体替换，须带上读取时的 version）',
        description: RESULT_RULES,
        params: IdParams,
        body: Type.Object({ ...ResultBody.properties, version: Version() }, { additionalProperties: false }),
        response: { 200: ResultView, ...errorResponses },
      },
    },
    async (request) => {
      const r = await results.updateResult(ctx, requireMember(request), request.params.id, {
        ...toData(request.body),
        version: request.body.version,
      });
      return resultView(r);
    },
  );
};

export default routes;
