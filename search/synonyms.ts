// Synonyms, applied at QUERY time only (both engines): a query word in a group also matches the
// other words of its group. Query-time expansion means changing this table needs no reindex. The
// Meilisearch engine also sends the table as the index's `synonyms` setting. Entries are in the
// segmenter's normalised form (NFKC, lower case).

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['人工智能', 'ai'],
  ['锂电池', '锂离子电池'],
  ['新能源汽车', '电动汽车'],
  ['物联网', 'iot'],
  ['增材制造', '3d打印'],
  ['集成电路', 'ic'],
  ['虚拟现实', 'vr'],
  ['无人机', '无人驾驶航空器'],
  ['微机电系统', 'mems'],
  ['可编程逻辑控制器', 'plc'],
  ['电池管理系统', 'bms'],
  ['光伏', '太阳能电池'],
  ['5g', '第五代移动通信'],
];

// One-way: a query for the key also finds the values, not the reverse (锂电 is broader than 锂电池).
export const ONE_WAY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  锂电: ['锂离子电池'],
};

const byWord = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    byWord.set(
      word,
      group.filter((w) => w !== word),
    );
  }
}
for (const [word, expansions] of Object.entries(ONE_WAY_SYNONYMS)) {
  byWord.set(word, [...new Set([...(byWord.get(word) ?? []), ...expansions])]);
}
const keysByLength = [...byWord.keys()].sort((a, b) => b.length - a.length);

/** The other words of `word`'s group (none when it has no group). */
export function expandSynonyms(word: string): readonly string[] {
  return byWord.get(word) ?? [];
}

/** Every word of the table, longest first (so 新能源汽车 is found before shorter entries). */
export function synonymKeysByLength(): readonly string[] {
  return keysByLength;
}

/** The table in Meilisearch's `synonyms` setting shape (a word maps to what it also finds). */
export function meilisearchSynonyms(): Record<string, string[]> {
  return Object.fromEntries([...byWord.entries()].map(([k, v]) => [k, [...v]]));
}
