// Request ids: a well-formed incoming X-Request-Id is kept (a proxy or another service chose it), any
// other request gets a UUID. Per-process counters (req-1, req-2, …) collided between api replicas.
// The id is returned in X-Request-Id, is in every log line of the request and in error bodies, and is
// carried into outbox events (platform/request-context.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runWithRequestId } from '../../platform/request-context.js';

/** Printable, no spaces or quotes, at most 128 characters: safe to echo in a header and a log line. */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}

export default fp(
  async function requestId(app: FastifyInstance) {
    app.addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      // Everything the request runs from here on (hooks, handler, services) sees its id.
      runWithRequestId(request.id, done);
    });
  },
  { name: 'request-id' },
);
