// The api of bench:ledger's contract export in a process of its own (bench/ledger.ts --only export):
// the real app (server/app.ts, as startApi builds it) listening on loopback and doing nothing but the
// one export the bench process downloads from it, so its peak RSS is the export's and the api's, not
// the bench process's (the client, tsx, the generator's leftovers). Prints one JSON line once it
// listens (base URL, RSS loaded), then waits for a line on stdin, which the bench sends when the
// download has ended, and answers one JSON line: peak RSS (VmHWM), RSS now, CPU seconds since ready.
//
//   node bench/out/ledger-export-child.mjs   (bundled by bench/ledger.ts; or tsx bench/ledger-export-child.ts)
//   BENCH_TRACE=1: the heap, external and array buffers at the highest RSS sampled, on stderr.
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../db/client.js';
import { peakRssMb, peakSampler } from './child-process.js';
import { BENCH_URL, startApi } from './ledger-setup.js';

export interface ExportChildReady {
  base: string;
  /** RSS once the app is built, connected and listening, before the export. */
  loadedRssMb: number;
  /** process.memoryUsage() at that point, in MB. */
  loaded: Record<string, number>;
}

export interface ExportChildReport {
  /** The process's peak RSS over its whole life (/proc/self/status VmHWM). */
  peakRssMb: number;
  rssMb: number;
  cpuSeconds: number;
  /** BENCH_TRACE only: process.memoryUsage() at the highest RSS sampled (every 10 ms), in MB. */
  atPeak?: Record<string, number>;
}

const MB = 2 ** 20;

const database = createDatabase(BENCH_URL, 10);
await database.db.execute(sql`select 1`);
const api = await startApi(database.db);
const inMb = (m: NodeJS.MemoryUsage) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round((v as number) / MB)]));
const ready: ExportChildReady = {
  base: api.base,
  loadedRssMb: process.memoryUsage.rss() / MB,
  loaded: inMb(process.memoryUsage()),
};
process.stdout.write(`${JSON.stringify(ready)}\n`);

const sampler = peakSampler();
const cpu = process.cpuUsage();

const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const p = sampler.stop();
const used = process.cpuUsage(cpu);
const report: ExportChildReport = {
  peakRssMb: peakRssMb(),
  rssMb: process.memoryUsage.rss() / MB,
  cpuSeconds: (used.user + used.system) / 1e6,
  ...(p ? { atPeak: inMb(p) } : {}),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
await api.stop();
await database.close();
