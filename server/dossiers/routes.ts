// 措施十四: documents, decision records, dossier export and verify, determinations, the institution's trail.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { Actor } from '../../domain/actor.js';
import {
  DECISION_TEXT,
  DECISION_TYPES,
  DETERMINATION_CONCLUSIONS,
  DOCUMENT_KINDS,
  PARTY_DECISION_TYPES,
  type LiveDossierSubject,
} from '../../domain/constants/dossiers.js';
import { AppError } from '../../domain/errors.js';
import { verifyDossier } from '../../platform/dossier/verify.js';
import type { DocumentStorage } from '../../platform/storage/index.js';
import { requireActor, requireMember } from '../plugins/session.js';
import {
  CalendarDate,
  DateTime,
  Enum,
  errorResponses,
  IdParams,
  Nullable,
  Page,
  PageQuery,
  Text,
  Uuid,
} from '../schemas.js';
import * as decisions from './decisions.js';
import * as determinationsSvc from './determinations.js';
import * as docs from './documents.js';
import { exportDossier } from './export.js';
import {
  decisionView,
  DecisionRecordView,
  DeterminationView,
  documentView,
  DocumentView,
  DossierVerifyView,
  verifyView,
} from './views.js';

// Where documents and decision records attach. The ledger's subjects follow the ledger's visibility
// (subjects.ts); a contract is identified by its conversion's id (one contract per conversion).
const SUBJECT_ROUTES = [
  ['results', 'result', '科技成果'],
  ['listings', 'listing', '项目'],
  ['ledger/conversions', 'conversion', '转化记录'],
  ['ledger/contracts', 'contract', '合同（以转化记录 id 标识）'],
  ['ledger/payments', 'payment', '收款记录'],
  // 措施一、六: a grant or transfer decision (server/rights), by its id; the team it was put to reads.
  ['rights/grants', 'grant', '赋权决定'],
  ['rights/transfers', 'transfer', '权益让渡决定'],
] as const satisfies ReadonlyArray<readonly [string, LiveDossierSubject, string]>;

const DecisionBody = Type.Object(
  {
    decisionType: Enum(PARTY_DECISION_TYPES),
    summary: Text(DECISION_TEXT.summary.max),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    decidedByRole: Text(DECISION_TEXT.role.max),
    decisionBody: Type.Optional(Text(DECISION_TEXT.body.max, 0)),
    meetingDate: Type.Optional(Nullable(CalendarDate)),
    procedure: Type.Optional(Text(DECISION_TEXT.procedure.max, 0)),
    // 措施十四: required; whitespace alone is refused by the service (DECISION_BASIS_REQUIRED).
    basis: Text(DECISION_TEXT.basis.max, 0),
    documentIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
    correctsId: Type.Optional(Nullable(Uuid)),
  },
  {
    additionalProperties: false,
    examples: [
      {
        decisionType: 'pricing',
        summary: '以协议定价方式转让，价格 120 万元，不另行评估',
        details: { pricingMode: 'agreed', priceFen: 120000000, appraisal: 'skipped' },
        decidedByRole: '成果转化办公室主任',
        decisionBody: '院长办公会',
        meetingDate: '2026-03-02',
        procedure: '成果转化办公室提出方案，院长办公会审议通过，拟在平台公示 15 日',
        basis: '措施四：协议定价须公示；已有同类专利许可价格参考，自主决定不评估',
      },
    ],
  },
);

