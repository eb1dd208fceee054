// Dossier export benchmark (issue 20, 措施十四). One institution with a large deal: by default 10,000
// decision records, 10,000 audit events and 1,000 documents of 100 MB in all (random bytes: PDFs and
// images do not compress), in its own database (jiebang_bench_dossier, dropped and recreated) and a
// local document directory. Times:
//   - in a child process that does nothing else (bench/dossier-child.ts, peak RSS = its VmHWM), the
//     result's dossier export (server/dossiers/export.ts: PDF summary, records JSON, documents,
//     manifest) streamed to a file — target ≤ 30 s with the process's RSS < 200 MB;
//     baseline: a bare streamed ZIP (yazl, stored) of the same document bytes, in a child likewise;
//   - in this process, the offline verify of that file (platform/dossier/verify.ts) in MB/s;
//     baseline: one SHA-256 pass over the same file (disk and hash speed).
// Both are measured in the same run, with the machine's load printed beside them.
//
//   npm run bench:dossier [-- --decisions 10000 --documents 1000 --megabytes 100] [-- --tsx]
//   BENCH_DATABASE_URL=postgres://…/<name with "bench"> overrides the target (its database is dropped!).

import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { childEntry } from './child-process.js';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { documents } from '../db/schema/index.js';
import { loadConfig } from '../platform/config.js';
import { verifyDossier } from '../platform/dossier/verify.js';
import { createLocalStorage } from '../platform/storage/local.js';
import type { ChildArgs, ChildReport } from './dossier-child.js';
import { recreateDatabase } from './ledger-data.js';

const { values: args } = parseArgs({
  options: {
    decisions: { type: 'string', default: '10000' },
    events: { type: 'string', default: '10000' },
    documents: { type: 'string', default: '1000' },
    megabytes: { type: 'string', default: '100' },
    tsx: { type: 'boolean', default: false },
  },
});
const DECISIONS = Number(args.decisions);
const EVENTS = Number(args.events);
const DOCUMENTS = Number(args.documents);
const DOC_BYTES = Math.floor((Number(args.megabytes) * 1024 * 1024) / DOCUMENTS);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang_bench_dossier';
const WORK = join(os.tmpdir(), `jiebang-bench-dossier-${process.pid}`);

