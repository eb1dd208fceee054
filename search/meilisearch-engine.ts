// The production engine for millions of listings (DESIGN.md §10), against Meilisearch's documented
// API through the official client. Meilisearch segments Chinese with jieba too (locale `cmn`), but
// alone it does not find 电池 inside 锂电池; the shared `keywords` field (our segmenter's words,
// sub-words and bigrams) closes that gap. Filters are built from whitelisted attribute names and
// quoted values only. Highlights come from search/highlight.ts, as in the postgres engine.

import {
  Meilisearch,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Filter,
  type Index,
  type MultiSearchQuery,
  type SearchResponse,
  type Settings,
  type Task,
} from 'meilisearch';
import { AppError } from '../domain/errors.js';
import { highlight, marksOf, snippet } from './highlight.js';
import { MATCH_CANDIDATES, matchTerms, scoreMatches, type MatchCandidate } from './matching.js';
import { FACET_VALUES, facetsFromCounts, validateQuery, type ValidQuery } from './query.js';
import { keywordsContain } from './key-terms.js';
import { parseQuery, type QueryPlan } from './query-parser.js';
import { meilisearchSynonyms } from './synonyms.js';
import {
  MATCHABLE_STATUSES,
  MAX_RESULT_WINDOW,
  type FacetName,
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

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string | null;
  /** Default `listings`. */
  indexUid?: string;
  /** How long to wait for an indexing task (the client's default, 5 s, is too short for bulk work). */
  taskTimeoutMs?: number;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
}

/** What Meilisearch stores: the document, with null fields left out and dates as sortable numbers. */
type MeiliDocument = Partial<SearchDocument> & { id: string; publishedAtTs?: number; deadlineTs?: number };

/** Facet name → attribute. Only these attribute names ever appear in a filter. */
const FACET_ATTRIBUTES: Record<FacetName, string> = {
  kind: 'kind',
  field: 'field',
  region: 'region',
  pricingMode: 'pricingMode',
  status: 'status',
  transactionType: 'transactionTypes',
  maturity: 'maturity',
};

const HIT_ATTRIBUTES = [
  'id',
  'kind',
  'title',
  'summary',
  'organisationId',
  'organisationName',
  'field',
  'region',
  'pricingMode',
  'transactionTypes',
  'status',
  'maturity',
  'priceFen',
  'deadline',
  'publishedAt',
  'inPool',
];

const TEXT_ATTRIBUTES = ['title', 'keywords', 'summary', 'organisationName', 'resultTitle', 'ipTitles', 'description'];

export const MEILISEARCH_SETTINGS: Settings = {
  // Order matters: the `attribute` ranking rule prefers matches in earlier attributes (title first).
  searchableAttributes: [...TEXT_ATTRIBUTES.slice(0, 5), 'ipNumbers', ...TEXT_ATTRIBUTES.slice(5)],
  filterableAttributes: ['id', ...Object.values(FACET_ATTRIBUTES), 'priceFen', 'inPool'],
  sortableAttributes: ['publishedAtTs', 'priceFen', 'deadlineTs'],
  localizedAttributes: [{ attributePatterns: TEXT_ATTRIBUTES, locales: ['cmn'] }],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAtTs:desc'],
  // Patent numbers must match exactly; Chinese words are short and typos in them are other words.
  typoTolerance: { disableOnNumbers: true, disableOnAttributes: ['ipNumbers', 'keywords'] },
  synonyms: meilisearchSynonyms(),
  pagination: { maxTotalHits: MAX_RESULT_WINDOW },
  faceting: { maxValuesPerFacet: 100 },
};

/** A filter value as a Meilisearch string literal: quotes and backslashes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function facetFilter(name: FacetName, value: string): string {
  return `${FACET_ATTRIBUTES[name]} = ${quoteFilterValue(value)}`;
}

function filtersOf(v: ValidQuery, except?: FacetName): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>) {
    if (value !== undefined && name !== except) out.push(facetFilter(name, value));
  }
  if (v.inPool !== undefined) out.push(`inPool = ${v.inPool ? 'true' : 'false'}`);
  // Integers validated by validateQuery; formatted by us, never copied from input.
  if (v.min !== undefined) out.push(`priceFen >= ${Math.trunc(v.min)}`);
  if (v.max !== undefined) out.push(`priceFen <= ${Math.trunc(v.max)}`);
  return out;
}

/** The query text Meilisearch receives: the segmenter's units, space-separated. */
function queryText(plan: QueryPlan): string {
  return plan.units.map((u) => u.text).join(' ');
}

