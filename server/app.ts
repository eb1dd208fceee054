// The Fastify app as a plugin-built factory: external plugins, then the app's own plugins, then
// routes. main/start scripts only listen and shut down; tests build this same app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import type { Config } from './config.js';
import errors from './plugins/errors.js';
import session from './plugins/session.js';
import { installValidators } from './plugins/validation.js';
import auth from './routes/auth.js';
import listingRoutes from './routes/listings.js';
import operatorRoutes from './routes/operator.js';
import organisationRoutes from './routes/organisations.js';
import payLaterRoutes from './routes/paylater.js';
import poolRoutes from './routes/pool.js';
import resultRoutes from './routes/results.js';
import { probes, stats } from './routes/system.js';
import type { ServiceContext } from './services/context.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: ServiceContext;
    redis: Redis;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  redis: Redis;
  /** The clock; tests may pass a fixed one. */
  now?: () => Date;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installValidators(app);
  app.decorate('config', config);
  app.decorate('redis', deps.redis);
  app.decorate('services', { db: deps.db, config, now: deps.now ?? (() => new Date()) });

  // External plugins.
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    redis: deps.redis,
    nameSpace: `${config.redisPrefix}:rl:`,
    // @fastify/rate-limit 11 needs a key even where req.ip is absent (injected websocket requests).
    keyGenerator: (req) => req.ip ?? 'unknown',
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `rate limited, retry in ${ctx.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '辽宁省双向揭榜挂帅科技成果交易平台 API',
        description: '企业找技术、成果找市场；公示、挂牌、拍卖与先用后付。金额单位为分，时间为 ISO-8601。',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jb_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const serveWeb = config.serveWeb && existsSync(join(config.webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });

  // The app's own plugins.
  await app.register(errors, { spaFallback: serveWeb });
  await app.register(session, { db: deps.db, config });

  // Routes.
  await app.register(probes);
  await app.register(
    async (api) => {
      await api.register(auth);
      await api.register(organisationRoutes);
      await api.register(resultRoutes);
      await api.register(listingRoutes);
      await api.register(operatorRoutes);
      await api.register(poolRoutes);
      await api.register(payLaterRoutes);
      await api.register(stats);
    },
    { prefix: '/api/v1' },
  );

  return app;
}
