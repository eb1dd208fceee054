// Conversion-ledger benchmark (issue 17). Loads 1,000,000 conversions with 5,000,000 payments
// (bench/ledger-data.ts) into its own database, jiebang_bench_ledger, and times through the real app
// on loopback, each beside a naive baseline measured in the same run:
//   - GET /ledger/income (income by period, by result and in total; 措施二) for the large institution
//     (100,000 contracts) and a middling one — target p95 ≤ 100 ms; baseline: every payment of the
//     institution fetched and summed in the app (the unaggregated query);
//   - GET /ledger/contracts/export of the large institution as CSV and XLSX — target ≥ 20,000 rows/s
//     with the api's RSS < 300 MB. The api runs in a child process of its own for each format
//     (bench/ledger-export-child.ts, compiled JS as the image runs `node dist/…`; --tsx under tsx),
//     doing only that export, and its peak RSS is that child's VmHWM; the client consuming the stream
//     is this process. Baseline: the same rows buffered in memory, then written (in this process).
//
//   npm run bench:ledger [-- --reuse-data] [--samples 200] [--conversions 1000000 --payments 5000000]
//     [--only export|income]   (one part with its baseline; both by default)  [--tsx]
//     [--child-node-args=--trace-gc]   (node options for the export's api child)  [--skip-baseline]
//   BENCH_DATABASE_URL=postgres://…/jiebang_bench_ledger overrides the target (its database is dropped!).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import { incomeByPeriod } from '../domain/ledger-money.js';
import { csvChunks } from '../platform/exports.js';
import { CONTRACT_EXPORT_COLUMNS, contractRows, type ContractExportRow } from '../server/ledger/exports.js';
import type { ExportChildReady, ExportChildReport } from './ledger-export-child.js';
import { childEntry } from './child-process.js';
import { BENCH_IDS, benchSession } from './ledger-data.js';
import {
  LEDGER_OPTIONS,
  countBackendCpu,
  getJson,
  log,
  machine,
  peakRss,
  prepareLedger,
  scaleOf,
  startApi,
  time,
  timingLine,
} from './ledger-setup.js';

const { values: args } = parseArgs({
  options: {
    ...LEDGER_OPTIONS,
    samples: { type: 'string', default: '200' },
    'baseline-samples': { type: 'string', default: '10' },
    only: { type: 'string', default: '' },
    tsx: { type: 'boolean', default: false },
    'child-node-args': { type: 'string', default: '' },
    // The buffered baselines take a minute and 2.5 GB: leave them out while iterating on the streamed export.
    'skip-baseline': { type: 'boolean', default: false },
  },
});
const SAMPLES = Number(args.samples);
const BASELINE_SAMPLES = Number(args['baseline-samples']);
const EXPORT = args.only !== 'income';
const INCOME = args.only !== 'export';

const INCOME_QUERIES = [
  '/ledger/income?granularity=month',
  '/ledger/income?granularity=quarter&from=2024-01-01&to=2025-12-31',
  '/ledger/income?granularity=year',
];

/** The naive income: every payment of the institution into the app, then grouped there. */
async function naiveIncome(db: Db, institutionId: string) {
  const { rows } = await db.execute<{ amount_fen: string; received_on: string; result_id: string | null }>(
    sql`select amount_fen, received_on::text, result_id from payments where institution_id = ${institutionId}`,
  );
  const received = rows.map((r) => ({ amountFen: Number(r.amount_fen), receivedOn: r.received_on }));
  const byResult = new Map<string | null, number>();
  for (const r of rows) byResult.set(r.result_id, (byResult.get(r.result_id) ?? 0) + Number(r.amount_fen));
  return {
    periods: incomeByPeriod(received, 'month'),
    byResult: [...byResult].sort((a, b) => b[1] - a[1]).slice(0, 100),
    total: received.reduce((n, p) => n + p.amountFen, 0),
  };
}

