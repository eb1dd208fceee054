// Public reads at marketplace scale (README, "Public reads"): anonymous GETs of the routes that opt
// in with `config: { publicCache: true }` (listing list and detail, search, suggest, matches, home
// statistics) are answered from this instance's memory, before validation, the handler and
// serialisation run.
//
// Correctness first. Only requests without a session cookie are cached or served from the cache: a
// signed-in viewer may see more, and whoever wrote is signed in, so sees their own change at once.
// Only 200 answers are kept. Entries are dropped
// - on every committed event the outbox relay publishes (any instance's or the worker's change:
//   transitions, moderation, timers, auctions, organisations) except notifications, which no public
//   read shows;
// - after PUBLIC_CACHE_TTL at the latest, which bounds what no event announces (the Meilisearch
//   index catching up after an event, time passing).
// Every cached answer carries an ETag; a client that sends it back gets 304 and no body.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PublishedEvent } from '../../platform/outbox.js';
import { SESSION_COOKIE } from './session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous 200 answers of this GET route may be cached (server/plugins/public-cache.ts). */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    /** Set when this request's answer may be stored in the public cache. */
    publicCacheKey: string | null;
    publicCacheGeneration: number;
  }
}

interface Entry {
  body: string;
  etag: string;
  contentType: string;
  expiresAt: number;
}

export interface PublicCacheOptions {
  /** Milliseconds an entry lives at most; 0 turns the cache off. */
  ttlMs: number;
  /** Entries kept at most (the oldest go first). */
  maxEntries?: number;
  /** Answers larger than this are not kept. */
  maxBodyBytes?: number;
  /** Registers the invalidation handler for every published outbox event. */
  onEvent: (handler: (event: PublishedEvent) => void) => void;
}

/** Topics no public read shows: their events leave the cache as it is. */
const IRRELEVANT_TOPIC = /^notification\./;

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

function notModified(request: FastifyRequest, etag: string): boolean {
  const sent = request.headers['if-none-match'];
  return typeof sent === 'string' && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function revalidationHeaders(reply: FastifyReply, etag: string): void {
  // Browsers and intermediaries may keep the answer but must revalidate it (cheaply, by ETag).
  reply.header('etag', etag).header('cache-control', 'public, no-cache').header('vary', 'Cookie');
}

export default fp(
  async function publicCache(app: FastifyInstance, opts: PublicCacheOptions) {
    const maxEntries = opts.maxEntries ?? 2_000;
    const maxBodyBytes = opts.maxBodyBytes ?? 512 * 1024;
    const entries = new Map<string, Entry>();
    let hits = 0;
    let misses = 0;
    // Bumped by every invalidation: an answer computed across one (read before, sent after) is not kept.
    let generation = 0;
    const clear = () => {
      generation++;
      entries.clear();
    };

    app.decorateRequest('publicCacheKey', null);
    app.decorateRequest('publicCacheGeneration', 0);
    app.decorate('publicCache', {
      clear,
      stats: () => ({ entries: entries.size, hits, misses }),
    });
    if (opts.ttlMs <= 0) return;

    opts.onEvent((event) => {
      if (!IRRELEVANT_TOPIC.test(event.topic)) clear();
    });

    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || !request.routeOptions.config?.publicCache) return;
      if (request.cookies[SESSION_COOKIE]) return;
      const key = request.url;
      const entry = entries.get(key);
      if (entry && entry.expiresAt > Date.now()) {
        hits++;
        revalidationHeaders(reply, entry.etag);
        if (notModified(request, entry.etag)) return reply.code(304).send();
        return reply.header('content-type', entry.contentType).send(entry.body);
      }
      if (entry) entries.delete(key);
      misses++;
      request.publicCacheKey = key;
      request.publicCacheGeneration = generation;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.publicCacheKey;
      if (key === null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const etag = etagOf(payload);
      revalidationHeaders(reply, etag);
      if (payload.length <= maxBodyBytes && request.publicCacheGeneration === generation) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
        entries.set(key, { body: payload, etag, contentType, expiresAt: Date.now() + opts.ttlMs });
      }
      if (notModified(request, etag)) {
        reply.code(304);
        return '';
      }
      return payload;
    });
  },
  { name: 'public-cache', dependencies: ['@fastify/cookie'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: { clear(): void; stats(): { entries: number; hits: number; misses: number } };
  }
}