const log = (line = '') => process.stdout.write(`${line}\n`);
const load = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`;
const mb = (bytes: number) => bytes / (1024 * 1024);

/**
 * Wall time, this process's CPU time (user + system: on a loaded machine the wall time is mostly
 * waiting for a core, the CPU time is not) and peak RSS sampled every 20 ms, while `fn` runs.
 */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

log(`bench:dossier — ${DECISIONS} decisions, ${EVENTS} events, ${DOCUMENTS} documents × ${DOC_BYTES} bytes`);
log(`machine: ${load()}; node ${process.version}`);

await recreateDatabase(URL);
await runMigrations(URL);
const database = createDatabase(URL, 4);
const db = database.db;
const config = loadConfig({ ...process.env, DATABASE_URL: URL });
config.documents.dir = join(WORK, 'documents');
config.documents.spoolDir = join(WORK, 'spool');
const storage = createLocalStorage(config.documents.dir);
await storage.init();

// ---- Fixtures: one institution, its user, one result with the deal's records. ----
const orgId = randomUUID();
const userId = randomUUID();
const resultId = randomUUID();
await db.execute(sql`insert into organisations (id, kind, name, credit_code, region, institution_type, affiliation, verification_status)
  values (${orgId}, 'institution', '辽宁基准理工大学（档案基准）', '121000000000000001', 'shenyang', 'university', 'provincial', 'verified')`);
await db.execute(
  sql`insert into users (id, email, password_hash, display_name) values (${userId}, 'bench-dossier@bench.jiebang.cn', 'x', '基准经办人')`,
);
await db.execute(sql`insert into memberships (user_id, organisation_id, role) values (${userId}, ${orgId}, 'admin')`);
await db.execute(sql`insert into results (id, institution_id, title, summary, field, maturity)
  values (${resultId}, ${orgId}, '基准科技成果：大型成果转化项目', '档案导出基准', 'new_materials', 'pilot')`);

const setup = await measured(async () => {
  const rows: (typeof documents.$inferInsert)[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const id = randomUUID();
    const bytes = randomBytes(DOC_BYTES);
    const key = `result/${resultId}/${id}`;
    await storage.put(key, Readable.from([bytes]), bytes.length);
    rows.push({
      id,
      orgId,
      subjectType: 'result',
      subjectId: resultId,
      kind: i % 3 === 0 ? 'appraisal_report' : i % 3 === 1 ? 'decision_minutes' : 'contract',
      filename: `材料-${String(i + 1).padStart(4, '0')}.pdf`,
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey: key,
      uploadedBy: userId,
      uploadedByOrgId: orgId,
    });
    if (rows.length === 500) await db.insert(documents).values(rows.splice(0));
  }
  if (rows.length) await db.insert(documents).values(rows);
  // Each decision cites up to three of the documents; the basis and procedure are realistic lengths.
  await db.execute(sql`insert into decision_records (org_id, subject_type, subject_id, decision_type, summary, details,
      decided_by, decided_by_role, decision_body, meeting_date, procedure, basis, document_ids, recorded_by, created_at)
    select ${orgId}, 'result', ${resultId}, (array['pricing','notice_outcome','deal','contract','payment_confirmation'])[1 + g % 5],
      '第' || g || '项决策：按院长办公会决定执行成果转化方案的相应步骤', jsonb_build_object('seq', g, 'priceFen', g * 1000),
      ${userId}, '成果转化办公室主任', '院长办公会', date '2026-01-01' + (g % 300),
      repeat('成果转化办公室提出方案，院长办公会审议通过。', 3), repeat('措施四：协议定价并公示；评估报告作为参考。', 4),
      coalesce((select array_agg(id) from (select id from documents order by id offset (g % ${Math.max(DOCUMENTS - 3, 1)}) limit 3) d), '{}'),
      ${userId}, timestamptz '2026-01-01' + g * interval '1 minute'
    from generate_series(1, ${DECISIONS}) g`);
  await db.execute(sql`insert into audit_log (actor_user_id, actor_org_id, action, target_type, target_id, reason, details, created_at)
    select ${userId}, ${orgId}, 'result.update', 'result', ${resultId}, '基准事件 ' || g, jsonb_build_object('seq', g),
      timestamptz '2026-01-01' + g * interval '1 minute'
    from generate_series(1, ${EVENTS}) g`);
});
log(
  `setup: ${setup.seconds.toFixed(1)} s, CPU ${setup.cpuSeconds.toFixed(1)} s (documents written to ${config.documents.dir})`,
);

const dossierFile = join(WORK, 'dossier.zip');
const bareFile = join(WORK, 'bare.zip');
await mkdir(WORK, { recursive: true });

/**
 * The child runs compiled JavaScript, as the image does (`node dist/scripts/start.js`): bundled here
 * with esbuild (npm packages left external), so tsx's loader is not counted in its RSS. `--tsx` runs
 * it under tsx instead, as `npm start` does.
 */
const entry = await childEntry('dossier-child', !!args.tsx);

/**
 * A step in a child process that does only that step (bench/dossier-child.ts): its peak RSS (VmHWM) is
 * the step's own, not this process's, which has generated the data and holds tsx and the fixtures.
 */
async function inChild(mode: 'export' | 'bare', out: string): Promise<ChildReport> {
  const childArgs: ChildArgs = { url: URL, dir: config.documents.dir, out, resultId, orgId, userId };
  const child = spawn(process.execPath, [...entry, mode, JSON.stringify(childArgs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${mode} child exited with ${code}: ${stdout}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport;
}

// Baseline first: a bare stored ZIP of the same document bytes, streamed from the same storage.
const bare = await inChild('bare', bareFile);
const exported = await inChild('export', dossierFile);
const dossierBytes = (await stat(dossierFile)).size;
const bareBytes = (await stat(bareFile)).size;

const verified = await measured(() => verifyDossier(dossierFile));
const hashed = await measured(async () => {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(dossierFile)) h.update(chunk as Buffer);
  return h.digest('hex');
});

log();
log(`machine after: ${load()}`);
log(
  `Export and bare ZIP each run in a child process that does only that (${args.tsx ? 'under tsx' : 'compiled JS, as the image runs'}); RSS is that child's (VmHWM).`,
);
log('Verify and the SHA-256 pass run in this process (peak RSS sampled, includes the fixtures).');
log('| step | seconds | CPU s | MB | MB/s | RSS loaded MB | peak RSS MB | target |');
log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
log(
  `| dossier export (${exported.files} files) | ${exported.seconds.toFixed(2)} | ${exported.cpuSeconds.toFixed(2)} | ${mb(dossierBytes).toFixed(1)} | ${(mb(dossierBytes) / exported.seconds).toFixed(1)} | ${exported.loadedRssMb.toFixed(0)} | ${exported.peakRssMb.toFixed(0)} | ≤ 30 s, RSS < 200 MB: ${exported.seconds <= 30 && exported.peakRssMb < 200 ? 'met' : 'NOT met'} |`,
);
log(
  `| baseline: bare ZIP of the documents | ${bare.seconds.toFixed(2)} | ${bare.cpuSeconds.toFixed(2)} | ${mb(bareBytes).toFixed(1)} | ${(mb(bareBytes) / bare.seconds).toFixed(1)} | ${bare.loadedRssMb.toFixed(0)} | ${bare.peakRssMb.toFixed(0)} | — |`,
);
log(
  `| verify (${verified.value.ok ? 'intact' : 'CHANGED'}) | ${verified.seconds.toFixed(2)} | ${verified.cpuSeconds.toFixed(2)} | ${mb(dossierBytes).toFixed(1)} | ${(mb(dossierBytes) / verified.seconds).toFixed(1)} | — | ${verified.peakRssMb.toFixed(0)} | disk speed |`,
);
log(
  `| baseline: one SHA-256 pass over the file | ${hashed.seconds.toFixed(2)} | ${hashed.cpuSeconds.toFixed(2)} | ${mb(dossierBytes).toFixed(1)} | ${(mb(dossierBytes) / hashed.seconds).toFixed(1)} | — | ${hashed.peakRssMb.toFixed(0)} | — |`,
);
log(
  `export overhead over the bare ZIP: ${(exported.seconds - bare.seconds).toFixed(2)} s (PDF summary, records, events, manifest)`,
);

await database.close();
await storage.close();
await rm(WORK, { recursive: true, force: true });
if (!verified.value.ok) process.exitCode = 1;