async function streamedExport(base: string, cookie: string, format: 'csv' | 'xlsx') {
  const res = await fetch(`${base}/ledger/contracts/export?format=${format}`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export ${format} → ${res.status}: ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === 'csv') for (const b of value) if (b === 10) lines++;
  }
  return { bytes, lines: lines - 1 };
}

/** The baseline export: every row read into memory first, then the whole file built at once. */
async function bufferedExport(db: Db, institutionId: string, format: 'csv' | 'xlsx') {
  const rows: ContractExportRow[] = [];
  for await (const r of contractRows(db, institutionId, { from: null, to: null })) rows.push(r);
  async function* all() {
    yield* rows;
  }
  if (format === 'csv') {
    let text = '';
    for await (const chunk of csvChunks(CONTRACT_EXPORT_COLUMNS, all())) text += chunk;
    return { bytes: Buffer.byteLength(text), rows: rows.length };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('技术合同');
  sheet.columns = CONTRACT_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  for (const r of rows) sheet.addRow(CONTRACT_EXPORT_COLUMNS.map((c) => c.value(r)));
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: buffer.byteLength, rows: rows.length };
}

const mb = (n: number) => `${n.toFixed(0)} MB`;

/**
 * One export through an api in a child process that does only that (bench/ledger-export-child.ts): the
 * child's RSS before the export and its peak (VmHWM) are the api's own; `download` runs here.
 */
