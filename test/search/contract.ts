// The contract every search engine must keep (DESIGN.md §7). Run by postgres-engine.test.ts and
// meilisearch-engine.test.ts against the real engines.

import { emptyPageHelp } from '../../search/empty-page.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import type {
  IndustryField,
  ListingKind,
  ListingStatus,
  PricingMode,
  TransactionType,
} from '../../domain/constants/listings.js';
import type { Maturity } from '../../domain/constants/results.js';
import type { Region } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { buildSearchDocument } from '../../search/document.js';
import { indexListing } from '../../search/indexing.js';
import { FACET_VALUES } from '../../search/query.js';
import type { FacetName, SearchDocument, SearchEngine, SearchQuery, SearchResult } from '../../search/types.js';

export interface ContractContext {
  engine: SearchEngine;
  /** A migrated database of this test file (listings for the document-builder cases). */
  db: Db;
  teardown(): Promise<void>;
}

interface Spec {
  kind?: ListingKind;
  title: string;
  summary?: string;
  description?: string;
  field?: IndustryField;
  region?: Region;
  status?: ListingStatus;
  pricingMode?: PricingMode | null;
  transactionTypes?: TransactionType[];
  maturity?: Maturity;
  priceFen?: number | null;
  deadline?: Date | null;
  publishedAt?: Date;
  ipNumbers?: string[];
  organisation?: string;
  version?: number;
  id?: string;
}

const DAY = 86_400_000;
const NOW = Date.now();

export function makeDocument(spec: Spec): SearchDocument {
  const kind = spec.kind ?? 'supply';
  const doc = buildSearchDocument({
    listing: {
      id: spec.id ?? randomUUID(),
      kind,
      organisationId: randomUUID(),
      resultId: kind === 'supply' ? randomUUID() : null,
      title: spec.title,
      summary: spec.summary ?? `${spec.title}的简介`,
      description: spec.description ?? '',
      field: spec.field ?? 'new_energy',
      region: spec.region ?? 'dalian',
      status: spec.status ?? (kind === 'supply' ? 'listed' : 'open'),
      pricingMode: kind === 'supply' ? (spec.pricingMode ?? 'fixed') : null,
      transactionTypes: kind === 'supply' ? (spec.transactionTypes ?? ['transfer']) : [],
      priceFen: spec.priceFen === undefined ? 1_000_000 : spec.priceFen,
      deadline: spec.deadline ?? null,
      publishedAt: spec.publishedAt ?? new Date(NOW - 10 * DAY),
      version: spec.version ?? 1,
    },
    organisation: { name: spec.organisation ?? '大连理工大学' },
    result:
      kind === 'supply'
        ? { id: randomUUID(), title: spec.title, securityClass: 'public', maturity: spec.maturity ?? 'pilot' }
        : null,
    ipItems: (spec.ipNumbers ?? []).map((number) => ({ number, title: '' })),
  });
  if (!doc) throw new Error(`not searchable: ${spec.title}`);
  return doc;
}

