// Writes of the postgres engine: documents as JSON rows (with their tsvector literal) and the one
// statement that inserts or replaces them and their terms — into the live tables (upsert) or into
// a rebuild's new ones (pg-rebuild.ts).

import { sql, type SQL } from 'drizzle-orm';
import { tsvectorOf } from './pg-tsvector.js';
import type { SearchDocument } from './types.js';

/** Documents per insert statement. */
export const WRITE_BATCH = 500;

// Only well-formed ids can be in the index; anything else is ignored rather than sent as a uuid.
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rows as JSON; `firstDocno` numbers them (a rebuild), otherwise new rows draw from the sequence.
 * Without `withTerms` the rows carry no tsvector (a rebuild copies those in binary, pg-copy.ts).
 */
export function rowsJson(docs: readonly SearchDocument[], firstDocno?: number, withTerms = true): string {
  // Later duplicates of an id win, as if upserted one after another.
  const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
  return JSON.stringify(
    unique.map((d, i) => ({
      docno: firstDocno === undefined ? null : firstDocno + i,
      id: d.id,
      kind: d.kind,
      field: d.field,
      region: d.region,
      pricing_mode: d.pricingMode,
      status: d.status,
      maturity: d.maturity,
      transaction_types: d.transactionTypes,
      price_fen: d.priceFen,
      deadline: d.deadline,
      published_at: d.publishedAt,
      in_pool: d.inPool,
      version: d.version,
      organisation_id: d.organisationId,
      organisation_name: d.organisationName,
      title: d.title,
      summary: d.summary,
      tsv: withTerms ? tsvectorOf(d) : null,
    })),
  );
}

const DOCUMENT_FIELDS = `id, kind, field, region, pricing_mode, status, maturity, transaction_types, price_fen, deadline,
  published_at, in_pool, version, organisation_id, organisation_name, title, summary`;
const RECORD_TYPE = `docno bigint, id uuid, kind text, field text, region text, pricing_mode text, status text, maturity text,
  transaction_types text[], price_fen bigint, deadline timestamptz, published_at timestamptz, in_pool boolean,
  version integer, organisation_id uuid, organisation_name text, title text, summary text, tsv tsvector`;

/**
 * A rebuild's documents (rowsJson without terms, numbered and unique already) into its new table:
 * plain inserts; their terms follow by binary COPY (pg-copy.ts).
 */
export const REBUILD_DOCUMENTS_INSERT = `insert into search.documents_next (docno, ${DOCUMENT_FIELDS})
  select docno, ${DOCUMENT_FIELDS} from json_to_recordset($1::json) as r(${RECORD_TYPE.replace(', tsv tsvector', '')})`;

/** Inserts or replaces (by id) documents and their terms in one statement. */
export function writeStatement(json: string): SQL {
  const rows = sql`select * from json_to_recordset(${json}::json) as r(${sql.raw(RECORD_TYPE)})`;
  const update = DOCUMENT_FIELDS.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return sql`with r as (${rows}), d as (
      insert into search.documents (docno, ${sql.raw(DOCUMENT_FIELDS)})
      select nextval('search.docno_seq'), ${sql.raw(DOCUMENT_FIELDS)} from r
      ${sql.raw(`on conflict (id) do update set ${update}, tx = pg_current_xact_id(), indexed_at = now()`)}
      returning id, docno
    )
    insert into search.terms (docno, tsv)
    select d.docno, r.tsv from d join r on r.id = d.id
    on conflict (docno) do update set tsv = excluded.tsv`;
}
