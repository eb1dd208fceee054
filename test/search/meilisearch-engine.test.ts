import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { quoteFilterValue } from '../../search/meili-query.js';
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
