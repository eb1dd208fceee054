// Live pushes (DESIGN §3, §9). Every api instance subscribes to the Redis pub/sub channel the outbox
// relay publishes committed events to, and relays each event to the sockets it holds itself — so any
// instance's change reaches a user's sockets on every instance, and N instances behave as one.
//
// Handlers are registered by topic (`app.live.onEvent`): notifications here; the live-auction rooms
// can hook their own topics the same way.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { Db } from '../../db/client.js';
import type { LiveMessage, NotificationMessage } from '../../domain/notifications.js';
import type { DependencyHealth } from '../../platform/dependency-health.js';
import { eventsChannel, type PublishedEvent } from '../../platform/outbox.js';
import { watchRedis } from '../../platform/redis.js';
import { NOTIFICATION_CREATED, NOTIFICATION_READ } from './service.js';

export type EventHandler = (event: PublishedEvent) => void;

export interface LiveHub {
  /** Holds a signed-in user's socket until it closes. */
  attach(userId: string, sessionTokenHash: string, socket: WebSocket): void;
  sendToUser(userId: string, message: unknown): number;
  onEvent(topic: string, handler: EventHandler): void;
  /** Every published event, whatever its topic (the public read cache drops entries on them). */
  onAnyEvent(handler: EventHandler): void;
  /** Sockets held by this instance. */
  size(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

interface Held {
  socket: WebSocket;
  userId: string;
  tokenHash: string;
  alive: boolean;
}

/** A client whose send buffer grows beyond this is too slow; it is dropped and recovers on reconnect. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 30_000;
/** Close code for a socket whose session ended (logout or expiry): the client should sign in again. */
export const SESSION_ENDED_CLOSE = 4401;

export default fp(
  async function live(app: FastifyInstance, opts: { redis: Redis; db: Db; prefix: string; health: DependencyHealth }) {
    const byUser = new Map<string, Set<Held>>();
    const handlers = new Map<string, EventHandler[]>();
    const anyHandlers: EventHandler[] = [];

    function send(h: Held, text: string): boolean {
      if (h.socket.readyState !== h.socket.OPEN) return false;
      if (h.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        h.socket.terminate();
        return false;
      }
      h.socket.send(text);
      return true;
    }

    const hub: LiveHub = {
      attach(userId, tokenHash, socket) {
        const held: Held = { socket, userId, tokenHash, alive: true };
        let set = byUser.get(userId);
        if (!set) byUser.set(userId, (set = new Set()));
        set.add(held);
        socket.on('pong', () => (held.alive = true));
        socket.on('close', () => {
          set.delete(held);
          if (set.size === 0 && byUser.get(userId) === set) byUser.delete(userId);
        });
      },
      sendToUser(userId, message) {
        const set = byUser.get(userId);
        if (!set) return 0;
        const text = JSON.stringify(message);
        let n = 0;
        for (const h of set) if (send(h, text)) n++;
        return n;
      },
      onEvent(topic, handler) {
        handlers.set(topic, [...(handlers.get(topic) ?? []), handler]);
      },
      onAnyEvent(handler) {
        anyHandlers.push(handler);
      },
      size() {
        let n = 0;
        for (const set of byUser.values()) n += set.size;
        return n;
      },
    };
    app.decorate('live', hub);

    hub.onEvent(NOTIFICATION_CREATED, (e) => {
      const { userId, notification } = e.payload as { userId: string; notification: NotificationMessage };
      hub.sendToUser(userId, { type: 'notification', notification } satisfies LiveMessage);
    });
    hub.onEvent(NOTIFICATION_READ, (e) => {
      const { userId, ...rest } = e.payload as { userId: string } & Omit<
        Extract<LiveMessage, { type: 'read' }>,
        'type'
      >;
      hub.sendToUser(userId, { type: 'read', ...rest } satisfies LiveMessage);
    });

    // The subscription waits for Redis however long it is away (no retry limit), and ioredis
    // re-subscribes after every reconnect; the api itself starts and serves without it.
    const subscriber = watchRedis(opts.redis.duplicate({ maxRetriesPerRequest: null }), opts.health, 'live');
    subscriber.on('message', (_channel: string, text: string) => {
      let event: PublishedEvent;
      try {
        event = JSON.parse(text) as PublishedEvent;
      } catch (err) {
        app.log.warn({ err, text: text.slice(0, 200) }, 'unreadable event on the events channel');
        return;
      }
      for (const handler of [...anyHandlers, ...(handlers.get(event.topic) ?? [])]) {
        try {
          handler(event);
        } catch (err) {
          app.log.warn({ err, topic: event.topic }, 'live event handler failed');
        }
      }
    });
    // Redis down at boot: the health line says so, and ioredis subscribes once it connects.
    const subscribed = subscriber
      .subscribe(eventsChannel(opts.prefix))
      .catch((err: unknown) => app.log.debug({ err }, 'live events: subscribe deferred until Redis is back'));
    await Promise.race([subscribed, new Promise((r) => setTimeout(r, 1_000).unref())]);

    // Heartbeat: drop sockets that stopped answering pings, and close those whose session ended
    // (logout, expiry) — one query per instance for all its sockets.
    const heartbeat = setInterval(() => {
      const all = [...byUser.values()].flatMap((s) => [...s]);
      for (const h of all) {
        if (!h.alive) {
          h.socket.terminate();
          continue;
        }
        h.alive = false;
        h.socket.ping();
      }
      const hashes = [...new Set(all.map((h) => h.tokenHash))];
      if (hashes.length === 0) return;
      void opts.db
        .execute<{ token_hash: string }>(
          sql`select token_hash from sessions where token_hash = any(${sql.param(hashes)}::text[]) and expires_at > now()`,
        )
        .then((r) => {
          const valid = new Set(r.rows.map((row) => row.token_hash));
          for (const h of all) if (!valid.has(h.tokenHash)) h.socket.close(SESSION_ENDED_CLOSE, 'session ended');
        })
        .catch((err: unknown) => app.log.warn({ err }, 'live heartbeat: session check failed; retried next beat'));
    }, HEARTBEAT_MS);
    heartbeat.unref();

    app.addHook('onClose', async () => {
      clearInterval(heartbeat);
      for (const set of byUser.values()) for (const h of set) h.socket.terminate();
      subscriber.disconnect();
    });
  },
  { name: 'live' },
);
