import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
 * What of an unexpected error goes to the log: its type, stack frames and SQLSTATE, the SQL text
 * without its parameters. The message is left out when it may quote what a user typed (drizzle's
 * "Failed query … params: …", PostgreSQL's "invalid input syntax … \"<value>\"").
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const cause = (err as { cause?: unknown }).cause;
  const pg = cause && typeof cause === 'object' ? (cause as { code?: unknown; routine?: unknown }) : undefined;
  const query = (err as { query?: unknown }).query;
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
  const quotesInput = typeof query === 'string' || (pg !== undefined && typeof pg.code === 'string');
  return {
    type: err.name,
    ...(quotesInput ? {} : { message: err.message }),
    ...(typeof query === 'string' ? { query } : {}),
    ...(pg && typeof pg.code === 'string' ? { sqlstate: pg.code, routine: pg.routine } : {}),
    stack: frames.join('\n'),
  };
}

/**
 * Errors Node's HTTP parser meets before Fastify has a request (header or request line past the
 * limit, garbage on the wire): answered in the standard error shape, never echoing the request.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE']
      : err.code === 'HPE_URI_TOO_LONG'
        ? [414, 'URI_TOO_LONG']
        : [400, 'MALFORMED_REQUEST'];
  const body = JSON.stringify({ error: { code, message: errorMessage(code) }, requestId: randomUUID() });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Errors the router meets before a route runs (Fastify's `frameworkErrors`): a path segment that is
 * not valid URL encoding, or one longer than the router's parameter limit. Answered in the standard
 * shape; Fastify's default echoes the path.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, request, 414, 'URI_TOO_LONG', errorMessage('URI_TOO_LONG'));
  }
  return send(reply, request, 400, 'MALFORMED_REQUEST', errorMessage('MALFORMED_REQUEST'));
}

/** Requests whose target is longer than this are answered 414 before routing. */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * One error shape for the whole API: `{ error: { code, message, details }, requestId }`.
 * 4xx messages are for users (Chinese); 5xx never reveal internals.
 */
/**
 * `webPage`: answers a GET for a web page (server/web/pages.ts: server-rendered or the app shell,
 * with the response's CSP nonce); null when the api does not serve the web app.
 */
export default fp(async function errors(
  app: FastifyInstance,
  opts: { webPage: ((request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) | null },
) {
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
      return send(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', errorMessage('UNSUPPORTED_MEDIA_TYPE'));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, request, 413, 'PAYLOAD_TOO_LARGE', errorMessage('PAYLOAD_TOO_LARGE'));
    }
    if (fe.statusCode === 429) {
      return send(reply, request, 429, 'RATE_LIMITED', errorMessage('RATE_LIMITED'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, empty body with a JSON content type, and the like.
      return send(reply, request, fe.statusCode, 'MALFORMED_REQUEST', errorMessage('MALFORMED_REQUEST'));
    }
    request.log.error({ err: loggableError(err) }, 'unhandled error');
    return send(reply, request, 500, 'INTERNAL', errorMessage('INTERNAL'));
  });

  // 414 in the standard shape (Node itself answers 431 for a request line past its header limit; the
  // app's clientErrorHandler, server/app.ts, gives that one the same shape).
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      return send(reply, request, 414, 'URI_TOO_LONG', errorMessage('URI_TOO_LONG'));
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes of the web app: any other GET for a page gets the app shell.
    // HEAD as GET (issue 16 item 5: HEAD works wherever GET does).
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (opts.webPage !== null && read && !path.startsWith('/api/') && !path.startsWith('/docs')) {
      return opts.webPage(request, reply);
    }
    return send(reply, request, 404, 'NOT_FOUND', errorMessage('NOT_FOUND'));
  });
});
