import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { errorResponses } from '../schemas.js';
import { publicCounts } from '../listings/reads.js';
import { AppError } from '../../domain/errors.js';
import { METRICS_CONTENT_TYPE, metricsAuthorized, scrape } from '../../platform/metrics.js';

/** Health probes (outside /api/v1) and public statistics. */
export const probes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks = await Promise.allSettled([app.services.db.execute(sql`select 1`), app.redis.ping()]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ready = postgres === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });

  // Prometheus metrics behind METRICS_TOKEN (a bearer token); absent without one (METRICS_PORT may serve them).
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!app.config.metricsToken) throw new AppError('NOT_FOUND');
    if (!metricsAuthorized(request.headers.authorization, app.config.metricsToken)) {
      void reply.header('www-authenticate', 'Bearer');
      throw new AppError('UNAUTHENTICATED');
    }
    return reply.type(METRICS_CONTENT_TYPE).send(await scrape());
  });
};

export const Stats = Type.Object({
  openDemands: Type.Integer(),
  publicSupply: Type.Integer(),
  institutions: Type.Integer(),
  enterprises: Type.Integer(),
});

export const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/stats',
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags: ['统计'],
        summary: '首页统计：揭榜中的需求、公开成果、已认证机构数',
        response: {
          200: Stats,
          ...errorResponses,
        },
      },
    },
    async () => publicCounts(app.services.db),
  );
};
