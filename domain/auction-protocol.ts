// The auction's shared vocabulary and its realtime protocol (DESIGN §9), free of I/O and of Node
// built-ins so the web app imports the same names and message types as the api.
//
// Server → client, on GET /api/v1/auctions/:id/live:
//   snapshot   on connect: the auction as it stands at `seq`, the server's clock, the last bids
//   bid        every accepted bid, in seq order, gap-free (seq n+1 follows seq n)
//   extended   a bid fell inside the soft-close window and moved the end
//   started    scheduled → live
//   closed     live → closed | unsold, with the result and the final hash
//   heartbeat  every few seconds: the server clock and the latest seq (a client behind it resumes)
//   bidResult  the answer to a bid sent over this socket (the same as POST …/bids would give)
//   pong       the answer to a client ping (clock sync)
// Client → server:
//   resume     {afterSeq}: send every bid after afterSeq, then continue live (after a gap or reconnect)
//   bid        {amount, idempotencyKey}: the same as POST …/bids
//   ping       {clientTime}
// Bidders appear only as their per-auction alias (竞买号).

/**
 * `cancelled`: the auction will never produce a result because its object left public trading (措施十五:
 * the result became 涉密); unlike `unsold` it is not a failed sale. Its record verifies like any other.
 */
export const AUCTION_STATUSES = ['scheduled', 'live', 'closed', 'unsold', 'cancelled'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];
export const AUCTION_STATUS_LABELS: Record<AuctionStatus, string> = {
  scheduled: '即将开始',
  live: '竞价中',
  closed: '已成交',
  unsold: '流拍',
  cancelled: '已取消',
};

/** Over: no bid is accepted any more and the record is final. */
export function isAuctionOver(status: AuctionStatus): status is 'closed' | 'unsold' | 'cancelled' {
  return status === 'closed' || status === 'unsold' || status === 'cancelled';
}

/** `window`: handed over by a listing window (several claimants, 措施四 挂牌); `direct`: a listing priced by auction. */
export const AUCTION_ORIGINS = ['window', 'direct'] as const;
export type AuctionOrigin = (typeof AUCTION_ORIGINS)[number];
export const AUCTION_ORIGIN_LABELS: Record<AuctionOrigin, string> = {
  window: '挂牌期满多方摘牌转拍卖',
  direct: '拍卖方式定价',
};

/** Where a participant came from: a claim in the listing window, the negotiated counterparty, or registration. */
export const AUCTION_PARTICIPANT_SOURCES = ['claim', 'counterparty', 'registration'] as const;
export type AuctionParticipantSource = (typeof AUCTION_PARTICIPANT_SOURCES)[number];
export const AUCTION_PARTICIPANT_SOURCE_LABELS: Record<AuctionParticipantSource, string> = {
  claim: '摘牌方',
  counterparty: '协议受让方',
  registration: '报名竞买',
};

/**
 * `taken_down`: an operator took the listing down while its auction was pending or running.
 * `cancelled_classified`: the result was reclassified as 涉密 (措施十五), status `cancelled`.
 */
export const CLOSE_RESULTS = ['sold', 'no_bids', 'reserve_not_met', 'taken_down', 'cancelled_classified'] as const;
export type CloseResult = (typeof CLOSE_RESULTS)[number];
export const CLOSE_RESULT_LABELS: Record<CloseResult, string> = {
  sold: '成交',
  no_bids: '无人出价，流拍',
  reserve_not_met: '未达保留价，流拍',
  taken_down: '项目已被平台下架，拍卖终止',
  cancelled_classified: '所涉成果已调整为涉密，依措施十五拍卖取消',
};

/** A bid as everyone sees it. Amounts in 分, instants ISO-8601 UTC with milliseconds. */
export interface PublicBid {
  seq: number;
  /** 竞买号 */
  bidder: string;
  amount: number;
  at: string;
  /** The auction's end after this bid. */
  endsAt: string;
  /** This bid's link in the hash chain (domain/auction-chain.ts bidHash). */
  hash: string;
}

/** The auction as everyone sees it (no identities, no reserve amount). */
export interface PublicAuction {
  id: string;
  listingId: string;
  listingTitle: string;
  origin: AuctionOrigin;
  status: AuctionStatus;
  startPriceFen: number;
  incrementFen: number;
  hasReserve: boolean;
  depositFen: number | null;
  startsAt: string;
  endsAt: string;
  softCloseMs: number;
  currentPriceFen: number | null;
  /** 竞买号 of the leading bidder. */
  leader: string | null;
  nextMinimumFen: number;
  seq: number;
  hashHead: string;
  participantCount: number;
  result: CloseResult | null;
  /** 竞买号 of the winner, once closed with a sale. */
  winner: string | null;
  closedAt: string | null;
}

/** What the viewer may do in this auction (only for a signed-in member's own organisation). */
export interface AuctionViewer {
  participantId: string;
  alias: string;
  depositRequired: boolean;
  depositConfirmed: boolean;
}

export interface CloseSummary {
  status: 'closed' | 'unsold' | 'cancelled';
  result: CloseResult;
  winner: string | null;
  priceFen: number | null;
  hashHead: string;
  bidCount: number;
  closedAt: string;
  endsAt: string;
}

export interface RefusalPayload {
  code: string;
  message: string;
  details?: unknown;
}

export type ServerMessage =
  | {
      type: 'snapshot';
      seq: number;
      serverTime: string;
      auction: PublicAuction;
      recentBids: PublicBid[];
      you: AuctionViewer | null;
    }
  | ({ type: 'bid' } & PublicBid)
  | { type: 'extended'; seq: number; endsAt: string }
  | { type: 'started'; startsAt: string; endsAt: string }
  | { type: 'closed'; seq: number; result: CloseSummary }
  | { type: 'heartbeat'; serverTime: string; seq: number; status: AuctionStatus; endsAt: string }
  | { type: 'bidResult'; idempotencyKey: string; accepted: true; bid: PublicBid }
  | { type: 'bidResult'; idempotencyKey: string; accepted: false; error: RefusalPayload }
  | { type: 'pong'; serverTime: string; clientTime: number | null }
  | { type: 'error'; error: RefusalPayload };

export type ClientMessage =
  | { type: 'resume'; afterSeq: number }
  | { type: 'bid'; amount: number; idempotencyKey: string }
  | { type: 'ping'; clientTime?: number };

/** Idempotency keys: client-chosen, e.g. a UUID; the same key returns the first answer. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** Every `type` the server sends on the auction room, for the AsyncAPI check (test/api/asyncapi.test.ts). */
export const SERVER_MESSAGE_TYPES = [
  'snapshot',
  'bid',
  'extended',
  'started',
  'closed',
  'heartbeat',
  'bidResult',
  'pong',
  'error',
] as const satisfies readonly ServerMessage['type'][];
// A message type added to ServerMessage but not to the list fails to compile here.
export const serverMessageTypesComplete: Exclude<
  ServerMessage['type'],
  (typeof SERVER_MESSAGE_TYPES)[number]
> extends never
  ? true
  : never = true;
