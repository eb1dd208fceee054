import { Redis } from 'ioredis';
import { pino } from 'pino';
import { dependencyHealth, type DependencyHealth } from './dependency-health.js';

/**
 * Reports a Redis client's connection state to `health`: each refused reconnect is a failure (logged
 * once per state change, not per attempt), `ready` is recovery. ioredis prints a raw multi-line stack
 * to stderr for any client without an `error` listener, so every client and duplicate gets one.
 */
export function watchRedis(client: Redis, health: DependencyHealth, role?: string): Redis {
  client.on('error', (err: unknown) => health.failed(err, role ? { client: role } : undefined));
  client.on('ready', () => health.recovered());
  return client;
}

/** The health of Redis as seen by one process part; its lines carry `dependency: "redis"`. */
export function redisHealth(log = pino({ base: { role: 'redis' } })): DependencyHealth {
  return dependencyHealth('redis', log);
}

/**
 * One Redis connection. BullMQ workers need `maxRetriesPerRequest: null` (they block on Redis);
 * plain clients keep ioredis' default so a down Redis fails requests instead of hanging them.
 */
export function createRedis(
  url: string,
  opts: { forBullmq?: boolean; health?: DependencyHealth; role?: string } = {},
): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: opts.forBullmq ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
  return watchRedis(redis, opts.health ?? redisHealth(), opts.role);
}

/** Whether commands sent now would be executed rather than queued behind a reconnect. */
export function redisIsUp(redis: Redis): boolean {
  return redis.status === 'ready';
}
