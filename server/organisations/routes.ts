import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DOMICILES, MEMBER_ROLES, VERIFICATION_STATUSES } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { requireActor, requireOperator } from '../plugins/session.js';
import { Enum, errorResponses, IdParams, Nullable, Page, PageQuery, Text, Uuid } from '../schemas.js';
import * as orgs from './service.js';
import { AuditEntry, auditEntry } from '../audit/views.js';
import { OrganisationPrivate, organisationPrivate, OrganisationPublic, organisationPublic } from './views.js';

export const Member = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  email: Type.String(),
  role: Enum(MEMBER_ROLES),
});

export const MyOrganisation = Type.Object({ organisation: OrganisationPrivate, members: Type.Array(Member) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  app.get(
    '/organisations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['机构'],
        summary: '机构公开信息',
        params: IdParams,
        response: { 200: OrganisationPublic, ...errorResponses },
      },
    },
    async (request) => {
      const org = await orgs.getOrganisation(ctx.db, request.params.id);
      if (org.kind === 'operator') throw new AppError('ORG_NOT_FOUND');
      return organisationPublic(org);
    },
  );

  app.get(
    '/my/organisation',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['机构'],
        summary: '我的机构：资料、认证状态、成员',
        response: {
          200: MyOrganisation,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.type === 'system' || actor.type === 'researcher') throw new AppError('FORBIDDEN');
      const [org, members] = await Promise.all([
        orgs.getOrganisation(ctx.db, actor.orgId),
        orgs.listMembers(ctx.db, actor.orgId),
      ]);
      return { organisation: organisationPrivate(org), members };
    },
  );

  app.patch(
    '/my/organisation',
    {
      config: { access: 'member' },
      schema: {
        tags: ['机构'],
        summary: '修改机构资料（名称和信用代码不可修改）',
        body: Type.Object(
          {
            description: Type.Optional(Text(2000, 0)),
            address: Type.Optional(Text(200, 0)),
            contactName: Type.Optional(Text(50)),
            contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
            website: Type.Optional(Text(200, 0)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: OrganisationPrivate, ...errorResponses },
      },
    },
    async (request) => organisationPrivate(await orgs.updateProfile(ctx, requireActor(request), request.body)),
  );

  app.get(
    '/operator/organisations',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '机构认证队列（最早提交的在前）',
        querystring: Type.Object({ status: Type.Optional(Enum(VERIFICATION_STATUSES)), ...PageQuery }),
        response: { 200: Page(OrganisationPrivate), ...errorResponses },
      },
    },
    async (request) => {
      const { status = 'pending_verification', page = 1, pageSize = 20 } = request.query;
      const { items, total } = await orgs.verificationQueue(ctx.db, status, page, pageSize);
      return { items: items.map(organisationPrivate), total, page, pageSize };
    },
  );

  app.post(
    '/operator/organisations/:id/verify',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '通过机构认证',
        params: IdParams,
        response: { 200: OrganisationPrivate, ...errorResponses },
      },
    },
    async (request) => organisationPrivate(await orgs.verify(ctx, requireOperator(request), request.params.id)),
  );

  app.post(
    '/operator/organisations/:id/reject',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '驳回机构认证（须说明理由）',
        params: IdParams,
        body: Type.Object({ reason: Text(500, 2) }, { additionalProperties: false }),
        response: { 200: OrganisationPrivate, ...errorResponses },
      },
    },
    async (request) =>
      organisationPrivate(
        await orgs.rejectVerification(ctx, requireOperator(request), request.params.id, request.body.reason),
      ),
  );

  app.get(
    '/operator/organisations/domicile-review',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '登记地复核名单：原登记为外资、须确认登记地（境内 / 港澳台 / 境外）的机构（措施十五）',
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Page(OrganisationPrivate), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { items, total } = await orgs.domicileReviewQueue(ctx.db, page, pageSize);
      return { items: items.map(organisationPrivate), total, page, pageSize };
    },
  );

  app.post(
    '/operator/organisations/:id/domicile',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '确认机构登记地（境外机构须填写登记注册号和所在国家或地区；措施十五）',
        params: IdParams,
        body: Type.Object(
          {
            domicile: Enum(DOMICILES),
            registrationNumber: Type.Optional(Nullable(Text(50, 0))),
            countryOrRegion: Type.Optional(Nullable(Text(50, 0))),
            note: Type.Optional(Text(500, 0)),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrganisationPrivate, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      return organisationPrivate(
        await orgs.reviewDomicile(ctx, requireOperator(request), request.params.id, {
          domicile: b.domicile,
          registrationNumber: b.registrationNumber ?? null,
          countryOrRegion: b.countryOrRegion ?? null,
          note: b.note ?? '',
        }),
      );
    },
  );

  app.get(
    '/operator/organisations/:id/audit',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['运营'],
        summary: '机构审计记录',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await orgs.organisationTrail(ctx.db, request.params.id)).map(auditEntry) }),
  );
};

export default routes;
