// Bids and the bid log (issue 6 §2, DESIGN §8, §9): bidding over HTTP and in the live websocket room,
// which answer alike, the bid log after a seq (for a resuming page), and the record published after
// the close. A plugin of its own, registered by routes.ts after its routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebSocket } from 'ws';
import { IDEMPOTENCY_KEY_PATTERN, type ClientMessage, type ServerMessage } from '../../domain/auction-protocol.js';
import { AppError, errorMessage, type ErrorCode } from '../../domain/errors.js';
import type { LiveClient } from './live-room.js';
import { requireMember } from '../plugins/session.js';
import { takeBidAttempt } from './bid-limit.js';
import { DateTime, errorResponses, INT4_MAX, Nullable, Uuid } from '../schemas.js';
import * as reads from './reads.js';
import * as bidding from './bidding.js';
import { bidsUnavailable, requireRedisForBids } from './redis-guard.js';
import { redisIsUp } from '../../platform/redis.js';
import { PublicBid, PublicAuction, AuctionParams, Amount, IdempotencyKey, BidAccepted } from './views.js';
import { countBid } from '../../platform/metrics.js';

/** The published record of a closed auction (GET …/record). */
export const AuctionRecord = Type.Object({
  auction: Type.Object({
    ...PublicAuction.properties,
    reservePriceFen: Nullable(Type.Integer()),
    initialEndsAt: DateTime,
    genesisHash: Type.String(),
    priceFen: Nullable(Type.Integer()),
  }),
  bids: Type.Array(Type.Object({ ...PublicBid.properties, prevHash: Type.String() })),
  identities: Nullable(
    Type.Array(Type.Object({ alias: Type.String(), organisationId: Nullable(Uuid), displayName: Type.String() })),
  ),
});

/** A refused bid is an ordinary API error with its code (BID_TOO_LOW, ALREADY_LEADING, AUCTION_ENDED…). */
function refusal(outcome: Extract<bidding.BidOutcome, { accepted: false }>): AppError {
  return new AppError(outcome.code, outcome.details);
}

