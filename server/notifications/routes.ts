import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.js';
import type { LiveMessage } from '../../domain/notifications.js';
import { errorResponses, IdParams, PageQuery } from '../schemas.js';
import * as inbox from './service.js';
import { NotificationView, notificationView } from './views.js';

export const Unread = Type.Object({ unreadCount: Type.Integer() });
export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  unreadCount: Type.Integer(),
});

function userOf(request: FastifyRequest): string {
  if (!request.session) throw new AppError('UNAUTHENTICATED');
  return request.session.userId;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['通知'];

  app.get(
    '/notifications',
    {
      config: { access: 'account' },
      schema: {
        tags,
        summary: '我的站内通知（最新在前；unread=true 只看未读）',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean({ description: 'true：只看未读' })),
          ...PageQuery,
        }),
        response: {
          200: NotificationPage,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { unread = false, page = 1, pageSize = 20 } = request.query;
      const r = await inbox.listNotifications(ctx.db, userOf(request), { unreadOnly: unread, page, pageSize });
      return { items: r.items.map(notificationView), total: r.total, page, pageSize, unreadCount: r.unreadCount };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'account' },
      schema: { tags, summary: '未读通知数', response: { 200: Unread, ...errorResponses } },
    },
    async (request) => ({ unreadCount: await inbox.unreadCount(ctx.db, userOf(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'account' },
      schema: { tags, summary: '标记为已读', params: IdParams, response: { 200: Unread, ...errorResponses } },
    },
    async (request) => ({ unreadCount: await inbox.markRead(ctx, userOf(request), request.params.id) }),
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'account' },
      schema: { tags, summary: '全部标记为已读', response: { 200: Unread, ...errorResponses } },
    },
    async (request) => {
      await inbox.markAllRead(ctx, userOf(request));
      return { unreadCount: 0 };
    },
  );

  // Websocket: the signed-in user's notifications as they are committed, on whichever instance.
  // Messages: {type:"hello", serverTime, unreadCount} on connect; {type:"notification", notification};
  // {type:"read", ids?|all?, unreadCount}; the client may send {type:"ping"} and gets {type:"pong"}.
  app.get(
    '/live',
    {
      websocket: true,
      config: { access: 'account' },
      schema: { tags, summary: '实时通知（WebSocket，凭登录 Cookie 认证）' },
      preValidation: async (request) => {
        // Cross-site websocket hijacking: a browser sends the session cookie with any page's
        // handshake, so a handshake from another origin is refused.
        const origin = request.headers.origin;
        if (origin === undefined) return;
        let host: string | null;
        try {
          host = new URL(origin).host;
        } catch {
          // An unparsable Origin is refused like a foreign one.
          host = null;
        }
        if (host !== request.headers.host) throw new AppError('FORBIDDEN');
      },
    },
    (socket, request) => {
      const session = request.session!;
      // Listeners are attached synchronously, before any await, so no early message is lost.
      socket.on('message', (raw) => {
        let msg: { type?: unknown };
        try {
          msg = JSON.parse(String(raw)) as { type?: unknown };
        } catch {
          return;
        }
        if (msg.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong', serverTime: new Date().toISOString() } satisfies LiveMessage));
        }
      });
      app.live.attach(session.userId, session.tokenHash, socket);
      void inbox
        .unreadCount(ctx.db, session.userId)
        .then((unreadCount) =>
          socket.send(
            JSON.stringify({ type: 'hello', serverTime: new Date().toISOString(), unreadCount } satisfies LiveMessage),
          ),
        )
        .catch(() => socket.close(1011, 'unavailable'));
    },
  );
};

export default routes;
