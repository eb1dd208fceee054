import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AFFILIATIONS,
  DOMICILES,
  INSTITUTION_TYPES,
  MEMBER_ROLES,
  ORG_KINDS,
  OWNERSHIP_TYPES,
  REGIONS,
  SIZE_CLASSES,
} from '../../domain/constants/organisations.js';
import { actorOrgId } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { clearSessionCookie, requireActor, setSessionCookie } from '../plugins/session.js';
import { Enum, errorResponses, NoContent, Text, Uuid } from '../schemas.js';
import { MAX_PASSWORD_LENGTH } from '../../domain/constants/accounts.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
import * as accounts from './service.js';
import {
  OrganisationPrivate,
  organisationPrivate,
  OrganisationPublic,
  organisationPublic,
} from '../organisations/views.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
/** A new password; how strong it must be beyond its length is checked by accounts/passwords.ts (422 PASSWORD_TOO_WEAK). */
const Password = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: MAX_PASSWORD_LENGTH,
  description: '至少 10 个字符；常见密码、拼音词语、生日和简单数字组合不被接受',
});
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', maxLength: 20 });

export const SessionResponse = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), displayName: Type.String(), phone: Type.String() }),
  /**
   * The organisation the session acts for: its members see its private profile; a researcher (成果完成人)
   * acts only for themself (措施一、十二) and sees the institution's public profile — not its contact
   * person, phone or verification notes (个人信息保护法: 最小必要).
   */
  organisation: Type.Union([OrganisationPrivate, OrganisationPublic]),
  /** The organisation's kind, or `researcher` when the session acts as a researcher (成果完成人). */
  role: Type.Union([
    Type.Literal('enterprise'),
    Type.Literal('institution'),
    Type.Literal('operator'),
    Type.Literal('department'),
    Type.Literal('researcher'),
  ]),
  memberRole: Enum(MEMBER_ROLES),
  /** Every organisation the user belongs to; the header switches the session between them. */
  memberships: Type.Array(
    Type.Object({ organisationId: Uuid, name: Type.String(), kind: Enum(ORG_KINDS), role: Enum(MEMBER_ROLES) }),
  ),
  csrfToken: Type.String(),
});

export const SwitchOrganisationBody = Type.Object(
  { organisationId: Uuid },
  { additionalProperties: false, examples: [{ organisationId: '0190d6a4-7c1e-7d55-9a40-4b1f3c2d9e10' }] },
);

/** The session's view of the user: the public parts of `accounts.me`. */
export function sessionBody(m: accounts.Me, csrfToken: string) {
  return {
    user: m.user,
    organisation: m.role === 'researcher' ? organisationPublic(m.organisation) : organisationPrivate(m.organisation),
    role: m.role,
    memberRole: m.memberRole,
    memberships: m.memberships,
    csrfToken,
  };
}

export const RegisterBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('enterprise'), Type.Literal('institution')]),
    email: Email,
    password: Password,
    displayName: Text(50),
    phone: Type.Optional(Phone),
    organisation: Type.Object(
      {
        name: Text(100, 2),
        // 措施十五: where the organisation is registered (default mainland); operators verify it.
        domicile: Type.Optional(Enum(DOMICILES)),
        creditCode: Type.Optional(
          Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码（境内机构）' }),
        ),
        registrationNumber: Type.Optional(Text(50, 0)),
        countryOrRegion: Type.Optional(Text(50, 0)),
        region: Type.Optional(Enum(REGIONS)),
        address: Type.Optional(Text(200, 0)),
        description: Type.Optional(Text(2000, 0)),
        contactName: Text(50),
        contactPhone: Phone,
        website: Type.Optional(Text(200, 0)),
        sizeClass: Type.Optional(Enum(SIZE_CLASSES)),
        ownershipType: Type.Optional(Enum(OWNERSHIP_TYPES)),
        institutionType: Type.Optional(Enum(INSTITUTION_TYPES)),
        affiliation: Type.Optional(Enum(AFFILIATIONS)),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        kind: 'enterprise',
        email: 'zhang.ming@example.cn',
        password: 'Jiebang-2026!',
        displayName: '张明',
        phone: '13800000000',
        organisation: {
          name: '沈阳示例精密机械有限公司',
          creditCode: '91210106MA0Y3E2F1Q',
          region: 'shenyang',
          contactName: '张明',
          contactPhone: '024-12345678',
          sizeClass: 'small',
          ownershipType: 'private',
        },
      },
    ],
  },
);

