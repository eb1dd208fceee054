// The auction endpoints the pages call, and the shapes they answer with (the server's schemas as
// types, server/contract.ts). The realtime message types come from domain/auction-protocol.ts.
import type { Static } from 'typebox';
import type { PublicAuction, PublicBid, AuctionViewer } from '../../../../domain/auction-protocol.js';
import type * as C from '../../../../server/contract.js';
import { api } from '../../api/client.js';

export type { PublicAuction, PublicBid, AuctionViewer };

export type AuctionDetail = Static<typeof C.AuctionDetail>;
export type Participant = Static<typeof C.AuctionParticipant>;
export type AuctionRecord = Static<typeof C.AuctionRecord>;
export type BidAccepted = Static<typeof C.BidAccepted>;

const enc = encodeURIComponent;

export const auctionApi = {
  get: (id: string, signal?: AbortSignal) => api.get<AuctionDetail>(`/auctions/${enc(id)}`, undefined, signal),
  ofListing: (listingId: string, signal?: AbortSignal) =>
    api.get<AuctionDetail>(`/listings/${enc(listingId)}/auction`, undefined, signal),
  record: (id: string, signal?: AbortSignal) =>
    api.get<AuctionRecord>(`/auctions/${enc(id)}/record`, undefined, signal),
  participants: (id: string, signal?: AbortSignal) =>
    api.get<{ items: Participant[] }>(`/auctions/${enc(id)}/participants`, undefined, signal),
  register: (id: string) => api.post<AuctionViewer>(`/auctions/${enc(id)}/registrations`),
  bid: (id: string, amount: number, idempotencyKey: string) =>
    api.post<BidAccepted>(`/auctions/${enc(id)}/bids`, { amount, idempotencyKey }),
  setTerms: (id: string, body: { incrementFen?: number; reservePriceFen?: number | null }) =>
    api.patch<AuctionDetail>(`/auctions/${enc(id)}`, body),
  setDeposit: (id: string, depositFen: number | null) =>
    // The client has no PUT helper; the route is idempotent, so the generic request is fine.
    import('../../api/client.js').then((m) =>
      m.request<AuctionDetail>('PUT', `/auctions/${enc(id)}/deposit`, { body: { depositFen } }),
    ),
  confirmDeposit: (id: string, participantId: string) =>
    api.post<{ participantId: string; depositConfirmedAt: string }>(
      `/auctions/${enc(id)}/participants/${enc(participantId)}/deposit-confirmation`,
    ),
};

/** A client-chosen key for one bid attempt; a retry of the same attempt reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
