// The records behind a figure, and the 科技成果转化情况年度报告: read (JSON, PDF, XLSX), the institution's
// draft and submission, the supervisory department's acceptance or return, the department archive.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CONVERSION_ROUTES, CONVERSION_TYPES } from '../../domain/constants/ledger.js';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { ANNUAL_REPORT_STATUSES } from '../../domain/statistics/annual-report.js';
import { attachment } from '../../platform/exports.js';
import { requireActor, requireMember } from '../plugins/session.js';
import { CalendarDate, DateTime, Enum, errorResponses, Nullable, Page, PageQuery, Text, Uuid } from '../schemas.js';
import { archive, decideReport, readReport, saveDraft, submitReport } from './annual-report.js';
import { reportPdf, reportXlsx } from './annual-report-files.js';
import { figureRecords, RECORD_KINDS } from './records.js';
import recordRoutes from './record-routes.js';
import { reportArchive } from './report-archive.js';

const tags = ['统计'];
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份，YYYY-MM（北京时间）' });

export const FigureRecord = Type.Object(
  {
    conversionId: Uuid,
    institution: Type.Object({ id: Uuid, name: Type.String() }),
    resultTitle: Nullable(Type.String()),
    orgUnit: Nullable(Type.String()),
    field: Nullable(Type.String()),
    region: Nullable(Type.String()),
    route: Enum(CONVERSION_ROUTES),
    transactionType: Enum(CONVERSION_TYPES),
    counterpartyName: Type.String(),
    signedOn: CalendarDate,
    amountFen: Type.Integer(),
    technologyAmountFen: Type.Integer(),
  },
  { $id: 'FigureRecord' },
);

const ReportLine = Type.Object({
  key: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  amountFen: Type.Integer(),
  averageFen: Nullable(Type.Integer()),
  previousCount: Type.Integer(),
  previousAmountFen: Type.Integer(),
  countChangeBp: Nullable(Type.Integer()),
  amountChangeBp: Nullable(Type.Integer()),
});

export const AnnualReportView = Type.Object(
  {
    institution: Type.Object({ id: Uuid, name: Type.String() }),
    year: Type.Integer(),
    status: Enum(ANNUAL_REPORT_STATUSES),
    office: Type.String(),
    asOf: Nullable(DateTime),
    submittedAt: Nullable(DateTime),
    decidedAt: Nullable(DateTime),
    returnReason: Nullable(Type.String()),
    version: Type.Integer(),
    report: Type.Object({
      year: Type.Integer(),
      institutionName: Type.String(),
      transfer: Type.Object({
        total: ReportLine,
        byType: Type.Array(ReportLine),
        byField: Type.Array(ReportLine),
        byCounterparty: Type.Array(ReportLine),
      }),
      services: Type.Object({ total: ReportLine, byType: Type.Array(ReportLine) }),
      income: ReportLine,
      rewards: Nullable(
        Type.Object({
          amountFen: Type.Integer(),
          people: Type.Integer(),
          previousAmountFen: Type.Integer(),
          amountChangeBp: Nullable(Type.Integer()),
        }),
      ),
      equity: Type.Object({
        holdings: Type.Array(
          Type.Object({
            companyName: Type.String(),
            stakeBp: Nullable(Type.Integer()),
            valuationFen: Type.Integer(),
            acquiredOn: Type.String(),
            status: Type.String(),
          }),
        ),
        count: Type.Integer(),
        valuationFen: Type.Integer(),
      }),
      office: Type.String(),
    }),
  },
  { $id: 'AnnualReportView' },
);

