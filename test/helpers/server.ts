// A real api listening on a random port, serving the built web app (web/dist), against this test
// file's own database — what the browser tests drive.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/client.js';
import { startWorkers, type WorkerHandle } from '../../workers/main.js';
import { setupTestApp, type TestContext } from './app.js';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface TestServer {
  url: string;
  db: Db;
  t: TestContext;
  /** The real worker, when started (`workers: true`). */
  workers: WorkerHandle | null;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { env?: Record<string, string>; workers?: boolean; now?: () => Date } = {},
): Promise<TestServer> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error('web/dist is missing: run `npm run build:web` first (npm test does)');
  }
  const t = await setupTestApp({ SERVE_WEB: 'true', WEB_DIST, ...opts.env }, { now: opts.now });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  let workers: WorkerHandle | null = null;
  if (opts.workers) workers = await startWorkers(t.config, t.database.db, t.redis, { now: opts.now });
  return {
    url: `http://127.0.0.1:${address.port}`,
    db: t.database.db,
    t,
    workers,
    async close() {
      await workers?.stop();
      await t.close();
    },
  };
}
