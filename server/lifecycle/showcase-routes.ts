// Routes of negotiated (面议) listings on show: enterprises' inquiries to the publisher, and renewing
// a showcase that expired.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireMember } from '../plugins/session.js';
import { errorResponses, IdParams, Text } from '../schemas.js';
import * as showcase from './showcase.js';
import { InquiryView, inquiryView } from './views.js';
import { ListingDetail, listingDetail } from '../listings/views.js';
import { getListing } from '../listings/reads.js';
import { Items } from './route-schemas.js';

const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', maxLength: 20 });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const detail = async (actor: Parameters<typeof getListing>[1], id: string) =>
    listingDetail(await getListing(ctx.db, actor, id));

  const tags = ['面议咨询'];

  app.post(
    '/listings/:id/inquiries',
    {
      config: { access: 'enterprise' },
      schema: {
        tags,
        summary: '向面议项目的发布单位咨询（已认证企业，展示期内）',
        params: IdParams,
        body: Type.Object(
          { message: Text(2000, 5), contactName: Text(50), contactPhone: Phone },
          { additionalProperties: false },
        ),
        response: { 201: InquiryView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const i = await showcase.sendInquiry(ctx, actor, request.params.id, request.body);
      const [mine] = (await showcase.listInquiries(ctx.db, actor, request.params.id)).filter((x) => x.id === i.id);
      return reply.status(201).send(inquiryView(i, mine?.organisationName ?? ''));
    },
  );

  app.get(
    '/listings/:id/inquiries',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: '面议咨询（发布单位和运营方可见全部，企业只见本企业的）',
        params: IdParams,
        response: { 200: Items(InquiryView), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await showcase.listInquiries(ctx.db, requireActor(request), request.params.id)).map((i) =>
        inquiryView(i, i.organisationName),
      ),
    }),
  );

  app.post(
    '/listings/:id/renew',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '到期下架的面议项目重新展示一个展示期',
        params: IdParams,
        response: { 200: ListingDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await showcase.renewShowcase(ctx, actor, request.params.id);
      return detail(actor, request.params.id);
    },
  );
};

export default routes;
