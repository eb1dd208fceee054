import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, errorMessage, type ErrorCode } from '../../domain/errors.js';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from './unavailable.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode | string,
  message: string,
  details?: unknown,
) {
  return reply.status(status).send({
    error: details === undefined ? { code, message } : { code, message, details },
    requestId: request.id,
  });
}

/**
 * One error shape for the whole API: `{ error: { code, message, details }, requestId }`.
 * 4xx messages are for users (Chinese); 5xx never reveal internals.
 */
export default fp(async function errors(app: FastifyInstance, opts: { spaFallback: boolean }) {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, request, err.status, err.code, err.message, err.details);
    }
    if (isDependencyUnavailable(err)) {
      // PostgreSQL or Redis lost: the request failed cleanly (its transaction rolled back); the
      // dependency's own health line reports the outage, so this is a warning, not a bug.
      request.log.warn({ err: { message: err.message, code: (err as FastifyError).code } }, 'dependency unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, request, 503, 'UNAVAILABLE', errorMessage('UNAVAILABLE'));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        path: [v.instancePath, (v.params as { missingProperty?: string; additionalProperty?: string }) ?? {}]
          .map((p) => (typeof p === 'string' ? p : (p.missingProperty ?? p.additionalProperty ?? '')))
          .filter(Boolean)
          .join('/'),
        rule: v.keyword,
        message: v.message,
      }));
      return send(reply, request, 400, 'VALIDATION_FAILED', errorMessage('VALIDATION_FAILED'), details);
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式提交数据');
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, request, 413, 'PAYLOAD_TOO_LARGE', '提交的数据过大');
    }
    if (fe.statusCode === 429) {
      return send(reply, request, 429, 'RATE_LIMITED', errorMessage('RATE_LIMITED'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, empty body with a JSON content type, and the like.
      return send(reply, request, fe.statusCode, 'MALFORMED_REQUEST', errorMessage('MALFORMED_REQUEST'));
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, request, 500, 'INTERNAL', errorMessage('INTERNAL'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes of the web app: any other GET for a page gets the app shell.
    if (opts.spaFallback && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/docs')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return send(reply, request, 404, 'NOT_FOUND', errorMessage('NOT_FOUND'));
  });
});
