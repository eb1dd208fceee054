import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { PUBLIC_LISTING_STATUSES, LISTING_STATUSES } from '../../domain/constants/listings.js';
import {
  allSearchDocuments,
  buildSearchDocument,
  loadSearchDocument,
  loadSearchDocuments,
  type DocumentSource,
} from '../../search/document.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

function source(
  overrides: Partial<DocumentSource['listing']> = {},
  result: Partial<NonNullable<DocumentSource['result']>> | null = {},
): DocumentSource {
  return {
    listing: {
      id: randomUUID(),
      kind: 'supply',
      organisationId: randomUUID(),
      resultId: randomUUID(),
      title: '高能量密度锂电池正极材料',
      summary: '比容量210mAh/g',
      description: '采用共沉淀工艺',
      field: 'new_energy',
      region: 'dalian',
      status: 'listed',
      pricingMode: 'fixed',
      transactionTypes: ['transfer'],
      priceFen: 1_000_000,
      deadline: null,
      publishedAt: new Date('2025-01-02T03:04:05Z'),
      version: 3,
      ...overrides,
    },
    organisation: { name: '大连理工大学' },
    result:
      result === null
        ? null
        : { id: randomUUID(), title: '锂电池正极成果', securityClass: 'public', maturity: 'pilot', ...result },
    ipItems: [{ number: 'ZL202310123456.7', title: '一种正极材料' }],
  };
}

describe('buildSearchDocument', () => {
  it('builds the document of a public supply listing', () => {
    const doc = buildSearchDocument(source())!;
    expect(doc).toMatchObject({
      kind: 'supply',
      organisationName: '大连理工大学',
      resultTitle: '锂电池正极成果',
      ipNumbers: ['ZL202310123456.7'],
      ipTitles: ['一种正极材料'],
      pricingMode: 'fixed',
      maturity: 'pilot',
      publishedAt: '2025-01-02T03:04:05.000Z',
      version: 3,
      inPool: false,
    });
    expect(doc.keywords).toEqual(expect.arrayContaining(['锂电', '电池', '锂电池', 'zl202310123456.7', '大连']));
  });

  it('serialises keywords like any other field', () => {
    const doc = buildSearchDocument(source())!;
    const json = JSON.parse(JSON.stringify(doc)) as { keywords: string[] };
    expect(json.keywords).toEqual(doc.keywords);
    expect({ ...doc }.keywords).toEqual(doc.keywords);
  });

  it('措施十五: a classified result yields no document, whatever the status', () => {
    for (const status of PUBLIC_LISTING_STATUSES) {
      expect(buildSearchDocument(source({ status }, { securityClass: 'classified' }))).toBeNull();
    }
    expect(buildSearchDocument(source({}, { securityClass: 'restricted' }))).not.toBeNull();
  });

  it('yields no document outside public statuses', () => {
    for (const status of LISTING_STATUSES) {
      const doc = buildSearchDocument(source({ status }));
      expect(doc === null).toBe(!(PUBLIC_LISTING_STATUSES as readonly string[]).includes(status));
    }
  });

  it('yields no document for a supply listing without its result', () => {
    expect(buildSearchDocument(source({}, null))).toBeNull();
  });

  it('builds a demand without supply-only fields', () => {
    const deadline = new Date('2030-01-01T00:00:00Z');
    const doc = buildSearchDocument(
      source({ kind: 'demand', status: 'open', pricingMode: null, resultId: null, deadline }, null),
    )!;
    expect(doc).toMatchObject({
      kind: 'demand',
      pricingMode: null,
      maturity: null,
      resultTitle: null,
      ipNumbers: [],
      deadline: deadline.toISOString(),
    });
  });
});

describe('loading documents from PostgreSQL', () => {
  let testDb: TestDatabase;
  let database: Database;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase(testDb.url, 2);
    const { db } = database;
    const org = await db.execute<{ id: string }>(sql`insert into organisations
        (kind, name, credit_code, region, institution_type, affiliation, verification_status)
        values ('institution', '东北大学', '12210000MB0123456X', 'shenyang', 'university', 'provincial', 'verified') returning id`);
    const orgId = org.rows[0]!.id;
    const enterprise = await db.execute<{ id: string }>(sql`insert into organisations
        (kind, name, credit_code, region, size_class, ownership_type, verification_status)
        values ('enterprise', '沈阳机床有限公司', '91210000MA0123456X', 'shenyang', 'small', 'private', 'verified') returning id`);
    const result = await db.execute<{
      id: string;
    }>(sql`insert into results (institution_id, title, summary, field, maturity)
        values (${orgId}, '五轴数控机床误差补偿', '几何误差建模', 'advanced_equipment', 'industrialised') returning id`);
    const resultId = result.rows[0]!.id;
    await db.execute(sql`insert into result_ip_items (result_id, type, number, title, position) values
        (${resultId}, 'invention_patent', 'ZL202110000002.2', '第二项', 1),
        (${resultId}, 'invention_patent', 'ZL202110000001.1', '第一项', 0)`);
    const insert = async (status: string, kind = 'supply') => {
      const row = await db.execute<{ id: string }>(sql`insert into listings
          (kind, organisation_id, result_id, title, summary, field, region, status, pricing_mode, transaction_types,
           license_scope, price_fen, deadline, published_at)
          values (${kind}, ${kind === 'supply' ? orgId : enterprise.rows[0]!.id}, ${kind === 'supply' ? resultId : null},
            ${`数控机床${status}`}, '摘要', 'advanced_equipment', 'shenyang', ${status},
            ${kind === 'supply' ? 'negotiable' : null}, ${kind === 'supply' ? '{license}' : '{}'},
            ${kind === 'supply' ? 'non_exclusive' : null}, 500000,
            ${kind === 'demand' ? sql`now() + interval '30 days'` : null}, now()) returning id`);
      return row.rows[0]!.id;
    };
    ids.showcase = await insert('showcase');
    ids.draft = await insert('draft');
    ids.open = await insert('open', 'demand');
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('loads a listing with its organisation, result and IP items in order', async () => {
    const doc = await loadSearchDocument(database.db, ids.showcase!);
    expect(doc).toMatchObject({
      id: ids.showcase,
      organisationName: '东北大学',
      resultTitle: '五轴数控机床误差补偿',
      ipNumbers: ['ZL202110000001.1', 'ZL202110000002.2'],
      maturity: 'industrialised',
      transactionTypes: ['license'],
      priceFen: 500000,
    });
  });

  it('returns null for missing and non-public listings', async () => {
    expect(await loadSearchDocument(database.db, randomUUID())).toBeNull();
    expect(await loadSearchDocument(database.db, ids.draft!)).toBeNull();
    const many = await loadSearchDocuments(database.db, [ids.showcase!, ids.draft!, ids.open!]);
    expect([...many.entries()].map(([id, d]) => [id, d?.kind ?? null])).toEqual([
      [ids.showcase, 'supply'],
      [ids.draft, null],
      [ids.open, 'demand'],
    ]);
  });

  it('iterates every searchable listing in batches', async () => {
    const seen: string[] = [];
    for await (const batch of allSearchDocuments(database.db, 1)) seen.push(...batch.map((d) => d.id));
    expect(seen.sort()).toEqual([ids.showcase!, ids.open!].sort());
  });
});
