import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.js';
import { createSearchEngine, MeilisearchEngine, PostgresSearchEngine } from '../../search/index.js';

describe('createSearchEngine', () => {
  // No connection is made until a query runs.
  const { db, close } = createDatabase('postgres://postgres@127.0.0.1:5432/unused', 1);

  it('builds the configured engine', async () => {
    expect(createSearchEngine({ searchEngine: 'postgres', meiliHost: null, meiliApiKey: null }, db)).toBeInstanceOf(
      PostgresSearchEngine,
    );
    const meili = createSearchEngine(
      { searchEngine: 'meilisearch', meiliHost: 'http://127.0.0.1:7700', meiliApiKey: 'key' },
      db,
    );
    expect(meili).toBeInstanceOf(MeilisearchEngine);
    expect(meili.name).toBe('meilisearch');
    await close();
  });

  it('refuses Meilisearch without a host', () => {
    expect(() => createSearchEngine({ searchEngine: 'meilisearch', meiliHost: null, meiliApiKey: null }, db)).toThrow(
      /MEILI_HOST/,
    );
  });
});
