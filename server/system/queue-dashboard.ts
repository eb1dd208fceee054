// The queue dashboard (issue "Resilience" item 6): bull-board at /operator/queues, for signed-in
// operators only, read-only — it shows every queue's jobs, schedulers and failures; retrying, removing
// or adding jobs is refused (the reconcilers repair what a job missed, from PostgreSQL).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyPluginOptions } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { withCspNonce } from '../../platform/csp.js';
import type { Queues } from '../../platform/queues.js';

export const QUEUE_DASHBOARD_PATH = '/operator/queues';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The board's plugin registers its own @fastify/static (v10) and error handler. The app already
 * decorates `reply.sendFile` (the web app's static files), which a second decoration would refuse,
 * and its error handler would turn our 401/403 into 500s; so the board's static files are served
 * without the reply decoration, and errors keep the app's handler and error shape.
 */
function boardScope(scope: FastifyInstance): FastifyInstance {
  return new Proxy(scope, {
    get(target, prop) {
      if (prop === 'register') {
        const register = target.register.bind(target) as (plugin: unknown, opts?: FastifyPluginOptions) => unknown;
        return (plugin: unknown, opts?: FastifyPluginOptions) =>
          register(plugin, opts && 'root' in opts ? { ...opts, decorateReply: false } : opts);
      }
      if (prop === 'setErrorHandler') return () => target;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export default async function queueDashboard(app: FastifyInstance, opts: { queues: Queues }): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(opts.queues).map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: '任务队列' } },
  });
  await app.register(async (scope) => {
    // Every route of the board: operators only, checked by the session plugin like any /api route.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'operator' };
    });
    // Read-only: after the sign-in check, anything that would change a queue is refused.
    scope.addHook('preValidation', async (request) => {
      if (!READ_METHODS.has(request.method)) throw new AppError('FORBIDDEN');
    });
    // The board's page carries inline scripts and styles: stamp them with this response's CSP nonce
    // (issue 16 item 5), as the app shell is, instead of loosening the policy for it.
    scope.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      return typeof payload === 'string' && type.startsWith('text/html')
        ? withCspNonce(payload, reply.cspPageNonce)
        : payload;
    });
    const plugin = adapter.registerPlugin();
    await scope.register(
      (instance: FastifyInstance, o: FastifyPluginOptions, done: (err?: Error) => void) =>
        plugin(boardScope(instance) as never, o as never, done),
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  });
}
