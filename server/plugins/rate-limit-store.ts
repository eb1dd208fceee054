// The rate-limit store: counters in Redis (shared by every api instance) while Redis is connected,
// in this process while it is not. Login and registration then keep their limits per instance
// instead of failing with 500 after ioredis gave up retrying (issue "Resilience": Redis down,
// decided per path). The fallback is deliberately small: fixed windows, one map per route.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redisIsUp } from '../../platform/redis.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';

type Incr = FastifyRateLimitStore['incr'];
type Cb = Parameters<Incr>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/** Beyond this many keys the in-process window map is cleared (an outage is not a memory leak). */
const MAX_LOCAL_KEYS = 10_000;

/** An in-process fixed window per key, used only while Redis is unreachable. */
export class LocalWindows {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  incr(key: string, timeWindow: number): { current: number; ttl: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || w.startedAt + timeWindow <= t) {
      if (!w && this.windows.size >= MAX_LOCAL_KEYS) this.windows.clear();
      w = { count: 0, startedAt: t };
      this.windows.set(key, w);
    }
    w.count++;
    return { current: w.count, ttl: w.startedAt + timeWindow - t };
  }
}

class FallbackStore implements FastifyRateLimitStore {
  private readonly local = new LocalWindows();
  constructor(
    private readonly redis: Redis,
    private readonly remote: FastifyRateLimitStore,
    private readonly log: Logger,
  ) {}

  incr(key: string, cb: Cb, timeWindow: number, max: number): void {
    if (!redisIsUp(this.redis)) {
      cb(null, this.local.incr(key, timeWindow));
      return;
    }
    this.remote.incr(
      key,
      (err, result) => {
        if (!err) return cb(null, result);
        // Lost mid-call: count this request here rather than fail it.
        this.log.debug({ err }, 'rate limit counted in process: Redis call failed');
        cb(null, this.local.incr(key, timeWindow));
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: RouteOptions): FastifyRateLimitStore {
    return new FallbackStore(this.redis, this.remote.child(routeOptions), this.log);
  }
}

/** The store constructor @fastify/rate-limit wants, bound to this app's Redis client and key prefix. */
export function fallbackRateLimitStore(redis: Redis, nameSpace: string, log: Logger): FastifyRateLimitStoreCtor {
  return class {
    constructor(opts: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const remote = new RedisStore(
        opts.continueExceeding ?? false,
        opts.exponentialBackoff ?? false,
        redis,
        nameSpace,
      );
      return new FallbackStore(redis, remote, log);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
