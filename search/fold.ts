// Traditional → simplified folding (opencc-js, OpenCC's traditional-to-mainland tables), applied by
// normalizeText at indexing and at query time alike, so 鋰電池 finds 锂电池 and a listing written in
// traditional characters is found by simplified queries. The fold is character by character: a
// table of every traditional character OpenCC maps to one simplified character, built once from the
// converter (~0.5 s, on first use). One character for one keeps offsets stable (the highlighter
// maps hits back to the original text); text with nothing to fold costs one scan.

import { Converter } from 'opencc-js/t2cn';

// UTF-16 unit → its simplified form (0: unchanged). Every folded character is in the BMP.
let table: Uint16Array | null = null;

function build(): Uint16Array {
  const convert = Converter({ from: 't', to: 'cn' });
  const map = new Uint16Array(0x10000);
  // CJK Unified Ideographs and Extension A: every traditional character in OpenCC's tables.
  for (const [from, to] of [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
  ] as const) {
    for (let cp = from; cp <= to; cp++) {
      const folded = convert(String.fromCharCode(cp));
      if (folded.length === 1 && folded.charCodeAt(0) !== cp) map[cp] = folded.charCodeAt(0);
    }
  }
  return map;
}

/** The text with traditional characters replaced by their simplified forms (same length). */
export function foldTraditional(text: string): string {
  const map = (table ??= build());
  let i = 0;
  while (i < text.length && map[text.charCodeAt(i)] === 0) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += String.fromCharCode(map[c] || c);
  }
  return out;
}