// prettier-ignore
const FIXTURES: Spec[] = [
  { title: '高能量密度锂电池正极材料', field: 'new_energy', region: 'dalian', pricingMode: 'fixed', transactionTypes: ['transfer', 'license'], priceFen: 5_000_000, maturity: 'pilot', publishedAt: new Date(NOW - 1 * DAY), ipNumbers: ['ZL202310123456.7'] },
  { title: '钠离子电池储能系统', field: 'new_energy', region: 'shenyang', pricingMode: 'negotiable', transactionTypes: ['license'], priceFen: null, maturity: 'prototype', publishedAt: new Date(NOW - 2 * DAY) },
  { title: '氢燃料电池电堆', field: 'new_energy', region: 'dalian', pricingMode: 'auction', transactionTypes: ['equity'], priceFen: 20_000_000, maturity: 'pilot', status: 'auction', publishedAt: new Date(NOW - 3 * DAY) },
  { title: '5G基站天线阵列', field: 'electronic_information', region: 'dalian', pricingMode: 'negotiated', transactionTypes: ['transfer'], priceFen: 8_000_000, maturity: 'industrialised', publishedAt: new Date(NOW - 4 * DAY) },
  { title: '工业机器人视觉检测系统', field: 'robotics_automation', region: 'anshan', pricingMode: 'fixed', transactionTypes: ['transfer', 'license', 'equity'], priceFen: 3_000_000, maturity: 'lab', status: 'showcase', publishedAt: new Date(NOW - 5 * DAY) },
  { title: '碳纤维复合材料', field: 'new_materials', region: 'shenyang', pricingMode: 'fixed', transactionTypes: ['transfer'], priceFen: 12_000_000, maturity: 'industrialised', status: 'converted', publishedAt: new Date(NOW - 6 * DAY) },
  { kind: 'demand', title: '寻求锂电池热失控预警技术', summary: '储能柜锂电池鼓包，需要热失控预警方案', field: 'new_energy', region: 'dalian', priceFen: 800_000, deadline: new Date(NOW + 30 * DAY), publishedAt: new Date(NOW - 7 * DAY) },
  { kind: 'demand', title: '机器人焊接工作站集成需求', field: 'robotics_automation', region: 'shenyang', priceFen: 9_000_000, deadline: new Date(NOW + 10 * DAY), publishedAt: new Date(NOW - 8 * DAY) },
  { kind: 'demand', title: '5G专网矿山应用方案征集', field: 'electronic_information', region: 'fuxin', priceFen: 4_000_000, deadline: new Date(NOW + 60 * DAY), status: 'selecting', publishedAt: new Date(NOW - 9 * DAY) },
  { kind: 'demand', title: '人工智能排产优化需求', field: 'advanced_equipment', region: 'shenyang', priceFen: null, deadline: null, publishedAt: new Date(NOW - 11 * DAY) },
];

/** What a filter-only query must return, by brute force over the fixtures. */
function expected(docs: SearchDocument[], q: SearchQuery, except?: FacetName): SearchDocument[] {
  const pass = (d: SearchDocument, name: FacetName, value: string | undefined) => {
    if (value === undefined || name === except) return true;
    if (name === 'transactionType') return d.transactionTypes.includes(value as TransactionType);
    const key = name as Exclude<FacetName, 'transactionType'>;
    return d[key] === value;
  };
  return docs.filter(
    (d) =>
      pass(d, 'kind', q.kind) &&
      pass(d, 'field', q.field) &&
      pass(d, 'region', q.region) &&
      pass(d, 'pricingMode', q.pricingMode) &&
      pass(d, 'status', q.status) &&
      pass(d, 'maturity', q.maturity) &&
      pass(d, 'transactionType', q.transactionType) &&
      (q.min === undefined || (d.priceFen !== null && d.priceFen >= q.min)) &&
      (q.max === undefined || (d.priceFen !== null && d.priceFen <= q.max)),
  );
}

function expectedFacets(docs: SearchDocument[], q: SearchQuery): Record<FacetName, Record<string, number>> {
  const out = {} as Record<FacetName, Record<string, number>>;
  for (const name of Object.keys(FACET_VALUES) as FacetName[]) {
    const counts: Record<string, number> = {};
    for (const d of expected(docs, q, name)) {
      const single: string | null = name === 'transactionType' ? null : d[name];
      const values: string[] = name === 'transactionType' ? d.transactionTypes : single === null ? [] : [single];
      for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
    }
    out[name] = counts;
  }
  return out;
}

function facetsAsRecord(result: SearchResult): Record<FacetName, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(result.facets).map(([name, list]) => [
      name,
      Object.fromEntries(list.map((f) => [f.value, f.count])),
    ]),
  ) as Record<FacetName, Record<string, number>>;
}

