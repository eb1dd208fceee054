// The websockets' messages as schemas: what the AsyncAPI document (asyncapi.ts) publishes and the
// web app types its sockets with. The auction room's are held to domain/auction-protocol.ts (the
// types the server sends with) by test/contract/types.ts; both sockets' are checked against messages
// captured from real sockets by test/api/asyncapi.test.ts.
import { Type, type TSchema } from 'typebox';
import { AUCTION_STATUSES, CLOSE_RESULTS, IDEMPOTENCY_KEY_PATTERN } from '../../domain/auction-protocol.js';
import { PublicAuction, PublicBid, Viewer } from '../auctions/views.js';
import { NotificationView } from '../notifications/views.js';
import { DateTime, Enum, INT4_MAX, Nullable } from '../schemas.js';

const tagged = <T extends string, P extends Record<string, TSchema>>(type: T, props: P, description: string) =>
  Type.Object({ type: Type.Literal(type), ...props }, { description });

const Refusal = Type.Object({
  code: Type.String({ description: '错误码，与 HTTP 接口相同（如 BID_TOO_LOW、ALREADY_LEADING）' }),
  message: Type.String({ description: '中文说明' }),
  details: Type.Optional(Type.Unknown()),
});

const CloseSummary = Type.Object({
  status: Type.Union([Type.Literal('closed'), Type.Literal('unsold'), Type.Literal('cancelled')]),
  result: Enum(CLOSE_RESULTS),
  winner: Nullable(Type.String({ description: '买受人竞买号' })),
  priceFen: Nullable(Type.Integer()),
  hashHead: Type.String(),
  bidCount: Type.Integer(),
  closedAt: DateTime,
  endsAt: DateTime,
});

/** Server → client on /api/v1/auctions/{id}/live, by `type`. */
export const AUCTION_SERVER_MESSAGES = {
  snapshot: tagged(
    'snapshot',
    {
      seq: Type.Integer(),
      serverTime: DateTime,
      auction: PublicAuction,
      recentBids: Type.Array(PublicBid),
      you: Nullable(Viewer),
    },
    '连接后首先发送：拍卖截至 seq 的状态、服务器时间、最近的出价、本人竞买信息（未报名为 null）',
  ),
  bid: Type.Object(
    { type: Type.Literal('bid'), ...PublicBid.properties },
    { description: '每笔被接受的出价，按 seq 连续递增；发现缺号时客户端发送 resume' },
  ),
  extended: tagged('extended', { seq: Type.Integer(), endsAt: DateTime }, '出价落入延时窗口，结束时间顺延'),
  started: tagged('started', { startsAt: DateTime, endsAt: DateTime }, '拍卖开始（scheduled → live）'),
  closed: tagged('closed', { seq: Type.Integer(), result: CloseSummary }, '拍卖结束（成交或流拍），含最终哈希'),
  heartbeat: tagged(
    'heartbeat',
    { serverTime: DateTime, seq: Type.Integer(), status: Enum(AUCTION_STATUSES), endsAt: DateTime },
    '每隔数秒：服务器时间与最新 seq（客户端落后时发送 resume）',
  ),
  bidResult: Type.Union(
    [
      tagged(
        'bidResult',
        { idempotencyKey: Type.String(), accepted: Type.Literal(true), bid: PublicBid },
        '经本连接提交的出价被接受',
      ),
      tagged(
        'bidResult',
        { idempotencyKey: Type.String(), accepted: Type.Literal(false), error: Refusal },
        '经本连接提交的出价被拒绝（与 POST …/bids 的错误相同）',
      ),
    ],
    { description: '对本连接所发出价的答复' },
  ),
  pong: tagged('pong', { serverTime: DateTime, clientTime: Nullable(Type.Number()) }, '对 ping 的答复（校准时钟）'),
  error: tagged('error', { error: Refusal }, '无法处理的消息或无法进入拍卖间（随后可能关闭连接）'),
};

/** Client → server on /api/v1/auctions/{id}/live. */
export const AUCTION_CLIENT_MESSAGES = {
  resume: tagged(
    'resume',
    { afterSeq: Type.Integer({ minimum: 0, maximum: INT4_MAX }) },
    '补发 afterSeq 之后的全部出价，然后继续实时推送',
  ),
  bid: tagged(
    'bid',
    {
      amount: Type.Integer({ minimum: 1, description: '出价（分）' }),
      idempotencyKey: Type.String({ pattern: IDEMPOTENCY_KEY_PATTERN }),
    },
    '出价（须已登录、已报名且保证金已确认），与 POST …/bids 相同',
  ),
  ping: tagged('ping', { clientTime: Type.Optional(Type.Number()) }, '时钟校准'),
};

/** Server → client on /api/v1/live (the signed-in user's notifications). */
export const NOTIFICATION_SERVER_MESSAGES = {
  hello: tagged('hello', { serverTime: DateTime, unreadCount: Type.Integer() }, '连接后首先发送：当前未读数'),
  notification: tagged('notification', { notification: NotificationView }, '一条新通知（提交后立即推送）'),
  read: tagged(
    'read',
    {
      ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }))),
      all: Type.Optional(Type.Literal(true)),
      unreadCount: Type.Integer(),
    },
    '通知在其他页面被标为已读（ids 或 all）',
  ),
  pong: tagged('pong', { serverTime: DateTime }, '对 ping 的答复'),
};

/** Client → server on /api/v1/live. */
export const NOTIFICATION_CLIENT_MESSAGES = {
  ping: tagged('ping', {}, '保活'),
};

const A = AUCTION_SERVER_MESSAGES;
export const AuctionServerMessage = Type.Union([
  A.snapshot,
  A.bid,
  A.extended,
  A.started,
  A.closed,
  A.heartbeat,
  A.bidResult,
  A.pong,
  A.error,
]);
const N = NOTIFICATION_SERVER_MESSAGES;
export const NotificationLiveMessage = Type.Union([N.hello, N.notification, N.read, N.pong]);
