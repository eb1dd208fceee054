import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Builds the real app against a database of this test file's own and a Redis key prefix of its own.
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createDatabase, type Database } from '../../db/client.js';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../platform/config.js';
import type { ServiceContext } from '../../platform/context.js';
import { createRedis } from '../../platform/redis.js';
import { createTestDatabase, uniquePrefix, type TestDatabase } from './db.js';

export interface TestContext {
  app: FastifyInstance;
  config: Config;
  database: Database;
  redis: Redis;
  testDb: TestDatabase;
  ctx: ServiceContext;
  close(): Promise<void>;
}

/**
 * The real app on this file's own database and Redis prefix. `opts.now` is the injectable clock
 * (services read `ctx.now()`): a test moves it instead of waiting.
 */
export async function setupTestApp(
  env: Record<string, string> = {},
  opts: { now?: () => Date } = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase();
  const prefix = uniquePrefix();
  const files = join(tmpdir(), `jb-test-${prefix}`);
  const config = loadConfig({
    DOCUMENT_DIR: join(files, 'documents'),
    DOCUMENT_SPOOL_DIR: join(files, 'spool'),
    MAIL_DIR: join(files, 'mail'),
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    SEED_DEMO: 'false',
    SERVE_WEB: 'false',
    ...env,
  });
  const database = createDatabase(config.databaseUrl, 5);
  const redis = createRedis(config.redisUrl);
  // A plugin starting in 10 s (Fastify's bound) is a real deadline: '@fastify/swagger-ui' missed it at
  // load 60 on 2 cores. The hook bound (vitest.config.ts) caps a real hang instead.
  const app = await buildApp({ config, db: database.db, redis, now: opts.now, pluginTimeoutMs: 180_000 });
  await app.ready();
  return {
    app,
    config,
    database,
    redis,
    testDb,
    ctx: app.services,
    async close() {
      await app.close();
      const keys = await redis.keys(`${config.redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await database.close();
      await testDb.drop();
      await rm(files, { recursive: true, force: true });
    },
  };
}
