import { describe, expect, it } from 'vitest';
import { highlight, snippet } from '../../search/highlight.js';
import { segmenter, warmUpSegmenter } from '../../search/jieba.js';
import { extractKeywords, keywordsContain } from '../../search/key-terms.js';
import { MAX_QUERY_CHARS, MAX_QUERY_UNITS, minimumShouldMatch, parseQuery } from '../../search/query-parser.js';
import { headWords, initialsOf, pinyinOf } from '../../search/pinyin.js';
import { builtInThesaurus, setThesaurusEntries } from '../../search/synonyms.js';
import { analyzeNormalized, tokenize, TOKEN } from '../../search/segmenter.js';
import { isCjk, normalizeText } from '../../search/text.js';

warmUpSegmenter();

const words = (q: string) => parseQuery(q).units.map((u) => u.text);

describe('normalisation', () => {
  it('folds full-width forms and case', () => {
    expect(normalizeText('ＡＩ，５Ｇ基站　ZL202310123456.7')).toBe('ai,5g基站 zl202310123456.7');
  });

  it('turns control characters into spaces', () => {
    expect(normalizeText('a\u0000b\u0007c\u200bd')).toBe('a b c d');
  });
});

describe('tokenize (document keywords)', () => {
  it('keeps technical terms whole and adds every bigram', () => {
    const t = tokenize('高能量密度锂电池正极材料');
    for (const w of ['锂电', '电池', '锂电池', '正极', '材料', '高能量']) expect(t).toContain(w);
  });

  it('keeps mixed-script terms: 5G基站, AI算法', () => {
    const t = tokenize('5G基站散热用AI算法');
    expect(t).toEqual(expect.arrayContaining(['5g', '基站', 'ai', '算法']));
    expect(t).not.toContain('5');
  });

  it('keeps patent numbers whole, plus the forms people type', () => {
    const t = tokenize('专利号：ZL202310123456.7');
    expect(t).toEqual(
      expect.arrayContaining(['zl202310123456.7', '202310123456.7', '2023101234567', 'zl2023101234567']),
    );
  });

  it('drops punctuation and folds full-width input', () => {
    const t = tokenize('（ＡＩ）！５Ｇ，“电池”；【测试】…');
    expect(t).toEqual(expect.arrayContaining(['ai', '5g', '电池', '测试']));
    for (const token of t) expect(token).toMatch(/^[\p{L}\p{N}._-]+$/u);
  });

  it('splits Latin compounds into their parts', () => {
    expect(tokenize('Ti-6Al-4V钛合金和PM2.5')).toEqual(
      expect.arrayContaining(['ti-6al-4v', 'ti', '6al', '4v', 'pm2.5']),
    );
  });

  it('gives consecutive n-grams consecutive positions', () => {
    const a = analyzeNormalized('锂电池');
    const at = (lexeme: string, flag: number) =>
      a.positions[a.lexemes.findIndex((l, i) => l === lexeme && a.flags[i]! & flag)];
    expect(at('锂电', TOKEN.BIGRAM)).toBe(0);
    expect(at('电池', TOKEN.BIGRAM)).toBe(1);
    expect(at('锂电池', TOKEN.TRIGRAM)).toBe(0);
  });

  it('segments very long text in bounded time (input is capped)', () => {
    const long = '本项目针对新能源汽车动力电池热失控问题，研发了基于多传感器融合的电池管理系统。'.repeat(6_000);
    expect(long.length).toBeGreaterThan(200_000);
    const started = performance.now();
    const t = tokenize(long);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(t).toContain('电池');
  });

  it('handles astral CJK characters', () => {
    expect(tokenize('𠀋𠀌测试')).toEqual(expect.arrayContaining(['𠀋𠀌', '𠀌测', '测试']));
  });
});

