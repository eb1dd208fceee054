// The api of bench:ledger's contract export in a process of its own (bench/ledger.ts --only export):
// the real app (server/app.ts, as startApi builds it) listening on loopback and doing nothing but the
// one export the bench process downloads from it, so its peak RSS is the export's and the api's, not
// the bench process's (the client, tsx, the generator's leftovers). Prints one JSON line once it
// listens (base URL, RSS loaded), then waits for a line on stdin, which the bench sends when the
// download has ended, and answers one JSON line: peak RSS (VmHWM), RSS now, CPU seconds since ready.
//
//   node bench/out/ledger-export-child.mjs   (bundled by bench/ledger.ts; or tsx bench/ledger-export-child.ts)
//   BENCH_TRACE=1: the heap, external and array buffers at the highest RSS sampled, on stderr.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../db/client.js';
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

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

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

let atPeak: NodeJS.MemoryUsage | null = null;
const sampler = process.env.BENCH_TRACE
  ? setInterval(() => {
      const m = process.memoryUsage();
      if (!atPeak || m.rss > atPeak.rss) atPeak = m;
    }, 10)
  : null;
const cpu = process.cpuUsage();

const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
if (sampler) clearInterval(sampler);
const used = process.cpuUsage(cpu);
const p = atPeak as NodeJS.MemoryUsage | null;
const report: ExportChildReport = {
  peakRssMb: vmHwmMb(),
  rssMb: process.memoryUsage.rss() / MB,
  cpuSeconds: (used.user + used.system) / 1e6,
  ...(p ? { atPeak: inMb(p) } : {}),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
await api.stop();
await database.close();
