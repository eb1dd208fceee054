// The postgres engine's full rebuild (search/README.md, Rebuild): new tables loaded without indexes,
// the terms table partitioned by docno ranges so each partition's GIN index is built while the
// next one's documents are segmented, then one short transaction swaps them in. A lease in
// search.meta keeps it to one rebuild at a time; the reconciler waits while one runs.

import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../db/client.js';
import { AppError } from '../domain/errors.js';
import type { DocValues } from './pg-doc-values.js';
import { DOCUMENT_COLUMNS, INDEXES, indexStatement, REBUILD_TERMS_COLUMNS, TERMS_OPTIONS } from './pg-schema.js';
import { copyIn, termsCopyData } from './pg-copy.js';
import { REBUILD_DOCUMENTS_INSERT, rowsJson, WRITE_BATCH } from './pg-writes.js';
import type { RebuildStats, SearchDocument } from './types.js';

/** Insert statements a rebuild keeps in flight (each on its own connection). */
const REBUILD_STREAMS = 2;
/**
 * Documents per partition of a rebuild's terms table. Each partition's GIN index is built while the
 * next partition's documents are segmented (PostgreSQL 15 builds a GIN index on one core), so a
 * rebuild ends one partition's GIN build after its last insert instead of a whole index's.
 */
export const REBUILD_PARTITION = 25_000;
/** A rebuild lease older than this is taken to be a crashed rebuild's. */
const REBUILD_LEASE = '1 hour';

/**
 * Loads everything into new tables without indexes (two insert streams), indexes them in bulk
 * (far faster than incremental GIN inserts), then swaps them in with one short transaction:
 * searches read the old tables until that commit. Writes made meanwhile by the indexing job land
 * in the old tables and are lost with them; the reconciler re-indexes those (their indexed
 * version lags). One rebuild at a time: a lease in search.meta refuses a second.
 */
