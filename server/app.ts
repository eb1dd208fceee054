// The Fastify app as a plugin-built factory: external plugins, then the app's own plugins, then
// routes. main/start scripts only listen and shut down; tests build this same app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import securityHeaders from './plugins/security-headers.js';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { durationMs } from '../domain/duration.js';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Config } from '../platform/config.js';
import { createSearchEngine, type SearchEngine } from '../search/index.js';
import { createQueues, closeQueues } from '../platform/queues.js';
import { redisHealth } from '../platform/redis.js';
import { AuctionHub } from './auctions/hub.js';
import { createAuctionSignals } from './auctions/redis-signals.js';
import apiDocs from './openapi/plugin.js';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/errors.js';
import requestId, { requestIdOf } from './plugins/request-id.js';
import { fallbackRateLimitStore } from './plugins/rate-limit-store.js';
import live from './notifications/live.js';
import metrics from './plugins/metrics.js';
import publicCache from './plugins/public-cache.js';
import session from './plugins/session.js';
import { deferredSchemas } from './plugins/schema-compilers.js';
import { installValidators } from './plugins/validation.js';
import auctionRoutes from './auctions/routes.js';
import auth from './accounts/routes.js';
import lifecycleRoutes from './lifecycle/routes.js';
import listingRoutes from './listings/routes.js';
import notificationRoutes from './notifications/routes.js';
import operatorRoutes from './listings/moderation-routes.js';
import organisationRoutes from './organisations/routes.js';
import ledgerLookupRoutes from './ledger/lookup-routes.js';
import ledgerReportRoutes from './ledger/report-routes.js';
import ledgerRoutes from './ledger/routes.js';
import payLaterRoutes from './pool/paylater-routes.js';
import poolRoutes from './pool/routes.js';
import resultRoutes from './results/routes.js';
import dossierRoutes from './dossiers/routes.js';
import trailRoutes from './dossiers/trail-routes.js';
import { createDocumentStorage, type DocumentStorage } from '../platform/storage/index.js';
import { createMailer, type Mailer } from '../platform/mail.js';
import researcherRoutes from './researchers/routes.js';
import teamRoutes from './researchers/team-routes.js';
import rightsRoutes from './rights/routes.js';
import remunerationRoutes from './remuneration/routes.js';
import statementRoutes from './remuneration/statement-routes.js';
import searchRoutes from './search/routes.js';
import { ensureThesaurus } from './search/thesaurus.js';
import statisticsRoutes from './statistics/routes.js';
import { probes, stats } from './system/routes.js';
import queueDashboard from './system/queue-dashboard.js';
import { createPageSender } from './web/pages.js';
import seoRoutes from './web/seo-routes.js';
import type { AuctionSignals } from './auctions/signals.js';
import type { ServiceContext } from '../platform/context.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: ServiceContext;
    redis: Redis;
    /** Post-commit live pushes and timer reschedules of auction changes. */
    auctionSignals: AuctionSignals;
    /** This instance's live auction rooms. */
    auctionHub: AuctionHub;
    /** The configured search engine (DESIGN §7), initialised at boot. */
    searchEngine: SearchEngine;
    /** Outgoing mail (platform/mail.ts): invitations. */
    mailer: Mailer;
    /** Compiles every route schema not compiled yet (they compile on first use): a test's check. */
    compileRouteSchemas: () => void;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  redis: Redis;
  /** The clock; tests may pass a fixed one. */
  now?: () => Date;
  /** A search engine the caller owns (npm start shares one with the workers); else the app creates one. */
  searchEngine?: SearchEngine;
  /** Document storage the caller owns; else the app creates the configured one (DOCUMENT_STORAGE). */
  documentStorage?: DocumentStorage;
  /** A mailer the caller owns; else the app creates the configured one (SMTP_URL, or files in MAIL_DIR). */
  mailer?: Mailer;
  /** How long one plugin may take to start (Fastify's default: 10 s). */
  pluginTimeoutMs?: number;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  // Each route's validators and serializers are compiled on its first request (schema-compilers.ts).
  const schemas = deferredSchemas();
  const app = Fastify({
    logger: { level: config.logLevel },
    // A hop count becomes "trust the nearest n hops" (proxy-addr's rule); addresses and CIDRs pass as they are.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    ...(deps.pluginTimeoutMs !== undefined ? { pluginTimeout: deps.pluginTimeoutMs } : {}),
    genReqId: requestIdOf,
    clientErrorHandler,
    frameworkErrors,
    schemaController: schemas.schemaController,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(requestId);

  installValidators(app, schemas.validator);
  app.decorate('compileRouteSchemas', schemas.compileAll);
  // One line per state change of Redis for everything the api holds (issue "Resilience").
  const redisState = redisHealth(app.log as unknown as Logger);
  app.decorate('config', config);
  app.decorate('redis', deps.redis);
  app.decorate('services', { db: deps.db, config, now: deps.now ?? (() => new Date()) });

  // External plugins.
  await app.register(securityHeaders, { production: config.nodeEnv === 'production' });
  await app.register(cookie);
  // Uploads stream (never buffered); one file per request, at most DOCUMENT_MAX_SIZE bytes.
  await app.register(multipart, { limits: { fileSize: config.documents.maxSize, files: 1, fields: 0, parts: 1 } });
  await app.register(rateLimit, {
    global: false,
    // Redis while it is connected, this process while it is not (login keeps a limit, see the store).
    store: fallbackRateLimitStore(deps.redis, `${config.redisPrefix}:rl:`, app.log as unknown as Logger),
    // @fastify/rate-limit 11 needs a key even where req.ip is absent (injected websocket requests).
    keyGenerator: (req) => req.ip ?? 'unknown',
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `rate limited, retry in ${ctx.after}` }),
  });
  await app.register(apiDocs);
  // Before any route, so websocket routes are recognised (and upgrades to plain routes refused).
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  const serveWeb = config.serveWeb && existsSync(join(config.webDist, 'index.html'));
  // The app shell itself is never served as a file: it gets the response's CSP nonce (errors.ts).
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      allowedPath: (path) => path !== '/index.html',
      // The .br/.gz copies the build wrote beside each asset (scripts/precompress-web.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Fingerprinted by Vite (the name changes with the content): cached for good (issue 24).
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'public, no-cache',
        );
      },
    });
  }

  // Auctions: the api reschedules close jobs itself when a late bid extends the end, and keeps one
  // pub/sub subscription feeding its live rooms. What this instance publishes reaches its own rooms
  // at once, without the trip through Redis (which still carries it to the other instances).
  const queues = createQueues(deps.redis, config.redisPrefix, (err, queue) => redisState.failed(err, { queue }));
  const hub = new AuctionHub(deps.db, deps.redis, config.redisPrefix, app.log, redisState);
  app.decorate(
    'auctionSignals',
    createAuctionSignals(deps.redis, config.redisPrefix, queues.auctions, (envelope) => hub.deliver(envelope)),
  );
  hub.start();
  app.decorate('auctionHub', hub);
  app.addHook('onClose', async () => {
    await hub.stop();
    await closeQueues(queues);
  });

  // Search: the engine's storage is created (idempotently) before the first request. A search
  // service that is down (Meilisearch) must not keep the rest of the platform from starting: its
  // routes answer 503 until it is back, and the worker, which writes, retries its own init.
  const searchEngine = deps.searchEngine ?? createSearchEngine(config, deps.db);
  try {
    // The operators' thesaurus first: Meilisearch's init sends it as the synonyms setting (issue 21).
    await ensureThesaurus(deps.db);
    await searchEngine.init();
  } catch (err) {
    if (searchEngine.name === 'postgres') throw err;
    app.log.error({ err }, 'search engine init failed; search answers 503 until it is reachable');
  }
  app.decorate('searchEngine', searchEngine);
  if (!deps.searchEngine) app.addHook('onClose', () => searchEngine.close());

  const mailer = deps.mailer ?? createMailer(config);
  app.decorate('mailer', mailer);
  if (!deps.mailer) app.addHook('onClose', () => mailer.close());

  const documentStorage = deps.documentStorage ?? createDocumentStorage(config);
  await documentStorage.init();
  if (!deps.documentStorage) app.addHook('onClose', () => documentStorage.close());

  // The app's own plugins.
  await app.register(errors, {
    webPage: serveWeb ? await createPageSender(app, { webDist: config.webDist, publicUrl: config.publicUrl }) : null,
  });
  await app.register(session, { db: deps.db, config });
  await app.register(metrics, { db: deps.db });
  await app.register(live, { redis: deps.redis, db: deps.db, prefix: config.redisPrefix, health: redisState });
  await app.register(publicCache, {
    ttlMs: durationMs(config.publicCacheTtl),
    onEvent: (handler) => app.live.onAnyEvent(handler),
  });
  // brotli or gzip for every text answer (issue 24). After the public cache, whose onSend hook must
  // see the plain body to keep it; static assets come precompressed and are left alone.
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Pages and JSON are compressed per answer: a quick brotli level, not the archival 11.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });

  // Routes.
  await app.register(probes);
  if (serveWeb) await app.register(seoRoutes, { publicUrl: config.publicUrl });
  await app.register(queueDashboard, { queues });
  await app.register(
    async (api) => {
      await api.register(auth);
      await api.register(organisationRoutes);
      await api.register(resultRoutes);
      await api.register(listingRoutes);
      await api.register(lifecycleRoutes);
      await api.register(notificationRoutes);
      await api.register(operatorRoutes);
      await api.register(auctionRoutes);
      await api.register(poolRoutes);
      await api.register(payLaterRoutes);
      await api.register(ledgerRoutes);
      await api.register(ledgerReportRoutes);
      await api.register(ledgerLookupRoutes);
      await api.register(researcherRoutes);
      await api.register(teamRoutes);
      await api.register(rightsRoutes);
      await api.register(remunerationRoutes);
      await api.register(statementRoutes);
      await api.register(searchRoutes);
      await api.register(statisticsRoutes);
      await api.register(dossierRoutes(documentStorage));
      await api.register(trailRoutes);
      await api.register(stats);
    },
    { prefix: '/api/v1' },
  );

  return app;
}
