// The postgres engine's tables in the `search` schema, created idempotently by init() (DDL) and
// again, under `_next` names, by a rebuild (pg-rebuild.ts), which is why the column lists and
// secondary indexes are shared definitions:
//   - search.documents: one row per listing with typed filter columns and what a hit shows;
//   - search.terms: the document's tsvector (pg-tsvector.ts) under a GIN index, partitioned by
//     docno ranges; its heap holds only the docno and a TOAST pointer;
//   - search.removals (what left, for other processes' doc values) and search.meta (generation,
//     rebuild lease).

import { sql } from 'drizzle-orm';

export const DOCUMENT_COLUMNS = `
    id uuid primary key,
    docno bigint not null default nextval('search.docno_seq'),
    kind text not null,
    field text not null,
    region text not null,
    pricing_mode text,
    status text not null,
    maturity text,
    transaction_types text[] not null default '{}',
    price_fen bigint,
    deadline timestamptz,
    published_at timestamptz,
    in_pool boolean not null default false,
    version integer not null,
    organisation_id uuid not null,
    organisation_name text not null,
    title text not null,
    summary text not null,
    -- The writing transaction, for the doc-values sync (pg-doc-values.ts).
    tx xid8 not null default pg_current_xact_id(),
    indexed_at timestamptz not null default now()`;

export const TERMS_COLUMNS = `
    docno bigint primary key,
    -- lz4: re-ranking decompresses the best candidates' vectors; lz4 is several times faster than pglz.
    tsv tsvector compression lz4 not null`;
/**
 * A rebuild's terms table: the same columns without the primary key, which each partition gets in
 * bulk once its rows are in (an index built from sorted rows instead of one insert at a time).
 */
export const REBUILD_TERMS_COLUMNS = TERMS_COLUMNS.replace('docno bigint primary key', 'docno bigint not null');
// A tiny toast_tuple_target moves every tsvector out of line: the heap the GIN bitmap scan visits
// then holds ~50 bytes a row, and matching never decompresses a vector.
export const TERMS_OPTIONS = 'with (toast_tuple_target = 128)';
// A rebuild's partitions keep no statistics of `tsv` (`set statistics 0`, pg-rebuild.ts): every
// statement that reads it is a GIN lookup with sequential scans off (search.match_docnos,
// search.count_matches) or a fetch by docno, so no plan depends on its lexeme frequencies, and
// sampling them was most of ANALYZE's work: 2.7 s of a 25,000-row partition against 0.8 s at
// statistics 10 (bench database, under load) — in the rebuild, and in autovacuum's analyses after it.

/** Secondary indexes by table, name suffix and definition (shared by init and the rebuild). */
export const INDEXES: Array<['documents' | 'terms', string, string]> = [
  ['documents', 'docno_key', 'unique (docno)'],
  // The doc-values sync reads rows written since a transaction id.
  ['documents', 'tx_idx', '(tx)'],
  ['terms', 'tsv_idx', 'using gin (tsv)'],
];

export function indexStatement(table: string, suffix: string, def: string, name = `${table}_${suffix}`): string {
  return def.startsWith('unique')
    ? `create unique index if not exists ${name} on search.${table} ${def.slice('unique'.length)}`
    : `create index if not exists ${name} on search.${table} ${def}`;
}

export const DDL = [
  sql`create schema if not exists search`,
  sql`create sequence if not exists search.docno_seq`,
  // One row, bumped by every rebuild (tables are swapped and docnos change).
  sql`create table if not exists search.meta (
    id boolean primary key default true check (id),
    generation integer not null default 1,
    -- Set while a rebuild runs (one at a time).
    rebuild_started_at timestamptz
  )`,
  sql`alter table search.meta add column if not exists rebuild_started_at timestamptz`,
  sql`insert into search.meta (id) values (true) on conflict do nothing`,
  sql`create table if not exists search.removals (
    docno bigint not null,
    tx xid8 not null default pg_current_xact_id(),
    removed_at timestamptz not null default now()
  )`,
  sql`create index if not exists removals_tx_idx on search.removals (tx)`,
  sql`create index if not exists removals_removed_at_idx on search.removals (removed_at)`,
  sql.raw(`create table if not exists search.documents (${DOCUMENT_COLUMNS})`),
  // Partitioned by docno ranges, so a rebuild can index each range while loading the next (below);
  // a new index starts with one partition for everything. (A terms table made before partitioning
  // stays a plain table until the next rebuild: queries read both alike.)
  sql.raw(`create table if not exists search.terms (${TERMS_COLUMNS}) partition by range (docno)`),
  sql.raw(`do $$ begin
    if (select relkind from pg_class where oid = 'search.terms'::regclass) = 'p'
        and not exists (select 1 from pg_inherits where inhparent = 'search.terms'::regclass) then
      create table search.terms_base partition of search.terms
        for values from (minvalue) to (maxvalue) ${TERMS_OPTIONS};
    end if;
  end $$`),
  ...INDEXES.map(([table, suffix, def]) => sql.raw(indexStatement(table, suffix, def))),
  // GIN lookups (pg-reader.ts): the docnos matching a tsquery (at most `cap`; null: all), and how
  // many match, counted up to `cap`. Sequential scans are off inside them: for a common word the
  // planner estimated a seq scan cheaper, and it detoasts every vector (0.85 s against 0.04 s for
  // 合作 at 100,000 listings). A function's own SET clause does that in one statement — a
  // transaction with `set local` cost three more round trips per lookup, a fifth of a keyword
  // search's Node CPU in socket writes (cpu profile, bench:search's keyword mix).
  sql`create or replace function search.match_docnos(q tsquery, cap bigint) returns text
    language sql stable set enable_seqscan = off
    as $$ select string_agg(docno::text, ',') from (select docno from search.terms where tsv @@ q limit cap) s $$`,
  sql`create or replace function search.count_matches(q tsquery, cap bigint) returns bigint
    language sql stable set enable_seqscan = off
    as $$ select count(*) from (select 1 from search.terms where tsv @@ q limit cap) s $$`,
];
