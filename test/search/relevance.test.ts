// Relevance over a fixed corpus (test/search/corpus.ts): precision@5 per query and on average.
// The bar is documented in search/README.md: mean precision@5 ≥ 0.90, and no query below 0.4.
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { MeilisearchEngine } from '../../search/meilisearch-engine.js';
import { PostgresSearchEngine } from '../../search/postgres-engine.js';
import type { SearchEngine } from '../../search/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { CORPUS, corpusDocuments, corpusKey, RELEVANCE_QUERIES } from './corpus.js';

const MEAN_PRECISION_BAR = 0.9;
const QUERY_PRECISION_FLOOR = 0.4;

const host = process.env.MEILI_HOST;

function suite(name: string, make: () => Promise<{ engine: SearchEngine; teardown(): Promise<void> }>) {
  describe(`relevance (${name})`, () => {
    let engine: SearchEngine;
    let teardown: () => Promise<void>;

    beforeAll(async () => {
      ({ engine, teardown } = await make());
      await engine.init();
      await engine.reset();
      await engine.upsert(corpusDocuments(new Date()));
    });

    afterAll(async () => {
      await teardown?.();
    });

    it('has a corpus of at least 100 listings and 40 queries', () => {
      expect(CORPUS.length).toBeGreaterThanOrEqual(100);
      expect(new Set(CORPUS.map((e) => e.field)).size).toBe(14);
      expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(40);
      const keys = new Set(CORPUS.map((e) => e.key));
      for (const q of RELEVANCE_QUERIES) for (const k of q.relevant) expect(keys).toContain(k);
    });

    it(`reaches mean precision@5 ≥ ${MEAN_PRECISION_BAR}`, async () => {
      const rows: Array<{ q: string; precision: number; top: string[] }> = [];
      for (const { q, relevant } of RELEVANCE_QUERIES) {
        const result = await engine.search({ q, pageSize: 5 });
        const top = result.hits.map((h) => corpusKey(h.id));
        const good = top.filter((k) => relevant.includes(k)).length;
        rows.push({ q, precision: good / Math.min(5, relevant.length), top });
      }
      const mean = rows.reduce((s, r) => s + r.precision, 0) / rows.length;
      const misses = rows.filter((r) => r.precision < 1);
      console.log(
        `[relevance ${name}] precision@5 = ${mean.toFixed(3)} over ${rows.length} queries` +
          (misses.length
            ? `; below 1: ${misses.map((r) => `${r.q}=${r.precision.toFixed(2)} [${r.top.join(',')}]`).join('; ')}`
            : ''),
      );
      expect(mean).toBeGreaterThanOrEqual(MEAN_PRECISION_BAR);
      for (const r of rows) expect.soft(r.precision, r.q).toBeGreaterThanOrEqual(QUERY_PRECISION_FLOOR);
    });
  });
}

suite('postgres', async () => {
  const testDb: TestDatabase = await createTestDatabase();
  const database: Database = createDatabase(testDb.url, 3);
  return {
    engine: new PostgresSearchEngine(database.db),
    teardown: async () => {
      await database.close();
      await testDb.drop();
    },
  };
});

describe.skipIf(!host)('meilisearch (MEILI_HOST)', () => {
  suite('meilisearch', async () => {
    const indexUid = `relevance_${randomBytes(6).toString('hex')}`;
    return {
      engine: new MeilisearchEngine({ host: host!, apiKey: process.env.MEILI_API_KEY ?? null, indexUid }),
      teardown: async () => {
        const key = process.env.MEILI_API_KEY;
        await new Meilisearch({ host: host!, ...(key ? { apiKey: key } : {}) }).deleteIndexIfExists(indexUid);
      },
    };
  });
});
