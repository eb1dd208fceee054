// Routes of the deal (成交, 措施四、措施十五): the export-control review for a foreign-owned
// counterparty, recording the deal, and reading it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { APPRAISAL_DECISIONS } from '../../domain/constants/lifecycle.js';
import { OWNERSHIP_TYPES } from '../../domain/constants/organisations.js';
import { TRANSACTION_TYPES } from '../../domain/constants/listings.js';
import { requireActor, requireMember } from '../plugins/session.js';
import { Enum, errorResponses, Fen, IdParams, Nullable, Text } from '../schemas.js';
import * as deals from './deals.js';
import { DealRecord, dealRecord } from './views.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  const tags = ['成交'];

  app.post(
    '/listings/:id/export-control',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '确认技术出口管制审查（受让方为外资企业时，登记成交前必须确认；措施十五）',
        params: IdParams,
        body: Type.Object({ note: Text(1000, 5) }, { additionalProperties: false }),
        response: { 200: DealRecord, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await deals.confirmExportControl(ctx, actor, request.params.id, request.body.note);
      const d = await deals.getDeal(ctx.db, actor, request.params.id);
      return dealRecord(d.deal, d.exportControl);
    },
  );

  app.post(
    '/listings/:id/deal',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '登记成交：项目和科技成果转为已转化（评估决定须符合措施四）',
        params: IdParams,
        body: Type.Object(
          {
            transactionType: Enum(TRANSACTION_TYPES),
            amountFen: Fen,
            appraisal: Enum(APPRAISAL_DECISIONS),
            counterpartyOwnership: Type.Optional(Nullable(Enum(OWNERSHIP_TYPES))),
            basis: Type.Optional(Text(5000, 0)),
          },
          {
            additionalProperties: false,
            examples: [
              {
                transactionType: 'transfer',
                amountFen: 80_000_000,
                appraisal: 'appraised',
                basis: '经第三方评估机构评估，评估值 780 万元；按挂牌价成交。',
              },
            ],
          },
        ),
        response: { 201: DealRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const b = request.body;
      await deals.recordDeal(ctx, actor, request.params.id, {
        transactionType: b.transactionType,
        amountFen: b.amountFen,
        appraisal: b.appraisal,
        counterpartyOwnership: b.counterpartyOwnership ?? null,
        basis: b.basis ?? '',
      });
      const d = await deals.getDeal(ctx.db, actor, request.params.id);
      return reply.status(201).send(dealRecord(d.deal, d.exportControl));
    },
  );

  app.get(
    '/listings/:id/deal',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '成交记录（发布单位、受让方和运营方可见）',
        params: IdParams,
        response: { 200: DealRecord, ...errorResponses },
      },
    },
    async (request) => {
      const d = await deals.getDeal(ctx.db, requireActor(request), request.params.id);
      return dealRecord(d.deal, d.exportControl);
    },
  );
};

export default routes;