async function withApiChild<T>(
  entry: string[],
  download: (base: string) => Promise<T>,
): Promise<{ value: T; ready: ExportChildReady; report: ExportChildReport }> {
  const nodeArgs = args['child-node-args'].split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...entry], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const received: string[] = [];
  let wake: (() => void) | null = null;
  lines.on('line', (l) => {
    // --trace-gc and the like write to stdout too: only the JSON lines are the child's answers.
    if (l.startsWith('{')) received.push(l);
    else process.stderr.write(`  [api child] ${l}\n`);
    wake?.();
  });
  const exited = once(child, 'exit');
  const next = async <R>(): Promise<R> => {
    while (!received.length) {
      const woke = new Promise<void>((r) => (wake = r));
      await Promise.race([woke, exited.then(() => Promise.reject(new Error('export api child exited')))]);
    }
    return JSON.parse(received.shift()!) as R;
  };
  try {
    const ready = await next<ExportChildReady>();
    const value = await download(ready.base);
    child.stdin.write('done\n');
    const report = await next<ExportChildReport>();
    await exited;
    return { value, ready, report };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

async function main(): Promise<void> {
  log(`bench:ledger — ${machine()}, Node ${process.version}`);
  const database = await prepareLedger(scaleOf(args), args['reuse-data'], { statistics: false });
  const { db } = database;
  // The in-process api serves the income queries only; each export has an api child of its own.
  const api = INCOME ? await startApi(db) : null;
  countBackendCpu(db);
  try {
    const large = await benchSession(db, BENCH_IDS.institution(1));
    const middling = await benchSession(db, BENCH_IDS.institution(Math.ceil(scaleOf(args).institutions / 2)));
    const { rows } = await db.execute<{ i: string; n: string }>(sql`select
        (select count(*) from payments where institution_id = ${large.orgId})::text as i,
        (select count(*) from payments where institution_id = ${middling.orgId})::text as n`);
    log();
    if (EXPORT) {
      log(
        `contract export of the large institution through GET /api/v1/ledger/contracts/export (target ≥ 20,000 rows/s, api RSS < 300 MB)`,
      );
      log(
        `  api: a child process per format doing only the export (${args.tsx ? 'under tsx' : 'compiled JS, as the image runs'}${args['child-node-args'] ? `, node ${args['child-node-args']}` : ''}); RSS = its VmHWM. Client: this process.`,
      );
    }
    // The export's api runs compiled JavaScript, as the image does; --tsx runs it under tsx, as `npm start` does.
    const entry = EXPORT ? await childEntry('ledger-export-child', !!args.tsx) : [];
    for (const format of EXPORT ? (['csv', 'xlsx'] as const) : []) {
      let t = 0;
      const run = await withApiChild(entry, (base) =>
        peakRss(() => {
          t = performance.now();
          return streamedExport(base, large.cookie, format);
        }),
      );
      const s = (performance.now() - t) / 1000;
      const { value, peakMb: clientPeak, startMb: clientStart } = run.value;
      const rowsOut = format === 'csv' ? value.lines : await contractCount(db, large.orgId);
      const rate = rowsOut / s;
      const apiPeak = run.report.peakRssMb;
      const ok = rate >= 20_000 && apiPeak < 300 ? 'met' : 'MISSED';
      log(
        `  streamed ${format.padEnd(4)} ${String(rowsOut).padStart(7)} rows ${(value.bytes / 2 ** 20).toFixed(1).padStart(6)} MiB in ${s.toFixed(1).padStart(5)} s = ${Math.round(rate).toLocaleString('en').padStart(7)} rows/s  api RSS ${mb(run.ready.loadedRssMb)} → peak ${mb(apiPeak)} (CPU ${run.report.cpuSeconds.toFixed(1)} s)  target: ${ok}  (${machine()})`,
      );
      log(
        `      client (this process) RSS ${mb(clientStart)} → peak ${mb(clientPeak)}${run.report.atPeak ? `; api at its peak: ${JSON.stringify(run.report.atPeak)} MB` : ''}`,
      );
    }
    log();
    if (INCOME) log(`income by period through GET /api/v1/ledger/income (target p95 ≤ 100 ms) — ${machine()}`);
    for (const [name, s, payments] of INCOME
      ? ([
          ['large institution', large, rows[0]!.i],
          ['middling institution', middling, rows[0]!.n],
        ] as const)
      : []) {
      const api1 = await time(SAMPLES, (i) => getJson(api!.base, INCOME_QUERIES[i % INCOME_QUERIES.length]!, s.cookie));
      const naive = await time(BASELINE_SAMPLES, () => naiveIncome(db, s.orgId), 1);
      const verdict = api1.p95 <= 100 ? 'met' : 'MISSED';
      log(timingLine(`${name} (${payments} payments), API`, api1, `  target: ${verdict}`));
      log(
        timingLine(
          `  baseline: its payments summed in the app`,
          naive,
          `  ×${(naive.p50 / api1.p50).toFixed(0)} slower`,
        ),
      );
    }

    // The buffered baselines last: the RSS they reach does not come back at once.
    log();
    const BASELINE = EXPORT && !args['skip-baseline'];
    if (BASELINE)
      log('contract export baseline: the same rows buffered in memory, then the whole file written (no HTTP)');
    for (const format of BASELINE ? (['csv', 'xlsx'] as const) : []) {
      const t = performance.now();
      const { value, peakMb, startMb } = await peakRss(() => bufferedExport(db, large.orgId, format));
      const s = (performance.now() - t) / 1000;
      log(
        `  baseline buffered ${format.padEnd(4)} ${String(value.rows).padStart(7)} rows ${(value.bytes / 2 ** 20).toFixed(1).padStart(6)} MiB in ${s.toFixed(1).padStart(5)} s = ${Math.round(
          value.rows / s,
        )
          .toLocaleString('en')
          .padStart(7)} rows/s  RSS ${mb(startMb)} → peak ${mb(peakMb)}`,
      );
    }
    log();
    log(`done — ${machine()}`);
  } finally {
    await api?.stop();
    await database.close();
  }
}

async function contractCount(db: Db, institutionId: string): Promise<number> {
  const { rows } = await db.execute<{ n: string }>(
    sql`select count(*)::text as n from contracts where institution_id = ${institutionId} and signed_on is not null`,
  );
  return Number(rows[0]!.n);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
