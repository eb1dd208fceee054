// The document builder: the one place that decides what of a listing is searchable. Both engines
// index exactly what it returns; a listing it refuses (null) must be removed from the index.

import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { listings, organisations, resultIpItems, results } from '../db/schema/index.js';
import type { Listing } from '../db/schema/listings.js';
import type { Organisation } from '../db/schema/organisations.js';
import type { Result, ResultIpItem } from '../db/schema/results.js';
import { INDUSTRY_FIELD_LABELS, PUBLIC_LISTING_STATUSES } from '../domain/constants/listings.js';
import { REGION_LABELS } from '../domain/constants/organisations.js';
import { analyzeNormalized, lexemesOf, MAX_INDEXED_CHARS, type Analysis } from './segmenter.js';
import { normalizeText, truncate } from './text.js';
import type { PublicListingStatus, SearchDocument } from './types.js';

export interface DocumentSource {
  listing: Pick<
    Listing,
    | 'id'
    | 'kind'
    | 'organisationId'
    | 'resultId'
    | 'title'
    | 'summary'
    | 'description'
    | 'field'
    | 'region'
    | 'status'
    | 'pricingMode'
    | 'transactionTypes'
    | 'priceFen'
    | 'deadline'
    | 'publishedAt'
    | 'version'
  >;
  organisation: Pick<Organisation, 'name'>;
  /** The offered result (supply listings); null for demands. */
  result: Pick<Result, 'id' | 'title' | 'securityClass' | 'maturity'> | null;
  ipItems: ReadonlyArray<Pick<ResultIpItem, 'number' | 'title'>>;
  /** The result is in the pay-later pool now (先用后付成果池, 措施五); supply only. */
  inPool?: boolean;
}

const PUBLIC = new Set<string>(PUBLIC_LISTING_STATUSES);

export function isSearchable(status: string): status is PublicListingStatus {
  return PUBLIC.has(status);
}

/** Weighted text of a document, in priority order: A title, B summary/owner/result/IP, C description, D labels. */
export type TextWeight = 'A' | 'B' | 'C' | 'D';

