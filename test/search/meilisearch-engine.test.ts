import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { matchingStrategy, pinyinQueryText, quoteFilterValue } from '../../search/meili-query.js';
import { meilisearchSettings, toMeili } from '../../search/meili-schema.js';
import { parseQuery, STOP_CHARS, STOP_WORDS } from '../../search/query-parser.js';
import { meilisearchSynonyms } from '../../search/synonyms.js';
import { corpusDocuments } from './corpus.js';
import { MeilisearchEngine } from '../../search/meilisearch-engine.js';
import { createTestDatabase } from '../helpers/db.js';
import { runEngineContract } from './contract.js';

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY ?? null;

describe('meilisearch filter values', () => {
  it('are quoted with quotes and backslashes escaped', () => {
    expect(quoteFilterValue('supply')).toBe('"supply"');
    expect(quoteFilterValue('a" OR kind = "b')).toBe('"a\\" OR kind = \\"b"');
    expect(quoteFilterValue('x\\')).toBe('"x\\\\"');
  });
});

describe('meilisearch settings payload (sent by init and rebuild; every setting documented in v1.15)', () => {
  it('is exactly this', () => {
    const text = ['title', 'keywords', 'summary', 'organisationName', 'resultTitle', 'ipTitles', 'description'];
    expect(meilisearchSettings()).toEqual({
      searchableAttributes: [
        'title',
        'keywords',
        'summary',
        'organisationName',
        'resultTitle',
        'ipNumbers',
        'ipTitles',
        'description',
        'pinyin',
      ],
      filterableAttributes: [
        'id',
        'kind',
        'field',
        'region',
        'pricingMode',
        'status',
        'transactionTypes',
        'maturity',
        'priceFen',
        'inPool',
      ],
      sortableAttributes: ['publishedAtTs', 'priceFen', 'deadlineTs'],
      localizedAttributes: [{ attributePatterns: text, locales: ['cmn'] }],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAtTs:desc'],
      typoTolerance: { disableOnNumbers: true, disableOnAttributes: ['ipNumbers', 'keywords', 'pinyin'] },
      synonyms: meilisearchSynonyms(),
      stopWords: [...STOP_WORDS, ...STOP_CHARS].sort(),
      pagination: { maxTotalHits: 10_000 },
      faceting: { maxValuesPerFacet: 100 },
    });
  });

  it('carries the thesaurus as synonyms and the parser stop list as stop words', () => {
    const settings = meilisearchSettings();
    expect(settings.synonyms!['uav']).toEqual(expect.arrayContaining(['无人机']));
    expect(settings.synonyms!['li2co3']).toEqual(['碳酸锂']);
    expect(settings.synonyms!['锂电']).toEqual(['锂离子电池']);
    expect(settings.synonyms!['锂离子电池']).not.toContain('锂电');
    expect(Object.keys(settings.synonyms!).length).toBeGreaterThan(800);
    expect(settings.stopWords).toEqual(expect.arrayContaining(['的', '我们', '有没有', '怎么', '哪些', '需要']));
  });

  it('stores the pinyin of title and summary words, and asks for pinyin after an empty search', () => {
    const doc = toMeili(corpusDocuments(new Date())[0]!);
    expect(doc.pinyin).toEqual(expect.arrayContaining(['lidianchi', 'dianchi', 'ldc']));
    expect(pinyinQueryText(parseQuery('锂电驰'))).toBe('lidianchi');
    expect(pinyinQueryText(parseQuery('5G'))).toBeNull();
    expect(matchingStrategy(parseQuery('锂电池'))).toBe('all');
    expect(matchingStrategy(parseQuery('大连 锂电池'))).toBe('all');
    expect(matchingStrategy(parseQuery('我们工厂的铸件打磨粉尘很大，想找能替代人工打磨的机器人'))).toBe('frequency');
  });
});

describe('meilisearch engine without a server', () => {
  it('reports an unreachable server as a typed 503, not a crash', async () => {
    // Port 9 (discard) has nothing listening here: the connection is refused at once.
    const engine = new MeilisearchEngine({ host: 'http://127.0.0.1:9', requestTimeoutMs: 2_000 });
    const error = await engine.search({ q: '电池' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect((error as AppError).status).toBe(503);
  });

  it('validates the query before calling the server', async () => {
    const engine = new MeilisearchEngine({ host: 'http://127.0.0.1:9' });
    await expect(engine.search({ pageSize: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('meilisearch word counts (the empty page, issue 21)', () => {
  it('sends one multi-search of hitless queries, then the words found nowhere in pinyin, and caps the totals', async () => {
    // A stand-in server answering /multi-search: records each request, and answers per query text.
    const found: Record<string, number> = { 锂电池: 40, 电池: 120, lidianchi: 3 };
    const requests: Array<{ queries: Array<Record<string, unknown>> }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { queries: Array<Record<string, unknown>> };
        requests.push(parsed);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            results: parsed.queries.map((q) => ({
              indexUid: q.indexUid,
              hits: [],
              query: q.q,
              processingTimeMs: 0,
              limit: 0,
              offset: 0,
              estimatedTotalHits: found[String(q.q)] ?? 0,
            })),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const engine = new MeilisearchEngine({ host: `http://127.0.0.1:${port}`, indexUid: 'listings' });
      expect(await engine.wordCounts(['锂电池', '电池', '锂电驰', '饕餮', '的'], 100)).toEqual([40, 100, 3, 0, 0]);
      expect(requests.map((r) => r.queries)).toEqual([
        // The query text is the parser's words, as a search sends it (锂电驰 is cut as 锂电 + 驰).
        ['锂电池', '电池', '锂电 驰', '饕餮'].map((q) => ({
          indexUid: 'listings',
          q,
          matchingStrategy: 'all',
          locales: ['cmn'],
          limit: 0,
        })),
        [
          { indexUid: 'listings', q: 'lidianchi', matchingStrategy: 'all', locales: ['cmn'], limit: 0 },
          { indexUid: 'listings', q: 'taotie', matchingStrategy: 'all', locales: ['cmn'], limit: 0 },
        ],
      ]);
      requests.length = 0;
      expect(await engine.wordCounts(['锂电池', '电池'])).toEqual([1, 1]);
      expect(requests).toHaveLength(1);
      requests.length = 0;
      expect(await engine.wordCounts(['的'])).toEqual([0]);
      expect(requests).toHaveLength(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.skipIf(!host)('meilisearch engine (MEILI_HOST)', () => {
  runEngineContract('meilisearch', async () => {
    const testDb = await createTestDatabase();
    const database = createDatabase(testDb.url, 4);
    const indexUid = `test_${randomBytes(6).toString('hex')}`;
    return {
      engine: new MeilisearchEngine({ host: host!, apiKey, indexUid }),
      db: database.db,
      teardown: async () => {
        const client = new Meilisearch({ host: host!, ...(apiKey ? { apiKey } : {}) });
        await client.deleteIndexIfExists(indexUid);
        await database.close();
        await testDb.drop();
      },
    };
  });

  it('answers a health check', async () => {
    const client = new Meilisearch({ host: host!, ...(apiKey ? { apiKey } : {}) });
    expect(await client.isHealthy()).toBe(true);
  });
});
