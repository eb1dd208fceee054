// The summary levels (stat_rollup_cells: organisation / province / region / field, each by month,
// quarter and year, the conversion category without its counterparty, histograms as arrays) against
// the full cube they are summed from: on random cubes, every dashboard query answered from the levels
// gives the figures the same query gives read from the cube — through a full re-sum and through the
// incremental rebuild of a few months (which also rebuilds their quarters and years). The cube itself is checked
// against the source tables in rollup.test.ts and rollup-ledger.test.ts.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { statCells, statRollups } from '../../db/schema/index.js';
import { RANK_FIELD_IDS, type StatMetric } from '../../domain/statistics/metrics.js';
import { METRIC_SOURCES } from '../../server/statistics/all-sources.js';
import { LEVELS_MARK, monthsOfPeriod, periodStart, rebuildLevels, rollUp } from '../../server/statistics/rollup.js';
import {
  FIGURE_DIMENSIONS,
  periodSplit,
  rank,
  rankedOrganisations,
  scopedFigures,
  sourceOf,
  type FigureQuery,
  type StatScope,
} from '../../server/statistics/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, 3);
  await database.db.insert(statRollups).values({ id: 1, asOf: new Date('2026-12-01T00:00:00Z') });
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const ORGS = [randomUUID(), randomUUID(), randomUUID()];
const REGIONS = ['shenyang', 'dalian', null];
const FIELDS = ['new_materials', 'biomedicine', null];
const UNITS = [randomUUID(), null];
// Months at both ends of quarters and years, and inside them.
const MONTHS = [0, 1, 2, 3, 5, 11, 12, 13, 16, 20, 21, 23, 24, 30, 35].map((i) => {
  const y = 2024 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}-01`;
});
const CATEGORIES: Partial<Record<StatMetric, string[]>> = {
  conversion: [
    'deal|transfer|private',
    'deal|transfer|state_owned',
    'demand|license|other',
    'off_platform|equity|private',
  ],
  income_received: ['deal|transfer', 'demand|license'],
  auction_closed: ['sold', 'unsold'],
  objection_filed: ['standing', 'rejected'],
  licence_payment: ['paid', 'overdue', 'scheduled'],
};
const METRICS: StatMetric[] = [
  'conversion',
  'income_received',
  'days_to_conversion',
  'auction_closed',
  'objection_filed',
  'licence_payment',
  'claim_made',
];

const cell = fc.record({
  metric: fc.constantFrom(...METRICS),
  month: fc.constantFrom(...MONTHS),
  organisation: fc.constantFrom(...ORGS),
  unit: fc.constantFrom(...UNITS),
  region: fc.constantFrom(...REGIONS),
  field: fc.constantFrom(...FIELDS),
  pick: fc.nat(),
  bucket: fc.integer({ min: 0, max: 30 }),
  count: fc.integer({ min: 1, max: 5 }),
  amount: fc.integer({ min: 0, max: 10_000_000 }),
  base: fc.integer({ min: 0, max: 10_000_000 }),
});
type Cell = typeof cell extends fc.Arbitrary<infer T> ? T : never;

function rowOf(c: Cell) {
  const categories = CATEGORIES[c.metric];
  return {
    metric: c.metric,
    month: c.month,
    organisationId: c.organisation,
    orgUnitId: c.unit,
    field: c.field,
    region: c.region,
    category: categories ? categories[c.pick % categories.length]! : '',
    bucket: c.metric === 'days_to_conversion' ? c.bucket : 0,
    count: c.count,
    amountFen: c.amount,
    baseFen: c.base,
  };
}

async function writeCube(db: Database['db'], cells: Cell[]) {
  // Distinct keys: the cube has one row per key.
  const rows = new Map<string, ReturnType<typeof rowOf>>();
  for (const c of cells) {
    const r = rowOf(c);
    rows.set([r.metric, r.month, r.organisationId, r.orgUnitId, r.field, r.region, r.category, r.bucket].join('/'), r);
  }
  if (rows.size) await db.insert(statCells).values([...rows.values()]);
}

const yearMonth = fc
  .integer({ min: 0, max: 35 })
  .map((i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const query = fc
  .record({
    a: yearMonth,
    b: yearMonth,
    // Ragged ranges, or widened to whole quarters or whole years.
    widen: fc.constantFrom('none' as const, 'quarters' as const, 'years' as const),
    grain: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
    by: fc.constantFrom(...FIGURE_DIMENSIONS.filter((d) => d !== 'unit' && d !== 'researcher')),
    region: fc.option(fc.constantFrom('shenyang', 'dalian'), { nil: undefined }),
    field: fc.option(fc.constantFrom('new_materials', 'biomedicine'), { nil: undefined }),
    scope: fc.constantFrom<StatScope>('all', [ORGS[0]!], [ORGS[0]!, ORGS[2]!]),
  })
  .map(({ a, b, widen, scope, ...q }) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const grain = widen === 'years' ? 'year' : 'quarter';
    const query: FigureQuery = {
      ...q,
      from: widen === 'none' ? from : periodStart(`${from}-01`, grain).slice(0, 7),
      to:
        widen === 'none'
          ? to
          : monthsOfPeriod(periodStart(`${to}-01`, grain), grain)
              .at(-1)!
              .slice(0, 7),
    };
    return { query, scope };
  });

async function sameFigures(db: Database['db'], q: FigureQuery, scope: StatScope) {
  const source = sourceOf(q, scope);
  // A field with a region (the field level keeps no region) is the cube's already.
  if (source.table === 'cube') return expect(q.field ?? q.by === 'field').toBeTruthy();
  const fromLevels = await scopedFigures(db, q, scope);
  const fromCube = await scopedFigures(db, q, scope, { table: 'cube' });
  expect(fromLevels.rows, JSON.stringify({ q, scope, source })).toEqual(fromCube.rows);
  expect(fromLevels.total).toEqual(fromCube.total);
}

describe('summary levels', () => {
  const M = (from: string, to: string) => ({ from, to });
  it.each([
    // Not grouped by period: whole years, then whole quarters, then months.
    ['2024-01', '2026-12', 'organisation', 'month', ['2024', '2025', '2026'], [], []],
    [
      '2024-02',
      '2025-11',
      'organisation',
      'year',
      [],
      ['2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07'],
      [M('2024-02', '2024-03'), M('2025-10', '2025-11')],
    ],
    [
      '2024-03',
      '2026-02',
      'field',
      'quarter',
      ['2025'],
      ['2024-04', '2024-07', '2024-10'],
      [M('2024-03', '2024-03'), M('2026-01', '2026-02')],
    ],
    ['2024-04', '2025-12', 'region', 'month', ['2025'], ['2024-04', '2024-07', '2024-10'], []],
    [
      '2025-02',
      '2025-11',
      'field',
      'year',
      [],
      ['2025-04', '2025-07'],
      [M('2025-02', '2025-03'), M('2025-10', '2025-11')],
    ],
    ['2025-02', '2025-05', 'organisation', 'year', [], [], [M('2025-02', '2025-05')]],
    ['2025-04', '2025-06', 'route', 'year', [], ['2025-04'], []],
    ['2025-05', '2025-05', 'organisation', 'year', [], [], [M('2025-05', '2025-05')]],
    // By year: the same split (a quarter's cells group into their year).
    [
      '2024-03',
      '2026-02',
      'period',
      'year',
      ['2025'],
      ['2024-04', '2024-07', '2024-10'],
      [M('2024-03', '2024-03'), M('2026-01', '2026-02')],
    ],
    ['2024-01', '2024-12', 'period', 'year', ['2024'], [], []],
    // By quarter: no years; whole quarters, the months at the ragged ends.
    ['2024-01', '2024-12', 'period', 'quarter', [], ['2024-01', '2024-04', '2024-07', '2024-10'], []],
    [
      '2024-02',
      '2025-11',
      'period',
      'quarter',
      [],
      ['2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07'],
      [M('2024-02', '2024-03'), M('2025-10', '2025-11')],
    ],
    [
      '2025-01',
      '2026-12',
      'period',
      'quarter',
      [],
      ['2025-01', '2025-04', '2025-07', '2025-10', '2026-01', '2026-04', '2026-07', '2026-10'],
      [],
    ],
    ['2025-02', '2025-03', 'period', 'quarter', [], [], [M('2025-02', '2025-03')]],
    // By month: months only.
    ['2024-01', '2025-12', 'period', 'month', [], [], [M('2024-01', '2025-12')]],
    ['2024-02', '2025-11', 'period', 'month', [], [], [M('2024-02', '2025-11')]],
  ] as const)(
    'split %s … %s by %s (%s) into years %j, quarters %j, months %j',
    (from, to, by, grain, years, quarters, months) => {
      expect(periodSplit({ from, to, by, grain })).toEqual({
        years: years.map((y) => `${y}-01-01`),
        quarters: quarters.map((q) => `${q}-01`),
        months,
      });
    },
  );

  it.each([
    ['2025-01-01', 'quarter', '2025-01-01'],
    ['2025-03-01', 'quarter', '2025-01-01'],
    ['2025-05-01', 'quarter', '2025-04-01'],
    ['2025-12-01', 'quarter', '2025-10-01'],
    ['2025-12-01', 'year', '2025-01-01'],
    ['2025-12-01', 'month', '2025-12-01'],
  ] as const)('put %s in the %s starting %s', (month, grain, start) => {
    expect(periodStart(month, grain)).toBe(start);
    expect(monthsOfPeriod(start, grain)).toContain(month);
  });

  it('keep one cell per key and year: no counterparty, the histogram as arrays', async () => {
    const db = database.db;
    await db.execute(sql`truncate stat_cells, stat_rollup_cells, stat_dirty`);
    const base = { month: '2025-03-01', organisationId: ORGS[0]!, region: 'dalian', field: 'biomedicine' };
    await db.insert(statCells).values([
      { ...base, metric: 'conversion', category: 'deal|transfer|private', count: 2, amountFen: 300 },
      { ...base, metric: 'conversion', category: 'deal|transfer|state_owned', count: 1, amountFen: 50 },
      { ...base, metric: 'days_to_conversion', bucket: 40, count: 2 },
      { ...base, metric: 'days_to_conversion', bucket: 12, count: 1 },
      { ...base, month: '2025-07-01', metric: 'days_to_conversion', bucket: 12, count: 4 },
    ]);
    await db.execute(sql`insert into stat_dirty (source, month) values (${LEVELS_MARK}, '0001-01-01')`);
    await rollUp(db);
    const { rows } = await db.execute<Record<string, unknown>>(sql`
      select metric, to_char(month, 'YYYY-MM') as month, category, count::int, amount_fen::int, buckets, bucket_counts
      from stat_rollup_cells where level = 'organisation' and grain = 'year' order by metric`);
    expect(rows).toEqual([
      {
        metric: 'conversion',
        month: '2025-01',
        category: 'deal|transfer',
        count: 3,
        amount_fen: 350,
        buckets: null,
        bucket_counts: null,
      },
      {
        metric: 'days_to_conversion',
        month: '2025-01',
        category: '',
        count: 7,
        amount_fen: 0,
        buckets: [12, 40],
        bucket_counts: ['5', '2'],
      },
    ]);
    // The cube keeps the counterparty for the annual report.
    const { rows: cube } = await db.execute(sql`select 1 from stat_cells where metric = 'conversion'`);
    expect(cube).toHaveLength(2);
  });

  it('keep one cell per key and quarter, rewritten whole when one of its months changes', async () => {
    const db = database.db;
    await db.execute(sql`truncate stat_cells, stat_rollup_cells, stat_dirty`);
    // One conversion cell in every month of 2024–2025: amount = the month's number (1–24).
    const cube = Array.from({ length: 24 }, (_, i) => ({
      metric: 'conversion' as const,
      month: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
      organisationId: ORGS[i % 2]!,
      region: REGIONS[i % 3],
      field: FIELDS[i % 3],
      category: 'deal|transfer|private',
      count: 1,
      amountFen: i + 1,
    }));
    await db.insert(statCells).values(cube);
    await db.execute(sql`insert into stat_dirty (source, month) values (${LEVELS_MARK}, '0001-01-01')`);
    await rollUp(db);
    const quarters = async () =>
      (
        await db.execute<{ month: string; count: number; amount: number }>(sql`
          select to_char(month, 'YYYY-MM') as month, count::int, amount_fen::int as amount
          from stat_rollup_cells where level = 'province' and grain = 'quarter' and metric = 'conversion'
          order by month`)
      ).rows;
    expect(await quarters()).toEqual(
      Array.from({ length: 8 }, (_, q) => ({
        month: `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}`,
        count: 3,
        amount: 3 * (3 * q + 2), // the quarter's three months: 3q+1, 3q+2, 3q+3
      })),
    );

    // The ragged range 2024-02 … 2025-11 by every breakdown the levels answer, grouped by quarter,
    // year and month among them.
    const ragged = { from: '2024-02', to: '2025-11' };
    const queries: FigureQuery[] = [
      ...(['quarter', 'year', 'month'] as const).map((grain) => ({ ...ragged, grain, by: 'period' as const })),
      ...(['organisation', 'field', 'region', 'route'] as const).map((by) => ({
        ...ragged,
        grain: 'quarter' as const,
        by,
      })),
    ];
    for (const scope of ['all', [ORGS[0]!]] as StatScope[]) {
      for (const q of queries) await sameFigures(db, q, scope);
    }
    const byQuarter = await scopedFigures(db, { ...ragged, grain: 'quarter', by: 'period' }, 'all');
    expect(byQuarter.rows.map((r) => [r.key, r.values.contract_amount])).toEqual([
      ['2024-Q1', 2 + 3],
      ['2024-Q2', 15],
      ['2024-Q3', 24],
      ['2024-Q4', 33],
      ['2025-Q1', 42],
      ['2025-Q2', 51],
      ['2025-Q3', 60],
      ['2025-Q4', 22 + 23],
    ]);

    // May 2025 changes (as rebuildMetric leaves it): its quarter is re-summed from all three months.
    await db.execute(sql`update stat_cells set amount_fen = 100, count = 2 where month = '2025-05-01'`);
    await db.transaction(async (tx) => {
      for (const s of METRIC_SOURCES) await rebuildLevels(tx, s, ['2025-05-01']);
    });
    expect((await quarters()).find((r) => r.month === '2025-04')).toEqual({
      month: '2025-04',
      count: 4,
      amount: 16 + 100 + 18,
    });
    for (const q of queries) await sameFigures(db, q, 'all');
  });

  it('give the cube’s figures for every dashboard query, after a full re-sum and after incremental months', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell, { minLength: 1, maxLength: 60 }),
        fc.array(query, { minLength: 6, maxLength: 6 }),
        fc.array(cell, { minLength: 1, maxLength: 10 }),
        async (cells, queries, later) => {
          await db.execute(sql`truncate stat_cells, stat_rollup_cells, stat_dirty`);
          await writeCube(db, cells);
          await db.execute(sql`insert into stat_dirty (source, month) values (${LEVELS_MARK}, '0001-01-01')`);
          await rollUp(db);
          for (const { query: q, scope } of queries) await sameFigures(db, q, scope);

          // A later change of a few months of the cube, as rebuildMetric makes it: those months
          // rewritten (every other old cell gone, the later ones added or replacing), then just
          // them re-summed (their years with them).
          const touched = [...new Set(later.map((c) => c.month))].sort();
          await db.execute(sql`delete from stat_cells where month = any(${sql.param(touched)}::date[])`);
          const kept = cells.filter((c, i) => touched.includes(c.month) && i % 2 === 0);
          await writeCube(db, [...kept, ...later]);
          await db.transaction(async (tx) => {
            for (const s of METRIC_SOURCES) await rebuildLevels(tx, s, touched);
          });
          for (const { query: q, scope } of queries) await sameFigures(db, q, scope);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('rank organisations in the database as the full computation ranks them: its first N, the total of all', async () => {
    const db = database.db;
    const ranked = query.chain(({ query: q, scope }) =>
      fc
        .record({
          sort: fc.constantFrom(...RANK_FIELD_IDS),
          limit: fc.integer({ min: 1, max: 4 }),
        })
        .map((r) => ({ query: { ...q, by: 'organisation' as const, ...r }, scope })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell, { minLength: 1, maxLength: 60 }),
        fc.array(ranked, { minLength: 6, maxLength: 6 }),
        async (cells, queries) => {
          await db.execute(sql`truncate stat_cells, stat_rollup_cells, stat_dirty`);
          await writeCube(db, cells);
          await db.execute(sql`insert into stat_dirty (source, month) values (${LEVELS_MARK}, '0001-01-01')`);
          await rollUp(db);
          for (const { query: q, scope } of queries) {
            // The direct computation: every organisation's figures from the cube, ranked in memory.
            const all = await scopedFigures(db, { ...q, sort: undefined, limit: undefined }, scope, { table: 'cube' });
            const expected = rank(all, q);
            const got = await rankedOrganisations(db, q, scope);
            const context = JSON.stringify({ q, scope });
            expect(
              got.rows.map((r) => r.key),
              context,
            ).toEqual(expected.rows.map((r) => r.key));
            expect(got.rows, context).toEqual(expected.rows);
            expect(got.total, context).toEqual(all.total);
            expect(got.groups, context).toBe(all.rows.length);
          }
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
