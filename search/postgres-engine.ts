// The embedded engine: tables in their own `search` schema of the same database, so one machine
// needs no extra service. See search/README.md for the design and its measurements; in short:
//   - search.documents: one row per listing with typed filter columns and what a hit shows;
//   - search.terms: the document's tsvector ('simple' configuration, built from the segmenter's
//     lexemes — PostgreSQL's parser never sees the text) under a GIN index. Its heap holds only the
//     docno and a TOAST pointer, so matching reads a few hundred pages for 100k documents;
//   - matching uses only lexeme AND/OR/prefix queries, which GIN answers exactly without rechecking
//     (CJK words of three or more characters are matched by their trigrams);
//   - filters, facet counts, sorting and first-stage ranking run over in-memory doc values
//     (pg-doc-values.ts); ts_rank_cd then re-ranks only the best candidates.
// User text never reaches to_tsquery: tsquery literals are built from segmenter output with quoted
// lexemes and bound as parameters.

import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../domain/errors.js';
import { analyzeDocument, type TextWeight } from './document.js';
import { highlight, marksOf, snippet } from './highlight.js';
import { matchTerms, scoreMatches, type MatchCandidate } from './matching.js';
import type { Scorer } from './pg-doc-select.js';
import { DocValues, REMOVALS_RETENTION } from './pg-doc-values.js';
import { facetCode } from './pg-facet-codes.js';
import { facetsFromCounts, validateQuery } from './query.js';
import { isCjk, normalizeText, splitRuns } from './text.js';
import { parseQuery, type QueryUnit } from './query-parser.js';
import { TOKEN } from './segmenter.js';
import {
  MATCHABLE_STATUSES,
  type MatchHit,
  type IndexedEntry,
  type MatchOptions,
  type MatchSource,
  type RebuildStats,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from './types.js';

// tsvector limits: positions above 16,383 collapse and a lexeme keeps at most 256 positions.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Documents per insert statement. */
const WRITE_BATCH = 500;
/** Insert statements a rebuild keeps in flight (each on its own connection). */
const REBUILD_STREAMS = 2;
/**
 * Documents per partition of a rebuild's terms table. Each partition's GIN index is built while the
 * next partition's documents are segmented (PostgreSQL 15 builds a GIN index on one core), so a
 * rebuild ends one partition's GIN build after its last insert instead of a whole index's.
 */
const REBUILD_PARTITION = 25_000;
/** A rebuild lease older than this is taken to be a crashed rebuild's. */
const REBUILD_LEASE = '1 hour';
/** Candidates re-ranked by ts_rank_cd: at least this many, and twice the requested depth. */
const RERANK_MIN = 50;
/** Title lexemes are indexed a second time with this mark, so "in the title" is an index lookup. */
const TITLE_MARK = '^';

// Tokens the postgres engine indexes: trigrams, each run's last bigram (with trigrams, every
// two-character substring is then a prefix of some token), one-character runs and Latin/digit
// words. (jieba's words would add nothing: every CJK word is found through its n-grams.)
const INDEXED = TOKEN.TRIGRAM | TOKEN.FINAL | TOKEN.UNIGRAM | TOKEN.WORD;
const TITLE_INDEXED = TOKEN.TRIGRAM | TOKEN.FINAL | TOKEN.UNIGRAM | TOKEN.WORD;

const DOCUMENT_COLUMNS = `
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

const TERMS_COLUMNS = `
    docno bigint primary key,
    -- lz4: re-ranking decompresses the best candidates' vectors; lz4 is several times faster than pglz.
    tsv tsvector compression lz4 not null`;
// A tiny toast_tuple_target moves every tsvector out of line: the heap the GIN bitmap scan visits
// then holds ~50 bytes a row, and matching never decompresses a vector.
const TERMS_OPTIONS = 'with (toast_tuple_target = 128)';

/** Secondary indexes by table, name suffix and definition (shared by init and the rebuild). */
const INDEXES: Array<['documents' | 'terms', string, string]> = [
  ['documents', 'docno_key', 'unique (docno)'],
  // The doc-values sync reads rows written since a transaction id.
  ['documents', 'tx_idx', '(tx)'],
  ['terms', 'tsv_idx', 'using gin (tsv)'],
];

function indexStatement(table: string, suffix: string, def: string, name = `${table}_${suffix}`): string {
  return def.startsWith('unique')
    ? `create unique index if not exists ${name} on search.${table} ${def.slice('unique'.length)}`
    : `create index if not exists ${name} on search.${table} ${def}`;
}

const DDL = [
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
];

// ---------------------------------------------------------------------------------------------
// tsvector / tsquery literals

function quoteLexeme(lexeme: string): string {
  // The segmenter emits letters, digits and . - _ only; the escaping is for safety, not for use.
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * The tsquery of one word, in the index's terms: one or two CJK characters match as a prefix of
 * the n-gram tokens, three as a trigram, longer words as all their trigrams; other words exactly.
 */
function wordQuery(word: string, prefix: boolean, mark: string): string {
  const runs = splitRuns(word);
  if (runs.length > 1)
    return `(${runs.map((r, i) => wordQuery(r, prefix && i === runs.length - 1, mark)).join(' & ')})`;
  if (!isCjk(word)) return `${quoteLexeme(mark + word)}${prefix ? ':*' : ''}`;
  const chars = Array.from(word);
  if (chars.length <= 2) return `${quoteLexeme(mark + word)}:*`;
  if (chars.length === 3) return quoteLexeme(mark + word);
  const trigrams: string[] = [];
  for (let k = 0; k + 3 <= chars.length; k++) trigrams.push(quoteLexeme(mark + chars.slice(k, k + 3).join('')));
  return `(${trigrams.join(' & ')})`;
}

function unitQuery(unit: QueryUnit, mark: string): string {
  return `(${unit.words.map((w, i) => wordQuery(w, unit.prefix && i === 0, mark)).join(' | ')})`;
}

/** A tsquery literal over the body (or, with `title`, the title marks); units joined by `op`. */
export function tsqueryOf(units: readonly QueryUnit[], op: '&' | '|', title = false): string {
  return units.map((u) => unitQuery(u, title ? TITLE_MARK : '')).join(` ${op} `);
}

const WEIGHT_RANK: Record<TextWeight, number> = { D: 0, C: 1, B: 2, A: 3 };
const WEIGHT_SUFFIX = ['', 'C', 'B', 'A'];

/** The tsvector literal of a document: weighted, positioned tokens plus positionless title marks. */
export function tsvectorOf(doc: SearchDocument): string {
  const { lexemes, positions, flags, weights, titleLength } = analyzeDocument(doc);
  const entries = new Map<string, number[]>();
  const titleMarks = new Set<string>();
  for (let i = 0; i < lexemes.length; i++) {
    const flag = flags[i]!;
    if (!(flag & INDEXED)) continue;
    const lexeme = lexemes[i]!;
    const code = Math.min(positions[i]! + 1, MAX_POSITION) * 4 + WEIGHT_RANK[weights[i]!];
    const list = entries.get(lexeme);
    if (list) list.push(code);
    else entries.set(lexeme, [code]);
    if (positions[i]! < titleLength && flag & TITLE_INDEXED) titleMarks.add(TITLE_MARK + lexeme);
  }
  const parts: string[] = [];
  for (const [lexeme, codes] of entries) {
    if (codes.length === 1) {
      const code = codes[0]!;
      parts.push(`${quoteLexeme(lexeme)}:${code >> 2}${WEIGHT_SUFFIX[code & 3]}`);
      continue;
    }
    // Tokens come in text order, so codes are nearly always sorted already.
    for (let i = 1; i < codes.length; i++) {
      if (codes[i]! < codes[i - 1]!) {
        codes.sort((a, b) => a - b);
        break;
      }
    }
    let out = '';
    let count = 0;
    for (let i = 0; i < codes.length && count < MAX_POSITIONS_PER_LEXEME; i++) {
      const pos = codes[i]! >> 2;
      // Sorted codes: of several weights at one position, the highest comes last.
      if (i + 1 < codes.length && codes[i + 1]! >> 2 === pos) continue;
      out += `${count === 0 ? '' : ','}${pos}${WEIGHT_SUFFIX[codes[i]! & 3]}`;
      count++;
    }
    parts.push(`${quoteLexeme(lexeme)}:${out}`);
  }
  for (const mark of titleMarks) parts.push(quoteLexeme(mark));
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Rows

/** The hit columns of search.documents `d` as one JSON object. */
const HIT_JSON = sql`json_build_object('docno', d.docno, 'id', d.id, 'kind', d.kind, 'title', d.title,
  'summary', d.summary, 'organisationId', d.organisation_id, 'organisationName', d.organisation_name,
  'field', d.field, 'region', d.region, 'pricingMode', d.pricing_mode, 'transactionTypes', d.transaction_types,
  'status', d.status, 'maturity', d.maturity, 'priceFen', d.price_fen, 'deadline', d.deadline,
  'publishedAt', d.published_at, 'inPool', d.in_pool)`;

type HitRow = Omit<SearchHit, 'highlights' | 'score'> & { docno: number; organisationId: string; rank?: number };

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function int8Array(values: readonly number[]): SQL {
  return sql`${sql.param([...values])}::int8[]`;
}

// Only well-formed ids can be in the index; anything else is ignored rather than sent as a uuid.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows as JSON; `firstDocno` numbers them (a rebuild), otherwise new rows draw from the sequence. */
function rowsJson(docs: readonly SearchDocument[], firstDocno?: number): string {
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
      tsv: tsvectorOf(d),
    })),
  );
}

const DOCUMENT_FIELDS = `id, kind, field, region, pricing_mode, status, maturity, transaction_types, price_fen, deadline,
  published_at, in_pool, version, organisation_id, organisation_name, title, summary`;
const RECORD_TYPE = `docno bigint, id uuid, kind text, field text, region text, pricing_mode text, status text, maturity text,
  transaction_types text[], price_fen bigint, deadline timestamptz, published_at timestamptz, in_pool boolean,
  version integer, organisation_id uuid, organisation_name text, title text, summary text, tsv tsvector`;

/**
 * Inserts or replaces (by id) documents and their terms in one statement. Into a rebuild's new
 * tables ('_next') rows are numbered and unique already: plain inserts.
 */
function writeStatement(json: string, suffix: '' | '_next'): SQL {
  const rows = sql`select * from json_to_recordset(${json}::json) as r(${sql.raw(RECORD_TYPE)})`;
  if (suffix === '_next') {
    return sql`with r as (${rows}), d as (
        insert into search.documents_next (docno, ${sql.raw(DOCUMENT_FIELDS)})
        select docno, ${sql.raw(DOCUMENT_FIELDS)} from r
      )
      insert into search.terms_next (docno, tsv) select docno, tsv from r`;
  }
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

function docnoList(value: string | null | undefined): number[] {
  return value ? value.split(',').map(Number) : [];
}

export interface PostgresEngineOptions {
  /**
   * How long this process may answer from its in-memory filter/facet columns before re-reading
   * changes (default 1 s). Writes made through this engine instance are always seen at once;
   * writes by other processes (the indexing worker) appear within this time. 0: always re-read.
   */
  maxStalenessMs?: number;
  /** Documents per terms partition a rebuild makes (default 25,000; tests use a few). */
  rebuildPartitionSize?: number;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private readonly docValues: DocValues;
  private readonly partitionSize: number;

  constructor(
    private readonly db: Db,
    options: PostgresEngineOptions = {},
  ) {
    this.docValues = new DocValues(db, options.maxStalenessMs ?? 1_000);
    this.partitionSize = options.rebuildPartitionSize ?? REBUILD_PARTITION;
  }

  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Several processes may boot at once; one creates, the others then find everything there.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('search.init'))`);
      for (const statement of DDL) await tx.execute(statement);
    });
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      await this.db.execute(writeStatement(rowsJson(docs.slice(i, i + WRITE_BATCH)), ''));
    }
    this.docValues.markStale();
  }

  async remove(ids: readonly string[]): Promise<void> {
    const valid = ids.filter((id) => UUID_RE.test(id));
    if (valid.length === 0) return;
    // The removal log tells every process's doc values what left (pg-doc-values.ts).
    await this.db.execute(sql`with gone as (
        delete from search.documents where id = any(${sql.param(valid)}::uuid[]) returning docno
      ), terms as (
        delete from search.terms where docno in (select docno from gone)
      ), logged as (
        insert into search.removals (docno) select docno from gone
      )
      delete from search.removals where removed_at < now() - ${REMOVALS_RETENTION}::interval`);
    this.docValues.markStale();
  }

  /** A match the doc values do not know yet was written by another process moments ago: sync now. */
  private async catchUp(docnos: readonly number[]): Promise<void> {
    if (docnos.some((d) => !this.docValues.isAlive(d))) {
      this.docValues.markStale();
      await this.docValues.sync();
    }
  }

  /** Docnos matching each tsquery (one statement, GIN lookups only). */
  private async lookup(queries: readonly string[]): Promise<number[][]> {
    if (queries.length === 0) return [];
    // Index lookups and fetches by key run as single statements (one round trip each): their planner
    // costs stay far below jit_above_cost, so JIT never compiles them.
    const result = await this.db.execute<Record<string, string | null>>(
      sql`select ${sql.join(
        queries.map(
          (q, i) =>
            sql`(select string_agg(docno::text, ',') from search.terms where tsv @@ ${q}::tsquery) as ${sql.raw(`m${i}`)}`,
        ),
        sql`, `,
      )}`,
    );
    const row = result.rows[0] ?? {};
    return queries.map((_, i) => docnoList(row[`m${i}`]));
  }

  /** Hit rows by docno, with ts_rank_cd against `rankQuery` when given. */
  private async rows(docnos: readonly number[], rankQuery: string | null): Promise<Map<number, HitRow>> {
    if (docnos.length === 0) return new Map();
    const rank =
      rankQuery === null
        ? sql`null`
        : sql`(select ts_rank_cd('{0.05,0.2,0.4,1.0}', t.tsv, ${rankQuery}::tsquery, 32)
            from search.terms t where t.docno = d.docno)`;
    const result = await this.db.execute<{ hit: HitRow; rank: number | null }>(
      sql`select ${HIT_JSON} as hit, ${rank} as rank from search.documents d where d.docno = any(${int8Array(docnos)})`,
    );
    return new Map(
      result.rows.map((r) => [Number(r.hit.docno), { ...r.hit, docno: Number(r.hit.docno), rank: r.rank ?? 0 }]),
    );
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const v = validateQuery(query);
    const units = v.plan.units;
    const want = v.offset + v.pageSize;
    let candidates: number[] | null = null;
    let score: Scorer | Float64Array;
    let rankQuery: string | null = null;
    let depth = want;
    if (units.length > 0) {
      const queries = [tsqueryOf(units, '&')];
      if (v.sort === 'relevance') {
        queries.push(tsqueryOf(units, '&', true));
        // With one word, "some words in the title" is "all of them".
        if (units.length > 1) queries.push(tsqueryOf(units, '|', true));
      }
      // The doc-values sync and each index lookup run side by side, on separate connections.
      const [, ...found] = await Promise.all([
        this.docValues.sync(),
        ...queries.map(async (q) => (await this.lookup([q]))[0]!),
      ]);
      candidates = found[0]!;
      await this.catchUp(candidates);
      if (v.sort === 'relevance') {
        const inTitle = new Set(found[1]);
        const someInTitle = units.length > 1 ? new Set(found[2]) : inTitle;
        const now = Date.now();
        // First stage: title holds every word (1), some (0.4), none (0); then recency.
        score = (d) =>
          (inTitle.has(d) ? 1 : someInTitle.has(d) ? 0.4 : 0) + recency(this.docValues.publishedAt(d), now);
        rankQuery = queries[0]!;
        depth = Math.max(RERANK_MIN, 2 * want);
      } else {
        score = this.docValues.sortKey(v.sort);
      }
    } else {
      await this.docValues.sync();
      score = this.docValues.sortKey(v.sort === 'relevance' ? 'newest' : v.sort);
    }
    const selection = this.docValues.select(v, candidates, score, depth);
    let ordered = selection.top;
    const rows = await this.rows(rankQuery === null ? ordered.slice(v.offset, want) : ordered, rankQuery);
    const first = new Map(ordered.map((d) => [d, score instanceof Float64Array ? score[d]! : score(d)]));
    if (rankQuery !== null) {
      // Second stage: ts_rank_cd (title > summary/owner/result > description > labels) added.
      const total = (d: number) => first.get(d)! + (rows.get(d)?.rank ?? 0);
      ordered = [...ordered].sort((a, b) => total(b) - total(a) || a - b);
    }
    const marks = marksOf(v.plan);
    const hits: SearchHit[] = [];
    for (const d of ordered.slice(v.offset, want)) {
      const r = rows.get(d);
      // A document removed between the lookup and the fetch is simply skipped.
      if (!r) continue;
      hits.push({
        id: r.id,
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        organisationName: r.organisationName,
        field: r.field,
        region: r.region,
        pricingMode: r.pricingMode ?? null,
        transactionTypes: r.transactionTypes ?? [],
        status: r.status,
        maturity: r.maturity ?? null,
        priceFen: r.priceFen === null || r.priceFen === undefined ? null : Number(r.priceFen),
        deadline: iso(r.deadline),
        publishedAt: iso(r.publishedAt),
        inPool: r.inPool === true,
        score: rankQuery === null ? 0 : Math.round((first.get(d)! + (r.rank ?? 0)) * 10_000) / 10_000,
        highlights: { title: highlight(r.title, marks), summary: snippet(r.summary, marks) },
      });
    }
    return {
      hits,
      total: selection.total,
      page: v.page,
      pageSize: v.pageSize,
      facets: facetsFromCounts(selection.counts),
    };
  }

  async suggest(prefix: string, limit = 8): Promise<Suggestion[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 20) {
      throw new AppError('VALIDATION_FAILED', { param: 'limit' }, '建议条数须为 1 到 20 之间的整数');
    }
    const plan = parseQuery(prefix, { prefixLast: true });
    if (plan.units.length === 0) return [];
    const [[found = []]] = await Promise.all([this.lookup([tsqueryOf(plan.units, '&', true)]), this.docValues.sync()]);
    await this.catchUp(found);
    // Most recent first among the titles that contain the words.
    const top = [...found]
      .filter((d) => this.docValues.isAlive(d))
      .sort((a, b) => (this.docValues.publishedAt(b) || 0) - (this.docValues.publishedAt(a) || 0) || a - b)
      .slice(0, limit * 3);
    const rows = await this.rows(top, null);
    const marks = marksOf(plan);
    const typed = normalizeText(plan.text);
    const titles = top
      .map((d) => rows.get(d))
      .filter((r): r is HitRow => r !== undefined)
      // Titles starting with what was typed come first.
      .sort(
        (a, b) => Number(normalizeText(b.title).startsWith(typed)) - Number(normalizeText(a.title).startsWith(typed)),
      );
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const r of titles) {
      if (seen.has(r.title)) continue;
      seen.add(r.title);
      out.push({ id: r.id, kind: r.kind, title: r.title, highlight: highlight(r.title, marks) });
      if (out.length >= limit) break;
    }
    return out;
  }

  async match(source: MatchSource, options: MatchOptions = {}): Promise<MatchHit[]> {
    const kind = options.kind ?? (source.kind === 'supply' ? 'demand' : 'supply');
    const statuses = new Set((options.statuses ?? MATCHABLE_STATUSES[kind]).map((s) => facetCode('status', s)));
    const limit = Math.min(Math.max(1, options.limit ?? 10), 50);
    const terms = matchTerms(source);
    if (terms.length === 0 || statuses.size === 0) return [];
    // One GIN lookup per key term; which terms a listing contains is then known without reading it.
    const [, found] = await Promise.all([
      this.docValues.sync(),
      this.lookup(terms.map((t) => tsqueryOf([t.unit], '&'))),
    ]);
    await this.catchUp(found.flat());
    const kindCode = facetCode('kind', kind);
    const matched = new Map<number, string[]>();
    found.forEach((docnos, i) => {
      for (const d of docnos) {
        if (!this.docValues.isAlive(d) || this.docValues.value('kind', d) !== kindCode) continue;
        if (!statuses.has(this.docValues.value('status', d))) continue;
        const list = matched.get(d);
        if (list) list.push(terms[i]!.keyword);
        else matched.set(d, [terms[i]!.keyword]);
      }
    });
    const fieldCode = facetCode('field', source.field);
    const weightOf = new Map(terms.map((t) => [t.keyword, t.weight]));
    const coverage = (d: number) =>
      matched.get(d)!.reduce((s, t) => s + weightOf.get(t)!, 0) +
      (this.docValues.value('field', d) === fieldCode ? 0.01 : 0);
    const best = [...matched.keys()]
      .sort(
        (a, b) =>
          coverage(b) - coverage(a) || (this.docValues.publishedAt(b) || 0) - (this.docValues.publishedAt(a) || 0),
      )
      .slice(0, limit + 1);
    const rows = await this.rows(best, null);
    const candidates: MatchCandidate[] = best
      .map((d) => rows.get(d))
      .filter((r): r is HitRow => r !== undefined && r.id !== source.id)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        field: r.field,
        region: r.region,
        status: r.status,
        matched: matched.get(r.docno) ?? [],
      }));
    return scoreMatches(source, terms, candidates, limit);
  }

  async indexedVersions(ids: readonly string[]): Promise<Map<string, number>> {
    const valid = ids.filter((id) => UUID_RE.test(id));
    const out = new Map<string, number>();
    if (valid.length === 0) return out;
    const result = await this.db.execute<{ id: string; version: number }>(
      sql`select id, version from search.documents where id = any(${sql.param(valid)}::uuid[])`,
    );
    for (const r of result.rows) out.set(String(r.id), Number(r.version));
    return out;
  }

  async *indexedEntries(batchSize = 5_000): AsyncGenerator<IndexedEntry[]> {
    type Row = { id: string; version: number; in_pool: boolean };
    let after: string | null = null;
    for (;;) {
      const result: { rows: Row[] } = await this.db.execute<Row>(
        after === null
          ? sql`select id, version, in_pool from search.documents order by id limit ${batchSize}`
          : sql`select id, version, in_pool from search.documents where id > ${after}::uuid order by id limit ${batchSize}`,
      );
      if (result.rows.length === 0) return;
      yield result.rows.map((r) => ({ id: String(r.id), version: Number(r.version), inPool: r.in_pool === true }));
      if (result.rows.length < batchSize) return;
      after = String(result.rows[result.rows.length - 1]!.id);
    }
  }

  /**
   * Loads everything into new tables without indexes (two insert streams), indexes them in bulk
   * (far faster than incremental GIN inserts), then swaps them in with one short transaction:
   * searches read the old tables until that commit. Writes made meanwhile by the indexing job land
   * in the old tables and are lost with them; the reconciler re-indexes those (their indexed
   * version lags). One rebuild at a time: a lease in search.meta refuses a second.
   */
  async rebuild(batches: AsyncIterable<readonly SearchDocument[]>): Promise<RebuildStats> {
    await this.init();
    const lease = await this.db.execute(sql`update search.meta set rebuild_started_at = now()
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
      await this.db.execute(sql`drop table if exists search.documents_next, search.terms_next`);
      await this.db.execute(sql.raw(`create table search.documents_next (${DOCUMENT_COLUMNS})`));
      await this.db.execute(sql.raw(`create table search.terms_next (${TERMS_COLUMNS}) partition by range (docno)`));
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
          this.db.transaction(async (tx) => {
            await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
            await tx.execute(sql.raw(`create index ${name}_tsv_idx on search.${name} using gin (tsv)`));
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
        covered = start + this.partitionSize;
        await this.db.execute(
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
          const json = rowsJson(slice, docno);
          docno += slice.length;
          i += slice.length;
          if (inflight.length >= REBUILD_STREAMS) await inflight.shift();
          // A real promise: drizzle's query objects run again on every `then`.
          const write = Promise.resolve(this.db.execute(writeStatement(json, '_next')));
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
      await this.db.execute(
        sql.raw(`create table search.${partitionPrefix}tail partition of search.terms_next
          for values from (${covered}) to (maxvalue) ${TERMS_OPTIONS}`),
      );
      // The documents' btree indexes and statistics beside the last GIN builds.
      const documentIndexes = this.db.transaction(async (tx) => {
        await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
        for (const [table, suffix, def] of INDEXES.filter(([t]) => t === 'documents')) {
          await tx.execute(sql.raw(indexStatement(`${table}_next`, suffix, def, `${table}_next_${suffix}`)));
        }
        await tx.execute(sql`analyze search.documents_next`);
      });
      documentIndexes.catch(() => undefined);
      builds.push(documentIndexes);
      await Promise.all(builds);
      // On the parent, the partitions' GIN indexes are attached rather than built again (the tail's
      // empty one is built now).
      for (const [table, suffix, def] of INDEXES.filter(([t]) => t === 'terms')) {
        await this.db.execute(sql.raw(indexStatement(`${table}_next`, suffix, def, `${table}_next_${suffix}`)));
      }
      const removed = await this.db.transaction(async (tx) => {
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
      this.docValues.invalidate();
      return { indexed, removed };
    } finally {
      // After a failure the half-built tables go (once nothing writes to them any more); after
      // success they are the live ones already.
      await Promise.allSettled([...inflight, ...builds]);
      await this.db.execute(sql`drop table if exists search.documents_next, search.terms_next`);
      await this.db.execute(sql`update search.meta set rebuild_started_at = null`);
    }
  }

  async rebuildRunning(): Promise<boolean> {
    await this.init();
    const r = await this.db.execute<{ running: boolean }>(
      sql`select rebuild_started_at is not null and rebuild_started_at >= now() - ${REBUILD_LEASE}::interval as running
        from search.meta`,
    );
    return r.rows[0]?.running === true;
  }

  async reset(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`truncate search.documents, search.terms, search.removals`);
      await tx.execute(sql`alter sequence search.docno_seq restart`);
      await tx.execute(sql`update search.meta set generation = generation + 1`);
    });
    this.docValues.invalidate();
  }

  async close(): Promise<void> {
    // The database handle belongs to the caller.
  }
}

/** 0.15 for a listing published now, halving over about half a year. */
function recency(publishedAt: number, now: number): number {
  if (Number.isNaN(publishedAt)) return 0;
  const days = Math.max(0, now - publishedAt) / 86_400_000;
  return 0.15 / (1 + days / 180);
}
