// The search contract both engines implement (DESIGN.md §7). Engines hold derived data only: every
// document can be rebuilt from PostgreSQL by search/document.ts.

import type {
  IndustryField,
  ListingKind,
  PricingMode,
  PUBLIC_LISTING_STATUSES,
  TransactionType,
} from '../domain/constants/listings.js';
import type { Maturity } from '../domain/constants/results.js';
import type { Region } from '../domain/constants/organisations.js';
import type { TextSegment } from './highlight.js';

export type { TextSegment } from './highlight.js';

export type PublicListingStatus = (typeof PUBLIC_LISTING_STATUSES)[number];

/** One public listing as both engines index it. Dates are ISO-8601 strings. */
export interface SearchDocument {
  id: string;
  kind: ListingKind;
  organisationId: string;
  organisationName: string;
  title: string;
  summary: string;
  description: string;
  /** Supply only: the research result offered, its IP registration numbers and titles. */
  resultId: string | null;
  resultTitle: string | null;
  ipNumbers: string[];
  ipTitles: string[];
  field: IndustryField;
  region: Region;
  /** Supply only. */
  pricingMode: PricingMode | null;
  transactionTypes: TransactionType[];
  status: PublicListingStatus;
  /** Supply only: the result's maturity. */
  maturity: Maturity | null;
  /** Supply: price; demand: budget (榜额). Integer 分. */
  priceFen: number | null;
  /** Demand only: 揭榜截止. */
  deadline: string | null;
  publishedAt: string | null;
  /** The listing's `version` this document was built from; the reconciler compares against it. */
  version: number;
  /** In the pay-later pool (先用后付成果池). */
  inPool: boolean;
  /** The segmenter's tokens of the document's text (both engines search them). */
  keywords: string[];
}

