// What the Meilisearch engine stores and reads back: the index settings (searchable attributes in
// ranking order, filterable facets, sortable dates, `cmn` tokenisation, ranking rules, typo rules,
// synonyms from synonyms.ts), the document as Meilisearch holds it, and the attributes a hit returns.
// Only the attribute names listed here ever appear in a filter (meili-query.ts).

import type { Settings } from 'meilisearch';
import { analyzeDocument } from './document.js';
import { headPinyin } from './pinyin.js';
import { STOP_CHARS, STOP_WORDS } from './query-parser.js';
import { meilisearchSynonyms } from './synonyms.js';
import { MAX_RESULT_WINDOW, type FacetName, type SearchDocument } from './types.js';

/** What Meilisearch stores: the document, with null fields left out and dates as sortable numbers. */
export type MeiliDocument = Partial<SearchDocument> & {
  id: string;
  publishedAtTs?: number;
  deadlineTs?: number;
  /** Full pinyin of the title's and summary's words and the title words' initials (pinyin.ts). */
  pinyin?: string[];
};

/** Facet name → attribute. Only these attribute names ever appear in a filter. */
export const FACET_ATTRIBUTES: Record<FacetName, string> = {
  kind: 'kind',
  field: 'field',
  region: 'region',
  pricingMode: 'pricingMode',
  status: 'status',
  transactionType: 'transactionTypes',
  maturity: 'maturity',
};

export const HIT_ATTRIBUTES = [
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

/** The index settings (a function: the synonyms follow the thesaurus, operators' edits included). */
export function meilisearchSettings(): Settings {
  return {
    // Order matters: the `attribute` ranking rule prefers matches in earlier attributes (title first);
    // pinyin last, so a pinyin match ranks below every exact one.
    searchableAttributes: [...TEXT_ATTRIBUTES.slice(0, 5), 'ipNumbers', ...TEXT_ATTRIBUTES.slice(5), 'pinyin'],
    filterableAttributes: ['id', ...Object.values(FACET_ATTRIBUTES), 'priceFen', 'inPool'],
    sortableAttributes: ['publishedAtTs', 'priceFen', 'deadlineTs'],
    localizedAttributes: [{ attributePatterns: TEXT_ATTRIBUTES, locales: ['cmn'] }],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAtTs:desc'],
    // Patent numbers must match exactly; Chinese words are short and typos in them are other words.
    typoTolerance: { disableOnNumbers: true, disableOnAttributes: ['ipNumbers', 'keywords', 'pinyin'] },
    synonyms: meilisearchSynonyms(),
    // The query parser's one stop list (query-parser.ts): Meilisearch ignores them in queries too.
    stopWords: [...STOP_WORDS, ...STOP_CHARS].sort(),
    pagination: { maxTotalHits: MAX_RESULT_WINDOW },
    faceting: { maxValuesPerFacet: 100 },
  };
}

export function toMeili(doc: SearchDocument): MeiliDocument {
  const out: MeiliDocument = { id: doc.id };
  for (const [key, value] of Object.entries(doc)) {
    if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  const { text, titleLength, headLength } = analyzeDocument(doc);
  const py = headPinyin(text, titleLength, headLength);
  out.pinyin = [...new Set([...py.body, ...py.initials])];
  if (doc.publishedAt) out.publishedAtTs = Date.parse(doc.publishedAt);
  if (doc.deadline) out.deadlineTs = Date.parse(doc.deadline);
  return out;
}

export type Hit = Record<string, unknown>;

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function orNull<T>(value: unknown): T | null {
  return value === undefined || value === null ? null : (value as T);
}
