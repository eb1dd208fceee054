// What an auction change sets off after its transaction committed: a live push to every api
// instance's sockets (Redis pub/sub) and the wake-up jobs of its timers (BullMQ). Both are
// derived from PostgreSQL and may be lost without harm (DESIGN §3): the live rooms re-read the
// auction on every heartbeat and fill gaps from the bid log, and the sweeper starts and closes
// anything overdue. So a failed signal is logged, never turned into a failed request.
import type { ServerMessage } from '../../domain/auction-protocol.js';

export interface AuctionSignals {
  /** Push one event to the live rooms of this auction on every api instance. */
  publish(auctionId: string, message: ServerMessage): Promise<void>;
  /** (Re)schedule the wake-up job that starts the auction at `at`. */
  scheduleStart(auctionId: string, at: Date): Promise<void>;
  /** (Re)schedule the wake-up job that closes the auction at `at` (moved by soft-close extensions). */
  scheduleClose(auctionId: string, at: Date): Promise<void>;
}

/** For callers that have no live rooms or queues to tell (the verify CLI, some tests). */
export const noSignals: AuctionSignals = {
  publish: async () => {},
  scheduleStart: async () => {},
  scheduleClose: async () => {},
};

/** The pub/sub channel carrying every auction's live events: `{auctionId, message}` as JSON. */
export function auctionLiveChannel(prefix: string): string {
  return `${prefix}:auctions:live`;
}

export interface LiveEnvelope {
  auctionId: string;
  message: ServerMessage;
}

/** Runs post-commit signals, swallowing (and reporting) failures: the commit already happened. */
export async function afterCommit(signals: Promise<void>[], onError: (err: unknown) => void = () => {}): Promise<void> {
  const results = await Promise.allSettled(signals);
  for (const r of results) if (r.status === 'rejected') onError(r.reason);
}