export function documentTexts(
  doc: Pick<
    SearchDocument,
    | 'title'
    | 'summary'
    | 'organisationName'
    | 'resultTitle'
    | 'ipNumbers'
    | 'ipTitles'
    | 'description'
    | 'field'
    | 'region'
  >,
): Array<{ text: string; weight: TextWeight }> {
  const texts: Array<{ text: string; weight: TextWeight }> = [
    { text: doc.title, weight: 'A' },
    { text: doc.summary, weight: 'B' },
    { text: doc.organisationName, weight: 'B' },
    { text: doc.resultTitle ?? '', weight: 'B' },
    { text: doc.ipNumbers.join(' '), weight: 'B' },
    ...doc.ipTitles.map((text) => ({ text, weight: 'B' as const })),
    { text: `${INDUSTRY_FIELD_LABELS[doc.field]} ${REGION_LABELS[doc.region]}`, weight: 'D' },
    { text: doc.description, weight: 'C' },
  ];
  // A result or patent titled like the listing adds nothing but work.
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = t.text.trim();
    if (key.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A document's text segmented once, for the postgres engine (no jieba words, only run-final bigrams). */
export interface DocumentAnalysis extends Analysis {
  /** The normalised, capped text the positions refer to. */
  text: string;
  weights: TextWeight[];
  /** Characters of the (normalised) title, which comes first. */
  titleLength: number;
  /** Characters of the title and the summary that follows it (their words are indexed as pinyin too). */
  headLength: number;
}

// A document's analysis, kept for the engines that read it more than once (Meilisearch's schema and
// keywords). Documents are treated as immutable once built.
const analyses = new WeakMap<SearchDocument, DocumentAnalysis>();

function analyzeTexts(texts: Array<{ text: string; weight: TextWeight }>): DocumentAnalysis {
  let text = '';
  const ends: number[] = [];
  const spanWeights: TextWeight[] = [];
  for (const part of texts) {
    if (text.length > 0) text += '\n';
    text += normalizeText(part.text);
    ends.push(text.length);
    spanWeights.push(part.weight);
    if (text.length >= MAX_INDEXED_CHARS) break;
  }
  text = truncate(text, MAX_INDEXED_CHARS);
  // Only what the postgres engine indexes; keywords are derived separately (see buildSearchDocument).
  const analysis = analyzeNormalized(text, { jieba: false, allBigrams: false });
  // Positions are code point offsets and ends UTF-16 offsets; they differ only after astral
  // characters, where a weight may shift by a character: harmless for ranking.
  const weights = analysis.positions.map((pos) => {
    let span = 0;
    while (span < ends.length - 1 && pos >= ends[span]!) span++;
    return spanWeights[span] ?? 'C';
  });
  const titleLength = spanWeights[0] === 'A' ? (ends[0] ?? 0) : 0;
  const headLength = titleLength > 0 && spanWeights[1] === 'B' ? (ends[1] ?? titleLength) : titleLength;
  const { lexemes, positions, flags } = analysis;
  return { lexemes, positions, flags, text, weights, titleLength, headLength: Math.min(headLength, text.length) };
}

/** The segmented text of a document (computed once per document object, and kept with it). */
export function analyzeDocument(doc: SearchDocument): DocumentAnalysis {
  let analysis = analyses.get(doc);
  if (!analysis) {
    analysis = analyzeTexts(documentTexts(doc));
    analyses.set(doc, analysis);
  }
  return analysis;
}

/**
 * The segmented text of a document for a single use (the postgres engine's vector): the kept one
 * if there is one, otherwise computed and not kept. A rebuild builds its documents a page ahead of
 * their vectors; analyses kept from building to writing outlived the young generation (~26 KB a
 * document, 500 at a time), and copying and promoting them was most of the rebuild's garbage
 * collection — a third of Node's CPU (search/README.md, Benchmark).
 */
export function analyzeDocumentOnce(doc: SearchDocument): DocumentAnalysis {
  return analyses.get(doc) ?? analyzeTexts(documentTexts(doc));
}

/**
 * The searchable document of a listing, or null when it must not be searchable: a non-public
 * status, or (措施十五) a supply listing whose result is classified.
 */
export function buildSearchDocument(src: DocumentSource): SearchDocument | null {
  const { listing, organisation, result } = src;
  if (!isSearchable(listing.status)) return null;
  if (listing.kind === 'supply') {
    if (!result) return null;
    // 措施十五: 涉密成果 never reaches public search, whatever the listing's state.
    if (result.securityClass === 'classified') return null;
  }
  const supply = listing.kind === 'supply' && result !== null;
  const doc: Omit<SearchDocument, 'keywords'> = {
    id: listing.id,
    kind: listing.kind,
    organisationId: listing.organisationId,
    organisationName: organisation.name,
    title: listing.title,
    summary: listing.summary,
    description: listing.description,
    resultId: supply ? result.id : null,
    resultTitle: supply ? result.title : null,
    ipNumbers: supply ? src.ipItems.map((i) => i.number).filter((n) => n.length > 0) : [],
    ipTitles: supply ? src.ipItems.map((i) => i.title).filter((t) => t.length > 0) : [],
    field: listing.field,
    region: listing.region,
    pricingMode: listing.kind === 'supply' ? listing.pricingMode : null,
    transactionTypes: [...listing.transactionTypes],
    status: listing.status,
    maturity: supply ? result.maturity : null,
    priceFen: listing.priceFen,
    deadline: listing.deadline ? listing.deadline.toISOString() : null,
    publishedAt: listing.publishedAt ? listing.publishedAt.toISOString() : null,
    version: listing.version,
    inPool: supply && src.inPool === true,
  };
  const built = { ...doc } as SearchDocument;
  // keywords are computed on first read: the postgres engine never reads them, and segmenting for
  // them (jieba, every bigram) would double the time it takes to build a document. JSON, spreads and
  // engines see a plain array. The analysis itself waits for its first use too (analyzeDocument).
  let keywords: string[] | undefined;
  Object.defineProperty(built, 'keywords', {
    enumerable: true,
    configurable: true,
    get: () => (keywords ??= lexemesOf(analyzeNormalized(analyzeDocument(built).text))),
    set: (value: string[]) => {
      keywords = value;
    },
  });
  return built;
}

/**
 * Whether a listing's result is in the pay-later pool now: an entry not removed, the result public
 * and not converted — the same visibility as the pool's own pages (server/pool/service.ts).
 */
export const IN_POOL = sql<boolean>`exists (select 1 from pool_entries pe
  where pe.result_id = ${listings.resultId} and pe.removed_at is null
    and ${results.securityClass} = 'public' and ${results.status} <> 'converted')`.mapWith(Boolean);

/** Builds documents for many listings with three queries; ids that are not searchable map to null. */
export async function loadSearchDocuments(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, SearchDocument | null>> {
  const out = new Map<string, SearchDocument | null>(ids.map((id) => [id, null]));
  if (ids.length === 0) return out;
  // Explicit columns: the document depends on these alone.
  const rows = await db
    .select({
      listing: {
        id: listings.id,
        kind: listings.kind,
        organisationId: listings.organisationId,
        resultId: listings.resultId,
        title: listings.title,
        summary: listings.summary,
        description: listings.description,
        field: listings.field,
        region: listings.region,
        status: listings.status,
        pricingMode: listings.pricingMode,
        transactionTypes: listings.transactionTypes,
        priceFen: listings.priceFen,
        deadline: listings.deadline,
        publishedAt: listings.publishedAt,
        version: listings.version,
      },
      organisationName: organisations.name,
      inPool: IN_POOL,
      result: {
        id: results.id,
        title: results.title,
        securityClass: results.securityClass,
        maturity: results.maturity,
      },
    })
    .from(listings)
    .innerJoin(organisations, eq(organisations.id, listings.organisationId))
    .leftJoin(results, eq(results.id, listings.resultId))
    // One array parameter rather than a thousand: cheaper to send and to plan.
    .where(sql`${listings.id} = any(${sql.param([...ids])}::uuid[])`);
  const resultIds = rows.map((r) => r.result?.id).filter((id): id is string => id !== undefined);
  const items =
    resultIds.length === 0
      ? []
      : await db
          .select({ resultId: resultIpItems.resultId, number: resultIpItems.number, title: resultIpItems.title })
          .from(resultIpItems)
          .where(sql`${resultIpItems.resultId} = any(${sql.param(resultIds)}::uuid[])`)
          .orderBy(asc(resultIpItems.resultId), asc(resultIpItems.position));
  const itemsByResult = new Map<string, Array<{ number: string; title: string }>>();
  for (const item of items) {
    const list = itemsByResult.get(item.resultId) ?? [];
    list.push(item);
    itemsByResult.set(item.resultId, list);
  }
  for (const row of rows) {
    out.set(
      row.listing.id,
      buildSearchDocument({
        listing: row.listing,
        organisation: { name: row.organisationName },
        result: row.result,
        ipItems: row.result ? (itemsByResult.get(row.result.id) ?? []) : [],
        inPool: row.inPool,
      }),
    );
  }
  return out;
}

/** The searchable document of one listing, or null (missing, not public, or classified). */
export async function loadSearchDocument(db: DbOrTx, listingId: string): Promise<SearchDocument | null> {
  return (await loadSearchDocuments(db, [listingId])).get(listingId) ?? null;
}

/** Every searchable document, in batches by listing id (for full rebuilds). */
export async function* allSearchDocuments(db: DbOrTx, batchSize = 500): AsyncGenerator<SearchDocument[]> {
  const fetchPage = async (after: string | null) => {
    const page: Array<{ id: string }> = await db
      .select({ id: listings.id })
      .from(listings)
      .where(
        after === null
          ? inArray(listings.status, [...PUBLIC_LISTING_STATUSES])
          : and(inArray(listings.status, [...PUBLIC_LISTING_STATUSES]), gt(listings.id, after)),
      )
      .orderBy(asc(listings.id))
      .limit(batchSize);
    const docs =
      page.length === 0
        ? new Map()
        : await loadSearchDocuments(
            db,
            page.map((p) => p.id),
          );
    return { count: page.length, last: page[page.length - 1]?.id ?? null, docs };
  };
  // The next page loads while the caller works on this one.
  let next = fetchPage(null);
  for (;;) {
    const page = await next;
    if (page.count === 0) return;
    const more = page.count === batchSize;
    if (more) {
      next = fetchPage(page.last);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
    }
    const batch = [...page.docs.values()].filter((d): d is SearchDocument => d !== null);
    if (batch.length > 0) yield batch;
    if (!more) return;
  }
}