/** Cross-site websocket hijacking: a page of another origin may watch, but never bid with our cookie. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function errorPayload(err: unknown): { code: string; message: string; details?: unknown } {
  if (err instanceof AppError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  return { code: 'INTERNAL', message: errorMessage('INTERNAL') };
}

function parseClientMessage(raw: string): ClientMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  const isInt = (v: unknown, min: number, max: number) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
  switch (o.type) {
    case 'resume':
      return isInt(o.afterSeq, 0, INT4_MAX) ? { type: 'resume', afterSeq: o.afterSeq as number } : null;
    case 'bid':
      return isInt(o.amount, 1, 10_000_000_000_000) &&
        typeof o.idempotencyKey === 'string' &&
        new RegExp(IDEMPOTENCY_KEY_PATTERN).test(o.idempotencyKey)
        ? { type: 'bid', amount: o.amount as number, idempotencyKey: o.idempotencyKey }
        : null;
    case 'ping':
      return {
        type: 'ping',
        ...(isInt(o.clientTime, 0, Number.MAX_SAFE_INTEGER) ? { clientTime: o.clientTime as number } : {}),
      };
    default:
      return null;
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const signals = app.auctionSignals;
  const hub = app.auctionHub;
  const tags = ['拍卖'];
  const logSignal = (err: unknown) => app.log.warn({ err }, 'auction post-commit signal failed');

  app.post(
    '/auctions/:id/bids',
    {
      config: {
        access: 'member',
      },
      // DESIGN §8: one per-user limit for this route and every websocket (bid-limit.ts).
      preHandler: async (request) => {
        if (
          !(await takeBidAttempt(
            app.redis,
            app.config.redisPrefix,
            requireMember(request).userId,
            app.config.bidRateLimit,
          ))
        ) {
          countBid({ accepted: false, code: 'RATE_LIMITED' });
          throw new AppError('RATE_LIMITED');
        }
      },
      schema: {
        tags,
        summary: '出价（仅竞买人，竞价中；同一 idempotencyKey 重复提交返回首次结果）',
        params: AuctionParams,
        body: Type.Object(
          { amount: Amount, idempotencyKey: IdempotencyKey },
          {
            additionalProperties: false,
            examples: [{ amount: 81_500_000, idempotencyKey: '0b6f1c4e-2d7a-4f3b-9c8e-5a1d2e3f4b6c' }],
          },
        ),
        response: { 201: BidAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!redisIsUp(app.redis)) countBid({ accepted: false, code: 'UNAVAILABLE' });
      requireRedisForBids(app.redis);
      const outcome = await bidding.placeBid(
        ctx,
        signals,
        requireMember(request),
        request.params.id,
        { amountFen: request.body.amount, idempotencyKey: request.body.idempotencyKey },
        logSignal,
      );
      if (!outcome.accepted) throw refusal(outcome);
      return reply
        .status(201)
        .send({ accepted: true, replay: outcome.replay, bid: outcome.bid, nextMinimumFen: outcome.nextMinimumFen });
    },
  );

  app.get(
    '/auctions/:id/bids',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '出价记录（按序号；afterSeq 之后的，用于断线续传）',
        params: AuctionParams,
        querystring: Type.Object({
          afterSeq: Type.Optional(
            Type.Integer({ minimum: 0, maximum: INT4_MAX, default: 0, description: '只返回 seq 大于此值的出价' }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(PublicBid), seq: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const { auction: a } = await reads.getAuction(ctx.db, request.actor, request.params.id);
      const items = await reads.bidsAfter(ctx.db, a.id, request.query.afterSeq ?? 0, request.query.limit ?? 200);
      return { items, seq: a.seq };
    },
  );

  app.get(
    '/auctions/:id/record',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '竞价记录（拍卖结束后公开：全部出价及哈希链，可用 npm run auction:verify 复核）',
        params: AuctionParams,
        response: {
          200: AuctionRecord,
          ...errorResponses,
        },
      },
    },
    async (request) => reads.auctionRecord(ctx.db, request.actor, request.params.id),
  );

  // ---- The live room (DESIGN §9) ----

  app.get(
    '/auctions/:id/live',
    {
      websocket: true,
      config: { access: 'public' },
      schema: {
        params: AuctionParams,
        querystring: Type.Object({ afterSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: INT4_MAX })) }),
      },
    },
    (socket: WebSocket, request) => {
      const auctionId = (request.params as { id: string }).id;
      const actor = request.actor?.type === 'member' && sameOrigin(request) ? request.actor : null;
      const client: LiveClient = { socket, actor, you: null, sentSeq: 0, catchingUp: false, alive: true };
      const early: string[] = [];
      let joined = false;

      const reply = (m: ServerMessage) => hub.send(client, m);

      const handle = async (raw: string) => {
        const m = parseClientMessage(raw);
        if (!m) return reply({ type: 'error', error: errorPayload(new AppError('MALFORMED_REQUEST')) });
        switch (m.type) {
          case 'ping':
            return reply({ type: 'pong', serverTime: new Date().toISOString(), clientTime: m.clientTime ?? null });
          case 'resume':
            return hub.resume(auctionId, client, m.afterSeq);
          case 'bid': {
            const refuse = (code: ErrorCode) =>
              reply({
                type: 'bidResult',
                idempotencyKey: m.idempotencyKey,
                accepted: false,
                error: errorPayload(new AppError(code)),
              });
            if (!client.actor) return refuse(request.actor ? 'FORBIDDEN' : 'UNAUTHENTICATED');
            if (!redisIsUp(app.redis)) {
              countBid({ accepted: false, code: 'UNAVAILABLE' });
              return reply({
                type: 'bidResult',
                idempotencyKey: m.idempotencyKey,
                accepted: false,
                error: errorPayload(bidsUnavailable()),
              });
            }
            try {
              const allowed = await takeBidAttempt(
                app.redis,
                app.config.redisPrefix,
                client.actor.userId,
                app.config.bidRateLimit,
              );
              if (!allowed) {
                countBid({ accepted: false, code: 'RATE_LIMITED' });
                return refuse('RATE_LIMITED');
              }
              const outcome = await bidding.placeBid(
                ctx,
                signals,
                client.actor,
                auctionId,
                { amountFen: m.amount, idempotencyKey: m.idempotencyKey },
                logSignal,
              );
              return reply(
                outcome.accepted
                  ? { type: 'bidResult', idempotencyKey: m.idempotencyKey, accepted: true, bid: outcome.bid }
                  : {
                      type: 'bidResult',
                      idempotencyKey: m.idempotencyKey,
                      accepted: false,
                      error: errorPayload(refusal(outcome)),
                    },
              );
            } catch (err) {
              if (!(err instanceof AppError)) request.log.error({ err }, 'websocket bid failed');
              return reply({
                type: 'bidResult',
                idempotencyKey: m.idempotencyKey,
                accepted: false,
                error: errorPayload(err),
              });
            }
          }
        }
      };

      // Listeners first, synchronously: messages that arrive while the room loads wait in `early`.
      socket.on('pong', () => (client.alive = true));
      socket.on('message', (data) => {
        const raw = data.toString();
        if (!joined) early.push(raw);
        else void handle(raw);
      });
      socket.on('close', () => hub.leave(auctionId, client));

      void (async () => {
        try {
          // Visibility first (措施十五: an auction of a 涉密 result is not found for outsiders).
          await reads.getAuction(ctx.db, client.actor, auctionId);
          client.you = await reads.viewerOf(ctx.db, client.actor, auctionId);
          await hub.join(auctionId, client, (request.query as { afterSeq?: number }).afterSeq ?? null);
          joined = true;
          for (const raw of early.splice(0)) await handle(raw);
        } catch (err) {
          reply({ type: 'error', error: errorPayload(err) });
          socket.close(err instanceof AppError && err.status === 404 ? 4404 : 1011, 'unavailable');
        }
      })();
    },
  );
};

export default routes;
