// Entry point: `all` (api + workers in one process), `api` or `worker`.
// Creates the database if needed, migrates (a failed migration exits non-zero), seeds demo data
// into an empty database, starts, and shuts down gracefully on SIGINT/SIGTERM.
import { createDatabase, type Database } from '../db/client.js';
import type { Redis } from 'ioredis';
import { ensureDatabase, runMigrations } from '../db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_RESEARCHER, isDatabaseEmpty, seedDemoData } from '../db/seed/index.js';
import { seedDemoServices } from '../server/demo.js';
import { DEMO_RESEARCHERS } from '../server/rights/demo.js';
import { createDocumentStorage } from '../platform/storage/index.js';
import { buildApp } from '../server/app.js';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { hashPassword } from '../server/accounts/service.js';
import { startWorkers } from '../workers/main.js';
import { workerConnections } from '../platform/queues.js';
import { createRedis, redisHealth } from '../platform/redis.js';
import { dependencyHealth } from '../platform/dependency-health.js';
import { startWorkerProbes } from '../workers/probes.js';
import { startMetricsServer } from '../platform/metrics.js';
import { pino } from 'pino';
import { createSearchEngine } from '../search/index.js';

type Mode = 'all' | 'api' | 'worker';

function parseMode(arg: string | undefined): Mode {
  if (arg === 'all' || arg === 'api' || arg === 'worker') return arg;
  console.error(`usage: start.ts all|api|worker (got "${arg ?? ''}")`);
  process.exit(2);
}

function loadOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const mode = parseMode(process.argv[2]);
  const config = loadOrExit();
  // Lost connections are logged once per state change (down, still down every 30 s, back).
  const log = pino({ level: config.logLevel, base: { role: mode } });
  const pgState = dependencyHealth('postgres', log);
  // Signals are handled from the first moment: a SIGTERM while starting (an orchestrator stopping a
  // container that just came up) lets the start finish, then shuts down what it started.
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const stops: Array<() => Promise<void>> = [];
  let database: Database | null = null;
  let redis: Redis | null = null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      console.error('shutdown timed out');
      process.exit(1);
    }, 15_000);
    timer.unref();
    await started;
    // Stop taking requests first, then finish jobs, then close connections.
    for (const stop of stops) await stop().catch((err) => console.error(err));
    await redis?.quit().catch((err: unknown) => log.debug({ err }, 'redis already closed'));
    await database?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (await ensureDatabase(config.databaseUrl))
    console.log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  // A worker-only process sizes its one pool to the workers' concurrency; the api keeps the default.
  database = createDatabase(config.databaseUrl, mode === 'worker' ? workerConnections() : undefined, pgState);
  try {
    await runMigrations(config.databaseUrl);
  } catch (err) {
    console.error('migration failed:', err);
    await database.close();
    process.exit(1);
  }

  let seeded = false;
  if (mode !== 'worker' && config.seedDemo && (await isDatabaseEmpty(database.db))) {
    const counts = await seedDemoData(database.db, { now: new Date(), hashPassword, periods: config.periods });
    console.log(`seeded demo data: ${JSON.stringify(counts)}`);
    seeded = true;
  }

  redis = createRedis(config.redisUrl, { health: redisHealth(log) });
  // One search engine per process: in `all` mode the api sees the worker's index writes at once.
  const searchEngine = createSearchEngine(config, database.db);

  if (mode !== 'worker') {
    // The document storage is the caller's so that the demo dossier below goes into the same one.
    const documentStorage = createDocumentStorage(config);
    await documentStorage.init();
    const app = await buildApp({ config, db: database.db, redis, searchEngine, documentStorage });
    await app.listen({ host: config.host, port: config.port });
    stops.push(async () => {
      await app.close();
      await documentStorage.close();
    });
    if (seeded) {
      // 措施十四, 措施一, 措施十二 demo through the services (server/demo.ts): documents and decision
      // records, a verified dossier and its determination; a grant with its minutes; a paid reward.
      const demo = await seedDemoServices(app.services, documentStorage, hashPassword);
      console.log(`seeded demo dossier: ${JSON.stringify(demo.dossier)}`);
      console.log(`seeded demo rights: ${JSON.stringify(demo.rights)}`);
      console.log(`seeded demo rewards: ${JSON.stringify(demo.remuneration)}`);
    }
    if (config.seedDemo) {
      console.log(
        `\n平台已启动: http://localhost:${config.port}  (API 文档: /docs)\n演示账号（密码均为 ${DEMO_PASSWORD}）:`,
      );
      for (const a of DEMO_ACCOUNTS)
        console.log(`  ${a.role.padEnd(11)} ${a.email.padEnd(28)} ${a.organisation}  ${a.note}`);
      for (const r of DEMO_RESEARCHERS)
        console.log(
          `  ${'researcher'.padEnd(11)} ${r.email.padEnd(28)} 北辰工业大学  科研人员（成果完成人）：我的成果、我的权益`,
        );
      console.log(`  ${'researcher'.padEnd(11)} ${DEMO_RESEARCHER.email.padEnd(28)} ${DEMO_RESEARCHER.note}`);
      console.log('');
    }
  }
  if (mode !== 'api') {
    // The workers get a pool of their own, as large as their concurrency (platform/queues.ts). The
    // worker's search reconciler builds the index at start when it is empty (the demo seed).
    const workerDatabase =
      mode === 'worker' ? database : createDatabase(config.databaseUrl, workerConnections(), pgState);
    const workers = await startWorkers(config, workerDatabase.db, redis, { searchEngine, poolScanAtStart: true });
    const probes = config.workerPort
      ? await startWorkerProbes(config.workerPort, config.host, {
          db: workerDatabase.db,
          redis,
          log,
          metricsToken: config.metricsToken,
        })
      : null;
    stops.push(async () => {
      await new Promise((r) => (probes ? probes.close(r) : r(undefined)));
      await workers.stop();
      if (workerDatabase !== database) await workerDatabase.close();
    });
  }
  stops.push(() => searchEngine.close());
  // METRICS_PORT: this process's metrics (api, worker or both) on a listener of their own.
  if (config.metricsPort) {
    const metricsServer = await startMetricsServer(config.metricsPort, config.host, config.metricsToken, log);
    stops.unshift(() => new Promise((r) => metricsServer.close(() => r())));
  }
  markStarted();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
