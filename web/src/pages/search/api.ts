// The search endpoints the pages call and the shapes they answer with (search/types.ts is the
// source of truth; only its types and whitelists are imported, nothing that runs on the server).
import type {
  FacetName,
  MatchHit,
  SearchHit,
  SearchResult,
  SearchSort,
  Suggestion,
  TextSegment,
} from '../../../../search/types.js';

export type { FacetName, MatchHit, SearchHit, SearchResult, SearchSort, Suggestion, TextSegment };
export { FACET_NAMES, MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SEARCH_SORTS } from '../../../../search/types.js';

/** Longest query the api accepts (server/search/routes.ts). */
export const MAX_QUERY_LENGTH = 200;
