// Redis down, decided for bids (issue "Resilience"): a bid is refused with 503 and Retry-After, over
// HTTP and over the websocket alike. An accepted bid must reach the other api instances' rooms and,
// in the soft close, move the close job — both through Redis — so bidding waits for Redis rather
// than accept bids that watchers elsewhere would not see.
import type { Redis } from 'ioredis';
import { AppError } from '../../domain/errors.js';
import { redisIsUp } from '../../platform/redis.js';
import { RETRY_AFTER_SECONDS } from '../plugins/unavailable.js';

export function bidsUnavailable(): AppError {
  return new AppError('UNAVAILABLE', { retryAfter: RETRY_AFTER_SECONDS }, '竞价服务暂时不可用，请稍后重新出价');
}

/** Throws `UNAVAILABLE` (503, Retry-After) while this instance has no Redis connection. */
export function requireRedisForBids(redis: Redis): void {
  if (!redisIsUp(redis)) throw bidsUnavailable();
}