const HOSTILE_QUERIES = [
  '&|!():*',
  "'",
  '"',
  "''''",
  '\\',
  'a & b | !c',
  "电池' & '锂",
  '电池:* <-> 锂电 <2> 正极',
  "'; drop table search.documents; --",
  "1' or '1'='1",
  'select * from pg_user',
  '$1::tsquery',
  '%_%',
  'x'.repeat(10_000),
  '锂电池'.repeat(3_400),
  '\u0000\u0001\u0002电池\u001f\u007f',
  '\ud800\udc00\ud83d\ude00电池\u200b',
  '<script>alert(1)</script>',
  '   ',
  '',
];

export function runEngineContract(name: string, setup: () => Promise<ContractContext>): void {
  describe(`${name} engine contract`, () => {
    let ctx: ContractContext;
    let engine: SearchEngine;
    let docs: SearchDocument[];
    const byTitle = (title: string) => docs.find((d) => d.title === title)!;

    beforeAll(async () => {
      ctx = await setup();
      engine = ctx.engine;
      await engine.init();
      await engine.init(); // idempotent
      await engine.reset();
      docs = FIXTURES.map(makeDocument);
      await engine.upsert(docs);
    });

    afterAll(async () => {
      await ctx?.teardown();
    });

    it('finds a two-character word inside a longer one (电池 → 锂电池)', async () => {
      const r = await engine.search({ q: '电池' });
      const titles = r.hits.map((h) => h.title);
      expect(titles).toEqual(
        expect.arrayContaining([
          '高能量密度锂电池正极材料',
          '钠离子电池储能系统',
          '氢燃料电池电堆',
          '寻求锂电池热失控预警技术',
        ]),
      );
      expect(r.total).toBe(4);
      expect(titles).not.toContain('5G基站天线阵列');
    });

    it('requires every query word', async () => {
      const r = await engine.search({ q: '锂电池 预警' });
      expect(r.hits.map((h) => h.title)).toEqual(['寻求锂电池热失控预警技术']);
    });

    it('finds abbreviations and patent numbers', async () => {
      expect((await engine.search({ q: '5G' })).total).toBe(2);
      expect((await engine.search({ q: 'ZL202310123456.7' })).hits.map((h) => h.title)).toEqual([
        '高能量密度锂电池正极材料',
      ]);
      expect((await engine.search({ q: '202310123456.7' })).hits.map((h) => h.title)).toEqual([
        '高能量密度锂电池正极材料',
      ]);
    });

    it('expands synonyms (AI ↔ 人工智能)', async () => {
      expect((await engine.search({ q: 'AI' })).hits.map((h) => h.title)).toEqual(['人工智能排产优化需求']);
    });

    it('returns highlight segments, not markup', async () => {
      const r = await engine.search({ q: '锂电池', kind: 'supply' });
      expect(r.hits[0]!.highlights.title).toEqual([
        { text: '高能量密度', hit: false },
        { text: '锂电池', hit: true },
        { text: '正极材料', hit: false },
      ]);
      expect(r.hits[0]!.highlights.summary.some((s) => s.hit)).toBe(true);
    });

    it('returns the hit fields of the document', async () => {
      const r = await engine.search({ q: 'ZL202310123456.7' });
      const d = byTitle('高能量密度锂电池正极材料');
      expect(r.hits[0]).toMatchObject({
        id: d.id,
        kind: 'supply',
        organisationName: '大连理工大学',
        field: 'new_energy',
        region: 'dalian',
        pricingMode: 'fixed',
        transactionTypes: ['transfer', 'license'],
        status: 'listed',
        maturity: 'pilot',
        priceFen: 5_000_000,
        deadline: null,
        publishedAt: d.publishedAt,
        inPool: false,
      });
    });

    const FILTERS: SearchQuery[] = [
      {},
      { kind: 'supply' },
      { kind: 'demand' },
      { field: 'new_energy' },
      { region: 'dalian' },
      { kind: 'supply', region: 'dalian' },
      { pricingMode: 'fixed' },
      { transactionType: 'license' },
      { status: 'converted' },
      { maturity: 'pilot' },
      { min: 3_000_000 },
      { max: 4_000_000 },
      { min: 3_000_000, max: 9_000_000, kind: 'supply' },
      { kind: 'supply', field: 'new_energy', transactionType: 'transfer' },
      { kind: 'demand', region: 'shenyang', field: 'robotics_automation' },
    ];

    it.each(FILTERS)('filters and counts facets under the other filters: %o', async (q) => {
      const r = await engine.search({ ...q, pageSize: 50 });
      const want = expected(docs, q);
      expect(r.total).toBe(want.length);
      expect(r.hits.map((h) => h.id).sort()).toEqual(want.map((d) => d.id).sort());
      expect(facetsAsRecord(r)).toEqual(expectedFacets(docs, q));
    });

    it('counts facets for a text query', async () => {
      const r = await engine.search({ q: '电池', kind: 'supply' });
      expect(r.total).toBe(3);
      expect(facetsAsRecord(r).kind).toEqual({ supply: 3, demand: 1 });
      expect(facetsAsRecord(r).region).toEqual({ dalian: 2, shenyang: 1 });
    });

    it('lists facet values most frequent first', async () => {
      const r = await engine.search({});
      const counts = r.facets.field.map((f) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('sorts by newest, price and deadline, missing values last', async () => {
      const newest = await engine.search({ sort: 'newest', pageSize: 50 });
      const times = newest.hits.map((h) => Date.parse(h.publishedAt!));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const price = await engine.search({ sort: 'price', pageSize: 50 });
      const prices = price.hits.map((h) => h.priceFen);
      const priced = prices.filter((p): p is number => p !== null);
      expect(priced).toEqual([...priced].sort((a, b) => a - b));
      expect(prices.slice(priced.length).every((p) => p === null)).toBe(true);

      const deadline = await engine.search({ kind: 'demand', sort: 'deadline', pageSize: 50 });
      expect(deadline.hits.map((h) => h.title)).toEqual([
        '机器人焊接工作站集成需求',
        '寻求锂电池热失控预警技术',
        '5G专网矿山应用方案征集',
        '人工智能排产优化需求',
      ]);
    });

    it('sorts a text query by price', async () => {
      const r = await engine.search({ q: '电池', sort: 'price' });
      expect(r.hits.map((h) => h.priceFen)).toEqual([800_000, 5_000_000, 20_000_000, null]);
      expect(r.hits.every((h) => h.score === 0)).toBe(true);
    });

    it('ranks title matches above body matches', async () => {
      const extra = makeDocument({
        title: '储能电站运维平台',
        summary: '平台可接入锂电池、液流电池等多种储能设备',
        publishedAt: new Date(NOW),
      });
      await engine.upsert([extra]);
      try {
        const r = await engine.search({ q: '锂电池' });
        const titles = r.hits.map((h) => h.title);
        expect(titles.indexOf('储能电站运维平台')).toBe(titles.length - 1);
        expect(r.hits.map((h) => h.score)).toEqual([...r.hits.map((h) => h.score)].sort((a, b) => b - a));
      } finally {
        await engine.remove([extra.id]);
      }
    });

    it('paginates without gaps or repeats', async () => {
      const all = await engine.search({ sort: 'newest', pageSize: 50 });
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await engine.search({ sort: 'newest', pageSize: 3, page });
        expect(r.total).toBe(all.total);
        expect(r.page).toBe(page);
        expect(r.pageSize).toBe(3);
        seen.push(...r.hits.map((h) => h.id));
      }
      expect(seen).toEqual(all.hits.map((h) => h.id));
      const beyond = await engine.search({ sort: 'newest', pageSize: 3, page: 20 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it('removes documents, ignoring unknown ids', async () => {
      const gone = makeDocument({ title: '临时测试项目甲', publishedAt: new Date(NOW) });
      await engine.upsert([gone]);
      expect((await engine.search({ q: '临时测试项目甲' })).total).toBe(1);
      await engine.remove([gone.id, randomUUID(), 'not-a-uuid']);
      const r = await engine.search({ q: '临时测试项目甲' });
      expect(r.total).toBe(0);
      expect(r.hits).toEqual([]);
      expect((await engine.search({ pageSize: 50 })).total).toBe(docs.length);
      await engine.remove([]);
    });

    it('replaces a document on upsert with the same id', async () => {
      const first = makeDocument({
        title: '旧标题光刻胶项目',
        field: 'integrated_circuits',
        publishedAt: new Date(NOW),
      });
      await engine.upsert([first]);
      const second = makeDocument({
        id: first.id,
        title: '新标题溅射靶材项目',
        field: 'new_materials',
        version: 2,
        publishedAt: new Date(NOW),
      });
      await engine.upsert([second]);
      try {
        expect((await engine.search({ q: '光刻胶' })).total).toBe(0);
        const r = await engine.search({ q: '溅射靶材' });
        expect(r.hits.map((h) => [h.id, h.field])).toEqual([[first.id, 'new_materials']]);
        expect((await engine.search({ field: 'integrated_circuits' })).total).toBe(0);
        expect((await engine.indexedVersions([first.id])).get(first.id)).toBe(2);
      } finally {
        await engine.remove([first.id]);
      }
    });

    it('reports indexed versions for indexed ids only', async () => {
      const d = docs[0]!;
      const versions = await engine.indexedVersions([d.id, randomUUID(), 'not-a-uuid']);
      expect([...versions.entries()]).toEqual([[d.id, 1]]);
    });

    it('never indexes a classified result, and follows the listing in and out of public states', async () => {
      const { db } = ctx;
      const code = `91210000${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}X`;
      const org = await db.execute<{ id: string }>(sql`insert into organisations
          (kind, name, credit_code, region, institution_type, affiliation, verification_status)
          values ('institution', '涉密测试研究所', ${code}, 'dalian', 'research_institute', 'provincial', 'verified')
          returning id`);
      const orgId = org.rows[0]!.id;
      const result = await db.execute<{ id: string }>(sql`insert into results
          (institution_id, title, summary, field, maturity, security_class)
          values (${orgId}, '舰载雷达吸波涂层', '涉密成果', 'new_materials', 'pilot', 'classified') returning id`);
      const resultId = result.rows[0]!.id;
      const listing = await db.execute<{ id: string }>(sql`insert into listings
          (kind, organisation_id, result_id, title, summary, field, region, status, pricing_mode,
           transaction_types, price_fen, published_at)
          values ('supply', ${orgId}, ${resultId}, '隐身吸波涂层成果', '一种宽频吸波涂层', 'new_materials', 'dalian',
            'listed', 'fixed', '{transfer}', 1000000, now()) returning id`);
      const listingId = listing.rows[0]!.id;

      // 措施十五: classified → no document, however public the listing.
      expect(await indexListing(db, engine, listingId)).toBe('removed');
      expect((await engine.search({ q: '吸波涂层' })).total).toBe(0);
      expect((await engine.suggest('吸波')).length).toBe(0);

      await db.execute(sql`update results set security_class = 'public' where id = ${resultId}`);
      expect(await indexListing(db, engine, listingId)).toBe('indexed');
      expect((await engine.search({ q: '吸波涂层' })).hits.map((h) => h.id)).toEqual([listingId]);

      // Back to classified (or out of public states): the worker's next pass removes it.
      await db.execute(sql`update results set security_class = 'classified' where id = ${resultId}`);
      expect(await indexListing(db, engine, listingId)).toBe('removed');
      expect((await engine.search({ q: '吸波涂层' })).total).toBe(0);

      await db.execute(sql`update results set security_class = 'public' where id = ${resultId}`);
      await db.execute(sql`update listings set status = 'pending_review' where id = ${listingId}`);
      expect(await indexListing(db, engine, listingId)).toBe('removed');
      expect((await engine.search({ q: '吸波涂层' })).total).toBe(0);
    });

    it.each(HOSTILE_QUERIES.map((q) => [JSON.stringify(q.slice(0, 40)), q]))(
      'answers hostile query %s with results, never an error',
      async (_, q) => {
        const r = await engine.search({ q, kind: 'supply' });
        expect(Array.isArray(r.hits)).toBe(true);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(docs.length + 2);
        await engine.suggest(q);
        // The index is intact afterwards.
        expect((await engine.search({ pageSize: 50 })).total).toBe(docs.length);
      },
    );

    it.each<[string, SearchQuery]>([
      ['an unknown kind', { kind: "supply' or 1=1 --" as ListingKind }],
      ['an unknown field', { field: 'x"; drop' as IndustryField }],
      ['a non-public status', { status: 'draft' as never }],
      ['page 0', { page: 0 }],
      ['a huge page size', { pageSize: 1_000 }],
      ['a page past the result window', { page: 10_000 }],
      ['a negative price', { min: -1 }],
      ['a fractional price', { max: 1.5 }],
      ['min above max', { min: 10, max: 5 }],
      ['an unknown sort', { sort: 'random' as never }],
    ])('refuses %s with a typed validation error', async (_, q) => {
      const error = await engine.search(q).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('suggests titles for a prefix', async () => {
      const s = await engine.suggest('锂电');
      expect(s.map((x) => x.title).sort()).toEqual(['寻求锂电池热失控预警技术', '高能量密度锂电池正极材料']);
      expect(s[0]!.highlight.some((seg) => seg.hit && seg.text === '锂电')).toBe(true);
      expect((await engine.suggest('5')).map((x) => x.title).sort()).toEqual([
        '5G专网矿山应用方案征集',
        '5G基站天线阵列',
      ]);
      expect(await engine.suggest('   ')).toEqual([]);
      expect((await engine.suggest('电池', 1)).length).toBe(1);
    });

    it('suggests titles by the pinyin and the initials of their words (issue 21)', async () => {
      const titles = async (q: string) => (await engine.suggest(q, 10)).map((x) => x.title);
      expect(await titles('lidianchi')).toEqual(
        expect.arrayContaining(['寻求锂电池热失控预警技术', '高能量密度锂电池正极材料']),
      );
      expect(await titles('lidian')).toEqual(expect.arrayContaining(['高能量密度锂电池正极材料']));
      expect(await titles('ldc')).toEqual(expect.arrayContaining(['高能量密度锂电池正极材料']));
    });

    it('explains an empty result and offers queries that find something (issue 21)', async () => {
      const query = { q: '锂电池 饕餮' };
      expect((await engine.search(query)).total).toBe(0);
      const help = await emptyPageHelp(engine, query);
      expect(help?.reason).toBe('没有公开项目包含：饕餮');
      expect(help?.alternatives[0]).toMatchObject({ q: '锂电池', hint: '去掉「饕餮」' });
      expect(help!.alternatives[0]!.total).toBeGreaterThan(0);
      const filtered = await emptyPageHelp(engine, { q: '锂电池', region: 'tieling' });
      expect(filtered?.alternatives).toEqual([expect.objectContaining({ q: '锂电池', clearFilters: true })]);
      // The word is there, outside the filters: the filters are what leaves nothing.
      expect(filtered?.reason).toBe('当前筛选条件下没有匹配的项目');
      expect(await emptyPageHelp(engine, { q: '我们 有没有' })).toBeNull();
      // A sentence: one search with the words that exist instead of one per dropped word.
      const sentence = await emptyPageHelp(engine, { q: '锂电池 饕餮 貔貅' });
      expect(sentence?.alternatives[0]).toMatchObject({ q: '锂电池', hint: '只保留「锂电池」' });
    });

    it('finds which words of an empty query occur without a search per word (issue 21)', async () => {
      const searched: Array<string | undefined> = [];
      const counting = new Proxy(engine, {
        get(target, prop) {
          if (prop === 'search') {
            return (q: SearchQuery) => {
              searched.push(q.q);
              return target.search(q);
            };
          }
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const help = await emptyPageHelp(counting, { q: '锂电池 机器人 饕餮 貔貅' });
      expect(help?.reason).toBe('没有公开项目包含：饕餮、貔貅');
      // One search: the offer of the words that exist (each word alone used to be a search too).
      expect(searched).toEqual(['锂电池 机器人']);
    });

    it('counts the listings a word finds alone, up to a cap, as a search would (issue 21)', async () => {
      // Synonyms (uav), traditional characters, a homophone typo (pinyin), nothing.
      const words = ['锂电池', '电池', '机器人', 'uav', '鋰電池', '锂电驰', '饕餮'];
      const totals = await Promise.all(words.map(async (q) => (await engine.search({ q })).total));
      expect(totals.filter((t) => t > 1).length).toBeGreaterThan(1);
      expect(totals[5]).toBeGreaterThan(0);
      expect(totals[6]).toBe(0);
      expect(await engine.wordCounts(words, 1_000)).toEqual(totals);
      expect(await engine.wordCounts(words)).toEqual(totals.map((t) => Math.min(t, 1)));
      expect(await engine.wordCounts(words, 2)).toEqual(totals.map((t) => Math.min(t, 2)));
      // Only function words: no query, so no word that occurs.
      expect(await engine.wordCounts(['的', '有没有'])).toEqual([0, 0]);
      expect(await engine.wordCounts([])).toEqual([]);
    });

    it('finds traditional characters and a homophone typo, exact matches first (issue 21)', async () => {
      expect((await engine.search({ q: '鋰電池' })).hits.map((h) => h.title)).toContain('高能量密度锂电池正极材料');
      const typo = await engine.search({ q: '锂电驰' });
      expect(typo.hits.map((h) => h.title)).toContain('高能量密度锂电池正极材料');
      // A query of function words only is no query.
      expect((await engine.search({ q: '我们 有没有 怎么' })).total).toBe((await engine.search({})).total);
    });

    it('matches a demand with supply listings that share its key terms', async () => {
      const demand = byTitle('寻求锂电池热失控预警技术');
      const matches = await engine.match(demand);
      expect(matches.length).toBeGreaterThan(0);
      expect(matches[0]!.title).toBe('高能量密度锂电池正极材料');
      expect(matches[0]!.matchedTerms).toContain('锂电池');
      expect(matches.every((m) => m.kind === 'supply' && m.id !== demand.id)).toBe(true);
      expect(matches.every((m) => m.score > 0 && m.score <= 1)).toBe(true);
      // Converted or otherwise closed listings are not offered.
      expect(matches.map((m) => m.title)).not.toContain('碳纤维复合材料');
    });

    it('matches a supply listing with demands', async () => {
      const supply = byTitle('工业机器人视觉检测系统');
      const matches = await engine.match(supply);
      expect(matches.map((m) => m.title)).toContain('机器人焊接工作站集成需求');
      expect(matches.every((m) => m.kind === 'demand')).toBe(true);
    });

    it('rebuilds the whole index from a source, dropping what the source no longer has', async () => {
      const keep = docs.slice(0, 8);
      async function* source() {
        yield keep.slice(0, 5);
        yield keep.slice(5);
      }
      const stats = await engine.rebuild(source());
      expect(stats.indexed).toBe(8);
      expect(stats.removed).toBe(2);
      const r = await engine.search({ pageSize: 50 });
      expect(r.hits.map((h) => h.id).sort()).toEqual(keep.map((d) => d.id).sort());
      expect((await engine.search({ q: '锂电池' })).total).toBeGreaterThan(0);
      // Writes after a rebuild land normally.
      await engine.upsert(docs.slice(8));
      expect((await engine.search({ pageSize: 50 })).total).toBe(docs.length);
    });

    it('reset empties the index', async () => {
      await engine.reset();
      expect((await engine.search({})).total).toBe(0);
      await engine.upsert(docs);
      expect((await engine.search({})).total).toBe(docs.length);
    });
  });
}