const routes =
  (storage: DocumentStorage): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = app.services;
    const tags = ['尽职免责档案'];

    /**
     * A signed-in read of one subject's records (documents, decisions): the service decides who may see
     * them. A researcher reads only a grant or transfer put to them (subjects.ts), hence 'account' there.
     */
    const subjectList = <V extends TSchema>(
      url: string,
      summary: string,
      view: V,
      list: (actor: Actor, id: string) => Promise<Array<Static<V>>>,
      access: 'signed_in' | 'account',
    ) =>
      app.get(
        url,
        {
          config: { access },
          schema: { tags, summary, params: IdParams, response: { 200: Type.Array(view), ...errorResponses } },
        },
        async (request) => list(requireActor(request), request.params.id),
      );

    /** Streams an exported dossier ZIP as an attachment; a failure after the headers went out is logged. */
    const sendDossier = (
      request: FastifyRequest,
      reply: FastifyReply,
      out: Awaited<ReturnType<typeof exportDossier>>,
    ) => {
      out.done.catch((err: unknown) => request.log.error({ err }, 'dossier export failed'));
      return reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(out.stream as never);
    };

    for (const [segment, subjectType, noun] of SUBJECT_ROUTES) {
      const readAccess = subjectType === 'grant' || subjectType === 'transfer' ? 'account' : 'signed_in';
      app.post(
        `/${segment}/:id/documents`,
        {
          config: { access: 'member' },
          schema: {
            tags,
            summary: `上传${noun}的文件（multipart/form-data，字段 file；按内容识别类型，超过 DOCUMENT_MAX_SIZE 拒绝）`,
            consumes: ['multipart/form-data'],
            params: IdParams,
            querystring: Type.Object(
              { kind: Enum(DOCUMENT_KINDS, { description: '文件类别' }) },
              { additionalProperties: false },
            ),
            response: { 201: DocumentView, ...errorResponses },
          },
        },
        async (request, reply) => {
          const actor = requireMember(request);
          const part = await request.file();
          if (!part) throw new AppError('DOCUMENT_FILE_REQUIRED');
          const row = await docs.uploadDocument(ctx, storage, actor, {
            subjectType,
            subjectId: request.params.id,
            kind: request.query.kind,
            filename: part.filename,
            file: part.file,
          });
          return reply.status(201).send(documentView(row));
        },
      );

      subjectList(
        `/${segment}/:id/documents`,
        `${noun}的文件`,
        DocumentView,
        async (actor, id) => (await docs.listDocuments(ctx.db, actor, subjectType, id)).map(documentView),
        readAccess,
      );

      app.post(
        `/${segment}/:id/decisions`,
        {
          config: { access: 'institution' },
          schema: {
            tags,
            summary: `记录${noun}的决策（只增不改；更正须新建记录并以 correctsId 引用原记录）`,
            params: IdParams,
            body: DecisionBody,
            response: { 201: DecisionRecordView, ...errorResponses },
          },
        },
        async (request, reply) => {
          const row = await decisions.createDecision(ctx, requireMember(request), {
            ...request.body,
            subjectType,
            subjectId: request.params.id,
          });
          return reply.status(201).send(decisionView(row));
        },
      );

      subjectList(
        `/${segment}/:id/decisions`,
        `${noun}的决策记录`,
        DecisionRecordView,
        async (actor, id) => (await decisions.listDecisions(ctx.db, actor, subjectType, id)).map(decisionView),
        readAccess,
      );
    }

    app.get(
      '/documents/:id/download',
      {
        // 'account': a researcher downloads a grant's documents when it was put to them (subjects.ts).
        config: { access: 'account' },
        schema: {
          tags,
          summary: '下载文件（仅当事方、运营方和监督部门；科研人员仅限向其作出的赋权或权益让渡决定的文件）',
          params: IdParams,
          response: {
            200: { description: '文件内容（附件下载）', type: 'string', format: 'binary' },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { doc, body } = await docs.openDocument(ctx.db, storage, requireActor(request), request.params.id);
        return reply
          .header('Content-Type', doc.mediaType)
          .header('Content-Length', String(doc.sizeBytes))
          .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-store')
          .send(body as never);
      },
    );

    app.get(
      '/results/:id/dossier',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '导出科技成果的尽职免责档案（ZIP：PDF 摘要、记录 JSON、文件、带 SHA-256 的清单）',
          params: IdParams,
          response: { 200: { description: '档案 ZIP', type: 'string', format: 'binary' }, ...errorResponses },
        },
      },
      async (request, reply) => {
        const out = await exportDossier(ctx, storage, requireActor(request), {
          kind: 'result',
          resultId: request.params.id,
        });
        return sendDossier(request, reply, out);
      },
    );

    app.get(
      '/dossiers/institution',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '导出一个单位一段时间的尽职免责档案（科研单位导出本单位；运营方和监督部门指定其监管范围内的 orgId）',
          querystring: Type.Object(
            { from: DateTime, to: DateTime, orgId: Type.Optional(Uuid) },
            { additionalProperties: false },
          ),
          response: { 200: { description: '档案 ZIP', type: 'string', format: 'binary' }, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const orgId = request.query.orgId ?? (actor.type === 'member' ? actor.orgId : undefined);
        if (!orgId) throw new AppError('VALIDATION_FAILED', undefined, '请指定单位（orgId）');
        const from = new Date(request.query.from);
        const to = new Date(request.query.to);
        if (!(from < to)) throw new AppError('VALIDATION_FAILED', undefined, '起始时间须早于结束时间');
        return sendDossier(
          request,
          reply,
          await exportDossier(ctx, storage, actor, { kind: 'period', orgId, from, to }),
        );
      },
    );

    app.post(
      '/dossiers/verify',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '校验档案 ZIP（multipart/form-data，字段 file）：逐个文件重算 SHA-256，指出被改动的文件',
          consumes: ['multipart/form-data'],
          response: { 200: DossierVerifyView, ...errorResponses },
        },
      },
      async (request) => {
        const part = await request.file();
        if (!part) throw new AppError('DOCUMENT_FILE_REQUIRED');
        // yauzl reads the central directory at the end of the file, so the upload is spooled to disk.
        await mkdir(ctx.config.documents.spoolDir, { recursive: true });
        const spool = join(ctx.config.documents.spoolDir, `verify-${randomUUID()}.zip`);
        try {
          try {
            await pipeline(part.file, createWriteStream(spool, { flags: 'wx' }));
          } catch (err) {
            if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('DOCUMENT_TOO_LARGE');
            throw err;
          }
          if (part.file.truncated) throw new AppError('DOCUMENT_TOO_LARGE');
          const report = await verifyDossier(spool);
          return verifyView(report, await determinationsSvc.isIssued(ctx.db, report.manifestSha256));
        } finally {
          await rm(spool, { force: true });
        }
      },
    );

    app.post(
      '/determinations',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '记录尽职免责认定（省科技厅、对本单位有监管关系的主管部门，或运营方）',
          body: Type.Object(
            {
              dossierSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: '档案清单的 SHA-256' }),
              conclusion: Enum(DETERMINATION_CONCLUSIONS),
              determinedOn: CalendarDate,
              basis: Text(DECISION_TEXT.basis.max, 0),
            },
            { additionalProperties: false },
          ),
          response: { 201: DeterminationView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const row = await determinationsSvc.recordDetermination(ctx, requireActor(request), request.body);
        const list = await determinationsSvc.listDeterminations(ctx.db, requireActor(request));
        const orgName = list.find((x) => x.d.id === row.id)?.orgName ?? '';
        return reply.status(201).send({ ...row, orgName, createdAt: row.createdAt.toISOString() });
      },
    );

    app.get(
      '/determinations',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: '尽职免责认定（科研单位看本单位的）',
          response: { 200: Type.Array(DeterminationView), ...errorResponses },
        },
      },
      async (request) =>
        (await determinationsSvc.listDeterminations(ctx.db, requireActor(request))).map(({ d, orgName }) => ({
          ...d,
          orgName,
          createdAt: d.createdAt.toISOString(),
        })),
    );

    app.get(
      '/institution/decisions',
      {
        config: { access: 'institution' },
        schema: {
          tags,
          summary: '本单位的决策记录（可按类型和时间筛选）',
          querystring: Type.Object(
            {
              ...PageQuery,
              decisionType: Type.Optional(Enum(DECISION_TYPES)),
              from: Type.Optional(DateTime),
              to: Type.Optional(DateTime),
            },
            { additionalProperties: false },
          ),
          response: { 200: Page(DecisionRecordView), ...errorResponses },
        },
      },
      async (request) => {
        const { page = 1, pageSize = 20, decisionType, from, to } = request.query;
        const { items, total } = await determinationsSvc.institutionDecisions(ctx.db, requireMember(request).orgId, {
          page,
          pageSize,
          ...(decisionType ? { decisionType } : {}),
          ...(from ? { from: new Date(from) } : {}),
          ...(to ? { to: new Date(to) } : {}),
        });
        return { items: items.map(decisionView), total, page, pageSize };
      },
    );
  };

export default routes;
