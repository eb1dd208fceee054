// Response shapes of the auction routes (routes.ts, bid-routes.ts): the auction as everyone sees it
// (bidders by 竞买号 only, DESIGN §9), its detail with the reserve for the seller and operators only,
// participants, bids, and the request fields they share.
import { Type, type Static } from 'typebox';
import {
  AUCTION_ORIGINS,
  AUCTION_PARTICIPANT_SOURCES,
  AUCTION_STATUSES,
  CLOSE_RESULTS,
  IDEMPOTENCY_KEY_PATTERN,
} from '../../domain/auction-protocol.js';
import { DateTime, Enum, Nullable, Uuid } from '../schemas.js';
import * as reads from './reads.js';

export const PublicBid = Type.Object({
  seq: Type.Integer(),
  bidder: Type.String({ description: '竞买号' }),
  amount: Type.Integer({ description: '出价（分）' }),
  at: DateTime,
  endsAt: DateTime,
  hash: Type.String(),
});

export const PublicAuction = Type.Object({
  id: Uuid,
  listingId: Uuid,
  listingTitle: Type.String(),
  origin: Enum(AUCTION_ORIGINS),
  status: Enum(AUCTION_STATUSES),
  startPriceFen: Type.Integer(),
  incrementFen: Type.Integer(),
  hasReserve: Type.Boolean(),
  depositFen: Nullable(Type.Integer()),
  startsAt: DateTime,
  endsAt: DateTime,
  softCloseMs: Type.Integer(),
  currentPriceFen: Nullable(Type.Integer()),
  leader: Nullable(Type.String()),
  nextMinimumFen: Type.Integer(),
  seq: Type.Integer(),
  hashHead: Type.String(),
  participantCount: Type.Integer(),
  result: Nullable(Enum(CLOSE_RESULTS)),
  winner: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
});

export const Viewer = Type.Object({
  participantId: Uuid,
  alias: Type.String(),
  depositRequired: Type.Boolean(),
  depositConfirmed: Type.Boolean(),
});

export const AuctionDetail = Type.Object({
  auction: PublicAuction,
  seller: Type.Object({ organisationId: Uuid, name: Type.String() }),
  you: Nullable(Viewer),
  reservePriceFen: Type.Optional(Nullable(Type.Integer({ description: '保留价，仅卖方和运营方可见' }))),
  isSeller: Type.Boolean(),
  serverTime: DateTime,
});

export function auctionDetail(d: reads.AuctionDetail): Static<typeof AuctionDetail> {
  return {
    auction: d.auction,
    seller: d.seller,
    you: d.you,
    ...(d.privileged ? { reservePriceFen: d.privileged.reservePriceFen } : {}),
    isSeller: d.isSeller,
    serverTime: new Date().toISOString(),
  };
}

export const Participant = Type.Object({
  id: Uuid,
  alias: Nullable(Type.String()),
  organisationId: Nullable(Uuid),
  displayName: Nullable(Type.String()),
  source: Enum(AUCTION_PARTICIPANT_SOURCES),
  depositRequired: Type.Boolean(),
  depositFen: Nullable(Type.Integer()),
  depositConfirmedAt: Nullable(DateTime),
});

export const AuctionParams = Type.Object({ id: Uuid });
export const ParticipantParams = Type.Object({
  id: Uuid,
  participantId: Type.String({ format: 'uuid', description: '竞买人 ID（UUID，见竞买人名单）' }),
});
export const Amount = Type.Integer({ minimum: 1, maximum: 10_000_000_000_000, description: '金额（分）' });
export const IdempotencyKey = Type.String({
  pattern: IDEMPOTENCY_KEY_PATTERN,
  description: '客户端生成的唯一标识（如 UUID）；同一标识重复提交返回首次的结果',
});

export const BidAccepted = Type.Object({
  accepted: Type.Literal(true),
  replay: Type.Boolean(),
  bid: PublicBid,
  nextMinimumFen: Type.Integer(),
});