export const LoginBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 128 }) },
  { additionalProperties: false, examples: [{ email: 'zhang.ming@example.cn', password: 'Jiebang-2026!' }] },
);

export const PasswordChangeBody = Type.Object(
  // The current password is whatever the user has, possibly from before the strength rule.
  { currentPassword: Type.String({ maxLength: 128 }), newPassword: Password },
  {
    additionalProperties: false,
    examples: [{ currentPassword: 'Jiebang-2026!', newPassword: 'Shenyang-Lab-7429' }],
  },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx, config } = app;

  async function startSession(
    userId: string,
    userAgent: string | undefined,
    reply: Parameters<typeof setSessionCookie>[0],
  ) {
    const s = await accounts.createSession(ctx, userId, userAgent ?? '');
    setSessionCookie(reply, config, s.token, s.expiresAt);
    return sessionBody(await accounts.me(ctx.db, userId, s.organisationId), s.csrfToken);
  }

  app.post(
    '/auth/register',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.registerRateLimitPerHour, timeWindow: '1 hour' },
      },
      schema: {
        tags: ['账户'],
        summary: '注册企业或科研单位账号（机构进入待认证状态）',
        body: RegisterBody,
        response: { 201: SessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = await accounts.register(ctx, request.body);
      const body = await startSession(userId, request.headers['user-agent'], reply);
      return reply.status(201).send(body);
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['账户'],
        summary: '登录',
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = await accounts.authenticate(ctx, request.body.email, request.body.password);
      return startSession(userId, request.headers['user-agent'], reply);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'account' },
      schema: { tags: ['账户'], summary: '退出登录', response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session) await accounts.deleteSession(ctx.db, request.session.tokenHash);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: {
        access: 'account',
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['账户'],
        summary: '修改密码（须提供当前密码；其他设备上的登录随之失效）',
        body: PasswordChangeBody,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.session) throw new AppError('UNAUTHENTICATED');
      await accounts.changePassword(ctx, actor, request.session.tokenHash, request.body);
      return reply.status(204).send(null);
    },
  );

  // Issue 24: the web app's session check. A visitor is an answer (200, `session: null`), not an
  // error: /me's 401 showed as a console error on every logged-out page load.
  app.get(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['账户'],
        summary: '当前会话（未登录时为 null）',
        response: { 200: Type.Object({ session: Type.Union([SessionResponse, Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor || actor.type === 'system' || !request.session) return { session: null };
      return {
        session: sessionBody(await accounts.me(ctx.db, actor.userId, actorOrgId(actor)!), request.session.csrfToken),
      };
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'account' },
      schema: { tags: ['账户'], summary: '当前用户', response: { 200: SessionResponse, ...errorResponses } },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.type === 'system' || !request.session) throw new AppError('UNAUTHENTICATED');
      return sessionBody(await accounts.me(ctx.db, actor.userId, actorOrgId(actor)!), request.session.csrfToken);
    },
  );

  app.post(
    '/me/organisation',
    {
      config: { access: 'account' },
      schema: {
        tags: ['账户'],
        summary: '切换当前代表的单位（同时在多个单位任职的用户）',
        body: SwitchOrganisationBody,
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.type === 'system' || !request.session) throw new AppError('UNAUTHENTICATED');
      await accounts.switchOrganisation(ctx.db, request.session, request.body.organisationId);
      return sessionBody(
        await accounts.me(ctx.db, actor.userId, request.body.organisationId),
        request.session.csrfToken,
      );
    },
  );
};

export default routes;