describe('parseQuery', () => {
  it('splits a phrase into words and drops function words', () => {
    // 深度学习 is a thesaurus entry (DL, 深度神经网络), so it stays whole.
    expect(words('基于深度学习的缺陷检测')).toEqual(['深度学习', '缺陷', '检测']);
    expect(words('基于图像识别的缺陷检测')).toEqual(['图像', '识别', '缺陷', '检测']);
  });

  it('keeps a lone character with its neighbour (the typed substring)', () => {
    expect(words('热失控')).toEqual(['热失控']);
  });

  it('splits long compounds into dictionary words', () => {
    expect(words('废水处理')).toEqual(['废水', '处理']);
  });

  it('recognises synonym entries across scripts', () => {
    const units = parseQuery('3D打印钛合金').units;
    expect(units[0]!.text).toBe('3d打印');
    expect(units[0]!.words).toContain('增材制造');
    expect(parseQuery('AI').units[0]!.words).toEqual(expect.arrayContaining(['ai', '人工智能']));
    expect(parseQuery('人工智能').units[0]!.words).toEqual(expect.arrayContaining(['人工智能', 'ai']));
  });

  it('does not find a Latin synonym inside a longer word', () => {
    expect(parseQuery('detail').units[0]!.words).toEqual(['detail']);
  });

  it('folds full-width and case in queries', () => {
    expect(words('ＡＩ')).toEqual(['ai']);
    expect(words('５Ｇ基站')).toEqual(['5g', '基站']);
  });

  it('yields no units for punctuation and tsquery syntax', () => {
    expect(parseQuery(`&|!():*'"<->\\`).units).toEqual([]);
  });

  it('caps query length and unit count', () => {
    expect(parseQuery('电池'.repeat(10_000)).text.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).units.length).toBe(MAX_QUERY_UNITS);
  });

  it('marks the last unit as a prefix for autocomplete', () => {
    const units = parseQuery('锂电池 zl2023', { prefixLast: true }).units;
    expect(units.map((u) => u.prefix)).toEqual([false, true]);
  });
});

describe('keywordsContain', () => {
  it('finds a word by its token or by all its bigrams', () => {
    const keywords = new Set(tokenize('高镍锂电池正极与3D打印'));
    expect(keywordsContain(keywords, '锂电池')).toBe(true);
    expect(keywordsContain(keywords, '电池正极')).toBe(true);
    expect(keywordsContain(keywords, '3d打印')).toBe(true);
    expect(keywordsContain(keywords, '燃料电池')).toBe(false);
  });
});

describe('extractKeywords', () => {
  it('returns characteristic multi-character terms, without excluded ones', () => {
    const k = extractKeywords(
      '本项目研发锂电池热失控预警技术，采用气体探测与温度融合的预警算法。',
      5,
      new Set(['技术']),
    );
    expect(k.length).toBeGreaterThan(0);
    for (const { keyword } of k) {
      expect(Array.from(keyword).length).toBeGreaterThan(1);
      expect(keyword).not.toBe('技术');
    }
  });
});

describe('highlight', () => {
  it('marks matched words, mapping back to the original (full-width) text', () => {
    expect(highlight('ＡＩ算法与5G基站', ['ai', '基站'])).toEqual([
      { text: 'ＡＩ', hit: true },
      { text: '算法与5G', hit: false },
      { text: '基站', hit: true },
    ]);
  });

  it('matches Latin words only whole', () => {
    expect(highlight('detail AI', ['ai']).filter((s) => s.hit)).toEqual([{ text: 'AI', hit: true }]);
  });

  it('merges overlapping marks', () => {
    expect(highlight('锂电池', ['锂电', '电池'])).toEqual([{ text: '锂电池', hit: true }]);
  });

  it('cuts long text around the first match', () => {
    const text = `${'无关内容'.repeat(50)}锂电池${'其他内容'.repeat(50)}`;
    const s = snippet(text, ['锂电池'], 60);
    expect(s[0]).toEqual({ text: '…', hit: false });
    expect(s[s.length - 1]).toEqual({ text: '…', hit: false });
    expect(s.some((x) => x.hit && x.text === '锂电池')).toBe(true);
    expect(s.map((x) => x.text).join('').length).toBeLessThanOrEqual(62);
  });

  it('returns text as data, never markup', () => {
    expect(highlight('<script>电池</script>', ['电池'])).toEqual([
      { text: '<script>', hit: false },
      { text: '电池', hit: true },
      { text: '</script>', hit: false },
    ]);
  });
});

