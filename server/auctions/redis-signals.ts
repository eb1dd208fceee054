// The post-commit side of auction changes, for a process that has Redis: live events go to the
// auctions' pub/sub channel (every api instance's rooms) — and, in an api instance, straight to its
// own rooms first (`local`; its copy coming back through Redis is then ignored by seq) — timer
// changes to the BullMQ queue.
import type { Redis } from 'ioredis';
import { scheduleAuctionTimer, type Queues } from '../../platform/queues.js';
import { auctionLiveChannel, type AuctionSignals, type LiveEnvelope } from './signals.js';

export function createAuctionSignals(
  redis: Redis,
  prefix: string,
  queue: Queues['auctions'],
  local?: (envelope: LiveEnvelope) => void,
): AuctionSignals {
  const channel = auctionLiveChannel(prefix);
  return {
    async publish(auctionId, message) {
      const envelope: LiveEnvelope = { auctionId, message };
      // Other instances first: a room of thousands takes this one tens of milliseconds to fan out.
      const published = redis.publish(channel, JSON.stringify(envelope));
      try {
        local?.(envelope);
      } finally {
        await published;
      }
    },
    scheduleStart: (auctionId, at) => scheduleAuctionTimer(queue, 'start', auctionId, at),
    scheduleClose: (auctionId, at) => scheduleAuctionTimer(queue, 'close', auctionId, at),
  };
}
