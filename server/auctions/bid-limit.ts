// DESIGN §8: bid attempts are limited per user — not per client address (every bidder of a company
// behind one NAT is someone else) and not per socket (N sockets would get N times the rate). One
// fixed 10-second window per user in Redis, shared by the HTTP route and every websocket on every
// api instance.
import type { Redis } from 'ioredis';

export const BID_LIMIT_WINDOW_MS = 10_000;

/** Counts one bid attempt of `userId`; false when the user has used up `limit` in the current window. */
export async function takeBidAttempt(redis: Redis, prefix: string, userId: string, limit: number): Promise<boolean> {
  const key = `${prefix}:rl:bid:${userId}`;
  const replies = await redis.multi().incr(key).pexpire(key, BID_LIMIT_WINDOW_MS, 'NX').exec();
  const [err, count] = replies?.[0] ?? [new Error('bid limit: no reply from Redis'), null];
  if (err) throw err;
  return Number(count) <= limit;
}
