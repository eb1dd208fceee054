// Reports of the ledger: the enterprise's obligations, the operators' overdue list, the contract
// export and the 单列管理 asset register (docs/ledger.md).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { durationMs } from '../../domain/duration.js';
import { shanghaiDate } from '../../domain/results.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, attachment, exportStream } from '../../platform/exports.js';
import { requireMember, requireOperator } from '../plugins/session.js';
import { Enum, errorResponses } from '../schemas.js';
import { CONTRACT_EXPORT_COLUMNS, contractFileName, contractRows, exportConnection } from './exports.js';
import { dueLines } from './reads.js';
import { RangeQuery } from './route-schemas.js';
import { assetRegister, REGISTER_COLUMNS } from './register.js';
import { DueLine, RegisterReport } from './views.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['转化台账'];
  const today = () => shanghaiDate(ctx.now());

  app.get(
    '/ledger/obligations',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '企业：本企业各合同的应付款项及到期日',
        response: { 200: Type.Object({ items: Type.Array(DueLine) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const rows = await dueLines(
        ctx.db,
        { counterpartyOrgId: actor.orgId },
        { overdueOnly: false, today: today(), limit: 500 },
      );
      return { items: rows.map(dueLine) };
    },
  );

  app.get(
    '/ledger/overdue',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: '运营方：各单位逾期未付款项',
        response: { 200: Type.Object({ items: Type.Array(DueLine) }), ...errorResponses },
      },
    },
    async (request) => {
      requireOperator(request);
      const rows = await dueLines(ctx.db, { all: true }, { overdueOnly: true, today: today(), limit: 500 });
      return { items: rows.map(dueLine) };
    },
  );

  app.get(
    '/ledger/contracts/export',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '导出本单位某一期间签订的技术合同（CSV 为带 BOM 的 UTF-8；XLSX）',
        querystring: Type.Object({ format: Enum(EXPORT_FORMATS), ...RangeQuery }),
        produces: [EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx, 'application/json'],
        response: { 200: Type.String({ description: '合同台账文件' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const { format, from, to } = request.query;
      const range = { from: from ?? null, to: to ?? null };
      // Taken before the answer starts, so a busy server refuses with a status rather than a broken
      // file; closed when the rows end, or when the download does (a reader that went away before
      // the first row never starts the read that would close it).
      const connection = await exportConnection(ctx.db, durationMs(ctx.config.exportWait));
      reply.raw.once('close', () => {
        connection.close().catch((err: unknown) => request.log.warn({ err }, 'export connection close failed'));
      });
      const stream = exportStream(
        format,
        '技术合同',
        CONTRACT_EXPORT_COLUMNS,
        contractRows(connection, actor.orgId, range),
      );
      return reply
        .type(EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', attachment(contractFileName('本单位', range, format)))
        .header('cache-control', 'no-store')
        .send(stream as unknown as string);
    },
  );

  app.get(
    '/ledger/register',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '单列管理资产登记表：本单位单列管理的成果及其形成的许可、股权、应收款和当前状态（措施二、三）',
        response: { 200: RegisterReport, ...errorResponses },
      },
    },
    async (request) => ({ items: await assetRegister(ctx.db, requireMember(request).orgId) }),
  );

  app.get(
    '/ledger/register/export',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '导出单列管理资产登记表（XLSX；CSV 为带 BOM 的 UTF-8）',
        querystring: Type.Object({ format: Enum(EXPORT_FORMATS) }),
        produces: [EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv, 'application/json'],
        response: { 200: Type.String({ description: '单列管理资产登记表文件' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const { format } = request.query;
      const rows = await assetRegister(ctx.db, actor.orgId);
      return reply
        .type(EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', attachment(`单列管理资产登记表.${format}`))
        .header('cache-control', 'no-store')
        .send(exportStream(format, '单列管理', REGISTER_COLUMNS, Readable.from(rows)) as unknown as string);
    },
  );
};

function dueLine(r: Awaited<ReturnType<typeof dueLines>>[number]): Static<typeof DueLine> {
  return {
    scheduleItemId: r.item.id,
    conversionId: r.conversionId,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    counterpartyName: r.counterpartyName,
    contractTitle: r.contractTitle,
    kind: r.item.kind,
    dueOn: r.item.dueOn!,
    amountFen: r.item.amountFen!,
    receivedFen: r.receivedFen,
    outstandingFen: r.outstandingFen,
    state: r.state,
  };
}

export default routes;
