// The production engine for millions of listings (DESIGN.md §10), against Meilisearch's documented
// API through the official client. Meilisearch segments Chinese with jieba too (locale `cmn`), but
// alone it does not find 电池 inside 锂电池; the shared `keywords` field (our segmenter's words,
// sub-words and bigrams) closes that gap. Filters are built from whitelisted attribute names and
// quoted values only. Highlights come from search/highlight.ts, as in the postgres engine.
//
// This file holds the engine's entry points, writes, the reconciler's reads and the rebuild; the
// parts: connection meili-client.ts, settings and document shape meili-schema.ts, filters and query
// text meili-query.ts, search meili-search.ts, suggestions meili-suggest.ts, matching meili-match.ts.

import { MeiliClient, type MeilisearchEngineOptions } from './meili-client.js';
import { matchMeili } from './meili-match.js';
import { quoteFilterValue } from './meili-query.js';
import { toMeili, type MeiliDocument } from './meili-schema.js';
import { searchMeili } from './meili-search.js';
import { suggestMeili } from './meili-suggest.js';
import { wordCountsMeili } from './meili-word-counts.js';
import { meilisearchSynonyms } from './synonyms.js';
import type {
  IndexedEntry,
  MatchHit,
  MatchOptions,
  MatchSource,
  RebuildStats,
  SearchDocument,
  SearchEngine,
  SearchQuery,
  SearchResult,
  Suggestion,
} from './types.js';

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly meili: MeiliClient;

  constructor(options: MeilisearchEngineOptions) {
    this.meili = new MeiliClient(options);
  }

  async init(): Promise<void> {
    await this.meili.call(() => this.meili.prepare(this.meili.uid));
  }

  /** The thesaurus after an operator's edit (issue 21): the same table the postgres engine expands with. */
  async applySynonyms(): Promise<void> {
    await this.meili.call(() => this.meili.wait(this.meili.index.updateSynonyms(meilisearchSynonyms()), 'synonyms'));
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    // addDocuments replaces whole documents (so fields that became null disappear).
    await this.meili.call(() =>
      this.meili.wait(this.meili.index.addDocuments(docs.map(toMeili), { primaryKey: 'id' }), 'upsert'),
    );
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.meili.call(() => this.meili.wait(this.meili.index.deleteDocuments([...ids]), 'remove'));
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return searchMeili(this.meili, query);
  }

  /** Hitless counting queries in one multi-search (meili-word-counts.ts). */
  wordCounts(words: readonly string[], cap = 1): Promise<number[]> {
    return wordCountsMeili(this.meili, words, cap);
  }

  suggest(prefix: string, limit = 8): Promise<Suggestion[]> {
    return suggestMeili(this.meili, prefix, limit);
  }

  match(source: MatchSource, options: MatchOptions = {}): Promise<MatchHit[]> {
    return matchMeili(this.meili, source, options);
  }

  async indexedVersions(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const page = await this.meili.call(() =>
        this.meili.index.getDocuments({
          filter: `id IN [${chunk.map(quoteFilterValue).join(', ')}]`,
          fields: ['id', 'version'],
          limit: chunk.length,
        }),
      );
      for (const d of page.results) if (typeof d.version === 'number') out.set(d.id, d.version);
    }
    return out;
  }

  async *indexedEntries(batchSize = 1_000): AsyncGenerator<IndexedEntry[]> {
    // Browsing documents is not capped by maxTotalHits; offsets are stable enough for a reconciler,
    // which repeats anyway.
    for (let offset = 0; ; offset += batchSize) {
      const page = await this.meili.call(() =>
        this.meili.index.getDocuments({ fields: ['id', 'version', 'inPool'], limit: batchSize, offset }),
      );
      const entries = page.results
        .filter((d) => typeof d.version === 'number')
        .map((d) => ({ id: String(d.id), version: d.version, inPool: d.inPool === true }));
      if (entries.length) yield entries;
      if (page.results.length < batchSize) return;
    }
  }

  async rebuild(batches: AsyncIterable<readonly SearchDocument[]>): Promise<RebuildStats> {
    // Build a fresh index beside the live one, then swap them atomically: searches never see a
    // half-built index. The old documents leave with the temporary index.
    const temp = `${this.meili.uid}_rebuild_${Date.now()}`;
    return this.meili.call(async () => {
      await this.meili.prepare(this.meili.uid);
      await this.meili.prepare(temp);
      try {
        const before = (await this.meili.index.getStats()).numberOfDocuments;
        const tempIndex = this.meili.client.index<MeiliDocument>(temp);
        let indexed = 0;
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          await this.meili.wait(tempIndex.addDocuments(batch.map(toMeili), { primaryKey: 'id' }), 'rebuild batch');
          indexed += batch.length;
        }
        await this.meili.wait(
          this.meili.client.swapIndexes([{ indexes: [this.meili.uid, temp], rename: false }]),
          'swap',
        );
        // Exact for a rebuild from the same source; Meilisearch offers no cheap set difference.
        return { indexed, removed: Math.max(0, before - indexed) };
      } finally {
        await this.meili.wait(this.meili.client.deleteIndex(temp), `delete ${temp}`, ['index_not_found']);
      }
    });
  }

  async reset(): Promise<void> {
    await this.meili.call(() => this.meili.wait(this.meili.index.deleteAllDocuments(), 'reset'));
  }

  async close(): Promise<void> {
    // HTTP only: nothing to release.
  }
}
