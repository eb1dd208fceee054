// The jieba dictionaries (@node-rs/jieba), loaded once and shared: the word dictionary for
// segmenting documents and queries, the IDF table for key terms (matching.ts).
//
// The dictionary files are read when the first document or query needs them and not kept: jieba
// builds its own (native) copy from them. `@node-rs/jieba/dict.js` reads both (11 MB) when imported
// and its module keeps them for the life of the process, in every process that imports search —
// an api that never searches included (issue 17, the idle api's memory).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba, TfIdf } from '@node-rs/jieba';

const dictionaryFile = (name: 'dict.txt' | 'idf.txt'): Buffer =>
  readFileSync(createRequire(import.meta.url).resolve(`@node-rs/jieba/${name}`));

let jieba: Jieba | undefined;
let tfidf: TfIdf | undefined;

/** The jieba instance, loading its dictionary (~250 ms) on first use only. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dictionaryFile('dict.txt'));
  return jieba;
}

export function keywordExtractor(): TfIdf {
  tfidf ??= TfIdf.withDict(dictionaryFile('idf.txt'));
  return tfidf;
}

/** Loads the dictionaries now rather than on the first document or query. */
export function warmUpSegmenter(): void {
  segmenter();
  keywordExtractor();
}
