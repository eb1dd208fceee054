// Operators' search tools (issue 21): the domain thesaurus (list, add, edit, delete with a reason,
// the change log) and the most frequent zero-result queries of the last 30 days. Operators only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireOperator } from '../plugins/session.js';
import { DateTime, Enum, errorResponses, NoContent, PageQuery, Page, SINGLE_LINE, Text, Uuid } from '../schemas.js';
import * as thesaurus from './thesaurus.js';
import { topZeroResults, ZERO_RESULT_DAYS } from './zero-results.js';

const tags = ['搜索'];

const Word = Type.String({ minLength: 1, maxLength: 40, pattern: SINGLE_LINE, description: '词语' });
const Field = Enum(thesaurus.THESAURUS_FIELDS, { description: '所属行业领域（general 为通用）' });
const Reason = Text(500, 2);

const EntryBody = Type.Object(
  {
    field: Field,
    words: Type.Array(Word, {
      minItems: 2,
      maxItems: 20,
      description: '互为同义的词语；单向时第一个词可找到其余词语，反之不然',
    }),
    oneWay: Type.Boolean({ description: '单向扩展（如“锂电”可找到“锂离子电池”，反之不然）' }),
    reason: { ...Reason, description: '修改原因（记入审计记录）' },
  },
  { additionalProperties: false },
);

const Revision = Type.Integer({ minimum: 1, description: '读取时的修订号（并发修改检查）' });

const Entry = Type.Object({
  id: Uuid,
  field: Type.String(),
  words: Type.Array(Type.String()),
  oneWay: Type.Boolean(),
  revision: Type.Integer(),
  updatedAt: DateTime,
});

const Change = Type.Object({
  at: DateTime,
  action: Type.String({ description: 'thesaurus.create / thesaurus.update / thesaurus.delete' }),
  entryId: Uuid,
  actorName: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown({ description: '修改前（新增时为 null）' }),
  after: Type.Unknown({ description: '修改后（删除时为 null）' }),
});

const EntryParams = Type.Object({ id: Type.String({ format: 'uuid', description: '同义词条 id' }) });

const entryView = (r: thesaurus.ThesaurusRow) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const engine = app.searchEngine;

  app.get(
    '/operator/thesaurus',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '同义词库：按词语或领域查询词条',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 40, pattern: SINGLE_LINE, description: '包含该词语的词条' })),
            field: Type.Optional(Field),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Entry), ...errorResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const { items, total } = await thesaurus.listThesaurus(ctx.db, { ...request.query, page, pageSize });
      return { items: items.map(entryView), total, page, pageSize };
    },
  );

  app.post(
    '/operator/thesaurus',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '新增同义词条（即时生效，无需重建索引）',
        body: EntryBody,
        response: { 201: Entry, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await thesaurus.createThesaurusEntry(ctx, engine, requireOperator(request), request.body);
      return reply.status(201).send(entryView(row));
    },
  );

  app.put(
    '/operator/thesaurus/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '修改同义词条（即时生效，无需重建索引）',
        params: EntryParams,
        body: Type.Object({ ...EntryBody.properties, revision: Revision }, { additionalProperties: false }),
        response: { 200: Entry, ...errorResponses },
      },
    },
    async (request) =>
      entryView(
        await thesaurus.updateThesaurusEntry(ctx, engine, requireOperator(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/operator/thesaurus/:id/delete',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '删除同义词条（须填写原因）',
        params: EntryParams,
        body: Type.Object(
          { reason: { ...Reason, description: '删除原因（记入审计记录）' }, revision: Revision },
          { additionalProperties: false },
        ),
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await thesaurus.deleteThesaurusEntry(ctx, engine, requireOperator(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/operator/thesaurus/changes',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '同义词库修改记录：谁、何时、改了什么、为什么',
        querystring: Type.Object(
          {
            entryId: Type.Optional(Type.String({ format: 'uuid', description: '只看该词条的记录' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: '条数' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Change), ...errorResponses },
      },
    },
    async (request) =>
      (await thesaurus.thesaurusChanges(ctx.db, request.query.entryId, request.query.limit ?? 50)).map((c) => ({
        ...c,
        at: c.at.toISOString(),
      })),
  );

  app.get(
    '/operator/search/zero-results',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: `近 ${ZERO_RESULT_DAYS} 天无结果的检索词（按次数排序，不含个人信息）`,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: '条数' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer(), lastAt: DateTime })),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      (await topZeroResults(ctx, request.query.limit ?? 50)).map((r) => ({ ...r, lastAt: r.lastAt.toISOString() })),
  );
};

export default routes;