describe('how people ask (issue 21)', () => {
  const words = (q: string) => parseQuery(q).units.map((u) => u.text);

  it('drops the boilerplate of a sentence and keeps its key terms', () => {
    expect(words('我们想给储能电站配一套全钒液流电池，哪些单位有这个技术？')).toEqual(['储能', '电站', '全钒液流电池']);
    expect(words('我们医院想开展骨科手术机器人辅助置钉，有没有成熟的产品')).toContain('置钉');
  });

  it('drops 技术 unless it is the only word, and treats function words alone as no query', () => {
    expect(words('焊接技术')).toEqual(['焊接']);
    expect(words('技术')).toEqual(['技术']);
    for (const q of ['的', '我们 有没有 怎么', '的和与', '？！，']) expect(words(q)).toEqual([]);
  });

  it('folds traditional characters to simplified', () => {
    expect(words('鋰電池')).toEqual(['锂电池']);
    expect(normalizeText('區塊鏈 數控機床')).toBe('区块链 数控机床');
  });

  it('requires all of one or two words and a share of longer queries', () => {
    expect([1, 2, 3, 4, 6, 7, 9, 12].map(minimumShouldMatch)).toEqual([1, 2, 2, 2, 2, 3, 3, 4]);
  });

  it('has a thesaurus of at least 300 entries with abbreviations, formulas and English terms', () => {
    expect(builtInThesaurus().length).toBeGreaterThanOrEqual(300);
    expect(parseQuery('Li2CO3').units[0]!.words).toContain('碳酸锂');
    expect(parseQuery('UAV').units[0]!.words).toContain('无人机');
    expect(parseQuery('graphene').units[0]!.words).toContain('石墨烯');
    // One-way: 锂电 finds 锂离子电池, not the reverse.
    expect(parseQuery('锂离子电池').units[0]!.words).not.toContain('锂电');
  });

  it('parses a query again once the thesaurus changes (plans are kept per text)', () => {
    expect(parseQuery('钛酸锶钡陶瓷').units.flatMap((u) => u.words)).not.toContain('bst陶瓷');
    try {
      setThesaurusEntries([...builtInThesaurus(), { words: ['钛酸锶钡陶瓷', 'bst陶瓷'], oneWay: false }]);
      expect(parseQuery('钛酸锶钡陶瓷').units.flatMap((u) => u.words)).toContain('bst陶瓷');
    } finally {
      setThesaurusEntries(builtInThesaurus());
    }
    expect(parseQuery('钛酸锶钡陶瓷').units.flatMap((u) => u.words)).not.toContain('bst陶瓷');
  });

  it('spells words in pinyin and initials', () => {
    expect(pinyinOf('锂电池')).toBe('lidianchi');
    expect(pinyinOf('锂电驰')).toBe('lidianchi');
    expect(initialsOf('电池')).toBe('dc');
  });

  it("finds a head's words piece by piece exactly as jieba finds them in the whole head", () => {
    const heads = [
      '高能量密度锂离子电池正极材料\n面向新能源汽车的三元正极材料，循环寿命超过2000次。',
      '5g基站射频芯片(国产化)—替代进口;样品已通过测试!',
      'ti-6al-4v钛合金3d打印工艺 zl202310123456.7 专利许可',
      '石墨烯导热膜/散热方案、量产线《技术白皮书》',
      '企业需求：寻求工业机器人视觉检测合作伙伴？ 预算50万元',
      '单',
    ];
    for (const head of heads.map((h) => normalizeText(h))) {
      const whole = segmenter()
        .cutForSearch(head, true)
        .filter((word) => word.length >= 2 && isCjk(word));
      // Twice: the second time from the cache.
      expect(headWords(head), head).toEqual(whole);
      expect(headWords(head), head).toEqual(whole);
    }
  });
});
