// The AsyncAPI 3 document of the two websockets, served at /docs/asyncapi.json beside the OpenAPI
// document. The application it describes is the server: `send` operations are what the server
// pushes, `receive` what it accepts from the client.
import type { TSchema } from 'typebox';
import { CSRF_HEADER, SESSION_COOKIE } from '../plugins/session.js';
import {
  AUCTION_CLIENT_MESSAGES,
  AUCTION_SERVER_MESSAGES,
  NOTIFICATION_CLIENT_MESSAGES,
  NOTIFICATION_SERVER_MESSAGES,
} from './live-messages.js';

type Json = Record<string, unknown>;
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Plain JSON copies (TypeBox schemas are plain JSON already; this drops `undefined`s). */
const json = (s: TSchema): Json => JSON.parse(JSON.stringify(s)) as Json;

function messages(prefix: string, set: Record<string, TSchema>, direction: '服务器 → 客户端' | '客户端 → 服务器') {
  return Object.fromEntries(
    Object.entries(set).map(([type, schema]) => [
      `${prefix}${cap(type)}${direction.startsWith('服务器') ? '' : 'Request'}`,
      {
        name: type,
        title: `${type}（${direction}）`,
        summary: (schema as { description?: string }).description ?? type,
        contentType: 'application/json',
        payload: json(schema),
      },
    ]),
  );
}

export function asyncapiDocument(): Json {
  const auctionOut = messages('auction', AUCTION_SERVER_MESSAGES, '服务器 → 客户端');
  const auctionIn = messages('auction', AUCTION_CLIENT_MESSAGES, '客户端 → 服务器');
  const notifyOut = messages('notification', NOTIFICATION_SERVER_MESSAGES, '服务器 → 客户端');
  const notifyIn = messages('notification', NOTIFICATION_CLIENT_MESSAGES, '客户端 → 服务器');
  const refs = (channel: string, set: Json) =>
    Object.keys(set).map((k) => ({ $ref: `#/channels/${channel}/messages/${k}` }));
  const channelMessages = (set: Json) =>
    Object.fromEntries(Object.keys(set).map((k) => [k, { $ref: `#/components/messages/${k}` }]));

  return {
    asyncapi: '3.0.0',
    info: {
      title: '辽宁省双向揭榜挂帅科技成果交易平台 实时推送',
      version: '1',
      description: [
        '两个 WebSocket：站内通知（/api/v1/live）与拍卖间（/api/v1/auctions/{id}/live）。',
        '消息为 JSON 文本帧，以 `type` 区分。HTTP 接口见 OpenAPI 文档 /docs/json。',
        `握手请求随浏览器带上会话 Cookie \`${SESSION_COOKIE}\`；跨站页面（Origin 与 Host 不同）不能以该 Cookie 收通知或出价。`,
        `WebSocket 消息不需要 ${CSRF_HEADER}：同源检查代替了它。`,
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      site: {
        host: 'localhost:3000',
        protocol: 'ws',
        description: '与 API 同源（部署在 HTTPS 后时为 wss://<主机>）',
      },
    },
    channels: {
      notifications: {
        address: '/api/v1/live',
        title: '站内通知',
        description: `已登录用户的实时通知。须带会话 Cookie（${SESSION_COOKIE}），否则握手被拒（401）；会话结束时以 4401 关闭连接。`,
        servers: [{ $ref: '#/servers/site' }],
        messages: { ...channelMessages(notifyOut), ...channelMessages(notifyIn) },
        bindings: { ws: { method: 'GET', bindingVersion: '0.1.0' } },
      },
      auctionRoom: {
        address: '/api/v1/auctions/{id}/live',
        title: '拍卖间',
        description:
          '公开观看；已报名且保证金已确认的竞买人可在此出价。出价按 seq 连续推送；断线重连时带 ?afterSeq=<最后收到的 seq>，或发送 resume。拍卖不存在时发送 error 并以 4404 关闭。',
        parameters: { id: { description: '拍卖 ID（UUID）' } },
        servers: [{ $ref: '#/servers/site' }],
        messages: { ...channelMessages(auctionOut), ...channelMessages(auctionIn) },
        bindings: {
          ws: {
            method: 'GET',
            query: {
              type: 'object',
              properties: {
                afterSeq: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 2_147_483_647,
                  description: '已收到的最后一笔出价的 seq：先补发其后的出价',
                },
              },
            },
            bindingVersion: '0.1.0',
          },
        },
      },
    },
    operations: {
      pushNotifications: {
        action: 'send',
        title: '推送通知',
        channel: { $ref: '#/channels/notifications' },
        messages: refs('notifications', notifyOut),
      },
      receiveNotificationPing: {
        action: 'receive',
        title: '接收保活',
        channel: { $ref: '#/channels/notifications' },
        messages: refs('notifications', notifyIn),
      },
      pushAuctionEvents: {
        action: 'send',
        title: '推送拍卖事件',
        channel: { $ref: '#/channels/auctionRoom' },
        messages: refs('auctionRoom', auctionOut),
      },
      receiveAuctionRequests: {
        action: 'receive',
        title: '接收出价、补发与时钟校准请求',
        channel: { $ref: '#/channels/auctionRoom' },
        messages: refs('auctionRoom', auctionIn),
      },
    },
    components: { messages: { ...auctionOut, ...auctionIn, ...notifyOut, ...notifyIn } },
  };
}