export const ArchiveEntry = Type.Object(
  {
    institution: Type.Object({ id: Uuid, name: Type.String() }),
    status: Enum([...ANNUAL_REPORT_STATUSES, 'none'] as const),
    submittedAt: Nullable(DateTime),
    decidedAt: Nullable(DateTime),
  },
  { $id: 'AnnualReportArchiveEntry' },
);

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '报告年度' });
const YearParams = Type.Object({ year: Year });
const ReportQuery = Type.Object(
  { organisationId: Type.Optional(Type.String({ format: 'uuid', description: '科研单位 id（本单位可省略）' })) },
  { additionalProperties: false },
);
const OfficeBody = Type.Object(
  { office: Text(2000, 0) },
  { additionalProperties: false, description: '技术转移机构建设情况（单位自行填写）' },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  await app.register(recordRoutes);

  app.get(
    '/stats/records',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '统计数字背后的转化记录（与统计同一口径：合同生效或履行完毕，按签订月份），限可查看范围',
        querystring: Type.Object(
          {
            from: Month,
            to: Month,
            kind: Type.Optional(Enum(RECORD_KINDS, { description: 'all：全部转化；tle：转让、许可、作价投资' })),
            organisationId: Type.Optional(Type.String({ format: 'uuid' })),
            orgUnitId: Type.Optional(
              Type.Union([Type.String({ format: 'uuid' }), Type.Literal('none')], {
                description: '院系 id；none 为未指定院系',
              }),
            ),
            researcherId: Type.Optional(Type.String({ format: 'uuid', description: '科研人员（成果完成人）' })),
            field: Type.Optional(Enum(INDUSTRY_FIELDS)),
            region: Type.Optional(Enum(REGIONS)),
            transactionType: Type.Optional(Enum(CONVERSION_TYPES)),
            route: Type.Optional(Enum(CONVERSION_ROUTES)),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(FigureRecord), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from > q.to) throw new AppError('STATS_PERIOD_INVALID');
      return figureRecords(ctx.db, requireActor(request), {
        ...q,
        kind: q.kind ?? 'all',
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      });
    },
  );

  const institutionOf = (request: { query: { organisationId?: string } }, actor: ReturnType<typeof requireActor>) => {
    if (request.query.organisationId) return request.query.organisationId;
    if (actor.type === 'member' && actor.orgKind === 'institution') return actor.orgId;
    throw new AppError('ORG_NOT_FOUND');
  };

  app.get(
    '/stats/annual-reports/:year',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '科技成果转化情况年度报告（本单位、主管部门所辖单位；运营方全部）',
        params: YearParams,
        querystring: ReportQuery,
        response: { 200: AnnualReportView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return readReport(ctx.db, actor, institutionOf(request, actor), request.params.year);
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/stats/annual-reports/:year/report.${format}`,
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: `下载年度报告（${format.toUpperCase()}，注明数据截至时间）`,
          params: YearParams,
          querystring: ReportQuery,
          produces: [
            format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'application/json',
          ],
          response: { 200: { description: '年度报告文件', type: 'string', format: 'binary' }, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const view = await readReport(ctx.db, actor, institutionOf(request, actor), request.params.year);
        const name = `${view.institution.name}${view.year}年度科技成果转化情况年度报告.${format}`;
        const stream = format === 'pdf' ? await reportPdf(view) : reportXlsx(view);
        return reply
          .type(
            format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', attachment(name))
          .header('cache-control', 'no-store')
          .send(stream as unknown as string);
      },
    );
  }

  app.put(
    '/my/annual-reports/:year',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '保存年度报告草稿（技术转移机构建设情况）',
        params: YearParams,
        body: OfficeBody,
        response: { 204: Type.Null({ description: '已保存' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await saveDraft(ctx.db, requireMember(request), request.params.year, request.body.office, ctx.now());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/my/annual-reports/:year/submit',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '向主管部门报送年度报告（报送时的统计数据随报告固定）',
        params: YearParams,
        body: OfficeBody,
        response: { 204: Type.Null({ description: '已报送' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await submitReport(ctx.db, requireMember(request), request.params.year, request.body.office, ctx.now());
      return reply.status(204).send(null);
    },
  );

  const DecideParams = Type.Object({
    year: Year,
    institutionId: Type.String({ format: 'uuid', description: '科研单位 ID（UUID）' }),
  });
  app.post(
    '/oversight/annual-reports/:year/:institutionId/accept',
    {
      config: { access: 'oversight' },
      schema: {
        tags,
        summary: '主管部门接收所辖单位报送的年度报告',
        params: DecideParams,
        response: { 204: Type.Null({ description: '已接收' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.type !== 'oversight') throw new AppError('FORBIDDEN');
      const { year, institutionId } = request.params;
      await decideReport(ctx.db, actor, institutionId, year, 'accept', null, ctx.now());
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/oversight/annual-reports/:year/:institutionId/return',
    {
      config: { access: 'oversight' },
      schema: {
        tags,
        summary: '主管部门退回年度报告（须说明理由），单位修改后重新报送',
        params: DecideParams,
        body: Type.Object({ reason: Text(500, 2) }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: '已退回' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.type !== 'oversight') throw new AppError('FORBIDDEN');
      const { year, institutionId } = request.params;
      await decideReport(ctx.db, actor, institutionId, year, 'return', request.body.reason.trim(), ctx.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/oversight/annual-reports',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '年度报告归档：所辖单位（省科技厅与运营方：全部科研单位）某年度报告的报送状态',
        querystring: Type.Object({ year: Year }, { additionalProperties: false }),
        response: { 200: Type.Array(ArchiveEntry), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.type !== 'oversight' && actor.type !== 'operator') throw new AppError('FORBIDDEN');
      return archive(ctx.db, actor, request.query.year);
    },
  );

  app.get(
    '/oversight/annual-reports/:year/archive.zip',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary:
          '打包下载所辖单位（省科技厅与运营方：全部科研单位）该年度已报送的全部年度报告（ZIP：各单位 PDF 与 Excel，附清单）',
        params: YearParams,
        produces: ['application/zip', 'application/json'],
        response: { 200: { description: '年度报告汇总 ZIP', type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.type !== 'oversight' && actor.type !== 'operator') throw new AppError('FORBIDDEN');
      const zip = await reportArchive(ctx.db, actor, request.params.year, ctx.now());
      return reply
        .type('application/zip')
        .header('content-disposition', attachment(zip.filename))
        .header('cache-control', 'no-store')
        .send(zip.stream as unknown as string);
    },
  );
};

export default routes;
