// What the benches that measure one step in a process of its own share (bench:dossier, bench:ledger
// --only export): how the child is started — bundled by esbuild and run as plain JS, as the image runs
// `node dist/…`, or under tsx with --tsx — and, inside the child, its peak RSS and where the peak was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The node arguments that run bench/<name>.ts: the esbuild bundle in bench/out/, or the source under tsx. */
export async function childEntry(name: string, tsx: boolean): Promise<string[]> {
  const source = join(import.meta.dirname, `${name}.ts`);
  if (tsx) return ['--import', 'tsx', source];
  const bundle = join(import.meta.dirname, 'out', `${name}.mjs`);
  await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  return [bundle];
}

/** VmHWM: the kernel's high-water mark of this process's resident set, in MB. */
export function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/**
 * BENCH_TRACE=1: samples process.memoryUsage() every 10 ms and keeps the one with the highest RSS, so
 * the report can say where the peak was (heap, external, array buffers). Without it, does nothing.
 */
export function peakSampler(): { stop: () => NodeJS.MemoryUsage | null } {
  if (!process.env.BENCH_TRACE) return { stop: () => null };
  let atPeak: NodeJS.MemoryUsage | null = null;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (!atPeak || m.rss > atPeak.rss) atPeak = m;
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return atPeak;
    },
  };
}