function toMeili(doc: SearchDocument): MeiliDocument {
  const out: MeiliDocument = { id: doc.id };
  for (const [key, value] of Object.entries(doc)) {
    if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  if (doc.publishedAt) out.publishedAtTs = Date.parse(doc.publishedAt);
  if (doc.deadline) out.deadlineTs = Date.parse(doc.deadline);
  return out;
}

type Hit = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function orNull<T>(value: unknown): T | null {
  return value === undefined || value === null ? null : (value as T);
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly uid: string;
  private readonly taskTimeoutMs: number;

  constructor(options: MeilisearchEngineOptions) {
    this.uid = options.indexUid ?? 'listings';
    if (!/^[a-zA-Z0-9_-]{1,200}$/.test(this.uid)) throw new Error(`invalid Meilisearch index uid "${this.uid}"`);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs ?? 10_000,
      defaultWaitOptions: { timeout: this.taskTimeoutMs, interval: 50 },
    });
  }

  private get index(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.uid);
  }

  /** Waits for a task and fails loudly unless it succeeded (waitTask itself resolves on failure too). */
  private async wait(task: EnqueuedTaskPromise, what: string, allowedErrors: string[] = []): Promise<Task> {
    const done = await task.waitTask({ timeout: this.taskTimeoutMs, interval: 50 });
    if (done.status === 'succeeded') return done;
    if (done.error && allowedErrors.includes(done.error.code)) return done;
    throw new Error(
      `Meilisearch task ${done.uid} (${what}) ${done.status}: ${done.error?.message ?? 'no error given'}`,
    );
  }

  /** Transport failures become a typed 503; anything else is a bug and propagates. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (
        err instanceof MeilisearchRequestError ||
        err instanceof MeilisearchRequestTimeOutError ||
        err instanceof MeilisearchTaskTimeOutError
      ) {
        throw new AppError('UNAVAILABLE', undefined, '搜索服务暂时不可用，请稍后再试');
      }
      throw err;
    }
  }

  private async prepare(uid: string): Promise<void> {
    await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), `create ${uid}`, ['index_already_exists']);
    await this.wait(this.client.index(uid).updateSettings(MEILISEARCH_SETTINGS), `settings ${uid}`);
  }

  async init(): Promise<void> {
    await this.call(() => this.prepare(this.uid));
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    // addDocuments replaces whole documents (so fields that became null disappear).
    await this.call(() => this.wait(this.index.addDocuments(docs.map(toMeili), { primaryKey: 'id' }), 'upsert'));
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.call(() => this.wait(this.index.deleteDocuments([...ids]), 'remove'));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const v = validateQuery(query);
    const q = queryText(v.plan);
    const sort =
      v.sort === 'newest'
        ? ['publishedAtTs:desc']
        : v.sort === 'price'
          ? ['priceFen:asc']
          : v.sort === 'deadline'
            ? ['deadlineTs:asc']
            : undefined;
    const active = (Object.entries(v.facetFilters) as Array<[FacetName, string | undefined]>)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
    const activeSet = new Set(active);
    const common = { indexUid: this.uid, q, matchingStrategy: 'all' as const, locales: ['cmn'] };
    // Disjunctive facets: the main query counts the facets without a filter of their own; each
    // filtered facet is counted by one more query that leaves its own filter out.
    const queries: MultiSearchQuery[] = [
      {
        ...common,
        filter: filtersOf(v) as Filter,
        facets: (Object.keys(FACET_ATTRIBUTES) as FacetName[])
          .filter((n) => !activeSet.has(n))
          .map((n) => FACET_ATTRIBUTES[n]),
        // page/hitsPerPage (not offset/limit) makes totalHits exact rather than estimated.
        page: v.page,
        hitsPerPage: v.pageSize,
        attributesToRetrieve: HIT_ATTRIBUTES,
        showRankingScore: true,
        ...(sort ? { sort } : {}),
      },
      ...active.map((name) => ({
        ...common,
        filter: filtersOf(v, name) as Filter,
        facets: [FACET_ATTRIBUTES[name]],
        page: 1,
        hitsPerPage: 0,
      })),
    ];
    const response = await this.call(() => this.client.multiSearch({ queries }));
    const [main, ...others] = response.results as Array<SearchResponse<Hit>>;
    if (!main) throw new Error('Meilisearch returned no result for the main query');
    const distribution: Record<string, Record<string, number>> = { ...(main.facetDistribution ?? {}) };
    others.forEach((r, i) => {
      const attribute = FACET_ATTRIBUTES[active[i]!];
      distribution[attribute] = r.facetDistribution?.[attribute] ?? {};
    });
    const counts = Object.fromEntries(
      (Object.keys(FACET_VALUES) as FacetName[]).map((n) => [
        n,
        new Map(Object.entries(distribution[FACET_ATTRIBUTES[n]] ?? {})),
      ]),
    ) as Record<FacetName, Map<string, number>>;
    const marks = marksOf(v.plan);
    const hits: SearchHit[] = main.hits.map((h) => ({
      id: str(h.id),
      kind: h.kind as SearchHit['kind'],
      title: str(h.title),
      summary: str(h.summary),
      organisationName: str(h.organisationName),
      field: h.field as SearchHit['field'],
      region: h.region as SearchHit['region'],
      pricingMode: orNull<SearchHit['pricingMode']>(h.pricingMode),
      transactionTypes: (h.transactionTypes ?? []) as SearchHit['transactionTypes'],
      status: h.status as SearchHit['status'],
      maturity: orNull<SearchHit['maturity']>(h.maturity),
      priceFen: orNull<number>(h.priceFen),
      deadline: orNull<string>(h.deadline),
      publishedAt: orNull<string>(h.publishedAt),
      inPool: h.inPool === true,
      score: v.sort === 'relevance' ? Number(h._rankingScore ?? 0) : 0,
      highlights: { title: highlight(str(h.title), marks), summary: snippet(str(h.summary), marks) },
    }));
    return {
      hits,
      total: main.totalHits ?? main.estimatedTotalHits ?? hits.length,
      page: v.page,
      pageSize: v.pageSize,
      facets: facetsFromCounts(counts),
    };
  }

  async suggest(prefix: string, limit = 8): Promise<Suggestion[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 20) {
      throw new AppError('VALIDATION_FAILED', { param: 'limit' }, '建议条数须为 1 到 20 之间的整数');
    }
    const plan = parseQuery(prefix, { prefixLast: true });
    if (plan.units.length === 0) return [];
    const response = await this.call(() =>
      this.index.search<Hit>(queryText(plan), {
        attributesToSearchOn: ['title', 'keywords'],
        attributesToRetrieve: ['id', 'kind', 'title'],
        matchingStrategy: 'all',
        locales: ['cmn'],
        limit: limit * 2,
      }),
    );
    const marks = marksOf(plan);
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const h of response.hits) {
      const title = str(h.title);
      // keywords cover the whole text; a suggestion must show the typed words in its title.
      if (seen.has(title) || (marks.length > 0 && !highlight(title, marks).some((s) => s.hit))) continue;
      seen.add(title);
      out.push({ id: str(h.id), kind: h.kind as Suggestion['kind'], title, highlight: highlight(title, marks) });
      if (out.length >= limit) break;
    }
    return out;
  }

  async match(source: MatchSource, options: MatchOptions = {}): Promise<MatchHit[]> {
    const kind = options.kind ?? (source.kind === 'supply' ? 'demand' : 'supply');
    const statuses = options.statuses ?? MATCHABLE_STATUSES[kind];
    const limit = Math.min(Math.max(1, options.limit ?? 10), 50);
    const terms = matchTerms(source);
    if (terms.length === 0 || statuses.length === 0) return [];
    const response = await this.call(() =>
      this.index.search<Hit>(terms.map((t) => t.keyword).join(' '), {
        // Terms are strongest first; 'last' drops the weakest ones until enough documents match.
        matchingStrategy: 'last',
        filter: [
          `kind = ${quoteFilterValue(kind)}`,
          `status IN [${statuses.map(quoteFilterValue).join(', ')}]`,
          `id != ${quoteFilterValue(source.id)}`,
        ],
        attributesToRetrieve: [...HIT_ATTRIBUTES, 'keywords'],
        locales: ['cmn'],
        limit: MATCH_CANDIDATES,
      }),
    );
    const candidates: MatchCandidate[] = response.hits.map((h) => {
      const keywords = new Set((h.keywords ?? []) as string[]);
      // A term is present when the candidate has it as a word, or has every bigram of it.
      const matched = terms.filter((t) => t.unit.words.some((w) => keywordsContain(keywords, w))).map((t) => t.keyword);
      return {
        id: str(h.id),
        kind: h.kind as MatchHit['kind'],
        title: str(h.title),
        summary: str(h.summary),
        organisationId: str(h.organisationId),
        organisationName: str(h.organisationName),
        field: h.field as MatchHit['field'],
        region: h.region as MatchHit['region'],
        status: h.status as MatchHit['status'],
        matched,
      };
    });
    return scoreMatches(source, terms, candidates, limit);
  }

  async indexedVersions(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const page = await this.call(() =>
        this.index.getDocuments({
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
      const page = await this.call(() =>
        this.index.getDocuments({ fields: ['id', 'version', 'inPool'], limit: batchSize, offset }),
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
    const temp = `${this.uid}_rebuild_${Date.now()}`;
    return this.call(async () => {
      await this.prepare(this.uid);
      await this.prepare(temp);
      try {
        const before = (await this.index.getStats()).numberOfDocuments;
        const tempIndex = this.client.index<MeiliDocument>(temp);
        let indexed = 0;
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          await this.wait(tempIndex.addDocuments(batch.map(toMeili), { primaryKey: 'id' }), 'rebuild batch');
          indexed += batch.length;
        }
        await this.wait(this.client.swapIndexes([{ indexes: [this.uid, temp], rename: false }]), 'swap');
        // Exact for a rebuild from the same source; Meilisearch offers no cheap set difference.
        return { indexed, removed: Math.max(0, before - indexed) };
      } finally {
        await this.wait(this.client.deleteIndex(temp), `delete ${temp}`, ['index_not_found']);
      }
    });
  }

  async reset(): Promise<void> {
    await this.call(() => this.wait(this.index.deleteAllDocuments(), 'reset'));
  }

  async close(): Promise<void> {
    // HTTP only: nothing to release.
  }
}
