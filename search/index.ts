// The search module's public surface: pick an engine from configuration, build documents, search.

import type { Db } from '../db/client.js';
import { MeilisearchEngine } from './meilisearch-engine.js';
import { PostgresSearchEngine, type PostgresEngineOptions } from './postgres-engine.js';
import type { SearchEngine, SearchEngineName } from './types.js';

export * from './types.js';
export type { IndustryField, ListingKind, PricingMode, TransactionType } from '../domain/constants/listings.js';
export type { Region } from '../domain/constants/organisations.js';
export type { Maturity } from '../domain/constants/results.js';
export { allSearchDocuments, buildSearchDocument, loadSearchDocument, loadSearchDocuments } from './document.js';
export type { DocumentSource } from './document.js';
export { countPublicListings, indexListing, indexListings, reconcileIndex, reindexAll } from './indexing.js';
export type { IndexOutcome, OnAdded, ReconcileOutcome } from './indexing.js';
export { highlight, snippet } from './highlight.js';
export { PostgresSearchEngine, type PostgresEngineOptions } from './postgres-engine.js';
export { MeilisearchEngine } from './meilisearch-engine.js';
export type { MeilisearchEngineOptions } from './meili-client.js';
export {
  builtInThesaurus,
  meilisearchSynonyms,
  parseThesaurusLine,
  setThesaurusEntries,
  thesaurusNeighbours,
  type ThesaurusEntry,
} from './synonyms.js';
export { warmUpSegmenter } from './jieba.js';

export interface SearchConfig {
  searchEngine: SearchEngineName;
  meiliHost: string | null;
  meiliApiKey: string | null;
}

/** The configured engine. Call `init()` on it once at boot (idempotent). */
export function createSearchEngine(config: SearchConfig, db: Db, options: PostgresEngineOptions = {}): SearchEngine {
  if (config.searchEngine === 'meilisearch') {
    if (!config.meiliHost) throw new Error('MEILI_HOST is required when SEARCH_ENGINE=meilisearch');
    return new MeilisearchEngine({ host: config.meiliHost, apiKey: config.meiliApiKey });
  }
  return new PostgresSearchEngine(db, options);
}
export { emptyPageHelp, hasFilters } from './empty-page.js';
