// Researchers (成果完成人, 措施一、十二): the institution's invitations and the join flow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.js';
import type { Invitation } from '../../db/schema/index.js';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwords.js';
import { sessionBody, SessionResponse } from '../accounts/routes.js';
import * as accounts from '../accounts/service.js';
import { requireMember, setSessionCookie } from '../plugins/session.js';
import { DateTime, Enum, ErrorResponse, errorResponses, IdParams, Nullable, Text, Uuid } from '../schemas.js';
import * as service from './invitations.js';

const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;

export const InvitationView = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  status: Enum(INVITATION_STATUSES),
  expiresAt: DateTime,
  createdAt: DateTime,
  acceptedAt: Nullable(DateTime),
});

const InviteBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }), displayName: Text(50) },
  { additionalProperties: false, examples: [{ email: 'wang.lei@example.edu.cn', displayName: '王磊' }] },
);

/** The link's token (43 URL-safe characters); sent in the body, never in a URL the logs keep. */
const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

const LookupBody = Type.Object({ token: Token }, { additionalProperties: false });
export const InvitationLookup = Type.Object({
  organisationName: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  expiresAt: DateTime,
  /** Whether the invited e-mail already has an account: the page then asks for its password. */
  hasAccount: Type.Boolean(),
});

export const AcceptBody = Type.Object(
  {
    token: Token,
    /** The existing account's password, or the new account's (as strong as at registration). */
    password: Type.String({ minLength: 1, maxLength: 128 }),
    displayName: Type.Optional(Text(50)),
  },
  { additionalProperties: false, description: `新账号的密码至少 ${MIN_PASSWORD_LENGTH} 个字符` },
);

const JoinErrors = { ...errorResponses, 410: ErrorResponse };

function view(i: Invitation, now: Date) {
  return {
    id: i.id,
    email: i.email,
    displayName: i.displayName,
    status: service.invitationStatus(i, now),
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
  };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx, config } = app;

  app.post(
    '/my/invitations',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['科研人员'],
        summary: '邀请本单位科研人员（成果完成人）加入平台（发送一次性邀请链接）',
        body: InviteBody,
        response: { 201: InvitationView, ...errorResponses, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      try {
        const row = await service.invite(ctx, app.mailer, actor, request.body);
        return reply.status(201).send(view(row, ctx.now()));
      } catch (err) {
        if (err instanceof AppError && err.code === 'MAIL_SEND_FAILED') {
          request.log.error({ err: (err as { cause?: unknown }).cause }, 'invitation mail not sent');
        }
        throw err;
      }
    },
  );

  app.get(
    '/my/invitations',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['科研人员'],
        summary: '本单位发出的科研人员邀请',
        response: { 200: Type.Object({ items: Type.Array(InvitationView) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      const now = ctx.now();
      return { items: (await service.listInvitations(ctx.db, actor.orgId)).map((i) => view(i, now)) };
    },
  );

  app.post(
    '/my/invitations/:id/revoke',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['科研人员'],
        summary: '撤回尚未使用的邀请',
        params: IdParams,
        response: { 200: InvitationView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      return view(await service.revokeInvitation(ctx, actor, request.params.id), ctx.now());
    },
  );

  app.post(
    '/invitations/lookup',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['科研人员'],
        summary: '查看邀请链接（加入页面）',
        body: LookupBody,
        response: { 200: InvitationLookup, ...JoinErrors },
      },
    },
    async (request) => {
      const r = await service.lookupInvitation(ctx, request.body.token);
      return { ...r, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['科研人员'],
        summary: '接受邀请，以科研人员身份加入单位并登录（已有账号须输入其密码）',
        body: AcceptBody,
        response: { 200: SessionResponse, ...JoinErrors },
      },
    },
    async (request, reply) => {
      const { userId, organisationId } = await service.acceptInvitation(ctx, request.body);
      const s = await accounts.createSession(ctx, userId, request.headers['user-agent'] ?? '', organisationId);
      setSessionCookie(reply, config, s.token, s.expiresAt);
      return sessionBody(await accounts.me(ctx.db, userId, organisationId), s.csrfToken);
    },
  );
};

export default routes;
