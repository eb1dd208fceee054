// Routes of the deal (成交, 措施四、措施八、措施十五): the technology-export review for a counterparty
// registered outside the mainland, recording the deal at its binding price, reading it, and the
// acquiring enterprise's confirmation that the project is implemented (落地).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { APPRAISAL_DECISIONS } from '../../domain/constants/lifecycle.js';
import { DOMICILES, OWNERSHIP_TYPES } from '../../domain/constants/organisations.js';
import { LICENCE_SCOPES, TRANSACTION_TYPES } from '../../domain/constants/listings.js';
import { requireActor, requireMember } from '../plugins/session.js';
import { Enum, errorResponses, Fen, IdParams, Nullable, Text } from '../schemas.js';
import * as deals from './deals.js';
import * as rewards from './rewards.js';
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
        summary:
          '确认该项目成果的技术出口管制审查（境外含港澳台登记的单位摘牌、报名竞买、受让前必须确认；对该成果的所有项目有效；措施十五）',
        params: IdParams,
        body: Type.Object({ note: Text(1000, 5) }, { additionalProperties: false }),
        response: { 200: DealRecord, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await deals.confirmListingExportControl(ctx, actor, request.params.id, request.body.note);
      return dealRecord(await deals.getDeal(ctx.db, actor, request.params.id));
    },
  );

  app.post(
    '/listings/:id/deal',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary:
          '登记成交：金额须为成交所依据的价格（公示的协议价、挂牌价或拍卖成交价），项目和科技成果转为已转化（措施四）',
        params: IdParams,
        body: Type.Object(
          {
            transactionType: Enum(TRANSACTION_TYPES),
            amountFen: Fen,
            appraisal: Enum(APPRAISAL_DECISIONS),
            // A licence: its scope, which must be the listing's (defaults to it).
            licenseScope: Type.Optional(Nullable(Enum(LICENCE_SCOPES))),
            // 措施四: whether the counterparty is the institution's own (state-wholly-owned) subsidiary.
            counterpartyIsOwnSubsidiary: Type.Boolean(),
            counterpartyOwnership: Type.Optional(Nullable(Enum(OWNERSHIP_TYPES))),
            counterpartyDomicile: Type.Optional(Nullable(Enum(DOMICILES))),
            basis: Type.Optional(Text(5000, 0)),
          },
          {
            additionalProperties: false,
            examples: [
              {
                transactionType: 'transfer',
                amountFen: 80_000_000,
                appraisal: 'appraised',
                counterpartyIsOwnSubsidiary: false,
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
        licenseScope: b.licenseScope ?? null,
        counterpartyIsOwnSubsidiary: b.counterpartyIsOwnSubsidiary,
        counterpartyOwnership: b.counterpartyOwnership ?? null,
        counterpartyDomicile: b.counterpartyDomicile ?? null,
        basis: b.basis ?? '',
      });
      return reply.status(201).send(dealRecord(await deals.getDeal(ctx.db, actor, request.params.id)));
    },
  );

  app.get(
    '/listings/:id/deal',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '成交记录（发布单位、受让方和运营方可见；成交前给出成交金额所依据的价格）',
        params: IdParams,
        response: { 200: DealRecord, ...errorResponses },
      },
    },
    async (request) => dealRecord(await deals.getDeal(ctx.db, requireActor(request), request.params.id)),
  );

  app.post(
    '/listings/:id/deal/landing',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '受让企业确认成交项目落地实施（之后运营方可确认奖励性后补助资格；措施八）',
        params: IdParams,
        response: { 200: DealRecord, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await rewards.confirmDealLanding(ctx, actor, request.params.id);
      return dealRecord(await deals.getDeal(ctx.db, actor, request.params.id));
    },
  );
};

export default routes;
