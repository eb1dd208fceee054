// The api's share of the metrics (platform/metrics.ts): request latency by route pattern and status,
// open websockets by endpoint, and the api's PostgreSQL pool.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import { httpDuration, watchPool, websocketConnections } from '../../platform/metrics.js';

export default fp(
  async function metrics(app: FastifyInstance, opts: { db: Db }) {
    app.addHook('preHandler', async (request) => {
      // A websocket upgrade that passed its route's checks: counted until its socket closes.
      if (!request.ws) return;
      const endpoint = request.routeOptions.url ?? 'unmatched';
      websocketConnections.inc({ endpoint });
      request.raw.socket.once('close', () => websocketConnections.dec({ endpoint }));
    });
    app.addHook('onResponse', async (request, reply) => {
      if (request.ws) return;
      // The route pattern (/api/v1/listings/:id), never the raw URL: one series per route, not per id.
      httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    const unwatch = watchPool(opts.db, 'api');
    app.addHook('onClose', async () => unwatch());
  },
  { name: 'metrics' },
);
