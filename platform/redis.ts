import { Redis } from 'ioredis';

/**
 * One Redis connection. BullMQ workers need `maxRetriesPerRequest: null` (they block on Redis);
 * plain clients keep ioredis' default so a down Redis fails requests instead of hanging them.
 */
export function createRedis(url: string, opts: { forBullmq?: boolean } = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: opts.forBullmq ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
  // Connection errors are retried by ioredis; readiness is reported by /readyz.
  redis.on('error', () => {});
  return redis;
}
