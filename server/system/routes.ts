import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { errorResponses } from '../schemas.js';
import { publicCounts } from '../listings/reads.js';

/** Health probes (outside /api/v1) and public statistics. */
export const probes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks = await Promise.allSettled([app.services.db.execute(sql`select 1`), app.redis.ping()]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ready = postgres === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', postgres, redis });
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
