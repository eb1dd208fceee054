// 我的奖励 (措施十二): the researcher's own reward statement, per year and per conversion, as JSON
// for the page and as a PDF marked with the clause's treatment of cash rewards in pay.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attachment } from '../../platform/exports.js';
import { requireResearcher } from '../plugins/session.js';
import { errorResponses } from '../schemas.js';
import { statement, statementPdf } from './statements.js';
import { RemunerationStatement } from './views.js';

const StatementQuery = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({ minimum: 2000, maximum: 2100, description: '年度（发放年度；未发放的按收入到账年度）' }),
    ),
    conversionId: Type.Optional(Type.String({ format: 'uuid', description: '只看这一转化项目' })),
  },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx } = app;
  const tags = ['转化奖励'];

  app.get(
    '/researcher/remuneration',
    {
      config: { access: 'researcher' },
      schema: {
        tags,
        summary: '我的奖励：按转化项目、按年度的奖励和报酬明细（措施十二）',
        querystring: StatementQuery,
        response: { 200: RemunerationStatement, ...errorResponses },
      },
    },
    async (request) => statement(ctx.db, requireResearcher(request), request.query),
  );

  app.get(
    '/researcher/remuneration/statement.pdf',
    {
      config: { access: 'researcher' },
      schema: {
        tags,
        summary: '下载我的奖励明细（PDF，注明现金奖励计入当年绩效工资总量、不作为下一年度基数和社会保险缴费基数）',
        querystring: StatementQuery,
        produces: ['application/pdf', 'application/json'],
        response: { 200: { description: '奖励明细 PDF', type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const s = await statement(ctx.db, requireResearcher(request), request.query);
      const now = new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      const stream = await statementPdf(s, now);
      const scope = s.year ? `${s.year}年度` : s.conversionId ? '转化项目' : '全部';
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`${s.researcherName}科技成果转化奖励明细（${scope}）.pdf`))
        .header('cache-control', 'no-store')
        .send(stream as unknown as string);
    },
  );
};

export default routes;
