// One measured step of bench/dossier.ts in a process of its own, so that its peak RSS is the step's
// and not the data generation's: `export` streams the result's dossier (server/dossiers/export.ts) to
// a file; `bare` streams a bare stored ZIP (yazl) of the same document bytes, the baseline. Prints one
// JSON line: wall and CPU seconds, RSS once loaded, and the process's peak RSS (VmHWM).
//
//   tsx bench/dossier-child.ts <export|bare> <json: url, dir, out, resultId, orgId, userId>
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import type { MemberActor } from '../domain/actor.js';
import { createDatabase } from '../db/client.js';
import { loadConfig } from '../platform/config.js';
import type { ServiceContext } from '../platform/context.js';
import { createLocalStorage } from '../platform/storage/local.js';
import { exportDossier } from '../server/dossiers/export.js';
import { peakRssMb, peakSampler } from './child-process.js';

export interface ChildArgs {
  url: string;
  dir: string;
  out: string;
  resultId: string;
  orgId: string;
  userId: string;
}

export interface ChildReport {
  seconds: number;
  cpuSeconds: number;
  /** RSS once everything is loaded and connected, before the step. */
  loadedRssMb: number;
  /** The process's peak RSS over its whole life (/proc/self/status VmHWM). */
  peakRssMb: number;
  files?: number;
}

const [mode, json] = process.argv.slice(2);
const a = JSON.parse(json ?? '{}') as ChildArgs;
const database = createDatabase(a.url, 2);
const config = loadConfig({ ...process.env, DATABASE_URL: a.url });
config.documents.dir = a.dir;
const storage = createLocalStorage(a.dir);
const ctx: ServiceContext = { db: database.db, config, now: () => new Date() };
await database.db.execute(sql`select 1`);
const loadedRssMb = process.memoryUsage.rss() / (1024 * 1024);

// BENCH_TRACE=1: where the peak is (heap, external, array buffers) at the highest RSS sample, on stderr.
const sampler = peakSampler();
const start = process.hrtime.bigint();
const cpu = process.cpuUsage();
let files: number | undefined;
if (mode === 'export') {
  const actor: MemberActor = {
    type: 'member',
    userId: a.userId,
    orgId: a.orgId,
    orgKind: 'institution',
    orgVerification: 'verified',
  };
  const out = await exportDossier(ctx, storage, actor, { kind: 'result', resultId: a.resultId });
  await pipeline(out.stream, createWriteStream(a.out));
  files = (await out.done).files;
} else if (mode === 'bare') {
  const { rows } = await database.db.execute<{ storage_key: string; id: string; filename: string }>(
    sql`select storage_key, id, filename from documents where subject_id = ${a.resultId} order by created_at, id`,
  );
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream as Readable, createWriteStream(a.out));
  for (const r of rows) {
    zip.addReadStreamLazy(`documents/${r.id}-${r.filename}`, { compress: false }, (cb) => {
      storage.get(r.storage_key).then(
        (s) => cb(null, s),
        (err: Error) => cb(err, null as never),
      );
    });
  }
  zip.end();
  await written;
  files = rows.length;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const used = process.cpuUsage(cpu);
const p = sampler.stop();
if (p) {
  const mbOf = (n: number) => (n / (1024 * 1024)).toFixed(0);
  process.stderr.write(
    `${mode} at peak: rss ${mbOf(p.rss)} heapTotal ${mbOf(p.heapTotal)} heapUsed ${mbOf(p.heapUsed)} external ${mbOf(p.external)} arrayBuffers ${mbOf(p.arrayBuffers)} MB\n`,
  );
}
const report: ChildReport = {
  seconds: Number(process.hrtime.bigint() - start) / 1e9,
  cpuSeconds: (used.user + used.system) / 1e6,
  loadedRssMb,
  peakRssMb: peakRssMb(),
  ...(files === undefined ? {} : { files }),
};
await database.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
