import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { Actor, MemberActor, OperatorActor, ResearcherActor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import type { Config } from '../../platform/config.js';
import { loadSession, type SessionInfo } from '../accounts/service.js';
import { hashToken } from '../accounts/tokens.js';
import type { Db } from '../../db/client.js';

export const SESSION_COOKIE = 'jb_sid';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Who may call a route. Every /api route must declare one (checked at start-up), so no route is
 * public by accident.
 */
export type Access =
  | 'public'
  /** Anyone signed in, researchers included: their own account, session and notifications. */
  | 'account'
  /** Anyone signed in who acts for an organisation (not a researcher, who acts only for themself). */
  | 'signed_in'
  | 'member'
  | 'enterprise'
  | 'institution'
  | 'operator'
  | 'oversight'
  /** 措施一、十二: a researcher (成果完成人) acting for themself in the session's institution. */
  | 'researcher';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  switch (access) {
    case 'account':
      return;
    // 措施一、十二: a researcher sees only what concerns them; routes that answer by "your organisation"
    // are not theirs unless they say so ('account', 'researcher').
    case 'signed_in':
      if (actor.type === 'researcher') throw new AppError('FORBIDDEN');
      return;
    case 'operator':
      if (actor.type !== 'operator') throw new AppError('FORBIDDEN');
      return;
    case 'member':
      if (actor.type !== 'member') throw new AppError('FORBIDDEN');
      return;
    case 'oversight':
      if (actor.type !== 'oversight') throw new AppError('FORBIDDEN');
      return;
    case 'researcher':
      if (actor.type !== 'researcher') throw new AppError('FORBIDDEN');
      return;
    case 'enterprise':
    case 'institution':
      if (actor.type !== 'member') throw new AppError('FORBIDDEN');
      if (actor.orgKind !== access) throw new AppError('WRONG_ORG_KIND');
      return;
  }
}

export default fp(
  async function session(app: FastifyInstance, opts: { db: Db; config: Config }) {
    app.decorateRequest('actor', null);
    app.decorateRequest('session', null);

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/') && !route.config?.access) {
        throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const info = await loadSession(opts.db, hashToken(token), new Date());
      if (!info) return;
      request.session = info;
      request.actor = info.actor;
    });

    // Before validation: a caller who may not use the route learns nothing about its input rules.
    app.addHook('preValidation', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access) return;
      checkAccess(access, request.actor);
      // Synchronizer token: a signed-in state-changing request must echo the session's CSRF token.
      if (request.session && UNSAFE.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || sent !== request.session.csrfToken) throw new AppError('CSRF_TOKEN_INVALID');
      }
    });
  },
  { name: 'session', dependencies: ['@fastify/cookie'] },
);

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function requireMember(request: FastifyRequest): MemberActor {
  const actor = requireActor(request);
  if (actor.type !== 'member') throw new AppError('FORBIDDEN');
  return actor;
}

export function requireOperator(request: FastifyRequest): OperatorActor {
  const actor = requireActor(request);
  if (actor.type !== 'operator') throw new AppError('FORBIDDEN');
  return actor;
}

export function requireResearcher(request: FastifyRequest): ResearcherActor {
  const actor = requireActor(request);
  if (actor.type !== 'researcher') throw new AppError('FORBIDDEN');
  return actor;
}
