// The jieba dictionaries (@node-rs/jieba), loaded once and shared: the word dictionary for
// segmenting documents and queries, the IDF table for key terms (matching.ts).

import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
let tfidf: TfIdf | undefined;

/** The jieba instance, loading its dictionary (~250 ms) on first use only. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export function keywordExtractor(): TfIdf {
  tfidf ??= TfIdf.withDict(idf);
  return tfidf;
}

/** Loads the dictionaries now rather than on the first document or query. */
export function warmUpSegmenter(): void {
  segmenter();
  keywordExtractor();
}