export async function rebuildTables(
  db: Db,
  docValues: DocValues,
  partitionSize: number,
  batches: AsyncIterable<readonly SearchDocument[]>,
): Promise<RebuildStats> {
  const lease = await db.execute(sql`update search.meta set rebuild_started_at = now()
    where rebuild_started_at is null or rebuild_started_at < now() - ${REBUILD_LEASE}::interval
    returning generation`);
  if (lease.rows.length === 0) throw new AppError('INVALID_STATE', undefined, '搜索索引正在重建，请稍后再试');
  // Segmenting the next batch overlaps with PostgreSQL inserting earlier ones, on two connections.
  const inflight: Array<Promise<unknown>> = [];
  // A partition's GIN index is built as soon as its rows are in, while the next ones are segmented;
  // one build at a time (each uses a core and maintenance_work_mem), in partition order.
  const builds: Array<Promise<unknown>> = [];
  let lastGin: Promise<unknown> = Promise.resolve();
  try {
    await db.execute(sql`drop table if exists search.documents_next, search.terms_next`);
    await db.execute(sql.raw(`create table search.documents_next (${DOCUMENT_COLUMNS})`));
    await db.execute(sql.raw(`create table search.terms_next (${REBUILD_TERMS_COLUMNS}) partition by range (docno)`));
    // Partition names carry the generation this rebuild creates, so they never meet the live ones.
    const partitionPrefix = `terms_g${Number(lease.rows[0]!.generation) + 1}_`;
    let indexed = 0;
    // Docnos restart at 1, so the doc values of every process stay as small as the index.
    let docno = 1;
    type Partition = { name: string; end: number; writes: Array<Promise<unknown>> };
    let partition: Partition | null = null;
    // Docnos below this have a partition.
    let covered = 1;
    const sealPartition = (sealed: Partition | null) => {
      if (sealed === null) return;
      const { name, writes } = sealed;
      const build = Promise.all([lastGin, ...writes]).then(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
          // The parent's primary key (added below) adopts this one rather than building it again.
          await tx.execute(sql.raw(`alter table search.${name} add constraint ${name}_pkey primary key (docno)`));
          await tx.execute(sql.raw(`create index ${name}_tsv_idx on search.${name} using gin (tsv)`));
          await tx.execute(sql.raw(`alter table search.${name} alter column tsv set statistics 0`));
          // Planner statistics are per partition (the parent's would only repeat the sampling).
          await tx.execute(sql.raw(`analyze search.${name}`));
        }),
      );
      build.catch(() => undefined);
      builds.push(build);
      lastGin = build;
    };
    const openPartition = async (start: number): Promise<Partition> => {
      const name = `${partitionPrefix}${start}`;
      covered = start + partitionSize;
      await db.execute(
        sql.raw(`create table search.${name} partition of search.terms_next
          for values from (${start}) to (${covered}) ${TERMS_OPTIONS}`),
      );
      return { name, end: covered, writes: [] };
    };
    // A source should list each listing once; a repeated id after the first is ignored.
    const seen = new Set<string>();
    for await (const batch of batches) {
      const fresh = batch.filter((d) => !seen.has(d.id) && seen.add(d.id));
      for (let i = 0; i < fresh.length;) {
        partition ??= await openPartition(docno);
        const open = partition;
        // Slices never straddle partitions, so each partition knows exactly which writes fill it.
        const slice = fresh.slice(i, i + Math.min(WRITE_BATCH, open.end - docno));
        const json = rowsJson(slice, docno, false);
        const terms = termsCopyData(slice, docno);
        docno += slice.length;
        i += slice.length;
        if (inflight.length >= REBUILD_STREAMS) await inflight.shift();
        const write = writeBatch(db, json, `search.${open.name} (docno, tsv)`, terms);
        // Awaited in order; until then a failure must not count as unhandled.
        write.catch(() => undefined);
        inflight.push(write);
        open.writes.push(write);
        if (docno === open.end) {
          sealPartition(open);
          partition = null;
        }
      }
      indexed += fresh.length;
    }
    sealPartition(partition);
    await Promise.all(inflight);
    // Docnos the live index hands out later (upserts) land in one open-ended partition.
    await db.execute(
      sql.raw(`create table search.${partitionPrefix}tail partition of search.terms_next
        for values from (${covered}) to (maxvalue) ${TERMS_OPTIONS}`),
    );
    await db.execute(sql.raw(`alter table search.${partitionPrefix}tail alter column tsv set statistics 0`));
    // The documents' btree indexes and statistics beside the last GIN builds.
    const documentIndexes = db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
      for (const [table, suffix, def] of INDEXES.filter(([t]) => t === 'documents')) {
        await tx.execute(sql.raw(indexStatement(`${table}_next`, suffix, def, `${table}_next_${suffix}`)));
      }
      await tx.execute(sql`analyze search.documents_next`);
    });
    documentIndexes.catch(() => undefined);
    builds.push(documentIndexes);
    await Promise.all(builds);
    // On the parent, the partitions' primary keys and GIN indexes are attached rather than built
    // again (the tail's empty ones are built now).
    await db.execute(sql`alter table search.terms_next add constraint terms_next_pkey primary key (docno)`);
    for (const [table, suffix, def] of INDEXES.filter(([t]) => t === 'terms')) {
      await db.execute(sql.raw(indexStatement(`${table}_next`, suffix, def, `${table}_next_${suffix}`)));
    }
    const removed = await db.transaction(async (tx) => {
      const gone = await tx.execute<{ n: string }>(
        sql`select count(*) as n from search.documents o
          where not exists (select 1 from search.documents_next n where n.id = o.id)`,
      );
      await tx.execute(sql`lock table search.documents, search.terms in access exclusive mode`);
      // Sequences ignore transactions: set only once writers to the old tables are locked out.
      await tx.execute(sql`select setval('search.docno_seq', ${docno}, false)`);
      await tx.execute(sql`drop table search.documents, search.terms`);
      for (const table of ['documents', 'terms']) {
        await tx.execute(sql.raw(`alter table search.${table}_next rename to ${table}`));
        await tx.execute(sql.raw(`alter index search.${table}_next_pkey rename to ${table}_pkey`));
      }
      for (const [table, suffix] of INDEXES) {
        await tx.execute(sql.raw(`alter index search.${table}_next_${suffix} rename to ${table}_${suffix}`));
      }
      await tx.execute(sql`update search.meta set generation = generation + 1`);
      await tx.execute(sql`truncate search.removals`);
      return Number(gone.rows[0]!.n);
    });
    docValues.invalidate();
    return { indexed, removed };
  } finally {
    // After a failure the half-built tables go (once nothing writes to them any more); after
    // success they are the live ones already.
    await Promise.allSettled([...inflight, ...builds]);
    await db.execute(sql`drop table if exists search.documents_next, search.terms_next`);
    await db.execute(sql`update search.meta set rebuild_started_at = null`);
  }
}

/** The pool behind a drizzle database (db/client.ts: every Db is drizzle over a pg.Pool). */
function poolOf(db: Db): pg.Pool {
  const pool = (db as Db & { $client?: pg.Pool }).$client;
  if (typeof pool?.connect !== 'function') throw new Error('search rebuild: the database has no connection pool');
  return pool;
}

/** One batch into a rebuild's new tables, on one connection: documents as JSON, terms by binary COPY. */
async function writeBatch(db: Db, documents: string, termsTarget: string, terms: Buffer): Promise<void> {
  const client = await poolOf(db).connect();
  try {
    await client.query(REBUILD_DOCUMENTS_INSERT, [documents]);
    await copyIn(client, termsTarget, terms);
  } finally {
    client.release();
  }
}

/** Whether a rebuild holds the lease (one younger than REBUILD_LEASE). */
export async function rebuildLeaseHeld(db: Db): Promise<boolean> {
  const r = await db.execute<{ running: boolean }>(
    sql`select rebuild_started_at is not null and rebuild_started_at >= now() - ${REBUILD_LEASE}::interval as running
      from search.meta`,
  );
  return r.rows[0]?.running === true;
}