export const SEARCH_SORTS = ['relevance', 'newest', 'price', 'deadline'] as const;
/**
 * relevance: text rank + title match + recency (newest when there is no text);
 * newest: published first; price: cheapest first; deadline: soonest first. Missing values sort last.
 */
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const FACET_NAMES = ['kind', 'field', 'region', 'pricingMode', 'status', 'transactionType', 'maturity'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** No page may reach past this many hits (deep pages cost the most and help nobody). */
export const MAX_RESULT_WINDOW = 10_000;

export interface SearchQuery {
  q?: string;
  kind?: ListingKind;
  field?: IndustryField;
  region?: Region;
  pricingMode?: PricingMode;
  transactionType?: TransactionType;
  status?: PublicListingStatus;
  maturity?: Maturity;
  inPool?: boolean;
  /** Price / budget range in 分, inclusive. Listings without a price are excluded when either is set. */
  min?: number;
  max?: number;
  /** Default: relevance. */
  sort?: SearchSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  id: string;
  kind: ListingKind;
  title: string;
  summary: string;
  organisationName: string;
  field: IndustryField;
  region: Region;
  pricingMode: PricingMode | null;
  transactionTypes: TransactionType[];
  status: PublicListingStatus;
  maturity: Maturity | null;
  priceFen: number | null;
  deadline: string | null;
  publishedAt: string | null;
  inPool: boolean;
  /** Engine-specific relevance; comparable only within one result. 0 when sorted by something else. */
  score: number;
  /** The title, and a summary snippet, split into matched / unmatched segments (no HTML). */
  highlights: { title: TextSegment[]; summary: TextSegment[] };
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Counts per value, most frequent first, zero counts omitted. Each facet is counted under every
 * current filter except its own (so the sidebar shows what choosing another value would give).
 */
export type Facets = Record<FacetName, FacetCount[]>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Facets;
  /** When a text query found nothing: why, and queries that would find something (empty-page.ts). */
  empty?: EmptyPageHelp;
}

export interface EmptyPageHelp {
  /** Why nothing was found, for the user (Simplified Chinese). */
  reason: string;
  /** The words that were searched (after dropping function words). */
  words: string[];
  /** Nearest queries that find something, most results first. */
  alternatives: Array<{ q: string; total: number; hint: string; clearFilters?: boolean }>;
}

export interface Suggestion {
  id: string;
  kind: ListingKind;
  title: string;
  highlight: TextSegment[];
}

/** Statuses in which a listing is still looking for a counterpart (the default match targets). */
export const MATCHABLE_STATUSES: Record<ListingKind, readonly PublicListingStatus[]> = {
  supply: ['showcase', 'notice', 'listed', 'auction'],
  demand: ['open'],
};

/** What matching reads of the source listing. */
export type MatchSource = Pick<SearchDocument, 'id' | 'kind' | 'title' | 'summary' | 'description' | 'field'>;

export interface IndexedEntry {
  id: string;
  version: number;
  /** Pool membership changes without a new listing version, so the reconciler compares it too. */
  inPool: boolean;
}

export interface MatchOptions {
  /** Default: the opposite kind of the source. */
  kind?: ListingKind;
  /** Default: MATCHABLE_STATUSES of that kind. */
  statuses?: readonly PublicListingStatus[];
  /** Default 10, at most 50. */
  limit?: number;
}

export interface MatchHit {
  id: string;
  kind: ListingKind;
  title: string;
  summary: string;
  organisationId: string;
  organisationName: string;
  field: IndustryField;
  region: Region;
  status: PublicListingStatus;
  /** 0–1: the weighted share of the source's key terms this listing contains (+ a same-field bonus). */
  score: number;
  /** The source's key terms found in this listing, strongest first. */
  matchedTerms: string[];
}

export interface RebuildStats {
  indexed: number;
  /** Documents that were in the index but not in the rebuilt set. */
  removed: number;
}

export type SearchEngineName = 'postgres' | 'meilisearch';

export interface SearchEngine {
  readonly name: SearchEngineName;
  /** Creates the engine's storage and settings; idempotent, safe to call at every boot. */
  init(): Promise<void>;
  /** Inserts or replaces documents by id (last write wins; the reconciler repairs stale writes). */
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: readonly string[]): Promise<void>;
  /** Throws AppError('VALIDATION_FAILED') for invalid filters/paging; never for query text. */
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * How many listings each word finds on its own — its synonyms included, and its pinyin when no
   * listing holds it exactly, as `search({ q: word })` would; no filters — counted up to `cap`
   * (default 1: "does this word occur?"). Far cheaper than searching: no facets, no ranking, no
   * hits, and a word the engine already knows to be common is not read at all. The empty page
   * (empty-page.ts) asks this for every word of a query that found nothing.
   */
  wordCounts(words: readonly string[], cap?: number): Promise<number[]>;
  /** Titles for autocomplete; the last word may be incomplete. */
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  /**
   * Listings of the other kind whose text covers the source's key terms (相关推荐). The source need
   * not be indexed (an owner's draft may ask for its matches).
   */
  match(source: MatchSource, options?: MatchOptions): Promise<MatchHit[]>;
  /** The indexed version per id, for ids that are indexed. */
  indexedVersions(ids: readonly string[]): Promise<Map<string, number>>;
  /** Every indexed id with its version and pool flag, in batches (the reconciler's view of the index). */
  indexedEntries(batchSize?: number): AsyncIterable<IndexedEntry[]>;
  /** Replaces the whole index with `batches` while searches keep being answered. */
  rebuild(batches: AsyncIterable<readonly SearchDocument[]>): Promise<RebuildStats>;
  /**
   * Whether a rebuild (by any process) is running now, where the engine can tell: writes made
   * meanwhile are lost at its swap, and an index still empty behind it is not "everything is new".
   */
  rebuildRunning?(): Promise<boolean>;
  /**
   * Sends the current thesaurus (synonyms.ts) to an engine that keeps its own copy (Meilisearch's
   * `synonyms` setting) after an operator's edit; engines that expand at query time need nothing.
   */
  applySynonyms?(): Promise<void>;
  /** Removes every document (settings and storage stay). */
  reset(): Promise<void>;
  /** Releases the engine's own resources (not the database it was given). */
  close(): Promise<void>;
}
