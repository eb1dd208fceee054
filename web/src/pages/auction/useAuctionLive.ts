// The auction room's connection (DESIGN §9): snapshot on connect, bids applied strictly in seq order
// (a gap asks the server to resume), reconnect with backoff resuming after the last bid seen, and
// the server's clock (snapshot serverTime, refined by ping/pong round trips) for the countdown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AuctionViewer,
  CloseSummary,
  PublicAuction,
  PublicBid,
  RefusalPayload,
  ServerMessage,
} from '../../../../domain/auction-protocol.js';
import { newIdempotencyKey } from './api.js';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'gone';

export interface LiveState {
  auction: PublicAuction | null;
  /** Oldest first. */
  bids: PublicBid[];
  you: AuctionViewer | null;
  connection: Connection;
  /** serverTime − local time, in ms: add it to Date.now() to read the server's clock. */
  offsetMs: number;
  closed: CloseSummary | null;
  /** Set when the last bid moved the end (soft close). */
  extendedTo: string | null;
  error: RefusalPayload | null;
}

export type BidAnswer = { accepted: true; bid: PublicBid } | { accepted: false; error: RefusalPayload };

const MAX_BIDS = 200;
const BID_TIMEOUT_MS = 10_000;

function socketUrl(auctionId: string, afterSeq: number | null): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = afterSeq === null ? '' : `?afterSeq=${afterSeq}`;
  return `${proto}//${window.location.host}/api/v1/auctions/${encodeURIComponent(auctionId)}/live${q}`;
}

export function useAuctionLive(auctionId: string) {
  const [state, setState] = useState<LiveState>({
    auction: null,
    bids: [],
    you: null,
    connection: 'connecting',
    offsetMs: 0,
    closed: null,
    extendedTo: null,
    error: null,
  });
  const ws = useRef<WebSocket | null>(null);
  const lastSeq = useRef<number | null>(null);
  const resuming = useRef(false);
  const pending = useRef(new Map<string, (a: BidAnswer) => void>());
  const bestRtt = useRef(Infinity);

  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pinger: ReturnType<typeof setInterval> | null = null;

    const apply = (m: ServerMessage, socket: WebSocket) => {
      switch (m.type) {
        case 'snapshot': {
          attempt = 0;
          const first = lastSeq.current === null;
          if (first) lastSeq.current = m.seq;
          setState((s) => ({
            ...s,
            auction: m.auction,
            you: m.you,
            connection: 'open',
            offsetMs: Date.parse(m.serverTime) - Date.now(),
            bids: first ? m.recentBids : s.bids,
            closed: s.closed,
            error: null,
          }));
          return;
        }
        case 'bid': {
          const last = lastSeq.current ?? 0;
          if (m.seq <= last) return;
          if (m.seq > last + 1) {
            // A gap: ask for everything after the last bid we have; later bids come again in order.
            if (!resuming.current) {
              resuming.current = true;
              socket.send(JSON.stringify({ type: 'resume', afterSeq: last }));
            }
            return;
          }
          resuming.current = false;
          lastSeq.current = m.seq;
          const bid: PublicBid = {
            seq: m.seq,
            bidder: m.bidder,
            amount: m.amount,
            at: m.at,
            endsAt: m.endsAt,
            hash: m.hash,
          };
          setState((s) => ({
            ...s,
            bids: [...s.bids, bid].slice(-MAX_BIDS),
            auction: s.auction && {
              ...s.auction,
              seq: m.seq,
              currentPriceFen: m.amount,
              leader: m.bidder,
              endsAt: m.endsAt,
              hashHead: m.hash,
              nextMinimumFen: m.amount + s.auction.incrementFen,
            },
          }));
          return;
        }
        case 'extended':
          setState((s) => ({ ...s, extendedTo: m.endsAt, auction: s.auction && { ...s.auction, endsAt: m.endsAt } }));
          return;
        case 'started':
          setState((s) => ({
            ...s,
            auction: s.auction && { ...s.auction, status: 'live', startsAt: m.startsAt, endsAt: m.endsAt },
          }));
          return;
        case 'closed':
          setState((s) => ({
            ...s,
            closed: m.result,
            auction: s.auction && {
              ...s.auction,
              status: m.result.status,
              result: m.result.result,
              winner: m.result.winner,
              closedAt: m.result.closedAt,
              hashHead: m.result.hashHead,
              endsAt: m.result.endsAt,
            },
          }));
          return;
        case 'heartbeat':
          if (m.seq > (lastSeq.current ?? 0) && !resuming.current) {
            resuming.current = true;
            socket.send(JSON.stringify({ type: 'resume', afterSeq: lastSeq.current ?? 0 }));
          }
          return;
        case 'pong': {
          // The tightest round trip gives the best estimate of the server clock.
          if (m.clientTime === null) return;
          const rtt = Date.now() - m.clientTime;
          if (rtt <= bestRtt.current) {
            bestRtt.current = rtt;
            const offset = Date.parse(m.serverTime) + rtt / 2 - Date.now();
            setState((s) => ({ ...s, offsetMs: offset }));
          }
          return;
        }
        case 'bidResult': {
          const resolve = pending.current.get(m.idempotencyKey);
          if (!resolve) return;
          pending.current.delete(m.idempotencyKey);
          resolve(m.accepted ? { accepted: true, bid: m.bid } : { accepted: false, error: m.error });
          return;
        }
        case 'error':
          setState((s) => ({ ...s, error: m.error }));
          return;
      }
    };

    const connect = () => {
      const socket = new WebSocket(socketUrl(auctionId, lastSeq.current));
      ws.current = socket;
      resuming.current = false;
      socket.onopen = () => {
        socket.send(JSON.stringify({ type: 'ping', clientTime: Date.now() }));
        pinger = setInterval(() => socket.send(JSON.stringify({ type: 'ping', clientTime: Date.now() })), 15_000);
      };
      socket.onmessage = (e) => apply(JSON.parse(String(e.data)) as ServerMessage, socket);
      socket.onclose = (e) => {
        if (pinger) clearInterval(pinger);
        for (const [key, resolve] of pending.current) {
          resolve({ accepted: false, error: { code: 'NETWORK', message: '连接已断开，请重试' } });
          pending.current.delete(key);
        }
        if (stopped) return;
        if (e.code === 4404) {
          setState((s) => ({ ...s, connection: 'gone' }));
          return;
        }
        setState((s) => ({ ...s, connection: 'reconnecting' }));
        const delay = Math.min(5_000, 300 * 2 ** attempt++) + Math.random() * 200;
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (pinger) clearInterval(pinger);
      ws.current?.close();
    };
  }, [auctionId]);

  /** Sends a bid over the socket; the answer is the api's own (accepted, or refused with its message). */
  const bid = useCallback((amount: number): Promise<BidAnswer> => {
    const socket = ws.current;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.resolve({
        accepted: false,
        error: { code: 'NETWORK', message: '连接中断，正在重连，请稍后再出价' },
      });
    }
    const idempotencyKey = newIdempotencyKey();
    return new Promise<BidAnswer>((resolve) => {
      const timer = setTimeout(() => {
        pending.current.delete(idempotencyKey);
        resolve({ accepted: false, error: { code: 'TIMEOUT', message: '出价结果未知，请查看出价记录后再试' } });
      }, BID_TIMEOUT_MS);
      pending.current.set(idempotencyKey, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
      socket.send(JSON.stringify({ type: 'bid', amount, idempotencyKey }));
    });
  }, []);

  return { ...state, bid };
}
